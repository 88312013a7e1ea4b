package inventory_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sbomx/sbomx/internal/inventory"
	"github.com/sbomx/sbomx/pkg/model"
)

const testCodeowners = `# fallback owners
/shop/               @acme/team-shop
/shop/cart/          @acme/team-cart @acme/team-web
/payments/orphan/
!bad                 @x
`

const webCatalog = `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: storefront-web
spec:
  type: website
  lifecycle: production
  owner: group:default/team-web
  system: system:default/shop
`

const paymentsCatalog = `apiVersion: backstage.io/v1alpha1
kind: System
metadata:
  name: payments
spec:
  owner: team-payments-core
`

func testTree() ([]inventory.SBOM, map[string][]byte) {
	sboms := []inventory.SBOM{
		// An application SBOM and its container image's, named differently.
		{Path: "shop/api/sbom.cdx.json", RootName: "github.com/acme/api"},
		{Path: "shop/api/container.cdx.json", RootName: "acme/api-image"},
		// CODEOWNERS wins over the SBOM's own metadata.
		{Path: "shop/cart/sbom.cdx.json", RootName: "cart", Meta: model.Meta{
			Properties: []model.Property{{Name: "acme:owner", Value: "team-x"}},
		}},
		// The catalog names the service and wins over CODEOWNERS (/shop/)
		// and metadata.
		{Path: "shop/web/sbom.cdx.json", RootName: "@acme/web", Meta: model.Meta{
			Supplier: model.Party{Name: "Organization: team-other (other@acme.example)", Field: "metadata.component.supplier"},
		}},
		// Metadata only: an owner property wins over the supplier.
		{Path: "payments/fraud/sbom.cdx.json", RootName: "fraud-scorer", Meta: model.Meta{
			Supplier:   model.Party{Name: "Organization: team-other", Field: "metadata.component.supplier"},
			Properties: []model.Property{{Name: "build", Value: "1"}, {Name: "acme:owner", Value: "team-fraud", Field: "metadata.component.properties"}},
		}},
		{Path: "payments/ledger/sbom.spdx.json", RootName: "ledger", Meta: model.Meta{
			Supplier: model.Party{Name: "Organization: team-fraud (fraud@acme.example)", Field: "described package's supplier"},
			Authors:  []model.Party{{Name: "Person: Jane Doe", Field: "described package's originator"}},
		}},
		// A CODEOWNERS rule without owners.
		{Path: "payments/orphan/sbom.cdx.json", RootName: "orphan"},
		// No owner anywhere.
		{Path: "misc/unowned/sbom.cdx.json", RootName: "unowned", Meta: model.Meta{Supplier: model.Party{Name: "NOASSERTION", Field: "metadata.component.supplier"}}},
		// A broken catalog next to the SBOM.
		{Path: "misc/broken/sbom.cdx.json", RootName: "broken"},
		// A flat folder with three different roots.
		{Path: "tools/a.cdx.json", RootName: "alpha"},
		{Path: "tools/b.cdx.json", RootName: "github.com/acme-corp/beta"},
		{Path: "tools/c.spdx.json", RootName: "gamma"},
		// SBOMs at the root of the tree.
		{Path: "x.cdx.json", RootName: "github.com/acme-corp/x"},
		{Path: "x-npm.cdx.json", RootName: "@acme/x"},
		{Path: "lonely.spdx.json"},
	}
	files := map[string][]byte{
		"CODEOWNERS":                    []byte(testCodeowners),
		"shop/web/catalog-info.yaml":    []byte(webCatalog),
		"payments/catalog-info.yaml":    []byte(paymentsCatalog),
		"misc/broken/catalog-info.yaml": []byte("kind: Component\nmetadata: {name: \"broken\n"),
		"docs/CODEOWNERS":               []byte("* @acme/ignored-because-root-file-wins\n"),
	}
	return sboms, files
}

