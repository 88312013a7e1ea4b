package spdx

import (
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/graph"
	"github.com/sbomx/sbomx/pkg/model"
)

// What real generators write, read so that every package in the file is in
// the graph (issue 14 §1). Each case names the generator that writes it.

// row is one component as a test compares it.
type row struct{ Ref, Name, Group, Version, ID string }

func rows(doc *model.Document) []row {
	var out []row
	for _, c := range doc.Components {
		out = append(out, row{c.Ref, c.Name, c.Group, c.Version, c.ID.String()})
	}
	return out
}

func mustDecode(t *testing.T, data string) *model.Document {
	t.Helper()
	doc, err := Decode([]byte(data))
	if err != nil {
		t.Fatal(err)
	}
	return doc
}

// GitHub's dependency-graph export gives every version of a package the
// same SPDXID and writes Maven packages' names as group:artifact (with an
// upper-case purl type here, which the purl spec allows).
const githubExport = `{"spdxVersion": "SPDX-2.3", "SPDXID": "SPDXRef-DOCUMENT", "name": "com.github.acme/app",
 "creationInfo": {"creators": ["Tool: GitHub.com-Dependency-Graph"]},
 "documentDescribes": ["SPDXRef-com.github.acme-app"],
 "packages": [
  {"SPDXID": "SPDXRef-com.github.acme-app", "name": "com.github.acme/app", "versionInfo": "", "downloadLocation": "git+https://github.com/acme/app"},
  {"SPDXID": "SPDXRef-maven-com.fasterxml.jackson.core-jackson-databind", "name": "com.fasterxml.jackson.core:jackson-databind", "versionInfo": "2.9.8",
   "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:MAVEN/com.fasterxml.jackson.core/jackson-databind@2.9.8"}]},
  {"SPDXID": "SPDXRef-maven-com.fasterxml.jackson.core-jackson-databind", "name": "com.fasterxml.jackson.core:jackson-databind", "versionInfo": "2.12.1",
   "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:maven/com.fasterxml.jackson.core/jackson-databind@2.12.1"}]},
  {"SPDXID": "SPDXRef-maven-junit-junit", "name": "junit:junit", "versionInfo": "4.13.2"}],
 "relationships": [
  {"spdxElementId": "SPDXRef-com.github.acme-app", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-maven-com.fasterxml.jackson.core-jackson-databind"},
  {"spdxElementId": "SPDXRef-com.github.acme-app", "relationshipType": "DEPENDS_ON", "relatedSpdxElement": "SPDXRef-maven-junit-junit"}]}`

func TestSharedSPDXIDsKeepEveryPackage(t *testing.T) {
	doc := mustDecode(t, githubExport)
	want := []row{
		{"SPDXRef-maven-com.fasterxml.jackson.core-jackson-databind", "jackson-databind", "com.fasterxml.jackson.core", "2.9.8", "pkg:maven/com.fasterxml.jackson.core/jackson-databind"},
		{"SPDXRef-maven-com.fasterxml.jackson.core-jackson-databind", "jackson-databind", "com.fasterxml.jackson.core", "2.12.1", "pkg:maven/com.fasterxml.jackson.core/jackson-databind"},
		{"SPDXRef-maven-junit-junit", "junit:junit", "", "4.13.2", "junit/junit"},
	}
	if diff := cmp.Diff(want, rows(doc)); diff != "" {
		t.Errorf("components (-want +got):\n%s", diff)
	}
	// Both versions are reached by the relationship naming their SPDXID, and
	// the sharing is reported.
	g := graph.New(doc, "sbom.spdx.json")
	for i := range doc.Components[:2] {
		if p := g.ShortestPath(graph.NodeOf(i)); len(p) != 2 {
			t.Errorf("%s@%s: path %v, want app > it", doc.Components[i].Name, doc.Components[i].Version, p)
		}
	}
	wantProblem := `2 components share the ref "SPDXRef-maven-com.fasterxml.jackson.core-jackson-databind"; each is kept, and the relationships naming it attach to every one`
	if !slices.Contains(g.Problems, wantProblem) {
		t.Errorf("problems %q lack %q", g.Problems, wantProblem)
	}
	if got := doc.Components[0].DisplayName(); got != "com.fasterxml.jackson.core:jackson-databind" {
		t.Errorf("display name %q, want group:artifact once", got)
	}
}

