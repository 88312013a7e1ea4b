package impact

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"

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

// pkgVersion is one package version of the catalog; sightings refer to it
// by index, so a package seen in a thousand SBOMs is held once.
type pkgVersion struct {
	id, name, eco, version string
}

// pkgSighting is one package version seen in one SBOM.
type pkgSighting struct {
	key   int32 // index into catalog.keys
	depth int32 // -1: present only
}

// catalog interns the package versions the workers see: the visitor runs
// on every core, and what it keeps of each SBOM outlives the SBOM, so it is
// kept as small as the landscape's distinct packages, not its components.
type catalog struct {
	mu    sync.Mutex
	index map[pkgVersion]int32
	keys  []pkgVersion
}

// intern returns k's index, copying its strings the first time so that
// they do not hold on to the decoded document.
func (c *catalog) intern(k pkgVersion) int32 {
	c.mu.Lock()
	defer c.mu.Unlock()
	if i, ok := c.index[k]; ok {
		return i
	}
	i := int32(len(c.keys))
	k = pkgVersion{strings.Clone(k.id), strings.Clone(k.name), strings.Clone(k.eco), strings.Clone(k.version)}
	c.index[k] = i
	c.keys = append(c.keys, k)
	return i
}

// Packages lists every package under the tree, or those the queries match.
func Packages(ctx context.Context, roots []Root, opt TreeOptions, qs []*query.Query, filter Filter) (*PackagesResult, error) {
	cat := &catalog{index: map[pkgVersion]int32{}}
	tree, err := LoadTree(ctx, roots, opt, func(file string, doc *model.Document, g *graph.Graph) any {
		var out []pkgSighting
		for i := range doc.Components {
			c := &doc.Components[i]
			if c.IsFile() || len(qs) > 0 && !slices.ContainsFunc(qs, func(q *query.Query) bool { return q.Matches(c) }) {
				continue
			}
			k := cat.intern(pkgVersion{id: c.ID.String(), name: c.DisplayName(), eco: c.ID.Type, version: c.Version})
			out = append(out, pkgSighting{key: k, depth: int32(g.Depth(graph.NodeOf(i)))})
		}
		return slices.Clip(out)
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
		for _, sg := range ss {
			s, depth := cat.keys[sg.key], int(sg.depth)
			if pkgs[s.id] == nil {
				pkgs[s.id] = &PackageInfo{ID: s.id, Name: s.name, Ecosystem: s.eco}
			}
			k := verKey{s.id, s.version}
			if uses[k] == nil {
				uses[k] = map[string]svcUse{}
			}
			u, seen := uses[k][svc.ID]
			if !seen || closer(depth, u.depth) {
				uses[k][svc.ID] = svcUse{name: svc.Name, depth: depth}
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
