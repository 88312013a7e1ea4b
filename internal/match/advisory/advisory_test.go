package advisory

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/sbomx/sbomx/internal/match/versions"
	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/model"
	"github.com/sbomx/sbomx/pkg/query"
)

// corpusDir holds the OSV records the tests read.
func corpusDir(t testing.TB) string {
	t.Helper()
	return repotest.Testdata(t, "corpus/advisories")
}

// wantQuery is what a test checks of one query.
type wantQuery struct {
	Type, Namespace, Name, Version string
}

func queriesOf(a *Advisory) []wantQuery {
	var out []wantQuery
	for _, q := range a.Queries {
		out = append(out, wantQuery{q.Type, q.Namespace, q.Name, q.Version})
	}
	return out
}

// affected reports whether any query of a for package name decides that
// version v is affected; an error from a matcher fails the test.
func affected(t *testing.T, a *Advisory, name, v string) bool {
	t.Helper()
	found, hit := false, false
	for _, q := range a.Queries {
		if q.Name != name {
			continue
		}
		found = true
		if q.Versions == nil {
			hit = true
			continue
		}
		ok, err := q.Versions.Match(q.Type, v)
		if err != nil {
			t.Errorf("%s: %s@%s: %v", q.Input, name, v, err)
		}
		hit = hit || ok
	}
	if !found {
		t.Errorf("%s: no query for %s", a.ID, name)
	}
	return hit
}

