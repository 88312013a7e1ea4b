package inventory

import (
	"errors"
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/support/yamlx"
)

func TestApplyLayout(t *testing.T) {
	type result struct {
		Product, Service, Prefix string
		OK                       bool
	}
	tests := []struct {
		layout, dir string
		want        result
	}{
		{"{product}/{service}", "payments/ledger", result{"payments", "ledger", "payments/ledger", true}},
		{"{product}/{service}", "payments/ledger/image", result{"payments", "ledger", "payments/ledger", true}},
		{"{product}/{service}", "payments", result{}},
		{"{product}/{service}", ".", result{}},
		{"teams/*/{service}", "teams/a/svc", result{"", "svc", "teams/a/svc", true}},
		{"teams/*/{service}", "teams/a/svc/sub", result{"", "svc", "teams/a/svc", true}},
		{"teams/*/{service}", "other/a/svc", result{}},
		{"teams/*/{service}", "teams/a", result{}},
		{"{product}", "payments/ledger", result{"payments", "", "payments", true}},
		{"{service}", ".", result{}},
		{"", "payments/ledger", result{}},
		{"", ".", result{}},
	}
	for _, tt := range tests {
		t.Run(tt.layout+" on "+tt.dir, func(t *testing.T) {
			var got result
			got.Product, got.Service, got.Prefix, got.OK = applyLayout(tt.layout, tt.dir)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("applyLayout(%q, %q) mismatch (-want +got):\n%s", tt.layout, tt.dir, diff)
			}
		})
	}
}

func TestCheckLayout(t *testing.T) {
	tests := []struct {
		layout  string
		wantErr bool
	}{
		{"", false},
		{"{product}/{service}", false},
		{"{service}", false},
		{"{product}", false},
		{"teams/*/{service}", false},
		{"{team}/{service}", true},
		{"x/y", true},
		{"*", true},
		{"{product}/svc-{service}", true},
		{"{Service}", true},
	}
	for _, tt := range tests {
		t.Run(tt.layout, func(t *testing.T) {
			err := CheckLayout(tt.layout)
			if (err != nil) != tt.wantErr {
				t.Errorf("CheckLayout(%q) = %v, want error: %v", tt.layout, err, tt.wantErr)
			}
		})
	}
}

func TestWarningOf(t *testing.T) {
	// A real yaml.v3 syntax error, whatever its wording.
	_, yamlErr := yamlx.Documents([]byte("a: 1\nb: 2\nc: 3\nd: 4\ne: 5\nf: 6\ng: [unclosed\n"))
	if yamlErr == nil {
		t.Fatal("yamlx.Documents accepted broken YAML")
	}
	tests := []struct {
		name string
		err  error
		want Warning
	}{
		{
			name: "LineError keeps its line and message",
			err:  lineErrorf(4, "row names neither a service nor an sbom path"),
			want: Warning{File: "f", Line: 4, Message: "row names neither a service nor an sbom path"},
		},
		{
			name: "wrapped LineError",
			err:  fmt.Errorf("reading: %w", lineErrorf(9, "bad")),
			want: Warning{File: "f", Line: 9, Message: "bad"},
		},
		{
			name: "yaml error text",
			err:  errors.New("yaml: line 7: did not find expected key"),
			want: Warning{File: "f", Line: 7, Message: "yaml: line 7: did not find expected key"},
		},
		{
			name: "other error",
			err:  errors.New("empty manifest"),
			want: Warning{File: "f", Message: "empty manifest"},
		},
		{
			name: "a word ending in line is no line",
			err:  errors.New("pipeline 3 failed"),
			want: Warning{File: "f", Message: "pipeline 3 failed"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, warningOf("f", tt.err)); diff != "" {
				t.Errorf("warningOf(%q) mismatch (-want +got):\n%s", tt.err, diff)
			}
		})
	}
	t.Run("real yaml error", func(t *testing.T) {
		w := warningOf("f", yamlErr)
		if w.Line == 0 || w.Message != yamlErr.Error() {
			t.Errorf("warningOf(%q) = %+v, want the message kept and a line", yamlErr, w)
		}
	})
}
