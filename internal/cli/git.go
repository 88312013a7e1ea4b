package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
	"time"

	"github.com/sbomx/sbomx/internal/inventory"
	"github.com/sbomx/sbomx/internal/source"
	"github.com/sbomx/sbomx/internal/source/gitsrc"
	"github.com/sbomx/sbomx/pkg/answers"
)

// gitDir is a --dir read from its git repository's history rather than
// from the disk (--at, --since, diff).
type gitDir struct {
	repo   *gitsrc.Repo
	name   string // as given
	rel    string // the directory, relative to the repository's top ("." the top)
	prefix string // before every path printed, when several --dir are read
}

// openGit opens the repository dir is in; flag names what asked for it,
// for messages. Not being in a repository is a usage error: the flag
// cannot mean anything there.
func openGit(dir string, several bool, flag string) (*gitDir, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("--dir: %w", err)
	}
	if !st.IsDir() {
		return nil, usagef("%s reads a directory from history: --dir %s is a file", flag, dir)
	}
	repo, err := gitsrc.Open(dir)
	if errors.Is(err, gitsrc.ErrNotRepository) {
		return nil, usagef("%s reads git history: --dir %s is not in a git repository (nor a bare one)", flag, dir)
	}
	if err != nil {
		return nil, fmt.Errorf("--dir %s: %w", dir, err)
	}
	g := &gitDir{repo: repo, name: dir, rel: "."}
	if several {
		g.prefix = path.Clean(filepath.ToSlash(dir))
	}
	if !repo.Bare() {
		rel, err := filepath.Rel(realPath(repo.Top()), realPath(dir))
		if err != nil || rel == ".." || strings.HasPrefix(rel, ".."+string(filepath.Separator)) {
			repo.Close()
			return nil, fmt.Errorf("--dir %s: not under its repository's top %s", dir, repo.Top())
		}
		g.rel = filepath.ToSlash(rel)
		if g.rel == ".git" || strings.HasPrefix(g.rel, ".git/") {
			repo.Close()
			return nil, usagef("--dir %s is inside the .git folder: give the checkout (or a bare repository)", dir)
		}
	}
	return g, nil
}

func (g *gitDir) Close() error { return g.repo.Close() }

// resolve finds the commit rev names; a revision the user got wrong
// (unknown, ambiguous, before the first commit) is a usage error, history
// a shallow clone lacks is said as such.
func (g *gitDir) resolve(flag, rev string) (*gitsrc.Commit, error) {
	c, err := g.repo.Resolve(rev)
	if err != nil {
		return nil, revisionError(flag, g.name, err)
	}
	return c, nil
}

// revisionError words a failure to find a revision.
func revisionError(flag, dir string, err error) error {
	if errors.Is(err, gitsrc.ErrShallow) {
		return usagef("%s: %v (the repository is a shallow clone: git fetch --unshallow brings the rest of history)", flag, err)
	}
	var re *gitsrc.RevisionError
	if errors.As(err, &re) {
		msg := fmt.Sprintf("%s %v", flag, err)
		if errors.Is(err, gitsrc.ErrUnknownRevision) {
			msg += " in " + dir
		}
		return &usageError{errors.New(msg)}
	}
	return fmt.Errorf("%s: %w", flag, err)
}

// revisionOf is a commit as answers name it.
func revisionOf(c *gitsrc.Commit, asked string) answers.Revision {
	return answers.Revision{Commit: c.Hash, Date: c.Time.UTC().Format(time.RFC3339), Author: c.Author, Email: c.Email, Subject: c.Subject, Asked: asked}
}

// root is the directory as it was at commit c: its repository's top for
// sbomx is, as for a checkout on disk, the nearest folder up from the
// directory holding .sbomx.yaml, else the repository's top; ownership
// files are read from c's tree there.
func (g *gitDir) root(c *gitsrc.Commit, asked string) (answers.Root, string, error) {
	fsys := g.repo.FS(c)
	top := topIn(fsys, g.rel)
	rev := revisionOf(c, asked)
	r := answers.Root{FS: fsys, Dir: relSlash(top, g.rel), Name: g.name, Prefix: g.prefix, Revision: &rev}
	if top != "." {
		sub, err := source.Sub(fsys, top)
		if err != nil {
			return answers.Root{}, "", err
		}
		r.FS = sub
	}
	return r, top, nil
}

// topIn is the nearest folder of fsys, from dir up, holding .sbomx.yaml;
// "." when none does.
func topIn(fsys fs.FS, dir string) string {
	for d := dir; d != "."; d = path.Dir(d) {
		if _, err := fs.Stat(fsys, path.Join(d, inventory.ConfigFile)); err == nil {
			return d
		}
	}
	return "."
}

// relSlash is target relative to base, both slash-separated from the same
// top, target at or under base.
func relSlash(base, target string) string {
	switch {
	case base == ".":
		return target
	case target == base:
		return "."
	}
	return strings.TrimPrefix(target, base+"/")
}

