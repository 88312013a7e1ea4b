// Package answers holds sbomx's use cases, the questions a command asks
// of a tree of SBOMs, and their answers as the JSON contract's types:
// Run (impact: per service and matched package, how it got in, who owns
// the service, which product relies on it), Services (the inventory),
// Packages (the library catalog) and Why (every path into one service),
// each with an account of every file read, skipped or failed (Coverage);
// and, over a git repository's history given as Snapshots (commits' trees,
// read by internal/source/gitsrc), Window (when each package came into
// each service and left) and Diff (what changed between two revisions).
//
// It is where the pipeline's steps are joined: LoadTree walks each root
// with internal/source, whose Reader (read.go) applies the byte prefilter,
// decodes and builds each SBOM's graph; internal/inventory resolves
// services and owners; pkg/query and internal/match decide what matches.
// It returns data and never prints: formats belong to internal/render,
// flags and exit codes to internal/cli. An embedding program may import it.
package answers

import (
	"cmp"
	"context"
	"maps"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/internal/graph"
	"github.com/sbomx/sbomx/internal/inventory"
	"github.com/sbomx/sbomx/internal/source"
	"github.com/sbomx/sbomx/pkg/model"
	"github.com/sbomx/sbomx/pkg/query"
)

// SchemaVersion is the version of the JSON contract (see README, "JSON output").
const SchemaVersion = 1

// Relations between a service root and a matched package.
const (
	Direct     = "direct"     // the root depends on it
	Transitive = "transitive" // reached through other packages
	Present    = "present"    // in the SBOM, but its dependency data proves no path
)

// Options configure Run.
type Options struct {
	TreeOptions
	Queries []*query.Query
	// MaxPaths > 1 asks for up to that many paths per hit (--all-paths).
	MaxPaths int
	Filter   Filter
	// NoPrefilter decodes every SBOM, even those a byte search rules out.
	NoPrefilter bool
	// From keeps only packages whose recorded source contains one of these
	// strings; NotFrom drops those whose source contains one. A package whose
	// SBOM records no source is kept either way, marked "source unknown":
	// sbomx cannot prove where it came from.
	From, NotFrom []string
}

// SourceFilter records --from / --not-from.
type SourceFilter struct {
	From    []string `json:"from,omitempty"`
	NotFrom []string `json:"not_from,omitempty"`
}

// Result is the whole answer. Its JSON form is the versioned contract.
type Result struct {
	SchemaVersion int            `json:"schemaVersion"`
	Queries       []*query.Query `json:"queries"`
	Filter        *Filter        `json:"filter,omitempty"`
	Sources       *SourceFilter  `json:"source_filter,omitempty"`
	// Notes are what the queries cannot do (an advisory's GIT ranges).
	Notes     []string       `json:"notes,omitempty"`
	Hits      []Hit          `json:"hits"`
	ByOwner   []OwnerGroup   `json:"by_owner"`
	ByProduct []ProductGroup `json:"by_product"`
	Summary   Summary        `json:"summary"`
	Coverage  Coverage       `json:"coverage"`
}

// OwnerGroup is the roll-up of hits per owner (--by owner). A service with
// several owners is listed under each; Owner is null for unowned services.
type OwnerGroup struct {
	Owner      *string  `json:"owner"`
	Contact    string   `json:"contact,omitempty"`
	Services   []string `json:"services"`
	ServiceIDs []string `json:"service_ids"` // services may share a name
	Products   []string `json:"products"`
	Packages   []string `json:"packages"` // name@version
	Hits       int      `json:"hits"`
}

// ProductGroup is the roll-up of hits per product (--by product); Product is
// null for services of unknown product.
type ProductGroup struct {
	Product    *string  `json:"product"`
	Domain     string   `json:"domain,omitempty"`
	Services   []string `json:"services"`
	ServiceIDs []string `json:"service_ids"`
	Owners     []string `json:"owners"`
	Packages   []string `json:"packages"`
	Hits       int      `json:"hits"`
}

