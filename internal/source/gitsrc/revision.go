package gitsrc

import (
	"encoding/hex"
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Errors a revision fails with, wrapped in a *RevisionError. A command
// line tells the first three apart from ErrShallow: they are the user's to
// fix (sbomx exits 2), a shallow clone is the repository's.
var (
	// ErrUnknownRevision: no commit is named so, or the name is malformed
	// (an invalid date, HEAD~9 on a chain of five).
	ErrUnknownRevision = errors.New("unknown revision")
	// ErrAmbiguous: a short hash that more than one commit starts with.
	ErrAmbiguous = errors.New("ambiguous short hash")
	// ErrBeforeHistory: a date before the first commit of the branch.
	ErrBeforeHistory = errors.New("date before the first commit")
)

// RevisionError is what Resolve and AtTime fail with. Err is one of
// ErrUnknownRevision, ErrAmbiguous, ErrBeforeHistory or an error wrapping
// ErrShallow (or, rarely, an error reading the repository).
type RevisionError struct {
	Rev    string // as given
	Err    error
	Detail string // what a person needs to fix it, may be ""
	// Candidates are the commits an ambiguous short hash may mean.
	Candidates []string
	// First is the branch's first commit, for ErrBeforeHistory.
	First *Commit
}

func (e *RevisionError) Error() string {
	s := fmt.Sprintf("%s: %v", e.Rev, e.Err)
	if e.Detail != "" {
		s += " (" + e.Detail + ")"
	}
	return s
}

func (e *RevisionError) Unwrap() error { return e.Err }

// Resolve finds the commit rev names, as git rev-parse would, first-parent
// where a date is involved:
//
//   - a full hash (of a commit, or of an annotated tag);
//   - HEAD (or @): the checked-out branch's commit, a bare repository's
//     default branch;
//   - a ref: a branch, a tag (lightweight or annotated, which is followed
//     to its commit), a remote-tracking branch, or a full refs/... name,
//     looked up in git's order (refs/NAME, refs/tags/, refs/heads/,
//     refs/remotes/);
//   - a date or date-time (see ParseTime): the last commit at or before
//     its end on HEAD's first-parent chain, by committer date (AtTime);
//     2022-12-28 means up to 23:59:59.999 that day, in UTC unless a zone
//     is written (2022-12-28T15:04+01:00);
//   - a short hash of at least 4 digits that exactly one commit (or tag)
//     starts with;
//   - any of those followed by ~N (N first parents back; ~ alone is ~1),
//     ^ or ^N (the Nth parent; ^ alone is ^1, ^0 the commit itself), in any
//     sequence: HEAD~2, main^2~1, v1.0^.
//
// A ref wins over a short hash, as in git, and over a date. Errors are
// *RevisionError, wrapping ErrUnknownRevision, ErrAmbiguous,
// ErrBeforeHistory or ErrShallow.
func (r *Repo) Resolve(rev string) (*Commit, error) {
	fail := func(err error, detail string) error {
		return &RevisionError{Rev: rev, Err: err, Detail: detail}
	}
	base, suffix := splitSuffix(rev)
	if base == "" {
		return nil, fail(ErrUnknownRevision, "empty revision")
	}
	steps, err := parseSuffix(suffix)
	if err != nil {
		return nil, fail(ErrUnknownRevision, err.Error())
	}
	c, err := r.resolveBase(rev, base)
	if err != nil {
		return nil, err
	}
	for _, st := range steps {
		c, err = r.step(c, st)
		if err != nil {
			var re *RevisionError
			if errors.As(err, &re) {
				re.Rev = rev
				return nil, re
			}
			return nil, fail(err, "")
		}
	}
	return c, nil
}

// Head is the commit HEAD points at.
func (r *Repo) Head() (*Commit, error) { return r.Resolve("HEAD") }

// AtTime is the last commit at or before t on head's first-parent chain
// (head nil: HEAD), by committer date: the commit the branch was at then.
// The walk stops at the first commit not after t, as git rev-list
// --first-parent --before does. A t before the chain's first commit gives
// a *RevisionError wrapping ErrBeforeHistory (its First is that commit); a
// shallow clone whose history stops before t, one wrapping ErrShallow.
func (r *Repo) AtTime(head *Commit, t time.Time) (*Commit, error) {
	name := t.Format(time.RFC3339)
	if head == nil {
		var err error
		if head, err = r.Resolve("HEAD"); err != nil {
			return nil, err
		}
	}
	for c := head; ; {
		if !c.Time.After(t) {
			return c, nil
		}
		p, err := r.firstParent(c)
		if err != nil {
			return nil, &RevisionError{Rev: name, Err: err, Detail: "the oldest commit there is is of " + c.Time.Format(time.RFC3339)}
		}
		if p == nil {
			return nil, &RevisionError{Rev: name, Err: ErrBeforeHistory, First: c,
				Detail: fmt.Sprintf("the first commit, %s, is of %s", c.Short(), c.Time.Format(time.RFC3339))}
		}
		c = p
	}
}

// splitSuffix splits "main~2^" into "main" and "~2^". A date-time's zone
// (+01:00) holds neither ~ nor ^, nor does a ref git allows.
func splitSuffix(rev string) (base, suffix string) {
	if i := strings.IndexAny(rev, "~^"); i >= 0 {
		return rev[:i], rev[i:]
	}
	return rev, ""
}

type step struct {
	tilde bool // ~N: N first parents; else ^N: the Nth parent
	n     int
}

func parseSuffix(s string) ([]step, error) {
	var out []step
	for s != "" {
		op := s[0]
		s = s[1:]
		i := 0
		for i < len(s) && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		n := 1
		if i > 0 {
			var err error
			if n, err = strconv.Atoi(s[:i]); err != nil || n > 1<<20 {
				return nil, fmt.Errorf("bad number %q after %c", s[:i], op)
			}
		}
		if i < len(s) && s[i] != '~' && s[i] != '^' {
			return nil, fmt.Errorf("unexpected %q after %c (only ~N and ^N are understood)", s[i:], op)
		}
		out = append(out, step{tilde: op == '~', n: n})
		s = s[i:]
	}
	return out, nil
}

func (r *Repo) step(c *Commit, st step) (*Commit, error) {
	if st.tilde {
		for i := 0; i < st.n; i++ {
			p, err := r.firstParent(c)
			if err != nil {
				return nil, &RevisionError{Err: err}
			}
			if p == nil {
				return nil, &RevisionError{Err: ErrUnknownRevision,
					Detail: fmt.Sprintf("the first-parent chain ends after %d commits, at %s", i+1, c.Short())}
			}
			c = p
		}
		return c, nil
	}
	if st.n == 0 {
		return c, nil
	}
	if st.n > len(c.parents) {
		return nil, &RevisionError{Err: ErrUnknownRevision,
			Detail: fmt.Sprintf("%s has %d parent(s)", c.Short(), len(c.parents))}
	}
	if st.n == 1 {
		p, err := r.firstParent(c)
		if err != nil {
			return nil, &RevisionError{Err: err}
		}
		return p, nil
	}
	p, err := r.commit(c.parents[st.n-1])
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return nil, &RevisionError{Err: fmt.Errorf("%w: %s's parent %s is missing", ErrShallow, c.Short(), c.parents[st.n-1].String()[:12])}
	}
	return p, err
}

