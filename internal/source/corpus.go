// Package source is the first step of the pipeline: it walks a tree (any
// fs.FS: a directory, one file, later a git commit), undoes what wraps each
// file (compression, zip and tar archives, UTF-16) and hands each file's
// plain bytes, in parallel, to the caller's Reader, which decodes them. It
// accounts for every file and archive member: an SBOM read, skipped as not
// an SBOM, or failed with a reason; a file that fails never stops the walk.
//
// It knows nothing of SBOM formats: deciding what a file is, decoding it
// and the byte prefilter belong to the Reader (see pkg/answers). What it
// owns is which files may be ruled out unread (Filter): that depends on the
// tree's layout, which only the walk sees.
package source

import (
	"bytes"
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"path"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/klauspost/compress/zstd"

	"github.com/sbomx/sbomx/pkg/model"
)

// Status is what became of one file.
type Status string

// File statuses.
const (
	StatusSBOM    Status = "sbom"    // decoded
	StatusSkipped Status = "skipped" // not an SBOM
	StatusFailed  Status = "failed"  // an SBOM (or maybe one) that could not be read
)

// File is one file under the root, or one member of an archive under it,
// and what became of it.
type File struct {
	// Path is slash-separated, relative to the root. An archive member's is
	// the archive's path, MemberSep, and the member's path in the archive:
	// "dir/sboms.zip!svc/bom.json", nested "a.tar.gz!dir/b.zip!c.json".
	Path string
	// NamedAs, for an archive member, is where it would be if the archive
	// were extracted in its own folder ("dir/svc/bom.json"): its service,
	// owners and layout are found from there. "" for a file of the walk.
	NamedAs string
	Status  Status
	Reason  string    // why skipped or failed
	SBOM    *SBOMInfo // when Status is StatusSBOM
	Data    []byte    // content of the files Options.Keep asked for
	Result  any       // what Options.Visit returned for this SBOM
	link    bool      // a symbolic link: stat what it points to before opening it
	// members replace an archive in Corpus.Files once it is read (with the
	// archive itself after them when it is empty or broken).
	members []File
}

// SBOMInfo summarises one decoded SBOM.
type SBOMInfo struct {
	Format            model.Format
	SpecVersion       string
	RootName          string // the root component's name as written; "" when the SBOM names none
	RootGroup         string
	RootDisplayName   string // the root as people read it, with its group: @acme/web, com.acme:ledger
	Components        int
	WithoutPURL       int
	HasDependencyData bool
	RootEdgesInferred bool
	// Prefiltered: the byte search ruled the file out, so it was not
	// decoded; Components, Meta and the rest are unknown, and so are the
	// root's names unless RootKnown.
	Prefiltered bool
	// RootKnown: the root's names were found without decoding (see
	// the decoder's peek), for a file whose service they name.
	RootKnown bool
	Meta      model.Meta
	// Problems are decoder warnings and graph faults (duplicate or dangling refs).
	Problems []string
}

// Reader reads one file's content, unwrapped (expanded, transcoded), into
// f: an SBOM (Status, SBOM and Result set), not an SBOM (StatusSkipped) or
// failed with a reason. It is called from several goroutines and must not
// keep data, whose buffer is reused. how says whether it may rule the file
// out by its bytes, without decoding it (see Filter).
type Reader func(f *File, data []byte, how Filter)

// Options configure Load.
type Options struct {
	// Read decodes each file; without it every file is skipped.
	Read    Reader
	Workers int // 0 = GOMAXPROCS
	// Keep reports whether a non-SBOM file's content is kept in File.Data
	// (catalog-info.yaml, CODEOWNERS).
	Keep func(file string) bool
	// MaxFileSize is the largest file read, and the most a compressed file
	// or an archive member may expand to; larger ones fail with a reason.
	// 0 means DefaultMaxFileSize.
	MaxFileSize int64
	// Prefilter: the Reader may rule SBOMs out by their bytes before they
	// are decoded (see query.Prefilter). A file ruled out contributes no
	// package, but it still counts, and its service must be the one its
	// full decode would give: in a folder that names one service (not the
	// tree's top; at most two candidate SBOM files and none below) that is
	// the folder (ByFolder); elsewhere (a flat folder of SBOMs named by
	// content) it is its root component's name, so there the file may be
	// ruled out only where the root is found without decoding (ByRoot).
	// Archive members are never ruled out, and a file ruled out as named
	// by its folder is read again in full when members turn out to share
	// its folder.
	Prefilter bool
	// Progress, when set, is kept up to date while files are read, for a
	// progress line.
	Progress *Progress
	// Hidden searches directories whose name starts with "." (as rg
	// --hidden does). Without it such a directory is listed as skipped, not
	// walked; .github is always walked (it holds CODEOWNERS) and .git never.
	Hidden bool
	// Cache, when set and the tree has blob hashes (BlobHasher), serves
	// files whose bytes were read before from what became of them then,
	// without opening them (see Cache).
	Cache *Cache
	// inMemory, when set, replaces inMemoryDefault (tests of the bound).
	inMemory int64
}

