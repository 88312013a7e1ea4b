package spdx

import (
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/sbomx/sbomx/pkg/model"
)

// json2 builds a small SPDX 2.3 JSON document with packages A, B, C, a file
// F, the given extra top-level fields and relationships.
func json2(extra string, rels ...string) []byte {
	var rs []string
	for _, r := range rels {
		f := strings.Fields(r)
		rs = append(rs, fmt.Sprintf(`{"spdxElementId": %q, "relationshipType": %q, "relatedSpdxElement": %q}`, f[0], f[1], f[2]))
	}
	if extra != "" {
		extra += ","
	}
	return []byte(`{
  "spdxVersion": "SPDX-2.3",
  "SPDXID": "SPDXRef-DOCUMENT",
  "name": "test-doc",
  ` + extra + `
  "creationInfo": {"creators": ["Tool: test-1.0", "Organization: Acme"]},
  "packages": [
    {"SPDXID": "SPDXRef-A", "name": "a", "versionInfo": "1.0",
     "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:npm/a@1.0"}]},
    {"SPDXID": "SPDXRef-B", "name": "b", "versionInfo": "2.0"},
    {"SPDXID": "SPDXRef-C", "name": "c"}
  ],
  "files": [{"SPDXID": "SPDXRef-F", "fileName": "./f.txt"}],
  "relationships": [` + strings.Join(rs, ",") + `]
}`)
}

func comp(ref, name, version, purl string) model.Component {
	c := model.Component{Ref: ref, Name: name, Version: version, PURL: purl}
	model.IdentifyComponent(&c)
	return c
}

var (
	compA = comp("SPDXRef-A", "a", "1.0", "pkg:npm/a@1.0")
	compB = comp("SPDXRef-B", "b", "2.0", "")
	compC = comp("SPDXRef-C", "c", "", "")
)

type edges = []model.Edge

func e(from, to string) model.Edge { return model.Edge{From: from, To: to} }

