package buildinfo

import "testing"

func TestString(t *testing.T) {
	defer func(v, c, d string) { Version, Commit, Date = v, c, d }(Version, Commit, Date)
	for _, tc := range []struct{ v, c, d, want string }{
		{"v1.2.3", "0123abc", "2026-01-02T03:04:05Z", "v1.2.3 (commit 0123abc, built 2026-01-02T03:04:05Z)"},
		{"v1.2.3", "0123abc", "", "v1.2.3 (commit 0123abc)"},
		{"v1.2.3", "", "2026-01-02T03:04:05Z", "v1.2.3 (built 2026-01-02T03:04:05Z)"},
		{"v1.2.3", "", "", "v1.2.3"},
	} {
		Version, Commit, Date = tc.v, tc.c, tc.d
		if got := String(); got != tc.want {
			t.Errorf("String() with %q %q %q = %q, want %q", tc.v, tc.c, tc.d, got, tc.want)
		}
	}
}
