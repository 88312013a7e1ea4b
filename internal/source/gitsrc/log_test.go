package gitsrc_test

import (
	"errors"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/source/gitsrc"
	"github.com/sbomx/sbomx/internal/source/gitsrc/gittest"
)

func hashes(h *history, cs []*gitsrc.Commit) []string {
	var out []string
	for _, c := range cs {
		out = append(out, h.name(c.Hash))
	}
	return out
}

func TestFirstParentLog(t *testing.T) {
	h := newHistory(t, false)
	r := open(t, h.Dir)
	head := resolve(t, r, "HEAD")
	c2 := resolve(t, r, h.c2)
	for _, tc := range []struct {
		name        string
		from, until *gitsrc.Commit
		since       string
		want        []string
	}{
		{"all", nil, nil, "", []string{"c1", "c2", "c3", "c4", "m5", "c6", "c7"}},
		{"all from HEAD", nil, head, "", []string{"c1", "c2", "c3", "c4", "m5", "c6", "c7"}},
		{"after c2", c2, head, "", []string{"c3", "c4", "m5", "c6", "c7"}},
		{"after c2 to v2.0", c2, resolve(t, r, "v2.0"), "", []string{"c3", "c4", "m5"}},
		{"since the 26th", nil, head, "2022-12-26T00:00:00Z", []string{"c3", "c4", "m5", "c6", "c7"}},
		{"since c3's second", nil, head, "2022-12-26T09:00:00Z", []string{"c3", "c4", "m5", "c6", "c7"}},
		{"since and from", c2, head, "2022-12-28T00:00:00Z", []string{"m5", "c6", "c7"}},
		{"nothing after HEAD", head, head, "", nil},
		{"feature", nil, resolve(t, r, "feature"), "", []string{"c1", "c2", "c3", "s1", "s2"}},
	} {
		var since time.Time
		if tc.since != "" {
			since = gittest.Date(t, tc.since)
		}
		got, err := r.FirstParentLog(tc.from, tc.until, since)
		if err != nil {
			t.Errorf("%s: %v", tc.name, err)
			continue
		}
		if diff := cmp.Diff(tc.want, hashes(h, got)); diff != "" {
			t.Errorf("%s: (-want +got)\n%s", tc.name, diff)
		}
	}

	_, err := r.FirstParentLog(resolve(t, r, h.s1), head, time.Time{})
	if !errors.Is(err, gitsrc.ErrNotOnChain) {
		t.Errorf("from a side-branch commit: %v, want ErrNotOnChain", err)
	}

	log, _ := r.FirstParentLog(nil, nil, time.Time{})
	c3 := log[2]
	want := gitsrc.Commit{
		Hash: h.c3, Time: gittest.Date(t, "2022-12-26T09:00:00Z"), AuthorTime: gittest.Date(t, "2022-12-26T09:00:00Z"),
		Author: "Dev", Email: "dev@example.com", Subject: "CODEOWNERS: api to team-b", Parents: []string{h.c2},
	}
	if c3.Hash != want.Hash || !c3.Time.Equal(want.Time) || !c3.AuthorTime.Equal(want.AuthorTime) || c3.Author != want.Author ||
		c3.Email != want.Email || c3.Subject != want.Subject || !slices.Equal(c3.Parents, want.Parents) {
		t.Errorf("c3 = %+v\nwant %+v", c3, want)
	}
	if m5 := log[4]; m5.Subject != "Merge branch 'feature'" || len(m5.Parents) != 2 {
		t.Errorf("m5 = %+v", m5)
	}
	if !strings.HasPrefix(c3.String(), h.c3[:12]+" 2022-12-26T09:00:00Z CODEOWNERS") || c3.Short() != h.c3[:12] {
		t.Errorf("String() = %q, Short() = %q", c3.String(), c3.Short())
	}
}

