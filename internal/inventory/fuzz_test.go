package inventory_test

// Go native fuzz targets for the ownership file parsers (scripts/fuzz.sh runs
// them for a while; `go test` runs only the seeds). The property: no parser
// panics or hangs, and CODEOWNERS rules match paths without panicking.

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sbomx/sbomx/internal/inventory"
	"github.com/sbomx/sbomx/internal/support/repotest"
)

// addFileSeeds adds the files (relative to the repository root) that are
// small enough; a missing file fails the target.
func addFileSeeds(f *testing.F, add func([]byte), files ...string) {
	f.Helper()
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join(repotest.Root(f), filepath.FromSlash(name)))
		if err != nil {
			f.Fatalf("seed: %v", err)
		}
		if len(data) > 64<<10 {
			f.Logf("seed %s: skipped (%d bytes, over 64 KiB)", name, len(data))
			continue
		}
		add(data)
	}
}

func FuzzParseCodeowners(f *testing.F) {
	addFileSeeds(f, func(b []byte) { f.Add(b, "payments/ledger/sbom.cdx.json") }, "testdata/landscape/CODEOWNERS")
	for _, s := range []string{
		"* @acme/everyone\n/payments/ @acme/team-pay\n",
		"docs/* docs@acme.example\n**/logs @octocat\n/build/**/out @acme/build # comment\n",
		"# only a comment\n\n\\#hash @x\n!neg @x\n[ab] @x\napps/ notanowner\n",
		"/café/ @acme/intl\n/a?c/**/*.json @x\r\n",
		"/ @root\n// @x\n*\n",
	} {
		f.Add([]byte(s), "docs/a/b.md")
	}
	paths := []string{"", "sbom.cdx.json", "payments/ledger/sbom.cdx.json", "docs/a.md", "docs/a/b.md", "a/logs/x", "café/x"}
	f.Fuzz(func(t *testing.T, data []byte, file string) {
		co, _ := inventory.ParseCodeowners("CODEOWNERS", data)
		if co == nil {
			t.Fatal("ParseCodeowners returned no Codeowners")
		}
		for _, p := range paths {
			co.Match(p)
		}
		co.Match(file)
		// A rule without wildcards names a path: that path must match some
		// rule (the last matching one decides, so not necessarily this one).
		for _, r := range co.Rules {
			p := strings.TrimPrefix(r.Pattern, "/")
			if p == "" || strings.ContainsAny(p, "*?") || strings.HasSuffix(p, "/") || !utf8.ValidString(p) {
				continue
			}
			if co.Match(p) == nil {
				t.Fatalf("rule %q (line %d) does not match the path %q it names", r.Pattern, r.Line, p)
			}
		}
	})
}

func FuzzParseCatalog(f *testing.F) {
	addFileSeeds(f, func(b []byte) { f.Add(b) },
		"testdata/landscape/edge-infra/cert-renewer/catalog-info.yaml",
		"testdata/landscape/ml-platform/model-trainer/catalog-info.yaml",
		"testdata/landscape/payments/payment-gateway/catalog-info.yaml",
		"testdata/landscape/internal-tools/legacy-build-scripts/catalog-info.yaml",
	)
	for _, s := range []string{
		"",
		"---\n---\n",
		"apiVersion: backstage.io/v1alpha1\nkind: Component\nmetadata:\n  name: ledger\n  annotations:\n    a: b\nspec:\n  owner: group:default/team-a\n  system: [x]\n---\nkind: Group\nmetadata: {name: team-a}\nspec: {profile: {displayName: 1, email: a@b}}\n",
		"kind: System\nmetadata:\n  name: &a x\nspec:\n  domain: *a\n  owner: {a: b}\n",
		"- a\n- b\n",
		"a: &x [*x]\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		ents, _ := inventory.ParseCatalog(data)
		for _, e := range ents {
			inventory.EntityName(e.Owner)
			inventory.EntityName(e.System)
			inventory.TeamID(e.Owner)
		}
	})
}

func FuzzParseInventory(f *testing.F) {
	for _, s := range []string{
		"service,owner,product,domain,contact,sbom\nledger,@acme/team-pay,payments,finance,pay@acme.example,payments/ledger/**\n",
		" SBOM , Owner,SERVICE,Product\na/**,team-a,svc-a,prod\n",
		"\ufeffservice,owner\n# comment\nsvc,\"team a; team-b,team-c\"\n\"unterminated\n",
		"service\towner\tsbom\nsvc\tteam\t/x/*/y?.json\n",
		"- service: ledger\n  owner: '@acme/team-pay'\n  product: payments\n  sbom: payments/ledger/**\n",
		"# our services\nservices:\n  - service: ledger\n    owner: [team-a, team-b]\n  - 3\n",
		"services: x\n",
	} {
		for k := range uint8(3) {
			f.Add(k, []byte(s))
		}
	}
	names := []string{"inventory.csv", "inventory.tsv", "inventory.yaml"}
	f.Fuzz(func(t *testing.T, k uint8, data []byte) {
		rows, _ := inventory.ParseInventory(names[int(k)%len(names)], data)
		for _, r := range rows {
			_ = r.Service
		}
	})
}

func FuzzParseLeanIX(f *testing.F) {
	for _, s := range []string{
		"name: ledger\nteams:\n  - name: team-leanix\napplications:\n  - leanix-app\n  - other-app\n",
		"teams: [team-l]\n",
		"id: x\nowner: {name: a, email: b}\nservices:\n  - id: ledger\n    teams: [{id: t}]\n  - name: other\n",
		"",
		"---\n",
		"[1, 2]\n",
	} {
		f.Add([]byte(s), "ledger")
	}
	f.Fuzz(func(t *testing.T, data []byte, dir string) {
		inventory.ParseLeanIX("leanix.yaml", dir, data)
	})
}

func FuzzParseConfig(f *testing.F) {
	addFileSeeds(f, func(b []byte) { f.Add(b) }, "testdata/landscape/.sbomx.yaml")
	for _, s := range []string{
		"layout: '{product}/{service}'\ninventory: inv.csv\nprecedence:\n  - leanix\n  - layout\n",
		"layout: teams/*/{service}\ninventory: [a.csv, b.yaml]\nprecedence: [bogus]\n",
		"inventory: {a: b}\n---\nx: 1\n",
		"",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		inventory.ParseConfig(".sbomx.yaml", data)
	})
}
