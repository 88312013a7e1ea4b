package jsonscan

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// valid reports whether a Scanner reads data as one well-formed JSON value,
// with the masks or the byte loops.
func valid(data []byte, masks bool) bool {
	var s Scanner
	s.Reset(data, masks)
	defer s.Release()
	s.ws()
	return s.Skip() && s.End()
}

// checkValid fails unless the Scanner accepts what encoding/json accepts,
// both ways.
func checkValid(t *testing.T, data []byte) {
	t.Helper()
	want := json.Valid(data)
	for _, masks := range []bool{false, true} {
		if got := valid(data, masks); got != want {
			t.Errorf("masks %v: Skip says %v, json.Valid %v: %.80q", masks, got, want, data)
		}
	}
}

// checkStr fails unless Str reads the string `"`+body+`"` where
// encoding/json does, and Text and Append give what encoding/json decodes.
func checkStr(t *testing.T, body []byte) {
	t.Helper()
	data := append(append([]byte{'"'}, body...), '"')
	var want string
	werr := json.Unmarshal(data, &want)
	for _, masks := range []bool{false, true} {
		var s Scanner
		s.Reset(data, masks)
		tok, ok := s.Str()
		s.Release()
		if ok && s.Pos != len(data) {
			ok = false // the string ended early: the rest is not JSON
		}
		if ok != (werr == nil) {
			t.Fatalf("masks %v: Str ok %v, encoding/json: %v: %q", masks, ok, werr, body)
		}
		if !ok {
			continue
		}
		if tok.Esc() != bytes.Contains(body, []byte(`\`)) {
			t.Errorf("masks %v: Esc %v: %q", masks, tok.Esc(), body)
		}
		hi := bytes.ContainsFunc(body, func(r rune) bool { return r >= 0x80 })
		if tok.Hi() != hi {
			t.Errorf("masks %v: Hi %v: %q", masks, tok.Hi(), body)
		}
		if got := s.Text(tok); got != want || s.Bad {
			t.Errorf("masks %v: Text = %q, want %q", masks, got, want)
		}
		for how, w := range map[Form]string{
			AsIs:      want,
			Trim:      strings.TrimSpace(want),
			LowerTrim: strings.ToLower(strings.TrimSpace(want)),
		} {
			if got := string(s.Append([]byte("x"), tok, how)); got != "x"+w {
				t.Errorf("masks %v: Append(%d) = %q, want %q", masks, how, got, "x"+w)
			}
		}
	}
}

var validSeeds = []string{
	``, ` `, `null`, `nul`, `true`, `false`, `fals`, `0`, `-0`, `01`, `1.`, `.5`, `-`, `1e`, `1E+5`, `-12.5e-3`,
	`""`, `"a`, `"\u00e9\ud800"`, `"\x"`, "\"a\tb\"", `[]`, `[1,]`, `[1 2]`, `{}`, `{"a":1,}`, `{"a" 1}`, `{1:1}`,
	`{"a":[1,{"b":null}],"c":"d"}`, "\n  {\n    \"a\": [\n      true\n    ]\n  }\n", `{"a":1}}`, `[[]`, `{"a":{"b":[]}} x`,
	strings.Repeat("[", 10000) + strings.Repeat("]", 10000),
	strings.Repeat("[", 10001) + strings.Repeat("]", 10001),
	strings.Repeat(`{"a":`, 9999) + "[]" + strings.Repeat("}", 9999),
	strings.Repeat(`{"a":`, 10000) + "[]" + strings.Repeat("}", 10000),
	"\"" + strings.Repeat("a", 200) + "\u00e9" + strings.Repeat(" ", 100) + "\"",
}

func TestSkipEqualsValid(t *testing.T) {
	for _, s := range validSeeds {
		checkValid(t, []byte(s))
	}
}

func TestStr(t *testing.T) {
	for _, s := range []string{
		``, `a`, ` A b `, `\"`, `\\`, `\/`, `\b\f\n\r\t`, `\u0041\u00e9`, `\ud800`, `\ud83d\ude00`, `\x`, `\u12`, `\`,
		"a\x00", "a\x1fb", "\xff\xfe", "\xc3\xa9 \u00c9T\u00c9 ", " \u0085x\u00a0", `a"b`, strings.Repeat("ab", 100) + "\xc3",
	} {
		checkStr(t, []byte(s))
	}
}

// FuzzSkipEqualsValid checks that the Scanner accepts exactly the JSON
// encoding/json accepts, with the masks and with the byte loops.
func FuzzSkipEqualsValid(f *testing.F) {
	for _, s := range validSeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(checkValid)
}

// FuzzStr checks Str, Text and Append against encoding/json's strings.
func FuzzStr(f *testing.F) {
	for _, s := range []string{`a`, ` A\u00e9 `, `\ud83d\ude00`, "\xff", `\x`, "a\nb"} {
		f.Add([]byte(s))
	}
	f.Fuzz(checkStr)
}