// A purl whose name holds the version, percent-encoded (Microsoft's
// sbom-tool 0.x writes every purl so): the name is split (internal/decode warns
// once per document).
func TestPURLNameHoldingVersion(t *testing.T) {
	doc := mustDecode(t, `{"spdxVersion": "SPDX-2.2", "SPDXID": "SPDXRef-DOCUMENT", "name": "x",
 "packages": [{"SPDXID": "SPDXRef-s", "name": "Semver", "versionInfo": "",
   "externalRefs": [{"referenceCategory": "PACKAGE-MANAGER", "referenceType": "purl", "referenceLocator": "pkg:nuget/Semver%402.2.0"}]}]}`)
	if diff := cmp.Diff([]row{{"SPDXRef-s", "Semver", "", "2.2.0", "pkg:nuget/semver"}}, rows(doc)); diff != "" {
		t.Errorf("components (-want +got):\n%s", diff)
	}
	if !doc.Components[0].VersionFromName {
		t.Error("VersionFromName not set")
	}
}

// Tag-value with each line ending real tools write: pub.dev's SBOM tool
// writes CR only, Windows tools CRLF. An empty PackageVersion is a package of
// unknown version, not a reason to drop the document.
func TestTagValueLineEndings(t *testing.T) {
	lines := []string{
		"SPDXVersion: SPDX-2.2", "DataLicense: CC0-1.0", "SPDXID: SPDXRef-DOCUMENT", "DocumentName: app",
		"", "PackageName: app", "SPDXID: SPDXRef-app", "PackageVersion: 1.0.0",
		"", "PackageName: http", "SPDXID: SPDXRef-http", "PackageVersion:",
		"ExternalRef: PACKAGE-MANAGER purl pkg:pub/http",
		"Relationship: SPDXRef-DOCUMENT DESCRIBES SPDXRef-app",
		"Relationship: SPDXRef-app DEPENDS_ON SPDXRef-http",
	}
	for name, eol := range map[string]string{"LF": "\n", "CRLF": "\r\n", "CR": "\r"} {
		t.Run(name, func(t *testing.T) {
			data := strings.Join(lines, eol) + eol
			if f, ok := Sniff([]byte(data)); !ok || f != model.SPDXTagValue {
				t.Fatalf("Sniff = %v, %v", f, ok)
			}
			doc := mustDecode(t, data)
			if doc.Root == nil || doc.Root.Name != "app" {
				t.Errorf("root %+v, want app", doc.Root)
			}
			if diff := cmp.Diff([]row{{"SPDXRef-http", "http", "", "", "pkg:pub/http"}}, rows(doc)); diff != "" {
				t.Errorf("components (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff([]model.Edge{{From: "SPDXRef-app", To: "SPDXRef-http"}}, doc.Dependencies); diff != "" {
				t.Errorf("edges (-want +got):\n%s", diff)
			}
		})
	}
}

// An empty versionInfo (GitHub's export writes one for the repository
// itself) is read as no version, in every encoding.
func TestEmptyVersionIsRead(t *testing.T) {
	doc := mustDecode(t, githubExport)
	if doc.Root == nil || doc.Root.Version != "" || doc.Root.Name != "com.github.acme/app" {
		t.Errorf("root %+v", doc.Root)
	}
	yaml := "spdxVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\nname: x\npackages:\n- SPDXID: SPDXRef-a\n  name: a\n  versionInfo: \"\"\n"
	if got := rows(mustDecode(t, yaml)); len(got) != 1 || got[0].Version != "" {
		t.Errorf("YAML components %+v", got)
	}
}
