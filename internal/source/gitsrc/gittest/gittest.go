// Package gittest builds git repositories for tests, with go-git and
// without the git binary: files, links and submodules are written as
// objects, commits get the dates the test gives, branches, merges and tags
// are made by hand. Nothing reads or writes a working tree unless the test
// asks for it (SyncWorktree), so a history of hundreds of commits is built
// in well under a second.
package gittest

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"
	"time"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// File is one entry of a commit's tree as the builder holds it.
type File struct {
	Mode filemode.FileMode // Regular, Executable, Symlink or Submodule
	Data []byte            // content; a link's target
	// Commit is a submodule's commit.
	Commit plumbing.Hash
}

// Repo is a repository being built. Commits go to the current branch
// (main at first) and record the files as they are then.
type Repo struct {
	t    testing.TB
	Dir  string
	Git  *git.Repository
	Bare bool
	// Name and Email sign the commits and annotated tags.
	Name, Email string

	branch string
	files  map[string]File
	stored map[plumbing.Hash]bool // objects written already
}

// Init makes an empty repository in a new temporary folder (Dir), bare or
// with a working tree, its current branch main.
func Init(t testing.TB, bare bool) *Repo {
	t.Helper()
	return InitAt(t, t.TempDir(), bare)
}

// InitAt is Init in the folder dir (empty or not there yet), which
// outlives the test: a benchmark's repository.
func InitAt(t testing.TB, dir string, bare bool) *Repo {
	t.Helper()
	g, err := git.PlainInitWithOptions(dir, &git.PlainInitOptions{
		Bare:        bare,
		InitOptions: git.InitOptions{DefaultBranch: plumbing.NewBranchReferenceName("main")},
	})
	if err != nil {
		t.Fatal(err)
	}
	return &Repo{t: t, Dir: dir, Git: g, Bare: bare, Name: "Dev", Email: "dev@example.com",
		branch: "main", files: map[string]File{}, stored: map[plumbing.Hash]bool{}}
}

// Date parses an RFC 3339 date-time, or a date-time without zone (UTC).
func Date(t testing.TB, s string) time.Time {
	t.Helper()
	for _, l := range []string{time.RFC3339, "2006-01-02T15:04:05", "2006-01-02T15:04", time.DateOnly} {
		if d, err := time.ParseInLocation(l, s, time.UTC); err == nil {
			return d
		}
	}
	t.Fatalf("gittest: bad date %q", s)
	return time.Time{}
}

// Write sets a regular file's content.
func (r *Repo) Write(p, content string) {
	r.files[p] = File{Mode: filemode.Regular, Data: []byte(content)}
}

// WriteBytes sets a regular file's content.
func (r *Repo) WriteBytes(p string, content []byte) {
	r.files[p] = File{Mode: filemode.Regular, Data: bytes.Clone(content)}
}

// WriteExec sets an executable file's content.
func (r *Repo) WriteExec(p, content string) {
	r.files[p] = File{Mode: filemode.Executable, Data: []byte(content)}
}

// Symlink makes p a symbolic link to target.
func (r *Repo) Symlink(p, target string) {
	r.files[p] = File{Mode: filemode.Symlink, Data: []byte(target)}
}

// Submodule records a submodule at p, at commit (40 hex digits; any will
// do: the submodule's objects are never there).
func (r *Repo) Submodule(p, commit string) {
	r.files[p] = File{Mode: filemode.Submodule, Commit: plumbing.NewHash(commit)}
}

// CopyDir writes every file under the folder src (on disk) into the tree
// under prefix ("" for the top), as regular, executable files or links;
// folders named .git are left out. It builds a history from a directory
// such as a landscape's without the git binary.
func (r *Repo) CopyDir(src, prefix string) {
	r.t.Helper()
	err := filepath.WalkDir(src, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if d.Name() == ".git" {
				return filepath.SkipDir
			}
			return nil
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		name := filepath.ToSlash(rel)
		if prefix != "" {
			name = strings.TrimSuffix(prefix, "/") + "/" + name
		}
		switch {
		case d.Type()&os.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			r.Symlink(name, filepath.ToSlash(target))
		case d.Type().IsRegular():
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			f := File{Mode: filemode.Regular, Data: b}
			if st, err := d.Info(); err == nil && st.Mode()&0o111 != 0 {
				f.Mode = filemode.Executable
			}
			r.files[name] = f
		}
		return nil
	})
	if err != nil {
		r.t.Fatal(err)
	}
}

