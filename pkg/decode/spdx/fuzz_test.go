package spdx

// Go native fuzz targets for the SPDX decoders (scripts/fuzz.sh runs them for
// a while; `go test` runs only the seeds). The property: decoding never
// panics and never hangs, and every document it returns gives a graph whose
// every edge points at a known node (see checkGraph). The targets call parse
// and build directly, without Decode's recover, so a panic fails the target
// with its stack.

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
		"testdata/corpus/spdx/spdx-examples/software/example7/spdx2.2/example7-go-module.spdx.json",
		"testdata/corpus/spdx/spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/01-MinimalSBOM.json",
		"testdata/corpus/spdx/spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/03-SBOMwDependency.json",
		"testdata/corpus/spdx/spdx-examples/software/example7/spdx2.2/example7-bin.spdx.json",
		"testdata/corpus/spdx/spdx-examples/software/example10/spdx2.3/hello-source.spdx.json",
		"testdata/corpus/spdx/tools-golang/v2_3-spdx-null-relationships.json",
		"testdata/corpus/spdx/spdx-examples/software/example11/spdx2.3/sbom.spdx.json",
		"testdata/corpus/spdx/spdx-spec/SPDXJSONExample-v2.3.spdx.json",
	)
	for _, s := range []string{
		``,
		`{}`,
		`{"spdxVersion":"SPDX-2.3"}`,
		`{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","documentDescribes":["SPDXRef-A"],"packages":[{"SPDXID":"SPDXRef-A","name":"a","versionInfo":"1","externalRefs":[{"referenceType":"purl","referenceLocator":"pkg:npm/a@1"}]},{"SPDXID":"SPDXRef-B","name":"b"}],"relationships":[{"spdxElementId":"SPDXRef-A","relationshipType":"DEPENDS_ON","relatedSpdxElement":"SPDXRef-B"},{"spdxElementId":"SPDXRef-C","relationshipType":"DEPENDENCY_OF","relatedSpdxElement":"SPDXRef-DOCUMENT"},{"spdxElementId":"SPDXRef-B","relationshipType":"CONTAINS","relatedSpdxElement":"DocumentRef-x:SPDXRef-Y"}]}`,
		`{"spdxVersion":"SPDX-2.2","packages":[{"SPDXID":"SPDXRef-A","name":1},{"SPDXID":"SPDXRef-A","name":"dup"}],"relationships":[{"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":"DESCRIBES","relatedSpdxElement":"SPDXRef-A"},{"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":"DESCRIBES","relatedSpdxElement":"NOASSERTION"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(fuzzDecode)
}

func FuzzDecodeTagValue(f *testing.F) {
	addFileSeeds(f,
		"testdata/corpus/spdx/spdx-examples/software/example2/spdx2.2/example2-bin.spdx",
		"testdata/corpus/spdx/spdx-examples/software/example5/spdx2.2/example5-src.spdx",
		"testdata/corpus/spdx/spdx-examples/software/example3/spdx2.2/example3-bin.spdx",
		"testdata/corpus/spdx/spdx-examples/software/example6/spdx2.2/example6-lib.spdx",
		"testdata/corpus/spdx/tools-golang/hello.spdx",
		"testdata/corpus/real/go-sbomqs-trivy.spdx",
		"testdata/corpus/spdx/spdx-spec/SPDXTagExample-v2.3.spdx",
	)
	for _, s := range []string{
		"SPDXVersion:",
		"SPDXVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\n",
		"SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: d\nRelationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-A\n\nPackageName: a\nSPDXID: SPDXRef-A\nPackageVersion: 1.0\nExternalRef: PACKAGE-MANAGER purl pkg:pypi/a@1.0\nRelationship: SPDXRef-A DEPENDS_ON SPDXRef-B\nRelationship: SPDXRef-A DEPENDS_ON SPDXRef-Z\n\nPackageName: b\nSPDXID: SPDXRef-B\nPackageDownloadLocation: NOASSERTION\nFileName: f\nSPDXID: SPDXRef-F\nRelationship: SPDXRef-B CONTAINS SPDXRef-F\n",
		"SPDXVersion: SPDX-2.2\nPackageComment: <text>multi\nline\nPackageName: fake</text>\nPackageName: x\nSPDXID: SPDXRef-X\nRelationship: SPDXRef-X\nRelationship: SPDXRef-X DEPENDENCY_OF SPDXRef-X\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(fuzzDecode)
}

func FuzzDecodeJSONLD(f *testing.F) {
	addFileSeeds(f,
		"testdata/corpus/spdx/spdx-spec/SPDX3-jsonld-package_sbom.json",
		"testdata/corpus/spdx/spdx-examples/software/example7/spdx3.0/example7-go-module.spdx3.json",
		"testdata/corpus/spdx/spdx-examples/software/example7/spdx3.0/example7-golang.spdx3.json",
		"testdata/corpus/spdx/spdx-examples/software/example13/spdx3.0/example13.spdx3.json",
		"testdata/corpus/spdx/spdx-examples/dataset/example01/spdx3.0/example01.spdx3.json",
		"testdata/corpus/spdx/spdx-examples/software/example5/spdx3.0/example5-bin.json",
		"testdata/corpus/spdx/spdx-examples/software/example12/spdx3.0/hello-dist.spdx3.json",
	)
	for _, s := range []string{
		`{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":[]}`,
		`{"@context":"https://spdx.org/rdf/3.0.1/spdx-context.jsonld","@graph":[{"type":"SpdxDocument","spdxId":"urn:doc","rootElement":["urn:sbom"]},{"type":"software_Sbom","spdxId":"urn:sbom","rootElement":["urn:a"]},{"type":"software_Package","spdxId":"urn:a","name":"a","software_packageVersion":"1","software_packageUrl":"pkg:cargo/a@1"},{"type":"software_Package","spdxId":"urn:b","name":"b"},{"type":"Relationship","spdxId":"urn:r1","from":"urn:a","relationshipType":"dependsOn","to":["urn:b","urn:missing"]},{"type":"LifecycleScopedRelationship","spdxId":"urn:r2","from":"urn:b","relationshipType":"contains","to":"urn:a"}]}`,
		`{"@context":["spdx"],"@graph":[{"@type":"SpdxDocument","@id":"_:d","rootElement":{"@id":"_:d"}},{"type":"Relationship","from":{"spdxId":"_:d"},"relationshipType":"describes","to":[{"@id":"_:x"}, 3, null]}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(fuzzDecode)
}

// fuzzDecode is Decode without its recover: a panic fails the target.
func fuzzDecode(t *testing.T, data []byte) {
	r, err := parse(data)
	if err != nil {
		return
	}
	if r == nil {
		t.Fatal("parse returned neither a document nor an error")
	}
	checkGraph(t, build(r))
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
