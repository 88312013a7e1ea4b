package cli

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/sbomx/sbomx/internal/source/gitsrc/gittest"
	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/answers"
)

var updateHistory = flag.Bool("update-history", false, "rewrite testdata/history from what sbomx prints now")

// historySBOM is a CycloneDX SBOM of service name at version, depending
// directly on requests and on each of deps (name@version).
func historySBOM(name, version string, deps ...string) string {
	comps := `{"bom-ref":"requests","type":"library","name":"requests","version":"2.31.0","purl":"pkg:pypi/requests@2.31.0"}`
	refs := `"requests"`
	for _, d := range deps {
		n, v, _ := strings.Cut(d, "@")
		comps += fmt.Sprintf(`,{"bom-ref":%q,"type":"library","name":%q,"version":%q,"purl":"pkg:pypi/%s@%s"}`, n, n, v, n, v)
		refs += fmt.Sprintf(",%q", n)
	}
	return fmt.Sprintf(`{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"bom-ref":"root","type":"application","name":%q,"version":%q}},`+
		`"components":[%s],"dependencies":[{"ref":"root","dependsOn":[%s]}]}`+"\n", name, version, comps, refs)
}

// incident is the torchtriton incident in small, as a repository built
// with go-git. Commits on main, first parent (committer dates, UTC):
//
//	c1  2022-12-20 10:00 Dev    init: api, web (web has torchtriton 2.0.0), CODEOWNERS
//	c2  2022-12-25 12:00 Alice  api pulls in torchtriton 2.0.0
//	c3  2022-12-26 09:00 Dev    CODEOWNERS: api moves to team-b, worker to batch   (tag v1.0)
//	    branch feature from c3: s1 2022-12-27 08:00 Side  adds worker, with torchtriton 2.0.0
//	                            s2 2022-12-27 09:00 Side  worker 0.2.0
//	c4  2022-12-27 10:00 Dev    web: torchtriton 2.1.0
//	m5  2022-12-28 15:00 Dev    merge of feature (parents c4, s2)   (tag v2.0)
//	c6  2022-12-29 08:00 Dev    web's SBOM cut short (does not parse)
//	c7  2022-12-29 18:00 Dev    web's SBOM whole again
//	c8  2022-12-30 11:00 Bob    api drops torchtriton
//	c9  2023-01-02 09:00 Dev    services/ renamed to apps/, CODEOWNERS follows
//
// HEAD is main at c9.
type incident struct {
	*gittest.Repo
	c map[string]string // name -> hash
}

