// Package corpus walks a tree, recognises every SBOM in it by content, decodes
// them in parallel and accounts for every file: read, skipped as not an SBOM,
// or failed with a reason. A file that fails never stops the walk.
package corpus

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sbomx/sbomx/pkg/decode"
	"github.com/sbomx/sbomx/pkg/graph"
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

// File is one file under the root and what became of it.
type File struct {
	Path   string // slash-separated, relative to the root
	Status Status
	Reason string    // why skipped or failed
	SBOM   *SBOMInfo // when Status is StatusSBOM
	Data   []byte    // content of the files Options.Keep asked for
	Result any       // what Options.Visit returned for this SBOM
}

// SBOMInfo summarises one decoded SBOM.
type SBOMInfo struct {
	Format            model.Format
	SpecVersion       string
	RootName          string // the root component's name as written; "" when the SBOM names none
	RootGroup         string
	Components        int
	WithoutPURL       int
	HasDependencyData bool
	RootEdgesInferred bool
	Meta              model.Meta
	// Problems are decoder warnings and graph faults (duplicate or dangling refs).
	Problems []string
}

// Visitor is called for each decoded SBOM, concurrently from several
// goroutines; its result is kept in File.Result. It must not keep doc or g
// unless it needs them: dropping them is what keeps memory bounded.
type Visitor func(file string, doc *model.Document, g *graph.Graph) any

// Options configure Load.
type Options struct {
	Visit   Visitor
	Workers int // 0 = GOMAXPROCS
	// Keep reports whether a non-SBOM file's content is kept in File.Data
	// (catalog-info.yaml, CODEOWNERS).
	Keep func(file string) bool
	// MaxFileSize is the largest file read, and the most a gzip-compressed
	// file may expand to; larger ones fail with a reason. 0 means
	// DefaultMaxFileSize.
	MaxFileSize int64
	// Hidden searches directories whose name starts with "." (as rg
	// --hidden does). Without it such a directory is listed as skipped, not
	// walked; .github is always walked (it holds CODEOWNERS) and .git never.
	Hidden bool
}

// DefaultMaxFileSize is generous: the largest real SBOMs are tens of MB.
const DefaultMaxFileSize = 1 << 30

// Corpus is every file under a root.
type Corpus struct {
	Files []File // in lexical walk order
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
		case !t.IsRegular():
			f.Status, f.Reason = StatusSkipped, "not a regular file"
		}
		files = append(files, f)
		return nil
	})
	if err != nil {
		return nil, err
	}

	workers := opt.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1) - 1)
				if i >= len(files) || ctx.Err() != nil {
					return
				}
				if files[i].Status == "" {
					safeLoad(fsys, &files[i], opt)
				}
			}
		}()
	}
	wg.Wait()
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	return &Corpus{Files: files}, nil
}

// safeLoad is load with a panic anywhere in reading, decoding, graph
// building or the visitor turned into that file's failure: one bad file
// never takes the run down.
func safeLoad(fsys fs.FS, f *File, opt Options) {
	defer func() {
		if r := recover(); r != nil {
			*f = File{Path: f.Path, Status: StatusFailed, Reason: fmt.Sprintf("internal error while reading it (please report): panic: %v", r)}
		}
	}()
	load(fsys, f, opt)
}

func load(fsys fs.FS, f *File, opt Options) {
	if st, err := fs.Stat(fsys, f.Path); err != nil {
		f.Status, f.Reason = StatusFailed, "cannot read: "+unwrapPath(err)
		return
	} else if st.IsDir() {
		f.Status, f.Reason = StatusSkipped, "symbolic link to a directory (not followed)"
		return
	} else if st.Size() > opt.MaxFileSize {
		f.Status, f.Reason = StatusFailed, fmt.Sprintf("file is %d bytes, over the %d-byte limit", st.Size(), opt.MaxFileSize)
		return
	}
	data, err := fs.ReadFile(fsys, f.Path)
	if err != nil {
		f.Status, f.Reason = StatusFailed, "cannot read: "+unwrapPath(err)
		return
	}
	if isGzip(data) {
		if data, err = gunzip(data, opt.MaxFileSize); err != nil {
			f.Status, f.Reason = StatusFailed, err.Error()
			return
		}
	}
	doc, err := decode.Decode(data)
	if err != nil {
		if errors.Is(err, model.ErrNotSBOM) {
			f.Status, f.Reason = StatusSkipped, "not an SBOM"
			if opt.Keep != nil && opt.Keep(f.Path) {
				f.Data = data
				f.Reason = "not an SBOM; read for ownership or configuration"
			}
			return
		}
		f.Status, f.Reason = StatusFailed, err.Error()
		return
	}
	f.Status = StatusSBOM
	g := graph.New(doc, path.Base(f.Path))
	info := &SBOMInfo{
		Format:            doc.Format,
		SpecVersion:       doc.SpecVersion,
		Components:        len(doc.Components),
		HasDependencyData: g.HasDependencyData,
		RootEdgesInferred: g.RootEdgesInferred,
		Meta:              doc.Meta,
		Problems:          append(append([]string(nil), doc.Warnings...), g.Problems...),
	}
	if doc.Root != nil {
		info.RootName, info.RootGroup = doc.Root.Name, doc.Root.Group
	}
	for i := range doc.Components {
		if doc.Components[i].PURL == "" {
			info.WithoutPURL++
		}
	}
	f.SBOM = info
	if opt.Visit != nil {
		f.Result = opt.Visit(f.Path, doc, g)
	}
}

// unwrapPath drops the *PathError's own path: the file is named already.
func unwrapPath(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err.Error()
	}
	return err.Error()
}
