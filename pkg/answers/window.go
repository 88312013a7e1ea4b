package answers

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/internal/source"
	"github.com/sbomx/sbomx/pkg/query"
)

// WindowResult answers "who had it between these dates": for each service
// and matched package, when it came in and when it left within the window
// (commit, date, author, versions), whether it was there when the window
// opened and is still there at its end, and who owned the service then.
type WindowResult struct {
	SchemaVersion int            `json:"schemaVersion"`
	Queries       []*query.Query `json:"queries"`
	Filter        *Filter        `json:"filter,omitempty"`
	Sources       *SourceFilter  `json:"source_filter,omitempty"`
	Notes         []string       `json:"notes,omitempty"`
	Window        WindowSpan     `json:"window"`
	Exposures     []Exposure     `json:"exposures"`
	Summary       WindowSummary  `json:"summary"`
	History       HistoryStats   `json:"history"`
	// Coverage is the account of the tree at the window's end.
	Coverage Coverage `json:"coverage"`
}

// WindowSpan is the stretch of history read.
type WindowSpan struct {
	Since string `json:"since"` // as given
	Until string `json:"until"` // as given; "" for HEAD
	// Start is the commit whose tree was there when the window opened (the
	// last one before Since); null when the window opens before the first
	// commit, with nothing there.
	Start *Revision `json:"start"`
	End   Revision  `json:"end"`
}

// Exposure is one package (by identity, any version) in one service over
// the window.
type Exposure struct {
	Service   string `json:"service"`
	ServiceID string `json:"service_id"`
	Package   string `json:"package"`    // as people read it
	PackageID string `json:"package_id"` // normalised identity, version-less
	// PresentAtStart: the service had it when the window opened (then
	// Appeared is null: it did not come in within the window).
	PresentAtStart bool     `json:"present_at_start"`
	StartVersions  []string `json:"start_versions"`
	// Appeared is when it first came in within the window; Left when it
	// last went, if it is not there at the end.
	Appeared     *Event   `json:"appeared"`
	Left         *Event   `json:"left"`
	PresentAtEnd bool     `json:"present_at_end"`
	EndVersions  []string `json:"end_versions"`
	// Versions are every version seen in the window, in the order they
	// were first seen.
	Versions []string `json:"versions"`
	// Events are every change, oldest first: appeared, left, changed
	// (other versions).
	Events []Event `json:"events"`
	// OwnerThen is who owned the service when the package was first seen
	// in the window (at the start, or when it appeared); OwnerAtEnd who owns
	// it at the end, or, when the service is gone by then
	// (ServiceAtEnd false), at the last commit that had it.
	OwnerThen    Ownership `json:"owner_then"`
	OwnerAtEnd   Ownership `json:"owner_at_end"`
	ServiceAtEnd bool      `json:"service_at_end"`
	// Notes say where the account may be off: a commit where an SBOM of
	// the service could not be read (what it held before was carried over).
	Notes []string `json:"notes,omitempty"`
}

// Event is one change of a package in a service, at one commit.
type Event struct {
	Kind     string   `json:"kind"` // appeared, left, changed
	Revision Revision `json:"revision"`
	// Versions are the versions after the change (appeared, changed), or
	// those it had before it left.
	Versions []string `json:"versions"`
	From     []string `json:"from,omitempty"` // changed: the versions before
	SBOMs    []string `json:"sboms"`          // where it was seen (before it left, for left)
}

// Event kinds.
const (
	Appeared = "appeared"
	Left     = "left"
	Changed  = "changed"
)

// WindowSummary counts the exposures.
type WindowSummary struct {
	Services       int      `json:"services"` // services exposed at some time in the window
	Exposures      int      `json:"exposures"`
	PresentAtStart int      `json:"present_at_start"`
	Appeared       int      `json:"appeared"`       // came in within the window
	Left           int      `json:"left"`           // gone by the end
	PresentAtEnd   int      `json:"present_at_end"` // still there at the end
	Owners         []string `json:"owners"`         // owners of exposed services, then or at the end
	Products       []string `json:"products"`
	// UnownedServices are exposed services with no known owner then nor at
	// the end.
	UnownedServices []string `json:"unowned_services"`
}

