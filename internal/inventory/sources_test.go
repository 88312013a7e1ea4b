package inventory_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sbomx/sbomx/internal/inventory"
)

// rowOpts compares Rows by their exported fields.
var rowOpts = []cmp.Option{cmpopts.IgnoreUnexported(inventory.Row{}), cmpopts.EquateEmpty()}

// lineErr is what a test expects of one error: a *LineError at Line whose
// message mentions Msg, or (Line 0) any error mentioning Msg.
type lineErr struct {
	Line int
	Msg  string
}

func checkErrs(t *testing.T, errs []error, want []lineErr) {
	t.Helper()
	if len(errs) != len(want) {
		t.Fatalf("got %d errors %v, want %d %v", len(errs), errs, len(want), want)
	}
	for i, err := range errs {
		w := want[i]
		if !strings.Contains(err.Error(), w.Msg) {
			t.Errorf("error %d = %q, want it to mention %q", i, err, w.Msg)
		}
		if w.Line == 0 {
			continue
		}
		var le *inventory.LineError
		if !errors.As(err, &le) {
			t.Errorf("error %d = %v (%T), want a *LineError", i, err, err)
			continue
		}
		if le.Line != w.Line {
			t.Errorf("error %d = %q at line %d, want line %d", i, err, le.Line, w.Line)
		}
	}
}

func TestParseInventoryCSV(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		data     string
		want     []inventory.Row
		wantErrs []lineErr
	}{
		{
			name: "all columns",
			file: "inv.csv",
			data: "service,owner,product,domain,contact,sbom\n" +
				"ledger,@acme/team-pay,payments,finance,pay@acme.example,payments/ledger/**\n",
			want: []inventory.Row{{
				Service: "ledger", Owners: []string{"team-pay"}, Product: "payments", Domain: "finance",
				Contact: "pay@acme.example", SBOM: "payments/ledger/**", File: "inv.csv", Line: 2,
			}},
		},
		{
			name: "header in any case and order, with spaces",
			file: "inv.csv",
			data: " SBOM , Owner,SERVICE,Product\n" +
				"a/**,team-a,svc-a,prod\n",
			want: []inventory.Row{{Service: "svc-a", Owners: []string{"team-a"}, Product: "prod", SBOM: "a/**", File: "inv.csv", Line: 2}},
		},
		{
			name:     "semicolons do not separate columns",
			file:     "inv.csv",
			data:     "service;owner\nsvc;team-a\n",
			wantErrs: []lineErr{{1, "header names neither"}},
		},
		{
			name: "owners separated by space, comma and semicolon, normalised and deduplicated",
			file: "inv.csv",
			data: "service,owner\n" +
				"svc,\"@acme/team-x team-y,group:default/team-z; @acme/team-x\"\n",
			want: []inventory.Row{{Service: "svc", Owners: []string{"team-x", "team-y", "team-z"}, File: "inv.csv", Line: 2}},
		},
		{
			name: "owner and owners columns both count",
			file: "inv.csv",
			data: "service,owner,owners\nsvc,team-a,\"team-b team-a\"\n",
			want: []inventory.Row{{Service: "svc", Owners: []string{"team-a", "team-b"}, File: "inv.csv", Line: 2}},
		},
		{
			name: "row with neither service nor sbom names its physical line",
			file: "inv.csv",
			data: "# owners of our services\n" +
				"service,owner,sbom\n" +
				"\n" +
				"# the next row is incomplete\n" +
				",team-a,\n" +
				"ok,team-b,\n",
			want:     []inventory.Row{{Service: "ok", Owners: []string{"team-b"}, File: "inv.csv", Line: 6}},
			wantErrs: []lineErr{{5, "neither a service nor an sbom"}},
		},
		{
			name: "line numbers count multi-line quoted fields",
			file: "inv.csv",
			data: "service,contact\n" +
				"a,\"first line\nsecond line\"\n" +
				",x\n",
			want:     []inventory.Row{{Service: "a", Contact: "first line\nsecond line", File: "inv.csv", Line: 2}},
			wantErrs: []lineErr{{4, "neither"}},
		},
		{
			name: "quoted fields with commas",
			file: "inv.csv",
			data: "service,product,contact\n" +
				"\"ledger, v2\",\"payments, core\",\"Doe, Jane <jane@acme.example>\"\n",
			want: []inventory.Row{{Service: "ledger, v2", Product: "payments, core", Contact: "Doe, Jane <jane@acme.example>", File: "inv.csv", Line: 2}},
		},
		{
			name: "sbom column only",
			file: "inv.csv",
			data: "sbom,owner\nshop/**,team-shop\n",
			want: []inventory.Row{{SBOM: "shop/**", Owners: []string{"team-shop"}, File: "inv.csv", Line: 2}},
		},
		{
			name: "unknown columns and short or long rows",
			file: "inv.csv",
			data: "service,cost-centre,owner\nshort\nlong,42,team-l,extra\n",
			want: []inventory.Row{
				{Service: "short", File: "inv.csv", Line: 2},
				{Service: "long", Owners: []string{"team-l"}, File: "inv.csv", Line: 3},
			},
		},
		{
			name:     "header with neither service nor sbom",
			file:     "inv.csv",
			data:     "# comment\nname,owner\nledger,team-a\n",
			wantErrs: []lineErr{{2, "header names neither"}},
		},
		{
			name: "byte order mark before the header",
			file: "inv.csv",
			data: "\ufeffService,Owner\nledger,team-a\n",
			want: []inventory.Row{{Service: "ledger", Owners: []string{"team-a"}, File: "inv.csv", Line: 2}},
		},
		{
			name: "TSV by extension",
			file: "teams/INV.TSV",
			data: "service\towner\tproduct\n" +
				"ledger\t@acme/team-a, team-b\tpay, ments\n",
			want: []inventory.Row{{Service: "ledger", Owners: []string{"team-a", "team-b"}, Product: "pay, ments", File: "teams/INV.TSV", Line: 2}},
		},
		{
			name:     "tabs do not separate CSV columns",
			file:     "inv.csv",
			data:     "service\towner\nledger\tteam-a\n",
			wantErrs: []lineErr{{1, "header names neither"}},
		},
		{
			name:     "unterminated quote is an error, not a panic",
			file:     "inv.csv",
			data:     "service,owner\nok,team-a\n\"broken,team-b\n",
			want:     []inventory.Row{{Service: "ok", Owners: []string{"team-a"}, File: "inv.csv", Line: 2}},
			wantErrs: []lineErr{{3, "quote"}},
		},
		{
			name:     "bare quote skips the row, later rows are read",
			file:     "inv.csv",
			data:     "service,owner\na\"b,team-a\nc,team-c\n",
			want:     []inventory.Row{{Service: "c", Owners: []string{"team-c"}, File: "inv.csv", Line: 3}},
			wantErrs: []lineErr{{2, "quote"}},
		},
		{
			name: "empty file",
			file: "inv.csv",
			data: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := inventory.ParseInventory(tt.file, []byte(tt.data))
			if diff := cmp.Diff(tt.want, got, rowOpts...); diff != "" {
				t.Errorf("ParseInventory rows mismatch (-want +got):\n%s", diff)
			}
			checkErrs(t, errs, tt.wantErrs)
		})
	}
}