func TestResolve(t *testing.T) {
	sboms, files := testTree()
	inv := inventory.Resolve(inventory.Input{SBOMs: sboms, Files: files})

	want := []*inventory.Service{
		{
			Key: "root:tools:alpha", ID: "tools#alpha", Name: "alpha", NameSource: "root component", Dir: "tools",
			SBOMs: []string{"tools/a.cdx.json"}, RootNames: []string{"alpha"},
		},
		{
			Key: "dir:shop/api", ID: "shop/api", Name: "api", NameSource: "folder", Dir: "shop/api",
			Owner: "team-shop", Owners: []string{"team-shop"},
			SBOMs:     []string{"shop/api/container.cdx.json", "shop/api/sbom.cdx.json"},
			RootNames: []string{"acme/api-image", "github.com/acme/api"},
		},
		{
			Key: "root:tools:beta", ID: "tools#beta", Name: "beta", NameSource: "root component", Dir: "tools",
			SBOMs: []string{"tools/b.cdx.json"}, RootNames: []string{"github.com/acme-corp/beta"},
		},
		{
			Key: "dir:misc/broken", ID: "misc/broken", Name: "broken", NameSource: "folder", Dir: "misc/broken",
			SBOMs: []string{"misc/broken/sbom.cdx.json"}, RootNames: []string{"broken"},
		},
		{
			Key: "dir:shop/cart", ID: "shop/cart", Name: "cart", NameSource: "folder", Dir: "shop/cart",
			Owner: "team-cart", Owners: []string{"team-cart", "team-web"},
			SBOMs: []string{"shop/cart/sbom.cdx.json"}, RootNames: []string{"cart"},
		},
		{
			Key: "dir:payments/fraud", ID: "payments/fraud", Name: "fraud", NameSource: "folder", Dir: "payments/fraud",
			Owner: "team-fraud", Owners: []string{"team-fraud"}, Product: "payments",
			SBOMs: []string{"payments/fraud/sbom.cdx.json"}, RootNames: []string{"fraud-scorer"},
		},
		{
			Key: "root:tools:gamma", ID: "tools#gamma", Name: "gamma", NameSource: "root component", Dir: "tools",
			SBOMs: []string{"tools/c.spdx.json"}, RootNames: []string{"gamma"},
		},
		{
			Key: "dir:payments/ledger", ID: "payments/ledger", Name: "ledger", NameSource: "folder", Dir: "payments/ledger",
			Owner: "team-fraud", Owners: []string{"team-fraud"}, Product: "payments",
			SBOMs: []string{"payments/ledger/sbom.spdx.json"}, RootNames: []string{"ledger"},
		},
		{
			Key: "file:lonely.spdx.json", ID: "lonely", Name: "lonely", NameSource: "file name", Dir: ".",
			SBOMs: []string{"lonely.spdx.json"},
		},
		{
			Key: "dir:payments/orphan", ID: "payments/orphan", Name: "orphan", NameSource: "folder", Dir: "payments/orphan",
			Product: "payments",
			SBOMs:   []string{"payments/orphan/sbom.cdx.json"}, RootNames: []string{"orphan"},
		},
		{
			Key: "name:storefront-web", ID: "shop/web#storefront-web", Name: "storefront-web", NameSource: "catalog-info.yaml", Dir: "shop/web",
			Owner: "team-web", Owners: []string{"team-web"}, Product: "shop", Lifecycle: "production",
			SBOMs: []string{"shop/web/sbom.cdx.json"}, RootNames: []string{"@acme/web"}, Claimed: true,
		},
		{
			Key: "dir:misc/unowned", ID: "misc/unowned", Name: "unowned", NameSource: "folder", Dir: "misc/unowned",
			SBOMs: []string{"misc/unowned/sbom.cdx.json"}, RootNames: []string{"unowned"},
		},
		{
			Key: "root:.:x", ID: "x", Name: "x", NameSource: "root component", Dir: ".",
			SBOMs:     []string{"x-npm.cdx.json", "x.cdx.json"},
			RootNames: []string{"@acme/x", "github.com/acme-corp/x"},
		},
	}
	opts := []cmp.Option{
		cmpopts.IgnoreFields(inventory.Service{}, "OwnerSource", "ProductSource"),
		cmpopts.EquateEmpty(),
	}
	if diff := cmp.Diff(want, inv.Services, opts...); diff != "" {
		t.Errorf("Resolve services mismatch (-want +got):\n%s", diff)
	}

	// Every SBOM belongs to the service that lists it.
	for _, svc := range inv.Services {
		for _, f := range svc.SBOMs {
			if got := inv.ServiceOf(f); got != svc {
				t.Errorf("ServiceOf(%q) = %v, want service %q", f, got, svc.Key)
			}
		}
	}
	if got := inv.ServiceOf("nope.cdx.json"); got != nil {
		t.Errorf("ServiceOf(unknown) = %+v, want nil", got)
	}

	// Sources say which file (and CODEOWNERS line) decided.
	sources := []struct {
		key          string
		owner, prodt []string // substrings of OwnerSource and ProductSource; nil = want ""
	}{
		{"dir:shop/api", []string{"CODEOWNERS", "CODEOWNERS:2", "/shop/"}, nil},
		{"dir:shop/cart", []string{"CODEOWNERS", "CODEOWNERS:3", "/shop/cart/"}, nil},
		{"name:storefront-web", []string{"catalog-info.yaml", "shop/web/catalog-info.yaml", "storefront-web"}, []string{"shop/web/catalog-info.yaml", "spec.system"}},
		{"dir:payments/fraud", []string{"sbom", "payments/fraud/sbom.cdx.json", "acme:owner"}, []string{"payments/catalog-info.yaml", "System payments"}},
		{"dir:payments/ledger", []string{"sbom", "payments/ledger/sbom.spdx.json", "supplier"}, []string{"payments/catalog-info.yaml"}},
		{"dir:payments/orphan", []string{"CODEOWNERS:4", "/payments/orphan/", "no owner"}, []string{"payments/catalog-info.yaml"}},
		{"dir:misc/unowned", nil, nil},
		{"root:.:x", nil, nil},
	}
	byKey := map[string]*inventory.Service{}
	for _, svc := range inv.Services {
		byKey[svc.Key] = svc
	}
	for _, tt := range sources {
		t.Run("sources/"+tt.key, func(t *testing.T) {
			svc := byKey[tt.key]
			if svc == nil {
				t.Fatalf("no service %q", tt.key)
			}
			checkMentions(t, "OwnerSource", svc.OwnerSource, tt.owner)
			checkMentions(t, "ProductSource", svc.ProductSource, tt.prodt)
		})
	}

	// The bad CODEOWNERS line and the broken catalog are warnings, and
	// docs/CODEOWNERS is not read when CODEOWNERS exists.
	var gotFiles []string
	for _, w := range inv.Warnings {
		gotFiles = append(gotFiles, w.File)
		if w.File == "CODEOWNERS" && w.Line != 5 {
			t.Errorf("CODEOWNERS warning %+v, want it at line 5", w)
		}
	}
	if diff := cmp.Diff([]string{"CODEOWNERS", "misc/broken/catalog-info.yaml"}, gotFiles); diff != "" {
		t.Errorf("warning files mismatch (-want +got):\n%s", diff)
	}
}

