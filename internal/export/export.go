// Package export writes a landscape as Parquet tables ("sbomx export"):
// services (with owners and products), components, dependency edges and
// the files read, for DuckDB, Spark, Trino or BigQuery to answer questions
// across tens of thousands of SBOMs and their history.
//
// The tree is read once, as every answer reads it (pkg/answers.LoadTree):
// each SBOM's rows go to a spill file as the workers decode it, and the
// tables are written from the spill once the services are resolved (see
// spill). Each table is written to a temporary file in the output folder
// and renamed into place, so a reader never sees half a table.
package export

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"

	"github.com/parquet-go/parquet-go"

	"github.com/sbomx/sbomx/internal/graph"
	"github.com/sbomx/sbomx/internal/inventory"
	"github.com/sbomx/sbomx/internal/source"
	"github.com/sbomx/sbomx/internal/support/suggest"
	"github.com/sbomx/sbomx/pkg/answers"
	"github.com/sbomx/sbomx/pkg/model"
)

// Table file names, in the output folder.
const (
	ServicesFile   = "services.parquet"
	ComponentsFile = "components.parquet"
	EdgesFile      = "edges.parquet"
	FilesFile      = "files.parquet"
)

// rowGroupRows bounds a row group: the writer holds one row group's pages
// in memory (tens of MB for components at most).
const rowGroupRows = 1 << 20

// Summary is what an export wrote.
type Summary struct {
	Services, Components, Edges, Files int64
	Coverage                           answers.Coverage
}

// sbomRows is what the visitor keeps of one SBOM: where its blocks are in
// the spills, and its root, for files.parquet.
type sbomRows struct {
	compOff, compLen int64
	edgeOff, edgeLen int64
	root             model.Component // Ref, Name, Group, Version, PURL only
}

// Export reads the tree of roots and writes the four tables into out
// (created if missing). The filter keeps some services (and their
// components and edges); files.parquet accounts for every file read.
func Export(ctx context.Context, roots []answers.Root, opt answers.TreeOptions, filter answers.Filter, out string) (*Summary, error) {
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	comps, err := newSpill(out, ".sbomx-export-components-*.spill")
	if err != nil {
		return nil, err
	}
	defer comps.remove()
	edges, err := newSpill(out, ".sbomx-export-edges-*.spill")
	if err != nil {
		return nil, err
	}
	defer edges.remove()

	opt.Prefilter = nil   // every SBOM decoded: the export is the whole of each
	opt.SkipHashes = true // no column holds them
	var pool sync.Pool    // *enc, one per worker at a time
	tree, err := answers.LoadTree(ctx, roots, opt, func(_ string, doc *model.Document, g *graph.Graph) any {
		e, _ := pool.Get().(*enc)
		if e == nil {
			e = &enc{}
		}
		defer pool.Put(e)
		r := &sbomRows{}
		if doc.Root != nil {
			r.root = model.Component{Ref: strings.Clone(doc.Root.Ref), Name: strings.Clone(doc.Root.Name), Group: strings.Clone(doc.Root.Group), Version: strings.Clone(doc.Root.Version), PURL: strings.Clone(doc.Root.PURL)}
		}
		e.b = encodeComponents(e.b[:0], doc, g)
		r.compOff, r.compLen, e.z = comps.add(e.z, e.b)
		e.b = encodeEdges(e.b[:0], g)
		r.edgeOff, r.edgeLen, e.z = edges.add(e.z, e.b)
		return r
	})
	if err != nil {
		return nil, err
	}
	if err := errors.Join(comps.finish(), edges.finish()); err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	if err := checkFilter(tree, filter); err != nil {
		return nil, err
	}

	// The SBOMs of the services kept, in the order of the walk.
	var jobs []job
	for p, f := range tree.Files() {
		if f.SBOM == nil {
			continue
		}
		r, _ := f.Result.(*sbomRows)
		if svc := p.ServiceOf(f); r != nil && filter.Keep(svc) {
			jobs = append(jobs, job{service: svc.ID, file: p.Shown(f), rows: r, inferred: f.SBOM.RootEdgesInferred})
		}
	}
	sum := &Summary{Coverage: coverage(tree)}
	var wg sync.WaitGroup
	var compErr, edgeErr error
	wg.Go(func() {
		sum.Components, compErr = writeTable(out, ComponentsFile, func(w *parquet.GenericWriter[Component]) error { return writeComponents(w, comps, jobs) })
	})
	wg.Go(func() {
		sum.Edges, edgeErr = writeTable(out, EdgesFile, func(w *parquet.GenericWriter[Edge]) error { return writeEdges(w, edges, jobs) })
	})
	var svcErr, fileErr error
	sum.Services, svcErr = writeTable(out, ServicesFile, func(w *parquet.GenericWriter[Service]) error { return writeServices(w, tree, filter) })
	sum.Files, fileErr = writeTable(out, FilesFile, func(w *parquet.GenericWriter[File]) error { return writeFiles(w, tree) })
	wg.Wait()
	if err := errors.Join(svcErr, compErr, edgeErr, fileErr); err != nil {
		return nil, err
	}
	return sum, nil
}