func TestRelationshipMapping(t *testing.T) {
	tests := []struct {
		rel        string
		deps, cont edges
	}{
		{"SPDXRef-A DEPENDS_ON SPDXRef-B", edges{e("SPDXRef-A", "SPDXRef-B")}, nil},
		{"SPDXRef-A DEPENDENCY_OF SPDXRef-B", edges{e("SPDXRef-B", "SPDXRef-A")}, nil},
		{"SPDXRef-A DEV_DEPENDENCY_OF SPDXRef-B", edges{e("SPDXRef-B", "SPDXRef-A")}, nil},
		{"SPDXRef-A OPTIONAL_DEPENDENCY_OF SPDXRef-B", edges{e("SPDXRef-B", "SPDXRef-A")}, nil},
		{"SPDXRef-A PROVIDED_DEPENDENCY_OF SPDXRef-B", edges{e("SPDXRef-B", "SPDXRef-A")}, nil},
		{"SPDXRef-A TEST_DEPENDENCY_OF SPDXRef-B", edges{e("SPDXRef-B", "SPDXRef-A")}, nil},
		{"SPDXRef-A RUNTIME_DEPENDENCY_OF SPDXRef-B", edges{e("SPDXRef-B", "SPDXRef-A")}, nil},
		{"SPDXRef-A BUILD_DEPENDENCY_OF SPDXRef-B", edges{e("SPDXRef-B", "SPDXRef-A")}, nil},
		{"SPDXRef-A HAS_PREREQUISITE SPDXRef-B", edges{e("SPDXRef-A", "SPDXRef-B")}, nil},
		{"SPDXRef-A PREREQUISITE_FOR SPDXRef-B", edges{e("SPDXRef-B", "SPDXRef-A")}, nil},
		{"SPDXRef-A STATIC_LINK SPDXRef-B", edges{e("SPDXRef-A", "SPDXRef-B")}, nil},
		{"SPDXRef-A DYNAMIC_LINK SPDXRef-B", edges{e("SPDXRef-A", "SPDXRef-B")}, nil},
		{"SPDXRef-A CONTAINS SPDXRef-B", nil, edges{e("SPDXRef-A", "SPDXRef-B")}},
		{"SPDXRef-A CONTAINED_BY SPDXRef-B", nil, edges{e("SPDXRef-B", "SPDXRef-A")}},
		{"SPDXRef-A depends_on SPDXRef-B", edges{e("SPDXRef-A", "SPDXRef-B")}, nil}, // case-insensitive
		{"SPDXRef-A GENERATED_FROM SPDXRef-B", nil, nil},
		{"SPDXRef-A BUILD_TOOL_OF SPDXRef-B", nil, nil},
		{"SPDXRef-A DEV_TOOL_OF SPDXRef-B", nil, nil},
		{"SPDXRef-A VARIANT_OF SPDXRef-B", nil, nil},
		{"SPDXRef-A COPY_OF SPDXRef-B", nil, nil},
		{"SPDXRef-A ANCESTOR_OF SPDXRef-B", nil, nil},
		{"SPDXRef-A DESCENDANT_OF SPDXRef-B", nil, nil},
		{"SPDXRef-A PACKAGE_OF SPDXRef-B", nil, edges{e("SPDXRef-B", "SPDXRef-A")}},
		{"SPDXRef-A AMENDS SPDXRef-B", nil, nil},
		{"SPDXRef-A OTHER SPDXRef-B", nil, nil},
		// Ends that are not packages of this document.
		{"SPDXRef-A CONTAINS SPDXRef-F", nil, nil},
		{"SPDXRef-A DEPENDS_ON NOASSERTION", nil, nil},
		{"SPDXRef-A DEPENDS_ON NONE", nil, nil},
		{"SPDXRef-A DEPENDS_ON DocumentRef-other:SPDXRef-X", nil, nil},
		// Dangling: an SPDXID that is nowhere in the document is kept.
		{"SPDXRef-A DEPENDS_ON SPDXRef-Missing", edges{e("SPDXRef-A", "SPDXRef-Missing")}, nil},
		{"SPDXRef-Missing DEPENDENCY_OF SPDXRef-C", edges{e("SPDXRef-C", "SPDXRef-Missing")}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			doc, err := Decode(json2("", tt.rel))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.deps, doc.Dependencies, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Dependencies (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.cont, doc.Containment, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Containment (-want +got):\n%s", diff)
			}
			if doc.Root != nil {
				t.Errorf("Root = %+v, want nil (nothing described)", doc.Root)
			}
			if len(doc.Components) != 3 {
				t.Errorf("%d components, want 3", len(doc.Components))
			}
		})
	}
}

func TestDroppedEndsWarnOncePerKind(t *testing.T) {
	doc, err := Decode(json2("",
		"SPDXRef-A CONTAINS SPDXRef-F",
		"SPDXRef-B CONTAINS SPDXRef-F",
		"SPDXRef-A DEPENDS_ON NOASSERTION",
		"SPDXRef-A DEPENDS_ON DocumentRef-x:SPDXRef-Y",
	))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{
		"dropped 1 relationship end(s) that are NOASSERTION/NONE",
		"dropped 2 relationship end(s) that are a file",
		"dropped 1 relationship end(s) that are in another document",
	}
	if diff := cmp.Diff(want, doc.Warnings, cmpopts.SortSlices(func(a, b string) bool { return a < b })); diff != "" {
		t.Errorf("Warnings (-want +got):\n%s", diff)
	}
}