func newIncident(t testing.TB, bare bool) *incident {
	t.Helper()
	r := gittest.Init(t, bare)
	in := &incident{Repo: r, c: map[string]string{}}
	commit := func(name, who, msg, when string) {
		r.Name, r.Email = who, strings.ToLower(strings.Fields(who)[0])+"@acme.example"
		in.c[name] = r.Commit(msg, gittest.Date(t, when))
	}
	const (
		owners1 = "/services/api/ @acme/team-a\n/services/web/ @acme/web\n"
		owners3 = "/services/api/ @acme/team-b\n/services/web/ @acme/web\n/services/worker/ @acme/batch\n"
		owners9 = "/apps/api/ @acme/team-b\n/apps/web/ @acme/web\n/apps/worker/ @acme/batch\n"
	)
	web := historySBOM("web", "3.1.0", "torchtriton@2.0.0")
	r.Write("README.md", "# SBOMs of acme\n")
	r.Write("CODEOWNERS", owners1)
	r.Write("services/api/sbom.cdx.json", historySBOM("api", "1.0.0"))
	r.Write("services/web/sbom.cdx.json", web)
	commit("c1", "Dev", "init", "2022-12-20T10:00:00Z")

	r.Write("services/api/sbom.cdx.json", historySBOM("api", "1.1.0", "torch@2.0.0.dev20221230", "torchtriton@2.0.0"))
	commit("c2", "Alice", "api: pytorch nightly (pulls in torchtriton)", "2022-12-25T12:00:00Z")

	r.Write("CODEOWNERS", owners3)
	commit("c3", "Dev", "CODEOWNERS: api to team-b", "2022-12-26T09:00:00Z")
	r.Tag("v1.0", in.c["c3"])

	r.Checkout("feature")
	r.Write("services/worker/sbom.cdx.json", historySBOM("worker", "0.1.0", "torchtriton@2.0.0"))
	commit("s1", "Side Dev", "worker: first SBOM", "2022-12-27T08:00:00Z")
	r.Write("services/worker/sbom.cdx.json", historySBOM("worker", "0.2.0", "torchtriton@2.0.0"))
	commit("s2", "Side Dev", "worker: 0.2.0", "2022-12-27T09:00:00Z")

	r.Checkout("main")
	web = historySBOM("web", "3.2.0", "torchtriton@2.1.0")
	r.Write("services/web/sbom.cdx.json", web)
	commit("c4", "Dev", "web: 3.2.0", "2022-12-27T10:00:00Z")

	r.Write("services/worker/sbom.cdx.json", historySBOM("worker", "0.2.0", "torchtriton@2.0.0"))
	r.Name, r.Email = "Dev", "dev@acme.example"
	in.c["m5"] = r.Merge("Merge branch 'feature'", "feature", gittest.Date(t, "2022-12-28T15:00:00Z"))
	r.AnnotatedTag("v2.0", in.c["m5"], "release 2.0", gittest.Date(t, "2022-12-28T16:00:00Z"))

	r.Write("services/web/sbom.cdx.json", web[:len(web)/2])
	commit("c6", "Dev", "web: SBOM from a failed build", "2022-12-29T08:00:00Z")
	r.Write("services/web/sbom.cdx.json", web)
	commit("c7", "Dev", "web: SBOM fixed", "2022-12-29T18:00:00Z")

	r.Write("services/api/sbom.cdx.json", historySBOM("api", "1.2.0", "torch@1.13.1"))
	commit("c8", "Bob", "api: back to stable pytorch", "2022-12-30T11:00:00Z")

	r.Rename("services", "apps")
	r.Write("CODEOWNERS", owners9)
	commit("c9", "Dev", "move services/ to apps/", "2023-01-02T09:00:00Z")
	return in
}

// sbomx runs the command line and returns its exit code, stdout and
// stderr.
func sbomx(t testing.TB, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, strings.NewReader(""), &out, &errb, func(string) string { return "" })
	return code, out.String(), errb.String()
}

