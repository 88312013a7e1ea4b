package jsonlite

import (
	"encoding/json"
	"strings"
	"testing"
)

func TestEscapesLetters(t *testing.T) {
	for _, c := range []struct {
		in   string
		want bool
	}{
		{`{"a":"b"}`, false},
		{`{"license":"a \u003c b \u0026 c \u003E"}`, false}, // what syft writes
		{`{"bomF\u006frmat":"x"}`, true},
		{`{"\u0042omFormat":"x"}`, true},
		{`{"\u017fpdxVersion":"x"}`, true}, // long s folds to s
		{`{"\u212Aey":"x"}`, true},         // Kelvin sign folds to k
		{`{"x":"\\u0041"}`, true},          // an escaped backslash: a false positive, allowed
		{`{"x":"\u00`, true},               // cut short
		{`{"x":"\uzzzz"}`, true},           // not hex: the decoder decides
	} {
		if got := EscapesLetters([]byte(c.in)); got != c.want {
			t.Errorf("EscapesLetters(%s) = %v, want %v", c.in, got, c.want)
		}
	}
}

// TestWalkAgreesWithJSON: on valid JSON the walker sees the keys and
// plain string values encoding/json sees, in order.
func TestWalkAgreesWithJSON(t *testing.T) {
	doc := `{ "a" : "x\"y" , "b":[1, {"c":"]}"}, "\\"], "d":{"e":null},"f":-1.5e3,"g":"ü","h":"a\u0026b" }`
	var want map[string]any
	if err := json.Unmarshal([]byte(doc), &want); err != nil {
		t.Fatal(err)
	}
	w := New([]byte(doc))
	var keys []string
	strs := map[string]string{}
	ok := w.Object(func(key []byte, esc bool) bool {
		keys = append(keys, string(key))
		if w.Peek() == '"' {
			save := w.Pos()
			if s, ok := w.String(); ok {
				strs[string(key)] = s
				return true
			}
			w.i = save
		}
		_, _, ok := w.Skip()
		return ok
	})
	if !ok || w.Pos() != len(doc) {
		t.Fatalf("Object stopped at %d of %d (ok %v)", w.Pos(), len(doc), ok)
	}
	if len(keys) != len(want) {
		t.Fatalf("keys %q, want those of %v", keys, want)
	}
	// Strings with escapes are refused by String; the others agree.
	for k, v := range strs {
		if want[k] != v {
			t.Errorf("%s: %q, want %q", k, v, want[k])
		}
	}
	if _, ok := strs["a"]; ok {
		t.Error(`"a" has an escape: String must refuse it`)
	}
	if strs["g"] != "ü" {
		t.Errorf("g = %q", strs["g"])
	}
}

func TestMalformedDoesNotClaimEnd(t *testing.T) {
	for _, doc := range []string{`{"a":`, `{"a" "b"}`, `{"a":"b"`, `{"a":[1,2}`, `["x`, ``} {
		w := New([]byte(doc))
		if w.Object(func([]byte, bool) bool { _, _, ok := w.Skip(); return ok }) {
			t.Errorf("%q: Object reached an end", doc)
		}
	}
}

func TestKeyAt(t *testing.T) {
	for _, c := range []struct {
		doc  string
		want bool
	}{
		{`{"metadata":{}}`, true},
		{`{"metadata" : {}}`, true},
		{"{\"metadata\"\n\t:1}", true},
		{`{"x":"metadata"}`, false},          // a value
		{`{"x":["metadata",1]}`, false},      // an element
		{`{"syft:metadataType":1}`, false},   // a longer key
		{`{"metadatas":1}`, false},           // a longer key
		{`{"x":"a \"metadata\": b"}`, false}, // inside a value, its quotes escaped
		{`{"metadata"`, false},               // cut short
	} {
		i := strings.Index(c.doc, "metadata")
		if got := KeyAt([]byte(c.doc), i, len("metadata")); got != c.want {
			t.Errorf("KeyAt(%s) = %v, want %v", c.doc, got, c.want)
		}
	}
}