func TestCorpus(t *testing.T) {
	corpus := corpusDir(t)
	tests := []struct {
		file    string
		id      string
		aliases []string
		queries []wantQuery
		input   string // of the first query
		gitNote bool
		// versions: "name@version" -> affected?
		versions map[string]bool
	}{
		{
			file: "GHSA-7rjr-3q55-vv33.json", id: "GHSA-7rjr-3q55-vv33", aliases: []string{"CVE-2021-45046"},
			queries: []wantQuery{
				{"maven", "org.apache.logging.log4j", "log4j-core", ">=2.13.0,<2.16.0"},
				{"maven", "org.apache.logging.log4j", "log4j-core", "<2.12.2"},
			},
			input: "GHSA-7rjr-3q55-vv33 Maven/org.apache.logging.log4j:log4j-core",
			versions: map[string]bool{
				"log4j-core@2.14.1": true, "log4j-core@2.12.2": false, "log4j-core@2.16.0": false,
				"log4j-core@2.17.1": false, "log4j-core@2.12.1": true, "log4j-core@2.13.0": true,
			},
		},
		{
			// event-stream: introduced 3.3.6, fixed 4.0.0, and versions [3.3.6].
			// flatmap-stream: introduced 0 and nothing else, so every version.
			file: "GHSA-mh6f-8j2x-4483.json", id: "GHSA-mh6f-8j2x-4483",
			queries: []wantQuery{
				{"npm", "", "event-stream", ">=3.3.6,<4.0.0"},
				{"npm", "", "flatmap-stream", "all versions"},
			},
			input: "GHSA-mh6f-8j2x-4483 npm/event-stream",
			versions: map[string]bool{
				"event-stream@3.3.6": true, "event-stream@3.3.4": false, "event-stream@3.3.5": false,
				"event-stream@4.0.0": false, "event-stream@4.0.1": false,
				"flatmap-stream@0.1.1": true,
			},
		},
		{
			file: "GHSA-pjwm-rvh2-c87w.json", id: "GHSA-pjwm-rvh2-c87w",
			queries: []wantQuery{
				{"npm", "", "ua-parser-js", ">=0.7.29,<0.7.30"},
				{"npm", "", "ua-parser-js", ">=0.8.0,<0.8.1"},
				{"npm", "", "ua-parser-js", ">=1.0.0,<1.0.1"},
			},
			input: "GHSA-pjwm-rvh2-c87w npm/ua-parser-js",
			versions: map[string]bool{
				"ua-parser-js@0.7.29": true, "ua-parser-js@0.7.30": false, "ua-parser-js@0.7.28": false,
				"ua-parser-js@0.8.0": true, "ua-parser-js@1.0.0": true, "ua-parser-js@1.0.1": false,
			},
		},
		{
			file: "GHSA-45c4-8wx5-qw6w.json", id: "GHSA-45c4-8wx5-qw6w", aliases: []string{"CVE-2023-37276"},
			queries: []wantQuery{{"pypi", "", "aiohttp", "<3.8.5"}},
			input:   "GHSA-45c4-8wx5-qw6w PyPI/aiohttp",
			versions: map[string]bool{
				"aiohttp@3.8.4": true, "aiohttp@3.8.5": false, "aiohttp@3.9.1": false,
			},
		},
		{
			// YAML; GIT range next to an ECOSYSTEM range and 226 listed versions.
			file: "PYSEC-2024-26.yaml", id: "PYSEC-2024-26", aliases: []string{"CVE-2024-23829", "GHSA-8qpw-xqxj-h4r2"},
			queries: []wantQuery{{"pypi", "", "aiohttp", "<3.9.2"}},
			input:   "PYSEC-2024-26 PyPI/aiohttp",
			gitNote: true,
			versions: map[string]bool{
				"aiohttp@3.9.1": true, "aiohttp@3.9.2": false, "aiohttp@3.8.4": true, "aiohttp@0.1": true,
			},
		},
		{
			file: "GO-2021-0113.json", id: "GO-2021-0113", aliases: []string{"CVE-2021-38561", "GHSA-ppp9-7jff-5vj2"},
			queries: []wantQuery{{"golang", "golang.org/x", "text", "<0.3.7"}},
			input:   "GO-2021-0113 Go/golang.org/x/text",
			versions: map[string]bool{
				"text@v0.3.6": true, "text@v0.3.7": false, "text@0.3.6": true,
			},
		},
		{
			file: "GO-2022-1059.json", id: "GO-2022-1059", aliases: []string{"CVE-2022-32149", "GHSA-69ch-w2m2-3vjp"},
			queries: []wantQuery{{"golang", "golang.org/x", "text", "<0.3.8"}},
			input:   "GO-2022-1059 Go/golang.org/x/text",
			versions: map[string]bool{
				"text@v0.3.6": true, "text@v0.3.7": true, "text@v0.3.8": false, "text@v0.14.0": false,
				"text@v0.0.0-20210220032956-6a5a7a9c6a1e": true,
			},
		},
		{
			// package.purl given; introduced 0.0.0-0 and nothing else.
			file: "RUSTSEC-2022-0042.json", id: "RUSTSEC-2022-0042", aliases: []string{"GHSA-7pwq-f4pq-78gm", "MAL-2022-1"},
			queries: []wantQuery{{"cargo", "", "rustdecimal", "all versions"}},
			input:   "RUSTSEC-2022-0042 crates.io/rustdecimal",
			versions: map[string]bool{
				"rustdecimal@1.23.1": true, "rustdecimal@0.0.1": true,
			},
		},
		{
			file: "RUSTSEC-2023-0044.json", id: "RUSTSEC-2023-0044", aliases: []string{"CVE-2023-53159", "GHSA-xcf7-rvmh-g6q4"},
			queries: []wantQuery{{"cargo", "", "openssl", "<0.10.55"}},
			input:   "RUSTSEC-2023-0044 crates.io/openssl",
			versions: map[string]bool{
				"openssl@0.10.54": true, "openssl@0.10.55": false, "openssl@0.9.24": true,
			},
		},
	}
	entries, err := os.ReadDir(corpus)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != len(tests) {
		t.Errorf("%d files in %s, %d tested", len(entries), corpus, len(tests))
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			name := filepath.Join(corpus, tt.file)
			data, err := os.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			a, err := Load(name, data)
			if err != nil {
				t.Fatal(err)
			}
			if a.ID != tt.id || a.File != name || a.Summary == "" || a.Withdrawn != "" {
				t.Errorf("ID %q File %q Summary %q Withdrawn %q", a.ID, a.File, a.Summary, a.Withdrawn)
			}
			if diff := cmp.Diff(tt.aliases, a.Aliases, cmpEmpty); diff != "" {
				t.Errorf("aliases (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(tt.queries, queriesOf(a)); diff != "" {
				t.Errorf("queries (-want +got):\n%s", diff)
			}
			for _, q := range a.Queries {
				if q.Kind != query.KindPURL || q.Advisory != tt.id || q.Input != tt.input && !strings.HasPrefix(q.Input, tt.id+" ") {
					t.Errorf("query %+v", q)
				}
				if _, ok := q.Versions.(*versions.Affected); q.Versions != nil && !ok {
					t.Errorf("%s: Versions is a %T", q.Input, q.Versions)
				}
			}
			if got := a.Queries[0].Input; got != tt.input {
				t.Errorf("Input = %q, want %q", got, tt.input)
			}
			gitNote := len(a.Notes) == 1 && strings.Contains(a.Notes[0], "GIT ranges") &&
				strings.Contains(a.Notes[0], "affected[0] PyPI/aiohttp") &&
				strings.Contains(a.Notes[0], "https://github.com/aio-libs/aiohttp") &&
				a.Queries[0].Note == a.Notes[0]
			if tt.gitNote != gitNote || !tt.gitNote && len(a.Notes) > 0 {
				t.Errorf("notes %q, want a GIT note: %v", a.Notes, tt.gitNote)
			}
			for nv, want := range tt.versions {
				n, v, _ := strings.Cut(nv, "@")
				if got := affected(t, a, n, v); got != want {
					t.Errorf("%s: affected = %v, want %v", nv, got, want)
				}
			}
		})
	}
}

