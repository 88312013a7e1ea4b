// Package gitsrc reads a git repository as a source of trees: it opens a
// working checkout or a bare repository without the git binary, resolves
// what a person writes for a revision (a hash or a short one, a branch, a
// tag, HEAD~2, a date) to a commit, lists the first-parent history between
// two points, tells which paths changed between two commits, and hands any
// commit's tree to the rest of the pipeline as an fs.FS, read lazily from
// the repository's objects, each file carrying its blob hash.
//
// It owns reading git objects and nothing after: it never decodes an SBOM,
// never knows what a service or an owner is, and never reads a working
// tree's files (a checkout read as it is on disk is the directory walk's
// business). What a tree's files mean is internal/source's and its
// Reader's to find out, exactly as for a directory.
//
// A Repo is safe for concurrent use: go-git's storage is not, so every
// read of an object is serialized here, and what a file's reader holds
// afterwards is its own copy.
package gitsrc

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/go-git/go-billy/v5"
	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/filesystem/dotgit"
)

// ErrNotRepository is returned (wrapped) by Open for a path that is neither
// in a working checkout nor a bare repository.
var ErrNotRepository = errors.New("not a git repository (no .git in it or any folder above, and not a bare repository)")

// Repo is an open git repository.
type Repo struct {
	storage *filesystem.Storage
	top     string // the working tree's top; "" for a bare repository
	gitDir  string
	shallow map[plumbing.Hash]bool

	mu sync.Mutex // serializes every access to storage (go-git's is not safe for concurrent use)

	tmu        sync.Mutex
	trees      map[plumbing.Hash][]node // decoded trees, sorted by name: trees never change
	treeNodes  int                      // entries held in trees, to bound it
	maxCached  int
	treeLoads  int // trees decoded (for tests and --verbose)
	treeReused int
}

// Open opens the repository at path: a working checkout when path or a
// folder above it holds .git (a folder, or the file a linked worktree or a
// submodule has), else a bare repository when path itself is one (it holds
// HEAD, objects/ and refs/). A path that is neither gives an error wrapping
// ErrNotRepository. The working tree's files are never read: only the
// objects.
func Open(path string) (*Repo, error) {
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		abs = filepath.Dir(abs)
	}
	var top, gitDir string
	switch {
	case isGitDir(abs):
		gitDir = abs
	default:
		for dir := abs; ; {
			p := filepath.Join(dir, ".git")
			if st, err := os.Stat(p); err == nil {
				top = dir
				if st.IsDir() {
					gitDir = p
				} else if gitDir, err = readGitFile(p); err != nil {
					return nil, err
				}
				break
			}
			up := filepath.Dir(dir)
			if up == dir {
				return nil, fmt.Errorf("%s: %w", path, ErrNotRepository)
			}
			dir = up
		}
		if !isGitDir(gitDir) && !isGitDir(commonDir(gitDir)) {
			return nil, fmt.Errorf("%s: %s is not a git directory: %w", path, gitDir, ErrNotRepository)
		}
	}

	var dot billy.Filesystem = osfs.New(gitDir)
	if common := commonDir(gitDir); common != gitDir {
		// A linked worktree: HEAD and the index are its own, objects and
		// refs the main repository's.
		dot = dotgit.NewRepositoryFilesystem(dot, osfs.New(common))
	}
	// KeepDescriptors keeps packfiles open between reads, instead of
	// opening and closing one for every object: Close releases them.
	// ExclusiveAccess lists the loose objects once, on first use, instead
	// of probing the disk for each object looked up (5 times faster on a
	// packed repository): objects written by others while the Repo is
	// open are not seen, which a command reading history can afford.
	s := filesystem.NewStorageWithOptions(dot, cache.NewObjectLRUDefault(), filesystem.Options{KeepDescriptors: true, ExclusiveAccess: true})
	r := &Repo{storage: s, top: top, gitDir: gitDir, shallow: map[plumbing.Hash]bool{},
		trees: map[plumbing.Hash][]node{}, maxCached: 1 << 20}
	hs, err := s.Shallow()
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("%s: reading the shallow file: %w", path, err)
	}
	for _, h := range hs {
		r.shallow[h] = true
	}
	return r, nil
}

// isGitDir tells whether dir looks like a git directory, as git decides:
// HEAD, objects/ and refs/ in it.
func isGitDir(dir string) bool {
	if st, err := os.Stat(filepath.Join(dir, "HEAD")); err != nil || st.IsDir() {
		return false
	}
	for _, sub := range []string{"objects", "refs"} {
		if st, err := os.Stat(filepath.Join(dir, sub)); err != nil || !st.IsDir() {
			return false
		}
	}
	return true
}