// Hit is one matched package in one service.
type Hit struct {
	Service string `json:"service"`
	// ServiceID tells apart services that share a name (see
	// inventory.Service.ID): "payments/api", "tools#alpha".
	ServiceID     string     `json:"service_id"`
	Owner         *string    `json:"owner"`
	Owners        []string   `json:"owners"`
	OwnerSource   *string    `json:"owner_source"`
	Product       *string    `json:"product"`
	ProductSource *string    `json:"product_source"`
	Domain        string     `json:"domain,omitempty"`
	Contact       string     `json:"contact,omitempty"`
	Queries       []string   `json:"queries"`
	Package       Package    `json:"package"`
	Relation      string     `json:"relation"`
	Depth         *int       `json:"depth"`
	Path          []string   `json:"path"`
	Paths         [][]string `json:"paths,omitempty"`
	// SBOM and RootName are those of the best evidence, which path comes from.
	SBOM     string `json:"sbom"`
	RootName string `json:"root_name"`
	// Sources are the package's recorded sources over all evidence; empty
	// means no SBOM says where it came from.
	Sources []string `json:"sources"`
	// VersionUnknown is set when the version could not be compared with a
	// query's constraint: the hit is reported as "unknown version".
	VersionUnknown string `json:"version_unknown,omitempty"`
	// Advisories are the OSV ids of the advisories whose queries hit.
	Advisories []string `json:"advisories,omitempty"`
	// RootEdgesInferred: the path's first step was inferred (see graph).
	RootEdgesInferred bool       `json:"root_edges_inferred"`
	SBOMs             []string   `json:"sboms"`
	Evidence          []Evidence `json:"evidence"`
}

// Package identifies the matched package.
type Package struct {
	Name    string `json:"name"` // as people read it: group:artifact, @scope/name, module path
	Version string `json:"version"`
	PURL    string `json:"purl"`    // as written in the SBOM of the best evidence; "" when none
	BOMRef  string `json:"bom_ref"` // its bom-ref / SPDXID there (meaningful only in that file)
	ID      string `json:"id"`      // normalised identity, version-less
}

// Evidence is the match in one SBOM file.
type Evidence struct {
	SBOM              string     `json:"sbom"`
	BOMRef            string     `json:"bom_ref"`
	RootName          string     `json:"root_name"`
	PURL              string     `json:"purl"`
	Relation          string     `json:"relation"`
	Depth             *int       `json:"depth"`
	Path              []string   `json:"path"`
	PathRefs          []string   `json:"path_refs"` // bom-refs / SPDXIDs of path, valid in this SBOM only
	Paths             [][]string `json:"paths,omitempty"`
	RootEdgesInferred bool       `json:"root_edges_inferred"`
	Note              string     `json:"note,omitempty"`
	// Sources are where the SBOM says the package came from; empty when it
	// does not say ("source unknown").
	Sources []string `json:"sources"`
	// VersionUnknown says why the version could not be compared with the
	// query's; the package is reported rather than silently dropped.
	VersionUnknown string `json:"version_unknown,omitempty"`

	queries    []string
	advisories []string
	key        string // package identity + version
	pkg        Package
}

// Summary counts what was hit. Services counts services; Hits, Direct,
// Transitive, Present and VersionUnknown count hits (one service and one
// package version each), so a service with two hits counts twice there.
// ServicesByRelation counts each service once, by its closest relation:
// its three counts add up to Services.
type Summary struct {
	Services           int            `json:"services"`
	Hits               int            `json:"hits"`
	Direct             int            `json:"direct"`
	Transitive         int            `json:"transitive"`
	Present            int            `json:"present"`
	ServicesByRelation RelationCounts `json:"services_by_relation"`
	// VersionUnknown counts the hits whose version could not be compared
	// with the query's (version_unknown set).
	VersionUnknown int      `json:"version_unknown"`
	Owners         []string `json:"owners"`
	Products       []string `json:"products"`
	// UnownedServices are hit services with no known owner.
	UnownedServices []string `json:"unowned_services"`
}

