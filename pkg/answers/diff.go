package answers

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/internal/graph"
	"github.com/sbomx/sbomx/internal/source"
	"github.com/sbomx/sbomx/pkg/model"
	"github.com/sbomx/sbomx/pkg/query"
)

// DiffResult answers "what changed between two revisions": per service,
// the packages added, removed and changed in version, and the services
// added and removed, with who owns each. With queries, only the packages
// they match are compared, and the services that still have one unchanged
// are listed too (Kept).
type DiffResult struct {
	SchemaVersion int            `json:"schemaVersion"`
	Queries       []*query.Query `json:"queries"`
	Filter        *Filter        `json:"filter,omitempty"`
	From          Revision       `json:"from"`
	To            Revision       `json:"to"`
	Services      []ServiceDiff  `json:"services"`
	Summary       DiffSummary    `json:"summary"`
	History       HistoryStats   `json:"history"`
	// Coverage is the account of To's tree; FromCoverage of From's (whose
	// failed files History.Failed lists too).
	Coverage     Coverage `json:"coverage"`
	FromCoverage Coverage `json:"from_coverage"`
}

// ServiceDiff is what changed in one service.
type ServiceDiff struct {
	Service   string `json:"service"`
	ServiceID string `json:"service_id"`
	// Change is the service's: added (only in To), removed (only in From),
	// changed (packages differ), or, with queries, kept (it still has a
	// matching package, unchanged).
	Change string `json:"change"`
	// MovedFrom is the service's folder (service_id) at From when its
	// SBOMs moved to another folder since.
	MovedFrom string `json:"moved_from,omitempty"`
	// Ownership is at To, or at From for a service removed.
	Ownership
	// OwnershipBefore is the ownership at From, when the service changed
	// hands (another owner or product) between the two.
	OwnershipBefore *Ownership      `json:"ownership_before,omitempty"`
	Added           []PackageChange `json:"added"`
	Removed         []PackageChange `json:"removed"`
	Changed         []PackageChange `json:"changed"`
	Kept            []PackageChange `json:"kept"` // with queries only
}

// PackageChange is one package (by identity) of a service, with its
// versions on each side.
type PackageChange struct {
	Name string   `json:"name"`
	ID   string   `json:"id"`
	From []string `json:"from"` // versions at From, [] when added
	To   []string `json:"to"`   // versions at To, [] when removed
}

// Service and package changes.
const (
	ServiceAdded   = "added"
	ServiceRemoved = "removed"
	ServiceChanged = "changed"
	ServiceKept    = "kept"
)

// DiffSummary counts the changes.
type DiffSummary struct {
	ServicesAdded   int `json:"services_added"`
	ServicesRemoved int `json:"services_removed"`
	ServicesChanged int `json:"services_changed"`
	ServicesKept    int `json:"services_kept"`
	PackagesAdded   int `json:"packages_added"`
	PackagesRemoved int `json:"packages_removed"`
	PackagesChanged int `json:"packages_changed"`
	PackagesKept    int `json:"packages_kept"`
}

// DiffOptions configure Diff.
type DiffOptions struct {
	TreeOptions
	Queries  []*query.Query
	Filter   Filter
	From, To Snapshot
}

// diffSide is one revision's services and their packages.
type diffSide struct {
	// Services are matched across the revisions by key (Tree.serviceKeys).
	ids      map[string]string               // service key -> id
	names    map[string]string               // service key -> name
	owners   map[string]Ownership            // service key -> owners
	packages map[string]map[string]*diffPkgs // service key -> package id -> versions
	coverage Coverage
}

type diffPkgs struct {
	name     string
	versions []string // sorted
}