// WindowOptions configure Window. Options.Filter keeps the services it
// names at any commit of the window (a service that changed hands is
// followed before and after).
type WindowOptions struct {
	Options
	Since, Until string // as given, for the answer
	// Start is the commit as it was when the window opened; nil when the
	// window opens before the first commit (nothing was there).
	Start *Snapshot
	// Commits are the commits within the window, oldest first, along the
	// branch's first parents; the last is the window's end.
	Commits []Snapshot
	// Missing says what history the repository lacks, "" when none.
	Missing string
}

// held is one package in one service at one commit.
type held struct {
	svc, svcID, pkg, pkgID string
	svcKey                 string   // see Tree.serviceKeys
	versions               []string // sorted
	sboms                  []string // sorted
}

// windowState is what one commit held: per service and package, and who
// owned each service.
type windowState struct {
	rev      Revision
	held     map[string]*held     // by service id + package id
	owners   map[string]Ownership // by service key (Tree.serviceKeys)
	names    map[string]string    // service key -> name
	byPath   map[string][]string  // SBOM as printed -> the keys of held it gave
	parts    []*Part
	roots    []Root
	coverage Coverage
	failed   []FileNote
}

// Window answers the queries over a stretch of history: the tree at the
// start, then each commit that changed what is read. Each distinct SBOM
// blob is read once (opt.Cache, made here when not given); commits that
// change nothing read are not read at all.
func Window(ctx context.Context, opt WindowOptions) (*WindowResult, error) {
	if len(opt.Commits) == 0 && opt.Start == nil {
		return nil, errNoSnapshot
	}
	o := opt.Options.prepared()
	if o.Cache == nil {
		o.Cache = source.NewCache()
	}
	w := &window{opt: o, res: &WindowResult{SchemaVersion: SchemaVersion, Queries: o.Queries, Exposures: []Exposure{},
		Window: WindowSpan{Since: opt.Since, Until: opt.Until}, History: HistoryStats{Commits: len(opt.Commits), Failed: []CommitNote{}, Missing: opt.Missing}},
		exposures: map[string]*Exposure{}, lastOwner: map[string]Ownership{}, kept: map[string]bool{}, owners: map[string]bool{}, products: map[string]bool{}}
	res := w.res
	if !o.Filter.Empty() {
		res.Filter = &o.Filter
	}
	if len(o.From)+len(o.NotFrom) > 0 {
		res.Sources = &SourceFilter{From: o.From, NotFrom: o.NotFrom}
	}
	res.Notes = o.notes()

	prev := &windowState{held: map[string]*held{}, owners: map[string]Ownership{}, names: map[string]string{}, byPath: map[string][]string{}, coverage: emptyCoverage()}
	if opt.Start != nil {
		st, err := w.read(ctx, *opt.Start, prev)
		if err != nil {
			return nil, err
		}
		res.Window.Start = &opt.Start.Revision
		for _, k := range sortedKeys(st.held) {
			h := st.held[k]
			e := w.exposure(k, h, st)
			e.PresentAtStart = true
			e.StartVersions = slices.Clone(h.versions)
		}
		prev = st
	}
	for _, s := range opt.Commits {
		if s.ChangedKnown && prev.parts != nil && !affected(prev.parts, prev.roots, s.Changed) {
			prev = prev.at(s)
			continue
		}
		res.History.CommitsRead++
		st, err := w.read(ctx, s, prev)
		if err != nil {
			return nil, err
		}
		w.compare(prev, st)
		prev = st
	}
	end := prev
	if n := len(opt.Commits); n > 0 {
		res.Window.End = opt.Commits[n-1].Revision
	} else {
		res.Window.End = opt.Start.Revision
	}
	if err := filterSeen(o.Filter, w.owners, w.products); err != nil {
		// Owners named only in SBOMs the byte search ruled out are not
		// known yet: the end's tree says, with them decoded.
		snap := opt.Start
		if n := len(opt.Commits); n > 0 {
			snap = &opt.Commits[n-1]
		}
		tree, lerr := loadImpact(ctx, readable(snap.Roots), o)
		if lerr != nil {
			return nil, lerr
		}
		if tree.checkFilter(ctx, o.TreeOptions, o.Filter) != nil {
			return nil, err
		}
	}
	res.Coverage = end.coverage
	for i := range res.Coverage.Dirs {
		res.Coverage.Dirs[i].Revision = &res.Window.End
	}
	w.finish(end)
	res.History.count(o.Cache)
	return res, nil
}

type window struct {
	opt       Options
	res       *WindowResult
	exposures map[string]*Exposure
	lastOwner map[string]Ownership // by service key: at the last commit that had the service
	kept      map[string]bool      // service keys the filter kept at some commit
	owners    map[string]bool      // every owner seen, for the filter's check
	products  map[string]bool
}

