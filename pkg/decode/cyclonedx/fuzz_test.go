package cyclonedx

// Go native fuzz targets for the CycloneDX decoder (scripts/fuzz.sh runs them
// for a while; `go test` runs only the seeds). The property: Decode never
// panics and never hangs, and every document it returns gives a graph whose
// every edge points at a known node (see checkGraph).

import (
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sbomx/sbomx/pkg/graph"
	"github.com/sbomx/sbomx/pkg/model"
)

// fuzzSeedMax keeps seed files small: `go test` runs every seed as a unit
// test, and big seeds slow mutation down.
const fuzzSeedMax = 64 << 10

// addFileSeeds adds the files (relative to the repository root) that exist
// and are small enough.
func addFileSeeds(f *testing.F, files ...string) {
	f.Helper()
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join("..", "..", "..", filepath.FromSlash(name)))
		if err != nil {
			f.Logf("seed %s: %v", name, err)
			continue
		}
		if len(data) > fuzzSeedMax {
			f.Logf("seed %s: %d bytes, too big", name, len(data))
			continue
		}
		f.Add(data)
	}
}

func FuzzDecodeJSON(f *testing.F) {
	addFileSeeds(f,
		"testdata/corpus/cyclonedx-spec/1.2/valid-minimal-viable-1.2.json",
		"testdata/corpus/cyclonedx-spec/1.4/valid-component-ref-1.4.json",
		"testdata/corpus/cyclonedx-spec/1.5/valid-metadata-lifecycle-1.5.json",
		"testdata/corpus/cyclonedx-spec/1.6/valid-dependency-1.6.json",
		"testdata/corpus/cyclonedx-spec/1.6/invalid-dependency-1.6.json",
		"testdata/corpus/cyclonedx-spec/1.6/valid-assembly-1.6.json",
		"testdata/corpus/cyclonedx-spec/1.6/valid-metadata-manufacturer-1.6.json",
		"testdata/corpus/cyclonedx-spec/1.7/valid-metadata-distribution-1.7.json",
		"testdata/corpus/cyclonedx-spec/1.7/invalid-component-ref-1.7.json",
		"testdata/landscape/internal-tools/jira-sync/sbom.cdx.json",
		"testdata/landscape/identity/session-store/sbom.cdx.json",
	)
	for _, s := range []string{
		``,
		`{}`,
		`[]`,
		`{"bomFormat":"CycloneDX"}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"type":"library","name":"a","bom-ref":"a"}],"dependencies":[{"ref":"a","dependsOn":["a","b"]}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"component":{"type":"application","name":"app"}},"components":[{"type":"library","name":"x","purl":"pkg:npm/x@1.0.0","components":[{"type":"library","name":"y","bom-ref":"y"}]}],"dependencies":[{"ref":"y","dependsOn":["x"]}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"9.9","metadata":{"component":{"bom-ref":"r","type":"application","name":"app"}},"components":[{"bom-ref":"r","type":"library","name":"dup"},{"bom-ref":"","name":"noref"}],"dependencies":[{"ref":"r","dependsOn":["r",""]},{"ref":""}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.4","components":[{"type":"bogus","name":"a","bom-ref":1}],"dependencies":"x"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecode(t, data)
	})
}

func FuzzDecodeXML(f *testing.F) {
	addFileSeeds(f,
		"testdata/corpus/cyclonedx-spec/1.2/valid-minimal-viable-1.2.xml",
		"testdata/corpus/cyclonedx-spec/1.3/valid-metadata-supplier-1.3.xml",
		"testdata/corpus/cyclonedx-spec/1.5/valid-metadata-lifecycle-1.5.xml",
		"testdata/corpus/cyclonedx-spec/1.6/valid-dependency-1.6.xml",
		"testdata/corpus/cyclonedx-spec/1.6/invalid-dependency-1.6.xml",
		"testdata/corpus/cyclonedx-spec/1.6/invalid-component-ref-1.6.xml",
		"testdata/corpus/cyclonedx-spec/1.6/valid-service-empty-objects-1.6.xml",
		"testdata/corpus/cyclonedx-spec/1.7/valid-component-swid-1.7.xml",
		"testdata/landscape/internal-tools/cost-reporter/sbom.cdx.xml",
	)
	for _, s := range []string{
		`<bom/>`,
		`<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.6" version="1"/>`,
		`<bom xmlns="http://cyclonedx.org/schema/bom/1.6"><components><component type="library" bom-ref="a"><name>a</name><components><component type="library" bom-ref="b"><name>b</name></component></components></component></components><dependencies><dependency ref="a"><dependency ref="b"/><dependency ref="zz"/></dependency></dependencies></bom>`,
		`<bom xmlns="http://cyclonedx.org/schema/bom/1.9"><metadata><component type="application"><name>app</name></component></metadata><components><component type="library" bom-ref="a"><name>a</name><purl>pkg:maven/g/a@1</purl></component></components><dependencies><dependency ref="a"><dependency ref="a"/></dependency></dependencies></bom>`,
		`<x:bom xmlns:x="http://cyclonedx.org/schema/bom/1.2"><x:components/></x:bom>`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		fuzzDecode(t, data)
	})
}

