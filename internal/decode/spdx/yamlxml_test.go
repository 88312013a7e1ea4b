package spdx

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/model"
)

func corpusFile(t *testing.T, folder, name string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repotest.Testdata(t, "corpus/spdx"), folder, name))
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestYAMLXMLExamplesMatchJSON: the official YAML and XML examples hold the
// content of the JSON example of the same version in the same folder, so they
// must decode to the same Document.
func TestYAMLXMLExamplesMatchJSON(t *testing.T) {
	tests := []struct{ folder, other, json string }{
		{"spdx-spec", "SPDXYAMLExample-2.2.spdx.yaml", "SPDXJSONExample-v2.2.spdx.json"},
		{"spdx-spec", "SPDXYAMLExample-2.3.spdx.yaml", "SPDXJSONExample-v2.3.spdx.json"},
		{"spdx-spec", "SPDXXMLExample-v2.2.spdx.xml", "SPDXJSONExample-v2.2.spdx.json"},
		{"spdx-spec", "SPDXXMLExample-v2.3.spdx.xml", "SPDXJSONExample-v2.3.spdx.json"},
		{"tools-golang", "SPDXYAMLExample-2.2.spdx.yaml", "SPDXJSONExample-v2.2.spdx.json"},
		{"tools-golang", "SPDXYAMLExample-2.3.spdx.yaml", "SPDXJSONExample-v2.3.spdx.json"},
	}
	for _, tt := range tests {
		t.Run(tt.folder+"/"+tt.other, func(t *testing.T) {
			data := corpusFile(t, tt.folder, tt.other)
			wantFormat := model.SPDXYAML
			if strings.HasSuffix(tt.other, ".xml") {
				wantFormat = model.SPDXXML
			}
			if f, ok := Sniff(data); !ok || f != wantFormat {
				t.Errorf("Sniff = %q, %v", f, ok)
			}
			got, err := Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			if got.Format != wantFormat {
				t.Errorf("Format = %q, want %q", got.Format, wantFormat)
			}
			got.Format = model.SPDXJSON // the rest must equal the JSON example
			want, err := Decode(corpusFile(t, tt.folder, tt.json))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("Document differs from %s (-json +%s):\n%s", tt.json, filepath.Ext(tt.other), diff)
			}
			if len(got.Components) == 0 || len(got.Dependencies) == 0 || len(got.Containment) == 0 || got.Root == nil {
				t.Errorf("suspiciously empty: %d components, %d deps, %d contains, root %v",
					len(got.Components), len(got.Dependencies), len(got.Containment), got.Root)
			}
		})
	}
}

// TestXMLExampleIsJSONExample compares the whole converted XML tree with the
// JSON example, not only what the decoder reads: every field and array is
// where the JSON has it. XML has no types, so scalars are compared as text.
func TestXMLExampleIsJSONExample(t *testing.T) {
	for _, v := range []string{"2.2", "2.3"} {
		t.Run(v, func(t *testing.T) {
			got, err := xmlToValue(corpusFile(t, "spdx-spec", "SPDXXMLExample-v"+v+".spdx.xml"))
			if err != nil {
				t.Fatal(err)
			}
			var want any
			if err := json.Unmarshal(corpusFile(t, "spdx-spec", "SPDXJSONExample-v"+v+".spdx.json"), &want); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(stringScalars(want), stringScalars(any(got))); diff != "" {
				t.Errorf("XML tree differs from the JSON example (-json +xml):\n%s", diff)
			}
		})
	}
}

func stringScalars(v any) any {
	switch v := v.(type) {
	case map[string]any:
		out := make(map[string]any, len(v))
		for k, x := range v {
			out[k] = stringScalars(x)
		}
		return out
	case []any:
		out := make([]any, len(v))
		for i, x := range v {
			out[i] = stringScalars(x)
		}
		return out
	case nil:
		return ""
	}
	return fmt.Sprint(v)
}