// TestHistoryGoldens: --at, the exposure window and diff over the
// incident's repository, byte for byte (go test ./internal/cli -run
// HistoryGoldens -update rewrites testdata/history; review the diff).
// Commit hashes are fixed: the repository is built with fixed dates and
// names.
func TestHistoryGoldens(t *testing.T) {
	in := newIncident(t, false)
	dir := in.Dir
	for _, tc := range []struct {
		name string
		args []string
		code int
	}{
		{"at-date", []string{"impact", "torchtriton", "--at", "2022-12-28"}, ExitMatch},
		{"at-tag-services", []string{"services", "--at", "v1.0"}, ExitMatch},
		{"at-head-renamed", []string{"impact", "torchtriton", "--at", "HEAD"}, ExitMatch},
		{"at-before-incident", []string{"impact", "torchtriton", "--at", "HEAD~8", "--owner", "@acme/team-a"}, ExitNoMatch},
		{"at-why", []string{"why", "api", "torchtriton", "--at", "v1.0"}, ExitMatch},
		{"at-packages", []string{"packages", "torchtriton", "--at", "HEAD~1"}, ExitMatch},
		{"at-json", []string{"impact", "torchtriton", "--at", "v2.0", "--format", "json"}, ExitMatch},
		{"window", []string{"impact", "torchtriton", "--since", "2022-12-25", "--until", "2022-12-31", "-v"}, ExitMatch},
		{"window-json", []string{"impact", "torchtriton", "--since", "2022-12-25", "--until", "2022-12-31", "--format", "json"}, ExitMatch},
		{"window-csv", []string{"impact", "torchtriton", "--since", "2022-12-25", "--format", "csv"}, ExitMatch},
		{"window-ndjson", []string{"impact", "torchtriton", "--since", "2022-12-25", "--format", "ndjson"}, ExitMatch},
		{"window-owner-of-the-past", []string{"impact", "torchtriton", "--since", "2022-12-25", "--owner", "team-a"}, ExitMatch},
		{"window-rename", []string{"impact", "torchtriton", "--since", "2022-12-31"}, ExitMatch},
		// A file failed in one commit: "not there" is not a true no.
		{"window-none", []string{"impact", "left-pad", "--since", "2022-12-25"}, ExitIncomplete},
		{"window-none-clean", []string{"impact", "left-pad", "--since", "2022-12-30"}, ExitNoMatch},
		{"diff", []string{"diff", "v1.0", "HEAD"}, ExitMatch},
		{"diff-range-query", []string{"diff", "2022-12-24..2022-12-31", "--query", "torchtriton@<2.1.0"}, ExitMatch},
		{"diff-json", []string{"diff", "v1.0..v2.0", "--format", "json"}, ExitMatch},
		{"diff-csv", []string{"diff", "v2.0", "--format", "csv"}, ExitMatch},
		{"diff-owner-changed-hands", []string{"diff", "v1.0~1..HEAD", "--owner", "team-a"}, ExitMatch},
		{"diff-unknown", []string{"diff", "nosuchrev"}, ExitError},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append(append([]string{}, tc.args...), "--dir", dir)
			code, stdout, stderr := sbomx(t, args...)
			got := strings.ReplaceAll(fmt.Sprintf("$ sbomx %s\n# exit %d\n%s# stderr\n%s", strings.Join(tc.args, " "), code, stdout, stderr), dir, "$REPO")
			file := filepath.Join("testdata", "history", tc.name+".txt")
			if *updateHistory {
				if err := os.MkdirAll(filepath.Dir(file), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (go test -run HistoryGoldens -update-history writes it)", err)
			}
			if got != string(want) {
				t.Errorf("%s differs (-update-history rewrites it):\n%s", file, got)
			}
			if code != tc.code {
				t.Errorf("exit %d, want %d", code, tc.code)
			}
		})
	}
}

