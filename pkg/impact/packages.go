package impact

import (
	"cmp"
	"context"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/pkg/graph"
	"github.com/sbomx/sbomx/pkg/model"
	"github.com/sbomx/sbomx/pkg/query"
	"github.com/sbomx/sbomx/pkg/versions"
)

// PackagesResult is the landscape's library catalog ("sbomx packages"):
// every package, its versions, and how many services use each.
type PackagesResult struct {
	SchemaVersion int            `json:"schemaVersion"`
	Queries       []*query.Query `json:"queries,omitempty"`
	Filter        *Filter        `json:"filter,omitempty"`
	Packages      []PackageInfo  `json:"packages"`
	Coverage      Coverage       `json:"coverage"`
}

// PackageInfo is one package (normalised identity) across the landscape.
type PackageInfo struct {
	ID        string        `json:"id"`   // version-less purl, or the name when there is none
	Name      string        `json:"name"` // as people read it
	Ecosystem string        `json:"ecosystem"`
	Services  int           `json:"services"` // services using any version
	Versions  []VersionInfo `json:"versions"`
}

// VersionInfo counts the services using one version; each service counts
// once, with its closest relation (direct before transitive before present).
type VersionInfo struct {
	Version    string   `json:"version"`
	Services   int      `json:"services"`
	Direct     int      `json:"direct"`
	Transitive int      `json:"transitive"`
	Present    int      `json:"present"`
	Names      []string `json:"service_names"`
	IDs        []string `json:"service_ids"` // services may share a name
}

type pkgSighting struct {
	id, name, eco, version string
	depth                  int // -1: present only
}

// Packages lists every package under the tree, or those the queries match.
func Packages(ctx context.Context, roots []Root, opt TreeOptions, qs []*query.Query, filter Filter) (*PackagesResult, error) {
	tree, err := LoadTree(ctx, roots, opt, func(file string, doc *model.Document, g *graph.Graph) any {
		var out []pkgSighting
		for i := range doc.Components {
			c := &doc.Components[i]
			if c.IsFile() || len(qs) > 0 && !slices.ContainsFunc(qs, func(q *query.Query) bool { return q.Matches(c) }) {
				continue
			}
			out = append(out, pkgSighting{id: c.ID.String(), name: c.DisplayName(), eco: c.ID.Type, version: c.Version, depth: g.Depth(graph.NodeOf(i))})
		}
		return out
	})
	if err != nil {
		return nil, err
	}
	if err := tree.checkFilter(ctx, opt, filter); err != nil {
		return nil, err
	}
	res := &PackagesResult{SchemaVersion: SchemaVersion, Queries: qs, Packages: []PackageInfo{}, Coverage: coverage(tree)}
	if !filter.Empty() {
		res.Filter = &filter
	}
	type verKey struct{ id, version string }
	type svcUse struct {
		name  string
		depth int
	}
	uses := map[verKey]map[string]svcUse{} // service key -> closest use
	pkgs := map[string]*PackageInfo{}
	for p, f := range tree.Files() {
		ss, _ := f.Result.([]pkgSighting)
		if len(ss) == 0 {
			continue
		}
		svc := p.ServiceOf(f)
		if !filter.Keep(svc) {
			continue
		}
		for _, s := range ss {
			if pkgs[s.id] == nil {
				pkgs[s.id] = &PackageInfo{ID: s.id, Name: s.name, Ecosystem: s.eco}
			}
			k := verKey{s.id, s.version}
			if uses[k] == nil {
				uses[k] = map[string]svcUse{}
			}
			u, seen := uses[k][svc.ID]
			if !seen || closer(s.depth, u.depth) {
				uses[k][svc.ID] = svcUse{name: svc.Name, depth: s.depth}
			}
		}
	}
	services := map[string]map[string]bool{}
	for k, m := range uses {
		v := VersionInfo{Version: k.version, Names: []string{}, IDs: []string{}}
		for id, u := range m {
			v.Services++
			switch {
			case u.depth == 1:
				v.Direct++
			case u.depth > 1:
				v.Transitive++
			default:
				v.Present++
			}
			v.Names = append(v.Names, u.name)
			v.IDs = append(v.IDs, id)
			if services[k.id] == nil {
				services[k.id] = map[string]bool{}
			}
			services[k.id][id] = true
		}
		slices.Sort(v.Names)
		slices.Sort(v.IDs)
		p := pkgs[k.id]
		p.Versions = append(p.Versions, v)
	}
	for id, p := range pkgs {
		p.Services = len(services[id])
		slices.SortFunc(p.Versions, func(a, b VersionInfo) int {
			if c, err := versions.Compare(p.Ecosystem, a.Version, b.Version); err == nil && c != 0 {
				return c
			}
			return strings.Compare(a.Version, b.Version)
		})
		res.Packages = append(res.Packages, *p)
	}
	slices.SortFunc(res.Packages, func(a, b PackageInfo) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	return res, nil
}

// closer reports whether depth a is a closer relation than b (-1 = none).
func closer(a, b int) bool {
	if a < 0 {
		return false
	}
	return b < 0 || a < b
}