// Remove removes a file, or a folder and everything in it.
func (r *Repo) Remove(p string) {
	for k := range r.files {
		if k == p || strings.HasPrefix(k, p+"/") {
			delete(r.files, k)
		}
	}
}

// Rename moves a file or a folder.
func (r *Repo) Rename(from, to string) {
	for k, f := range maps.Clone(r.files) {
		switch {
		case k == from:
			delete(r.files, k)
			r.files[to] = f
		case strings.HasPrefix(k, from+"/"):
			delete(r.files, k)
			r.files[to+k[len(from):]] = f
		}
	}
}

// Files are the files the next commit records (a copy).
func (r *Repo) Files() map[string]File { return maps.Clone(r.files) }

// Branch is the current branch.
func (r *Repo) Branch() string { return r.branch }

// Commit records the files on the current branch, authored and committed
// at when, and returns the commit's hash.
func (r *Repo) Commit(msg string, when time.Time) string {
	r.t.Helper()
	return r.commit(msg, when, when, r.parents())
}

// CommitDates is Commit with an author date apart from the commit date.
func (r *Repo) CommitDates(msg string, authored, committed time.Time) string {
	r.t.Helper()
	return r.commit(msg, authored, committed, r.parents())
}

// Merge records the files on the current branch as a merge of branch
// other into it: its parents are the current branch's head, then other's.
// The files are what the test made them: nothing is merged for it.
func (r *Repo) Merge(msg, other string, when time.Time) string {
	r.t.Helper()
	return r.commit(msg, when, when, append(r.parents(), r.Ref("refs/heads/"+other)))
}

func (r *Repo) parents() []plumbing.Hash {
	ref, err := r.Git.Reference(plumbing.NewBranchReferenceName(r.branch), true)
	if err != nil {
		return nil // the branch's first commit
	}
	return []plumbing.Hash{ref.Hash()}
}

func (r *Repo) commit(msg string, authored, committed time.Time, parents []plumbing.Hash) string {
	r.t.Helper()
	c := &object.Commit{
		Author:       object.Signature{Name: r.Name, Email: r.Email, When: authored},
		Committer:    object.Signature{Name: r.Name, Email: r.Email, When: committed},
		Message:      msg,
		TreeHash:     r.writeTree(r.files),
		ParentHashes: parents,
	}
	h := r.store(c)
	r.setRef(plumbing.NewBranchReferenceName(r.branch), h)
	return h.String()
}

// NewBranch makes a branch at the current branch's head, without
// switching to it.
func (r *Repo) NewBranch(name string) {
	r.t.Helper()
	r.setRef(plumbing.NewBranchReferenceName(name), r.Ref("refs/heads/"+r.branch))
}

// Checkout switches to branch name (made at the current head if it does
// not exist): HEAD points to it and the files are its head's.
func (r *Repo) Checkout(name string) {
	r.t.Helper()
	ref := plumbing.NewBranchReferenceName(name)
	if _, err := r.Git.Reference(ref, true); err != nil {
		r.NewBranch(name)
	}
	r.branch = name
	if err := r.Git.Storer.SetReference(plumbing.NewSymbolicReference(plumbing.HEAD, ref)); err != nil {
		r.t.Fatal(err)
	}
	c, err := r.Git.CommitObject(r.Ref(ref.String()))
	if err != nil {
		r.t.Fatal(err)
	}
	r.files = map[string]File{}
	r.readTree("", c.TreeHash)
}

