package decode

// Go native fuzz target for the sniffing dispatcher (scripts/fuzz.sh runs it
// for a while; `go test` runs only the seeds). The property: Decode never
// panics, never reports a recovered decoder panic, never hangs, and every
// document it returns gives a graph whose every edge points at a known node.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sbomx/sbomx/internal/support/graphtest"
	"github.com/sbomx/sbomx/internal/support/repotest"
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
		data, err := os.ReadFile(filepath.Join(repotest.Root(f), filepath.FromSlash(name)))
		if err != nil {
			f.Fatalf("seed: %v", err)
		}
		if len(data) > 64<<10 {
			f.Logf("seed %s: skipped (%d bytes, over 64 KiB)", name, len(data))
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
		if err := graphtest.Check(doc); err != nil {
			t.Fatal(err)
		}
	})
}
