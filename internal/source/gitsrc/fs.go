package gitsrc

import (
	"errors"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// BlobHasher is what a tree whose files are git blobs implements: the
// hash of the blob name holds (following symbolic links), false for a
// folder, a submodule or a path that is not there. Two files with the
// same blob hash have the same bytes, in any commit: a cache of decoded
// SBOMs keyed by it decodes each version of a file once.
type BlobHasher interface {
	BlobHash(name string) (string, bool)
}

// FS is one commit's tree as a file system. It implements fs.ReadDirFS,
// fs.ReadFileFS, fs.StatFS, fs.ReadLinkFS and BlobHasher, and passes
// testing/fstest.TestFS:
//   - ReadDir lists a folder sorted by name, as fs.WalkDir expects (not in
//     git's order, which puts "a.json" before a folder "a");
//   - symbolic links are reported as such by ReadDir and Lstat, and
//     followed by Open, Stat, ReadFile and BlobHash, within the tree only:
//     a link to an absolute path or above the top fails;
//   - a submodule (a commit recorded in the tree, whose files are in
//     another repository) is an irregular file (fs.ModeIrregular) with no
//     content, so a walk accounts for it as not a regular file;
//   - every file and folder has the commit's date as its ModTime, and
//     permissions 0644, 0755 (executable, folders) or 0777 (links);
//   - content is read from the repository when a file is first read, not
//     before; sizes come from the objects' headers.
//
// An FS is safe for concurrent use.
type FS struct {
	r      *Repo
	commit *Commit
	root   plumbing.Hash
}

var (
	_ fs.ReadDirFS  = (*FS)(nil)
	_ fs.ReadFileFS = (*FS)(nil)
	_ fs.StatFS     = (*FS)(nil)
	_ fs.ReadLinkFS = (*FS)(nil)
	_ BlobHasher    = (*FS)(nil)
)

// FS is c's tree as a file system.
func (r *Repo) FS(c *Commit) *FS {
	return &FS{r: r, commit: c, root: c.tree}
}

// Commit is the commit whose tree f is.
func (f *FS) Commit() *Commit { return f.commit }

// Errors of paths in a tree.
var (
	ErrLinkOutside = errors.New("symbolic link points outside the repository's tree")
	errLinkLoop    = errors.New("too many levels of symbolic links")
	errIsDir       = errors.New("is a directory")
	errNotDir      = errors.New("not a directory")
)

// maxLinks is how many symbolic links one lookup follows, as Linux does.
const maxLinks = 40

// node is one entry of a tree.
type node struct {
	name string
	mode filemode.FileMode
	hash plumbing.Hash
}

func sortNodes(ns []node) {
	slices.SortFunc(ns, func(a, b node) int { return strings.Compare(a.name, b.name) })
}

// lookup finds name's entry, following every symbolic link on the way,
// and the last one too when follow is set.
func (f *FS) lookup(op, name string, follow bool) (node, error) {
	fail := func(err error) (node, error) {
		return node{}, &fs.PathError{Op: op, Path: name, Err: err}
	}
	if !fs.ValidPath(name) {
		return fail(fs.ErrInvalid)
	}
	stack := []node{{name: ".", mode: filemode.Dir, hash: f.root}}
	var todo []string
	if name != "." {
		todo = strings.Split(name, "/")
	}
	links := 0
	for len(todo) > 0 {
		comp := todo[0]
		todo = todo[1:]
		switch comp {
		case "", ".":
			continue
		case "..": // only in a link's target
			if len(stack) == 1 {
				return fail(ErrLinkOutside)
			}
			stack = stack[:len(stack)-1]
			continue
		}
		dir := stack[len(stack)-1]
		if dir.mode != filemode.Dir {
			return fail(fs.ErrNotExist) // under a file: not there
		}
		entries, err := f.r.tree(dir.hash)
		if err != nil {
			return fail(err)
		}
		i, ok := slices.BinarySearchFunc(entries, comp, func(n node, s string) int { return strings.Compare(n.name, s) })
		if !ok {
			return fail(fs.ErrNotExist)
		}
		e := entries[i]
		if e.mode == filemode.Symlink && (follow || len(todo) > 0) {
			if links++; links > maxLinks {
				return fail(errLinkLoop)
			}
			target, err := f.r.readBlob(e.hash)
			if err != nil {
				return fail(err)
			}
			t := string(target)
			if t == "" || strings.HasPrefix(t, "/") {
				return fail(ErrLinkOutside)
			}
			todo = append(strings.Split(t, "/"), todo...)
			continue
		}
		stack = append(stack, e)
	}
	return stack[len(stack)-1], nil
}

// fsMode is the fs.FileMode of a git mode.
func fsMode(m filemode.FileMode) fs.FileMode {
	switch m {
	case filemode.Dir:
		return fs.ModeDir | 0o755
	case filemode.Regular, filemode.Deprecated:
		return 0o644
	case filemode.Executable:
		return 0o755
	case filemode.Symlink:
		return fs.ModeSymlink | 0o777
	default: // a submodule, or a mode git does not write
		return fs.ModeIrregular
	}
}

// hasBlob tells whether a git mode's entry is a blob.
func hasBlob(m filemode.FileMode) bool {
	switch m {
	case filemode.Regular, filemode.Deprecated, filemode.Executable, filemode.Symlink:
		return true
	}
	return false
}

func (f *FS) info(name string, n node) (*fileInfo, error) {
	fi := &fileInfo{name: name, mode: fsMode(n.mode), mtime: f.commit.Time, hash: n.hash}
	if hasBlob(n.mode) {
		size, err := f.r.blobSize(n.hash)
		if err != nil {
			return nil, err
		}
		fi.size = size
	}
	return fi, nil
}

func baseName(name string) string {
	if name == "." {
		return "."
	}
	return path.Base(name)
}

// Open opens name, following symbolic links.
func (f *FS) Open(name string) (fs.File, error) {
	n, err := f.lookup("open", name, true)
	if err != nil {
		return nil, err
	}
	if n.mode == filemode.Dir {
		entries, err := f.r.tree(n.hash)
		if err != nil {
			return nil, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return &dir{fsys: f, name: name, n: n, entries: entries}, nil
	}
	return &file{fsys: f, name: name, n: n}, nil
}

// Stat describes name, following symbolic links.
func (f *FS) Stat(name string) (fs.FileInfo, error) {
	n, err := f.lookup("stat", name, true)
	if err != nil {
		return nil, err
	}
	fi, err := f.info(baseName(name), n)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return fi, nil
}

// Lstat describes name; a symbolic link is described, not followed.
func (f *FS) Lstat(name string) (fs.FileInfo, error) {
	n, err := f.lookup("lstat", name, false)
	if err != nil {
		return nil, err
	}
	fi, err := f.info(baseName(name), n)
	if err != nil {
		return nil, &fs.PathError{Op: "lstat", Path: name, Err: err}
	}
	return fi, nil
}

// ReadLink is the target of the symbolic link name, as written.
func (f *FS) ReadLink(name string) (string, error) {
	n, err := f.lookup("readlink", name, false)
	if err != nil {
		return "", err
	}
	if n.mode != filemode.Symlink {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: fs.ErrInvalid}
	}
	b, err := f.r.readBlob(n.hash)
	if err != nil {
		return "", &fs.PathError{Op: "readlink", Path: name, Err: err}
	}
	return string(b), nil
}

// ReadDir lists the folder name, sorted by name.
func (f *FS) ReadDir(name string) ([]fs.DirEntry, error) {
	n, err := f.lookup("readdir", name, true)
	if err != nil {
		return nil, err
	}
	if n.mode != filemode.Dir {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errNotDir}
	}
	entries, err := f.r.tree(n.hash)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	out := make([]fs.DirEntry, len(entries))
	for i, e := range entries {
		out[i] = dirEntry{fsys: f, n: e}
	}
	return out, nil
}

