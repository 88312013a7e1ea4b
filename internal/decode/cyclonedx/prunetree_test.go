package cyclonedx

// The lenient retry's first pruner, kept as the oracle of the streaming one
// (pruneJSON): it decodes the whole document into a tree (ordered), prunes
// the tree and encodes it again. FuzzPruneEqualsTree holds the two to the
// same documents.

import (
	"bytes"
	"encoding/json"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sbomx/sbomx/pkg/model"
)

// treeObject is a JSON object with its members in document order.
type treeObject []treeMember

type treeMember struct {
	key string
	val any
}

// MarshalJSON writes the members in order, duplicates included.
func (o treeObject) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, m := range o {
		if i > 0 {
			b = append(b, ',')
		}
		k, err := json.Marshal(m.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.val)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, '}'), nil
}

// treePruner returns v pruned to what sbomx reads, or false when v does not
// have the JSON type the field wants (v is never null).
type treePruner func(v any) (any, bool)

// pruneTreeJSON rebuilds data (valid JSON whose top level is the object
// top) for the lenient retry. bomFormat and specVersion are top's, as readJSON
// checked and maybe rewrote them; other spellings of them are dropped.
func pruneTreeJSON(data []byte, top map[string]rawValue) ([]byte, error) {
	v, err := ordered(data)
	if err != nil {
		return nil, err
	}
	doc, ok := v.(treeObject)
	if !ok {
		return nil, errors.New("top level is not an object")
	}
	out := treeObject{}
	for _, k := range []string{"bomFormat", "specVersion"} {
		if raw, ok := top[k]; ok {
			var s string
			if json.Unmarshal(raw, &s) == nil {
				out = append(out, treeMember{k, s})
			}
		}
	}
	body, _ := treeTop(doc)
	return json.Marshal(append(out, body.(treeObject)...))
}

// treeTop prunes the top-level object.
var treeTop = newTreeTop()

func newTreeTop() treePruner {
	var treeComponent treePruner
	str := func(v any) (any, bool) {
		_, ok := v.(string)
		return v, ok
	}
	entity := treeFields(map[string]treePruner{"name": str})
	authors := treeList(treeFields(map[string]treePruner{"name": str, "email": str}))
	properties := treeList(treeFields(map[string]treePruner{"name": str, "value": str}))
	components := treeList(func(v any) (any, bool) { return treeComponent(v) })
	treeComponent = treeFields(map[string]treePruner{
		"bom-ref": str, "type": str, "name": str, "group": str,
		"version": str, "purl": str, "author": str,
		"hashes": treeList(treeFields(map[string]treePruner{"alg": str, "content": str})),
		// Distribution references are sources.
		"externalReferences": treeList(treeFields(map[string]treePruner{"type": str, "url": str})),
		"supplier":           entity,
		"manufacturer":       entity,
		"authors":            authors,
		"properties":         properties,
		"components":         components,
	})
	legacyTools := treeList(treeFields(map[string]treePruner{"vendor": str, "name": str, "version": str}))
	toolsObject := treeFields(map[string]treePruner{
		"components": components,
		"services":   treeList(treeFields(map[string]treePruner{"name": str, "version": str})),
	})
	tools := func(v any) (any, bool) {
		if _, ok := v.([]any); ok {
			return legacyTools(v)
		}
		return toolsObject(v)
	}
	metadata := treeFields(map[string]treePruner{
		"tools":        tools,
		"component":    treeComponent,
		"manufacture":  entity,
		"manufacturer": entity,
		"supplier":     entity,
		"authors":      authors,
		"properties":   properties,
	})
	dependencies := treeList(treeFields(map[string]treePruner{
		"ref":       str,
		"dependsOn": treeList(str),
	}))
	return treeFields(map[string]treePruner{
		"serialNumber": str,
		"metadata":     metadata,
		"components":   components,
		"dependencies": dependencies,
	})
}

// treeFields prunes an object to the members whose key matches one of keep's
// as encoding/json matches a key to a field (strings.EqualFold).
func treeFields(keep map[string]treePruner) treePruner {
	return func(v any) (any, bool) {
		o, ok := v.(treeObject)
		if !ok {
			return nil, false
		}
		out := treeObject{}
		for _, m := range o {
			var p treePruner
			for k, kp := range keep {
				if strings.EqualFold(m.key, k) {
					p = kp
					break
				}
			}
			if p == nil {
				continue
			}
			if m.val == nil {
				out = append(out, m)
			} else if pv, ok := p(m.val); ok {
				out = append(out, treeMember{m.key, pv})
			}
		}
		return out, true
	}
}

// treeList prunes an array's elements with elem.
func treeList(elem treePruner) treePruner {
	return func(v any) (any, bool) {
		a, ok := v.([]any)
		if !ok {
			return nil, false
		}
		out := make([]any, 0, len(a))
		for _, e := range a {
			if e == nil {
				out = append(out, nil)
			} else if pe, ok := elem(e); ok {
				out = append(out, pe)
			}
		}
		return out, true
	}
}