// TestLandscapeHistory: the bundled landscape's history, as
// shared/landscape/make-git.sh makes it, built here with go-git, answered
// end to end: who had torchtriton between 25 and 30 December 2022, who
// owns it, is it gone. --at the last snapshot answers as the folder on
// disk does.
func TestLandscapeHistory(t *testing.T) {
	src := repotest.Shared(t, "landscape")
	repo, tags := gittest.Landscape(t, src, false)
	dir := repo.Dir
	code, stdout, stderr := sbomx(t, "impact", "torchtriton", "--dir", dir, "--since", "2022-12-25", "--until", "2022-12-30")
	got := strings.ReplaceAll(fmt.Sprintf("# exit %d\n%s# stderr\n%s", code, stdout, stderr), dir, "$REPO")
	file := filepath.Join("testdata", "history", "landscape-window.txt")
	if *updateHistory {
		if err := os.WriteFile(file, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("%s differs (-update-history rewrites it):\n%s", file, got)
	}
	if code != ExitMatch {
		t.Fatalf("exit %d:\n%s", code, stderr)
	}

	// The JSON says the same: model-trainer got it at snapshot-2022-12,
	// owned by team-ml-platform, and still has it at the end.
	_, js, _ := sbomx(t, "impact", "torchtriton", "--dir", dir, "--since", "2022-12-25", "--until", "2022-12-30", "--format", "json")
	var res answers.WindowResult
	if err := json.Unmarshal([]byte(js), &res); err != nil {
		t.Fatal(err)
	}
	found := false
	for _, e := range res.Exposures {
		if e.Service != "model-trainer" {
			continue
		}
		found = true
		if e.PresentAtStart || e.Appeared == nil || e.Appeared.Revision.Commit != tags["snapshot-2022-12"] || !e.PresentAtEnd {
			t.Errorf("model-trainer: %+v, want appeared at snapshot-2022-12 %s and present at the end", e, tags["snapshot-2022-12"])
		}
		if e.OwnerThen.Owner == nil || *e.OwnerThen.Owner == "" {
			t.Errorf("model-trainer: no owner then: %+v", e.OwnerThen)
		}
	}
	if !found {
		t.Errorf("model-trainer not exposed: %s", js)
	}

	// --at the last snapshot is the folder on disk.
	_, atHead, _ := sbomx(t, "impact", "torchtriton", "log4j-core@<2.17.0", "--dir", dir, "--at", "snapshot-2023-01")
	_, onDisk, _ := sbomx(t, "impact", "torchtriton", "log4j-core@<2.17.0", "--dir", src)
	if atHead != onDisk {
		t.Errorf("--at snapshot-2023-01 differs from the folder on disk:\n%s\nvs\n%s", atHead, onDisk)
	}
	// Before the nightly, nothing had it: landscape-expected says so of
	// snapshot-2022-10, and a date before the nightly resolves to it.
	for _, rev := range []string{"snapshot-2022-10", "2022-12-26"} {
		if code, _, stderr := sbomx(t, "impact", "torchtriton", "--dir", dir, "--at", rev); code != ExitNoMatch {
			t.Errorf("--at %s: exit %d, want 1:\n%s", rev, code, stderr)
		}
	}
	// The window's services and owners are landscape-expected's
	// (torchtriton.json: the tree of today, which still has them).
	var expected struct {
		Summary struct {
			Owners []string `json:"owners"`
		} `json:"summary"`
		Services []struct {
			Service string `json:"service"`
		} `json:"services"`
	}
	data, err := os.ReadFile(filepath.Join(filepath.Dir(src), "landscape-expected", "torchtriton.json"))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(data, &expected); err != nil {
		t.Fatal(err)
	}
	var wantServices, gotServices []string
	for _, s := range expected.Services {
		wantServices = append(wantServices, s.Service)
	}
	for _, e := range res.Exposures {
		gotServices = append(gotServices, e.Service)
	}
	if strings.Join(wantServices, ",") != strings.Join(gotServices, ",") || strings.Join(expected.Summary.Owners, ",") != strings.Join(res.Summary.Owners, ",") {
		t.Errorf("window: services %v owners %v, landscape-expected: %v %v", gotServices, res.Summary.Owners, wantServices, expected.Summary.Owners)
	}
}

// TestHistoryErrors: what a person gets wrong about revisions is a usage
// error (exit 2) that says what was wrong; a shallow clone's missing
// history is said, and a window keeps what it could read.
func TestHistoryErrors(t *testing.T) {
	in := newIncident(t, false)
	plain := t.TempDir()
	if err := os.WriteFile(filepath.Join(plain, "bom.json"), []byte(historySBOM("x", "1")), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name   string
		args   []string
		want   int
		stderr string
	}{
		{"not a repository", []string{"impact", "x", "--dir", plain, "--at", "HEAD"}, ExitError, "--at reads git history: --dir " + plain + " is not in a git repository"},
		{"not a repository: window", []string{"impact", "x", "--dir", plain, "--since", "2022-12-25"}, ExitError, "is not in a git repository"},
		{"not a repository: diff", []string{"diff", "HEAD~1", "--dir", plain}, ExitError, "is not in a git repository"},
		{"unknown revision", []string{"impact", "x", "--dir", in.Dir, "--at", "v9.9"}, ExitError, "--at v9.9: unknown revision (no branch, tag or commit is named so) in " + in.Dir},
		{"too far back", []string{"impact", "x", "--dir", in.Dir, "--at", "HEAD~20"}, ExitError, "--at HEAD~20: unknown revision (the first-parent chain ends after 9 commits"},
		{"date before history", []string{"impact", "x", "--dir", in.Dir, "--at", "2020-01-01"}, ExitError, "date before the first commit (the first commit, "},
		{"bad date", []string{"impact", "x", "--dir", in.Dir, "--at", "2022-13-45"}, ExitError, "is not a date"},
		{"empty --at", []string{"impact", "x", "--dir", in.Dir, "--at", ""}, ExitError, "--at is empty"},
		{"--at and --since", []string{"impact", "x", "--dir", in.Dir, "--at", "HEAD", "--since", "2022-12-25"}, ExitError, "--at and --since: give one"},
		{"--until alone", []string{"impact", "x", "--dir", in.Dir, "--until", "HEAD"}, ExitError, "--until ends a --since window"},
		{"--until before --since", []string{"impact", "x", "--dir", in.Dir, "--since", "2022-12-28", "--until", "2022-12-25"}, ExitError, "--until 2022-12-25 is before --since 2022-12-28"},
		{"--since off the chain", []string{"impact", "x", "--dir", in.Dir, "--since", "feature"}, ExitError, "is not on the first-parent history"},
		{"window of two dirs", []string{"impact", "x", "--dir", in.Dir, "--dir", plain, "--since", "2022-12-25"}, ExitError, "give one --dir (2 given)"},
		{"window --by owner", []string{"impact", "x", "--dir", in.Dir, "--since", "2022-12-25", "--by", "owner"}, ExitError, "--by owner"},
		{"window format", []string{"impact", "x", "--dir", in.Dir, "--since", "2022-12-25", "--format", "sarif"}, ExitError, "--format sarif cannot show window: want one of csv, json, ndjson, table"},
		{"diff format", []string{"diff", "HEAD~1", "--dir", in.Dir, "--format", "dot"}, ExitError, "--format dot cannot show diff"},
		{"diff --at", []string{"diff", "HEAD~1", "--dir", in.Dir, "--at", "HEAD"}, ExitError, "--at and diff"},
		{"diff three", []string{"diff", "a", "b", "c", "--dir", in.Dir}, ExitError, "accepts between 1 and 2 arg(s)"},
		{"dir not there then", []string{"impact", "x", "--dir", filepath.Join(in.Dir, "tools"), "--at", "HEAD"}, ExitError, "--dir"},
		{"--at the same dir twice", []string{"impact", "x", "--dir", in.Dir, "--dir", in.Dir, "--at", "HEAD"}, ExitError, "are the same: give it once"},
		{"owner no service had", []string{"impact", "torchtriton", "--dir", in.Dir, "--since", "2022-12-25", "--owner", "team-q"}, ExitError, `--owner "team-q": no service has this owner`},
		{"owner of the past", []string{"impact", "torchtriton", "--dir", in.Dir, "--since", "2022-12-25", "--owner", "team-a"}, ExitMatch, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, stderr := sbomx(t, tc.args...)
			if code != tc.want || !strings.Contains(stderr, tc.stderr) {
				t.Errorf("exit %d, want %d; stderr:\n%s\nwant it to contain %q", code, tc.want, stderr, tc.stderr)
			}
		})
	}
}