func TestRootSelection(t *testing.T) {
	synthetic := func() *model.Component {
		c := model.Component{Ref: "SPDXRef-DOCUMENT", Name: "test-doc"}
		model.IdentifyComponent(&c)
		return &c
	}
	tests := []struct {
		name       string
		extra      string
		rels       []string
		root       *model.Component
		components []model.Component
		deps       edges
	}{
		{
			name:       "one described package via relationship",
			rels:       []string{"SPDXRef-DOCUMENT DESCRIBES SPDXRef-A", "SPDXRef-A DEPENDS_ON SPDXRef-B"},
			root:       &compA,
			components: []model.Component{compB, compC},
			deps:       edges{e("SPDXRef-A", "SPDXRef-B")},
		},
		{
			name:       "one described package via documentDescribes",
			extra:      `"documentDescribes": ["SPDXRef-B"]`,
			root:       &compB,
			components: []model.Component{compA, compC},
		},
		{
			name:       "DESCRIBED_BY",
			rels:       []string{"SPDXRef-C DESCRIBED_BY SPDXRef-DOCUMENT"},
			root:       &compC,
			components: []model.Component{compA, compB},
		},
		{
			name:       "same package in documentDescribes and DESCRIBES counts once",
			extra:      `"documentDescribes": ["SPDXRef-A"]`,
			rels:       []string{"SPDXRef-DOCUMENT DESCRIBES SPDXRef-A"},
			root:       &compA,
			components: []model.Component{compB, compC},
		},
		{
			name:       "several described packages: synthetic root",
			extra:      `"documentDescribes": ["SPDXRef-A"]`,
			rels:       []string{"SPDXRef-DOCUMENT DESCRIBES SPDXRef-B", "SPDXRef-B DEPENDS_ON SPDXRef-C"},
			root:       synthetic(),
			components: []model.Component{compA, compB, compC},
			deps:       edges{e("SPDXRef-DOCUMENT", "SPDXRef-A"), e("SPDXRef-DOCUMENT", "SPDXRef-B"), e("SPDXRef-B", "SPDXRef-C")},
		},
		{
			name:       "described file: synthetic root without edges",
			rels:       []string{"SPDXRef-DOCUMENT DESCRIBES SPDXRef-F"},
			root:       synthetic(),
			components: []model.Component{compA, compB, compC},
		},
		{
			name:       "described file and package: synthetic root, edge to the package only",
			rels:       []string{"SPDXRef-DOCUMENT DESCRIBES SPDXRef-F", "SPDXRef-DOCUMENT DESCRIBES SPDXRef-A"},
			root:       synthetic(),
			components: []model.Component{compA, compB, compC},
			deps:       edges{e("SPDXRef-DOCUMENT", "SPDXRef-A")},
		},
		{
			name:       "nothing described",
			rels:       []string{"SPDXRef-A DEPENDS_ON SPDXRef-B"},
			components: []model.Component{compA, compB, compC},
			deps:       edges{e("SPDXRef-A", "SPDXRef-B")},
		},
		{
			name:       "a package DESCRIBES another: not root selection",
			rels:       []string{"SPDXRef-A DESCRIBES SPDXRef-B"},
			components: []model.Component{compA, compB, compC},
		},
		{
			name:       "document as an edge end is the root",
			rels:       []string{"SPDXRef-DOCUMENT DESCRIBES SPDXRef-A", "SPDXRef-DOCUMENT CONTAINS SPDXRef-B"},
			root:       &compA,
			components: []model.Component{compB, compC},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Decode(json2(tt.extra, tt.rels...))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.root, doc.Root); diff != "" {
				t.Errorf("Root (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.components, doc.Components, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Components (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.deps, doc.Dependencies, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Dependencies (-want +got):\n%s", diff)
			}
		})
	}
	// The document-as-end case: containment is redirected to the root package.
	doc, err := Decode(json2("", "SPDXRef-DOCUMENT DESCRIBES SPDXRef-A", "SPDXRef-DOCUMENT CONTAINS SPDXRef-B"))
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(edges{e("SPDXRef-A", "SPDXRef-B")}, doc.Containment); diff != "" {
		t.Errorf("Containment (-want +got):\n%s", diff)
	}
}

