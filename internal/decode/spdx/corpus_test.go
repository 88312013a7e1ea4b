package spdx

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/model"
)

// Package counts from the corpus README table (#components = number of
// SPDX packages, the described package included).
var readmePackageCounts = map[string]int{
	"apk-alpine-image-syft.spdx.json":               14,
	"deb-nginx-image-k8s-bom.spdx":                  1185,
	"go-deb-kube-proxy-1.24.1-image-syft.spdx.json": 99,
	"go-sbomqs-0.0.15-sbom-tool.spdx.json":          70,
	"go-sbomqs-syft.spdx":                           30,
	"go-sbomqs-trivy.spdx":                          17,
	"maven-deb-vul-image-log4j-syft.spdx.json":      125,
	"maven-quarkus-bom-3.2.11-redhat.spdx.json":     1053,
	"nuget-sbom-tool-sample-sbom-tool.spdx.json":    267,
	"nuget-sbom-tool-sample-sbom-tool.spdx3.json":   267,
	"rh-ocp-tools-4.11-rhel8-redhat.spdx.json":      3274,
	"rh-satellite-6.15-rhel8-redhat.spdx.json":      2084,
}

// packageCount counts the document's packages the way the README does: the
// components plus the root when the root is a real package (not the
// synthetic document root).
func packageCount(doc *model.Document, docID string) int {
	n := len(doc.Components)
	if doc.Root != nil && !isSyntheticRoot(doc, docID) {
		n++
	}
	return n
}

func isSyntheticRoot(doc *model.Document, docID string) bool {
	if docID == "" {
		docID = "SPDXRef-DOCUMENT"
	}
	return doc.Root != nil && doc.Root.Ref == docID
}

type decoded struct {
	doc   *model.Document
	docID string
}

func decodeFile(t *testing.T, path string) (decoded, model.Format, bool) {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	format, ok := Sniff(data)
	if !ok {
		return decoded{}, "", false
	}
	doc, err := Decode(data)
	if err != nil {
		t.Errorf("%s: Decode: %v", path, err)
		return decoded{}, format, true
	}
	r, err := parse(data)
	if err != nil {
		t.Fatalf("%s: parse failed after Decode succeeded: %v", path, err)
	}
	if doc.Format != format {
		t.Errorf("%s: Format = %q, Sniff said %q", path, doc.Format, format)
	}
	checkInvariants(t, path, doc)
	return decoded{doc, r.docID}, format, true
}

// checkInvariants checks what the graph layer relies on.
func checkInvariants(t *testing.T, path string, doc *model.Document) {
	t.Helper()
	if doc.SpecVersion == "" {
		t.Errorf("%s: empty SpecVersion", path)
	}
	for _, c := range doc.Components {
		if c.Ref == "" {
			t.Errorf("%s: component %q without Ref", path, c.Name)
		}
		if doc.Root != nil && c.Ref == doc.Root.Ref {
			t.Errorf("%s: root %q is also in Components", path, c.Ref)
		}
	}
	for _, e := range append(append([]model.Edge{}, doc.Dependencies...), doc.Containment...) {
		for _, end := range []string{e.From, e.To} {
			if end == "NOASSERTION" || end == "NONE" || strings.HasPrefix(end, "DocumentRef-") || end == "" {
				t.Errorf("%s: edge %v has an end that should have been dropped", path, e)
			}
		}
	}
}

func logDoc(t *testing.T, path string, d decoded) {
	t.Helper()
	doc := d.doc
	root := "<nil>"
	if doc.Root != nil {
		root = doc.Root.Ref + " (" + doc.Root.Name + ")"
	}
	t.Logf("%s: %s %s packages=%d deps=%d contains=%d root=%s warnings=%q",
		path, doc.Format, doc.SpecVersion, packageCount(doc, d.docID), len(doc.Dependencies), len(doc.Containment), root, doc.Warnings)
}

