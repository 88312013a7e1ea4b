package answers

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"sync"

	"github.com/sbomx/sbomx/internal/graph"
	"github.com/sbomx/sbomx/internal/inventory"
	"github.com/sbomx/sbomx/internal/match/versions"
	"github.com/sbomx/sbomx/pkg/model"
	"github.com/sbomx/sbomx/pkg/query"
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

	svcs []int32 // while the catalog is built: the services, by index
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
	var uses []pkgUse
	var svcs []*inventory.Service
	svcIdx := map[string]int32{}
	for p, f := range tree.Files() {
		ss, _ := f.Result.([]pkgSighting)
		if len(ss) == 0 {
			continue
		}
		svc := p.ServiceOf(f)
		if !filter.Keep(svc) {
			continue
		}
		si, ok := svcIdx[svc.ID]
		if !ok {
			si = int32(len(svcs))
			svcIdx[svc.ID] = si
			svcs = append(svcs, svc)
		}
		for _, sg := range ss {
			uses = append(uses, pkgUse{key: sg.key, svc: si, depth: sg.depth})
		}
	}
	res.Packages = catalogOf(cat, uses, svcs)
	return res, nil
}

// pkgUse is one package version seen in one service's SBOM, in walk order.
type pkgUse struct{ key, svc, depth int32 }

// catalogOf turns the uses into the catalog: per package (id), per version,
// the services using it with their closest relation. It works on indexes,
// not maps of strings: a landscape of 5,000 services has millions of uses.
func catalogOf(cat *catalog, uses []pkgUse, svcs []*inventory.Service) []PackageInfo {
	rank, firstKey := rankKeys(cat, uses)
	// Group the uses by (id, version) rank, then service; keep the closest.
	slices.SortStableFunc(uses, func(a, b pkgUse) int {
		return cmp.Or(cmp.Compare(rank[a.key], rank[b.key]), cmp.Compare(a.svc, b.svc))
	})
	var out []PackageInfo
	seen := make([]int, len(svcs)) // services of the current package: its ordinal + 1
	for i := 0; i < len(uses); {
		id := cat.keys[uses[i].key].id
		first := cat.keys[firstKey[id]]
		p := PackageInfo{ID: id, Name: first.name, Ecosystem: first.eco}
		for i < len(uses) && cat.keys[uses[i].key].id == id {
			var v VersionInfo
			v, i = versionAt(cat, uses, i, rank, svcs)
			for _, si := range v.svcs {
				if seen[si] != len(out)+1 {
					seen[si] = len(out) + 1
					p.Services++
				}
			}
			v.svcs = nil
			p.Versions = append(p.Versions, v)
		}
		slices.SortFunc(p.Versions, func(a, b VersionInfo) int {
			if c, err := versions.Compare(p.Ecosystem, a.Version, b.Version); err == nil && c != 0 {
				return c
			}
			return strings.Compare(a.Version, b.Version)
		})
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b PackageInfo) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	if out == nil {
		out = []PackageInfo{}
	}
	return out
}

// rankKeys orders the catalog's keys by (id, version), equal pairs sharing
// a rank (a package version whose name is spelled two ways is one version),
// and finds for each id the key of its first use in walk order, whose name
// and ecosystem the package is shown with.
func rankKeys(cat *catalog, uses []pkgUse) (rank []int32, firstKey map[string]int32) {
	order := make([]int32, len(cat.keys))
	for i := range order {
		order[i] = int32(i)
	}
	byIDVersion := func(a, b int32) int {
		ka, kb := &cat.keys[a], &cat.keys[b]
		return cmp.Or(strings.Compare(ka.id, kb.id), strings.Compare(ka.version, kb.version))
	}
	slices.SortFunc(order, byIDVersion)
	rank = make([]int32, len(cat.keys))
	for i, k := range order {
		if i > 0 && byIDVersion(order[i-1], k) == 0 {
			rank[k] = rank[order[i-1]]
		} else {
			rank[k] = int32(i)
		}
	}
	firstKey = map[string]int32{}
	for _, u := range uses {
		if _, ok := firstKey[cat.keys[u.key].id]; !ok {
			firstKey[cat.keys[u.key].id] = u.key
		}
	}
	return rank, firstKey
}

// versionAt reads the run of uses from i that share i's (id, version): one
// VersionInfo, and where the next run starts.
func versionAt(cat *catalog, uses []pkgUse, i int, rank []int32, svcs []*inventory.Service) (VersionInfo, int) {
	r := rank[uses[i].key]
	v := VersionInfo{Version: cat.keys[uses[i].key].version}
	for i < len(uses) && rank[uses[i].key] == r {
		si, depth := uses[i].svc, int(uses[i].depth)
		for i++; i < len(uses) && rank[uses[i].key] == r && uses[i].svc == si; i++ {
			if d := int(uses[i].depth); closer(d, depth) {
				depth = d
			}
		}
		switch {
		case depth == 1:
			v.Direct++
		case depth > 1:
			v.Transitive++
		default:
			v.Present++
		}
		v.Services++
		v.svcs = append(v.svcs, si)
	}
	v.Names = make([]string, len(v.svcs))
	v.IDs = make([]string, len(v.svcs))
	for j, si := range v.svcs {
		v.Names[j], v.IDs[j] = svcs[si].Name, svcs[si].ID
	}
	slices.Sort(v.Names)
	slices.Sort(v.IDs)
	return v, i
}

// closer reports whether depth a is a closer relation than b (-1 = none).
func closer(a, b int) bool {
	if a < 0 {
		return false
	}
	return b < 0 || a < b
}
