package query

import (
	"bytes"
	"encoding/json"
	"math/rand/v2"
	"net/url"
	"strings"
	"testing"

	"github.com/sbomx/sbomx/pkg/model"
)

// spelling writes name the way some generator might: letter case flipped,
// PEP 503 separators swapped, dots for dashes.
func spelling(r *rand.Rand, name string) string {
	var b strings.Builder
	for i := 0; i < len(name); i++ {
		c := name[i]
		switch {
		case c == '-' || c == '_' || c == '.':
			b.WriteByte("-_."[r.IntN(3)])
			if r.IntN(4) == 0 {
				b.WriteByte("-_."[r.IntN(3)]) // runs of separators are one in PEP 503
			}
		case 'a' <= c && c <= 'z' && r.IntN(3) == 0:
			b.WriteByte(c - 'a' + 'A')
		default:
			b.WriteByte(c)
		}
	}
	return b.String()
}

var (
	pfTypes = []string{"pypi", "npm", "maven", "golang", "nuget", "cargo", "gem", ""}
	pfNames = []string{"torchtriton", "torch-triton", "log4j-core", "lodash", "lodash.merge", "Django_Rest", "net", "x", "core", "a1", "json5", "node-fetch", "ua-parser-js"}
	pfNS    = []string{"", "", "@types", "@angular", "org.apache.logging.log4j", "golang.org/x", "github.com/Sirupsen", "com.acme"}
)

// component builds a component as an SBOM would hold it, and the bytes of
// its JSON form (json.Marshal escapes <, > and &, as Go-written SBOMs do).
func component(r *rand.Rand) (model.Component, []byte) {
	typ := pfTypes[r.IntN(len(pfTypes))]
	name := spelling(r, pfNames[r.IntN(len(pfNames))])
	ns := pfNS[r.IntN(len(pfNS))]
	c := model.Component{Ref: "c", Name: name, Version: "1.0.0"}
	if r.IntN(2) == 0 {
		c.Group = ns
	}
	if typ != "" {
		p := "pkg:" + typ + "/"
		if ns != "" {
			seg := strings.Split(ns, "/")
			for i := range seg {
				seg[i] = url.PathEscape(seg[i]) // "@" becomes %40
			}
			p += strings.Join(seg, "/") + "/"
		}
		c.PURL = p + url.PathEscape(spelling(r, name)) + "@1.0.0"
	}
	if r.IntN(3) == 0 && ns != "" && typ == "" {
		c.Name = ns + "/" + name // a name that holds its path
	}
	model.IdentifyComponent(&c)
	data, _ := json.Marshal(map[string]any{"bomFormat": "CycloneDX", "components": []any{map[string]string{
		"bom-ref": c.Ref, "name": c.Name, "group": c.Group, "version": c.Version, "purl": c.PURL,
	}}})
	return c, data
}

// queryFor writes a query for a name in one of the forms users type.
func queryFor(r *rand.Rand) string {
	name := spelling(r, pfNames[r.IntN(len(pfNames))])
	switch r.IntN(6) {
	case 0:
		return name
	case 1:
		return "pkg:" + pfTypes[r.IntN(len(pfTypes)-1)] + "/" + url.PathEscape(name)
	case 2:
		ns := pfNS[2+r.IntN(len(pfNS)-2)]
		if strings.Contains(ns, ".") && !strings.Contains(ns, "/") {
			return ns + ":" + name
		}
		return ns + "/" + name
	case 3:
		return name + "@1.0.0"
	case 4:
		return name[:max(1, len(name)/2)] + "*"
	default:
		return name + "@<2.0"
	}
}

// TestPrefilterNeverDropsAMatch is the property the prefilter rests on: for
// generated names, spellings and query forms, whenever a query matches a
// component, the prefilter says "maybe" for the bytes holding it.
func TestPrefilterNeverDropsAMatch(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	matches := 0
	for range 100000 {
		q, err := Parse(queryFor(r))
		if err != nil {
			continue
		}
		c, data := component(r)
		if !q.Matches(&c) {
			continue
		}
		matches++
		p := NewPrefilter([]*Query{q})
		if p != nil && !p.MayMatch(data) {
			t.Fatalf("query %q matches %+v but the prefilter rules out %s", q.Input, c, data)
		}
	}
	if matches < 2000 {
		t.Fatalf("only %d matching pairs generated; the test needs more", matches)
	}
	t.Logf("%d matching (query, component) pairs, none ruled out", matches)
}

