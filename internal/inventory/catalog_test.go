package inventory_test

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/inventory"
)

// Entity.Line is where the document starts: line 1, or its "---" marker.
func TestParseCatalog(t *testing.T) {
	tests := []struct {
		name     string
		data     string
		want     []inventory.Entity
		wantErrs int
	}{
		{
			name: "one component",
			data: `apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: checkout-api
  namespace: shop
  annotations:
    github.com/project-slug: acme-corp/checkout-api
spec:
  type: service
  lifecycle: production
  owner: group:default/team-checkout
  system: storefront
`,
			want: []inventory.Entity{{
				Kind:        "Component",
				Name:        "checkout-api",
				Namespace:   "shop",
				Owner:       "group:default/team-checkout",
				System:      "storefront",
				Lifecycle:   "production",
				Annotations: map[string]string{"github.com/project-slug": "acme-corp/checkout-api"},
				Line:        1,
			}},
		},
		{
			name: "API before Component",
			data: `apiVersion: backstage.io/v1alpha1
kind: API
metadata:
  name: payment-gateway-api
spec:
  type: openapi
  owner: team-checkout
  system: payments
---
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: payment-gateway
spec:
  owner: team-payments-core
  system: payments
  lifecycle: production
`,
			want: []inventory.Entity{
				{Kind: "API", Name: "payment-gateway-api", Owner: "team-checkout", System: "payments", Line: 1},
				{Kind: "Component", Name: "payment-gateway", Owner: "team-payments-core", System: "payments", Lifecycle: "production", Line: 9}, // the "---" line,
			},
		},
		{
			name: "system and domain",
			data: `--- 
kind: System
metadata:
  name: storefront
spec:
  owner: team-web
  domain: commerce
`,
			want: []inventory.Entity{
				{Kind: "System", Name: "storefront", Owner: "team-web", Domain: "commerce", Line: 1},
			},
		},
		{
			name: "empty documents skipped",
			data: "---\n---\n# only a comment\n---\nkind: Component\nmetadata:\n  name: x\n",
			want: []inventory.Entity{{Kind: "Component", Name: "x", Line: 4}},
		},
		{
			name: "non-string scalars",
			data: "kind: Component\nmetadata:\n  name: x\nspec:\n  owner: 42\n  lifecycle: true\n",
			want: []inventory.Entity{{Kind: "Component", Name: "x", Owner: "42", Lifecycle: "true", Line: 1}},
		},
		{
			name:     "broken yaml",
			data:     "kind: Component\nmetadata:\n  name: [unterminated\n",
			wantErrs: 1,
		},
		{
			name: "broken later document keeps earlier ones",
			data: "kind: Component\nmetadata:\n  name: good\n---\nkind: Component\nmetadata: {name: \"bad\n",
			want: []inventory.Entity{
				{Kind: "Component", Name: "good", Line: 1},
			},
			wantErrs: 1,
		},
		{
			name: "document of the wrong shape",
			data: "- a\n- b\n---\nkind: Component\nmetadata:\n  name: ok\n",
			want: []inventory.Entity{
				{Kind: "Component", Name: "ok", Line: 3},
			},
			wantErrs: 1,
		},
		{
			name: "empty file",
			data: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := inventory.ParseCatalog([]byte(tt.data))
			if len(errs) != tt.wantErrs {
				t.Errorf("ParseCatalog errors = %v, want %d errors", errs, tt.wantErrs)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseCatalog mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

func TestParseCatalogBrokenYAMLError(t *testing.T) {
	_, errs := inventory.ParseCatalog([]byte("kind: Component\n\tmetadata: x\n"))
	if len(errs) == 0 {
		t.Fatal("ParseCatalog of a tab-indented document: no error")
	}
	if !strings.Contains(errs[0].Error(), "yaml") {
		t.Errorf("error %q, want it to mention yaml", errs[0])
	}
}

func TestEntityName(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"group:default/payments", "payments"},
		{"group:payments", "payments"},
		{"default/payments", "payments"},
		{"payments", "payments"},
		{" group:default/payments ", "payments"},
		{"system:default/storefront", "storefront"},
		{"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := inventory.EntityName(tt.in); got != tt.want {
				t.Errorf("EntityName(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestTeamID(t *testing.T) {
	tests := []struct {
		in, want string
	}{
		{"group:default/payments", "payments"},
		{"group:payments", "payments"},
		{"default/payments", "payments"},
		{"payments", "payments"},
		{"@acme/team-x", "team-x"},
		{"Organization: team-x (team-x@acme.example)", "team-x"},
		{"Organization: team-x", "team-x"},
		{"Person: Jane Doe (jane@x)", "Jane Doe"},
		{"NOASSERTION", ""},
		{"noassertion", ""},
		{"jane@example.com", "jane@example.com"},
		{"  team-web  ", "team-web"},
		{"", ""},
		{"@octocat", "octocat"},
		{"Tool: syft-1.0", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := inventory.TeamID(tt.in); got != tt.want {
				t.Errorf("TeamID(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}
