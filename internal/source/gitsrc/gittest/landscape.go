package gittest

import (
	"bufio"
	"bytes"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// LandscapeStages are the commits shared/landscape/make-git.sh makes: the
// stage number, its committer date, its tag and its message.
var LandscapeStages = []struct {
	Stage          int
	Date, Tag, Msg string
}{
	{1, "2022-10-03T09:00:00Z", "snapshot-2022-10", "Import SBOMs of the production services"},
	{2, "2022-12-27T16:20:00Z", "snapshot-2022-12", "ml-platform: PyTorch nightly for model-trainer; SBOMs of new ML services"},
	{3, "2023-01-09T11:00:00Z", "snapshot-2023-01", "Add SBOMs of services onboarded in January"},
}

// Landscape builds, in a new repository, the history make-git.sh gives the
// landscape folder src (shared/landscape), without the git binary: one
// commit per stage of src/.git-history/stages.tsv, each holding README.md,
// CODEOWNERS without the lines of services not there yet, and the files of
// every service (a folder product/service holding an sbom.* file) of that
// stage or an earlier one, with the files of src/.git-history/SERVICE over
// them before stage 2; signed by Acme Platform Bot, dated and tagged as
// LandscapeStages says. It returns the repository and each tag's commit.
func Landscape(t testing.TB, src string, bare bool) (*Repo, map[string]string) {
	t.Helper()
	stageOf := map[string]int{}
	data, err := os.ReadFile(filepath.Join(src, ".git-history", "stages.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") || strings.TrimSpace(line) == "" {
			continue
		}
		svc, n, ok := strings.Cut(line, "\t")
		if !ok {
			t.Fatalf("stages.tsv: bad line %q", line)
		}
		st, err := strconv.Atoi(strings.TrimSpace(n))
		if err != nil {
			t.Fatalf("stages.tsv: bad stage in %q", line)
		}
		stageOf[svc] = st
	}
	var services []string // product/service folders holding an sbom.* file
	products, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range products {
		if !p.IsDir() || strings.HasPrefix(p.Name(), ".") {
			continue
		}
		svcs, err := os.ReadDir(filepath.Join(src, p.Name()))
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range svcs {
			if !s.IsDir() {
				continue
			}
			files, err := os.ReadDir(filepath.Join(src, p.Name(), s.Name()))
			if err != nil {
				t.Fatal(err)
			}
			if slices.ContainsFunc(files, func(f os.DirEntry) bool { return strings.HasPrefix(f.Name(), "sbom.") }) {
				services = append(services, p.Name()+"/"+s.Name())
			}
		}
	}
	codeowners, err := os.ReadFile(filepath.Join(src, "CODEOWNERS"))
	if err != nil {
		t.Fatal(err)
	}
	readme, readmeErr := os.ReadFile(filepath.Join(src, "README.md"))

	r := Init(t, bare)
	r.Name, r.Email = "Acme Platform Bot", "platform-bot@acme.example"
	tags := map[string]string{}
	for _, st := range LandscapeStages {
		r.files = map[string]File{}
		if readmeErr == nil {
			r.WriteBytes("README.md", readme)
		}
		var later []string
		for svc, n := range stageOf {
			if n > st.Stage {
				later = append(later, "/"+svc+"/")
			}
		}
		var owners []string
		for _, line := range strings.SplitAfter(string(codeowners), "\n") {
			if line != "" && !slices.ContainsFunc(later, func(l string) bool { return strings.Contains(line, l) }) {
				owners = append(owners, line)
			}
		}
		r.Write("CODEOWNERS", strings.Join(owners, ""))
		for _, svc := range services {
			n, ok := stageOf[svc]
			if !ok {
				n = 1
			}
			if n > st.Stage {
				continue
			}
			r.copyFiles(filepath.Join(src, filepath.FromSlash(svc)), svc)
			if old := filepath.Join(src, ".git-history", filepath.FromSlash(svc)); st.Stage < 2 {
				if _, err := os.Stat(old); err == nil {
					r.copyFiles(old, svc)
				}
			}
		}
		tags[st.Tag] = r.Commit(st.Msg, Date(t, st.Date))
		r.Tag(st.Tag, tags[st.Tag])
	}
	return r, tags
}

// copyFiles writes the files (not the folders) of the folder src into the
// tree under prefix, as cp -p src/* does.
func (r *Repo) copyFiles(src, prefix string) {
	r.t.Helper()
	entries, err := os.ReadDir(src)
	if err != nil {
		r.t.Fatal(err)
	}
	for _, e := range entries {
		if e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		b, err := os.ReadFile(filepath.Join(src, e.Name()))
		if err != nil {
			r.t.Fatal(err)
		}
		r.WriteBytes(prefix+"/"+e.Name(), b)
	}
}