// job is one SBOM whose rows go into the tables.
type job struct {
	service, file string
	rows          *sbomRows
	inferred      bool
}

// writeTable writes one table through fill into a temporary file in dir
// and renames it to name: the table appears whole or not at all.
func writeTable[T any](dir, name string, fill func(*parquet.GenericWriter[T]) error) (int64, error) {
	tmp, err := createTemp(dir, name)
	if err != nil {
		return 0, err
	}
	defer os.Remove(tmp.Name()) // after a rename, nothing to remove
	w := parquet.NewGenericWriter[T](tmp,
		parquet.Compression(snappyFast{}),
		parquet.MaxRowsPerRowGroup(rowGroupRows),
		parquet.CreatedBy("sbomx", "", ""),
		// Page bounds let a query skip pages; a ref means nothing outside
		// its SBOM, so no query filters on its range.
		parquet.SkipPageBounds("ref"), parquet.SkipPageBounds("from_ref"), parquet.SkipPageBounds("to_ref"),
	)
	err = fill(w)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return 0, fmt.Errorf("%s: %w", name, err)
	}
	rows := w.File().NumRows()
	if err := os.Rename(tmp.Name(), filepath.Join(dir, name)); err != nil {
		return 0, err
	}
	return rows, nil
}

// createTemp creates a new file in dir for the table name, with the
// permissions a plain create gives (os.CreateTemp's are 0600).
func createTemp(dir, name string) (*os.File, error) {
	for {
		tmp := filepath.Join(dir, fmt.Sprintf(".%s.%d.tmp", name, rand.Uint32()))
		f, err := os.OpenFile(tmp, os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

// encodeComponents writes one SBOM's components block: their count, then
// each component's strings, depth and file flag.
func encodeComponents(b []byte, doc *model.Document, g *graph.Graph) []byte {
	e := enc{b: b}
	e.uint(uint64(len(doc.Components)))
	for i := range doc.Components {
		c := &doc.Components[i]
		e.str(c.Ref)
		e.str(c.Name)
		e.str(c.Group)
		e.str(c.Version)
		e.str(c.PURL)
		e.str(c.Type)
		e.str(c.ID.String())
		e.str(c.DisplayName())
		e.str(c.ID.Type)
		e.int(int64(g.Depth(graph.NodeOf(i))))
		if c.IsFile() {
			e.uint(1)
		} else {
			e.uint(0)
		}
	}
	return e.b
}

// encodeEdges writes one SBOM's edges block: the refs of its nodes (root
// first), then the edges as node pairs.
func encodeEdges(b []byte, g *graph.Graph) []byte {
	e := enc{b: b}
	e.uint(uint64(len(g.Nodes)))
	for _, n := range g.Nodes {
		e.str(n.Ref)
	}
	n := 0
	for from := range g.Nodes {
		n += len(g.Deps(from))
	}
	e.uint(uint64(n))
	for from := range g.Nodes {
		for _, to := range g.Deps(from) {
			e.uint(uint64(from))
			e.uint(uint64(to))
		}
	}
	return e.b
}

// relation names a depth as the answers do: 1 direct, more transitive,
// else (no path) present.
func relation(depth int32) string {
	switch {
	case depth == 1:
		return "direct"
	case depth > 1:
		return "transitive"
	}
	return "present"
}

// opt is a NULL for "", else a pointer to s.
func opt(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// arena is opt for one SBOM's rows: the pointers point into one slice,
// reused from SBOM to SBOM once the rows are written.
type arena struct{ s []string }

// reset empties the arena for n values; the pointers it gave are invalid
// from then on.
func (a *arena) reset(n int) {
	clear(a.s)
	if cap(a.s) < n {
		a.s = make([]string, 0, n+n/4)
	}
	a.s = a.s[:0]
}

func (a *arena) opt(s string) *string {
	if s == "" {
		return nil
	}
	if len(a.s) == cap(a.s) {
		panic("export: arena too small") // reset sizes it for the block
	}
	a.s = append(a.s, s)
	return &a.s[len(a.s)-1]
}

var errSpill = errors.New("spill: a block does not read back")

func writeComponents(w *parquet.GenericWriter[Component], s *spill, jobs []job) error {
	var rows []Component
	var buf, blk []byte
	var a arena
	for _, j := range jobs {
		var err error
		if buf, blk, err = s.block(buf, blk, j.rows.compOff, j.rows.compLen); err != nil {
			return err
		}
		d := dec{b: blk}
		n := int(d.uint())
		rows = rows[:0]
		a.reset(6 * n)
		for i := range n {
			rows = append(rows, Component{
				ServiceID: j.service, SBOMFile: j.file, Node: int32(graph.NodeOf(i)),
				Ref: a.opt(d.str()), Name: d.str(), Group: a.opt(d.str()), Version: a.opt(d.str()), PURL: a.opt(d.str()), Type: a.opt(d.str()),
				PackageID: d.str(), PackageName: d.str(), Ecosystem: a.opt(d.str()),
				Depth: int32(d.int()), IsFile: d.uint() == 1,
			})
			rows[i].Relation = relation(rows[i].Depth)
		}
		if d.bad || len(d.b) != 0 {
			return errSpill
		}
		if _, err := w.Write(rows); err != nil {
			return err
		}
		clear(rows) // let the block go
	}
	return nil
}

func writeEdges(w *parquet.GenericWriter[Edge], s *spill, jobs []job) error {
	var rows []Edge
	var refs []*string
	var buf, blk []byte
	var a arena
	for _, j := range jobs {
		var err error
		if buf, blk, err = s.block(buf, blk, j.rows.edgeOff, j.rows.edgeLen); err != nil {
			return err
		}
		d := dec{b: blk}
		n := int(d.uint())
		a.reset(n)
		refs = refs[:0]
		for range n {
			refs = append(refs, a.opt(d.str()))
		}
		n = int(d.uint())
		rows = rows[:0]
		for range n {
			from, to := d.uint(), d.uint()
			if from >= uint64(len(refs)) || to >= uint64(len(refs)) {
				return errSpill
			}
			rows = append(rows, Edge{
				ServiceID: j.service, SBOMFile: j.file,
				FromNode: int32(from), FromRef: refs[from], ToNode: int32(to), ToRef: refs[to],
				Inferred: from == graph.Root && j.inferred,
			})
		}
		if d.bad || len(d.b) != 0 {
			return errSpill
		}
		if _, err := w.Write(rows); err != nil {
			return err
		}
		clear(rows)
		clear(refs)
	}
	return nil
}

func writeServices(w *parquet.GenericWriter[Service], tree *answers.Tree, filter answers.Filter) error {
	info := map[string]*source.SBOMInfo{} // by path as shown
	for p, f := range tree.Files() {
		if f.SBOM != nil {
			info[p.Shown(f)] = f.SBOM
		}
	}
	var rows []Service
	for _, p := range tree.Parts {
		for _, svc := range p.Inventory.Services {
			if filter.Keep(svc) {
				rows = append(rows, serviceRow(svc, info))
			}
		}
	}
	slices.SortFunc(rows, func(a, b Service) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ServiceID, b.ServiceID))
	})
	_, err := w.Write(rows)
	return err
}

func serviceRow(svc *inventory.Service, info map[string]*source.SBOMInfo) Service {
	s := Service{
		ServiceID: svc.ID, Name: svc.Name, NameSource: svc.NameSource,
		Owner: opt(svc.Owner), Owners: svc.Owners, OwnerSource: opt(svc.OwnerSource),
		Product: opt(svc.Product), ProductSource: opt(svc.ProductSource),
		Domain: opt(svc.Domain), Lifecycle: opt(svc.Lifecycle), Contact: opt(svc.Contact), Claimed: svc.Claimed,
		SBOMFiles: svc.SBOMs, RootNames: svc.RootNames,
	}
	for _, f := range svc.SBOMs {
		in := info[f]
		if in == nil {
			continue
		}
		s.Components += int64(in.Components)
		s.HasDependencyData = s.HasDependencyData || in.HasDependencyData
		if format := string(in.Format) + " " + in.SpecVersion; !slices.Contains(s.Formats, format) {
			s.Formats = append(s.Formats, format)
		}
	}
	return s
}

func writeFiles(w *parquet.GenericWriter[File], tree *answers.Tree) error {
	var rows []File
	flush := func() error {
		_, err := w.Write(rows)
		rows = rows[:0]
		return err
	}
	for p, f := range tree.Files() {
		row := File{Path: p.Shown(f), Status: string(f.Status)}
		if f.Status != source.StatusSBOM {
			row.Reason = opt(f.Reason)
		}
		if in := f.SBOM; in != nil {
			row.ServiceID = opt(p.ServiceOf(f).ID)
			row.Format, row.SpecVersion = opt(string(in.Format)), opt(in.SpecVersion)
			row.Components = int64(in.Components)
			row.HasDependencyData, row.RootEdgesInferred = in.HasDependencyData, in.RootEdgesInferred
			row.Warnings = in.Problems
			if r, ok := f.Result.(*sbomRows); ok {
				row.RootRef, row.RootName, row.RootGroup, row.RootVersion, row.RootPURL = opt(r.root.Ref), opt(r.root.Name), opt(r.root.Group), opt(r.root.Version), opt(r.root.PURL)
			}
		}
		rows = append(rows, row)
		if len(rows) == 4096 {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	return flush()
}

// checkFilter returns an *answers.FilterError for the first owner or
// product of the filter that no service of the tree has, as every command
// does: an empty export would read as "none".
func checkFilter(tree *answers.Tree, f answers.Filter) error {
	var all []*inventory.Service
	var owners, products []string
	for _, p := range tree.Parts {
		for _, svc := range p.Inventory.Services {
			all = append(all, svc)
			owners = append(owners, svc.Owners...)
			if svc.Product != "" {
				products = append(products, svc.Product)
			}
		}
	}
	names := func(g answers.Filter) bool { return slices.ContainsFunc(all, g.Keep) }
	for _, o := range f.Owners {
		if !names(answers.NewFilter([]string{o}, nil)) {
			return &answers.FilterError{Kind: "owner", Value: o, Closest: suggest.Closest(o, owners, 3)}
		}
	}
	for _, p := range f.Products {
		if !names(answers.NewFilter(nil, []string{p})) {
			return &answers.FilterError{Kind: "product", Value: p, Closest: suggest.Closest(p, products, 3)}
		}
	}
	return nil
}

// coverage accounts for the files read as the answers do (the export
// decodes every SBOM: none is prefiltered).
func coverage(tree *answers.Tree) answers.Coverage {
	c := answers.Coverage{Failed: []answers.FileNote{}, Skipped: []answers.FileNote{}, WithoutDependencyData: []string{}, InferredRootEdges: []string{}, Warnings: []answers.FileNote{}, Dirs: []answers.DirNote{}}
	for _, p := range tree.Parts {
		d := answers.DirNote{Dir: p.Root.Name, Above: []string{}, Revision: p.Root.Revision}
		for i := range p.Corpus.Files {
			f := &p.Corpus.Files[i]
			name := p.Shown(f)
			d.FilesSeen++
			c.FilesSeen++
			switch f.Status {
			case source.StatusSBOM:
				d.SBOMsRead++
				c.SBOMsRead++
				c.SBOMsDecoded++
				c.Components += f.SBOM.Components
				c.ComponentsWithoutPURL += f.SBOM.WithoutPURL
				if !f.SBOM.HasDependencyData {
					c.WithoutDependencyData = append(c.WithoutDependencyData, name)
				}
				if f.SBOM.RootEdgesInferred {
					c.InferredRootEdges = append(c.InferredRootEdges, name)
				}
				for _, msg := range f.SBOM.Problems {
					c.Warnings = append(c.Warnings, answers.FileNote{File: name, Message: msg})
				}
			case source.StatusSkipped:
				c.FilesSkipped++
				c.Skipped = append(c.Skipped, answers.FileNote{File: name, Message: f.Reason})
			default:
				c.FilesFailed++
				c.Failed = append(c.Failed, answers.FileNote{File: name, Message: f.Reason})
			}
		}
		c.OwnershipWarnings += len(p.Warnings)
		c.Warnings = append(c.Warnings, p.Warnings...)
		c.Services += len(p.Inventory.Services)
		c.Dirs = append(c.Dirs, d)
	}
	slices.SortStableFunc(c.Warnings, func(a, b answers.FileNote) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return c
}
