package source

import (
	"io/fs"
	"path"
	"sync"
	"sync/atomic"
)

// BlobHasher is what a tree whose files are content-addressed implements
// (a git commit's tree, internal/source/gitsrc.FS): the hash of the bytes
// name holds, following symbolic links; false for a folder or a path that
// is not there. Two files with the same hash have the same bytes, in any
// tree of the same repository. It is declared here, the same as gitsrc's,
// so that the walk needs no git.
type BlobHasher interface {
	BlobHash(name string) (string, bool)
}

// Cache remembers what became of each file by its blob hash, across the
// walks of several trees of one repository (the commits of a window): a
// file whose bytes were read before, under the same name and read the same
// way, takes the earlier File's status, reason, SBOM summary, kept data and
// Reader result without being opened. Only trees that implement
// BlobHasher are cached; files in archives and archives themselves are
// not (their members' paths belong to one tree).
//
// What is shared is shared read-only: the Reader's results (Options.Read,
// the visitor's values) must not be changed once returned, and a caller
// must never keep a File's Path from the cache (each tree's File has its
// own Path). One Cache serves one Reader: its results mean what that
// Reader's mean.
type Cache struct {
	mu sync.Mutex
	m  map[cacheKey]*File

	read, decoded, reused atomic.Int64
}

// NewCache is an empty cache.
func NewCache() *Cache { return &Cache{m: map[cacheKey]*File{}} }

// cacheKey is what makes a file read the same way twice: its bytes, its
// name (a document without a root is named after its file), how the
// prefilter may rule it out (which depends on the tree's layout), and
// whether its bytes are kept as an ownership file.
type cacheKey struct {
	hash string
	base string
	flt  Filter
	keep bool
}

// CacheStats counts a cache's work: blobs read (opened and handed to the
// Reader: the prefilter may still rule them out), those of them decoded in
// full, and files served from the cache without being read.
type CacheStats struct {
	Read, Decoded, Reused int
}

// Stats is what the cache has done so far.
func (c *Cache) Stats() CacheStats {
	return CacheStats{Read: int(c.read.Load()), Decoded: int(c.decoded.Load()), Reused: int(c.reused.Load())}
}

// key is f's cache key in fsys, false when f cannot be cached there.
func (c *Cache) key(fsys fs.FS, f *File, flt Filter, keep bool) (cacheKey, bool) {
	if c == nil || f.NamedAs != "" || f.Status != "" {
		return cacheKey{}, false
	}
	h, ok := fsys.(BlobHasher)
	if !ok {
		return cacheKey{}, false
	}
	hash, ok := h.BlobHash(f.Path)
	if !ok {
		return cacheKey{}, false
	}
	return cacheKey{hash: hash, base: path.Base(f.Path), flt: flt, keep: keep}, true
}

// get fills f from the cache; false when the blob was not read before.
func (c *Cache) get(k cacheKey, f *File) bool {
	c.mu.Lock()
	hit := c.m[k]
	c.mu.Unlock()
	if hit == nil {
		return false
	}
	*f = File{Path: f.Path, Status: hit.Status, Reason: hit.Reason, SBOM: hit.SBOM, Data: hit.Data, Result: hit.Result}
	c.reused.Add(1)
	return true
}

// put remembers what became of f, unless it turned into archive members.
func (c *Cache) put(k cacheKey, f *File) {
	c.read.Add(1)
	if f.SBOM != nil && !f.SBOM.Prefiltered {
		c.decoded.Add(1)
	}
	if f.members != nil {
		return
	}
	kept := &File{Status: f.Status, Reason: f.Reason, SBOM: f.SBOM, Data: f.Data, Result: f.Result}
	c.mu.Lock()
	c.m[k] = kept
	c.mu.Unlock()
}

// Sub is fs.Sub that keeps BlobHash: the folder dir of fsys as a tree of
// its own.
func Sub(fsys fs.FS, dir string) (fs.FS, error) {
	sub, err := fs.Sub(fsys, dir)
	if err != nil || dir == "." {
		return sub, err
	}
	if h, ok := fsys.(BlobHasher); ok {
		return hashedSub{FS: sub, h: h, dir: dir}, nil
	}
	return sub, nil
}

// hashedSub is a sub-tree of a BlobHasher. Only BlobHash is added to what
// fs.Sub gives: the walk needs nothing else of it.
type hashedSub struct {
	fs.FS
	h   BlobHasher
	dir string
}

func (s hashedSub) BlobHash(name string) (string, bool) {
	if !fs.ValidPath(name) {
		return "", false
	}
	return s.h.BlobHash(path.Join(s.dir, name))
}

// ReadDir is the sub-tree's (fs.WalkDir uses it when there is one).
func (s hashedSub) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(s.FS, name) }

// Stat is the sub-tree's.
func (s hashedSub) Stat(name string) (fs.FileInfo, error) { return fs.Stat(s.FS, name) }

// ReadFile is the sub-tree's.
func (s hashedSub) ReadFile(name string) ([]byte, error) { return fs.ReadFile(s.FS, name) }