func TestParseInventoryYAML(t *testing.T) {
	tests := []struct {
		name     string
		file     string
		data     string
		want     []inventory.Row
		wantErrs []lineErr
	}{
		{
			name: "list of mappings",
			file: "inv.yaml",
			data: "- service: ledger\n  owner: '@acme/team-pay'\n  product: payments\n  sbom: payments/ledger/**\n" +
				"- Service: cart\n  OWNER: team-cart\n  domain: shop\n  contact: cart@acme.example\n",
			want: []inventory.Row{
				{Service: "ledger", Owners: []string{"team-pay"}, Product: "payments", SBOM: "payments/ledger/**", File: "inv.yaml", Line: 1},
				{Service: "cart", Owners: []string{"team-cart"}, Domain: "shop", Contact: "cart@acme.example", File: "inv.yaml", Line: 1},
			},
		},
		{
			name: "services wrapper",
			file: "inv.yml",
			data: "# our services\nservices:\n  - service: ledger\n    owner: team-a\n",
			want: []inventory.Row{{Service: "ledger", Owners: []string{"team-a"}, File: "inv.yml", Line: 2}},
		},
		{
			name: "owners as a YAML list",
			file: "inv.yaml",
			data: "- service: ledger\n  owners: ['@acme/team-a', group:default/team-b, team-a]\n",
			want: []inventory.Row{{Service: "ledger", Owners: []string{"team-a", "team-b"}, File: "inv.yaml", Line: 1}},
		},
		{
			name: "non-string scalars and nulls",
			file: "inv.yaml",
			data: "- service: 42\n  owner: ~\n  product: true\n",
			want: []inventory.Row{{Service: "42", Product: "true", File: "inv.yaml", Line: 1}},
		},
		{
			name:     "entry with neither service nor sbom names its position",
			file:     "inv.yaml",
			data:     "- service: a\n- owner: team-b\n",
			want:     []inventory.Row{{Service: "a", File: "inv.yaml", Line: 1}},
			wantErrs: []lineErr{{1, "entry 2: row names neither"}},
		},
		{
			name: "several documents",
			file: "inv.yaml",
			data: "- service: a\n---\nservices:\n  - service: b\n",
			want: []inventory.Row{
				{Service: "a", File: "inv.yaml", Line: 1},
				{Service: "b", File: "inv.yaml", Line: 2},
			},
		},
		{
			name:     "a scalar document",
			file:     "inv.yaml",
			data:     "just some text\n",
			wantErrs: []lineErr{{1, "want a list of services"}},
		},
		{
			name:     "a mapping without services",
			file:     "inv.yaml",
			data:     "items:\n  - service: a\n",
			wantErrs: []lineErr{{1, "want a list of services"}},
		},
		{
			name: "an empty services list",
			file: "inv.yaml",
			data: "services: []\n",
		},
		{
			name:     "a bad document does not hide the others",
			file:     "inv.yaml",
			data:     "- service: a\n---\n42\n---\n- service: c\n",
			want:     []inventory.Row{{Service: "a", File: "inv.yaml", Line: 1}, {Service: "c", File: "inv.yaml", Line: 4}},
			wantErrs: []lineErr{{2, "want a list of services"}},
		},
		{
			name:     "broken YAML",
			file:     "inv.yaml",
			data:     "- service: [a\n",
			wantErrs: []lineErr{{0, "yaml"}},
		},
		{
			name: "empty file",
			file: "inv.yaml",
			data: "",
		},
		{
			name: "an unknown extension is read as YAML",
			file: "inventory",
			data: "- service: a\n",
			want: []inventory.Row{{Service: "a", File: "inventory", Line: 1}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, errs := inventory.ParseInventory(tt.file, []byte(tt.data))
			if diff := cmp.Diff(tt.want, got, rowOpts...); diff != "" {
				t.Errorf("ParseInventory rows mismatch (-want +got):\n%s", diff)
			}
			checkErrs(t, errs, tt.wantErrs)
		})
	}
}