// Diff compares two revisions' trees. The SBOMs both share are read once
// (opt.Cache, made here when not given).
func Diff(ctx context.Context, opt DiffOptions) (*DiffResult, error) {
	if len(opt.Queries) > 0 {
		opt.Prefilter = query.NewPrefilter(opt.Queries)
	}
	opt.SkipHashes = !slices.ContainsFunc(opt.Queries, func(q *query.Query) bool { return q.Kind == query.KindHash })
	if opt.Cache == nil {
		opt.Cache = source.NewCache()
	}
	cat := &catalog{index: map[pkgVersion]int32{}}
	visit := func(_ string, doc *model.Document, g *graph.Graph) any {
		var out []pkgSighting
		for i := range doc.Components {
			c := &doc.Components[i]
			if c.IsFile() || len(opt.Queries) > 0 && !slices.ContainsFunc(opt.Queries, func(q *query.Query) bool { return q.Matches(c) }) {
				continue
			}
			out = append(out, pkgSighting{key: cat.intern(pkgVersion{id: c.ID.String(), name: c.DisplayName(), eco: c.ID.Type, version: c.Version})})
		}
		return slices.Clip(out)
	}
	owners, products := map[string]bool{}, map[string]bool{}
	// kept are the services the filter keeps on either side: a service
	// that changed hands is compared, not added or removed.
	kept := map[string]bool{}
	var trees []*Tree
	side := func(s Snapshot) (*diffSide, error) {
		d := &diffSide{ids: map[string]string{}, names: map[string]string{}, owners: map[string]Ownership{}, packages: map[string]map[string]*diffPkgs{}}
		var tree *Tree
		if roots := readable(s.Roots); len(roots) > 0 {
			var err error
			if tree, err = LoadTree(ctx, roots, opt.TreeOptions, visit); err != nil {
				return nil, err
			}
			if err := tree.ReloadHitServices(ctx, opt.TreeOptions, func(f source.File) bool {
				ss, _ := f.Result.([]pkgSighting)
				return len(ss) > 0
			}); err != nil {
				return nil, err
			}
			trees = append(trees, tree)
			tree.seen(owners, products)
			keys := tree.serviceKeys()
			for p, f := range tree.Files() {
				ss, _ := f.Result.([]pkgSighting)
				if len(ss) == 0 {
					continue
				}
				svc := p.ServiceOf(f)
				if svc == nil {
					continue
				}
				for _, sg := range ss {
					k := cat.keys[sg.key]
					byID := d.packages[keys[svc.ID]]
					if byID == nil {
						byID = map[string]*diffPkgs{}
						d.packages[keys[svc.ID]] = byID
					}
					x := byID[k.id]
					if x == nil {
						x = &diffPkgs{name: k.name}
						byID[k.id] = x
					}
					x.versions = addSorted(x.versions, k.version)
				}
			}
			for _, p := range tree.Parts {
				for _, svc := range p.Inventory.Services {
					k := keys[svc.ID]
					d.ids[k], d.names[k], d.owners[k] = svc.ID, svc.Name, ownershipOf(svc)
					if opt.Filter.Keep(svc) {
						kept[k] = true
					}
				}
			}
		}
		d.coverage = coverageAt(tree, s)
		return d, nil
	}
	from, err := side(opt.From)
	if err != nil {
		return nil, err
	}
	to, err := side(opt.To)
	if err != nil {
		return nil, err
	}
	if err := filterSeen(opt.Filter, owners, products); err != nil {
		ok := false
		for _, t := range trees {
			if t.checkFilter(ctx, opt.TreeOptions, opt.Filter) == nil {
				ok = true
			}
		}
		if !ok {
			return nil, err
		}
	}
	res := &DiffResult{SchemaVersion: SchemaVersion, Queries: opt.Queries, From: opt.From.Revision, To: opt.To.Revision,
		Services: []ServiceDiff{}, Coverage: to.coverage, FromCoverage: from.coverage,
		History: HistoryStats{Commits: 1, CommitsRead: 1, Trees: 2, Failed: []CommitNote{}}}
	if res.Queries == nil {
		res.Queries = []*query.Query{}
	}
	if !opt.Filter.Empty() {
		res.Filter = &opt.Filter
	}
	// To's failures are its coverage's; From's are told here.
	for _, f := range from.coverage.Failed {
		res.History.Failed = append(res.History.Failed, CommitNote{Commit: opt.From.Revision.Commit, Date: opt.From.Revision.Date, File: f.File, Message: f.Message})
	}
	res.History.count(opt.Cache)
	ids := map[string]bool{}
	for id := range from.names {
		ids[id] = true
	}
	for id := range to.names {
		ids[id] = true
	}
	for _, id := range sortedKeys(ids) {
		if !kept[id] {
			continue
		}
		if sd, ok := diffService(id, from, to, len(opt.Queries) > 0); ok {
			res.Services = append(res.Services, sd)
			res.Summary.add(&sd)
		}
	}
	slices.SortFunc(res.Services, func(a, b ServiceDiff) int {
		return cmp.Or(strings.Compare(a.Service, b.Service), strings.Compare(a.ServiceID, b.ServiceID))
	})
	return res, nil
}

