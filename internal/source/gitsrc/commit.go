package gitsrc

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
)

// Commit is one commit, as history and answers show it. Two Commits are
// the same commit when their Hash is.
type Commit struct {
	Hash string // full, 40 hex digits
	// Time is the committer date: when the commit was made on its branch.
	// Dates given to Resolve, AtTime and FirstParentLog are compared with
	// it, as git log --before and --since do.
	Time time.Time
	// AuthorTime is the author date, what git log shows by default: it can
	// be older than Time (a rebased or cherry-picked commit).
	AuthorTime time.Time
	Author     string // author's name
	Email      string // author's email
	Subject    string // the message's first line
	Parents    []string

	hash    plumbing.Hash
	tree    plumbing.Hash
	parents []plumbing.Hash
}

// Short is the hash's first 12 digits, for messages.
func (c *Commit) Short() string { return c.Hash[:12] }

func (c *Commit) String() string {
	return fmt.Sprintf("%s %s %s", c.Hash[:12], c.Time.Format(time.RFC3339), c.Subject)
}

// ErrShallow is wrapped by the errors of walks that needed a commit's
// parents where a shallow clone does not have them (or any other commit
// whose parent object is missing).
var ErrShallow = errors.New("history missing (shallow clone): a commit's parents are not in the repository")

// ErrNotOnChain is wrapped by FirstParentLog's error when its lower bound
// is not on the upper bound's first-parent chain.
var ErrNotOnChain = errors.New("not on the first-parent chain")

// commit reads the commit object h.
func (r *Repo) commit(h plumbing.Hash) (*Commit, error) {
	_, b, err := r.object(h, plumbing.CommitObject)
	if err != nil {
		return nil, err
	}
	return parseCommit(h, b)
}

// firstParent is c's first parent; nil with no error for a root commit;
// an error wrapping ErrShallow when the parent is not in the repository.
func (r *Repo) firstParent(c *Commit) (*Commit, error) {
	if len(c.parents) == 0 {
		return nil, nil
	}
	if r.shallow[c.hash] {
		return nil, fmt.Errorf("%w: %s is the oldest commit there is", ErrShallow, c.Short())
	}
	p, err := r.commit(c.parents[0])
	if errors.Is(err, plumbing.ErrObjectNotFound) {
		return nil, fmt.Errorf("%w: %s's parent %s is missing", ErrShallow, c.Short(), c.parents[0].String()[:12])
	}
	if err != nil {
		return nil, fmt.Errorf("commit %s: %w", c.parents[0], err)
	}
	return p, nil
}

// FirstParentLog lists history along first parents, the way the branch
// moved (a merged branch's own commits are not in it, its merge is),
// OLDEST FIRST: from until (nil: HEAD) back to, and not including, from
// (nil: no bound), and no further back than since (zero: no bound): the
// walk stops at the first commit whose committer date is before since, as
// git log --first-parent --since does, so a commit dated out of order
// further back is not seen.
//
// from must be on until's first-parent chain: otherwise the error wraps
// ErrNotOnChain. When history ends at a shallow clone's boundary before
// either bound is met (or, with neither bound, at all), the commits read
// are returned with an error wrapping ErrShallow.
func (r *Repo) FirstParentLog(from, until *Commit, since time.Time) ([]*Commit, error) {
	if until == nil {
		var err error
		if until, err = r.Resolve("HEAD"); err != nil {
			return nil, err
		}
	}
	var out []*Commit
	for c := until; ; {
		if from != nil && c.hash == from.hash {
			break
		}
		if !since.IsZero() && c.Time.Before(since) {
			break
		}
		out = append(out, c)
		p, err := r.firstParent(c)
		if err != nil {
			slices.Reverse(out)
			return out, err
		}
		if p == nil {
			if from != nil {
				return nil, fmt.Errorf("%s: %w of %s", from.Short(), ErrNotOnChain, until.Short())
			}
			break
		}
		c = p
	}
	slices.Reverse(out)
	return out, nil
}