func checkMentions(t *testing.T, field, got string, want []string) {
	t.Helper()
	if want == nil {
		if got != "" {
			t.Errorf("%s = %q, want empty", field, got)
		}
		return
	}
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s = %q, want it to mention %q", field, got, w)
		}
	}
}

func TestResolveOwnerPrecedence(t *testing.T) {
	meta := model.Meta{
		Supplier:     model.Party{Name: "Organization: team-supplier (s@acme.example)", Field: "metadata.component.supplier"},
		Manufacturer: model.Party{Name: "team-manufacturer", Field: "metadata.component.manufacturer"},
		Authors: []model.Party{
			{Name: "NOASSERTION", Field: "metadata.component.authors"},
			{Name: "Person: Jane Doe (jane@acme.example)", Field: "metadata.component.authors"},
		},
		Properties: []model.Property{{Name: "acme:owner", Value: "team-property", Field: "metadata.component.properties"}},
	}
	catalog := []byte("kind: Component\nmetadata:\n  name: svc\nspec:\n  owner: team-catalog\n")
	codeowners := []byte("/p/svc/ @acme/team-codeowners\n")
	tests := []struct {
		name       string
		meta       model.Meta
		files      map[string][]byte
		wantOwner  string
		wantSource string // prefix of OwnerSource
	}{
		{"catalog first", meta, map[string][]byte{"p/svc/catalog-info.yaml": catalog, ".github/CODEOWNERS": codeowners}, "team-catalog", "catalog-info.yaml: p/svc/catalog-info.yaml"},
		{"catalog in an ancestor", meta, map[string][]byte{"p/catalog-info.yaml": catalog, ".github/CODEOWNERS": codeowners}, "team-catalog", "catalog-info.yaml: p/catalog-info.yaml"},
		{"then CODEOWNERS", meta, map[string][]byte{".github/CODEOWNERS": codeowners}, "team-codeowners", "CODEOWNERS: .github/CODEOWNERS:1"},
		{"then docs/CODEOWNERS", meta, map[string][]byte{"docs/CODEOWNERS": codeowners}, "team-codeowners", "CODEOWNERS: docs/CODEOWNERS:1"},
		{"then owner property", meta, nil, "team-property", "sbom: p/svc/sbom.cdx.json (metadata.component.properties acme:owner)"},
		{"then supplier", model.Meta{Supplier: meta.Supplier, Manufacturer: meta.Manufacturer, Authors: meta.Authors}, nil, "team-supplier", "sbom: p/svc/sbom.cdx.json (metadata.component.supplier)"},
		{"then manufacturer", model.Meta{Supplier: model.Party{Name: "NOASSERTION"}, Manufacturer: meta.Manufacturer, Authors: meta.Authors}, nil, "team-manufacturer", "sbom: p/svc/sbom.cdx.json (metadata.component.manufacturer)"},
		{"then first author", model.Meta{Authors: meta.Authors}, nil, "Jane Doe", "sbom: p/svc/sbom.cdx.json (metadata.component.authors)"},
		{"nothing", model.Meta{}, nil, "", ""},
		{"catalog without owner falls through", model.Meta{}, map[string][]byte{"p/svc/catalog-info.yaml": []byte("kind: Component\nmetadata:\n  name: svc\n")}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := inventory.Resolve(inventory.Input{SBOMs: []inventory.SBOM{{Path: "p/svc/sbom.cdx.json", RootName: "svc", Meta: tt.meta}}, Files: tt.files})
			if len(inv.Services) != 1 {
				t.Fatalf("got %d services, want 1", len(inv.Services))
			}
			svc := inv.Services[0]
			if svc.Owner != tt.wantOwner {
				t.Errorf("Owner = %q, want %q", svc.Owner, tt.wantOwner)
			}
			if !strings.HasPrefix(svc.OwnerSource, tt.wantSource) || (tt.wantSource == "" && svc.OwnerSource != "") {
				t.Errorf("OwnerSource = %q, want prefix %q", svc.OwnerSource, tt.wantSource)
			}
		})
	}
}

