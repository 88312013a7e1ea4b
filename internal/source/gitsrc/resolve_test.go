package gitsrc_test

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/sbomx/sbomx/internal/source/gitsrc"
	"github.com/sbomx/sbomx/internal/source/gitsrc/gittest"
)

func TestResolve(t *testing.T) {
	h := newHistory(t, false)
	r := open(t, h.Dir)
	for _, tc := range []struct{ rev, want string }{
		{h.c3, h.c3},
		{strings.ToUpper(h.c3), h.c3},
		{h.c3[:7], h.c3},
		{h.c3[:12], h.c3},
		{h.v2tag, h.m5}, // an annotated tag's own hash
		{"main", h.c7},
		{"refs/heads/main", h.c7},
		{"heads/main", h.c7},
		{"feature", h.s2},
		{"v1.0", h.c3},           // lightweight tag
		{"v2.0", h.m5},           // annotated tag, followed to its commit
		{"refs/tags/v2.0", h.m5}, // full ref name
		{"tags/v2.0", h.m5},
		{"HEAD", h.c7},
		{"@", h.c7},
		{"HEAD^0", h.c7},
		{"HEAD~", h.c6},
		{"HEAD^", h.c6},
		{"HEAD~1", h.c6},
		{"HEAD~2", h.m5},
		{"HEAD~3", h.c4}, // the merge's first parent: the side branch is not walked
		{"HEAD~2^2", h.s2},
		{"HEAD~2^2~1", h.s1},
		{"v2.0^", h.c4},
		{"v2.0^2", h.s2},
		{"v2.0~1^", h.c3},
		{"main~6", h.c1},
		{"feature~2", h.c3},
		{h.m5[:8] + "^2", h.s2},
		// dates: the last first-parent commit at or before the end of
		// the span written
		{"2022-12-28", h.m5},
		{"2022-12-27", h.c4},
		{"2022-12-27T09:30", h.c3}, // s1 and s2 are on the side branch
		{"2022-12-27T10:00", h.c4}, // at counts: the whole minute
		{"2022-12-27T09:59", h.c3},
		{"2022-12-27T09:59:59Z", h.c3},
		{"2022-12-27 10:00:00", h.c4},
		{"2022-12-25T13:00+01:00", h.c2},
		{"2022-12-25T12:59:59+01:00", h.c1},
		{"2022-12-25T11:59:59.999999999Z", h.c1},
		{"2022-12-25T12:00:00.000000000Z", h.c2},
		{"2022-12-20", h.c1},
		{"2022-12-31", h.c6},
		{"2030-01-01", h.c7},
		{"2022-12-31~1", h.m5},
	} {
		c, err := r.Resolve(tc.rev)
		if err != nil {
			t.Errorf("Resolve(%q): %v", tc.rev, err)
			continue
		}
		if c.Hash != tc.want {
			t.Errorf("Resolve(%q) = %s, want %s", tc.rev, h.name(c.Hash), h.name(tc.want))
		}
	}
}