func TestCorpusSPDX(t *testing.T) {
	base := repotest.Testdata(t, "corpus/spdx")
	perFolder := map[string][2]int{} // folder -> {decoded, skipped}
	err := filepath.WalkDir(base, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(base, path)
		folder := strings.SplitN(rel, string(filepath.Separator), 2)[0]
		counts := perFolder[folder]
		doc, _, claimed := decodeFile(t, path)
		if !claimed {
			counts[1]++
			perFolder[folder] = counts
			data, _ := os.ReadFile(path)
			if _, err := Decode(data); err == nil {
				t.Errorf("%s: not sniffed as SPDX but Decode succeeded", rel)
			}
			switch filepath.Ext(path) {
			case ".json", ".spdx", ".yaml", ".yml", ".xml":
				t.Errorf("%s: expected Sniff to claim this file", rel)
			}
			return nil
		}
		counts[0]++
		perFolder[folder] = counts
		if doc.doc != nil {
			logDoc(t, rel, doc)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for folder, c := range perFolder {
		t.Logf("%s: %d decoded, %d not claimed", folder, c[0], c[1])
	}
	if len(perFolder) == 0 {
		t.Fatal("no corpus files found")
	}
}

func testRealDir(t *testing.T, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		if !strings.Contains(e.Name(), ".spdx") {
			continue
		}
		path := filepath.Join(dir, e.Name())
		doc, _, claimed := decodeFile(t, path)
		if !claimed {
			t.Errorf("%s: Sniff did not claim it", e.Name())
			continue
		}
		if doc.doc == nil {
			continue
		}
		n++
		logDoc(t, e.Name(), doc)
		want, ok := readmePackageCounts[e.Name()]
		if !ok {
			t.Errorf("%s: not in the README table", e.Name())
			continue
		}
		if got := packageCount(doc.doc, doc.docID); got != want {
			t.Errorf("%s: %d packages, README says %d", e.Name(), got, want)
		}
	}
	t.Logf("%s: %d SPDX files decoded", dir, n)
	if n == 0 {
		t.Errorf("no SPDX files in %s", dir)
	}
}

func TestCorpusReal(t *testing.T) {
	testRealDir(t, repotest.Testdata(t, "corpus/real"))
}

func TestSharedCorpusReal(t *testing.T) {
	testRealDir(t, repotest.Shared(t, "corpus/real"))
}

func TestLandscape(t *testing.T) {
	base := repotest.Testdata(t, "landscape")
	n := 0
	err := filepath.WalkDir(base, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Name() != "sbom.spdx.json" {
			return err
		}
		doc, format, claimed := decodeFile(t, path)
		if !claimed || format != model.SPDXJSON {
			t.Errorf("%s: Sniff = %q, %v", path, format, claimed)
			return nil
		}
		if doc.doc == nil {
			return nil
		}
		n++
		logDoc(t, path, doc)
		if doc.doc.Root == nil || isSyntheticRoot(doc.doc, doc.docID) {
			t.Errorf("%s: want the described package as root, got %+v", path, doc.doc.Root)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n == 0 {
		t.Fatal("no landscape SPDX files")
	}
}

// TestEtaPredictorTorchtriton: the landscape's torchtriton scenario must be
// reachable root … torchaudio → torch → torchtriton through dependency edges.
func TestEtaPredictorTorchtriton(t *testing.T) {
	data, err := os.ReadFile(repotest.Testdata(t, "landscape/logistics/eta-predictor/sbom.spdx.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if doc.Root == nil || doc.Root.Ref != "SPDXRef-DocumentRoot-Directory-eta-predictor" {
		t.Fatalf("Root = %+v, want SPDXRef-DocumentRoot-Directory-eta-predictor", doc.Root)
	}
	byName := map[string]string{}
	for _, c := range doc.Components {
		byName[c.Name] = c.Ref
	}
	deps := map[model.Edge]bool{}
	adj := map[string][]string{}
	for _, e := range doc.Dependencies {
		deps[e] = true
		adj[e.From] = append(adj[e.From], e.To)
	}
	for _, e := range doc.Containment {
		adj[e.From] = append(adj[e.From], e.To)
	}
	for _, want := range [][2]string{{"torchaudio", "torch"}, {"torch", "torchtriton"}} {
		e := model.Edge{From: byName[want[0]], To: byName[want[1]]}
		if !deps[e] {
			t.Errorf("missing dependency edge %s -> %s (%v)", want[0], want[1], e)
		}
	}
	// torchaudio is reachable from the root (syft: root CONTAINS every package).
	if !reachable(adj, doc.Root.Ref, byName["torchaudio"]) {
		t.Errorf("torchaudio not reachable from root")
	}
	if !reachable(adj, doc.Root.Ref, byName["torchtriton"]) {
		t.Errorf("torchtriton not reachable from root")
	}
	var triton *model.Component
	for i := range doc.Components {
		if doc.Components[i].Name == "torchtriton" {
			triton = &doc.Components[i]
		}
	}
	if triton == nil || triton.ID != (model.PkgID{Type: "pypi", Name: "torchtriton"}) || triton.Version != "2.0.0+0d7e753227" {
		t.Errorf("torchtriton component = %+v", triton)
	}
}

func reachable(adj map[string][]string, from, to string) bool {
	seen := map[string]bool{from: true}
	queue := []string{from}
	for len(queue) > 0 {
		n := queue[0]
		queue = queue[1:]
		if n == to {
			return true
		}
		for _, m := range adj[n] {
			if !seen[m] {
				seen[m] = true
				queue = append(queue, m)
			}
		}
	}
	return false
}
