package spdx

// Go native fuzz targets for the SPDX decoders (scripts/fuzz.sh runs them for
// a while; `go test` runs only the seeds). The property: decoding never
// panics and never hangs, and every document it returns gives a graph whose
// every edge points at a known node (see checkGraph). The targets call parse
// and build directly, without Decode's recover, so a panic fails the target
// with its stack.

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sbomx/sbomx/internal/support/graphtest"
	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/model"
)

// fuzzSeedMax keeps seed files small: `go test` runs every seed as a unit
// test, and big seeds slow mutation down.
const fuzzSeedMax = 64 << 10

// addFileSeeds adds the files (relative to the repository root) that are
// small enough; a missing file fails the target.
func addFileSeeds(f *testing.F, files ...string) {
	f.Helper()
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join(repotest.Root(f), filepath.FromSlash(name)))
		if err != nil {
			f.Fatalf("seed: %v", err)
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

// checkGraph fails the test when doc breaks the graph property (see
// graphtest.Check).
func checkGraph(t *testing.T, doc *model.Document) {
	t.Helper()
	if err := graphtest.Check(doc); err != nil {
		t.Fatal(err)
	}
}

func FuzzDecodeRDF(f *testing.F) {
	f.Add([]byte(rdfDoc))
	f.Add([]byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#"><spdx:SpdxDocument rdf:about="#SPDXRef-DOCUMENT"><spdx:specVersion>SPDX-2.2</spdx:specVersion><spdx:describesPackage><spdx:Package rdf:nodeID="p"><spdx:relationship><spdx:Relationship><spdx:relatedSpdxElement><spdx:Package rdf:about="#SPDXRef-p"/></spdx:relatedSpdxElement><spdx:relationshipType>relationshipType_dependsOn</spdx:relationshipType></spdx:Relationship></spdx:relationship></spdx:Package></spdx:describesPackage></spdx:SpdxDocument></rdf:RDF>`))
	f.Fuzz(fuzzDecode)
}
