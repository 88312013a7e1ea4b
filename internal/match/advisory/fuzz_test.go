package advisory_test

// Go native fuzz target for the OSV record loader (scripts/fuzz.sh runs it
// for a while; `go test` runs only the seeds). The property: Load never
// panics or hangs, and the queries of a loaded record match components
// without panicking.

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/sbomx/sbomx/internal/match/advisory"
	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/model"
)

func FuzzLoad(f *testing.F) {
	for _, name := range []string{
		"GHSA-7rjr-3q55-vv33.json",
		"GHSA-mh6f-8j2x-4483.json",
		"GHSA-pjwm-rvh2-c87w.json",
		"GO-2021-0113.json",
		"GO-2022-1059.json",
		"PYSEC-2024-26.yaml",
		"RUSTSEC-2023-0044.json",
	} {
		data, err := os.ReadFile(filepath.Join(repotest.Testdata(f, "corpus/advisories"), name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(uint8(0), data)
	}
	for _, s := range []string{
		`{"id":"X-1","affected":[{"package":{"ecosystem":"npm","name":"lodash"},"ranges":[{"type":"SEMVER","events":[{"introduced":"0"},{"fixed":"4.17.21"}]}],"versions":["4.17.20"]}]}`,
		`{"id":"X-2","withdrawn":"2024-01-01T00:00:00Z","affected":[{"package":{"ecosystem":"Debian:11","name":"openssl"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"1:1.0"},{"last_affected":"1:1.1.1n-0+deb11u3"},{"limit":"*"}]}]},{"package":{"purl":"pkg:golang/golang.org/x/text"},"ranges":[{"type":"GIT","repo":"https://go.googlesource.com/text","events":[{"introduced":"0"},{"fixed":"abc"}]}]}]}`,
		"id: X-3\nsummary: y\naffected:\n  - package: {ecosystem: PyPI, name: Torch_Triton}\n    versions: [1.10, 2.0.0+0d7e753227]\n    ranges:\n      - type: ECOSYSTEM\n        events: [{introduced: '0'}]\n",
		`{"id":"X-4","details":"a. b","affected":[{"package":{"ecosystem":"GitHub Actions","name":"a/b"}},{}]}`,
		`[]`,
		``,
	} {
		f.Add(uint8(1), []byte(s))
	}
	components := []*model.Component{
		{Name: "lodash", Version: "4.17.20", PURL: "pkg:npm/lodash@4.17.20"},
		{Name: "openssl", Version: "1:1.1.1n-0+deb11u3", PURL: "pkg:deb/debian/openssl@1:1.1.1n-0+deb11u3"},
		{Name: "torchtriton", Version: "2.0.0+0d7e753227", PURL: "pkg:pypi/torchtriton@2.0.0%2B0d7e753227"},
		{Name: "text", Group: "golang.org/x", Version: "v0.3.7", PURL: "pkg:golang/golang.org/x/text@v0.3.7"},
		{Name: "log4j-core", Version: "2.14.1", PURL: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"},
		{Name: "no-purl", Version: "1.0"},
	}
	for _, c := range components {
		model.IdentifyComponent(c)
	}
	names := []string{"record.json", "record.yaml", "record"}
	f.Fuzz(func(t *testing.T, k uint8, data []byte) {
		a, err := advisory.Load(names[int(k)%len(names)], data)
		if err != nil {
			return
		}
		if a == nil || len(a.Queries) == 0 {
			t.Fatalf("Load returned %v and no error", a)
		}
		for _, q := range a.Queries {
			_ = q.String()
			if q.Versions != nil {
				_ = q.Versions.String()
			}
			for _, c := range components {
				q.Match(c)
			}
		}
	})
}