// Progress counts files as they are read; safe to read from any goroutine.
type Progress struct {
	Total atomic.Int64 // files found by the walk (known once it is done)
	Done  atomic.Int64 // files read so far
	Bytes atomic.Int64 // bytes read so far
}

// DefaultMaxFileSize is generous: the largest real SBOMs are tens of MB.
const DefaultMaxFileSize = 1 << 30

// Corpus is every file under a root.
type Corpus struct {
	Files []File // in lexical walk order; an archive's members in its place, in the archive's order
	fsys  fs.FS
	opt   Options
}

// Load walks fsys in lexical order (skipping .git), then reads and decodes
// the files in parallel. Per-file problems are recorded in the files, never
// returned; the error is only for a root that cannot be walked at all or a
// cancelled context.
func Load(ctx context.Context, fsys fs.FS, opt Options) (*Corpus, error) {
	if opt.MaxFileSize <= 0 {
		opt.MaxFileSize = DefaultMaxFileSize
	}
	var files []File
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if p == "." {
				return err
			}
			files = append(files, File{Path: p, Status: StatusFailed, Reason: "cannot read: " + unwrapPath(err)})
			return nil
		}
		if d.IsDir() {
			name := d.Name()
			switch {
			case name == ".git":
				return fs.SkipDir
			case p != "." && strings.HasPrefix(name, ".") && name != ".github" && !opt.Hidden:
				files = append(files, File{Path: p + "/", Status: StatusSkipped, Reason: "hidden directory, not searched (--hidden searches it)"})
				return fs.SkipDir
			}
			return nil
		}
		f := File{Path: p}
		switch t := d.Type(); {
		case t&fs.ModeSymlink != 0:
			// followed when read; a link to a directory is not walked.
			f.link = true
		case !t.IsRegular():
			f.Status, f.Reason = StatusSkipped, "not a regular file"
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}

	if opt.Progress != nil {
		opt.Progress.Total.Add(int64(len(files))) // several --dir add up
	}
	c := &Corpus{Files: files, fsys: fsys, opt: opt}
	filterable := c.filterable()
	all := make([]int, len(files))
	for i := range all {
		all[i] = i
	}
	if err := c.run(ctx, all, filterable); err != nil {
		return nil, err
	}
	if c.splice() && c.opt.Prefilter {
		if err := c.refilter(ctx); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// splice puts each archive's members in its place in Files; it reports
// whether there were any.
func (c *Corpus) splice() bool {
	n, archives := 0, false
	for i := range c.Files {
		if m := c.Files[i].members; m != nil {
			n, archives = n+len(m), true
		} else {
			n++
		}
	}
	if !archives {
		return false
	}
	files := make([]File, 0, n)
	for _, f := range c.Files {
		if f.members != nil {
			files = append(files, f.members...)
		} else {
			files = append(files, f)
		}
	}
	c.Files = files
	return true
}

// refilter decodes, without the prefilter, the SBOMs it ruled out as
// named by their folder whose folder turned out, once archives were opened,
// to hold more than two SBOMs or to have SBOMs below it: archive members are
// named from the archive's folder, and in such a folder SBOMs are named by
// their root components, which the prefilter did not read for them.
func (c *Corpus) refilter(ctx context.Context) error {
	sboms := map[string]int{}
	for i := range c.Files {
		if f := &c.Files[i]; f.Status == StatusSBOM {
			sboms[path.Dir(cmp.Or(f.NamedAs, f.Path))]++
		}
	}
	above := foldersAbove(sboms)
	var idx []int
	for i := range c.Files {
		f := &c.Files[i]
		if dir := path.Dir(f.Path); f.SBOM != nil && f.SBOM.Prefiltered && !f.SBOM.RootKnown && (sboms[dir] > 2 || above[dir]) {
			idx = append(idx, i)
		}
	}
	return c.Reload(ctx, idx)
}

// Reload reads the given files again without the prefilter: the caller
// needs all they hold (their service turned out to have a hit). Only files
// the prefilter ruled out are reloaded, and those are never archive
// members (the prefilter is not applied to members).
func (c *Corpus) Reload(ctx context.Context, idx []int) error {
	for _, i := range idx {
		c.Files[i] = File{Path: c.Files[i].Path}
	}
	return c.run(ctx, idx, nil)
}

// run loads files[idx...] in parallel; filterable[i] says how the
// prefilter may rule each out (nil: none may be).
func (c *Corpus) run(ctx context.Context, idx []int, filterable []Filter) error {
	workers := c.opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			w := &worker{fsys: c.fsys, opt: c.opt}
			defer w.close()
			for {
				k := int(next.Add(1) - 1)
				if k >= len(idx) || ctx.Err() != nil {
					return
				}
				i := idx[k]
				if c.Files[i].Status == "" {
					flt := NoFilter
					if filterable != nil {
						flt = filterable[i]
					}
					c.load(w, &c.Files[i], flt)
				}
				if p := c.opt.Progress; p != nil {
					p.Done.Add(1)
					p.Bytes.Add(int64(len(w.buf)))
				}
			}
		}()
	}
	wg.Wait()
	return ctx.Err()
}