func TestDecodeJSONFullDocument(t *testing.T) {
	data := []byte(`{
  "spdxVersion": "SPDX-2.3",
  "SPDXID": "SPDXRef-DOCUMENT",
  "name": "svc",
  "unknownTopLevel": {"whatever": [1, 2]},
  "creationInfo": {"created": "2024-01-01T00:00:00Z", "creators": ["Tool: gen-1", "Organization: Acme"]},
  "documentDescribes": ["SPDXRef-app"],
  "packages": [
    {"SPDXID": "SPDXRef-app", "name": "app", "versionInfo": "3.1",
     "supplier": "Organization: team-x (team-x@acme.example)",
     "originator": "Person: Jane Doe",
     "primaryPackagePurpose": "APPLICATION"},
    {"SPDXID": "SPDXRef-log4j", "name": "log4j-core", "versionInfo": "2.14.1",
     "primaryPackagePurpose": "LIBRARY",
     "checksums": [{"algorithm": "SHA256", "checksumValue": "ABCDEF"}, {"algorithm": "SHA-512", "checksumValue": "0123"}],
     "externalRefs": [
       {"referenceCategory": "SECURITY", "referenceType": "cpe23Type", "referenceLocator": "cpe:2.3:a:apache:log4j:2.14.1:*:*:*:*:*:*:*"},
       {"referenceCategory": "PACKAGE_MANAGER", "referenceType": "purl", "referenceLocator": "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}]},
    {"SPDXID": "SPDXRef-odd", "name": "odd", "versionInfo": 7, "filesAnalyzed": "yes"}
  ],
  "files": [{"SPDXID": "SPDXRef-file1", "fileName": "./a.jar"}],
  "snippets": [{"SPDXID": "SPDXRef-snip1"}],
  "relationships": [
    {"spdxElementId": "SPDXRef-app", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-log4j"},
    {"spdxElementId": "SPDXRef-app", "relationshipType": "CONTAINS", "relatedSpdxElement": "SPDXRef-file1"},
    {"spdxElementId": "SPDXRef-snip1", "relationshipType": "DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-app"},
    {"spdxElementId": "SPDXRef-odd", "relationshipType": "DEPENDENCY_OF", "relatedSpdxElement": "SPDXRef-log4j"},
    null,
    {}
  ]
}`)
	doc, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	app := model.Component{Ref: "SPDXRef-app", Name: "app", Version: "3.1", Type: "application", ID: model.PkgID{Name: "app"}}
	want := &model.Document{
		Format:      model.SPDXJSON,
		SpecVersion: "SPDX-2.3",
		Root:        &app,
		Components: []model.Component{
			{
				Ref: "SPDXRef-log4j", Name: "log4j-core", Version: "2.14.1", Type: "library",
				PURL:   "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1",
				ID:     model.PkgID{Type: "maven", Namespace: "org.apache.logging.log4j", Name: "log4j-core"},
				Hashes: []string{"sha256:abcdef", "sha512:0123"},
			},
			{Ref: "SPDXRef-odd", Name: "odd", ID: model.PkgID{Name: "odd"}},
		},
		Dependencies: edges{e("SPDXRef-app", "SPDXRef-log4j"), e("SPDXRef-log4j", "SPDXRef-odd")},
		Meta: model.Meta{
			Supplier: model.Party{Name: "Organization: team-x (team-x@acme.example)", Field: "described package's supplier"},
			Authors:  []model.Party{{Name: "Person: Jane Doe", Field: "described package's originator"}},
			Creators: []string{"Tool: gen-1", "Organization: Acme"},
		},
	}
	ignoreWarnings := cmpopts.IgnoreFields(model.Document{}, "Warnings")
	if diff := cmp.Diff(want, doc, ignoreWarnings); diff != "" {
		t.Errorf("Decode (-want +got):\n%s", diff)
	}
	// The mistyped versionInfo / filesAnalyzed is reported, not fatal; the
	// file and snippet ends are counted.
	joined := strings.Join(doc.Warnings, "\n")
	for _, w := range []string{"unexpected JSON type", "1 relationship end(s) that are a file", "1 relationship end(s) that are a snippet"} {
		if !strings.Contains(joined, w) {
			t.Errorf("Warnings %q lack %q", doc.Warnings, w)
		}
	}
}

