package gitsrc_test

import (
	"errors"
	"fmt"
	"testing"

	"github.com/sbomx/sbomx/internal/source/gitsrc"
	"github.com/sbomx/sbomx/internal/source/gitsrc/gittest"
)

// history is the repository the tests share: the torchtriton incident in
// small. Commits on main, first parent:
//
//	c1 2022-12-20 10:00 init: api and web SBOMs, CODEOWNERS, README, a tool
//	c2 2022-12-25 12:00 api pulls in torchtriton
//	c3 2022-12-26 09:00 CODEOWNERS: api moves to team-b   (tag v1.0, lightweight)
//	   branch feature from c3: s1 2022-12-27 08:00 adds worker,
//	                           s2 2022-12-27 09:00 bumps worker
//	c4 2022-12-27 10:00 web bumped
//	m5 2022-12-28 15:00 merge of feature (parents c4, s2)   (tag v2.0, annotated)
//	c6 2022-12-30 11:00 api drops torchtriton
//	c7 2023-01-02 09:00 services/ renamed to apps/, CODEOWNERS follows
//
// HEAD is main at c7; the branch feature stays at s2.
type history struct {
	*gittest.Repo
	c1, c2, c3, s1, s2, c4, m5, c6, c7 string
	v2tag                              string                             // the annotated tag object
	state                              map[string]map[string]gittest.File // the files of each commit
}

func sbom(name, version string, deps ...string) string {
	comps := ""
	for _, d := range deps {
		comps += fmt.Sprintf(`,{"type":"library","name":%q,"version":"2.0.0","purl":"pkg:pypi/%s@2.0.0"}`, d, d)
	}
	return fmt.Sprintf(`{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"type":"application","name":%q,"version":%q}},`+
		`"components":[{"type":"library","name":"requests","version":"2.31.0","purl":"pkg:pypi/requests@2.31.0"}%s]}`+"\n",
		name, version, comps)
}

const (
	owners1 = "/services/api/ @acme/team-a\n/services/web/ @acme/web\n"
	owners3 = "/services/api/ @acme/team-b\n/services/web/ @acme/web\n/services/worker/ @acme/batch\n"
	owners7 = "/apps/api/ @acme/team-b\n/apps/web/ @acme/web\n/apps/worker/ @acme/batch\n"
)

func newHistory(t testing.TB, bare bool) *history {
	t.Helper()
	r := gittest.Init(t, bare)
	h := &history{Repo: r, state: map[string]map[string]gittest.File{}}
	at := func(s string) string {
		return "2022-12-" + s
	}
	commit := func(msg, when string) string {
		c := r.Commit(msg, gittest.Date(t, when))
		h.state[c] = r.Files()
		return c
	}

	r.Write("README.md", "# SBOMs of acme\n")
	r.Write("CODEOWNERS", owners1)
	r.Write("services/api/sbom.cdx.json", sbom("api", "1.0.0"))
	r.Write("services/web/sbom.cdx.json", sbom("web", "3.1.0"))
	r.WriteExec("tools/check.sh", "#!/bin/sh\nexit 0\n")
	h.c1 = commit("init", at("20T10:00:00Z"))

	r.Write("services/api/sbom.cdx.json", sbom("api", "1.1.0", "torchtriton"))
	h.c2 = commit("api: pytorch nightly (pulls in torchtriton)", at("25T12:00:00Z"))

	r.Write("CODEOWNERS", owners3)
	h.c3 = commit("CODEOWNERS: api to team-b\n\nReorganisation.", at("26T09:00:00Z"))
	r.Tag("v1.0", h.c3)

	r.Checkout("feature")
	r.Name, r.Email = "Side Dev", "side@example.com"
	r.Write("services/worker/sbom.cdx.json", sbom("worker", "0.1.0"))
	h.s1 = commit("worker: first SBOM", at("27T08:00:00Z"))
	r.Write("services/worker/sbom.cdx.json", sbom("worker", "0.2.0"))
	h.s2 = commit("worker: 0.2.0", at("27T09:00:00Z"))

	r.Checkout("main")
	r.Name, r.Email = "Dev", "dev@example.com"
	r.Write("services/web/sbom.cdx.json", sbom("web", "3.2.0"))
	h.c4 = commit("web: 3.2.0", at("27T10:00:00Z"))

	r.Write("services/worker/sbom.cdx.json", sbom("worker", "0.2.0"))
	h.m5 = r.Merge("Merge branch 'feature'", "feature", gittest.Date(t, at("28T15:00:00Z")))
	h.state[h.m5] = r.Files()
	h.v2tag = r.AnnotatedTag("v2.0", h.m5, "release 2.0", gittest.Date(t, at("28T16:00:00Z")))

	r.Write("services/api/sbom.cdx.json", sbom("api", "1.2.0"))
	h.c6 = commit("api: back to stable pytorch", at("30T11:00:00Z"))

	r.Rename("services", "apps")
	r.Write("CODEOWNERS", owners7)
	h.c7 = commit("move services/ to apps/", "2023-01-02T09:00:00Z")
	return h
}

// name is a commit's name in the history, for messages.
func (h *history) name(hash string) string {
	for n, c := range map[string]string{"c1": h.c1, "c2": h.c2, "c3": h.c3, "s1": h.s1, "s2": h.s2,
		"c4": h.c4, "m5": h.m5, "c6": h.c6, "c7": h.c7} {
		if c == hash {
			return n
		}
	}
	return hash
}

func open(t testing.TB, dir string) *gitsrc.Repo {
	t.Helper()
	r, err := gitsrc.Open(dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	return r
}

func resolve(t testing.TB, r *gitsrc.Repo, rev string) *gitsrc.Commit {
	t.Helper()
	c, err := r.Resolve(rev)
	if err != nil {
		t.Fatalf("Resolve(%q): %v", rev, err)
	}
	return c
}

func TestHistoryIsAsDocumented(t *testing.T) {
	h := newHistory(t, false)
	r := open(t, h.Dir)
	m5 := resolve(t, r, h.m5)
	if len(m5.Parents) != 2 || m5.Parents[0] != h.c4 || m5.Parents[1] != h.s2 {
		t.Fatalf("m5's parents = %v, want c4 %s, s2 %s", m5.Parents, h.c4, h.s2)
	}
	var re *gitsrc.RevisionError
	if _, err := r.Resolve("nope"); !errors.As(err, &re) {
		t.Fatalf("Resolve(nope) = %v, want a *RevisionError", err)
	}
}
