package answers

import (
	"cmp"
	"context"
	"math"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/internal/inventory"
	"github.com/sbomx/sbomx/internal/source"
)

// ServicesResult is the inventory as sbomx sees it ("sbomx services").
type ServicesResult struct {
	SchemaVersion int           `json:"schemaVersion"`
	Filter        *Filter       `json:"filter,omitempty"`
	Services      []ServiceInfo `json:"services"`
	// Unowned are services with no known owner; Unclaimed are SBOMs that no
	// inventory row or catalog entry claims (their service is a folder,
	// layout or root-name guess). Both are for platform teams to fix.
	Unowned   []string `json:"unowned_services"`
	Unclaimed []string `json:"unclaimed_sboms"`
	Coverage  Coverage `json:"coverage"`
}

// ServiceInfo is one service of the inventory.
type ServiceInfo struct {
	Name string `json:"name"`
	// ID tells apart services that share a name (see inventory.Service.ID).
	ID                string   `json:"service_id"`
	NameSource        string   `json:"name_source"`
	Owner             *string  `json:"owner"`
	Owners            []string `json:"owners"`
	OwnerSource       *string  `json:"owner_source"`
	Product           *string  `json:"product"`
	ProductSource     *string  `json:"product_source"`
	Domain            string   `json:"domain,omitempty"`
	Lifecycle         string   `json:"lifecycle,omitempty"`
	Contact           string   `json:"contact,omitempty"`
	SBOMs             []string `json:"sboms"`
	Formats           []string `json:"sbom_formats"`
	RootNames         []string `json:"root_names"`
	Components        int      `json:"components"`
	HasDependencyData bool     `json:"has_dependency_data"`
	// PURLCoverage is the share of components that carry a purl (0 to 1).
	PURLCoverage float64 `json:"purl_coverage"`
}

// Services lists every service under the tree, with where its owner and
// product came from.
func Services(ctx context.Context, roots []Root, opt TreeOptions, filter Filter) (*ServicesResult, error) {
	tree, err := LoadTree(ctx, roots, opt, nil)
	if err != nil {
		return nil, err
	}
	if err := tree.checkFilter(ctx, opt, filter); err != nil {
		return nil, err
	}
	res := &ServicesResult{SchemaVersion: SchemaVersion, Services: []ServiceInfo{}, Unowned: []string{}, Unclaimed: []string{}, Coverage: coverage(tree)}
	if !filter.Empty() {
		res.Filter = &filter
	}
	info := map[string]*source.SBOMInfo{} // by path as shown
	for p, f := range tree.Files() {
		if f.SBOM != nil {
			info[p.Shown(f)] = f.SBOM
		}
	}
	for _, p := range tree.Parts {
		for _, svc := range p.Inventory.Services {
			if filter.Keep(svc) {
				res.add(svc, info)
			}
		}
	}
	slices.SortFunc(res.Services, func(a, b ServiceInfo) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.ID, b.ID))
	})
	slices.Sort(res.Unowned)
	slices.Sort(res.Unclaimed)
	return res, nil
}

// add lists one service; info describes its SBOMs, by path as shown.
func (res *ServicesResult) add(svc *inventory.Service, info map[string]*source.SBOMInfo) {
	s := ServiceInfo{
		Name: svc.Name, ID: svc.ID, NameSource: svc.NameSource, Owners: svc.Owners,
		Domain: svc.Domain, Lifecycle: svc.Lifecycle, Contact: svc.Contact,
		SBOMs: svc.SBOMs, RootNames: svc.RootNames, Formats: []string{},
	}
	if s.RootNames == nil {
		s.RootNames = []string{}
	}
	if svc.Owner != "" {
		s.Owner = &svc.Owner
	}
	if svc.OwnerSource != "" {
		s.OwnerSource = &svc.OwnerSource
	}
	if svc.Product != "" {
		s.Product, s.ProductSource = &svc.Product, &svc.ProductSource
	}
	withPURL := 0
	for _, f := range svc.SBOMs {
		in := info[f]
		s.Components += in.Components
		withPURL += in.Components - in.WithoutPURL
		s.HasDependencyData = s.HasDependencyData || in.HasDependencyData
		format := string(in.Format) + " " + in.SpecVersion
		if !slices.Contains(s.Formats, format) {
			s.Formats = append(s.Formats, format)
		}
		if !svc.Claimed {
			res.Unclaimed = append(res.Unclaimed, f)
		}
	}
	if s.Components > 0 {
		s.PURLCoverage = math.Round(1000*float64(withPURL)/float64(s.Components)) / 1000
	}
	if svc.Owner == "" {
		res.Unowned = append(res.Unowned, svc.Name)
	}
	res.Services = append(res.Services, s)
}
