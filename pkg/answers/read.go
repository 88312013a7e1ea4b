package answers

import (
	"errors"
	"path"

	"github.com/sbomx/sbomx/internal/decode"
	"github.com/sbomx/sbomx/internal/graph"
	"github.com/sbomx/sbomx/internal/source"
	"github.com/sbomx/sbomx/pkg/model"
)

// Visitor is called for each decoded SBOM, concurrently from several
// goroutines, with the SBOM's path as printed; its result is kept in
// source.File.Result. It must not keep doc or g unless it needs them:
// dropping them is what keeps memory flat in the number of services.
type Visitor func(file string, doc *model.Document, g *graph.Graph) any

// reader is the source.Reader of every answer: the byte prefilter, then
// decode, then the graph, then the visitor. It is where the pipeline's
// first three steps meet, so that source knows no format and decode no
// file layout.
type reader struct {
	prefilter func(data []byte) bool // nil: never rule a file out
	decode    decode.Options
	visit     func(file string, doc *model.Document, g *graph.Graph) any
}

func (r *reader) read(f *source.File, data []byte, how source.Filter) {
	if how != source.NoFilter && r.prefilter != nil && r.ruledOut(f, data, how) {
		return
	}
	doc, err := decode.DecodeWith(data, r.decode)
	if err != nil {
		if errors.Is(err, model.ErrNotSBOM) {
			f.Status, f.Reason = source.StatusSkipped, "not an SBOM"
			return
		}
		f.Status, f.Reason = source.StatusFailed, err.Error()
		return
	}
	f.Status = source.StatusSBOM
	g := graph.New(doc, path.Base(f.Path))
	f.SBOM = sbomInfo(doc, g)
	if r.visit != nil {
		f.Result = r.visit(f.Path, doc, g)
	}
}

// sbomInfo is what the answers keep of a decoded SBOM once doc and g are
// dropped.
func sbomInfo(doc *model.Document, g *graph.Graph) *source.SBOMInfo {
	info := &source.SBOMInfo{
		Format:            doc.Format,
		SpecVersion:       doc.SpecVersion,
		Components:        len(doc.Components),
		HasDependencyData: g.HasDependencyData,
		RootEdgesInferred: g.RootEdgesInferred,
		Meta:              doc.Meta,
		Problems:          append(append([]string(nil), doc.Warnings...), g.Problems...),
	}
	if doc.Root != nil {
		info.RootName, info.RootGroup, info.RootDisplayName = doc.Root.Name, doc.Root.Group, doc.Root.DisplayName()
	}
	for i := range doc.Components {
		if doc.Components[i].PURL == "" {
			info.WithoutPURL++
		}
	}
	return info
}

// ruledOut applies the prefilter: when the byte search says the file
// cannot hold a match, and it looks complete and claims to be an SBOM, and
// (ByRoot) its root is found without decoding, it is an SBOM read but not
// decoded. The invariant (FuzzPrefilterSound): a file ruled out here is
// one the full decode would not match.
func (r *reader) ruledOut(f *source.File, data []byte, how source.Filter) bool {
	// The byte search first: when it says "maybe" (a match is likely, or
	// the package is common) the rest is not needed.
	format, ok := decode.Sniff(data)
	if !ok || r.prefilter(data) || !decode.LooksComplete(format, data) || !decode.Claims(format, data) {
		return false
	}
	info := &source.SBOMInfo{Format: format, Prefiltered: true}
	if how == source.ByRoot {
		root, ok := decode.PeekRoot(format, data)
		if !ok {
			return false
		}
		info.RootKnown = true
		if root != nil {
			info.RootName, info.RootGroup, info.RootDisplayName = root.Name, root.Group, root.DisplayName()
		}
	}
	f.Status, f.SBOM = source.StatusSBOM, info
	return true
}
