package answers

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/internal/inventory"
	"github.com/sbomx/sbomx/internal/source"
	"github.com/sbomx/sbomx/internal/support/suggest"
)

// Filter narrows an answer to some owners and products (--owner, --product,
// each repeatable): a service is kept when one of its owners is one of
// Owners (any spelling of a team id) and its product is one of Products;
// an empty list lets every service through.
type Filter struct {
	Owners   []string `json:"owners"`
	Products []string `json:"products"`
	// Owner and Product are Owners and Products joined with ", ", under the
	// names the first releases printed (the contract only adds fields).
	Owner   string `json:"Owner"`
	Product string `json:"Product"`
}

// NewFilter is the filter of those owners and products.
func NewFilter(owners, products []string) Filter {
	// Lists of the JSON contract are never null (jq's .[] fails on null).
	if owners == nil {
		owners = []string{}
	}
	if products == nil {
		products = []string{}
	}
	return Filter{Owners: owners, Products: products, Owner: strings.Join(owners, ", "), Product: strings.Join(products, ", ")}
}

// Empty reports whether the filter lets everything through.
func (f Filter) Empty() bool { return len(f.Owners) == 0 && len(f.Products) == 0 }

// Keep reports whether a service passes the filter.
func (f Filter) Keep(svc *inventory.Service) bool {
	if len(f.Owners) > 0 && !slices.ContainsFunc(svc.Owners, func(o string) bool { return slices.Contains(f.ownerIDs(), strings.ToLower(o)) }) {
		return false
	}
	return len(f.Products) == 0 || slices.ContainsFunc(f.Products, func(p string) bool { return strings.EqualFold(svc.Product, p) })
}

// ownerIDs are Owners as the lower-case team ids services carry.
func (f Filter) ownerIDs() []string {
	out := make([]string, len(f.Owners))
	for i, o := range f.Owners {
		out[i] = strings.ToLower(inventory.TeamID(o))
	}
	return out
}

// FilterError is a filter value that no service of the tree has: a typo,
// not a clean answer (an empty result would read as "not affected").
type FilterError struct {
	Kind    string   // "owner" or "product"
	Value   string   // as given
	Closest []string // the known values nearest to it, nearest first (at most 3)
}

func (e *FilterError) Error() string {
	msg := fmt.Sprintf("%s %q: no service has this %s", e.Kind, e.Value, e.Kind)
	if len(e.Closest) == 0 {
		return msg + "; no service has a known " + e.Kind
	}
	return msg + "; closest: " + strings.Join(e.Closest, ", ")
}

// checkFilter returns a *FilterError for the first value of f that names
// no service of the tree. Owners named only in the metadata of SBOMs the
// byte search ruled out are not known yet, so before saying "no service"
// those SBOMs are decoded and the services resolved again.
func (t *Tree) checkFilter(ctx context.Context, opt TreeOptions, f Filter) error {
	err := t.filterMiss(f)
	if err == nil || !t.prefiltered() {
		return err
	}
	if err := t.ReloadHitServices(ctx, opt, func(source.File) bool { return true }); err != nil {
		return err
	}
	return t.filterMiss(f)
}

func (t *Tree) filterMiss(f Filter) error {
	var owners, products []string
	for _, p := range t.Parts {
		for _, svc := range p.Inventory.Services {
			owners = append(owners, svc.Owners...)
			if svc.Product != "" {
				products = append(products, svc.Product)
			}
		}
	}
	lower := func(s []string) []string {
		out := make([]string, len(s))
		for i, v := range s {
			out[i] = strings.ToLower(v)
		}
		return out
	}
	for i, id := range f.ownerIDs() {
		if !slices.Contains(lower(owners), id) {
			return &FilterError{Kind: "owner", Value: f.Owners[i], Closest: suggest.Closest(id, owners, 3)}
		}
	}
	for _, p := range f.Products {
		if !slices.ContainsFunc(products, func(q string) bool { return strings.EqualFold(p, q) }) {
			return &FilterError{Kind: "product", Value: p, Closest: suggest.Closest(p, products, 3)}
		}
	}
	return nil
}

// prefiltered reports whether the byte search ruled any SBOM out.
func (t *Tree) prefiltered() bool {
	for _, f := range t.Files() {
		if f.SBOM != nil && f.SBOM.Prefiltered {
			return true
		}
	}
	return false
}