// readGitFile reads the .git file of a linked worktree or a submodule:
// "gitdir: PATH", relative to the file's folder.
func readGitFile(p string) (string, error) {
	b, err := os.ReadFile(p)
	if err != nil {
		return "", err
	}
	line, _, _ := strings.Cut(string(b), "\n")
	dir, ok := strings.CutPrefix(strings.TrimSpace(line), "gitdir:")
	if !ok {
		return "", fmt.Errorf("%s: no \"gitdir:\" line: %w", p, ErrNotRepository)
	}
	dir = strings.TrimSpace(dir)
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(filepath.Dir(p), dir)
	}
	return filepath.Clean(dir), nil
}

// commonDir is where a linked worktree's git directory keeps the shared
// objects and refs (its commondir file); gitDir itself otherwise.
func commonDir(gitDir string) string {
	b, err := os.ReadFile(filepath.Join(gitDir, "commondir"))
	if err != nil {
		return gitDir
	}
	c := strings.TrimSpace(string(b))
	if c == "" {
		return gitDir
	}
	if !filepath.IsAbs(c) {
		c = filepath.Join(gitDir, c)
	}
	return filepath.Clean(c)
}

// Close releases the files the repository holds open.
func (r *Repo) Close() error {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.storage.Close()
}

// Top is the top of the working tree, the folder holding .git; "" for a bare
// repository. A directory given inside a checkout is found in a commit's
// tree at its path relative to Top.
func (r *Repo) Top() string { return r.top }

// GitDir is the repository's git directory (.git, or the bare repository).
func (r *Repo) GitDir() string { return r.gitDir }

// Bare tells whether the repository has no working tree.
func (r *Repo) Bare() bool { return r.top == "" }

// Shallow tells whether the repository is a shallow clone: some commits'
// parents were never fetched, so history stops early. Walks that reach
// such a commit before their end return an error wrapping ErrShallow.
func (r *Repo) Shallow() bool { return len(r.shallow) > 0 }

// TreeStats counts the tree objects decoded and the ones served again
// from the repository's cache since it was opened.
func (r *Repo) TreeStats() (decoded, reused int) {
	r.tmu.Lock()
	defer r.tmu.Unlock()
	return r.treeLoads, r.treeReused
}

// tree returns the entries of the tree object h, sorted by name as
// fs.ReadDir sorts them (not git's order, which sorts "a" after "a.json"
// when a is a folder).
func (r *Repo) tree(h plumbing.Hash) ([]node, error) {
	r.tmu.Lock()
	if t, ok := r.trees[h]; ok {
		r.treeReused++
		r.tmu.Unlock()
		return t, nil
	}
	r.tmu.Unlock()

	_, b, err := r.object(h, plumbing.TreeObject)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	all, err := parseTree(b)
	if err != nil {
		return nil, fmt.Errorf("tree %s: %w", h, err)
	}
	nodes := all[:0]
	for _, e := range all {
		switch {
		case e.name == "", e.name == ".", e.name == "..", strings.Contains(e.name, "/"):
			continue // git refuses these; never let one escape the tree
		}
		nodes = append(nodes, e)
	}
	sortNodes(nodes)

	r.tmu.Lock()
	defer r.tmu.Unlock()
	if r.treeNodes+len(nodes) > r.maxCached {
		clear(r.trees) // bounded: start over rather than grow without end
		r.treeNodes = 0
	}
	r.trees[h] = nodes
	r.treeNodes += len(nodes)
	r.treeLoads++
	return nodes, nil
}

// blobSize is the size of a blob, read from its header only.
func (r *Repo) blobSize(h plumbing.Hash) (int64, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	n, err := r.storage.EncodedObjectSize(h)
	if err != nil {
		return 0, fmt.Errorf("blob %s: %w", h, err)
	}
	return n, nil
}

// blob opens a blob's content. Objects are read whole into memory by the
// storage (no large-object threshold is set), so the reader returned holds
// no file and needs no lock.
func (r *Repo) blob(h plumbing.Hash) (io.Reader, int64, error) {
	r.mu.Lock()
	obj, err := r.storage.EncodedObject(plumbing.BlobObject, h)
	r.mu.Unlock()
	if err != nil {
		return nil, 0, fmt.Errorf("blob %s: %w", h, err)
	}
	rc, err := obj.Reader()
	if err != nil {
		return nil, 0, fmt.Errorf("blob %s: %w", h, err)
	}
	return rc, obj.Size(), nil
}

// readBlob reads a whole blob into a new slice.
func (r *Repo) readBlob(h plumbing.Hash) ([]byte, error) {
	rd, size, err := r.blob(h)
	if err != nil {
		return nil, err
	}
	b := make([]byte, size)
	if _, err := io.ReadFull(rd, b); err != nil {
		return nil, fmt.Errorf("blob %s: %w", h, err)
	}
	return b, nil
}

var _ fs.FS = (*FS)(nil)
