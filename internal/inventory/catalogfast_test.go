package inventory

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/support/repotest"
)

// fastCases are catalogs the fast path must read, or hand on, exactly as
// yaml.v3 does; each is checked by checkFastEqualsSlow.
var fastCases = []string{
	"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ads-bff\n  description: Ads service of the ads system\n  annotations:\n    github.com/project-slug: acme/ads-bff\n    backstage.io/techdocs-ref: dir:.\n  tags:\n    - javascript\nspec:\n  type: service\n  lifecycle: deprecated\n  owner: team-bison-2\n  system: ads\n",
	"# leading comment\n\nkind: Component\nmetadata:\n  name: a\n---\n# second\nkind: Group\nmetadata:\n  name: team-a\nspec:\n  profile:\n    displayName: Team A\n    email: a@acme.example\n",
	"---\nkind: System\nmetadata:\n  name: payments\nspec:\n  owner: group:default/team-pay\n  domain: money\n",
	"kind: Component\nmetadata:\n  name: x\n  tags:\n  - a\n  - b\n  annotations:\n    sbomx.dev/sbom: \"bom.json, image/*.spdx.json\"\n    other: 'single'\n    empty:\nspec:\n  owner:\n",
	"kind: Component\nmetadata:\n  name: x\nspec:\n  owner: true\n",       // a boolean: yaml.v3
	"kind: Component\nmetadata:\n  name: 123\n",                           // a number: yaml.v3
	"kind: Component\nmetadata:\n  name: x\n  name: y\n",                  // duplicate key: yaml.v3 error
	"kind: Component\nmetadata:\n  name: x\n   extra: y\n",                // bad indentation
	"kind: Component\nmetadata:\n  name: a long\n    name continued\n",    // multi-line scalar
	"kind: Component\nmetadata: {name: x}\n",                              // flow style
	"kind: Component\nmetadata:\n  name: &a x\nspec:\n  owner: *a\n",      // anchors
	"kind: Component\nmetadata:\n  description: |\n    text\n  name: x\n", // block scalar
	"kind: Component\nmetadata:\n  name: \"esc\\\"aped\"\n",
	"kind: Component\r\nmetadata:\r\n  name: crlf\r\n",
	"kind: Component\nmetadata:\n\tname: tab\n",
	"kind: Component\nmetadata:\n  name: café\n",
	"kind: Component\n---\n---\nkind: Group\n", // an empty document
	"kind: Component\n---\n",
	"",
	"# only comments\n",
	"kind: Component\nmetadata: x\n",
	"kind: Component\nmetadata:\n  annotations:\n    a:\n      b: c\n",
	"kind: Component\nspec:\n  owner:\n    - a\n",
	"kind: Component\nmetadata:\n  name: x # comment\n",
	"kind: Component\nmetadata:\n  name: x: y\n",
	"kind: [Component]\n",
	"- a\n- b\n",
	"  kind: Component\n",
	"kind: Component\nmetadata:\n  links:\n    - url: https://x\n      title: X\n  name: x\n",
	"kind: Component\nmetadata:\n  name: Yes\n",
	"kind: Component\nmetadata:\n  name: /abs/path\n",
	"kind: Component\nmetadata:\n  name:   spaced   \nspec:\n  owner: '  padded  '\n",
	"kind: Component\nmetadata:\n  name: x\nspec:\n  owner: team-a\n...\n",
	"%YAML 1.2\n---\nkind: Component\n",
	"kind: Component\nmetadata:\n- a\n",
	"kind: Component\nmetadata:\n  -\n",
	"kind:Component\n",
	"kind: Component\nmetadata:\n  name: it's\n  namespace: C#\n",
}

func checkFastEqualsSlow(t *testing.T, data []byte) (fast bool) {
	t.Helper()
	got, ok := parseCatalogFast(data)
	if !ok {
		return false
	}
	want, errs := parseCatalogYAML(data)
	if len(errs) > 0 {
		t.Fatalf("fast path read %q, which yaml.v3 rejects: %v", data, errs)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Fatalf("fast path differs from yaml.v3 on %q (-yaml +fast):\n%s", data, diff)
	}
	return true
}

func TestCatalogFastEqualsSlow(t *testing.T) {
	fast := 0
	for _, c := range fastCases {
		if checkFastEqualsSlow(t, []byte(c)) {
			fast++
		}
	}
	// Every catalog of the example landscape and the test trees.
	files, fastFiles := catalogsFastEqualsSlow(t, repotest.Testdata(t, ""))
	fast += fastFiles
	t.Logf("%d of %d cases and files read by the fast path", fast, len(fastCases)+files)
	if fast < 10 {
		t.Errorf("only %d cases took the fast path", fast)
	}
	t.Run("shared", func(t *testing.T) {
		files, fast := catalogsFastEqualsSlow(t, repotest.Shared(t, "landscape"))
		t.Logf("%d of %d files read by the fast path", fast, files)
	})
}

// catalogsFastEqualsSlow checks every catalog-info file under root and
// counts them and those the fast path read; it fails when there is none.
func catalogsFastEqualsSlow(t *testing.T, root string) (files, fast int) {
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasPrefix(d.Name(), "catalog-info") {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files++
		if checkFastEqualsSlow(t, data) {
			fast++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatalf("no catalog-info file under %s", root)
	}
	return files, fast
}

func FuzzCatalogFastEqualsSlow(f *testing.F) {
	for _, c := range fastCases {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkFastEqualsSlow(t, data)
	})
}