// diffService compares one service's packages; false when there is
// nothing to say (no change; with queries, no matching package either side).
func diffService(id string, from, to *diffSide, queried bool) (ServiceDiff, bool) {
	_, inFrom := from.names[id]
	_, inTo := to.names[id]
	sd := ServiceDiff{Added: []PackageChange{}, Removed: []PackageChange{}, Changed: []PackageChange{}, Kept: []PackageChange{}}
	if inTo {
		sd.Service, sd.ServiceID, sd.Ownership = to.names[id], to.ids[id], to.owners[id]
		if inFrom && from.ids[id] != sd.ServiceID {
			sd.MovedFrom = from.ids[id]
		}
		if before := from.owners[id]; inFrom && !before.equal(sd.Ownership) {
			sd.OwnershipBefore = &before
		}
	} else {
		sd.Service, sd.ServiceID, sd.Ownership = from.names[id], from.ids[id], from.owners[id]
	}
	a, b := from.packages[id], to.packages[id]
	pkgs := map[string]bool{}
	for k := range a {
		pkgs[k] = true
	}
	for k := range b {
		pkgs[k] = true
	}
	for _, k := range sortedKeys(pkgs) {
		pa, pb := a[k], b[k]
		c := PackageChange{ID: k, From: []string{}, To: []string{}}
		if pa != nil {
			c.Name, c.From = pa.name, pa.versions
		}
		if pb != nil {
			c.Name, c.To = pb.name, pb.versions
		}
		switch {
		case pa == nil:
			sd.Added = append(sd.Added, c)
		case pb == nil:
			sd.Removed = append(sd.Removed, c)
		case !slices.Equal(pa.versions, pb.versions):
			sd.Changed = append(sd.Changed, c)
		case queried:
			sd.Kept = append(sd.Kept, c)
		}
	}
	for _, l := range [][]PackageChange{sd.Added, sd.Removed, sd.Changed, sd.Kept} {
		slices.SortFunc(l, func(x, y PackageChange) int {
			return cmp.Or(strings.Compare(x.Name, y.Name), strings.Compare(x.ID, y.ID))
		})
	}
	switch {
	case !inFrom:
		sd.Change = ServiceAdded
	case !inTo:
		sd.Change = ServiceRemoved
	case len(sd.Added)+len(sd.Removed)+len(sd.Changed) > 0:
		sd.Change = ServiceChanged
	case len(sd.Kept) > 0:
		sd.Change = ServiceKept
	default:
		return sd, false
	}
	if queried && len(sd.Added)+len(sd.Removed)+len(sd.Changed)+len(sd.Kept) == 0 {
		return sd, false // a service added or removed that never had a matching package
	}
	return sd, true
}

func (s *DiffSummary) add(sd *ServiceDiff) {
	switch sd.Change {
	case ServiceAdded:
		s.ServicesAdded++
	case ServiceRemoved:
		s.ServicesRemoved++
	case ServiceChanged:
		s.ServicesChanged++
	case ServiceKept:
		s.ServicesKept++
	}
	s.PackagesAdded += len(sd.Added)
	s.PackagesRemoved += len(sd.Removed)
	s.PackagesChanged += len(sd.Changed)
	s.PackagesKept += len(sd.Kept)
}

// Found reports whether the diff has anything to show.
func (r *DiffResult) Found() bool { return len(r.Services) > 0 }
