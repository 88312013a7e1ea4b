package versions_test

// Go native fuzz targets for the version comparators and ranges
// (scripts/fuzz.sh runs them for a while; `go test` runs only the seeds).
// The property: nothing panics or hangs; Compare(a, a) is 0 and
// Compare(a, b) == -Compare(b, a) whenever both succeed.

import (
	"errors"
	"strings"
	"testing"

	"github.com/sbomx/sbomx/internal/match/versions"
)

// fuzzTypes are the purl types FuzzCompare picks from by index.
var fuzzTypes = []string{"pypi", "maven", "npm", "golang", "deb", "rpm", "gem", "cargo", "nuget", "composer"}

func FuzzCompare(f *testing.F) {
	seeds := []struct {
		typ  uint8
		a, b string
	}{
		{0, "2.0.0+0d7e753227", "2.0.0"},
		{0, "2.0", "2.0.0"},
		{0, "1.0.dev0", "1.0rc1.post2"},
		{0, "1!2.0", "v3.0a1"},
		{1, "2.0-beta9", "2.17.0"},
		{1, "1.0-SNAPSHOT", "1.0.RELEASE"},
		{1, "1-a-1", "1.a.1"},
		{2, "4.17.20", "4.17.21-rc.1+build"},
		{2, "v1.2.3", "01.2.3"},
		{3, "v0.4.0", "0.0.0-20220722155237-a158d28d115b"},
		{3, "v2.0.0+incompatible", "v1.9.9"},
		{4, "1:1.1.1n-0+deb11u3", "1.1.1n-0~deb11u1"},
		{4, "2.36-9+deb12u4", "2.36~rc1"},
		{5, "0:1.2-3.el8", "1.2-3.el8_1"},
		{5, "1.0~rc1", "1.0^git1"},
		{6, "1.0.0.pre", "1.0.0"},
		{7, "1.0.0-alpha", "1.0.0"},
		{8, "1.0.0.0", "1.0"},
		{9, "v1.0-dev", "1.0.0-RC1"},
	}
	for _, s := range seeds {
		f.Add(s.typ, s.a, s.b)
	}
	f.Fuzz(func(t *testing.T, i uint8, a, b string) {
		typ := fuzzTypes[int(i)%len(fuzzTypes)]
		if c, err := versions.Compare(typ, a, a); err == nil && c != 0 {
			t.Fatalf("%s: Compare(%q, %q) = %d, want 0", typ, a, a, c)
		}
		ab, err1 := versions.Compare(typ, a, b)
		ba, err2 := versions.Compare(typ, b, a)
		if err1 == nil && err2 == nil && ab != -ba {
			t.Fatalf("%s: Compare(%q, %q) = %d but Compare(%q, %q) = %d", typ, a, b, ab, b, a, ba)
		}
		if err1 == nil && (ab < -1 || ab > 1) {
			t.Fatalf("%s: Compare(%q, %q) = %d, want -1, 0 or 1", typ, a, b, ab)
		}
		if sp, err := versions.ParseSpec(typ, b); err == nil {
			sp.Match(typ, a)
		}
	})
}

// FuzzRange: a range either parses and evaluates, or is a usage error
// (a *RangeError); it is never taken as a literal. Once parsed, it decides
// every version its ecosystem reads (no error), and never decides a
// placeholder (always an error), whatever the ecosystem.
func FuzzRange(f *testing.F) {
	for _, s := range []string{
		"<2.17.0",
		">=4.0.0,<4.17.21",
		"<1.0 || >=2.0,<2.5",
		"==1.0,!=1.1",
		"^1.2.3", "~1.2", "1.2.x", "1.x", "1.2.3 - 1.4", ">=1.0.0 <2.0.0 || 3.x",
		"~=2.0", "==2.0.*", "!=2.0.*", "===2.0.0+0d7e753227", "==2.0.0+local",
		"[2.0-beta9,2.17.0)", "(,1.0]", "[1.5,)", "[1.0,1.2),[1.5,)", "[1.0]",
		"~> 2.2", "~> 2.2.0", "^0.3 | ~1.2", "1.0 - 2.0", ">=1.0@dev",
		"<v0.7.0", "latest", "<foo", "@", "", "=", ",||,", "[", "(,)", "1 - ", "^", ">=1.0 <",
	} {
		f.Add(uint8(0), s)
	}
	probes := map[string][]string{
		"pypi":     {"2.0.0+0d7e753227", "2.0rc1", "1!1.0", "2.0.post1.dev3"},
		"npm":      {"1.2.3", "4.17.21", "2.0.0-beta.1", "0.0.3"},
		"maven":    {"2.14.1", "2.0-beta9", "1.0-SNAPSHOT", "2.17.0"},
		"golang":   {"v0.4.0", "0.0.0-20220722155237-a158d28d115b", "v2.0.0+incompatible"},
		"deb":      {"1:1.1.1n-0+deb11u3", "2.36~rc1"},
		"rpm":      {"0:1.2-3.el8", "1.0~rc1"},
		"gem":      {"1.0.0.pre", "2.2.9"},
		"cargo":    {"1.0.0-alpha", "0.3.1"},
		"nuget":    {"1.0.0.0", "4.5.0-preview1"},
		"composer": {"1.0.0-RC1", "v2.3", "1.2.3.4"},
	}
	placeholders := []string{"NOASSERTION", "UNKNOWN", "(devel)", "${log4j.version}", "2.x", ""}
	f.Fuzz(func(t *testing.T, i uint8, s string) {
		typ := ""
		if i%11 != 0 {
			typ = fuzzTypes[int(i)%len(fuzzTypes)]
		}
		sp, err := versions.ParseSpec(typ, s)
		if err != nil {
			var re *versions.RangeError
			if !errors.As(err, &re) {
				t.Fatalf("ParseSpec(%q, %q): %v is not a RangeError", typ, s, err)
			}
			return
		}
		_ = sp.String()
		for ptyp, ps := range probes {
			if typ != "" && ptyp != typ {
				continue
			}
			for _, p := range ps {
				if _, err := sp.Match(ptyp, p); err != nil && typ != "" {
					t.Errorf("ParseSpec(%q, %q).Match(%q): %v; a parsed range decides every version", typ, s, p, err)
				}
			}
			for _, p := range placeholders {
				if ok, err := sp.Match(ptyp, p); err == nil && strings.TrimSpace(s) != "*" {
					t.Errorf("ParseSpec(%q, %q).Match(%q, %q) = %v without error; a placeholder is never decided", typ, s, ptyp, p, ok)
				}
			}
		}
	})
}