// The committer date, not the author date, orders history: a commit
// authored long ago and committed (rebased) late is where it landed.
func TestCommitterDate(t *testing.T) {
	g := gittest.Init(t, true)
	g.Write("a", "1")
	g.Commit("one", gittest.Date(t, "2022-12-01T00:00:00Z"))
	g.Write("a", "2")
	two := g.CommitDates("two", gittest.Date(t, "2022-11-01T00:00:00Z"), gittest.Date(t, "2022-12-10T00:00:00Z"))
	r := open(t, g.Dir)
	c, err := r.Resolve("2022-12-10")
	if err != nil || c.Hash != two {
		t.Fatalf("Resolve(2022-12-10) = %v, %v, want two", c, err)
	}
	if !c.AuthorTime.Equal(gittest.Date(t, "2022-11-01T00:00:00Z")) {
		t.Errorf("AuthorTime = %v", c.AuthorTime)
	}
	if c, err := r.Resolve("2022-12-09"); err != nil || c.Subject != "one" {
		t.Errorf("Resolve(2022-12-09) = %v, %v, want one", c, err)
	}
}

// A shallow clone: history stops at c3, whose parents are gone.
func TestShallow(t *testing.T) {
	h := newHistory(t, false)
	h.MakeShallow(h.c3)
	r := open(t, h.Dir)
	if !r.Shallow() {
		t.Fatal("Shallow() = false")
	}
	if c := resolve(t, r, "HEAD~4"); c.Hash != h.c3 {
		t.Errorf("HEAD~4 = %s, want c3", h.name(c.Hash))
	}
	if c := resolve(t, r, "2022-12-26"); c.Hash != h.c3 {
		t.Errorf("2022-12-26 = %s, want c3", h.name(c.Hash))
	}
	for _, rev := range []string{"HEAD~5", "HEAD~99", "v1.0^", "2022-12-25", "2022-12-19"} {
		_, err := r.Resolve(rev)
		if !errors.Is(err, gitsrc.ErrShallow) {
			t.Errorf("Resolve(%q) = %v, want ErrShallow", rev, err)
		}
		if errors.Is(err, gitsrc.ErrUnknownRevision) || errors.Is(err, gitsrc.ErrBeforeHistory) {
			t.Errorf("Resolve(%q) = %v: a shallow clone's missing history is neither unknown nor before history", rev, err)
		}
	}
	log, err := r.FirstParentLog(nil, nil, time.Time{})
	if !errors.Is(err, gitsrc.ErrShallow) {
		t.Errorf("FirstParentLog over all history: %v, want ErrShallow", err)
	}
	if diff := cmp.Diff([]string{"c3", "c4", "m5", "c6", "c7"}, hashes(h, log)); diff != "" {
		t.Errorf("the commits there are (-want +got)\n%s", diff)
	}
	log, err = r.FirstParentLog(nil, nil, gittest.Date(t, "2022-12-26T10:00:00Z"))
	if err != nil {
		t.Errorf("a window inside the history there is: %v", err)
	}
	if diff := cmp.Diff([]string{"c4", "m5", "c6", "c7"}, hashes(h, log)); diff != "" {
		t.Errorf("since 2022-12-26T10:00 (-want +got)\n%s", diff)
	}
	// c3 is in the window, but whether its missing parent is too, and what
	// the tree was before the window, is not known.
	log, err = r.FirstParentLog(nil, nil, gittest.Date(t, "2022-12-26T00:00:00Z"))
	if !errors.Is(err, gitsrc.ErrShallow) || len(log) != 5 {
		t.Errorf("a window reaching the boundary: %d commits, %v; want 5, ErrShallow", len(log), err)
	}
	// The trees of the commits there are read as ever.
	if _, err := fs.ReadFile(r.FS(resolve(t, r, "v1.0")), "CODEOWNERS"); err != nil {
		t.Error(err)
	}
}

func TestNotShallow(t *testing.T) {
	h := newHistory(t, true)
	if open(t, h.Dir).Shallow() {
		t.Error("Shallow() = true")
	}
}