// ReadFile reads the whole file name, following symbolic links. A
// submodule reads as empty.
func (f *FS) ReadFile(name string) ([]byte, error) {
	n, err := f.lookup("read", name, true)
	if err != nil {
		return nil, err
	}
	switch {
	case n.mode == filemode.Dir:
		return nil, &fs.PathError{Op: "read", Path: name, Err: errIsDir}
	case !hasBlob(n.mode):
		return []byte{}, nil
	}
	b, err := f.r.readBlob(n.hash)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return b, nil
}

// BlobHash is the hash of the blob name holds, following symbolic links:
// the same in every commit where the file's bytes are the same. False for
// a folder, a submodule, or a path that is not there.
func (f *FS) BlobHash(name string) (string, bool) {
	n, err := f.lookup("blobhash", name, true)
	if err != nil || !hasBlob(n.mode) {
		return "", false
	}
	return n.hash.String(), true
}

// fileInfo describes a tree entry. Sys returns nil.
type fileInfo struct {
	name  string
	mode  fs.FileMode
	size  int64
	mtime time.Time
	hash  plumbing.Hash
}

func (fi *fileInfo) Name() string       { return fi.name }
func (fi *fileInfo) Size() int64        { return fi.size }
func (fi *fileInfo) Mode() fs.FileMode  { return fi.mode }
func (fi *fileInfo) ModTime() time.Time { return fi.mtime }
func (fi *fileInfo) IsDir() bool        { return fi.mode.IsDir() }
func (fi *fileInfo) Sys() any           { return nil }
func (fi *fileInfo) String() string     { return fs.FormatFileInfo(fi) }