var (
	hexRev  = regexp.MustCompile(`^[0-9a-fA-F]{4,40}$`)
	dateRev = regexp.MustCompile(`^[0-9]{4}-[0-9]{2}-[0-9]{2}([T ]|$)`)
)

func (r *Repo) resolveBase(rev, base string) (*Commit, error) {
	fail := func(err error, detail string) error {
		return &RevisionError{Rev: rev, Err: err, Detail: detail}
	}
	if base == "HEAD" || base == "@" {
		r.mu.Lock()
		ref, err := storer.ResolveReference(r.storage, plumbing.HEAD)
		r.mu.Unlock()
		if err != nil {
			return nil, fail(ErrUnknownRevision, "HEAD: the repository has no commit yet")
		}
		return r.peel(rev, ref.Hash())
	}
	if len(base) == 40 && hexRev.MatchString(base) {
		return r.peel(rev, plumbing.NewHash(base))
	}
	if refName(base) {
		if h, ok := r.ref(base); ok {
			return r.peel(rev, h)
		}
	}
	if dateRev.MatchString(base) {
		span, err := ParseTime(base)
		if err != nil {
			return nil, fail(ErrUnknownRevision, err.Error())
		}
		c, err := r.AtTime(nil, span.End)
		if err != nil {
			var re *RevisionError
			if errors.As(err, &re) {
				re.Rev = rev
			}
			return nil, err
		}
		return c, nil
	}
	if hexRev.MatchString(base) {
		return r.short(rev, strings.ToLower(base))
	}
	return nil, fail(ErrUnknownRevision, "no branch, tag or commit is named so")
}