func TestDecodeXMLShapes(t *testing.T) {
	// One package, one relationship, one creator: still arrays. A namespace
	// prefix on the root, attributes, comments, a CDATA name and Latin-1.
	data := []byte("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>\n" +
		"<!-- generated -->\n<!DOCTYPE SpdxDocument>\n" +
		`<spdx:SpdxDocument xmlns:spdx="http://spdx.org/xml" version="1">
  <spdxVersion>SPDX-2.3</spdxVersion>
  <SPDXID>SPDXRef-DOCUMENT</SPDXID>
  <name>x</name>
  <creationInfo><creators>Tool: t</creators></creationInfo>
  <documentDescribes>SPDXRef-A</documentDescribes>
  <packages>
    <SPDXID>SPDXRef-A</SPDXID>
    <name><![CDATA[a&b]]></name>
    <versionInfo>1.0</versionInfo>
    <supplier>Organization: Caf` + "\xe9" + `</supplier>
    <externalRefs><referenceCategory>PACKAGE-MANAGER</referenceCategory><referenceType>purl</referenceType><referenceLocator>pkg:npm/a@1.0</referenceLocator></externalRefs>
    <checksums><algorithm>SHA256</algorithm><checksumValue>ABCD</checksumValue></checksums>
  </packages>
  <packages>
    <SPDXID>SPDXRef-B</SPDXID>
    <name>b &amp; c</name>
  </packages>
  <files/>
  <relationships>
    <spdxElementId>SPDXRef-A</spdxElementId>
    <relationshipType>DEPENDS_ON</relationshipType>
    <relatedSpdxElement>SPDXRef-B</relatedSpdxElement>
  </relationships>
</spdx:SpdxDocument>
`)
	if f, ok := Sniff(data); !ok || f != model.SPDXXML {
		t.Fatalf("Sniff = %q, %v", f, ok)
	}
	doc, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	a := comp("SPDXRef-A", "a&b", "1.0", "pkg:npm/a@1.0")
	a.Hashes = []string{"sha256:abcd"}
	want := &model.Document{
		Format:       model.SPDXXML,
		SpecVersion:  "SPDX-2.3",
		Root:         &a,
		Components:   []model.Component{comp("SPDXRef-B", "b & c", "", "")},
		Dependencies: edges{e("SPDXRef-A", "SPDXRef-B")},
		Meta:         model.Meta{Supplier: model.Party{Name: "Organization: Café", Field: "described package's supplier"}, Creators: []string{"Tool: t"}},
	}
	if diff := cmp.Diff(want, doc); diff != "" {
		t.Errorf("Decode (-want +got):\n%s", diff)
	}
}

func TestDecodeYAMLShapes(t *testing.T) {
	// Unquoted values YAML would type (a version that is a float, a
	// timestamp), a flow-style relationship, a key that is not a string.
	data := []byte(`# SPDX YAML
spdxVersion: SPDX-2.3
SPDXID: SPDXRef-DOCUMENT
name: x
creationInfo:
  created: 2010-01-29T18:30:22Z
  creators: [ "Tool: t" ]
  1: one
documentDescribes:
  - SPDXRef-A
packages:
  - SPDXID: SPDXRef-A
    name: a
    versionInfo: 1.10
  - SPDXID: SPDXRef-B
    name: b
    versionInfo: "2.0"
relationships:
  - {spdxElementId: SPDXRef-A, relationshipType: DEPENDS_ON, relatedSpdxElement: SPDXRef-B}
`)
	if f, ok := Sniff(data); !ok || f != model.SPDXYAML {
		t.Fatalf("Sniff = %q, %v", f, ok)
	}
	doc, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Root == nil || doc.Root.Ref != "SPDXRef-A" {
		t.Fatalf("Root = %+v", doc.Root)
	}
	// versionInfo: 1.10 would be a YAML float; it is kept as written.
	if doc.Root.Version != "1.10" || len(doc.Warnings) != 0 {
		t.Errorf("Root.Version = %q, Warnings = %q", doc.Root.Version, doc.Warnings)
	}
	if diff := cmp.Diff([]model.Component{comp("SPDXRef-B", "b", "2.0", "")}, doc.Components); diff != "" {
		t.Errorf("Components (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(edges{e("SPDXRef-A", "SPDXRef-B")}, doc.Dependencies); diff != "" {
		t.Errorf("Dependencies (-want +got):\n%s", diff)
	}
}

func TestDecodeYAMLXMLErrors(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		notSBOM  bool
		contains string
	}{
		{"malformed SPDX YAML", "spdxVersion: SPDX-2.3\npackages: [\n", false, "malformed YAML"},
		{"YAML with a tab", "spdxVersion: SPDX-2.3\n\tname: x\n", false, "malformed YAML"},
		{"two YAML documents", "spdxVersion: SPDX-2.3\n---\nspdxVersion: SPDX-2.2\n", false, "more than one document"},
		{"empty spdxVersion", "spdxVersion:\nname: x\n", true, "spdxVersion is empty"},
		{"truncated SPDX XML", "<Document><spdxVersion>SPDX-2.3</spdxVersion><packages><SPDXID>x", false, "XML"},
		{"mismatched tags", "<Document><spdxVersion>SPDX-2.3</spdxVersion><packages></files></Document>", false, "malformed XML"},
		{"custom entity", `<?xml version="1.0"?><!DOCTYPE Document [<!ENTITY x "boom">]><Document><spdxVersion>SPDX-2.3</spdxVersion><name>&x;</name></Document>`, false, "malformed XML"},
		{"too deep", "<Document><spdxVersion>SPDX-2.3</spdxVersion>" + strings.Repeat("<a>", 100) + strings.Repeat("</a>", 100) + "</Document>", false, "deeper"},
		{"unknown encoding", `<?xml version="1.0" encoding="EBCDIC"?><Document><spdxVersion>SPDX-2.3</spdxVersion></Document>`, false, "EBCDIC"},
		{"RDF document without specVersion", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#"><spdx:SpdxDocument/></rdf:RDF>`, false, "without a specVersion"},
		{"RDF of SPDX terms without a document", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#"><spdx:ListedLicense/></rdf:RDF>`, true, ""},
		{"CycloneDX XML", `<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5"><components/></bom>`, true, ""},
		{"XML Document without spdxVersion", `<Document><name>x</name></Document>`, true, "spdxVersion is empty"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Decode([]byte(tt.data))
			if err == nil {
				t.Fatalf("Decode succeeded: %+v", doc)
			}
			if got := errors.Is(err, model.ErrNotSBOM); got != tt.notSBOM {
				t.Errorf("errors.Is(%v, ErrNotSBOM) = %v, want %v", err, got, tt.notSBOM)
			}
			if !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("error %q does not mention %q", err, tt.contains)
			}
		})
	}
}