func (r *Repo) readTree(prefix string, h plumbing.Hash) {
	t, err := r.Git.TreeObject(h)
	if err != nil {
		r.t.Fatal(err)
	}
	for _, e := range t.Entries {
		p := prefix + e.Name
		switch e.Mode {
		case filemode.Dir:
			r.readTree(p+"/", e.Hash)
		case filemode.Submodule:
			r.files[p] = File{Mode: e.Mode, Commit: e.Hash}
		default:
			b, err := r.Git.BlobObject(e.Hash)
			if err != nil {
				r.t.Fatal(err)
			}
			rd, err := b.Reader()
			if err != nil {
				r.t.Fatal(err)
			}
			var buf bytes.Buffer
			if _, err := buf.ReadFrom(rd); err != nil {
				r.t.Fatal(err)
			}
			rd.Close()
			r.files[p] = File{Mode: e.Mode, Data: buf.Bytes()}
		}
	}
}

// Tag makes a lightweight tag at rev (a hash or a ref Ref knows).
func (r *Repo) Tag(name, rev string) {
	r.t.Helper()
	r.setRef(plumbing.NewTagReferenceName(name), r.Ref(rev))
}

// AnnotatedTag makes an annotated tag object at rev and a tag ref to it;
// it returns the tag object's hash.
func (r *Repo) AnnotatedTag(name, rev, msg string, when time.Time) string {
	r.t.Helper()
	tag := &object.Tag{
		Name:       name,
		Tagger:     object.Signature{Name: r.Name, Email: r.Email, When: when},
		Message:    msg,
		TargetType: plumbing.CommitObject,
		Target:     r.Ref(rev),
	}
	h := r.store(tag)
	r.setRef(plumbing.NewTagReferenceName(name), h)
	return h.String()
}

// Ref is the hash rev names: 40 hex digits, or a full ref name
// (refs/heads/main), or a branch's name.
func (r *Repo) Ref(rev string) plumbing.Hash {
	r.t.Helper()
	if plumbing.IsHash(rev) {
		return plumbing.NewHash(rev)
	}
	for _, name := range []string{rev, "refs/heads/" + rev} {
		if ref, err := r.Git.Reference(plumbing.ReferenceName(name), true); err == nil {
			return ref.Hash()
		}
	}
	r.t.Fatalf("gittest: no ref %q", rev)
	return plumbing.ZeroHash
}

// MakeShallow turns the repository into what a shallow clone whose
// history stops at boundary looks like: boundary is listed in the shallow
// file and the commit objects of its ancestors are deleted (their trees
// and blobs are left: a shallow clone lacks them too, but nothing is read
// through a missing commit). The objects must be loose (no Repack before).
func (r *Repo) MakeShallow(boundary string) {
	r.t.Helper()
	h := plumbing.NewHash(boundary)
	if err := r.Git.Storer.SetShallow([]plumbing.Hash{h}); err != nil {
		r.t.Fatal(err)
	}
	c, err := r.Git.CommitObject(h)
	if err != nil {
		r.t.Fatal(err)
	}
	var old []plumbing.Hash
	err = c.Parents().ForEach(func(p *object.Commit) error {
		return object.NewCommitPreorderIter(p, nil, nil).ForEach(func(a *object.Commit) error {
			old = append(old, a.Hash)
			return nil
		})
	})
	if err != nil {
		r.t.Fatal(err)
	}
	los, ok := r.Git.Storer.(storer.LooseObjectStorer)
	if !ok {
		r.t.Fatal("gittest: storage has no loose objects")
	}
	for _, a := range old {
		if err := los.DeleteLooseObject(a); err != nil && !os.IsNotExist(err) {
			r.t.Fatal(err)
		}
	}
}

// Repack puts every object in one packfile (with deltas) and deletes the
// loose ones, as a cloned repository has them.
func (r *Repo) Repack() {
	r.t.Helper()
	if err := r.Git.RepackObjects(&git.RepackConfig{}); err != nil {
		r.t.Fatal(err)
	}
	los := r.Git.Storer.(storer.LooseObjectStorer)
	var loose []plumbing.Hash
	if err := los.ForEachObjectHash(func(h plumbing.Hash) error {
		loose = append(loose, h)
		return nil
	}); err != nil {
		r.t.Fatal(err)
	}
	for _, h := range loose {
		if err := los.DeleteLooseObject(h); err != nil {
			r.t.Fatal(err)
		}
	}
}

