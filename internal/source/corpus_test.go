package source

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/support/repotest"
)

const cdx = `{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"bom-ref":"app","name":"app"}},"components":[{"bom-ref":"a","name":"a"}]}`

func TestLoadAccountsForEveryFile(t *testing.T) {
	fsys := fstest.MapFS{
		"b/inventory.json":       {Data: []byte(cdx)}, // an SBOM whatever its name
		"a/package.json":         {Data: []byte(`{"name":"x","version":"1.0.0"}`)},
		"a/sbom.cdx.json":        {Data: []byte(`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":`)},
		"a/sbom.spdx.rdf":        {Data: []byte(`<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:spdx="http://spdx.org/rdf/terms#"><spdx:SpdxDocument/></rdf:RDF>`)},
		"a/bom.cdx.yaml":         {Data: []byte("bomFormat: CycloneDX\nspecVersion: \"1.5\"\n")},
		".git/objects/x.json":    {Data: []byte(cdx)},
		"c/.git/config":          {Data: []byte("[core]")},
		"c/README.md":            {Data: []byte("# hi")},
		"c/catalog-info.yaml":    {Data: []byte("kind: Component\n")},
		".history/old/bom.json":  {Data: []byte(cdx)},
		".github/CODEOWNERS":     {Data: []byte("* @x\n")},
		"d/e/deep/bom.spdx.json": {Data: []byte(`{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT","name":"d","packages":[{"SPDXID":"SPDXRef-p","name":"p"}]}`)},
	}
	c, err := testLoad(fsys, topt{Keep: func(f string) bool { return strings.HasSuffix(f, "catalog-info.yaml") }})
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Path, Status, Reason string }
	var got []row
	for _, f := range c.Files {
		got = append(got, row{f.Path, string(f.Status), f.Reason})
	}
	want := []row{
		{".github/CODEOWNERS", "skipped", "not an SBOM"},
		{".history/", "skipped", "hidden directory, not searched (--hidden searches it)"},
		{"a/bom.cdx.yaml", "failed", "unsupported SBOM format: CycloneDX YAML"},
		{"a/package.json", "skipped", "not an SBOM"},
		{"a/sbom.cdx.json", "failed", "cyclonedx: malformed json: unexpected end of JSON input"},
		{"a/sbom.spdx.rdf", "failed", "spdx: RDF/XML SpdxDocument without a specVersion"},
		{"b/inventory.json", "sbom", ""},
		{"c/README.md", "skipped", "not an SBOM"},
		{"c/catalog-info.yaml", "skipped", "not an SBOM; read for ownership or configuration"},
		{"d/e/deep/bom.spdx.json", "sbom", ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	if string(c.Files[8].Data) != "kind: Component\n" {
		t.Errorf("kept data = %q", c.Files[8].Data)
	}
	if c.Files[6].SBOM.Components != 1 || c.Files[6].SBOM.RootName != "app" {
		t.Errorf("sbom info = %+v", c.Files[6].SBOM)
	}
}

// TestRepoCorpus loads every file of testdata/corpus and ../shared/corpus:
// the real SBOMs and all valid spec examples are read; the only failures
// are SBOM encodings sbomx does not read (SPDX YAML and XML), named as
// such.
func TestRepoCorpus(t *testing.T) {
	t.Run("testdata", func(t *testing.T) { testRepoCorpus(t, repotest.Testdata(t, "corpus")) })
	t.Run("shared", func(t *testing.T) { testRepoCorpus(t, repotest.Shared(t, "corpus")) })
}

func testRepoCorpus(t *testing.T, dir string) {
	c, err := testLoad(os.DirFS(dir), topt{})
	if err != nil {
		t.Fatal(err)
	}
	var read, skipped, failed int
	for _, f := range c.Files {
		switch f.Status {
		case StatusSBOM:
			read++
		case StatusSkipped:
			skipped++
			base := f.Path[strings.LastIndexByte(f.Path, '/')+1:]
			if strings.HasPrefix(f.Path, "real/") || strings.HasPrefix(base, "valid-") {
				t.Errorf("%s: skipped: %s", f.Path, f.Reason)
			}
		case StatusFailed:
			failed++
			if !strings.HasPrefix(f.Reason, "unsupported SBOM format: SPDX ") {
				t.Errorf("%s: failed: %s", f.Path, f.Reason)
			}
		}
	}
	t.Logf("%s: %d files: %d SBOMs read, %d skipped, %d failed (only encodings sbomx does not read may fail)", dir, len(c.Files), read, skipped, failed)
}

func TestMaxFileSize(t *testing.T) {
	fsys := fstest.MapFS{"big.json": {Data: []byte(cdx)}}
	c, err := testLoad(fsys, topt{MaxFileSize: 10})
	if err != nil {
		t.Fatal(err)
	}
	if f := c.Files[0]; f.Status != StatusFailed || !strings.Contains(f.Reason, "over the 10-byte limit") {
		t.Errorf("got %s %q", f.Status, f.Reason)
	}
}

// TestFilterable: the prefilter rules out SBOMs whose service is their
// folder's, and those whose service is named by their root component
// (at the top, in a flat folder) once their root is found without decoding.
func TestFilterable(t *testing.T) {
	fsys := fstest.MapFS{
		"top.json":                 {Data: []byte(cdx)}, // at the top: named by its root
		"p/svc/sbom.json":          {Data: []byte(cdx)}, // one service's folder
		"p/svc/catalog-info.yaml":  {Data: []byte("kind: Component\n")},
		"p/flat/a.json":            {Data: []byte(cdx)}, // three SBOMs: named by root
		"p/flat/b.json":            {Data: []byte(cdx)},
		"p/flat/c.json":            {Data: []byte(cdx)},
		"p/parent/sbom.json":       {Data: []byte(cdx)}, // SBOMs below it too
		"p/parent/image/sbom.json": {Data: []byte(cdx)},
		"p/parent/image/README.md": {Data: []byte("# x")},
	}
	c, err := testLoad(fsys, topt{
		Keep:      func(f string) bool { return strings.HasSuffix(f, "catalog-info.yaml") },
		Prefilter: func([]byte) bool { return false }, // rule out all it may
	})
	if err != nil {
		t.Fatal(err)
	}
	type state struct {
		Prefiltered, RootKnown bool
		Root                   string
	}
	got := map[string]state{}
	for _, f := range c.Files {
		if f.SBOM != nil {
			got[f.Path] = state{f.SBOM.Prefiltered, f.SBOM.RootKnown, f.SBOM.RootName}
		}
	}
	byRoot := state{true, true, "app"}
	want := map[string]state{
		"top.json": byRoot, "p/svc/sbom.json": {Prefiltered: true},
		"p/flat/a.json": byRoot, "p/flat/b.json": byRoot, "p/flat/c.json": byRoot,
		"p/parent/sbom.json": byRoot, "p/parent/image/sbom.json": {Prefiltered: true},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("prefiltered (-want +got):\n%s", diff)
	}
}
