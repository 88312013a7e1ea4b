package cyclonedx

// Go native fuzz targets for the CycloneDX decoder (scripts/fuzz.sh runs them
// for a while; `go test` runs only the seeds). The property: Decode never
// panics and never hangs, and every document it returns gives a graph whose
// every edge points at a known node (see checkGraph).

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

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

// checkGraph fails the test when doc breaks the graph property (see
// graphtest.Check).
func checkGraph(t *testing.T, doc *model.Document) {
	t.Helper()
	if err := graphtest.Check(doc); err != nil {
		t.Fatal(err)
	}
}

// FuzzLenientEqualsStrict checks the slow path's lenient retry: a document
// whose only fault is in a field sbomx does not read (here the version, a
// string) reads as the same document with that field right. Keys spelled in
// other cases, given twice, or null must mean what they mean to
// cyclonedx-go (encoding/json).
func FuzzLenientEqualsStrict(f *testing.F) {
	for _, s := range []string{
		`"metadata":{"Component":{}}`,
		`"metadata":{"component":{"name":"a","bom-ref":"r"},"COMPONENT":{"version":"1"}}`,
		`"metadata":{"component":{"name":"a","Name":null,"NAME":"b"}},"Components":[{"name":"x"}]`,
		`"metadata":{"component":{"name":"a"},"component":null},"components":[null,{"Bom-Ref":"b","name":"y","hashes":[{"ALG":"MD5","content":"00"}]}]`,
		`"metadata":{"tools":[{"name":"t"}],"Tools":{"components":[{"name":"u"}]}},"dependencies":[{"ref":"b","dependsOn":["b",null]},{"REF":"c"}]`,
		`"components":[{"name":"x","components":[{"name":"y"}],"Components":[{"version":"2"}]}],"Dependencies":[{"Ref":"x","DependsOn":["y"]}]`,
		`"metadata":{"\u017fupplier":{"name":"s"}},"serialnumber":"urn:x","components":[{"name":"\u212a","supplier":{"name":"s"},"Supplier":null,"\u017fupplier":{}}]`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, tail []byte) {
		doc := func(version string) []byte {
			return []byte(`{"bomFormat":"CycloneDX","specVersion":"1.6","version":` + version + `,` + string(tail) + `}`)
		}
		strict, err := decodeSlow(doc(`1`))
		if _, warned := withoutLenient(strict); err != nil || warned {
			return // not valid, or a fault of its own
		}
		lenient, err := decodeSlow(doc(`"x"`))
		if err != nil {
			t.Fatalf("strict read ok, lenient read failed: %v", err)
		}
		got, warned := withoutLenient(lenient)
		if !warned {
			t.Fatalf("no lenient-retry warning: %q", lenient.Warnings)
		}
		if diff := cmp.Diff(strict, got); diff != "" {
			t.Errorf("lenient read differs from strict read (-strict +lenient):\n%s", diff)
		}
	})
}