func TestResolveErrors(t *testing.T) {
	h := newHistory(t, false)
	r := open(t, h.Dir)
	blob := gittest.BlobHash([]byte(owners1))
	for _, tc := range []struct {
		rev    string
		want   error
		detail string
	}{
		{"", gitsrc.ErrUnknownRevision, "empty"},
		{"nope", gitsrc.ErrUnknownRevision, "no branch, tag or commit"},
		{"deadbeef", gitsrc.ErrUnknownRevision, ""},
		{strings.Repeat("0", 40), gitsrc.ErrUnknownRevision, "no such object"},
		{blob, gitsrc.ErrUnknownRevision, "not a commit"},
		{blob[:10], gitsrc.ErrUnknownRevision, ""}, // a blob's short hash is no commit's
		{"HEAD~7", gitsrc.ErrUnknownRevision, "ends after 7 commits"},
		{"HEAD~99", gitsrc.ErrUnknownRevision, ""},
		{"HEAD^2", gitsrc.ErrUnknownRevision, "1 parent"},
		{"v2.0^3", gitsrc.ErrUnknownRevision, "2 parent"},
		{"HEAD~x", gitsrc.ErrUnknownRevision, "unexpected"},
		{"HEAD^{commit}", gitsrc.ErrUnknownRevision, ""},
		{"main:README.md", gitsrc.ErrUnknownRevision, ""},
		{"../config", gitsrc.ErrUnknownRevision, ""}, // never read as a ref file
		{"refs/../config", gitsrc.ErrUnknownRevision, ""},
		{"main..feature", gitsrc.ErrUnknownRevision, ""}, // a range is the caller's to split
		{"main@{yesterday}", gitsrc.ErrUnknownRevision, ""},
		{"HEAD~1x", gitsrc.ErrUnknownRevision, "unexpected"},
		{"2022-13-45", gitsrc.ErrUnknownRevision, "not a date"},
		{"2022-12-28T25:00", gitsrc.ErrUnknownRevision, "not a date"},
		{"2022-12-19", gitsrc.ErrBeforeHistory, "the first commit, " + h.c1[:12]},
		{"2022-12-20T09:59", gitsrc.ErrBeforeHistory, ""},
	} {
		c, err := r.Resolve(tc.rev)
		if err == nil {
			t.Errorf("Resolve(%q) = %s, want an error", tc.rev, h.name(c.Hash))
			continue
		}
		var re *gitsrc.RevisionError
		if !errors.As(err, &re) || !errors.Is(err, tc.want) {
			t.Errorf("Resolve(%q) = %v, want a *RevisionError wrapping %v", tc.rev, err, tc.want)
			continue
		}
		if re.Rev != tc.rev || !strings.Contains(err.Error(), tc.detail) {
			t.Errorf("Resolve(%q) = %v (Rev %q), want it to say %q", tc.rev, err, re.Rev, tc.detail)
		}
		if errors.Is(err, gitsrc.ErrBeforeHistory) && (re.First == nil || re.First.Hash != h.c1) {
			t.Errorf("Resolve(%q): First = %v, want c1", tc.rev, re.First)
		}
	}
}

// A branch or tag that looks like a date or a short hash is found as the
// ref, as git finds it.
func TestResolveRefWins(t *testing.T) {
	h := newHistory(t, false)
	h.Tag("2022-12-28", h.c1)
	h.Tag("cafe", h.c2)
	r := open(t, h.Dir)
	if c := resolve(t, r, "2022-12-28"); c.Hash != h.c1 {
		t.Errorf("Resolve(2022-12-28) = %s, want the tag's c1", h.name(c.Hash))
	}
	if c := resolve(t, r, "cafe"); c.Hash != h.c2 {
		t.Errorf("Resolve(cafe) = %s, want the tag's c2", h.name(c.Hash))
	}
	if c := resolve(t, r, h.c4); c.Hash != h.c4 {
		t.Errorf("a full hash resolves to its commit, got %s", h.name(c.Hash))
	}
}

// Commits made until two share their first four hex digits: both are
// ambiguous at four digits, unique with enough of them. The hashes are the
// same on every run (the dates are fixed).
func TestResolveAmbiguous(t *testing.T) {
	g := gittest.Init(t, true)
	g.Write("f", "x")
	seen := map[string]string{}
	base := gittest.Date(t, "2022-01-01T00:00:00Z")
	var a, b string
	for i := 0; a == ""; i++ {
		if i > 5000 {
			t.Fatal("no two commits share 4 hex digits after 5000")
		}
		c := g.Commit(fmt.Sprint("commit ", i), base.Add(time.Duration(i)*time.Minute))
		if other, ok := seen[c[:4]]; ok {
			a, b = other, c
		}
		seen[c[:4]] = c
	}
	r := open(t, g.Dir)
	_, err := r.Resolve(a[:4])
	var re *gitsrc.RevisionError
	if !errors.Is(err, gitsrc.ErrAmbiguous) || !errors.As(err, &re) {
		t.Fatalf("Resolve(%s) = %v, want ErrAmbiguous", a[:4], err)
	}
	if len(re.Candidates) < 2 || !strings.Contains(strings.Join(re.Candidates, " "), a) || !strings.Contains(strings.Join(re.Candidates, " "), b) {
		t.Errorf("candidates %v, want %s and %s among them", re.Candidates, a, b)
	}
	if errors.Is(err, gitsrc.ErrUnknownRevision) {
		t.Error("an ambiguous hash is not an unknown one")
	}
	n := 4
	for a[:n] == b[:n] {
		n++
	}
	for _, want := range []string{a, b} {
		if c := resolve(t, r, want[:n+1]); c.Hash != want {
			t.Errorf("Resolve(%s) = %s, want %s", want[:n+1], c.Hash, want)
		}
	}
	if n%2 == 0 {
		// an odd number of digits: the last nibble decides
		if c := resolve(t, r, a[:n+1]); c.Hash != a {
			t.Errorf("odd prefix %s: got %s", a[:n+1], c.Hash)
		}
	}
}