// at is the --at tree of every --dir: each resolves rev in its own
// repository. A directory that was not there then is a usage error.
func atRoots(dirs []string, rev string) ([]answers.Root, []*gitDir, error) {
	var out []answers.Root
	var gits []*gitDir
	fail := func(err error) ([]answers.Root, []*gitDir, error) {
		for _, g := range gits {
			g.Close()
		}
		return nil, nil, err
	}
	var real []string
	for _, dir := range dirs {
		abs := realPath(dir)
		for i, other := range real {
			if err := overlap(dirs[i], other, dir, abs); err != nil {
				return fail(err)
			}
		}
		real = append(real, abs)
		g, err := openGit(dir, len(dirs) > 1, "--at")
		if err != nil {
			return fail(err)
		}
		gits = append(gits, g)
		c, err := g.resolve("--at", rev)
		if err != nil {
			return fail(err)
		}
		r, _, err := g.root(c, rev)
		if err != nil {
			return fail(err)
		}
		if st, err := fs.Stat(r.FS, r.Dir); err != nil || !st.IsDir() {
			return fail(usagef("--dir %s: not in the tree of %s (%s, %s)", dir, c.Short(), rev, c.Time.UTC().Format(time.RFC3339)))
		}
		out = append(out, r)
	}
	return out, gits, nil
}

// snapshots are the commits' trees, each with the paths changed since the
// one before (prev: the first's predecessor, nil for none).
func (g *gitDir) snapshots(prev *gitsrc.Commit, prevTop string, cs []*gitsrc.Commit) ([]answers.Snapshot, error) {
	out := make([]answers.Snapshot, 0, len(cs))
	for _, c := range cs {
		r, top, err := g.root(c, "")
		if err != nil {
			return nil, err
		}
		s := answers.Snapshot{Revision: *r.Revision, Roots: []answers.Root{r}}
		if prev != nil && top == prevTop {
			changes, err := g.repo.Changes(prev, c)
			if err != nil {
				return nil, fmt.Errorf("--dir %s: %s: %w", g.name, c.Short(), err)
			}
			s.ChangedKnown = true
			for _, ch := range changes {
				switch {
				case top == ".":
					s.Changed = append(s.Changed, ch.Path)
				case strings.HasPrefix(ch.Path, top+"/"):
					s.Changed = append(s.Changed, ch.Path[len(top)+1:])
				}
			}
		}
		out = append(out, s)
		prev, prevTop = c, top
	}
	return out, nil
}

// window is the history between since and until (""; HEAD): the commit
// whose tree was there when it opened (nil: before the first commit) and
// the commits within it, oldest first. since is a date (the window opens
// at its start) or a revision (the window opens after it); until a
// revision or a date (up to its end). missing says what a shallow clone
// lacks.
func (g *gitDir) window(since, until string) (start *gitsrc.Commit, commits []*gitsrc.Commit, missing string, err error) {
	var end *gitsrc.Commit
	if until == "" {
		end, err = g.resolve("HEAD", "HEAD")
	} else {
		end, err = g.resolve("--until", until)
	}
	if err != nil {
		return nil, nil, "", err
	}
	if !gitsrc.IsDate(since) {
		if start, err = g.resolve("--since", since); err != nil {
			return nil, nil, "", err
		}
		commits, err = g.repo.FirstParentLog(start, end, time.Time{})
		if errors.Is(err, gitsrc.ErrNotOnChain) {
			return nil, nil, "", usagef("--since %s (%s) is not on the first-parent history of --until (%s)", since, start.Short(), end.Short())
		}
		if err != nil {
			return nil, nil, "", fmt.Errorf("--dir %s: %w", g.name, err)
		}
		return start, commits, "", nil
	}
	span, err := gitsrc.ParseTime(since)
	if err != nil {
		return nil, nil, "", usagef("--since: %v", err)
	}
	if until != "" && end.Time.Before(span.Start) {
		if u, uerr := gitsrc.ParseTime(until); uerr == nil && u.End.Before(span.Start) {
			return nil, nil, "", usagef("--until %s is before --since %s", until, since)
		}
	}
	start, err = g.repo.AtTime(end, span.Start.Add(-time.Nanosecond))
	switch {
	case errors.Is(err, gitsrc.ErrBeforeHistory):
		// The window opens before the first commit: nothing was there.
		commits, err = g.repo.FirstParentLog(nil, end, time.Time{})
		if err != nil {
			return nil, nil, "", fmt.Errorf("--dir %s: %w", g.name, err)
		}
		return nil, commits, "", nil
	case errors.Is(err, gitsrc.ErrShallow):
		commits, err = g.repo.FirstParentLog(nil, end, span.Start)
		if !errors.Is(err, gitsrc.ErrShallow) || len(commits) == 0 {
			return nil, nil, "", revisionError("--since", g.name, cmpErr(err, gitsrc.ErrShallow))
		}
		start, commits = commits[0], commits[1:]
		missing = fmt.Sprintf("history before %s (%s) is not in the repository (a shallow clone; git fetch --unshallow brings it): the window starts there, with what that commit holds taken as present at the start",
			start.Short(), start.Time.UTC().Format(time.RFC3339))
		return start, commits, missing, nil
	case err != nil:
		return nil, nil, "", revisionError("--since", g.name, err)
	}
	commits, err = g.repo.FirstParentLog(start, end, time.Time{})
	if err != nil {
		return nil, nil, "", fmt.Errorf("--dir %s: %w", g.name, err)
	}
	return start, commits, "", nil
}

func cmpErr(err, or error) error {
	if err == nil {
		return or
	}
	return err
}