func TestResolveServiceIdentity(t *testing.T) {
	tests := []struct {
		name  string
		sboms []inventory.SBOM
		files map[string][]byte
		want  map[string][]string // service name -> its SBOMs
	}{
		{
			name: "one SBOM in a service folder",
			sboms: []inventory.SBOM{
				{Path: "storefront/checkout-api/sbom.cdx.json", RootName: "@acme/checkout-api"},
			},
			want: map[string][]string{"checkout-api": {"storefront/checkout-api/sbom.cdx.json"}},
		},
		{
			name: "app and container SBOM with different roots",
			sboms: []inventory.SBOM{
				{Path: "logistics/x/sbom.spdx.json", RootName: "github.com/acme/x"},
				{Path: "logistics/x/container.cdx.json", RootName: "acme/x-image"},
			},
			want: map[string][]string{"x": {"logistics/x/container.cdx.json", "logistics/x/sbom.spdx.json"}},
		},
		{
			name: "three SBOMs of one root in a folder",
			sboms: []inventory.SBOM{
				{Path: "p/svc/a.cdx.json", RootName: "github.com/acme/svc"},
				{Path: "p/svc/b.cdx.json", RootName: "@acme/svc"},
				{Path: "p/svc/c.cdx.json", RootName: "SVC"},
			},
			want: map[string][]string{"svc": {"p/svc/a.cdx.json", "p/svc/b.cdx.json", "p/svc/c.cdx.json"}},
		},
		{
			name: "flat folder with three roots",
			sboms: []inventory.SBOM{
				{Path: "sboms/a.cdx.json", RootName: "alpha"},
				{Path: "sboms/b.cdx.json", RootName: "beta"},
				{Path: "sboms/c.cdx.json", RootName: "gamma"},
			},
			want: map[string][]string{
				"alpha": {"sboms/a.cdx.json"},
				"beta":  {"sboms/b.cdx.json"},
				"gamma": {"sboms/c.cdx.json"},
			},
		},
		{
			// syft's directory scans name their root "."; that names no
			// service, so unrelated projects are not merged.
			name: "flat folder of directory scans, root named .",
			sboms: []inventory.SBOM{
				{Path: "scans/billing.syft.json", RootName: "."},
				{Path: "scans/search.syft.json", RootName: "."},
				{Path: "scans/web.syft.json", RootName: "."},
			},
			want: map[string][]string{
				"billing": {"scans/billing.syft.json"},
				"search":  {"scans/search.syft.json"},
				"web":     {"scans/web.syft.json"},
			},
		},
		{
			name: "a directory scan in a service folder takes the folder's name",
			sboms: []inventory.SBOM{
				{Path: "shop/cart/sbom.syft.json", RootName: "."},
			},
			want: map[string][]string{"cart": {"shop/cart/sbom.syft.json"}},
		},
		{
			name: "flat folder with three SBOMs, catalog names one service",
			sboms: []inventory.SBOM{
				{Path: "sboms/a.cdx.json", RootName: "alpha"},
				{Path: "sboms/b.cdx.json", RootName: "beta"},
				{Path: "sboms/c.cdx.json", RootName: "gamma"},
			},
			files: map[string][]byte{"sboms/catalog-info.yaml": []byte("kind: Component\nmetadata:\n  name: monolith\n")},
			want:  map[string][]string{"monolith": {"sboms/a.cdx.json", "sboms/b.cdx.json", "sboms/c.cdx.json"}},
		},
		{
			name: "root SBOMs merge by short root name",
			sboms: []inventory.SBOM{
				{Path: "x.cdx.json", RootName: "github.com/acme-corp/x"},
				{Path: "x.npm.cdx.json", RootName: "@acme/x"},
				{Path: "y.cdx.json", RootName: "y"},
				{Path: "noroot.spdx.json"},
				{Path: "other.bom.xml"},
			},
			want: map[string][]string{
				"x":      {"x.cdx.json", "x.npm.cdx.json"},
				"y":      {"y.cdx.json"},
				"noroot": {"noroot.spdx.json"},
				"other":  {"other.bom.xml"},
			},
		},
		{
			name: "root catalog does not name root SBOMs",
			sboms: []inventory.SBOM{
				{Path: "a.cdx.json", RootName: "a"},
				{Path: "b.cdx.json", RootName: "b"},
			},
			files: map[string][]byte{"catalog-info.yaml": []byte("kind: Component\nmetadata:\n  name: whole-repo\n")},
			want: map[string][]string{
				"a": {"a.cdx.json"},
				"b": {"b.cdx.json"},
			},
		},
		{
			name: "folder with SBOMs below is not one service",
			sboms: []inventory.SBOM{
				{Path: "p/top.cdx.json", RootName: "top"},
				{Path: "p/sub/sbom.cdx.json", RootName: "github.com/acme/sub"},
			},
			want: map[string][]string{
				"top": {"p/top.cdx.json"},
				"sub": {"p/sub/sbom.cdx.json"},
			},
		},
		{
			name: "same folder name in two products",
			sboms: []inventory.SBOM{
				{Path: "a/api/sbom.cdx.json"},
				{Path: "b/api/sbom.cdx.json"},
			},
			want: map[string][]string{"api": {"a/api/sbom.cdx.json", "b/api/sbom.cdx.json"}}, // two services, see below
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := inventory.Resolve(inventory.Input{SBOMs: tt.sboms, Files: tt.files})
			got := map[string][]string{}
			keys := map[string]bool{}
			for _, svc := range inv.Services {
				got[svc.Name] = append(got[svc.Name], svc.SBOMs...)
				if keys[svc.Key] {
					t.Errorf("duplicate key %q", svc.Key)
				}
				keys[svc.Key] = true
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("services mismatch (-want +got):\n%s", diff)
			}
			if n := len(tt.sboms); n > 0 {
				total := 0
				for _, svc := range inv.Services {
					total += len(svc.SBOMs)
				}
				if total != n {
					t.Errorf("services hold %d SBOMs, want %d", total, n)
				}
			}
		})
	}
}