func TestParseTime(t *testing.T) {
	utc := func(s string) time.Time { return gittest.Date(t, s) }
	for _, tc := range []struct {
		in         string
		start, end time.Time
	}{
		{"2022-12-28", utc("2022-12-28T00:00:00Z"), utc("2022-12-29T00:00:00Z").Add(-1)},
		{"2022-12-31", utc("2022-12-31T00:00:00Z"), utc("2023-01-01T00:00:00Z").Add(-1)},
		{"2022-12-28T15:04", utc("2022-12-28T15:04:00Z"), utc("2022-12-28T15:05:00Z").Add(-1)},
		{"2022-12-28 15:04", utc("2022-12-28T15:04:00Z"), utc("2022-12-28T15:05:00Z").Add(-1)},
		{"2022-12-28T15:04+01:00", utc("2022-12-28T14:04:00Z"), utc("2022-12-28T14:05:00Z").Add(-1)},
		{"2022-12-28T15:04:05", utc("2022-12-28T15:04:05Z"), utc("2022-12-28T15:04:06Z").Add(-1)},
		{"2022-12-28T15:04:05Z", utc("2022-12-28T15:04:05Z"), utc("2022-12-28T15:04:06Z").Add(-1)},
		{"2022-12-28T15:04:05-05:00", utc("2022-12-28T20:04:05Z"), utc("2022-12-28T20:04:06Z").Add(-1)},
		{"2022-12-28T15:04:05.5Z", utc("2022-12-28T15:04:05Z").Add(500 * time.Millisecond), utc("2022-12-28T15:04:05Z").Add(500 * time.Millisecond)},
	} {
		s, err := gitsrc.ParseTime(tc.in)
		if err != nil {
			t.Errorf("ParseTime(%q): %v", tc.in, err)
			continue
		}
		if !s.Start.Equal(tc.start) || !s.End.Equal(tc.end) {
			t.Errorf("ParseTime(%q) = %v .. %v, want %v .. %v", tc.in, s.Start, s.End, tc.start, tc.end)
		}
	}
	for _, bad := range []string{"", "yesterday", "2022-12", "2022-12-28T", "2022-02-30", "28/12/2022", "2022-12-28T15"} {
		if _, err := gitsrc.ParseTime(bad); err == nil {
			t.Errorf("ParseTime(%q) succeeded", bad)
		}
	}
	for s, want := range map[string]bool{"2022-12-28": true, "2022-12-28T15:04": true, "2022-13-45": true,
		"main": false, "2022-12-28~1": false, "cafe": false, "v2022-12-28": false} {
		if gitsrc.IsDate(s) != want {
			t.Errorf("IsDate(%q) = %v", s, !want)
		}
	}
}

func TestAtTime(t *testing.T) {
	h := newHistory(t, true)
	r := open(t, h.Dir)
	feature := resolve(t, r, "feature")
	for _, tc := range []struct {
		head *gitsrc.Commit
		at   string
		want string
	}{
		{nil, "2022-12-27T09:30:00Z", h.c3},
		{feature, "2022-12-27T09:30:00Z", h.s2}, // on the feature branch's own chain
		{feature, "2022-12-27T08:30:00Z", h.s1},
		{feature, "2022-12-30T00:00:00Z", h.s2},
		{nil, "2022-12-28T15:00:00Z", h.m5},
	} {
		c, err := r.AtTime(tc.head, gittest.Date(t, tc.at))
		if err != nil || c.Hash != tc.want {
			t.Errorf("AtTime(%v, %s) = %v, %v; want %s", tc.head, tc.at, c, err, h.name(tc.want))
		}
	}
	_, err := r.AtTime(feature, gittest.Date(t, "2022-01-01T00:00:00Z"))
	if !errors.Is(err, gitsrc.ErrBeforeHistory) {
		t.Errorf("AtTime before history = %v", err)
	}
}