var cmpEmpty = cmp.Comparer(func(a, b []string) bool {
	if len(a) == 0 && len(b) == 0 {
		return true
	}
	return cmp.Equal([]string(a), []string(b))
})

func TestCorpusDirectory(t *testing.T) {
	corpus := corpusDir(t)
	advs, errs := LoadPath(corpus)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var ids []string
	n := 0
	for _, a := range advs {
		ids = append(ids, a.ID)
		n += len(a.Queries)
	}
	want := []string{"GHSA-45c4-8wx5-qw6w", "GHSA-7rjr-3q55-vv33", "GHSA-mh6f-8j2x-4483", "GHSA-pjwm-rvh2-c87w",
		"GO-2021-0113", "GO-2022-1059", "PYSEC-2024-26", "RUSTSEC-2022-0042", "RUSTSEC-2023-0044"}
	if diff := cmp.Diff(want, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if n != 13 {
		t.Errorf("%d queries, want 13", n)
	}
}

// The queries match SBOM components through query.Query.Match.
func TestQueriesMatchComponents(t *testing.T) {
	corpus := corpusDir(t)
	advs, errs := LoadPath(corpus)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	byID := map[string]*Advisory{}
	for _, a := range advs {
		byID[a.ID] = a
	}
	tests := []struct {
		id   string
		c    model.Component
		want bool
	}{
		{"GHSA-7rjr-3q55-vv33", model.Component{PURL: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"}, true},
		{"GHSA-7rjr-3q55-vv33", model.Component{PURL: "pkg:maven/org.apache.logging.log4j/log4j-core@2.17.1"}, false},
		{"GHSA-7rjr-3q55-vv33", model.Component{PURL: "pkg:maven/org.apache.logging.log4j/log4j-api@2.14.1"}, false},
		{"GHSA-7rjr-3q55-vv33", model.Component{Group: "org.apache.logging.log4j", Name: "log4j-core", Version: "2.14.1"}, true},
		{"PYSEC-2024-26", model.Component{PURL: "pkg:pypi/AioHTTP@3.9.1"}, true},
		{"PYSEC-2024-26", model.Component{PURL: "pkg:pypi/aiohttp@3.9.2"}, false},
		{"GO-2022-1059", model.Component{PURL: "pkg:golang/golang.org/x/text@v0.3.6"}, true},
		{"GO-2022-1059", model.Component{Name: "golang.org/x/text", Version: "v0.3.6"}, true},
		{"GO-2022-1059", model.Component{PURL: "pkg:golang/golang.org/x/net@v0.3.6"}, false},
		{"GHSA-mh6f-8j2x-4483", model.Component{PURL: "pkg:npm/event-stream@3.3.6"}, true},
		{"GHSA-mh6f-8j2x-4483", model.Component{PURL: "pkg:npm/flatmap-stream@0.1.1"}, true},
		{"GHSA-mh6f-8j2x-4483", model.Component{PURL: "pkg:pypi/event-stream@3.3.6"}, false},
	}
	for _, tt := range tests {
		c := tt.c
		model.IdentifyComponent(&c)
		got := false
		for _, q := range byID[tt.id].Queries {
			ok, why := q.Match(&c)
			if why != nil {
				t.Errorf("%s on %+v: %v", q.Input, c, why)
			}
			got = got || ok
		}
		if got != tt.want {
			t.Errorf("%s on %s %s/%s@%s: %v, want %v", tt.id, c.PURL, c.Group, c.Name, c.Version, got, tt.want)
		}
	}
}

func TestGitOnly(t *testing.T) {
	const rec = `{
  "id": "GO-TEST-0001",
  "summary": "only commits",
  "affected": [{
    "package": {"ecosystem": "Go", "name": "golang.org/x/text"},
    "ranges": [{"type": "GIT", "repo": "https://go.googlesource.com/text", "events": [{"introduced": "0"}, {"fixed": "383b2e75a7a4198c42f8f87833eefb772868a56f"}]}],
    "ecosystem_specific": {"imports": [{"path": "golang.org/x/text/language"}]},
    "database_specific": {"source": "test"}
  }]
}`
	a, err := Load("git.json", []byte(rec))
	if err != nil {
		t.Fatal(err)
	}
	if len(a.Queries) != 1 {
		t.Fatalf("%d queries", len(a.Queries))
	}
	q := a.Queries[0]
	if diff := cmp.Diff(wantQuery{"golang", "golang.org/x", "text", "GIT ranges only"}, queriesOf(a)[0]); diff != "" {
		t.Error(diff)
	}
	wantNote := "GO-TEST-0001 affected[0] Go/golang.org/x/text: only GIT ranges (commits of https://go.googlesource.com/text), which cannot be matched against SBOM versions: every version of the package is reported, as of unknown version"
	if diff := cmp.Diff([]string{wantNote}, a.Notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	if q.Note != wantNote {
		t.Errorf("query note %q", q.Note)
	}
	for _, v := range []string{"v0.3.6", "v0.99.0", ""} {
		ok, err := q.Versions.Match("golang", v)
		if ok || !errors.Is(err, ErrGitOnly) {
			t.Errorf("Match(%q) = %v, %v; want false, ErrGitOnly", v, ok, err)
		}
	}
	// Through query.Match: the name matches, the version is unknown.
	c := model.Component{PURL: "pkg:golang/golang.org/x/text@v0.3.6"}
	model.IdentifyComponent(&c)
	if ok, why := q.Match(&c); ok || !errors.Is(why, ErrGitOnly) {
		t.Errorf("Match = %v, %v", ok, why)
	}
	c = model.Component{PURL: "pkg:golang/golang.org/x/net@v0.3.6"}
	model.IdentifyComponent(&c)
	if ok, why := q.Match(&c); ok || why != nil {
		t.Errorf("other module: Match = %v, %v", ok, why)
	}
}

// GIT ranges next to a versions list: the list decides, with a note.
func TestGitWithVersions(t *testing.T) {
	const rec = `{"id": "OSV-TEST-2", "affected": [{"package": {"ecosystem": "PyPI", "name": "Foo.Bar"},
  "ranges": [{"type": "GIT", "repo": "https://example.com/foo", "events": [{"introduced": "abc"}]}],
  "versions": ["1.0", "1.1"]}]}`
	a, err := Load("x.json", []byte(rec))
	if err != nil {
		t.Fatal(err)
	}
	q := a.Queries[0]
	if diff := cmp.Diff(wantQuery{"pypi", "", "foo-bar", "=1.0 || =1.1"}, queriesOf(a)[0]); diff != "" {
		t.Error(diff)
	}
	if len(a.Notes) != 1 || !strings.Contains(a.Notes[0], "GIT ranges") || q.Note != a.Notes[0] {
		t.Errorf("notes %q, query note %q", a.Notes, q.Note)
	}
	for v, want := range map[string]bool{"1.0": true, "1.0.0": true, "1.1": true, "1.2": false} {
		if ok, err := q.Versions.Match("pypi", v); ok != want || err != nil {
			t.Errorf("Match(%q) = %v, %v", v, ok, err)
		}
	}
}

func TestUnknownEcosystem(t *testing.T) {
	const rec = `{"id": "OSV-TEST-3", "affected": [
  {"package": {"ecosystem": "GitHub Actions", "name": "tj-actions/changed-files"},
   "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}, {"fixed": "46.0.1"}]}]},
  {"package": {"ecosystem": "Weird", "name": "Thing"}, "versions": ["1.0"]}]}`
	a, err := Load("x.json", []byte(rec))
	if err != nil {
		t.Fatal(err)
	}
	want := []wantQuery{
		{"", "tj-actions", "changed-files", "<46.0.1"},
		{"", "", "Thing", "=1.0"},
	}
	if diff := cmp.Diff(want, queriesOf(a)); diff != "" {
		t.Errorf("queries (-want +got):\n%s", diff)
	}
	if a.Queries[0].Kind != query.KindQualified || a.Queries[1].Kind != query.KindName {
		t.Errorf("kinds %s %s", a.Queries[0].Kind, a.Queries[1].Kind)
	}
	if len(a.Notes) != 2 || !strings.Contains(a.Notes[0], "no package URL type for ecosystem GitHub Actions") ||
		!strings.Contains(a.Notes[1], "affected[1] Weird/Thing") {
		t.Errorf("notes %q", a.Notes)
	}
	// Matched by name in any ecosystem; the version compared in the
	// component's, or unknown when it has none.
	c := model.Component{PURL: "pkg:github/tj-actions/changed-files@45.0.0"}
	model.IdentifyComponent(&c)
	if ok, why := a.Queries[0].Match(&c); ok || why == nil {
		t.Errorf("pkg:github (no ordering): Match = %v, %v; want an unknown version", ok, why)
	}
	c = model.Component{Name: "thing", Version: "1.0"}
	model.IdentifyComponent(&c)
	if ok, why := a.Queries[1].Match(&c); !ok || why != nil {
		t.Errorf("thing@1.0: Match = %v, %v", ok, why)
	}
}

func TestWithdrawn(t *testing.T) {
	const rec = `{"id": "GHSA-test-with-drwn", "withdrawn": "2023-05-01T00:00:00Z", "summary": "oops",
  "affected": [{"package": {"ecosystem": "npm", "name": "@Scope/Pkg", "purl": "pkg:npm/%40scope/pkg"},
                "ranges": [{"type": "SEMVER", "events": [{"introduced": "1.0.0"}, {"last_affected": "1.2.0"}]}]}]}`
	a, err := Load("w.json", []byte(rec))
	if err != nil {
		t.Fatal(err)
	}
	if a.Withdrawn != "2023-05-01T00:00:00Z" {
		t.Errorf("Withdrawn %q", a.Withdrawn)
	}
	note := "GHSA-test-with-drwn: withdrawn 2023-05-01T00:00:00Z (the record no longer stands)"
	if diff := cmp.Diff([]string{note}, a.Notes); diff != "" {
		t.Errorf("notes (-want +got):\n%s", diff)
	}
	q := a.Queries[0]
	if q.Note != note || q.Input != "GHSA-test-with-drwn npm/@Scope/Pkg" {
		t.Errorf("query %+v", q)
	}
	if diff := cmp.Diff(wantQuery{"npm", "@scope", "pkg", ">=1.0.0,<=1.2.0"}, queriesOf(a)[0]); diff != "" {
		t.Error(diff)
	}
	for v, want := range map[string]bool{"1.2.0": true, "1.2.1": false, "0.9.0": false} {
		if ok, err := q.Versions.Match("npm", v); ok != want || err != nil {
			t.Errorf("Match(%q) = %v, %v", v, ok, err)
		}
	}
}

func TestNameSplitting(t *testing.T) {
	tests := []struct {
		eco, name string
		want      wantQuery
	}{
		{"npm", "@Angular/Core", wantQuery{"npm", "@angular", "core", "all versions"}},
		{"Maven", "com.fasterxml.jackson.core:jackson-databind", wantQuery{"maven", "com.fasterxml.jackson.core", "jackson-databind", "all versions"}},
		{"Go", "github.com/Sirupsen/logrus", wantQuery{"golang", "github.com/Sirupsen", "logrus", "all versions"}},
		{"Go", "stdlib", wantQuery{"golang", "", "stdlib", "all versions"}},
		{"PyPI", "Torch_Triton", wantQuery{"pypi", "", "torch-triton", "all versions"}},
		{"Packagist", "guzzlehttp/guzzle", wantQuery{"composer", "guzzlehttp", "guzzle", "all versions"}},
		{"Debian:11", "openssl", wantQuery{"deb", "", "openssl", "all versions"}},
		{"NuGet", "Newtonsoft.Json", wantQuery{"nuget", "", "newtonsoft.json", "all versions"}},
		{"RubyGems", "rails", wantQuery{"gem", "", "rails", "all versions"}},
	}
	for _, tt := range tests {
		rec := `{"id": "X-1", "affected": [{"package": {"ecosystem": "` + tt.eco + `", "name": "` + tt.name + `"},
			"ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "0"}]}]}]}`
		a, err := Load("x.json", []byte(rec))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(tt.want, queriesOf(a)[0]); diff != "" {
			t.Errorf("%s %s (-want +got):\n%s", tt.eco, tt.name, diff)
		}
		if len(a.Notes) != 0 {
			t.Errorf("%s %s: notes %q", tt.eco, tt.name, a.Notes)
		}
	}
}

func TestNoRanges(t *testing.T) {
	a, err := Load("x.json", []byte(`{"id": "X-2", "affected": [{"package": {"ecosystem": "npm", "name": "left-pad"}}]}`))
	if err != nil {
		t.Fatal(err)
	}
	q := a.Queries[0]
	if q.Versions != nil || q.Version != "" || len(a.Notes) != 1 || !strings.Contains(a.Notes[0], "every version is taken as affected") {
		t.Errorf("query %+v, notes %q", q, a.Notes)
	}
}

func TestYAML(t *testing.T) {
	// An unquoted 1.10 must stay "1.10", not become the number 1.1.
	const rec = `id: PYSEC-TEST-1
summary: ""
details: |
  Something bad. More words.
affected:
- package: {ecosystem: PyPI, name: demo}
  versions:
  - 1.10
  - 2.0
`
	a, err := Load("x.yml", []byte(rec))
	if err != nil {
		t.Fatal(err)
	}
	if a.Summary != "Something bad." {
		t.Errorf("Summary %q", a.Summary)
	}
	if diff := cmp.Diff(wantQuery{"pypi", "", "demo", "=1.10 || =2.0"}, queriesOf(a)[0]); diff != "" {
		t.Error(diff)
	}
	if ok, err := a.Queries[0].Versions.Match("pypi", "1.1"); ok || err != nil {
		t.Errorf("1.1: %v, %v", ok, err)
	}
}

func TestMalformed(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"bad.json", `{"id": "X", "affected": [`, "bad.json: not an OSV record: unexpected end of JSON input"},
		{"array.json", `[{"id": "X"}]`, "array.json: not an OSV record: a JSON array, not an object"},
		{"noid.json", `{"affected": [{"package": {"ecosystem": "npm", "name": "x"}}]}`, "noid.json: not an OSV record: no id"},
		{"noaff.json", `{"id": "X-3", "summary": "nothing"}`, "noaff.json: OSV record X-3 lists no affected package"},
		{"nopkg.json", `{"id": "X-4", "affected": [{"ranges": []}]}`, "nopkg.json: OSV record X-4: no affected entry names a package"},
		{"types.json", `{"id": "X-5", "affected": "npm"}`, "types.json: not an OSV record: affected is a JSON string"},
		{"bad.yaml", "id: [unclosed\n", "bad.yaml: not an OSV record: "},
		{"text.yaml", "just some text\n", "text.yaml: not an OSV record: "},
		{"empty.json", "  \n", "empty.json: not an OSV record: empty file"},
	}
	for _, tt := range tests {
		a, err := Load(tt.name, []byte(tt.data))
		if err == nil || !strings.HasPrefix(err.Error(), tt.want) {
			t.Errorf("%s: Load = %v, %v; want error %q", tt.name, a, err, tt.want)
		}
	}
}

func TestLoadPathDirectory(t *testing.T) {
	corpus := corpusDir(t)
	dir := t.TempDir()
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"GHSA-7rjr-3q55-vv33.json", "PYSEC-2024-26.yaml"} {
		data, err := os.ReadFile(filepath.Join(corpus, f))
		if err != nil {
			t.Fatal(err)
		}
		write("sub/"+f, string(data))
	}
	write("a.yml", "id: OSV-A\naffected:\n- package: {ecosystem: npm, name: a}\n")
	write("package.json", `{"name": "not-an-advisory", "version": "1.0.0"}`)
	write("README.md", "# not read")
	write(".git/config.json", "not read either")

	advs, errs := LoadPath(dir)
	var ids []string
	for _, a := range advs {
		ids = append(ids, a.ID)
	}
	if diff := cmp.Diff([]string{"OSV-A", "GHSA-7rjr-3q55-vv33", "PYSEC-2024-26"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if len(advs) == 3 && advs[1].File != filepath.Join(dir, "sub", "GHSA-7rjr-3q55-vv33.json") {
		t.Errorf("File %q", advs[1].File)
	}
	want := filepath.Join(dir, "package.json") + ": not an OSV record: no id"
	if len(errs) != 1 || errs[0].Error() != want {
		t.Errorf("errors %v, want [%s]", errs, want)
	}

	// One file, whatever its name.
	write("record.txt", `{"id": "OSV-B", "affected": [{"package": {"ecosystem": "npm", "name": "b"}}]}`)
	advs, errs = LoadPath(filepath.Join(dir, "record.txt"))
	if len(errs) != 0 || len(advs) != 1 || advs[0].ID != "OSV-B" {
		t.Errorf("file: %v, %v", advs, errs)
	}
	// Missing path; directory without records.
	if _, errs := LoadPath(filepath.Join(dir, "missing")); len(errs) != 1 || !errors.Is(errs[0], os.ErrNotExist) {
		t.Errorf("missing: %v", errs)
	}
	empty := t.TempDir()
	if advs, errs := LoadPath(empty); len(advs) != 0 || len(errs) != 1 || !strings.Contains(errs[0].Error(), "no *.json, *.yaml or *.yml file") {
		t.Errorf("empty dir: %v, %v", advs, errs)
	}
}