type dirEntry struct {
	fsys *FS
	n    node
}

func (d dirEntry) Name() string               { return d.n.name }
func (d dirEntry) IsDir() bool                { return d.n.mode == filemode.Dir }
func (d dirEntry) Type() fs.FileMode          { return fsMode(d.n.mode).Type() }
func (d dirEntry) Info() (fs.FileInfo, error) { return d.fsys.info(d.n.name, d.n) }
func (d dirEntry) String() string             { return fs.FormatDirEntry(d) }

// file is an open file; its blob is read on the first Read.
type file struct {
	fsys   *FS
	name   string
	n      node
	rd     io.Reader
	closed bool
}

func (f *file) Stat() (fs.FileInfo, error) {
	if f.closed {
		return nil, &fs.PathError{Op: "stat", Path: f.name, Err: fs.ErrClosed}
	}
	fi, err := f.fsys.info(baseName(f.name), f.n)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: f.name, Err: err}
	}
	return fi, nil
}

func (f *file) Read(p []byte) (int, error) {
	if f.closed {
		return 0, &fs.PathError{Op: "read", Path: f.name, Err: fs.ErrClosed}
	}
	if f.rd == nil {
		if !hasBlob(f.n.mode) {
			return 0, io.EOF
		}
		rd, _, err := f.fsys.r.blob(f.n.hash)
		if err != nil {
			return 0, &fs.PathError{Op: "read", Path: f.name, Err: err}
		}
		f.rd = rd
	}
	return f.rd.Read(p)
}

func (f *file) Close() error {
	if f.closed {
		return &fs.PathError{Op: "close", Path: f.name, Err: fs.ErrClosed}
	}
	f.closed, f.rd = true, nil
	return nil
}

// dir is an open folder.
type dir struct {
	fsys    *FS
	name    string
	n       node
	entries []node
	off     int
	closed  bool
}

func (d *dir) Stat() (fs.FileInfo, error) {
	if d.closed {
		return nil, &fs.PathError{Op: "stat", Path: d.name, Err: fs.ErrClosed}
	}
	return d.fsys.info(baseName(d.name), d.n)
}

func (d *dir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errIsDir}
}

func (d *dir) Close() error {
	if d.closed {
		return &fs.PathError{Op: "close", Path: d.name, Err: fs.ErrClosed}
	}
	d.closed = true
	return nil
}

// ReadDir reads the next count entries (all that are left for count <= 0),
// as fs.ReadDirFile says.
func (d *dir) ReadDir(count int) ([]fs.DirEntry, error) {
	if d.closed {
		return nil, &fs.PathError{Op: "readdir", Path: d.name, Err: fs.ErrClosed}
	}
	rest := d.entries[d.off:]
	if count > 0 {
		if len(rest) == 0 {
			return nil, io.EOF
		}
		rest = rest[:min(count, len(rest))]
	}
	d.off += len(rest)
	out := make([]fs.DirEntry, len(rest))
	for i, e := range rest {
		out[i] = dirEntry{fsys: d.fsys, n: e}
	}
	return out, nil
}
