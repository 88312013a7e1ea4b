package inventory_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/inventory"
)

func TestParseConfig(t *testing.T) {
	const file = ".sbomx.yaml"
	tests := []struct {
		name    string
		data    string
		want    inventory.Config
		wantErr []string // substrings of the error; nil = no error
	}{
		{
			name: "empty file",
			data: "",
			want: inventory.Config{File: file},
		},
		{
			name: "comments only",
			data: "# nothing configured yet\n",
			want: inventory.Config{File: file},
		},
		{
			name: "layout, slashes and spaces trimmed",
			data: "layout: ' /{product}/{service}/ '\n",
			want: inventory.Config{File: file, Layout: "{product}/{service}"},
		},
		{
			name: "layout with wildcard and fixed folder",
			data: "layout: teams/*/{service}\n",
			want: inventory.Config{File: file, Layout: "teams/*/{service}"},
		},
		{
			name: "inventory as a string",
			data: "inventory: owners.csv\n",
			want: inventory.Config{File: file, Inventory: []string{"owners.csv"}},
		},
		{
			name: "inventory as a list",
			data: "inventory:\n  - owners.csv\n  - more/services.yaml\n",
			want: inventory.Config{File: file, Inventory: []string{"owners.csv", "more/services.yaml"}},
		},
		{
			name:    "inventory as a mapping",
			data:    "inventory: {file: owners.csv}\n",
			wantErr: []string{"inventory"},
		},
		{
			name: "precedence lower-cased and deduplicated",
			data: "precedence: [CODEOWNERS, ' SBOM ', codeowners, Inventory]\n",
			want: inventory.Config{File: file, Precedence: []string{"codeowners", "sbom", "inventory"}},
		},
		{
			name: "everything",
			data: "layout: '{product}/{service}'\ninventory: inv.csv\nprecedence:\n  - leanix\n  - layout\n",
			want: inventory.Config{File: file, Layout: "{product}/{service}", Inventory: []string{"inv.csv"}, Precedence: []string{"leanix", "layout"}},
		},
		{
			name:    "unknown precedence source names the known ones",
			data:    "precedence: [inventory, jira]\n",
			wantErr: append([]string{`"jira"`}, inventory.DefaultPrecedence...),
		},
		{
			name:    "unknown layout placeholder",
			data:    "layout: '{team}/{service}'\n",
			wantErr: []string{"{team}"},
		},
		{
			name:    "layout without placeholders",
			data:    "layout: x/y\n",
			wantErr: []string{`"x/y"`, "neither"},
		},
		{
			name:    "placeholder inside a segment",
			data:    "layout: 'svc-{service}'\n",
			wantErr: []string{"svc-{service}"},
		},
		{
			name:    "two documents",
			data:    "layout: '{service}'\n---\nlayout: '{product}'\n",
			wantErr: []string{"line 2", "one YAML document"},
		},
		{
			name:    "broken YAML",
			data:    "layout: [unclosed\n",
			wantErr: []string{"yaml"},
		},
		{
			name:    "not a mapping",
			data:    "- layout\n",
			wantErr: []string{"yaml"},
		},
		{
			name:    "tab indentation",
			data:    "layout:\n\t'{service}'\n",
			wantErr: []string{"yaml"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := inventory.ParseConfig(file, []byte(tt.data))
			if tt.wantErr != nil {
				if err == nil {
					t.Fatalf("ParseConfig(%q) = %+v, want an error", tt.data, got)
				}
				for _, w := range tt.wantErr {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("ParseConfig(%q) error %q, want it to mention %q", tt.data, err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseConfig(%q): %v", tt.data, err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("ParseConfig(%q) mismatch (-want +got):\n%s", tt.data, diff)
			}
		})
	}
}

// The error for a second document is a LineError, so a warning names the line.
func TestParseConfigSecondDocumentLine(t *testing.T) {
	_, err := inventory.ParseConfig(".sbomx.yaml", []byte("layout: '{service}'\n---\nlayout: '{product}'\n"))
	var le *inventory.LineError
	if !errors.As(err, &le) {
		t.Fatalf("error %v (%T), want a *LineError", err, err)
	}
	if le.Line != 2 {
		t.Errorf("LineError.Line = %d, want 2 (the second document's --- marker)", le.Line)
	}
}

// TestParseConfigUnknownKeys: a typo such as "layot" would otherwise be
// ignored in silence; the rest of the configuration is still used.
func TestParseConfigUnknownKeys(t *testing.T) {
	data := "# tree configuration\nlayot: '{product}/{service}'\ninventory: owners.csv\nLayout: x\nowners: [a]\n"
	cfg, err := inventory.ParseConfig(".sbomx.yaml", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	want := []inventory.Warning{
		{File: ".sbomx.yaml", Line: 2, Message: `unknown key "layot", ignored (known: layout, inventory, precedence; did you mean "layout"?)`},
		{File: ".sbomx.yaml", Line: 4, Message: `unknown key "Layout", ignored (known: layout, inventory, precedence; did you mean "layout"?)`},
		{File: ".sbomx.yaml", Line: 5, Message: `unknown key "owners", ignored (known: layout, inventory, precedence)`},
	}
	if diff := cmp.Diff(want, cfg.Warnings); diff != "" {
		t.Errorf("Warnings (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff([]string{"owners.csv"}, cfg.Inventory); diff != "" || cfg.Layout != "" {
		t.Errorf("the known keys must still be read: Inventory %q, Layout %q", cfg.Inventory, cfg.Layout)
	}
}