func TestResolveSameNameTwoServices(t *testing.T) {
	inv := inventory.Resolve(inventory.Input{SBOMs: []inventory.SBOM{
		{Path: "a/api/sbom.cdx.json"},
		{Path: "b/api/sbom.cdx.json"},
	}})
	if len(inv.Services) != 2 {
		t.Fatalf("got %d services, want 2", len(inv.Services))
	}
	if inv.Services[0].Key == inv.Services[1].Key {
		t.Errorf("two folders share key %q", inv.Services[0].Key)
	}
}

func TestResolveProduct(t *testing.T) {
	tests := []struct {
		name        string
		files       map[string][]byte
		wantProduct string
	}{
		{"no catalog", nil, ""},
		{"spec.system of own component", map[string][]byte{
			"p/svc/catalog-info.yaml": []byte("kind: Component\nmetadata:\n  name: svc\nspec:\n  system: system:default/storefront\n"),
		}, "storefront"},
		{"System in an ancestor", map[string][]byte{
			"p/catalog-info.yaml": []byte("kind: System\nmetadata:\n  name: payments\n"),
		}, "payments"},
		{"spec.system before ancestor System", map[string][]byte{
			"p/svc/catalog-info.yaml": []byte("kind: Component\nmetadata:\n  name: svc\nspec:\n  system: storefront\n"),
			"p/catalog-info.yaml":     []byte("kind: System\nmetadata:\n  name: payments\n"),
		}, "storefront"},
		{"System in own folder is not a product", map[string][]byte{
			"p/svc/catalog-info.yaml": []byte("kind: System\nmetadata:\n  name: payments\n"),
		}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := inventory.Resolve(inventory.Input{SBOMs: []inventory.SBOM{{Path: "p/svc/sbom.cdx.json"}}, Files: tt.files})
			if len(inv.Services) != 1 {
				t.Fatalf("got %d services, want 1", len(inv.Services))
			}
			if got := inv.Services[0].Product; got != tt.wantProduct {
				t.Errorf("Product = %q, want %q", got, tt.wantProduct)
			}
		})
	}
}

