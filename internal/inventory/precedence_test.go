package inventory_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sbomx/sbomx/internal/inventory"
	"github.com/sbomx/sbomx/pkg/model"
)

// One service, payments/ledger, that every source has something to say about.
const (
	precInventory = "service,owner,product,sbom\n" +
		"ledger,@acme/team-inv,inv-product,payments/**\n"
	precCatalog = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ledger
spec:
  owner: group:default/team-backstage
  system: system:default/backstage-system
`
	precLeanIX = `name: ledger
teams:
  - name: team-leanix
applications:
  - leanix-app
  - other-app
`
	precCodeowners = "/payments/ @acme/team-co\n"
)

type precSources struct {
	inventory, catalog, leanix, codeowners, layout bool
}

func precInput(s precSources, precedence []string) inventory.Input {
	in := inventory.Input{
		SBOMs: []inventory.SBOM{{
			Path: "payments/ledger/sbom.cdx.json", RootName: "ledger",
			Meta: model.Meta{Supplier: model.Party{Name: "Organization: team-z (z@x)", Field: "metadata.component.supplier"}},
		}},
		Files:  map[string][]byte{},
		Config: inventory.Config{Precedence: precedence},
	}
	if s.inventory {
		in.Inventories = []inventory.File{{Name: "inv.csv", Data: []byte(precInventory)}}
	}
	if s.catalog {
		in.Files["payments/ledger/catalog-info.yaml"] = []byte(precCatalog)
	}
	if s.leanix {
		in.Files["payments/ledger/leanix.yaml"] = []byte(precLeanIX)
	}
	if s.codeowners {
		in.Files["CODEOWNERS"] = []byte(precCodeowners)
	}
	if s.layout {
		in.Config.Layout = "{product}/{service}"
	}
	return in
}

func TestResolvePrecedence(t *testing.T) {
	all := precSources{inventory: true, catalog: true, leanix: true, codeowners: true, layout: true}
	tests := []struct {
		name       string
		sources    precSources
		precedence []string
		// want: owner and product, and the prefixes of their sources
		owner, ownerSource     string
		product, productSource string
	}{
		{
			name: "inventory first", sources: all,
			owner: "team-inv", ownerSource: "inventory: inv.csv:2",
			product: "inv-product", productSource: "inventory: inv.csv:2",
		},
		{
			name:    "then the catalog in the service's folder",
			sources: precSources{catalog: true, leanix: true, codeowners: true, layout: true},
			owner:   "team-backstage", ownerSource: "catalog-info.yaml: payments/ledger/catalog-info.yaml",
			product: "backstage-system", productSource: "catalog-info.yaml: payments/ledger/catalog-info.yaml",
		},
		{
			name:    "then leanix.yaml",
			sources: precSources{leanix: true, codeowners: true, layout: true},
			owner:   "team-leanix", ownerSource: "leanix.yaml: payments/ledger/leanix.yaml",
			product: "leanix-app", productSource: "leanix.yaml: payments/ledger/leanix.yaml",
		},
		{
			name:    "then CODEOWNERS for the owner and the layout for the product",
			sources: precSources{codeowners: true, layout: true},
			owner:   "team-co", ownerSource: "CODEOWNERS: CODEOWNERS:1",
			product: "payments", productSource: "layout:",
		},
		{
			name:    "then the SBOM's metadata",
			sources: precSources{layout: true},
			owner:   "team-z", ownerSource: "sbom: payments/ledger/sbom.cdx.json",
			product: "payments", productSource: "layout:",
		},
		{
			name:  "no layout: no product from folder names",
			owner: "team-z", ownerSource: "sbom:",
		},
		{
			name: "precedence codeowners, sbom: no product source listed", sources: all,
			precedence: []string{inventory.SourceCodeowners, inventory.SourceSBOM},
			owner:      "team-co", ownerSource: "CODEOWNERS:",
		},
		{
			name: "precedence sbom only", sources: all,
			precedence: []string{inventory.SourceSBOM},
			owner:      "team-z", ownerSource: "sbom:",
		},
		{
			name: "precedence sbom, codeowners", sources: all,
			precedence: []string{inventory.SourceSBOM, inventory.SourceCodeowners},
			owner:      "team-z", ownerSource: "sbom:",
		},
		{
			name: "owner and product are decided separately", sources: all,
			precedence: []string{inventory.SourceLayout, inventory.SourceLeanIX, inventory.SourceInventory},
			owner:      "team-leanix", ownerSource: "leanix.yaml:",
			product: "payments", productSource: "layout:",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := inventory.Resolve(precInput(tt.sources, tt.precedence))
			if len(inv.Warnings) > 0 {
				t.Errorf("warnings: %+v", inv.Warnings)
			}
			if len(inv.Services) != 1 {
				t.Fatalf("got %d services, want 1: %+v", len(inv.Services), inv.Services)
			}
			svc := inv.Services[0]
			if svc.Name != "ledger" {
				t.Errorf("Name = %q, want ledger", svc.Name)
			}
			if svc.Owner != tt.owner || svc.Product != tt.product {
				t.Errorf("Owner, Product = %q, %q; want %q, %q", svc.Owner, svc.Product, tt.owner, tt.product)
			}
			checkPrefix(t, "OwnerSource", svc.OwnerSource, tt.ownerSource)
			checkPrefix(t, "ProductSource", svc.ProductSource, tt.productSource)
		})
	}
}

// checkPrefix wants got to start with prefix, or to be "" when prefix is.
func checkPrefix(t *testing.T, field, got, prefix string) {
	t.Helper()
	if prefix == "" && got != "" || !strings.HasPrefix(got, prefix) {
		t.Errorf("%s = %q, want prefix %q", field, got, prefix)
	}
}

// An inventory row may give a product and no owner: the owner then comes
// from the next source.
func TestResolveInventoryRowWithoutOwner(t *testing.T) {
	in := precInput(precSources{catalog: true}, nil)
	in.Inventories = []inventory.File{{Name: "inv.csv", Data: []byte("sbom,product\npayments/ledger/*,inv-product\n")}}
	inv := inventory.Resolve(in)
	if len(inv.Services) != 1 {
		t.Fatalf("got %d services, want 1", len(inv.Services))
	}
	svc := inv.Services[0]
	if svc.Owner != "team-backstage" || svc.Product != "inv-product" {
		t.Errorf("Owner, Product = %q, %q; want team-backstage, inv-product", svc.Owner, svc.Product)
	}
	checkPrefix(t, "OwnerSource", svc.OwnerSource, "catalog-info.yaml:")
	checkPrefix(t, "ProductSource", svc.ProductSource, "inventory: inv.csv:2")
	// A row without a service name does not name the service.
	if svc.Name != "ledger" || svc.NameSource != "catalog-info.yaml" || !svc.Claimed {
		t.Errorf("Name, NameSource, Claimed = %q, %q, %v; want ledger, catalog-info.yaml, true", svc.Name, svc.NameSource, svc.Claimed)
	}
}

func TestResolveInventoryRows(t *testing.T) {
	const rows = "service,owner,sbom\n" +
		"payments-core,@acme/team-pay,payments/**\n" + // line 2: two folders, one service
		"cart,team-cart,\n" + // line 3: by name
		"ghost,team-g,\n" + // line 4: no such service
		",team-n,nowhere/**\n" // line 5: no such SBOM
	in := inventory.Input{
		SBOMs: []inventory.SBOM{
			{Path: "payments/worker/sbom.cdx.json", RootName: "worker"},
			{Path: "payments/api/sbom.cdx.json", RootName: "github.com/acme/api"},
			{Path: "shop/cart/sbom.cdx.json", RootName: "cart"},
		},
		Inventories: []inventory.File{{Name: "owners/inv.csv", Data: []byte(rows)}},
	}
	inv := inventory.Resolve(in)
	want := []*inventory.Service{
		{
			Key: "dir:shop/cart", ID: "shop/cart", Name: "cart", NameSource: "folder", Dir: "shop/cart",
			Owner: "team-cart", Owners: []string{"team-cart"},
			SBOMs: []string{"shop/cart/sbom.cdx.json"}, RootNames: []string{"cart"},
			Claimed: true,
		},
		{
			Key: "name:payments-core", ID: "payments/api#payments-core", Name: "payments-core", NameSource: "inventory", Dir: "payments/api",
			Owner: "team-pay", Owners: []string{"team-pay"},
			SBOMs:     []string{"payments/api/sbom.cdx.json", "payments/worker/sbom.cdx.json"},
			RootNames: []string{"github.com/acme/api", "worker"},
			Claimed:   true,
		},
	}
	opts := []cmp.Option{cmpopts.IgnoreFields(inventory.Service{}, "OwnerSource", "ProductSource"), cmpopts.EquateEmpty()}
	if diff := cmp.Diff(want, inv.Services, opts...); diff != "" {
		t.Errorf("services mismatch (-want +got):\n%s", diff)
	}
	for _, svc := range inv.Services {
		checkPrefix(t, svc.Name+" OwnerSource", svc.OwnerSource, "inventory: owners/inv.csv:")
	}
	if got := inv.ServiceOf("payments/worker/sbom.cdx.json"); got == nil || got.Name != "payments-core" {
		t.Errorf("ServiceOf(payments/worker/sbom.cdx.json) = %+v, want payments-core", got)
	}
	wantWarnings := []inventory.Warning{
		{File: "owners/inv.csv", Line: 4, Message: "row names no SBOM in the tree (service ghost)"},
		{File: "owners/inv.csv", Line: 5, Message: "row names no SBOM in the tree (sbom nowhere/**)"},
	}
	if diff := cmp.Diff(wantWarnings, inv.Warnings); diff != "" {
		t.Errorf("warnings mismatch (-want +got):\n%s", diff)
	}
}

// Parse problems in inventory files are warnings with the file and line;
// the good rows still count.
func TestResolveInventoryParseWarnings(t *testing.T) {
	in := inventory.Input{
		SBOMs: []inventory.SBOM{{Path: "a/svc/sbom.cdx.json"}},
		Inventories: []inventory.File{
			{Name: "inv.csv", Data: []byte("service,owner\n,team-x\nsvc,team-a\n\"broken\n")},
			{Name: "inv.yaml", Data: []byte("just text\n")},
		},
	}
	inv := inventory.Resolve(in)
	if len(inv.Services) != 1 || inv.Services[0].Owner != "team-a" {
		t.Fatalf("services %+v, want svc owned by team-a", inv.Services)
	}
	type fileLine struct {
		File string
		Line int
	}
	var got []fileLine
	for _, w := range inv.Warnings {
		got = append(got, fileLine{w.File, w.Line})
	}
	want := []fileLine{{"inv.csv", 2}, {"inv.csv", 4}, {"inv.yaml", 1}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("warnings mismatch (-want +got):\n%s\nall: %+v", diff, inv.Warnings)
	}
}

func TestResolveBackstage(t *testing.T) {
	files := map[string][]byte{
		// Claims the SBOMs in its dist/ subfolder; no owner of its own.
		"apps/web/catalog-info.yaml": []byte(`apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: web-frontend
  annotations:
    sbomx.dev/sbom: "dist/*.json"
spec:
  lifecycle: production
  system: system:default/storefront
`),
		"apps/api/catalog-info.yaml": []byte(`kind: Component
metadata:
  name: api-svc
spec:
  owner: group:default/team-web
  system: storefront
`),
		// System and Groups elsewhere in the tree.
		"catalog/catalog-info.yaml": []byte(`kind: System
metadata:
  name: storefront
spec:
  owner: team-store
  domain: domain:default/commerce
---
kind: Group
metadata:
  name: team-store
spec:
  profile:
    email: store@acme.example
---
kind: Group
metadata:
  name: team-web
spec:
  profile:
    displayName: Web
    email: web@acme.example
`),
	}
	sboms := []inventory.SBOM{
		{Path: "apps/web/dist/web.cdx.json", RootName: "web"},
		{Path: "apps/web/dist/image.spdx.json", RootName: "web-image"},
		{Path: "apps/web/dist/sub/deep.cdx.json", RootName: "deep"}, // not *.json in dist/: its own folder
		{Path: "apps/api/sbom.cdx.json", RootName: "api"},
	}
	inv := inventory.Resolve(inventory.Input{SBOMs: sboms, Files: files})
	if len(inv.Warnings) > 0 {
		t.Errorf("warnings: %+v", inv.Warnings)
	}
	want := []*inventory.Service{
		{
			Key: "name:api-svc", ID: "apps/api#api-svc", Name: "api-svc", NameSource: "catalog-info.yaml", Dir: "apps/api",
			Owner: "team-web", Owners: []string{"team-web"}, Contact: "web@acme.example",
			Product: "storefront", Domain: "commerce",
			SBOMs: []string{"apps/api/sbom.cdx.json"}, RootNames: []string{"api"},
			Claimed: true,
		},
		{
			// Below the Component's folder but not claimed by it: it only
			// inherits the ancestor's owner.
			Key: "dir:apps/web/dist/sub", ID: "apps/web/dist/sub", Name: "sub", NameSource: "folder", Dir: "apps/web/dist/sub",
			Owner: "team-store", Owners: []string{"team-store"}, Contact: "store@acme.example",
			Product: "storefront", Domain: "commerce", Lifecycle: "production",
			SBOMs: []string{"apps/web/dist/sub/deep.cdx.json"}, RootNames: []string{"deep"},
		},
		{
			Key: "name:web-frontend", ID: "apps/web/dist#web-frontend", Name: "web-frontend", NameSource: "catalog-info.yaml", Dir: "apps/web/dist",
			Owner: "team-store", Owners: []string{"team-store"}, Contact: "store@acme.example",
			Product: "storefront", Domain: "commerce", Lifecycle: "production",
			SBOMs:     []string{"apps/web/dist/image.spdx.json", "apps/web/dist/web.cdx.json"},
			RootNames: []string{"web", "web-image"},
			Claimed:   true,
		},
	}
	opts := []cmp.Option{cmpopts.IgnoreFields(inventory.Service{}, "OwnerSource", "ProductSource"), cmpopts.EquateEmpty()}
	if diff := cmp.Diff(want, inv.Services, opts...); diff != "" {
		t.Errorf("services mismatch (-want +got):\n%s", diff)
	}
	sources := map[string]struct{ owner, product []string }{
		"api-svc":      {[]string{"catalog-info.yaml: apps/api/catalog-info.yaml:1", "spec.owner"}, []string{"catalog-info.yaml: apps/api/catalog-info.yaml:1", "spec.system"}},
		"web-frontend": {[]string{"catalog-info.yaml: catalog/catalog-info.yaml:1", "System storefront"}, []string{"catalog-info.yaml: apps/web/catalog-info.yaml:1", "dist/*.json"}},
		"sub":          {[]string{"catalog-info.yaml: catalog/catalog-info.yaml:1"}, []string{"catalog-info.yaml: apps/web/catalog-info.yaml:1", "ancestor"}},
	}
	for _, svc := range inv.Services {
		s := sources[svc.Name]
		checkPrefix(t, svc.Name+" OwnerSource", svc.OwnerSource, s.owner[0])
		checkMentions(t, svc.Name+" OwnerSource", svc.OwnerSource, s.owner)
		checkPrefix(t, svc.Name+" ProductSource", svc.ProductSource, s.product[0])
		checkMentions(t, svc.Name+" ProductSource", svc.ProductSource, s.product)
	}
}

func TestResolveClaimed(t *testing.T) {
	component := []byte("kind: Component\nmetadata:\n  name: svc\nspec:\n  owner: team-c\n")
	tests := []struct {
		name           string
		layout         string
		files          map[string][]byte
		inventory      string
		wantName       string
		wantNameSource string
		wantClaimed    bool
		wantOwner      string
	}{
		{name: "folder only", wantOwner: "", wantName: "svc", wantNameSource: "folder"},
		{name: "layout only", wantOwner: "", layout: "{product}/{service}", wantName: "svc", wantNameSource: "layout"},
		{name: "CODEOWNERS only", wantOwner: "team-x", files: map[string][]byte{"CODEOWNERS": []byte("* @acme/team-x\n")}, wantName: "svc", wantNameSource: "folder"},
		{name: "leanix.yaml only", wantOwner: "team-l", files: map[string][]byte{"p/svc/leanix.yaml": []byte("teams: [team-l]\n")}, wantName: "svc", wantNameSource: "folder"},
		{name: "catalog in an ancestor folder", wantOwner: "team-p", files: map[string][]byte{"p/catalog-info.yaml": []byte("kind: Component\nmetadata:\n  name: p-all\nspec:\n  owner: team-p\n")}, wantName: "svc", wantNameSource: "folder"},
		{name: "catalog in the folder", wantOwner: "team-c", files: map[string][]byte{"p/svc/catalog-info.yaml": component}, wantName: "svc", wantNameSource: "catalog-info.yaml", wantClaimed: true},
		{name: "catalog elsewhere, same name", wantOwner: "team-c", files: map[string][]byte{"catalog/catalog-info.yaml": component}, wantName: "svc", wantNameSource: "folder", wantClaimed: true},
		{name: "inventory by glob", wantOwner: "", inventory: "service,sbom\nrenamed,p/svc/*\n", wantName: "renamed", wantNameSource: "inventory", wantClaimed: true},
		{name: "inventory by name", wantOwner: "team-i", inventory: "service,owner\nsvc,team-i\n", wantName: "svc", wantNameSource: "folder", wantClaimed: true},
		{name: "inventory by name, layout service", wantOwner: "team-i", layout: "{product}/{service}", inventory: "service,owner\nsvc,team-i\n", wantName: "svc", wantNameSource: "layout", wantClaimed: true},
		{name: "inventory row for another service", wantOwner: "", inventory: "service,owner\nother,team-i\n", wantName: "svc", wantNameSource: "folder"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := inventory.Input{
				SBOMs:  []inventory.SBOM{{Path: "p/svc/sbom.cdx.json", RootName: "svc"}},
				Files:  tt.files,
				Config: inventory.Config{Layout: tt.layout},
			}
			if tt.inventory != "" {
				in.Inventories = []inventory.File{{Name: "inv.csv", Data: []byte(tt.inventory)}}
			}
			inv := inventory.Resolve(in)
			if len(inv.Services) != 1 {
				t.Fatalf("got %d services, want 1", len(inv.Services))
			}
			svc := inv.Services[0]
			type got struct {
				Name, NameSource string
				Claimed          bool
				Owner            string
			}
			if diff := cmp.Diff(got{tt.wantName, tt.wantNameSource, tt.wantClaimed, tt.wantOwner}, got{svc.Name, svc.NameSource, svc.Claimed, svc.Owner}); diff != "" {
				t.Errorf("service mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
