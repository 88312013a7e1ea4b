package decode

// Go native fuzz target for the sniffing dispatcher (scripts/fuzz.sh runs it
// for a while; `go test` runs only the seeds). The property: Decode never
// panics, never reports a recovered decoder panic, never hangs, and every
// document it returns gives a graph whose every edge points at a known node.

import (
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/sbomx/sbomx/pkg/graph"
)

func FuzzDecode(f *testing.F) {
	for _, name := range []string{
		"testdata/corpus/cyclonedx-spec/1.6/valid-dependency-1.6.json",
		"testdata/corpus/cyclonedx-spec/1.6/valid-dependency-1.6.xml",
		"testdata/corpus/cyclonedx-spec/1.4/valid-component-ref-1.4.json",
		"testdata/corpus/spdx/spdx-examples/presentations/OSS-NA-2023/SPDXVersion2.3/03-SBOMwDependency.json",
		"testdata/corpus/spdx/spdx-examples/software/example2/spdx2.2/example2-bin.spdx",
		"testdata/corpus/spdx/spdx-examples/software/example7/spdx3.0/example7-go-module.spdx3.json",
		"testdata/corpus/spdx/tools-golang/SPDXYAMLExample-2.3.spdx.yaml",
		"testdata/corpus/spdx/spdx-spec/SPDXXMLExample-v2.3.spdx.xml",
		"testdata/landscape/internal-tools/jira-sync/sbom.cdx.json",
		"testdata/landscape/.sbomx.yaml",
		"testdata/landscape/CODEOWNERS",
	} {
		data, err := os.ReadFile(filepath.Join("..", "..", filepath.FromSlash(name)))
		if err != nil || len(data) > 64<<10 {
			f.Logf("seed %s: skipped (%v)", name, err)
			continue
		}
		f.Add(data)
	}
	for _, s := range []string{
		``,
		"\xef\xbb\xbf {\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}",
		`{"spdxVersion":"SPDX-2.3","packages":[{"SPDXID":"SPDXRef-A","name":"a"}]}`,
		"SPDXVersion: SPDX-2.3\nPackageName: a\nSPDXID: SPDXRef-A\n",
		"spdxVersion: SPDX-2.3\npackages:\n  - SPDXID: SPDXRef-A\n    name: a\n",
		"<SpdxDocument><spdxVersion>SPDX-2.3</spdxVersion><packages><SPDXID>SPDXRef-A</SPDXID><name>a</name></packages></SpdxDocument>",
		`<rdf:RDF xmlns:spdx="http://spdx.org/rdf/terms#"/>`,
		"bomFormat: CycloneDX\n",
		`{"name":"not-an-sbom","version":"1.0.0"}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		doc, err := Decode(data)
		if err != nil {
			msg := err.Error()
			if strings.Contains(msg, "decoder panic") || strings.Contains(msg, "panic while decoding") {
				t.Fatalf("a decoder panicked: %v", err)
			}
			if doc != nil {
				t.Fatalf("Decode returned a document and an error %v", err)
			}
			return
		}
		if doc == nil {
			t.Fatal("Decode returned neither a document nor an error")
		}
		g := graph.New(doc, "f")
		n := len(g.Nodes)
		for i := range n {
			for _, d := range g.Deps(i) {
				if d < 0 || d >= n {
					t.Fatalf("node %d has an edge to %d, not a node (%d nodes)", i, d, n)
				}
			}
		}
		known := map[string]int{}
		if doc.Root != nil && doc.Root.Ref != "" {
			known[doc.Root.Ref] = graph.Root
		}
		for i := range doc.Components {
			if ref := doc.Components[i].Ref; ref != "" {
				if _, dup := known[ref]; !dup {
					known[ref] = graph.NodeOf(i)
				}
			}
		}
		for _, e := range doc.Dependencies {
			from, ok1 := known[e.From]
			to, ok2 := known[e.To]
			if ok1 && ok2 && from != to && !slices.Contains(g.Deps(from), to) {
				t.Fatalf("edge %q -> %q missing from the graph", e.From, e.To)
			}
			if (!ok1 || !ok2) && len(g.Problems) == 0 {
				t.Fatalf("edge %q -> %q names an unknown ref, no problem reported", e.From, e.To)
			}
		}
	})
}