// RelationCounts counts by relation: direct, transitive, present only.
type RelationCounts struct {
	Direct     int `json:"direct"`
	Transitive int `json:"transitive"`
	Present    int `json:"present"`
}

// add counts one relation.
func (c *RelationCounts) add(relation string) {
	switch relation {
	case Direct:
		c.Direct++
	case Transitive:
		c.Transitive++
	default:
		c.Present++
	}
}

// Coverage accounts for every file under the tree.
type Coverage struct {
	FilesSeen    int `json:"files_seen"`
	SBOMsRead    int `json:"sboms_read"`
	FilesSkipped int `json:"files_skipped"`
	FilesFailed  int `json:"files_failed"`
	// SBOMsPrefiltered counts SBOMs a byte search ruled out: they cannot
	// hold the queried names, so they were not decoded, and the component
	// counts and lists below leave them out.
	SBOMsPrefiltered int `json:"sboms_prefiltered"`
	// SBOMsDecoded counts the SBOMs decoded: SBOMsRead is SBOMsPrefiltered
	// plus SBOMsDecoded, and FilesSeen is SBOMsRead plus FilesSkipped plus
	// FilesFailed, with and without the prefilter alike.
	SBOMsDecoded          int        `json:"sboms_decoded"`
	OwnershipWarnings     int        `json:"ownership_warnings"`
	Services              int        `json:"services"`
	Components            int        `json:"components"`
	ComponentsWithoutPURL int        `json:"components_without_purl"`
	Failed                []FileNote `json:"failed"`
	Skipped               []FileNote `json:"skipped"`
	WithoutDependencyData []string   `json:"sboms_without_dependency_data"`
	InferredRootEdges     []string   `json:"sboms_with_inferred_root_edges"`
	Warnings              []FileNote `json:"warnings"`
	// Dirs accounts for each --dir: where its ownership files were read
	// from, and what its walk found.
	Dirs []DirNote `json:"dirs"`
}

// DirNote is one directory read (a --dir).
type DirNote struct {
	Dir string `json:"dir"` // as given
	// Top is the repository top its ownership files and configuration
	// are read from (the nearest folder up holding .git or .sbomx.yaml),
	// shown like every other path; "." when it is the directory itself.
	Top string `json:"top"`
	// Above are the ownership and configuration files read between the
	// top and the directory, which its walk does not see.
	Above     []string `json:"files_above"`
	FilesSeen int      `json:"files_seen"`
	SBOMsRead int      `json:"sboms_read"`
	// Revision is the commit read, when the directory was read from a git
	// repository's history (--at) rather than from the disk.
	Revision *Revision `json:"revision,omitempty"`
}

// FileNote is a file and what happened to it.
type FileNote struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// Complete reports whether the answer covers what was asked: every file
// that might be an SBOM was read, and every directory held at least one.
// A directory with no SBOM (empty, mistyped, a bare git repository, a
// checkout that failed) was not looked at in any sense that matters.
func (c *Coverage) Complete() bool { return c.FilesFailed == 0 && len(c.NoSBOM()) == 0 }

// NoSBOM returns the directories in which no SBOM was found.
func (c *Coverage) NoSBOM() []DirNote {
	var out []DirNote
	for _, d := range c.Dirs {
		if d.SBOMsRead == 0 {
			out = append(out, d)
		}
	}
	return out
}