// TestAtAmbiguousShortHash: a short hash two commits start with is a usage
// error naming the problem; one more digit resolves it.
func TestAtAmbiguousShortHash(t *testing.T) {
	r := gittest.Init(t, false)
	r.Write("svc/bom.json", historySBOM("svc", "1"))
	seen := map[string]string{}
	base := gittest.Date(t, "2022-01-01T00:00:00Z")
	var a, b string
	for i := 0; a == ""; i++ {
		if i > 5000 {
			t.Fatal("no two commits share 4 hex digits after 5000")
		}
		c := r.Commit(fmt.Sprint("commit ", i), base.Add(time.Duration(i)*time.Minute))
		if other, ok := seen[c[:4]]; ok {
			a, b = other, c
		}
		seen[c[:4]] = c
	}
	code, _, stderr := sbomx(t, "impact", "requests", "--dir", r.Dir, "--at", a[:4])
	if code != ExitError || !strings.Contains(stderr, "ambiguous short hash") || !strings.Contains(stderr, "give more digits") {
		t.Errorf("exit %d, stderr %s", code, stderr)
	}
	n := 4
	for a[:n] == b[:n] {
		n++
	}
	if code, _, stderr := sbomx(t, "impact", "requests", "--dir", r.Dir, "--at", a[:n+1]); code != ExitMatch || !strings.Contains(stderr, "read at "+a[:12]) {
		t.Errorf("--at %s: exit %d, stderr %s", a[:n+1], code, stderr)
	}
}

