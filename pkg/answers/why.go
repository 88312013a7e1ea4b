package answers

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/internal/graph"
	"github.com/sbomx/sbomx/internal/inventory"
	"github.com/sbomx/sbomx/internal/support/suggest"
	"github.com/sbomx/sbomx/pkg/model"
	"github.com/sbomx/sbomx/pkg/query"
)

// WhyResult answers "sbomx why SERVICE PACKAGE", the `npm explain` / `go
// mod why` view of one service: each component of its SBOMs that the query
// matches, with every dependency path from the SBOM's root to it (bounded),
// each hop with its version.
type WhyResult struct {
	SchemaVersion int          `json:"schemaVersion"`
	Service       ServiceRef   `json:"service"`
	Query         *query.Query `json:"query"`
	Matches       []WhyMatch   `json:"matches"`
	Coverage      Coverage     `json:"coverage"`
}

// ServiceRef names a service and who answers for it.
type ServiceRef struct {
	Name    string  `json:"name"`
	ID      string  `json:"service_id"`
	Owner   *string `json:"owner"`
	Product *string `json:"product"`
}

// WhyMatch is one matching component of one SBOM of the service.
type WhyMatch struct {
	SBOM           string  `json:"sbom"`
	Package        Package `json:"package"`
	Relation       string  `json:"relation"` // direct, transitive, present (no path recorded)
	VersionUnknown string  `json:"version_unknown,omitempty"`
	// Paths, shortest first, at most the asked bound; each from the SBOM's
	// root (first hop) to the package (last hop).
	Paths [][]Hop `json:"paths"`
	// PathsTotal is how many paths there are, counted up to whyCount;
	// PathsTotalAtLeast says the count stopped there.
	PathsTotal        int  `json:"paths_total"`
	PathsTotalAtLeast bool `json:"paths_total_at_least,omitempty"`
	RootEdgesInferred bool `json:"root_edges_inferred"`
}

// Hop is one component on a path.
type Hop struct {
	Name    string `json:"name"`
	Version string `json:"version"`
	Ref     string `json:"bom_ref"`
}

// whyCount bounds the counting of paths: a dense graph has more paths
// than anyone reads, and "at least 1,000" says enough.
const whyCount = 1000

// ServiceError is a SERVICE that names no service, or several.
type ServiceError struct {
	Value   string
	Closest []string // the nearest names, when none matched
	Several []string // the IDs, when several services have that name
}

func (e *ServiceError) Error() string {
	switch {
	case len(e.Several) > 0:
		return fmt.Sprintf("service %q: %d services have this name; name one by its id: %s", e.Value, len(e.Several), strings.Join(e.Several, ", "))
	case len(e.Closest) > 0:
		return fmt.Sprintf("service %q: no such service; closest: %s", e.Value, strings.Join(e.Closest, ", "))
	}
	return fmt.Sprintf("service %q: no such service", e.Value)
}

// Why reads the tree and explains how q got into service (a name or a
// service id), with up to maxPaths paths per match.
func Why(ctx context.Context, roots []Root, opt TreeOptions, service string, q *query.Query, maxPaths int) (*WhyResult, error) {
	opt.Prefilter = query.NewPrefilter([]*query.Query{q})
	opt.SkipHashes = q.Kind != query.KindHash
	tree, err := LoadTree(ctx, roots, opt, func(file string, doc *model.Document, g *graph.Graph) any {
		return whyMatches(file, doc, g, q, maxPaths)
	})
	if err != nil {
		return nil, err
	}
	svc, err := tree.findService(service)
	if err != nil {
		return nil, err
	}
	res := &WhyResult{SchemaVersion: SchemaVersion, Query: q, Matches: []WhyMatch{}, Coverage: coverage(tree),
		Service: ServiceRef{Name: svc.Name, ID: svc.ID, Owner: optional(svc.Owner), Product: optional(svc.Product)}}
	for p, f := range tree.Files() {
		if p.ServiceOf(f) == svc {
			ms, _ := f.Result.([]WhyMatch)
			for _, m := range ms {
				m.SBOM = p.Shown(f) // the result may be a cached one's (source.Cache)
				res.Matches = append(res.Matches, m)
			}
		}
	}
	slices.SortFunc(res.Matches, func(a, b WhyMatch) int {
		return cmp.Or(strings.Compare(a.SBOM, b.SBOM), strings.Compare(a.Package.Name, b.Package.Name), strings.Compare(a.Package.Version, b.Package.Version), strings.Compare(a.Package.BOMRef, b.Package.BOMRef))
	})
	return res, nil
}

func optional(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// findService is the service whose id is s, else the one named s.
func (t *Tree) findService(s string) (*inventory.Service, error) {
	var named []*inventory.Service
	var names []string
	for _, p := range t.Parts {
		for _, svc := range p.Inventory.Services {
			if svc.ID == s {
				return svc, nil
			}
			if svc.Name == s {
				named = append(named, svc)
			}
			names = append(names, svc.Name, svc.ID)
		}
	}
	switch len(named) {
	case 1:
		return named[0], nil
	case 0:
		return nil, &ServiceError{Value: s, Closest: suggest.Closest(s, names, 3)}
	}
	e := &ServiceError{Value: s}
	for _, svc := range named {
		e.Several = append(e.Several, svc.ID)
	}
	return nil, e
}

// whyMatches are the components of one SBOM q matches, with their paths.
func whyMatches(file string, doc *model.Document, g *graph.Graph, q *query.Query, maxPaths int) []WhyMatch {
	var out []WhyMatch
	for i := range doc.Components {
		c := &doc.Components[i]
		ok, unknown := q.Match(c)
		if !ok && unknown == nil {
			continue
		}
		m := WhyMatch{SBOM: file, Relation: Present, Paths: [][]Hop{}, RootEdgesInferred: g.RootEdgesInferred,
			Package: Package{Name: c.DisplayName(), Version: c.Version, PURL: c.PURL, BOMRef: c.Ref, ID: c.ID.String()}}
		if unknown != nil {
			m.VersionUnknown = unknown.Error()
		}
		node := graph.NodeOf(i)
		all := g.Paths(node, whyCount)
		m.PathsTotal, m.PathsTotalAtLeast = len(all), len(all) == whyCount
		for _, p := range all[:min(len(all), maxPaths)] {
			hops := make([]Hop, len(p))
			for j, n := range p {
				c := g.Nodes[n]
				hops[j] = Hop{Name: c.DisplayName(), Version: c.Version, Ref: c.Ref}
			}
			m.Paths = append(m.Paths, hops)
		}
		if len(all) > 0 {
			m.Relation = Transitive
			if len(all[0]) == 2 {
				m.Relation = Direct
			}
		}
		out = append(out, m)
	}
	return out
}
