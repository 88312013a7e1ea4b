package source

import (
	"context"
	"errors"
	"io/fs"
	"path"

	"github.com/sbomx/sbomx/internal/decode"
	"github.com/sbomx/sbomx/internal/graph"
	"github.com/sbomx/sbomx/pkg/model"
)

// topt is Options as these tests write them: source knows no format, so
// the tests give it a Reader of their own that decodes as the answers'
// reader does (prefilter, decode, graph, visitor). Only tests may wire a
// later step of the pipeline into this one.
type topt struct {
	Keep        func(file string) bool
	MaxFileSize int64
	Workers     int
	Hidden      bool
	inMemory    int64
	Prefilter   func(data []byte) bool
	Visit       func(file string, doc *model.Document, g *graph.Graph) any
}

func testLoad(fsys fs.FS, o topt) (*Corpus, error) {
	return Load(context.Background(), fsys, Options{
		Read:        testReader(o.Prefilter, o.Visit),
		Prefilter:   o.Prefilter != nil,
		Keep:        o.Keep,
		MaxFileSize: o.MaxFileSize,
		Workers:     o.Workers,
		Hidden:      o.Hidden,
		inMemory:    o.inMemory,
	})
}

func testReader(prefilter func([]byte) bool, visit func(string, *model.Document, *graph.Graph) any) Reader {
	return func(f *File, data []byte, how Filter) {
		if how != NoFilter && prefilter != nil {
			if format, ok := decode.Sniff(data); ok && !prefilter(data) && decode.LooksComplete(format, data) && decode.Claims(format, data) {
				info := &SBOMInfo{Format: format, Prefiltered: true}
				if how == ByRoot {
					root, ok := decode.PeekRoot(format, data)
					if ok {
						info.RootKnown = true
						if root != nil {
							info.RootName = root.Name
						}
					}
				}
				if how == ByFolder || info.RootKnown {
					f.Status, f.SBOM = StatusSBOM, info
					return
				}
			}
		}
		doc, err := decode.Decode(data)
		if errors.Is(err, model.ErrNotSBOM) {
			f.Status, f.Reason = StatusSkipped, "not an SBOM"
			return
		} else if err != nil {
			f.Status, f.Reason = StatusFailed, err.Error()
			return
		}
		g := graph.New(doc, path.Base(f.Path))
		f.Status, f.SBOM = StatusSBOM, &SBOMInfo{Format: doc.Format, Components: len(doc.Components)}
		if doc.Root != nil {
			f.SBOM.RootName = doc.Root.Name
		}
		if visit != nil {
			f.Result = visit(f.Path, doc, g)
		}
	}
}