// refName tells whether name may be a ref, by git check-ref-format's
// rules (those that keep a lookup inside refs/).
func refName(name string) bool {
	if name == "" || strings.HasPrefix(name, "/") || strings.HasSuffix(name, "/") || strings.HasSuffix(name, ".") ||
		strings.Contains(name, "..") || strings.Contains(name, "//") || strings.Contains(name, "@{") || strings.HasSuffix(name, ".lock") {
		return false
	}
	for _, c := range name {
		if c < 0x20 || c == 0x7f || strings.ContainsRune(" ~^:?*[\\", c) {
			return false
		}
	}
	for _, part := range strings.Split(name, "/") {
		if strings.HasPrefix(part, ".") {
			return false
		}
	}
	return true
}

// ref looks name up as git does: NAME, refs/NAME, refs/tags/NAME,
// refs/heads/NAME, refs/remotes/NAME, refs/remotes/NAME/HEAD.
func (r *Repo) ref(name string) (plumbing.Hash, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, full := range []string{name, "refs/" + name, "refs/tags/" + name, "refs/heads/" + name,
		"refs/remotes/" + name, "refs/remotes/" + name + "/HEAD"} {
		if full == name && !strings.HasPrefix(name, "refs/") && name != "FETCH_HEAD" && name != "ORIG_HEAD" && name != "MERGE_HEAD" {
			continue // only refs/... and git's own *_HEAD are looked up as written
		}
		ref, err := storer.ResolveReference(r.storage, plumbing.ReferenceName(full))
		if err == nil {
			return ref.Hash(), true
		}
	}
	return plumbing.ZeroHash, false
}

// peel follows annotated tags (of tags) to the commit h names.
func (r *Repo) peel(rev string, h plumbing.Hash) (*Commit, error) {
	for range 16 {
		typ, b, err := r.object(h, plumbing.AnyObject)
		switch {
		case errors.Is(err, plumbing.ErrObjectNotFound):
			return nil, &RevisionError{Rev: rev, Err: ErrUnknownRevision, Detail: "no such object " + h.String()[:12]}
		case err != nil:
			return nil, &RevisionError{Rev: rev, Err: err}
		case typ == plumbing.CommitObject:
			c, err := parseCommit(h, b)
			if err != nil {
				return nil, &RevisionError{Rev: rev, Err: err}
			}
			return c, nil
		case typ != plumbing.TagObject:
			return nil, &RevisionError{Rev: rev, Err: ErrUnknownRevision,
				Detail: fmt.Sprintf("%s is a %s, not a commit", h.String()[:12], typ)}
		}
		target, ttyp, name, err := tagTarget(h, b)
		if err != nil {
			return nil, &RevisionError{Rev: rev, Err: err}
		}
		if ttyp != "commit" && ttyp != "tag" {
			return nil, &RevisionError{Rev: rev, Err: ErrUnknownRevision,
				Detail: fmt.Sprintf("tag %s points to a %s, not a commit", name, ttyp)}
		}
		h = target
	}
	return nil, &RevisionError{Rev: rev, Err: ErrUnknownRevision, Detail: "tags nested too deep"}
}