func fuzzDecode(t *testing.T, data []byte) {
	doc, err := Decode(data)
	if err != nil {
		// cyclonedx-go's own panics are turned into errors by decodeBOM on
		// purpose; a panic in sbomx's code is not recovered and fails here.
		return
	}
	if doc == nil {
		t.Fatal("Decode returned neither a document nor an error")
	}
	checkGraph(t, doc)
}

// checkGraph checks the property every decoded document must have: its graph
// has only edges between known nodes, every dependency between two known refs
// is an edge (or a self-loop, which the graph drops), and every dependency
// naming an unknown ref is reported in Problems.
func checkGraph(t *testing.T, doc *model.Document) {
	t.Helper()
	g := graph.New(doc, "f")
	n := len(g.Nodes)
	if n != len(doc.Components)+1 {
		t.Fatalf("graph has %d nodes for %d components", n, len(doc.Components))
	}
	for i := range n {
		if g.Nodes[i] == nil {
			t.Fatalf("node %d is nil", i)
		}
		for _, d := range g.Deps(i) {
			if d < 0 || d >= n {
				t.Fatalf("node %d has an edge to %d, not a node (%d nodes)", i, d, n)
			}
		}
		if p := g.ShortestPath(i); p != nil {
			if p[0] != graph.Root || p[len(p)-1] != i || len(p)-1 != g.Depth(i) {
				t.Fatalf("bad shortest path to %d: %v (depth %d)", i, p, g.Depth(i))
			}
			for k := 1; k < len(p); k++ {
				if !slices.Contains(g.Deps(p[k-1]), p[k]) {
					t.Fatalf("shortest path %v to %d uses a missing edge %d -> %d", p, i, p[k-1], p[k])
				}
			}
		}
	}
	// Paths is bounded; call it on a few nodes to exercise it on odd graphs.
	for i := 1; i < n && i <= 4; i++ {
		for _, p := range g.Paths(i, 3) {
			if p[0] != graph.Root || p[len(p)-1] != i {
				t.Fatalf("bad path to %d: %v", i, p)
			}
		}
	}
	index := map[string]int{}
	if doc.Root != nil && doc.Root.Ref != "" {
		index[doc.Root.Ref] = graph.Root
	}
	for i := range doc.Components {
		if ref := doc.Components[i].Ref; ref != "" {
			if _, dup := index[ref]; !dup {
				index[ref] = graph.NodeOf(i)
			}
		}
	}
	for _, e := range doc.Dependencies {
		from, ok1 := index[e.From]
		to, ok2 := index[e.To]
		for _, unknown := range []struct {
			ok  bool
			ref string
		}{{ok1, e.From}, {ok2, e.To}} {
			if !unknown.ok && !slices.Contains(g.Problems, fmt.Sprintf("dependency refers to unknown ref %q", unknown.ref)) {
				t.Fatalf("edge %q -> %q names unknown ref %q, not in Problems %q", e.From, e.To, unknown.ref, g.Problems)
			}
		}
		if ok1 && ok2 && from != to && !slices.Contains(g.Deps(from), to) {
			t.Fatalf("edge %q -> %q (%d -> %d) missing from the graph", e.From, e.To, from, to)
		}
	}
	for _, p := range g.Problems {
		if strings.TrimSpace(p) == "" {
			t.Fatal("empty problem")
		}
	}
}