// at is the state unchanged at another commit.
func (s *windowState) at(snap Snapshot) *windowState {
	c := *s
	c.rev = snap.Revision
	c.roots = snap.Roots
	return &c
}

// read reads one commit's trees into a state. A file that fails in it
// keeps what it held at the commit before (prev), with a note.
func (w *window) read(ctx context.Context, s Snapshot, prev *windowState) (*windowState, error) {
	st := &windowState{rev: s.Revision, held: map[string]*held{}, owners: map[string]Ownership{}, names: map[string]string{},
		byPath: map[string][]string{}, roots: s.Roots, parts: []*Part{}}
	w.res.History.Trees++
	var tree *Tree
	if roots := readable(s.Roots); len(roots) > 0 {
		var err error
		if tree, err = loadImpact(ctx, roots, w.opt); err != nil {
			return nil, err
		}
		st.parts = tree.Parts
		tree.seen(w.owners, w.products)
		keys := tree.serviceKeys()
		for _, p := range tree.Parts {
			for _, svc := range p.Inventory.Services {
				k := keys[svc.ID]
				st.owners[k] = ownershipOf(svc)
				st.names[k] = svc.Name
				w.lastOwner[k] = st.owners[k]
				if w.opt.Filter.Keep(svc) {
					w.kept[k] = true
				}
			}
		}
		// Every service is followed: --owner and --product pick the
		// services they name at any commit of the window, so that a
		// service changing hands is not a package leaving.
		all := w.opt
		all.Filter = Filter{}
		for _, h := range hitsOf(tree, all) {
			k := keys[h.ServiceID] + "\x00" + h.Package.ID
			x := st.held[k]
			if x == nil {
				x = &held{svc: h.Service, svcID: h.ServiceID, svcKey: keys[h.ServiceID], pkg: h.Package.Name, pkgID: h.Package.ID}
				st.held[k] = x
			}
			x.versions = addSorted(x.versions, h.Package.Version)
			for _, f := range h.SBOMs {
				x.sboms = addSorted(x.sboms, f)
				if !slices.Contains(st.byPath[f], k) {
					st.byPath[f] = append(st.byPath[f], k)
				}
			}
		}
	}
	st.coverage = coverageAt(tree, s)
	st.failed = st.coverage.Failed
	for _, f := range st.failed {
		if !slices.ContainsFunc(prev.failed, func(p FileNote) bool { return p == f }) {
			w.res.History.Failed = append(w.res.History.Failed, CommitNote{Commit: s.Revision.Commit, Date: s.Revision.Date, File: f.File, Message: f.Message})
		}
		// What the file held before is carried over: a file that cannot
		// be read is not a package that left.
		for _, k := range prev.byPath[f.File] {
			ph := prev.held[k]
			if ph == nil {
				continue
			}
			x := st.held[k]
			if x == nil {
				c := *ph
				c.versions, c.sboms = slices.Clone(ph.versions), slices.Clone(ph.sboms)
				x = &c
				st.held[k] = x
			}
			x.sboms = addSorted(x.sboms, f.File)
			st.byPath[f.File] = append(st.byPath[f.File], k)
			if e := w.exposures[k]; e != nil {
				e.Notes = append(e.Notes, "at "+s.Revision.Short()+" "+f.File+" could not be read; what it held before is carried over")
			}
		}
	}
	return st, nil
}

// exposure is the record of key, made when first seen.
func (w *window) exposure(k string, h *held, st *windowState) *Exposure {
	e := w.exposures[k]
	if e == nil {
		e = &Exposure{Service: h.svc, ServiceID: h.svcID, Package: h.pkg, PackageID: h.pkgID, StartVersions: []string{}, EndVersions: []string{},
			Versions: []string{}, Events: []Event{}, OwnerThen: st.ownership(h.svcKey)}
		w.exposures[k] = e
	}
	// The service's name and folder as last seen (its folder may move).
	e.Service, e.ServiceID, e.Package = h.svc, h.svcID, h.pkg
	for _, v := range h.versions {
		if !slices.Contains(e.Versions, v) {
			e.Versions = append(e.Versions, v)
		}
	}
	return e
}

// ownership is who owned a service in this state (nobody known when it
// is not there).
func (s *windowState) ownership(svcKey string) Ownership {
	if o, ok := s.owners[svcKey]; ok {
		return o
	}
	return Ownership{Owners: []string{}}
}