// SyncWorktree writes the current files to the working tree (links as
// links, submodules as empty folders) and removes the files it holds that
// are not among them, as a checkout would leave it.
func (r *Repo) SyncWorktree() {
	r.t.Helper()
	if r.Bare {
		r.t.Fatal("gittest: a bare repository has no working tree")
	}
	err := filepath.WalkDir(r.Dir, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(r.Dir, p)
		rel = filepath.ToSlash(rel)
		if rel == ".git" {
			return filepath.SkipDir
		}
		if !d.IsDir() {
			if _, ok := r.files[rel]; !ok {
				return os.Remove(p)
			}
		}
		return nil
	})
	if err != nil {
		r.t.Fatal(err)
	}
	for _, p := range slices.Sorted(maps.Keys(r.files)) {
		f := r.files[p]
		full := filepath.Join(r.Dir, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			r.t.Fatal(err)
		}
		os.Remove(full)
		switch f.Mode {
		case filemode.Symlink:
			err = os.Symlink(string(f.Data), full)
		case filemode.Submodule:
			err = os.MkdirAll(full, 0o755)
		case filemode.Executable:
			err = os.WriteFile(full, f.Data, 0o755)
		default:
			err = os.WriteFile(full, f.Data, 0o644)
		}
		if err != nil {
			r.t.Fatal(err)
		}
	}
}

type encoder interface {
	Encode(plumbing.EncodedObject) error
}

func (r *Repo) store(o encoder) plumbing.Hash {
	r.t.Helper()
	obj := &plumbing.MemoryObject{}
	if err := o.Encode(obj); err != nil {
		r.t.Fatal(err)
	}
	h := obj.Hash()
	if r.stored[h] {
		return h // unchanged files and folders are written once
	}
	if _, err := r.Git.Storer.SetEncodedObject(obj); err != nil {
		r.t.Fatal(err)
	}
	r.stored[h] = true
	return h
}

func (r *Repo) setRef(name plumbing.ReferenceName, h plumbing.Hash) {
	r.t.Helper()
	if err := r.Git.Storer.SetReference(plumbing.NewHashReference(name, h)); err != nil {
		r.t.Fatal(err)
	}
}

type blobData []byte

func (b blobData) Encode(o plumbing.EncodedObject) error {
	o.SetType(plumbing.BlobObject)
	w, err := o.Writer()
	if err != nil {
		return err
	}
	if _, err := w.Write(b); err != nil {
		return err
	}
	return w.Close()
}

// writeTree stores the tree of files (paths relative to it) and its
// subtrees.
func (r *Repo) writeTree(files map[string]File) plumbing.Hash {
	r.t.Helper()
	sub := map[string]map[string]File{}
	t := &object.Tree{}
	for p, f := range files {
		if dir, rest, ok := strings.Cut(p, "/"); ok {
			if sub[dir] == nil {
				sub[dir] = map[string]File{}
			}
			sub[dir][rest] = f
			continue
		}
		h := f.Commit
		if f.Mode != filemode.Submodule {
			h = r.store(blobData(f.Data))
		}
		t.Entries = append(t.Entries, object.TreeEntry{Name: p, Mode: f.Mode, Hash: h})
	}
	for dir, fs := range sub {
		t.Entries = append(t.Entries, object.TreeEntry{Name: dir, Mode: filemode.Dir, Hash: r.writeTree(fs)})
	}
	sort.Sort(object.TreeEntrySorter(t.Entries))
	return r.store(t)
}

// BlobHash is the git hash of content as a blob.
func BlobHash(content []byte) string {
	return plumbing.ComputeHash(plumbing.BlobObject, content).String()
}
