package suggest

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestDistance(t *testing.T) {
	tests := []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"layout", "layout", 0},
		{"layot", "layout", 1},
		{"Layout", "layout", 0},
		{"team-paymnets", "team-payments", 2},
		{"kitten", "sitting", 3},
		{"", "abc", 3},
		{"café", "cafe", 1}, // runes, not bytes
	}
	for _, tt := range tests {
		if got := Distance(tt.a, tt.b); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", tt.a, tt.b, got, tt.want)
		}
		if got := Distance(tt.b, tt.a); got != tt.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (symmetric)", tt.b, tt.a, got, tt.want)
		}
	}
}

func TestClosest(t *testing.T) {
	owners := []string{"team-web", "team-payments-core", "team-payments", "team-sre", "team-payments"}
	if diff := cmp.Diff([]string{"team-payments", "team-payments-core", "team-sre"}, Closest("team-paymnets", owners, 3)); diff != "" {
		t.Errorf("Closest (-want +got):\n%s", diff)
	}
	// A name typed shortened: the longer one that starts like it first.
	landscape := []string{"team-data-eng", "team-devex", "team-identity", "team-payments-core", "team-fraud"}
	if got := Closest("team-paymnets", landscape, 1); len(got) != 1 || got[0] != "team-payments-core" {
		t.Errorf("Closest(team-paymnets) = %q, want team-payments-core", got)
	}
	// Ties in lexical order, whatever the input order.
	if diff := cmp.Diff([]string{"ab", "ba"}, Closest("aa", []string{"ba", "ab"}, 5)); diff != "" {
		t.Errorf("Closest ties (-want +got):\n%s", diff)
	}
	if got := Closest("x", nil, 3); len(got) != 0 {
		t.Errorf("Closest of nothing = %q", got)
	}
}

func TestNear(t *testing.T) {
	known := []string{"layout", "inventory", "precedence"}
	tests := []struct {
		word, want string
		ok         bool
	}{
		{"layot", "layout", true},
		{"inventories", "inventory", true},
		{"precendence", "precedence", true},
		{"owners", "", false},
		{"x", "", false},
	}
	for _, tt := range tests {
		got, ok := Near(tt.word, known)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Near(%q) = %q, %v; want %q, %v", tt.word, got, ok, tt.want, tt.ok)
		}
	}
}
