package gitsrc

import (
	"io/fs"
	"strings"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// ChangeKind is what happened to a path between two commits.
type ChangeKind string

// Change kinds. A rename is a path Removed and another Added: no rename
// detection is attempted (what a caller keys by, the blob hash, finds a
// moved file's bytes again anyway).
const (
	Added    ChangeKind = "added"
	Removed  ChangeKind = "removed"
	Modified ChangeKind = "modified" // other bytes, or another mode (a file that became a link)
)

// Change is one path that differs between two commits' trees. Folders are
// never listed: a folder added or removed lists each of its files.
type Change struct {
	Path string // slash-separated, from the top
	Kind ChangeKind
	// OldHash and NewHash are the blobs (a submodule's: the commit) before
	// and after, "" where there is none; OldMode and NewMode the modes as
	// FS reports them, 0 where there is none.
	OldHash, NewHash string
	OldMode, NewMode fs.FileMode
}

// Changes lists the files that differ between a's tree and b's (a nil: an
// empty tree, so every file of b is Added), in the order fs.WalkDir visits
// them. Trees are compared by hash, so a folder that did not change costs
// nothing however large it is; the trees read are cached, so walking a
// history pair by pair reads each tree once.
func (r *Repo) Changes(a, b *Commit) ([]Change, error) {
	var ta plumbing.Hash
	if a != nil {
		ta = a.tree
	}
	var out []Change
	err := r.diffTrees("", ta, b.tree, &out)
	return out, err
}

// diffTrees appends the changes between trees ta and tb (the zero hash:
// empty) under prefix.
func (r *Repo) diffTrees(prefix string, ta, tb plumbing.Hash, out *[]Change) error {
	if ta == tb {
		return nil
	}
	var ea, eb []node
	var err error
	if !ta.IsZero() {
		if ea, err = r.tree(ta); err != nil {
			return err
		}
	}
	if !tb.IsZero() {
		if eb, err = r.tree(tb); err != nil {
			return err
		}
	}
	i, j := 0, 0
	for i < len(ea) || j < len(eb) {
		var c int
		switch {
		case i == len(ea):
			c = 1
		case j == len(eb):
			c = -1
		default:
			c = strings.Compare(ea[i].name, eb[j].name)
		}
		switch {
		case c < 0:
			if err := r.side(prefix+ea[i].name, ea[i], Removed, out); err != nil {
				return err
			}
			i++
		case c > 0:
			if err := r.side(prefix+eb[j].name, eb[j], Added, out); err != nil {
				return err
			}
			j++
		default:
			if err := r.diffEntry(prefix+ea[i].name, ea[i], eb[j], out); err != nil {
				return err
			}
			i++
			j++
		}
	}
	return nil
}

// diffEntry compares the entries a path has in both trees.
func (r *Repo) diffEntry(p string, a, b node, out *[]Change) error {
	if a.hash == b.hash && a.mode == b.mode {
		return nil
	}
	da, db := a.mode == filemode.Dir, b.mode == filemode.Dir
	switch {
	case da && db:
		return r.diffTrees(p+"/", a.hash, b.hash, out)
	case !da && !db:
		*out = append(*out, Change{Path: p, Kind: Modified,
			OldHash: a.hash.String(), NewHash: b.hash.String(), OldMode: fsMode(a.mode), NewMode: fsMode(b.mode)})
		return nil
	case db: // a file became a folder
		if err := r.side(p, a, Removed, out); err != nil {
			return err
		}
		return r.side(p, b, Added, out)
	default: // a folder became a file
		if err := r.side(p, b, Added, out); err != nil {
			return err
		}
		return r.side(p, a, Removed, out)
	}
}

// side lists an entry present on one side only: a file, or every file of a
// folder.
func (r *Repo) side(p string, n node, kind ChangeKind, out *[]Change) error {
	if n.mode == filemode.Dir {
		if kind == Added {
			return r.diffTrees(p+"/", plumbing.ZeroHash, n.hash, out)
		}
		return r.diffTrees(p+"/", n.hash, plumbing.ZeroHash, out)
	}
	c := Change{Path: p, Kind: kind}
	if kind == Added {
		c.NewHash, c.NewMode = n.hash.String(), fsMode(n.mode)
	} else {
		c.OldHash, c.OldMode = n.hash.String(), fsMode(n.mode)
	}
	*out = append(*out, c)
	return nil
}