// load reads one file, or takes it from the cache.
func (c *Corpus) load(w *worker, f *File, flt Filter) {
	keep := c.opt.Keep != nil && c.opt.Keep(f.Path)
	k, cached := c.opt.Cache.key(c.fsys, f, flt, keep)
	if cached && c.opt.Cache.get(k, f) {
		return
	}
	w.safeLoad(f, flt)
	if cached {
		c.opt.Cache.put(k, f)
	}
}

// Filter says whether and how the Reader may rule a file out unread.
type Filter uint8

const (
	// NoFilter: the file must be decoded.
	NoFilter Filter = iota
	// ByFolder: the file's folder names its service, so nothing in the
	// file is needed once the byte search rules it out.
	ByFolder
	// ByRoot: its service is named by its root component (a flat folder,
	// the tree's top), so the byte search rules it out only where its root
	// is found without decoding the rest (SBOMInfo.RootKnown).
	ByRoot
)

// filterable marks how the prefilter may rule each file out (see Options).
func (c *Corpus) filterable() []Filter {
	if !c.opt.Prefilter {
		return nil
	}
	candidates := map[string]int{}
	for _, f := range c.Files {
		if f.Status == "" && !(c.opt.Keep != nil && c.opt.Keep(f.Path)) && !strings.HasSuffix(strings.ToLower(f.Path), ".md") {
			candidates[path.Dir(f.Path)]++
		}
	}
	// A folder with candidates below it does not name one service, so its
	// SBOMs are named by their content (see inventory): not filterable.
	parent := foldersAbove(candidates)
	out := make([]Filter, len(c.Files))
	for i, f := range c.Files {
		out[i] = ByRoot
		if dir := path.Dir(f.Path); dir != "." && candidates[dir] <= 2 && !parent[dir] {
			out[i] = ByFolder
		}
	}
	return out
}

// foldersAbove is every folder above one of dirs.
func foldersAbove(dirs map[string]int) map[string]bool {
	above := map[string]bool{}
	for dir := range dirs {
		for d := path.Dir(dir); dir != "." && !above[d]; d = path.Dir(d) {
			above[d] = true
			if d == "." {
				break
			}
		}
	}
	return above
}

// worker holds one goroutine's reusable buffers and decoders.
type worker struct {
	fsys fs.FS
	opt  Options
	buf  []byte // the file as read
	// bufs[n] holds what n levels of unwrapping gave (an expansion, a
	// member, transcoded text); see keep.
	bufs [maxWrapping + 1][]byte
	zstd [maxWrapping + 1]*zstd.Decoder
	// budget is what may still be expanded for the current file of the
	// walk (see budgetFactor).
	budget int64
}