func TestIsOwnershipFile(t *testing.T) {
	tests := []struct {
		file string
		want bool
	}{
		{"catalog-info.yaml", true},
		{"a/b/catalog-info.yaml", true},
		{"a/catalog-info.yml", true},
		{"CODEOWNERS", true},
		{".github/CODEOWNERS", true},
		{"docs/CODEOWNERS", true},
		{"a/CODEOWNERS", false},
		{"a/sbom.cdx.json", false},
		{"catalog-info.json", false},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if got := inventory.IsOwnershipFile(tt.file); got != tt.want {
				t.Errorf("IsOwnershipFile(%q) = %v, want %v", tt.file, got, tt.want)
			}
		})
	}
}

func TestShortName(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"github.com/acme-corp/x", "x"},
		{"@acme/x", "x"},
		{"x", "x"},
		{"acme/x-image/", "x-image"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := inventory.ShortName(tt.in); got != tt.want {
				t.Errorf("ShortName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestServiceID: a service's ID is its folder as printed, with "#name" when
// the folder's name is not the service's; unique in the inventory.
func TestServiceID(t *testing.T) {
	in := inventory.Input{
		SBOMs: []inventory.SBOM{
			{Path: "a/api/sbom.cdx.json"},                        // folder
			{Path: "b/api/sbom.cdx.json"},                        // folder, same name
			{Path: "tools/a.cdx.json", RootName: "alpha"},        // root names in a flat folder
			{Path: "tools/b.cdx.json", RootName: "beta"},         //
			{Path: "tools/c.cdx.json", RootName: "gamma"},        //
			{Path: "top.cdx.json", RootName: "github.com/x/top"}, // at the top
			{Path: "shop/web/dist/app.cdx.json"},                 // claimed by a catalog annotation
		},
		Files: map[string][]byte{
			"shop/web/catalog-info.yaml": []byte("kind: Component\nmetadata:\n  name: web-frontend\n  annotations:\n    sbomx.dev/sbom: dist/*.cdx.json\n"),
		},
	}
	got := map[string]string{} // first SBOM -> ID
	for _, svc := range inventory.Resolve(in).Services {
		got[svc.SBOMs[0]] = svc.ID
	}
	want := map[string]string{
		"a/api/sbom.cdx.json":        "a/api",
		"b/api/sbom.cdx.json":        "b/api",
		"tools/a.cdx.json":           "tools#alpha",
		"tools/b.cdx.json":           "tools#beta",
		"tools/c.cdx.json":           "tools#gamma",
		"top.cdx.json":               "top",
		"shop/web/dist/app.cdx.json": "shop/web/dist#web-frontend",
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("IDs (-want +got):\n%s", diff)
	}

	// Printed paths (several --dir): the ID is the folder as printed.
	in.Display = func(p string) string { return "east/" + p }
	ids := map[string]string{}
	for _, svc := range inventory.Resolve(in).Services {
		ids[svc.SBOMs[0]] = svc.ID
	}
	if got := ids["east/a/api/sbom.cdx.json"]; got != "east/a/api" {
		t.Errorf("ID with a prefix = %q, want east/a/api", got)
	}
}