// short resolves a short hash (lower case, 4 to 39 digits): the commits
// and tags whose hash starts with it, each peeled to its commit.
func (r *Repo) short(rev, prefix string) (*Commit, error) {
	even, err := hex.DecodeString(prefix[:len(prefix)&^1])
	if err != nil {
		return nil, &RevisionError{Rev: rev, Err: ErrUnknownRevision, Detail: err.Error()}
	}
	r.mu.Lock()
	hs, err := r.storage.HashesWithPrefix(even)
	r.mu.Unlock()
	if err != nil {
		return nil, &RevisionError{Rev: rev, Err: err}
	}
	var found []*Commit
	var names []string
	seen := map[string]bool{}
	for _, h := range hs {
		if !strings.HasPrefix(h.String(), prefix) {
			continue
		}
		c, err := r.peel(rev, h)
		if err != nil {
			continue // a blob or a tree: git too only counts commit-ish objects here
		}
		if !seen[c.Hash] {
			seen[c.Hash] = true
			found = append(found, c)
			names = append(names, h.String())
		}
	}
	switch len(found) {
	case 0:
		return nil, &RevisionError{Rev: rev, Err: ErrUnknownRevision, Detail: "no branch, tag or commit is named so"}
	case 1:
		return found[0], nil
	}
	return nil, &RevisionError{Rev: rev, Err: ErrAmbiguous, Candidates: names,
		Detail: fmt.Sprintf("%d commits start with %s; give more digits", len(found), prefix)}
}

// Span is the stretch of time a date as a person writes it stands for:
// 2022-12-28 is the whole day, 2022-12-28T15:04 the whole minute. Start
// and End are both included (End is the span's last nanosecond).
type Span struct {
	Start, End time.Time
}

var timeLayouts = []struct {
	layout string
	unit   time.Duration // 0: a day
}{
	{time.DateOnly, 0},
	{"2006-01-02T15:04", time.Minute},
	{"2006-01-02T15:04Z07:00", time.Minute},
	{"2006-01-02T15:04:05", time.Second},
	{time.RFC3339, time.Second},
	{"2006-01-02T15:04:05.999999999", time.Nanosecond},
	{time.RFC3339Nano, time.Nanosecond},
}

// ParseTime reads a date or a date-time: 2022-12-28, 2022-12-28T15:04,
// 2022-12-28T15:04:05, any of the two last with a zone (Z, +01:00), or RFC
// 3339 with fractions of a second; a space may stand for the T. Without a
// zone the time is UTC (not the machine's zone: an answer must not depend
// on where it is asked). The span is as long as the precision written: a
// date is a whole day, 2022-12-28T15:04 a whole minute.
func ParseTime(s string) (Span, error) {
	norm := s
	if len(norm) > 10 && norm[10] == ' ' {
		norm = norm[:10] + "T" + norm[11:]
	}
	for _, l := range timeLayouts {
		t, err := time.ParseInLocation(l.layout, norm, time.UTC)
		if err != nil {
			continue
		}
		if len(norm) > 19 && norm[19] == '.' {
			// time.Parse takes a fraction after the seconds whatever the
			// layout: the span is then the instant written.
			l.unit = time.Nanosecond
		}
		if l.unit == 0 {
			return Span{Start: t, End: t.AddDate(0, 0, 1).Add(-time.Nanosecond)}, nil
		}
		return Span{Start: t, End: t.Add(l.unit - time.Nanosecond)}, nil
	}
	return Span{}, fmt.Errorf("%q is not a date (2022-12-28) or a date-time (2022-12-28T15:04, RFC 3339)", s)
}

// IsDate tells whether s is written as a date or date-time (whether or not
// it is a valid one): what Resolve reads as a date when no ref has that
// name.
func IsDate(s string) bool { return dateRev.MatchString(s) && !strings.ContainsAny(s, "~^") }