// Run answers the queries over the tree of roots.
func Run(ctx context.Context, roots []Root, opt Options) (*Result, error) {
	opt = opt.prepared()
	tree, err := loadImpact(ctx, roots, opt)
	if err != nil {
		return nil, err
	}
	if err := tree.checkFilter(ctx, opt.TreeOptions, opt.Filter); err != nil {
		return nil, err
	}
	res := &Result{SchemaVersion: SchemaVersion, Queries: opt.Queries, Hits: []Hit{}}
	if !opt.Filter.Empty() {
		res.Filter = &opt.Filter
	}
	if len(opt.From)+len(opt.NotFrom) > 0 {
		res.Sources = &SourceFilter{From: opt.From, NotFrom: opt.NotFrom}
	}
	res.Notes = opt.notes()
	res.Coverage = coverage(tree)
	res.Hits = hitsOf(tree, opt)
	res.Summary = summarize(res.Hits)
	res.ByOwner, res.ByProduct = rollUp(res.Hits)
	return res, nil
}

// prepared is opt with what every reading of the tree needs: the byte
// prefilter of the queries, and whether hashes are needed.
func (opt Options) prepared() Options {
	if !opt.NoPrefilter && opt.Prefilter == nil {
		opt.Prefilter = query.NewPrefilter(opt.Queries)
	}
	opt.SkipHashes = !slices.ContainsFunc(opt.Queries, func(q *query.Query) bool { return q.Kind == query.KindHash })
	return opt
}

// notes are what the queries cannot do, each once.
func (opt Options) notes() []string {
	var out []string
	for _, q := range opt.Queries {
		if q.Note != "" && !slices.Contains(out, q.Note) {
			out = append(out, q.Note)
		}
	}
	return out
}

// loadImpact reads the roots, matching the queries in each SBOM, and
// decodes in full the SBOMs the prefilter ruled out in services that have
// a hit (their owner may come from any of their SBOMs).
func loadImpact(ctx context.Context, roots []Root, opt Options) (*Tree, error) {
	tree, err := LoadTree(ctx, roots, opt.TreeOptions, func(file string, doc *model.Document, g *graph.Graph) any {
		return match(file, doc, g, opt)
	})
	if err != nil {
		return nil, err
	}
	if err := tree.ReloadHitServices(ctx, opt.TreeOptions, func(f source.File) bool {
		evs, _ := f.Result.([]Evidence)
		return len(evs) > 0
	}); err != nil {
		return nil, err
	}
	return tree, nil
}

// hitsOf gathers the evidence of every SBOM into hits, one per service and
// package version, of the services the filter keeps, sorted.
func hitsOf(tree *Tree, opt Options) []Hit {
	hits := map[string]*Hit{}
	for p, f := range tree.Files() {
		evs, _ := f.Result.([]Evidence)
		if len(evs) == 0 {
			continue
		}
		svc := p.ServiceOf(f)
		if !opt.Filter.Keep(svc) {
			continue
		}
		for _, ev := range evs {
			// A visitor's result may have been made for the same bytes at
			// another path (source.Cache): the path printed is this tree's.
			ev.SBOM = p.Shown(f)
			key := svc.ID + "\x00" + ev.key
			h := hits[key]
			if h == nil {
				h = newHit(svc)
				hits[key] = h
			}
			h.Evidence = append(h.Evidence, ev)
		}
	}
	out := []Hit{}
	for _, h := range hits {
		h.finish()
		out = append(out, *h)
	}
	slices.SortFunc(out, func(a, b Hit) int {
		return cmp.Or(
			strings.Compare(a.Service, b.Service),
			strings.Compare(a.ServiceID, b.ServiceID),
			strings.Compare(a.Package.Name, b.Package.Name),
			strings.Compare(a.Package.Version, b.Package.Version),
			strings.Compare(a.Package.ID, b.Package.ID),
		)
	})
	return out
}