func TestDecodeTagValue(t *testing.T) {
	data := []byte(`SPDXVersion: SPDX-2.2
DataLicense: CC0-1.0
SPDXID: SPDXRef-DOCUMENT
DocumentName: tv-doc
# a comment: with a colon
Creator: Tool: gen-2
Creator: Person: Someone
DocumentComment: <text>Spans
several lines
Relationship: SPDXRef-NOT A REAL LINE
</text>
SomeUnknownTag: whatever

Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-Root
Relationship: SPDXRef-lib DEPENDENCY_OF SPDXRef-Root

##### Package: root
PackageName: root
SPDXID: SPDXRef-Root
PackageVersion: 1.0
PackageSupplier: Organization: Team Y
PackageOriginator: Organization: Upstream
PrimaryPackagePurpose: CONTAINER
PackageDescription: <text>multi
line</text>
FilesAnalyzed: true

FileName: ./bin/root
SPDXID: SPDXRef-File-root
FileChecksum: SHA1: 1234

PackageName: lib
SPDXID: SPDXRef-lib
PackageVersion: 0.3.7
PackageChecksum: SHA256: DEADBEEF
PackageChecksum: SHA3-256: aa
ExternalRef: SECURITY cpe23Type cpe:2.3:a:x:lib:0.3.7:*:*:*:*:*:*:*
ExternalRef: PACKAGE-MANAGER purl pkg:golang/golang.org/x/text@v0.3.7
ExternalRefComment: <text>a
comment</text>

Relationship: SPDXRef-Root CONTAINS SPDXRef-File-root
Relationship: SPDXRef-lib STATIC_LINK SPDXRef-Missing
Relationship: SPDXRef-lib DEPENDS_ON DocumentRef-ext:SPDXRef-X
RelationshipComment: ignored

LicenseID: LicenseRef-1
ExtractedText: <text>SPDXID: SPDXRef-not-an-id
PackageName: not a package</text>
`)
	doc, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	root := model.Component{Ref: "SPDXRef-Root", Name: "root", Version: "1.0", Type: "container", ID: model.PkgID{Name: "root"}}
	want := &model.Document{
		Format:      model.SPDXTagValue,
		SpecVersion: "SPDX-2.2",
		Root:        &root,
		Components: []model.Component{{
			Ref: "SPDXRef-lib", Name: "lib", Version: "0.3.7",
			PURL:   "pkg:golang/golang.org/x/text@v0.3.7",
			ID:     model.PkgID{Type: "golang", Namespace: "golang.org/x", Name: "text"},
			Hashes: []string{"sha256:deadbeef", "sha3256:aa"},
		}},
		Dependencies: edges{e("SPDXRef-Root", "SPDXRef-lib"), e("SPDXRef-lib", "SPDXRef-Missing")},
		Meta: model.Meta{
			Supplier: model.Party{Name: "Organization: Team Y", Field: "described package's supplier"},
			Authors:  []model.Party{{Name: "Organization: Upstream", Field: "described package's originator"}},
			Creators: []string{"Tool: gen-2", "Person: Someone"},
		},
		Warnings: []string{
			"dropped 1 relationship end(s) that are a file",
			"dropped 1 relationship end(s) that are in another document",
		},
	}
	if diff := cmp.Diff(want, doc); diff != "" {
		t.Errorf("Decode (-want +got):\n%s", diff)
	}
}

