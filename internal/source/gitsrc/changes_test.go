package gitsrc_test

import (
	"io/fs"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/source/gitsrc"
	"github.com/sbomx/sbomx/internal/source/gitsrc/gittest"
)

func TestChanges(t *testing.T) {
	h := newHistory(t, false)
	r := open(t, h.Dir)
	blob := func(commit, p string) string { return gittest.BlobHash(h.state[commit][p].Data) }
	const api, web, worker = "services/api/sbom.cdx.json", "services/web/sbom.cdx.json", "services/worker/sbom.cdx.json"
	mod := func(p, a, b string) gitsrc.Change {
		return gitsrc.Change{Path: p, Kind: gitsrc.Modified, OldHash: blob(a, p), NewHash: blob(b, p), OldMode: 0o644, NewMode: 0o644}
	}
	add := func(p, c string, mode fs.FileMode) gitsrc.Change {
		return gitsrc.Change{Path: p, Kind: gitsrc.Added, NewHash: blob(c, p), NewMode: mode}
	}
	del := func(p, c string) gitsrc.Change {
		return gitsrc.Change{Path: p, Kind: gitsrc.Removed, OldHash: blob(c, p), OldMode: 0o644}
	}
	for _, tc := range []struct {
		name string
		a, b string // "" for a: the empty tree
		want []gitsrc.Change
	}{
		{"first commit", "", h.c1, []gitsrc.Change{
			add("CODEOWNERS", h.c1, 0o644), add("README.md", h.c1, 0o644),
			add(api, h.c1, 0o644), add(web, h.c1, 0o644), add("tools/check.sh", h.c1, 0o755),
		}},
		{"torchtriton in", h.c1, h.c2, []gitsrc.Change{mod(api, h.c1, h.c2)}},
		{"owners", h.c2, h.c3, []gitsrc.Change{mod("CODEOWNERS", h.c2, h.c3)}},
		{"side branch", h.c3, h.s1, []gitsrc.Change{add(worker, h.s1, 0o644)}},
		{"web bumped", h.c3, h.c4, []gitsrc.Change{mod(web, h.c3, h.c4)}},
		{"merge, first parent", h.c4, h.m5, []gitsrc.Change{add(worker, h.m5, 0o644)}},
		{"merge, second parent", h.s2, h.m5, []gitsrc.Change{mod(web, h.s2, h.m5)}},
		{"torchtriton out", h.m5, h.c6, []gitsrc.Change{mod(api, h.m5, h.c6)}},
		{"same", h.c6, h.c6, nil},
		{"backwards", h.c2, h.c1, []gitsrc.Change{mod(api, h.c2, h.c1)}},
		{"rename", h.c6, h.c7, []gitsrc.Change{
			{Path: "CODEOWNERS", Kind: gitsrc.Modified, OldHash: blob(h.c6, "CODEOWNERS"), NewHash: gittest.BlobHash([]byte(owners7)), OldMode: 0o644, NewMode: 0o644},
			{Path: "apps/api/sbom.cdx.json", Kind: gitsrc.Added, NewHash: blob(h.c6, api), NewMode: 0o644},
			{Path: "apps/web/sbom.cdx.json", Kind: gitsrc.Added, NewHash: blob(h.c6, web), NewMode: 0o644},
			{Path: "apps/worker/sbom.cdx.json", Kind: gitsrc.Added, NewHash: blob(h.c6, worker), NewMode: 0o644},
			del(api, h.c6), del(web, h.c6), del(worker, h.c6),
		}},
	} {
		var a *gitsrc.Commit
		if tc.a != "" {
			a = resolve(t, r, tc.a)
		}
		got, err := r.Changes(a, resolve(t, r, tc.b))
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if diff := cmp.Diff(tc.want, got); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tc.name, diff)
		}
	}
}

// Changes of kind: a file that becomes a folder and back, a file that
// becomes a link, a mode change, a submodule moved to another commit; the
// order is fs.WalkDir's ("a" and what is in it before "a.json").
func TestChangesKinds(t *testing.T) {
	g := gittest.Init(t, true)
	g.Write("a", "file a")
	g.Write("a.json", "{}")
	g.Write("b/x", "x")
	g.Write("run", "echo")
	g.Write("link", "target")
	g.Submodule("vendor/lib", "1111111111111111111111111111111111111111")
	one := g.Commit("one", gittest.Date(t, "2022-01-01T00:00:00Z"))
	g.Remove("a")
	g.Write("a/inner", "in a")
	g.Write("a.json", "{ }")
	g.Remove("b")
	g.Write("b", "b is a file now")
	g.WriteExec("run", "echo")
	g.Symlink("link", "a.json")
	g.Submodule("vendor/lib", "2222222222222222222222222222222222222222")
	two := g.Commit("two", gittest.Date(t, "2022-01-02T00:00:00Z"))

	r := open(t, g.Dir)
	got, err := r.Changes(resolve(t, r, one), resolve(t, r, two))
	if err != nil {
		t.Fatal(err)
	}
	h := func(s string) string { return gittest.BlobHash([]byte(s)) }
	want := []gitsrc.Change{
		{Path: "a", Kind: gitsrc.Removed, OldHash: h("file a"), OldMode: 0o644},
		{Path: "a/inner", Kind: gitsrc.Added, NewHash: h("in a"), NewMode: 0o644},
		{Path: "a.json", Kind: gitsrc.Modified, OldHash: h("{}"), NewHash: h("{ }"), OldMode: 0o644, NewMode: 0o644},
		{Path: "b", Kind: gitsrc.Added, NewHash: h("b is a file now"), NewMode: 0o644},
		{Path: "b/x", Kind: gitsrc.Removed, OldHash: h("x"), OldMode: 0o644},
		{Path: "link", Kind: gitsrc.Modified, OldHash: h("target"), NewHash: h("a.json"), OldMode: 0o644, NewMode: fs.ModeSymlink | 0o777},
		{Path: "run", Kind: gitsrc.Modified, OldHash: h("echo"), NewHash: h("echo"), OldMode: 0o644, NewMode: 0o755},
		{Path: "vendor/lib", Kind: gitsrc.Modified, OldHash: "1111111111111111111111111111111111111111",
			NewHash: "2222222222222222222222222222222222222222", OldMode: fs.ModeIrregular, NewMode: fs.ModeIrregular},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// Comparing consecutive commits reads each tree once: unchanged folders
// are compared by hash and never opened.
func TestChangesCostFollowsChange(t *testing.T) {
	g := gittest.Init(t, true)
	for i := range 50 {
		g.Write("services/s"+string(rune('a'+i%26))+string(rune('a'+i/26))+"/sbom.json", "{}")
	}
	one := g.Commit("one", gittest.Date(t, "2022-01-01T00:00:00Z"))
	g.Write("services/sab/sbom.json", `{"x":1}`)
	two := g.Commit("two", gittest.Date(t, "2022-01-02T00:00:00Z"))
	r := open(t, g.Dir)
	a, b := resolve(t, r, one), resolve(t, r, two)
	d0, _ := r.TreeStats()
	if _, err := r.Changes(a, b); err != nil {
		t.Fatal(err)
	}
	d1, _ := r.TreeStats()
	// the two roots, the two services folders, the two sab folders
	if d1-d0 != 6 {
		t.Errorf("Changes decoded %d trees, want 6", d1-d0)
	}
}