// match finds the queried packages in one document. It runs concurrently.
func match(file string, doc *model.Document, g *graph.Graph, opt Options) []Evidence {
	var out []Evidence
	for i := range doc.Components {
		c := &doc.Components[i]
		var qs, unknown, advisories []string
		for _, q := range opt.Queries {
			ok, why := q.Match(c)
			if !ok && why == nil {
				continue
			}
			qs = append(qs, q.Input)
			if why != nil {
				unknown = append(unknown, why.Error())
			}
			if q.Advisory != "" && !slices.Contains(advisories, q.Advisory) {
				advisories = append(advisories, q.Advisory)
			}
		}
		if len(qs) == 0 || !sourceAllowed(c.Sources, opt) {
			continue
		}
		node := graph.NodeOf(i)
		ev := Evidence{
			SBOM:       file,
			BOMRef:     c.Ref,
			RootName:   g.Nodes[graph.Root].DisplayName(),
			PURL:       c.PURL,
			queries:    qs,
			key:        c.ID.String() + "@" + c.Version,
			pkg:        Package{Name: c.DisplayName(), Version: c.Version, PURL: c.PURL, BOMRef: c.Ref, ID: c.ID.String()},
			Sources:    append([]string{}, c.Sources...),
			advisories: advisories,
		}
		if len(unknown) > 0 && len(unknown) == len(qs) {
			// Only a version that could not be compared made this a hit.
			ev.VersionUnknown = strings.Join(unknown, "; ")
		}
		if g.Synthetic {
			ev.RootName = ""
		}
		if p := g.ShortestPath(node); p != nil {
			d := len(p) - 1
			ev.Depth = &d
			ev.Relation = Transitive
			if d == 1 {
				ev.Relation = Direct
			}
			ev.Path = names(g, p)
			ev.PathRefs = refs(g, p)
			ev.RootEdgesInferred = g.RootEdgesInferred
			if opt.MaxPaths > 1 {
				for _, q := range g.Paths(node, opt.MaxPaths) {
					ev.Paths = append(ev.Paths, names(g, q))
				}
			}
		} else {
			ev.Relation = Present
			if !g.HasDependencyData {
				ev.Note = "the SBOM has no dependency data"
			} else {
				ev.Note = "no dependency path from the SBOM's root reaches it"
			}
		}
		out = append(out, ev)
	}
	return out
}

// sourceAllowed applies --from / --not-from to a component's sources.
func sourceAllowed(sources []string, opt Options) bool {
	if len(sources) == 0 {
		return true // source unknown: kept, and said so
	}
	has := func(pats []string) bool {
		for _, s := range sources {
			for _, p := range pats {
				if strings.Contains(strings.ToLower(s), strings.ToLower(p)) {
					return true
				}
			}
		}
		return false
	}
	if has(opt.NotFrom) {
		return false
	}
	return len(opt.From) == 0 || has(opt.From)
}

func names(g *graph.Graph, p []int) []string {
	out := make([]string, len(p))
	for i, n := range p {
		out[i] = g.Nodes[n].DisplayName()
	}
	return out
}

func refs(g *graph.Graph, p []int) []string {
	out := make([]string, len(p))
	for i, n := range p {
		out[i] = g.Nodes[n].Ref
	}
	return out
}

func newHit(svc *inventory.Service) *Hit {
	h := &Hit{Service: svc.Name, ServiceID: svc.ID, Owners: []string{}, Domain: svc.Domain, Contact: svc.Contact}
	if svc.Owner != "" {
		h.Owner = &svc.Owner
		h.Owners = svc.Owners
	}
	if svc.OwnerSource != "" {
		h.OwnerSource = &svc.OwnerSource
	}
	if svc.Product != "" {
		h.Product = &svc.Product
		h.ProductSource = &svc.ProductSource
	}
	return h
}

// rank orders evidence: direct, then shallower transitive, then present.
func rank(e *Evidence) int {
	if e.Depth == nil {
		return 1 << 30
	}
	return *e.Depth
}