func TestDecodeSPDX3(t *testing.T) {
	data := []byte(`{
  "@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld",
  "@graph": [
    {"type": "CreationInfo", "@id": "_:ci", "specVersion": "3.0.1",
     "createdBy": ["urn:agent:acme"], "createdUsing": ["urn:tool:gen"]},
    {"type": "Organization", "spdxId": "urn:agent:acme", "name": "Acme Corp", "creationInfo": "_:ci"},
    {"type": "Tool", "spdxId": "urn:tool:gen", "name": "gen-3", "creationInfo": "_:ci"},
    {"type": "SpdxDocument", "spdxId": "urn:doc", "name": "doc3", "creationInfo": "_:ci",
     "rootElement": ["urn:sbom"],
     "import": [{"type": "ExternalMap", "externalSpdxId": "urn:other#pkg"}]},
    {"type": "software_Sbom", "spdxId": "urn:sbom", "creationInfo": "_:ci", "rootElement": ["urn:app"]},
    {"type": "software_Package", "spdxId": "urn:app", "name": "app", "software_packageVersion": "1.2",
     "software_primaryPurpose": "application", "suppliedBy": "urn:agent:acme",
     "originatedBy": ["urn:agent:acme"], "creationInfo": "_:ci"},
    {"@type": "Package", "spdxId": "urn:lib", "name": "lib", "software_packageVersion": "0.1",
     "externalIdentifier": [{"type": "ExternalIdentifier", "externalIdentifierType": "packageUrl", "identifier": "pkg:pypi/Lib_X@0.1"}],
     "verifiedUsing": [{"type": "Hash", "algorithm": "sha256", "hashValue": "AB12"}], "creationInfo": "_:ci"},
    {"type": "software_Package", "spdxId": "urn:net", "name": "net", "software_packageUrl": "pkg:npm/net@1",
     "externalIdentifier": ["urn:ei1"], "creationInfo": "_:ci"},
    {"type": "ExternalIdentifier", "spdxId": "urn:ei1", "externalIdentifierType": "purl", "identifier": "pkg:npm/ignored@1"},
    {"type": "software_Package", "spdxId": "urn:nuget", "name": "Nu", "externalIdentifier": ["urn:ei2"], "creationInfo": "_:ci"},
    {"type": "ExternalIdentifier", "spdxId": "urn:ei2", "externalIdentifierType": "purl", "identifier": "pkg:nuget/Nu@2"},
    {"type": "ai_AIPackage", "spdxId": "urn:model", "name": "model", "software_primaryPurpose": "model", "creationInfo": "_:ci"},
    {"type": "software_File", "spdxId": "urn:file", "name": "f", "creationInfo": "_:ci"},
    {"type": "Relationship", "spdxId": "urn:r1", "from": "urn:app", "relationshipType": "dependsOn", "to": ["urn:lib", "urn:file"], "creationInfo": "_:ci"},
    {"type": "LifecycleScopedRelationship", "spdxId": "urn:r2", "from": "urn:lib", "relationshipType": "dependsOn", "scope": "runtime", "to": ["urn:net"], "creationInfo": "_:ci"},
    {"type": "Relationship", "spdxId": "urn:r3", "from": "urn:app", "relationshipType": "contains", "to": ["urn:model", "urn:file"], "creationInfo": "_:ci"},
    {"type": "Relationship", "spdxId": "urn:r4", "from": "urn:net", "relationshipType": "hasStaticLink", "to": "urn:nuget", "creationInfo": "_:ci"},
    {"type": "Relationship", "spdxId": "urn:r5", "from": "urn:nuget", "relationshipType": "DEPENDS_ON", "to": ["urn:other#pkg", "urn:dangling"], "creationInfo": "_:ci"},
    {"type": "Relationship", "spdxId": "urn:r6", "from": "urn:doc", "relationshipType": "describes", "to": ["urn:app"], "creationInfo": "_:ci"},
    {"type": "Relationship", "spdxId": "urn:r7", "from": "urn:app", "relationshipType": "hasDynamicLink", "to": ["urn:net"], "creationInfo": "_:ci"},
    {"type": "Relationship", "spdxId": "urn:r8", "from": "urn:model", "relationshipType": "hasPrerequisite", "to": ["urn:lib"], "creationInfo": "_:ci"},
    {"type": "Relationship", "spdxId": "urn:r9", "from": "urn:model", "relationshipType": "trainedOn", "to": ["urn:lib"], "creationInfo": "_:ci"},
    {"type": "Relationship", "spdxId": "urn:r10", "from": "urn:app", "relationshipType": "hasConcludedLicense", "to": ["https://spdx.org/licenses/MIT"], "creationInfo": "_:ci"}
  ]
}`)
	if f, ok := Sniff(data); !ok || f != model.SPDX3JSON {
		t.Errorf("Sniff = %q, %v", f, ok)
	}
	doc, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	root := model.Component{Ref: "urn:app", Name: "app", Version: "1.2", Type: "application", ID: model.PkgID{Name: "app"}}
	want := &model.Document{
		Format:      model.SPDX3JSON,
		SpecVersion: "3.0.1",
		Root:        &root,
		Components: []model.Component{
			{Ref: "urn:lib", Name: "lib", Version: "0.1", PURL: "pkg:pypi/Lib_X@0.1",
				ID: model.PkgID{Type: "pypi", Name: "lib-x"}, Hashes: []string{"sha256:ab12"}},
			{Ref: "urn:net", Name: "net", Version: "1", PURL: "pkg:npm/net@1", ID: model.PkgID{Type: "npm", Name: "net"}},
			{Ref: "urn:nuget", Name: "Nu", Version: "2", PURL: "pkg:nuget/Nu@2", ID: model.PkgID{Type: "nuget", Name: "nu"}},
			{Ref: "urn:model", Name: "model", Type: "model", ID: model.PkgID{Name: "model"}},
		},
		Dependencies: edges{
			e("urn:app", "urn:lib"),
			e("urn:lib", "urn:net"),
			e("urn:net", "urn:nuget"),
			e("urn:nuget", "urn:dangling"),
			e("urn:app", "urn:net"),
			e("urn:model", "urn:lib"),
		},
		Containment: edges{e("urn:app", "urn:model")},
		Meta: model.Meta{
			Supplier: model.Party{Name: "Acme Corp", Field: "described package's supplier"},
			Authors:  []model.Party{{Name: "Acme Corp", Field: "described package's originator"}},
			Creators: []string{"Acme Corp", "gen-3"},
		},
		Warnings: []string{
			"dropped 2 relationship end(s) that are a file",
			"dropped 1 relationship end(s) that are in another document",
		},
	}
	if diff := cmp.Diff(want, doc); diff != "" {
		t.Errorf("Decode (-want +got):\n%s", diff)
	}
}