func FuzzPrefilter(f *testing.F) {
	f.Add(uint64(1), uint64(2))
	f.Add(uint64(42), uint64(7))
	f.Fuzz(func(t *testing.T, a, b uint64) {
		r := rand.New(rand.NewPCG(a, b))
		for range 50 {
			q, err := Parse(queryFor(r))
			if err != nil {
				continue
			}
			c, data := component(r)
			if q.Matches(&c) {
				if p := NewPrefilter([]*Query{q}); p != nil && !p.MayMatch(data) {
					t.Fatalf("query %q matches %+v but the prefilter rules out %s", q.Input, c, data)
				}
			}
		}
	})
}

func TestPrefilterRulesOut(t *testing.T) {
	tests := []struct {
		query, data string
		want        bool
	}{
		{"torchtriton", `{"name":"torch","purl":"pkg:pypi/torch@2.0"}`, false},
		{"torchtriton", `{"name":"TorchTriton"}`, true},
		{"torch-triton", `{"name":"Torch.Triton"}`, true},
		{"@types/lodash", `{"purl":"pkg:npm/%40types/lodash@4"}`, true},
		{"lodash", `{"name":"lod\u0061sh"}`, true}, // written escaped: cannot rule it out
		{"lodash", `{"name":"lod%61sh"}`, true},
		{"lodash", `<component><name>lod&#97;sh</name></component>`, true},
		{"lodash", `{"name":"lod&#97;sh"}`, false}, // not an escape in JSON
		{"lodash", `{"name":"underscore","description":"\u003cb\u003e"}`, false},
		{"sha256:" + strings.Repeat("ab", 32), `{"content":"` + strings.Repeat("AB", 32) + `"}`, true},
	}
	for _, tt := range tests {
		t.Run(tt.query+" in "+tt.data, func(t *testing.T) {
			q, err := Parse(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			if got := NewPrefilter([]*Query{q}).MayMatch([]byte(tt.data)); got != tt.want {
				t.Errorf("MayMatch = %v, want %v", got, tt.want)
			}
		})
	}
	if p := NewPrefilter([]*Query{mustParse(t, "*")}); p != nil {
		t.Errorf("a bare * glob has nothing to look for, want no prefilter")
	}
}

func mustParse(t *testing.T, s string) *Query {
	t.Helper()
	q, err := Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return q
}

// hasEscapedAlnumRef is hasEscapedAlnum as first written, with IndexByte
// loops: the reference for the vector version.
func hasEscapedAlnumRef(data []byte) bool {
	first := byte(0)
	if t := bytes.TrimLeft(data[:min(len(data), 512)], " \t\r\n\xef\xbb\xbf"); len(t) > 0 {
		first = t[0]
	}
	if first != '<' {
		for rest := data; ; {
			i := bytes.Index(rest, []byte(`\u00`))
			if i < 0 || i+6 > len(rest) {
				break
			}
			if c, ok := hexByte(rest[i+4], rest[i+5]); ok && isAlnum(c) {
				return true
			}
			rest = rest[i+4:]
		}
	}
	if first != '{' && bytes.Contains(data, []byte("&#")) {
		return true
	}
	for rest := data; ; {
		i := bytes.IndexByte(rest, '%')
		if i < 0 || i+3 > len(rest) {
			break
		}
		if c, ok := hexByte(rest[i+1], rest[i+2]); ok && isAlnum(c) {
			return true
		}
		rest = rest[i+1:]
	}
	return false
}

// TestEscapedAlnumEqualsRef: generated texts full of near-escapes, at
// every length up to 200 and in JSON, XML and plain shapes.
func TestEscapedAlnumEqualsRef(t *testing.T) {
	r := rand.New(rand.NewPCG(11, 12))
	parts := []string{"%40", "%2F", "%41", "%4", "%7a", "%7g", "%3", `\u0041`, `\u00`, `\u002F`, `\\u0061`, `\u1234`, "&#65;", "&#", "a", " ", "{", "<", "\n", "%", `\`, "u", "00", "6"}
	for range 20000 {
		var b []byte
		switch r.IntN(3) {
		case 0:
			b = append(b, '{')
		case 1:
			b = append(b, '<')
		}
		for n := r.IntN(60); n > 0; n-- {
			b = append(b, parts[r.IntN(len(parts))]...)
		}
		if got, want := hasEscapedAlnum(b), hasEscapedAlnumRef(b); got != want {
			t.Fatalf("hasEscapedAlnum(%q) = %v, reference %v", b, got, want)
		}
	}
}

func FuzzEscapedAlnumEqualsRef(f *testing.F) {
	f.Add([]byte(`{"purl":"pkg:npm/%40types/node@1","n":"\u0074orch"}`))
	f.Add([]byte(`<bom>&#116;orch</bom>`))
	f.Fuzz(func(t *testing.T, data []byte) {
		if got, want := hasEscapedAlnum(data), hasEscapedAlnumRef(data); got != want {
			t.Fatalf("hasEscapedAlnum(%q) = %v, reference %v", data, got, want)
		}
	})
}