// compare records what changed between two consecutive states.
func (w *window) compare(prev, cur *windowState) {
	keys := map[string]bool{}
	for k := range prev.held {
		keys[k] = true
	}
	for k := range cur.held {
		keys[k] = true
	}
	for _, k := range sortedKeys(keys) {
		a, b := prev.held[k], cur.held[k]
		switch {
		case a == nil && b != nil:
			e := w.exposure(k, b, cur)
			e.Events = append(e.Events, Event{Kind: Appeared, Revision: cur.rev, Versions: slices.Clone(b.versions), SBOMs: slices.Clone(b.sboms)})
		case a != nil && b == nil:
			e := w.exposure(k, a, prev)
			e.Events = append(e.Events, Event{Kind: Left, Revision: cur.rev, Versions: slices.Clone(a.versions), SBOMs: slices.Clone(a.sboms)})
		case !versionsEqual(a.versions, b.versions):
			e := w.exposure(k, b, cur)
			e.Events = append(e.Events, Event{Kind: Changed, Revision: cur.rev, Versions: slices.Clone(b.versions), From: slices.Clone(a.versions), SBOMs: slices.Clone(b.sboms)})
		}
	}
}

// finish fills each exposure's end and the summary.
func (w *window) finish(end *windowState) {
	res := w.res
	for _, k := range sortedKeys(w.exposures) {
		e := w.exposures[k]
		svcKey, _, _ := strings.Cut(k, "\x00")
		if !w.kept[svcKey] {
			continue
		}
		if h := end.held[k]; h != nil {
			e.PresentAtEnd, e.EndVersions = true, slices.Clone(h.versions)
		}
		for i := range e.Events {
			ev := &e.Events[i]
			if ev.Kind == Appeared && e.Appeared == nil && !e.PresentAtStart {
				e.Appeared = ev
			}
			if ev.Kind == Left && !e.PresentAtEnd {
				e.Left = ev
			}
		}
		// Pointers into Events would be copied apart from them: copy.
		if e.Appeared != nil {
			a := *e.Appeared
			e.Appeared = &a
		}
		if e.Left != nil {
			l := *e.Left
			e.Left = &l
		}
		if o, ok := end.owners[svcKey]; ok {
			e.OwnerAtEnd, e.ServiceAtEnd = o, true
		} else {
			e.OwnerAtEnd = w.lastOwnerOf(svcKey)
		}
		res.Exposures = append(res.Exposures, *e)
	}
	slices.SortFunc(res.Exposures, func(a, b Exposure) int {
		return cmp.Or(strings.Compare(a.Service, b.Service), strings.Compare(a.ServiceID, b.ServiceID),
			strings.Compare(a.Package, b.Package), strings.Compare(a.PackageID, b.PackageID))
	})
	s := WindowSummary{Owners: []string{}, Products: []string{}, UnownedServices: []string{}}
	services := map[string]bool{}
	for _, e := range res.Exposures {
		s.Exposures++
		if !services[e.Service+"\x00"+e.ServiceID] {
			services[e.Service+"\x00"+e.ServiceID] = true
			if e.OwnerThen.Owner == nil && e.OwnerAtEnd.Owner == nil {
				s.UnownedServices = append(s.UnownedServices, e.Service)
			}
		}
		switch {
		case e.PresentAtStart:
			s.PresentAtStart++
		case e.Appeared != nil:
			s.Appeared++
		}
		if e.PresentAtEnd {
			s.PresentAtEnd++
		} else {
			s.Left++
		}
		for _, o := range []Ownership{e.OwnerThen, e.OwnerAtEnd} {
			for _, name := range o.Owners {
				if !slices.Contains(s.Owners, name) {
					s.Owners = append(s.Owners, name)
				}
			}
			if p := deref(o.Product); p != "" && !slices.Contains(s.Products, p) {
				s.Products = append(s.Products, p)
			}
		}
	}
	s.Services = len(services)
	slices.Sort(s.Owners)
	slices.Sort(s.Products)
	slices.Sort(s.UnownedServices)
	res.Summary = s
}

// lastOwnerOf is who owned the service at the last commit that had it.
func (w *window) lastOwnerOf(svcKey string) Ownership {
	if o, ok := w.lastOwner[svcKey]; ok {
		return o
	}
	return Ownership{Owners: []string{}}
}