func TestParseLeanIX(t *testing.T) {
	tests := []struct {
		name    string
		dir     string
		data    string
		want    *inventory.LeanIX
		wantErr string
	}{
		{
			name: "top-level teams and applications",
			dir:  "ledger",
			data: "id: ledger-id\nname: Ledger\nowner: jane@acme.example\n" +
				"teams:\n  - '@acme/team-pay'\n  - name: group:default/team-ops\n  - id: team-id-only\n  - {}\n" +
				"applications:\n  - Payments\n  - {name: Billing}\n  - {displayName: Shown}\n",
			want: &inventory.LeanIX{
				File: "l.yaml", Name: "Ledger", Contact: "jane@acme.example",
				Teams:        []string{"team-pay", "team-ops", "team-id-only"},
				Applications: []string{"Payments", "Billing", "Shown"},
			},
		},
		{
			name: "name falls back to id",
			dir:  "x",
			data: "id: ledger-id\nteams: [team-a]\n",
			want: &inventory.LeanIX{File: "l.yaml", Name: "ledger-id", Teams: []string{"team-a"}},
		},
		{
			name: "services list: the entry whose id is the folder name",
			dir:  "worker",
			data: "services:\n" +
				"  - id: api\n    teams: [team-api]\n    applications: [app-api]\n" +
				"  - id: worker\n    owner: w@acme.example\n    teams: [team-worker]\n    applications: [app-worker]\n",
			want: &inventory.LeanIX{File: "l.yaml", Name: "worker", Contact: "w@acme.example", Teams: []string{"team-worker"}, Applications: []string{"app-worker"}},
		},
		{
			name: "services list: the entry whose name is the folder name",
			dir:  "worker",
			data: "services:\n" +
				"  - id: a1\n    name: api\n    teams: [team-api]\n" +
				"  - id: w1\n    name: worker\n    teams: [team-worker]\n" +
				"  - id: worker-too\n    teams: [team-late]\n",
			want: &inventory.LeanIX{File: "l.yaml", Name: "worker", Teams: []string{"team-worker"}},
		},
		{
			name: "services list: else the first",
			dir:  "elsewhere",
			data: "services:\n" +
				"  - id: api\n    teams: [team-api]\n" +
				"  - id: worker\n    teams: [team-worker]\n",
			want: &inventory.LeanIX{File: "l.yaml", Name: "api", Teams: []string{"team-api"}},
		},
		{
			name:    "empty",
			dir:     "x",
			data:    "",
			wantErr: "empty",
		},
		{
			name:    "comments only",
			dir:     "x",
			data:    "# to be filled in\n",
			wantErr: "empty",
		},
		{
			name:    "broken YAML",
			dir:     "x",
			data:    "teams: [team-a\n",
			wantErr: "yaml",
		},
		{
			name:    "a list, not a mapping",
			dir:     "x",
			data:    "- team-a\n",
			wantErr: "line 1",
		},
		{
			name:    "teams not a list",
			dir:     "x",
			data:    "teams: team-a\n",
			wantErr: "line 1",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := inventory.ParseLeanIX("l.yaml", tt.dir, []byte(tt.data))
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("ParseLeanIX(%q) = %+v, %v; want an error mentioning %q", tt.data, got, err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("ParseLeanIX(%q): %v", tt.data, err)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("ParseLeanIX mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
