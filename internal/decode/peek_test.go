package decode

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/model"
)

// rootOf is what naming a service needs of a root: its name, group and
// display name.
func rootOf(c *model.Component) [3]string {
	if c == nil {
		return [3]string{}
	}
	return [3]string{c.Name, c.Group, c.DisplayName()}
}

// checkPeek: where Claims says the full decode takes the document for an
// SBOM, it does not say "not an SBOM"; where PeekRoot answers and the full
// decode reads the document, they give the same root.
func checkPeek(t *testing.T, name string, data []byte) (peeked bool) {
	t.Helper()
	format, ok := Sniff(data)
	if !ok {
		return false
	}
	if Claims(format, data) {
		if _, err := Decode(data); errors.Is(err, model.ErrNotSBOM) {
			t.Errorf("%s: Claims, but the decode says %v", name, err)
		}
	}
	root, ok := PeekRoot(format, data)
	if !ok {
		return false
	}
	doc, err := Decode(data)
	if err != nil {
		return false // a document the byte search rules out is not decoded: it may be broken
	}
	if got, want := rootOf(root), rootOf(doc.Root); got != want {
		t.Errorf("%s: PeekRoot = %q, the decode's root %q", name, got, want)
	}
	return true
}

// TestPeekRootEqualsDecode over every JSON and XML SBOM of the
// repository's test data and of ../shared's corpus and landscape.
func TestPeekRootEqualsDecode(t *testing.T) {
	t.Run("testdata", func(t *testing.T) {
		testPeekRootEqualsDecode(t, repotest.Testdata(t, "corpus"), repotest.Testdata(t, "real-world"), repotest.Testdata(t, "landscape"))
	})
	t.Run("shared", func(t *testing.T) {
		testPeekRootEqualsDecode(t, repotest.Shared(t, "corpus"), repotest.Shared(t, "landscape"))
	})
}

func testPeekRootEqualsDecode(t *testing.T, dirs ...string) {
	peeked, files := 0, 0
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".json") && !strings.HasSuffix(p, ".xml") {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			files++
			if checkPeek(t, p, data) {
				peeked++
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	t.Logf("%d of %d JSON and XML files peeked", peeked, files)
	if peeked < files/2 {
		t.Errorf("only %d of %d JSON and XML files peeked", peeked, files)
	}
}

func FuzzPeekRoot(f *testing.F) {
	for _, s := range []string{
		`{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"name":"app","group":"g","purl":"pkg:maven/g/app@1"}},"components":[]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"name":"a"}},"Metadata":{"component":{"name":"b"}}}`,
		`{"bomFormat":"CycloneDX","components":[{"name":"metadata"}],"metadata":{}}`,
		`{"bomFormat":"CycloneDX","bomFormat":"SPDX","metadata":{}}`,
		`{"bomFormat":" cyclonedx ","specVersion":"1.5"}`,
		`{"bomFormat":"CycloneDXX","specVersion":"1.5"}`,
		`{"spdxVersion":" ","name":"x"}`,
		`{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"doc","documentDescribes":["SPDXRef-a"],"packages":[{"SPDXID":"SPDXRef-a","name":"a","externalRefs":[{"referenceType":"purl","referenceLocator":"pkg:npm/a@1"}]}]}`,
		`{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"doc","packages":[{"SPDXID":"SPDXRef-a","name":"a"},{"SPDXID":"SPDXRef-b","name":"b"}],"relationships":[{"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":"DESCRIBES","relatedSpdxElement":"SPDXRef-a"},{"spdxElementId":"SPDXRef-b","relationshipType":"describedBy","relatedSpdxElement":"SPDXRef-DOCUMENT"}]}`,
		`<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.4"><metadata><component type="application" bom-ref="r"><group>g</group><name> app </name><purl>pkg:maven/g/app@1</purl></component></metadata><components/></bom>`,
		`<bom xmlns="http://cyclonedx.org/schema/bom/1.4"><components><component><name>metadata</name></component></components></bom>`,
		`<bom xmlns="http://cyclonedx.org/schema/bom/1.4"><metadata><component><name>a</name></component></metadata><metadata><component><group>g</group></component></metadata></bom>`,
		`<bom xmlns="http://cyclonedx.org/schema/bom/1.4"><!-- x --><x:metadata xmlns:x="urn:x"><component><name>a</name></component></x:metadata></bom>`,
		`<bom xmlns="http://cyclonedx.org/schema/bom/1.4"/>`,
		`<bom xmlns="http://cyclonedx.org/schema/bom/1.4"><metadata><component><name>a</name></component></metadata><components><component><properties><property name="syft:package:metadataType">x</property></properties></component></components><c:metadata xmlns:c="urn:c"/></bom>`,
		`{"bomFormat":"CycloneDX","metadata":{"component":{"name":"a"}},"components":[{"properties":[{"name":"syft:metadataType","value":"metadata"}]}]}`,
		`{"bomFormat":"CycloneDX","metadata":{"component":{"name":"a"}},"components":[],"METADATA" :{"component":{"name":"b"}}}`,
		`{"bomFormat":"CycloneDX","x":"bomFormat","metadata":{"component":{"name":"a"}}}`,
		`{"spdxVersion":"SPDX-2.3","name":"spdxVersion","SPDXVERSION":""}`,
		`{"spdxVersion":"SPDX-2.3","name":"x","files":[{"SPDXID":"f"}],"relationships":[{"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":"DESCRIBES","relatedSpdxElement":"f"}]}`,
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkPeek(t, "fuzz input", data)
	})
}