// TestAtWhereTheDirIs: a bare repository answers as its checkout does; a
// --dir below the top reads the ownership files of the top at that commit
// and prints paths relative to it; without --at the working tree is read
// from the disk, as before.
func TestAtWhereTheDirIs(t *testing.T) {
	checkout := newIncident(t, false)
	bare := newIncident(t, true)
	_, want, _ := sbomx(t, "impact", "torchtriton", "--dir", checkout.Dir, "--at", "v2.0")
	code, got, stderr := sbomx(t, "impact", "torchtriton", "--dir", bare.Dir, "--at", "v2.0")
	if code != ExitMatch || got != want {
		t.Errorf("bare: exit %d\n%s\nwant\n%s\n%s", code, got, want, stderr)
	}

	sub := filepath.Join(checkout.Dir, "services")
	if err := os.MkdirAll(sub, 0o755); err != nil {
		t.Fatal(err)
	}
	code, got, stderr = sbomx(t, "impact", "torchtriton", "--dir", sub, "--at", "v2.0", "--format", "csv")
	if code != ExitMatch {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for _, line := range []string{
		"api,api,team-b,team-b,,torchtriton,2.0.0,pkg:pypi/torchtriton@2.0.0,direct,1,,api > torchtriton,api/sbom.cdx.json,torchtriton,",
		"worker,worker,batch,batch,,torchtriton,2.0.0,pkg:pypi/torchtriton@2.0.0,direct,1,,worker > torchtriton,worker/sbom.cdx.json,torchtriton,",
	} {
		if !strings.Contains(got, line+"\n") {
			t.Errorf("--dir services --at v2.0: want the line\n%s\nin\n%s", line, got)
		}
	}
	// The working tree, written out at HEAD, read from the disk: the same
	// as --at HEAD.
	checkout.SyncWorktree()
	_, disk, _ := sbomx(t, "impact", "torchtriton", "requests", "--dir", checkout.Dir)
	_, head, _ := sbomx(t, "impact", "torchtriton", "requests", "--dir", checkout.Dir, "--at", "HEAD")
	if disk != head || disk == "" {
		t.Errorf("working tree:\n%s\n--at HEAD:\n%s", disk, head)
	}
}

// TestShallowHistory: in a shallow clone, a revision past its history is
// a usage error saying so; a window that reaches past it starts where
// history does, says what is missing, and keeps the rest.
func TestShallowHistory(t *testing.T) {
	in := newIncident(t, false)
	in.MakeShallow(in.c["c3"])
	code, _, stderr := sbomx(t, "impact", "torchtriton", "--dir", in.Dir, "--at", "HEAD~8")
	if code != ExitError || !strings.Contains(stderr, "shallow clone") {
		t.Errorf("--at past the boundary: exit %d, stderr %s", code, stderr)
	}
	code, stdout, stderr := sbomx(t, "impact", "torchtriton", "--dir", in.Dir, "--since", "2022-12-25", "--format", "json")
	if code != ExitMatch {
		t.Fatalf("window: exit %d, stderr %s", code, stderr)
	}
	var res answers.WindowResult
	if err := json.Unmarshal([]byte(stdout), &res); err != nil {
		t.Fatal(err)
	}
	if res.Window.Start == nil || res.Window.Start.Commit != in.c["c3"] || !strings.Contains(res.History.Missing, "shallow clone") {
		t.Errorf("window start %+v, missing %q; want c3 and a word about the shallow clone", res.Window.Start, res.History.Missing)
	}
	if !strings.Contains(stderr, "history before "+in.c["c3"][:12]) {
		t.Errorf("stderr does not say what is missing:\n%s", stderr)
	}
	// api had it at c3 already: the clone cannot say when it came in.
	for _, e := range res.Exposures {
		if e.Service == "api" && (!e.PresentAtStart || e.Left == nil || e.Left.Revision.Commit != in.c["c8"]) {
			t.Errorf("api: %+v", e)
		}
	}
	// Nothing found, history missing: not a true no.
	if code, _, _ := sbomx(t, "impact", "left-pad", "--dir", in.Dir, "--since", "2022-12-25"); code != ExitIncomplete {
		t.Errorf("no match in a shallow window: exit %d, want 3", code)
	}
}