func TestSniffYAMLXML(t *testing.T) {
	tests := []struct {
		name string
		data string
		ok   bool
	}{
		{"SPDX YAML", "spdxVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\n", true},
		{"SPDX YAML with marker and comment", "# x\n---\nSPDXID: \"SPDXRef-DOCUMENT\"\n\"spdxVersion\": \"SPDX-2.2\"\n", true},
		{"SPDX YAML, CRLF, key late", "SPDXID: SPDXRef-DOCUMENT\r\nname: x\r\nspdxVersion: SPDX-2.3\r\n", true},
		{"SPDX YAML key without value on the line", "spdxVersion:\n  SPDX-2.3\n", true},
		{"indented spdxVersion", "metadata:\n  spdxVersion: SPDX-2.3\n", false},
		{"spdxVersion inside a block scalar", "kind: ConfigMap\ndata:\n  sbom.yaml: |\n    spdxVersion: SPDX-2.3\n", false},
		{"key prefix only", "spdxVersionX: 1\n", false},
		{"Backstage catalog-info.yaml", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: payments\nspec:\n  owner: team-a\n  type: service\n", false},
		{"Backstage entity that mentions spdxVersion", "apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: x\nspdxVersion: SPDX-2.3\n", false},
		{"Kubernetes manifest", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n---\napiVersion: v1\nkind: Service\nmetadata:\n  name: web\n", false},
		{"CycloneDX YAML", "bomFormat: CycloneDX\nspecVersion: \"1.5\"\ncomponents:\n  - name: a\n", false},
		{"CycloneDX YAML-ish with spdxVersion", "bomFormat: CycloneDX\nspecVersion: \"1.5\"\nspdxVersion: SPDX-2.3\n", false},
		{"SPDX XML", `<?xml version="1.0"?><Document><spdxVersion>SPDX-2.3</spdxVersion></Document>`, true},
		{"SPDX XML SpdxDocument root", "\n<!-- c -->\n<SpdxDocument>\n<spdxVersion>SPDX-2.2</spdxVersion>\n</SpdxDocument>", true},
		{"SPDX XML prefixed", `<spdx:Document xmlns:spdx="urn:x"><spdx:spdxVersion>SPDX-2.3</spdx:spdxVersion></spdx:Document>`, true},
		{"CycloneDX XML", `<?xml version="1.0" encoding="UTF-8"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1"><components><component type="library"><name>spdxVersion</name></component></components></bom>`, false},
		{"CycloneDX XML quoting SPDX", `<bom xmlns="http://cyclonedx.org/schema/bom/1.5"><!-- <Document><spdxVersion> --></bom>`, false},
		{"random XML", `<?xml version="1.0"?><project><modelVersion>4.0.0</modelVersion></project>`, false},
		{"XML Document without spdxVersion", `<Document><title>hi</title></Document>`, false},
		{"SPDX RDF is SPDX RDF/XML, not the XML encoding", `<rdf:RDF xmlns:spdx="http://spdx.org/rdf/terms#"><spdx:SpdxDocument><spdx:specVersion>SPDX-2.3</spdx:specVersion></spdx:SpdxDocument></rdf:RDF>`, true},
		{"unterminated prolog", `<?xml version="1.0"`, false},
		{"tag-value stays tag-value", "SPDXVersion: SPDX-2.3\nDataLicense: CC0-1.0\n", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := Sniff([]byte(tt.data))
			if ok != tt.ok {
				t.Errorf("Sniff = %q, %v; want ok=%v", f, ok, tt.ok)
			}
			want := model.SPDXYAML
			switch {
			case strings.Contains(tt.data, "rdf:RDF"):
				want = model.SPDXRDF
			case strings.HasPrefix(strings.TrimSpace(tt.data), "<"):
				want = model.SPDXXML
			}
			if ok && tt.name != "tag-value stays tag-value" && f != want {
				t.Errorf("Sniff = %q, want %q", f, want)
			}
			// Whatever Sniff rejects, Decode must not read either.
			if !ok {
				if _, err := Decode([]byte(tt.data)); err == nil {
					t.Errorf("not sniffed but Decode succeeded")
				}
			}
		})
	}
}