// close releases the worker's decoders.
func (w *worker) close() {
	for _, d := range w.zstd {
		if d != nil {
			d.Close()
		}
	}
}

// safeLoad is load with a panic anywhere in reading, unwrapping or the
// Reader (decoding, graph building, the visitor) turned into that file's failure: one bad file
// never takes the run down.
func (w *worker) safeLoad(f *File, flt Filter) {
	defer func() {
		if r := recover(); r != nil {
			*f = File{Path: f.Path, Status: StatusFailed, Reason: fmt.Sprintf("internal error while reading it (please report): panic: %v", r)}
		}
	}()
	w.load(f, flt)
}

func (w *worker) load(f *File, flt Filter) {
	fsys, opt := w.fsys, w.opt
	if f.link {
		// What a link points to is known only now: never open a directory
		// or a pipe (which would block) through one.
		if st, err := fs.Stat(fsys, f.Path); err != nil {
			f.Status, f.Reason = StatusFailed, "cannot read: "+unwrapPath(err)
			return
		} else if st.IsDir() {
			f.Status, f.Reason = StatusSkipped, "symbolic link to a directory (not followed)"
			return
		} else if !st.Mode().IsRegular() {
			f.Status, f.Reason = StatusSkipped, "not a regular file"
			return
		}
	}
	data, err := w.read(f.Path)
	if err != nil {
		var big *tooBigError
		if errors.As(err, &big) {
			f.Status, f.Reason = StatusFailed, big.Error()
			return
		}
		f.Status, f.Reason = StatusFailed, "cannot read: "+unwrapPath(err)
		return
	}
	if sniff(data) == plain {
		w.decode(f, data, flt) // nearly every file: nothing to undo
		return
	}
	w.budget = min(opt.MaxFileSize, math.MaxInt64/budgetFactor) * budgetFactor
	var out []File
	w.entry(File{Path: f.Path}, data, 0, flt, &out)
	if len(out) == 1 && out[0].Path == f.Path {
		*f = out[0]
		return
	}
	*f = File{Path: f.Path, members: out}
}

// decode hands data, the content of f once unwrapped, to the Reader; flt
// says how it may rule the file out. What it skips as not an SBOM is kept
// when Options.Keep asks for it (ownership files are read from the tree
// only, never from inside an archive).
func (w *worker) decode(f *File, data []byte, flt Filter) {
	if w.opt.Read == nil {
		f.Status, f.Reason = StatusSkipped, "not an SBOM"
	} else {
		w.opt.Read(f, data, flt)
	}
	if f.Status == StatusSkipped && f.NamedAs == "" && w.opt.Keep != nil && w.opt.Keep(f.Path) {
		f.Data = bytes.Clone(data) // the read buffer is reused
		f.Reason = "not an SBOM; read for ownership or configuration"
	}
}

// read reads a file into the worker's buffer, which the next read reuses:
// nothing may keep a reference to the returned bytes.
func (w *worker) read(name string) ([]byte, error) {
	file, err := w.fsys.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	size := 0
	if st, err := file.Stat(); err != nil {
		return nil, err
	} else if st.IsDir() {
		return nil, errors.New("is a directory")
	} else if st.Size() > w.opt.MaxFileSize {
		return nil, &tooBigError{size: st.Size(), limit: w.opt.MaxFileSize}
	} else if st.Size() > 0 {
		size = int(st.Size())
	}
	if cap(w.buf) < size+1 {
		w.buf = make([]byte, 0, size+512)
	}
	buf := w.buf[:0]
	for {
		if len(buf) == cap(buf) {
			buf = append(buf, 0)[:len(buf)]
		}
		n, err := file.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if int64(len(buf)) > w.opt.MaxFileSize {
			return nil, fmt.Errorf("file grew past the %d-byte limit while read", w.opt.MaxFileSize)
		}
	}
	w.buf = buf
	return buf, nil
}

type tooBigError struct{ size, limit int64 }

func (e *tooBigError) Error() string {
	return fmt.Sprintf("file is %d bytes, over the %d-byte limit", e.size, e.limit)
}

// unwrapPath drops the *PathError's own path: the file is named already.
func unwrapPath(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