// finish picks the best evidence and fills the hit from it.
func (h *Hit) finish() {
	slices.SortFunc(h.Evidence, func(a, b Evidence) int {
		return cmp.Or(cmp.Compare(rank(&a), rank(&b)), strings.Compare(a.SBOM, b.SBOM), strings.Compare(a.BOMRef, b.BOMRef))
	})
	best := h.Evidence[0]
	h.Package = best.pkg
	h.Relation, h.Depth, h.Path, h.Paths = best.Relation, best.Depth, best.Path, best.Paths
	h.RootEdgesInferred = best.RootEdgesInferred
	h.SBOM, h.RootName = best.SBOM, best.RootName
	h.Sources = []string{}
	for _, e := range h.Evidence {
		for _, s := range e.Sources {
			if !slices.Contains(h.Sources, s) {
				h.Sources = append(h.Sources, s)
			}
		}
		if e.VersionUnknown != "" && h.VersionUnknown == "" {
			h.VersionUnknown = e.VersionUnknown
		}
		for _, a := range e.advisories {
			if !slices.Contains(h.Advisories, a) {
				h.Advisories = append(h.Advisories, a)
			}
		}
	}
	slices.Sort(h.Sources)
	slices.Sort(h.Advisories)
	for _, e := range h.Evidence {
		if !slices.Contains(h.SBOMs, e.SBOM) {
			h.SBOMs = append(h.SBOMs, e.SBOM)
		}
		for _, q := range e.queries {
			if !slices.Contains(h.Queries, q) {
				h.Queries = append(h.Queries, q)
			}
		}
	}
	slices.Sort(h.SBOMs)
	slices.Sort(h.Queries)
}

func summarize(hits []Hit) Summary {
	s := Summary{Owners: []string{}, Products: []string{}, UnownedServices: []string{}}
	var byHit RelationCounts
	closest := map[string]string{} // service -> its closest relation
	var order []string
	for _, h := range hits {
		s.Hits++
		byHit.add(h.Relation)
		if h.VersionUnknown != "" {
			s.VersionUnknown++
		}
		prev, seen := closest[h.ServiceID]
		if !seen {
			order = append(order, h.ServiceID)
			if h.Owner == nil {
				s.UnownedServices = append(s.UnownedServices, h.Service)
			}
		}
		if !seen || relationRank(h.Relation) < relationRank(prev) {
			closest[h.ServiceID] = h.Relation
		}
		for _, o := range h.Owners {
			if !slices.Contains(s.Owners, o) {
				s.Owners = append(s.Owners, o)
			}
		}
		if h.Product != nil && !slices.Contains(s.Products, *h.Product) {
			s.Products = append(s.Products, *h.Product)
		}
	}
	s.Direct, s.Transitive, s.Present = byHit.Direct, byHit.Transitive, byHit.Present
	for _, k := range order {
		s.ServicesByRelation.add(closest[k])
	}
	s.Services = len(order)
	slices.Sort(s.Owners)
	slices.Sort(s.Products)
	slices.Sort(s.UnownedServices)
	return s
}

// relationRank orders relations closest first.
func relationRank(relation string) int {
	switch relation {
	case Direct:
		return 0
	case Transitive:
		return 1
	}
	return 2
}

