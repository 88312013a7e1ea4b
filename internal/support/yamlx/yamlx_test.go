package yamlx

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

type entity struct {
	Kind     string `yaml:"kind"`
	Metadata struct {
		Name string `yaml:"name"`
	} `yaml:"metadata"`
	Spec struct {
		Owner any `yaml:"owner"`
	} `yaml:"spec"`
}

func TestDocuments(t *testing.T) {
	data := `# a comment
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: one
spec:
  owner: team-a
---
kind: System
metadata:
  name: two
---

# leading blank and comment
kind: Group
metadata: {name: three}
spec: {owner: 42}
`
	docs, err := Documents([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	type got struct {
		Line  int
		Kind  string
		Name  string
		Owner any
	}
	var gots []got
	for _, d := range docs {
		var e entity
		if err := d.Decode(&e); err != nil {
			t.Fatalf("line %d: %v", d.Line, err)
		}
		gots = append(gots, got{d.Line, e.Kind, e.Metadata.Name, e.Spec.Owner})
	}
	want := []got{
		{2, "Component", "one", "team-a"},
		{8, "System", "two", nil},  // the "---" line
		{12, "Group", "three", 42}, // the "---" line, not the first key
	}
	if diff := cmp.Diff(want, gots); diff != "" {
		t.Errorf("documents (-want +got):\n%s", diff)
	}
}

func TestDocumentsEmpty(t *testing.T) {
	for _, in := range []string{"", "\n\n", "# only a comment\n"} {
		docs, err := Documents([]byte(in))
		if err != nil || len(docs) != 0 {
			t.Errorf("Documents(%q) = %d docs, %v", in, len(docs), err)
		}
	}
}

func TestDocumentsSyntaxError(t *testing.T) {
	data := "kind: Component\nmetadata:\n  name: ok\n---\nkind: [unclosed\nmetadata: x\n---\nkind: Later\n"
	docs, err := Documents([]byte(data))
	if err == nil {
		t.Fatal("no error")
	}
	if !strings.Contains(err.Error(), "line") {
		t.Errorf("error %q does not name a line", err)
	}
	if len(docs) != 1 || docs[0].Line != 1 {
		t.Fatalf("got %d docs before the error (%+v), want the first", len(docs), docs)
	}
	var e entity
	if err := docs[0].Decode(&e); err != nil || e.Metadata.Name != "ok" {
		t.Errorf("first doc = %+v, %v", e, err)
	}
}

func TestBrokenYAMLNeverPanics(t *testing.T) {
	inputs := []string{
		"\t- tab indented\n",
		"a: b: c\n",
		"key: 'unterminated\n",
		"- [a, b\n",
		"? complex\n: value\n- x\n",
		"&a [*a]\n",
		"*undefined\n",
		"%YAML 9.9\n---\na: 1\n",
		"{a: 1, a: 2}\n",
		strings.Repeat("[", 20000),
		"\x00\xff\xfe",
	}
	for _, in := range inputs {
		_, _ = Documents([]byte(in))
		_, _ = ToJSON([]byte(in))
	}
	var zero Document
	if err := zero.Decode(&struct{}{}); err == nil {
		t.Error("zero Document decoded without error")
	}
	docs, _ := Documents([]byte("a: [1, 2]\n"))
	var wrong struct {
		A string `yaml:"a"`
	}
	if err := docs[0].Decode(&wrong); err == nil {
		t.Error("decoding a sequence into a string gave no error")
	}
}

func TestToJSON(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want string // JSON, compared as values
	}{
		{"mapping", "a: 1\nb: two\nc: [x, y]\n", `{"a": 1, "b": "two", "c": ["x", "y"]}`},
		{"sequence", "- a\n- {b: c}\n- - nested\n", `["a", {"b": "c"}, ["nested"]]`},
		{"scalar string", "hello\n", `"hello"`},
		{"scalar int", "42\n", `42`},
		{"scalars", "i: -7\nf: 1.5\nt: true\nn: null\ntilde: ~\nempty:\nhex: 0x1F\nq: '42'\nbig: 123456789012345678901234567890\n",
			`{"i": -7, "f": 1.5, "t": true, "n": null, "tilde": null, "empty": null, "hex": 31, "q": "42", "big": 1.2345678901234568e+29}`},
		{"timestamps stay text", "created: 2010-01-29T18:30:22Z\nday: 2024-02-29\n",
			`{"created": "2010-01-29T18:30:22Z", "day": "2024-02-29"}`},
		{"non-string keys", "1: one\ntrue: yes-key\n2.5: x\n~: nothing\n? [a, b]\n: list key\n",
			`{"1": "one", "true": "yes-key", "2.5": "x", "null": "nothing", "[\"a\",\"b\"]": "list key"}`},
		{"inf and nan stay text", "a: .inf\nb: -.Inf\nc: .nan\n", `{"a": ".inf", "b": "-.Inf", "c": ".nan"}`},
		{"custom tag and binary", "a: !foo bar\nb: !!binary aGk=\n", `{"a": "bar", "b": "aGk="}`},
		{"anchors and merge", "base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\nref: *b\n",
			`{"base": {"x": 1, "y": 2}, "derived": {"x": 1, "y": 3}, "ref": {"x": 1, "y": 2}}`},
		{"document marker", "---\nspdxVersion: \"SPDX-2.3\"\n...\n", `{"spdxVersion": "SPDX-2.3"}`},
		{"empty", "", `null`},
		{"block scalar", "text: |\n  line one\n  line two\n", `{"text": "line one\nline two\n"}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := ToJSON([]byte(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			var got, want any
			if err := json.Unmarshal(out, &got); err != nil {
				t.Fatalf("output %s is not JSON: %v", out, err)
			}
			if err := json.Unmarshal([]byte(tt.want), &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("ToJSON = %s (-want +got):\n%s", out, diff)
			}
		})
	}
}

func TestToJSONErrors(t *testing.T) {
	laughs := "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
	for i := 'b'; i <= 'k'; i++ {
		prev := string(i - 1)
		laughs += string(i) + ": &" + string(i) + " [*" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev +
			", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + ", *" + prev + "]\n"
	}
	tests := []struct {
		name, in, contains string
	}{
		{"syntax", "a: [1, 2\n", "line"},
		{"two documents", "a: 1\n---\nb: 2\n", "more than one document"},
		{"billion laughs", laughs, "excessive aliasing"},
		{"too deep", strings.Repeat("- ", 1500) + "x\n", "deeper"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out, err := ToJSON([]byte(tt.in))
			if err == nil {
				t.Fatalf("no error; got %.100s", out)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not mention %q", err, tt.contains)
			}
		})
	}
}

func TestToJSONStrings(t *testing.T) {
	in := "v: 1.10\nn: 007\nb: true\nt: 2010-01-29T18:30:22Z\nnull: ~\nempty:\nlist: [1, x]\n1: one\n"
	out, err := ToJSONStrings([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	var got any
	if err := json.Unmarshal(out, &got); err != nil {
		t.Fatal(err)
	}
	want := map[string]any{"v": "1.10", "n": "007", "b": "true", "t": "2010-01-29T18:30:22Z",
		"null": nil, "empty": nil, "list": []any{"1", "x"}, "1": "one"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ToJSONStrings = %s (-want +got):\n%s", out, diff)
	}
}
