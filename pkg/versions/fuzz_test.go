package versions_test

// Go native fuzz targets for the version comparators and ranges
// (scripts/fuzz.sh runs them for a while; `go test` runs only the seeds).
// The property: nothing panics or hangs; Compare(a, a) is 0 and
// Compare(a, b) == -Compare(b, a) whenever both succeed.

import (
	"testing"

	"github.com/sbomx/sbomx/pkg/versions"
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
		versions.Exact(b).Match(typ, a)
	})
}

func FuzzRange(f *testing.F) {
	for _, s := range []string{
		"<2.17.0",
		">=4.0.0,<4.17.21",
		"<1.0 || >=2.0,<2.5",
		"==1.0,!=1.1",
		"=",
		",||,",
		"vers:maven/>=2.0-beta9|<2.17.0",
		"vers:npm/!=1.2.3",
		"vers:pypi/*",
		"vers:deb/>=1:1.0|<=1:2.0|!=1:1.5|=3",
		"vers:golang/>v0.1.0|<v0.5.0|>=v1.0.0",
		"vers:unknown/<1",
		"vers:/1",
	} {
		f.Add(s, "1.0.0")
	}
	probe := []string{"1.0.0", "2.16.0", "2.0-beta9", "v0.4.0", "1:1.1.1n-0+deb11u3", "0", ""}
	f.Fuzz(func(t *testing.T, s, v string) {
		var ms []versions.Matcher
		if r, err := versions.ParseRange(s); err == nil {
			ms = append(ms, r)
		}
		if vr, err := versions.ParseVers(s); err == nil {
			_ = vr.Scheme()
			ms = append(ms, vr)
		}
		_ = versions.IsRange(s)
		for _, m := range ms {
			_ = m.String()
			for _, typ := range []string{"", "pypi", "maven", "npm", "golang", "deb"} {
				for _, p := range probe {
					m.Match(typ, p)
				}
				m.Match(typ, v)
			}
		}
	})
}