func coverage(tree *Tree) Coverage {
	c := Coverage{Failed: []FileNote{}, Skipped: []FileNote{}, WithoutDependencyData: []string{}, InferredRootEdges: []string{}, Warnings: []FileNote{}, Dirs: []DirNote{}}
	for _, p := range tree.Parts {
		d := DirNote{Dir: p.Root.Name, Top: p.Root.show("."), Above: []string{}, Revision: p.Root.Revision}
		for _, name := range slices.Sorted(maps.Keys(p.Above)) {
			d.Above = append(d.Above, p.Root.show(name))
		}
		for i := range p.Corpus.Files {
			f := &p.Corpus.Files[i]
			d.FilesSeen++
			if f.Status == source.StatusSBOM {
				d.SBOMsRead++
			}
			c.addFile(p.Shown(f), f)
		}
		c.OwnershipWarnings += len(p.Warnings)
		c.Warnings = append(c.Warnings, p.Warnings...)
		c.Services += len(p.Inventory.Services)
		c.Dirs = append(c.Dirs, d)
	}
	slices.SortStableFunc(c.Warnings, func(a, b FileNote) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return c
}

// addFile accounts for one file of the walk, shown as name.
func (c *Coverage) addFile(name string, f *source.File) {
	c.FilesSeen++
	switch f.Status {
	case source.StatusSBOM:
		c.SBOMsRead++
		if f.SBOM.Prefiltered {
			c.SBOMsPrefiltered++
			return
		}
		c.SBOMsDecoded++
		c.Components += f.SBOM.Components
		c.ComponentsWithoutPURL += f.SBOM.WithoutPURL
		if !f.SBOM.HasDependencyData {
			c.WithoutDependencyData = append(c.WithoutDependencyData, name)
		}
		if f.SBOM.RootEdgesInferred {
			c.InferredRootEdges = append(c.InferredRootEdges, name)
		}
		for _, p := range f.SBOM.Problems {
			c.Warnings = append(c.Warnings, FileNote{File: name, Message: p})
		}
	case source.StatusSkipped:
		c.FilesSkipped++
		c.Skipped = append(c.Skipped, FileNote{File: name, Message: f.Reason})
	default:
		c.FilesFailed++
		c.Failed = append(c.Failed, FileNote{File: name, Message: f.Reason})
	}
}

// rollUp groups hits per owner and per product.
func rollUp(hits []Hit) ([]OwnerGroup, []ProductGroup) {
	owners := map[string]*OwnerGroup{}
	products := map[string]*ProductGroup{}
	add := func(s *[]string, v string) {
		if v != "" && !slices.Contains(*s, v) {
			*s = append(*s, v)
		}
	}
	for _, h := range hits {
		pkg := h.Package.Name + "@" + h.Package.Version
		keys := h.Owners
		if len(keys) == 0 {
			keys = []string{""}
		}
		for _, o := range keys {
			g := owners[o]
			if g == nil {
				g = &OwnerGroup{Services: []string{}, ServiceIDs: []string{}, Products: []string{}, Packages: []string{}}
				if o != "" {
					g.Owner = &o
				}
				owners[o] = g
			}
			if o == deref(h.Owner) && g.Contact == "" {
				g.Contact = h.Contact
			}
			add(&g.Services, h.Service)
			add(&g.ServiceIDs, h.ServiceID)
			add(&g.Products, deref(h.Product))
			add(&g.Packages, pkg)
			g.Hits++
		}
		p := deref(h.Product)
		g := products[p]
		if g == nil {
			g = &ProductGroup{Services: []string{}, ServiceIDs: []string{}, Owners: []string{}, Packages: []string{}}
			if p != "" {
				g.Product = &p
			}
			products[p] = g
		}
		g.Domain = cmp.Or(g.Domain, h.Domain)
		add(&g.Services, h.Service)
		add(&g.ServiceIDs, h.ServiceID)
		for _, o := range h.Owners {
			add(&g.Owners, o)
		}
		add(&g.Packages, pkg)
		g.Hits++
	}
	byOwner := []OwnerGroup{}
	for _, k := range sortedKnownFirst(owners) {
		g := owners[k]
		slices.Sort(g.Services)
		slices.Sort(g.ServiceIDs)
		slices.Sort(g.Products)
		slices.Sort(g.Packages)
		byOwner = append(byOwner, *g)
	}
	byProduct := []ProductGroup{}
	for _, k := range sortedKnownFirst(products) {
		g := products[k]
		slices.Sort(g.Services)
		slices.Sort(g.ServiceIDs)
		slices.Sort(g.Owners)
		slices.Sort(g.Packages)
		byProduct = append(byProduct, *g)
	}
	return byOwner, byProduct
}

// sortedKnownFirst sorts keys with "" (unknown) last.
func sortedKnownFirst[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b string) int {
		if (a == "") != (b == "") {
			if a == "" {
				return 1
			}
			return -1
		}
		return strings.Compare(a, b)
	})
	return keys
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