// ordered decodes valid JSON into objects (members in document order),
// slices, strings, json.Numbers, bools and nils.
func ordered(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var value func() (any, error)
	value = func() (any, error) {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch t {
		case json.Delim('{'):
			o := treeObject{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := value()
				if err != nil {
					return nil, err
				}
				o = append(o, treeMember{k.(string), v})
			}
			_, err := dec.Token()
			return o, err
		case json.Delim('['):
			a := []any{}
			for dec.More() {
				v, err := value()
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			_, err := dec.Token()
			return a, err
		}
		return t, nil
	}
	return value()
}

// checkPrune fails unless pruneJSON keeps of data what the tree pruner
// keeps: the same members under the same keys in the same order, the same
// values once decoded.
func checkPrune(t *testing.T, name string, data []byte) {
	t.Helper()
	var top map[string]rawValue
	if json.Unmarshal(data, &top) != nil {
		return // readJSON does not get that far
	}
	want, werr := pruneTreeJSON(data, top)
	got, gerr := pruneJSON(data, top)
	if (werr == nil) != (gerr == nil) {
		t.Fatalf("%s: tree pruner error %v, pruneJSON error %v", name, werr, gerr)
	}
	if werr != nil {
		return
	}
	wt, err := ordered(want)
	if err != nil {
		t.Fatalf("%s: tree pruner wrote bad JSON: %v", name, err)
	}
	gt, err := ordered(got)
	if err != nil {
		t.Fatalf("%s: pruneJSON wrote bad JSON: %v\n%s", name, err, got)
	}
	// Encoded again, both trees are in one canonical form (cmp.Diff takes
	// minutes on deeply nested ones).
	wb, _ := json.Marshal(wt)
	gb, _ := json.Marshal(gt)
	if !bytes.Equal(wb, gb) {
		i := 0
		for i < min(len(wb), len(gb)) && wb[i] == gb[i] {
			i++
		}
		t.Errorf("%s: pruneJSON differs from the tree pruner at byte %d:\ntree:   %.200s\nstream: %.200s", name, i, wb[max(0, i-40):], gb[max(0, i-40):])
	}
}

// lenientSeeds are document tails with odd keys, nulls and mistyped values
// in kept and unused fields.
var lenientSeeds = []string{
	`"metadata":{"Component":{}}`,
	`"metadata":{"component":{"name":"a","bom-ref":"r"},"COMPONENT":{"version":"1"}}`,
	`"metadata":{"component":{"name":"a","Name":null,"NAME":"b"}},"Components":[{"name":"x"}]`,
	`"metadata":{"component":{"name":"a"},"component":null},"components":[null,{"Bom-Ref":"b","name":"y","hashes":[{"ALG":"MD5","content":"00"}]}]`,
	`"metadata":{"tools":[{"name":"t"}],"Tools":{"components":[{"name":"u"}]}},"dependencies":[{"ref":"b","dependsOn":["b",null]},{"REF":"c"}]`,
	`"components":[{"name":"x","components":[{"name":"y"}],"Components":[{"version":"2"}]}],"Dependencies":[{"Ref":"x","DependsOn":["y"]}]`,
	`"metadata":{"\u017fupplier":{"name":"s"}},"serialnumber":"urn:x","components":[{"name":"\u212a","supplier":{"name":"s"},"Supplier":null,"\u017fupplier":{}}]`,
	`"metadata":{"licenses":"MIT","tools":5,"authors":[{"name":1},null,"x"]},"components":[{"name":"a","licenses":{},"hashes":[{"alg":"SHA-1","content":1}],"version":2,"purl":true,"c\u006fmponents":[{"name":"<&>"}]}]`,
	`"dependencies":{"ref":"a"},"components":"x","metadata":[],"serialNumber":null`,
	`"components":[{"name":"a\ud800","externalReferences":[{"type":"distribution","url":"u","hashes":[]},{"type":["x"]}]}],"BomFormat":"x","SPECVERSION":"1.2"`,
}

func TestPruneEqualsTree(t *testing.T) {
	for _, tail := range lenientSeeds {
		checkPrune(t, tail, []byte(`{"bomFormat":"CycloneDX","specVersion":"1.6","version":"x",`+tail+`}`))
	}
	for _, c := range edgeCases() {
		checkPrune(t, c[:min(len(c), 60)], []byte(c))
	}
	forEqualDirs(t, testPruneEqualsTreeDirs)
}

func testPruneEqualsTreeDirs(t *testing.T, dirs ...string) {
	n := 0
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if f, _ := Sniff(data); f == model.CycloneDXJSON {
				checkPrune(t, path, data)
				n++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if n == 0 {
		t.Fatal("no CycloneDX JSON files found")
	}
}

// FuzzPruneEqualsTree holds the streaming pruner to the tree pruner on any
// document.
func FuzzPruneEqualsTree(f *testing.F) {
	for _, tail := range lenientSeeds {
		f.Add([]byte(`{"bomFormat":"CycloneDX","specVersion":"1.6",` + tail + `}`))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkPrune(t, "fuzz input", data)
	})
}