func TestSPDX3RootSelection(t *testing.T) {
	graph := func(roots string, extra string) []byte {
		return []byte(`{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [
  {"type": "CreationInfo", "@id": "_:ci", "specVersion": "3.0.1"},
  {"type": "SpdxDocument", "spdxId": "urn:doc", "name": "d", "creationInfo": "_:ci", "rootElement": [` + roots + `]},
  {"type": "software_Sbom", "spdxId": "urn:sbom", "creationInfo": "_:ci", "rootElement": ["urn:a", "urn:b"]},
  {"type": "software_Package", "spdxId": "urn:a", "name": "a"},
  {"type": "software_Package", "spdxId": "urn:b", "name": "b"},
  {"type": "software_File", "spdxId": "urn:f", "name": "f"}` + extra + `]}`)
	}
	tests := []struct {
		name     string
		data     []byte
		rootRef  string
		rootDeps edges
	}{
		{"document root is a package", graph(`"urn:a"`, ""), "urn:a", nil},
		{"document root is an Sbom with two roots", graph(`"urn:sbom"`, ""), "urn:doc", edges{e("urn:doc", "urn:a"), e("urn:doc", "urn:b")}},
		{"document root is a file", graph(`"urn:f"`, ""), "urn:doc", nil},
		{"describes relationship", graph(``, `, {"type": "Relationship", "from": "urn:doc", "relationshipType": "describes", "to": ["urn:b"]}`), "urn:doc", edges{e("urn:doc", "urn:a"), e("urn:doc", "urn:b")}},
		{"file describes file is not root selection", graph(`"urn:b"`, `, {"type": "Relationship", "from": "urn:f", "relationshipType": "describes", "to": ["urn:a"]}`), "urn:b", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := Decode(tt.data)
			if err != nil {
				t.Fatal(err)
			}
			if doc.Root == nil || doc.Root.Ref != tt.rootRef {
				t.Fatalf("Root = %+v, want %s", doc.Root, tt.rootRef)
			}
			if diff := cmp.Diff(tt.rootDeps, doc.Dependencies, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Dependencies (-want +got):\n%s", diff)
			}
		})
	}
}

func TestDecodeErrors(t *testing.T) {
	full := json2("", "SPDXRef-A DEPENDS_ON SPDXRef-B")
	tests := []struct {
		name     string
		data     string
		notSBOM  bool   // errors.Is(err, model.ErrNotSBOM)
		contains string // error text
	}{
		{"package.json", `{"name": "x", "version": "1.0.0", "dependencies": {"a": "^1"}}`, true, ""},
		{"CycloneDX", `{"bomFormat": "CycloneDX", "specVersion": "1.5", "components": []}`, true, ""},
		{"JSON-LD that is not SPDX", `{"@context": "https://schema.org", "@graph": [{"@type": "Person"}]}`, true, ""},
		{"JSON array", `[1, 2, 3]`, true, ""},
		{"plain text", "hello world\nno tags here\n", true, ""},
		{"empty", "   \n", true, ""},
		{"YAML that is not SPDX", "apiVersion: v1\nkind: Service\n", true, ""},
		{"XML that is not SPDX", `<?xml version="1.0"?><project><modelVersion>4.0.0</modelVersion></project>`, true, ""},
		{"truncated SPDX 2 JSON", string(full[:len(full)/2]), false, "truncated"},
		{"truncated SPDX 3 JSON", `{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": [{"type": "software_Package", "spdxId": "urn:a"`, false, "truncated"},
		{"malformed JSON", `{"spdxVersion": "SPDX-2.3", "packages": [}`, false, "malformed"},
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

func TestLenientTypes(t *testing.T) {
	// Mistyped optional fields in one package must not hide the others.
	data := []byte(`{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "x",
  "creationInfo": {"creators": "Tool: not-a-list"},
  "packages": [
    {"SPDXID": "SPDXRef-1", "name": "one", "checksums": {"algorithm": "SHA1"}, "externalRefs": "nope"},
    {"SPDXID": "SPDXRef-2", "name": "torchtriton", "versionInfo": "2.0.0",
     "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:pypi/torchtriton@2.0.0"}]}
  ],
  "relationships": [{"spdxElementId": "SPDXRef-1", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-2"}]}`)
	doc, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Components) != 2 || doc.Components[1].ID != (model.PkgID{Type: "pypi", Name: "torchtriton"}) {
		t.Errorf("Components = %+v", doc.Components)
	}
	if diff := cmp.Diff(edges{e("SPDXRef-1", "SPDXRef-2")}, doc.Dependencies); diff != "" {
		t.Errorf("Dependencies (-want +got):\n%s", diff)
	}
	if len(doc.Warnings) == 0 {
		t.Error("no warning about the mistyped fields")
	}

	// SPDX 3: "to" as a single string, "type" as a list, an inline node.
	data3 := []byte(`{"@context": ["https://spdx.org/rdf/3.0.1/spdx-context.jsonld"], "@graph": [
  {"type": ["software_Package"], "spdxId": "urn:a", "name": "a", "software_packageVersion": 3},
  {"type": "Relationship", "from": "urn:a", "relationshipType": "dependsOn",
   "to": {"type": "software_Package", "spdxId": "urn:b", "name": "b"}}]}`)
	doc, err = Decode(data3)
	if err != nil {
		t.Fatal(err)
	}
	if len(doc.Components) != 2 {
		t.Errorf("Components = %+v", doc.Components)
	}
	if diff := cmp.Diff(edges{e("urn:a", "urn:b")}, doc.Dependencies); diff != "" {
		t.Errorf("Dependencies (-want +got):\n%s", diff)
	}
}

func TestSniff(t *testing.T) {
	tests := []struct {
		name   string
		data   string
		format model.Format
		ok     bool
	}{
		{"SPDX 2 JSON", `{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT"}`, model.SPDXJSON, true},
		{"SPDX 2 JSON, BOM and spaces", "\xef\xbb\xbf \n {\"packages\": [], \"spdxVersion\": \"SPDX-2.2\"}", model.SPDXJSON, true},
		{"tag-value", "SPDXVersion: SPDX-2.2\nDataLicense: CC0-1.0\n", model.SPDXTagValue, true},
		{"tag-value after comments", "# generated\n\n  SPDXVersion: SPDX-2.3\n", model.SPDXTagValue, true},
		{"SPDX 3", `{"@context": "https://spdx.org/rdf/3.0.1/spdx-context.jsonld", "@graph": []}`, model.SPDX3JSON, true},
		{"SPDX 3 context list", `{"@context": ["https://spdx.org/rdf/3.0.1/spdx-context.json"], "@graph": []}`, model.SPDX3JSON, true},
		{"CycloneDX", `{"bomFormat": "CycloneDX", "specVersion": "1.6"}`, "", false},
		{"package.json", `{"name": "x", "version": "1.0.0"}`, "", false},
		{"other JSON-LD", `{"@context": "https://schema.org", "@graph": []}`, "", false},
		{"SPDX YAML", "spdxVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\n", model.SPDXYAML, true},
		{"SPDX XML", `<?xml version="1.0"?><Document><spdxVersion>SPDX-2.3</spdxVersion></Document>`, model.SPDXXML, true},
		{"tag mid-line", "foo SPDXVersion: SPDX-2.2\n", "", false},
		{"empty", "", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := Sniff([]byte(tt.data))
			if f != tt.format || ok != tt.ok {
				t.Errorf("Sniff = %q, %v; want %q, %v", f, ok, tt.format, tt.ok)
			}
		})
	}
}
