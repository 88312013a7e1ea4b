package versions

import (
	"errors"
	"fmt"
	"testing"
)

// checkOrder asserts that groups is sorted ascending under purlType's
// ordering: every version of a group equals the others of that group and
// sorts strictly before every version of the later groups. Both argument
// orders are checked, so each case also checks antisymmetry.
func checkOrder(t *testing.T, purlType string, groups [][]string) {
	t.Helper()
	for i, gi := range groups {
		for j, gj := range groups {
			want := 0
			switch {
			case i < j:
				want = -1
			case i > j:
				want = 1
			}
			for _, a := range gi {
				for _, b := range gj {
					got, err := Compare(purlType, a, b)
					if err != nil {
						t.Errorf("Compare(%q, %q, %q): %v", purlType, a, b, err)
						continue
					}
					if got != want {
						t.Errorf("Compare(%q, %q, %q) = %d, want %d", purlType, a, b, got, want)
					}
				}
			}
		}
	}
}

// chain turns a strictly ascending list into one-version groups.
func chain(vs ...string) [][]string {
	g := make([][]string, len(vs))
	for i, v := range vs {
		g[i] = []string{v}
	}
	return g
}

// pair is one expected comparison of a against b.
type pair struct {
	a, b string
	want int
}

func checkPairs(t *testing.T, purlType string, pairs []pair) {
	t.Helper()
	for _, p := range pairs {
		t.Run(fmt.Sprintf("%s_vs_%s", p.a, p.b), func(t *testing.T) {
			got, err := Compare(purlType, p.a, p.b)
			if err != nil {
				t.Fatalf("Compare(%q, %q, %q): %v", purlType, p.a, p.b, err)
			}
			if got != p.want {
				t.Errorf("Compare(%q, %q, %q) = %d, want %d", purlType, p.a, p.b, got, p.want)
			}
			rev, err := Compare(purlType, p.b, p.a)
			if err != nil {
				t.Fatalf("Compare(%q, %q, %q): %v", purlType, p.b, p.a, err)
			}
			if rev != -p.want {
				t.Errorf("Compare(%q, %q, %q) = %d, want %d (reversed)", purlType, p.b, p.a, rev, -p.want)
			}
		})
	}
}

// PEP 440, "Summary of permitted suffixes and relative ordering": the
// example list given there, in ascending order.
func TestComparePEP440OrderingExample(t *testing.T) {
	checkOrder(t, "pypi", chain(
		"1.dev0",
		"1.0.dev456",
		"1.0a1",
		"1.0a2.dev456",
		"1.0a12.dev456",
		"1.0a12",
		"1.0b1.dev456",
		"1.0b2",
		"1.0b2.post345.dev456",
		"1.0b2.post345",
		"1.0rc1.dev456",
		"1.0rc1",
		"1.0",
		"1.0+abc.5",
		"1.0+abc.7",
		"1.0+5",
		"1.0.post456.dev34",
		"1.0.post456",
		"1.0.15",
		"1.1.dev1",
	))
}

// PEP 440, "Normalization" (case, integer, pre/post/dev-release spelling and
// separators, implicit numbers, local version separators, preceding "v"),
// "Version epochs" and "Release segment" (zero padding when comparing).
func TestComparePEP440Normalization(t *testing.T) {
	tests := []pair{
		// Release segment: comparison pads with zeros.
		{"1.0", "1.0.0", 0},
		{"1.0.0", "1.0.0.0.0", 0},
		// Integer normalization.
		{"1.01", "1.1", 0},
		// Case sensitivity.
		{"1.0RC1", "1.0rc1", 0},
		// Pre-release spelling and separators.
		{"1.0alpha1", "1.0a1", 0},
		{"1.0beta1", "1.0b1", 0},
		{"1.0c1", "1.0rc1", 0},
		{"1.0pre1", "1.0rc1", 0},
		{"1.0preview1", "1.0rc1", 0},
		{"1.0.a1", "1.0a1", 0},
		// Implicit pre-release number.
		{"1.0a", "1.0a0", 0},
		// Post-release spelling, separators and implicit post releases.
		{"1.0-post1", "1.0.post1", 0},
		{"1.0rev1", "1.0.post1", 0},
		{"1.0r1", "1.0.post1", 0},
		{"1.0-1", "1.0.post1", 0},
		// Development release separators and implicit number.
		{"1.0-dev1", "1.0.dev1", 0},
		{"1.0dev1", "1.0.dev1", 0},
		{"1.0.dev", "1.0.dev0", 0},
		// Local version segments: separators, alphanumeric before numeric.
		{"1.0+ubuntu-1", "1.0+ubuntu.1", 0},
		{"1.0+abc.7", "1.0+5", -1},
		// Preceding "v".
		{"v1.0", "1.0", 0},
		// Version epochs.
		{"1!1.0", "2.0", 1},
		{"2.0", "1!0.1", -1},
		{"1!1.0", "1!1.0.0", 0},
	}
	checkPairs(t, "pypi", tests)
}

// The PyTorch nightly dependency confusion of December 2022: the genuine
// torchtriton on the nightly index was 2.0.0+0d7e753227, the malicious one on
// PyPI was 3.0.0; the torch nightlies were 2.0.0.devYYYYMMDD+cu117.
func TestComparePEP440Torchtriton(t *testing.T) {
	checkPairs(t, "pypi", []pair{
		{"2.0.0+0d7e753227", "2.0.0", 1}, // a local version sorts after its public version
		{"3.0.0", "2.0.0+0d7e753227", 1}, // why pip preferred the PyPI upload
		{"2.0.0.dev20221230+cu117", "2.0.0", -1},
		{"2.0.0.dev20221230+cu117", "2.0.0.dev0", 1},
		{"2.0.0.dev20221230+cu117", "2.0.0.dev20221230", 1},
		{"2.0.0.dev20221231+cu117", "2.0.0.dev20221230+cu117", 1},
	})
}

// Maven's ComparableVersion javadoc: "alpha" < "beta" < "milestone" <
// "rc" = "cr" < "snapshot" < "" = "final" = "ga" < "sp", qualifiers compared
// case-insensitively, and trailing zeros ("null" values) removed.
func TestCompareMavenQualifierOrder(t *testing.T) {
	checkOrder(t, "maven", [][]string{
		{"1-alpha", "1-ALPHA"},
		{"1-beta", "1-Beta"},
		{"1-milestone"},
		{"1-rc", "1-cr", "1-RC"},
		{"1-snapshot", "1-SNAPSHOT"},
		{"1", "1-final", "1-ga", "1-GA", "1.0", "1.0.0", "1-0"},
		{"1-sp"},
	})
}

// POM reference, "Version Order Specification" / "Version Order Testing",
// and the ComparableVersion javadoc ("a1" = "alpha-1", ...).
func TestCompareMavenPOMReference(t *testing.T) {
	checkPairs(t, "maven", []pair{
		{"1", "1.1", -1},          // number padding
		{"1-snapshot", "1", -1},   // qualifier padding
		{"1", "1-sp", -1},         // qualifier padding
		{"1-SNAPSHOT", "1", -1},   //
		{"1-foo2", "1-foo10", -1}, // switching to numeric order
		{"1-foo", "1-1", -1},      //
		{"1-1", "1.1", -1},        //
		{"1.ga", "1-ga", 0},       // removing trailing "null" values
		{"1-ga", "1-0", 0},        //
		{"1-0", "1.0", 0},         //
		{"1.0", "1", 0},           //
		{"1.0", "1.0.0", 0},       //
		{"1-sp", "1-ga", 1},       //
		{"1-sp.1", "1-ga.1", 1},   //
		{"1-sp-1", "1-ga-1", -1},  // trailing "null" values at each hyphen
		// The POM reference says 1-ga-1 = 1-1; Maven's ComparableVersion
		// (3.8.7 and 3.9.9 alike) puts it below: "ga" is dropped, leaving
		// a list inside a list, which sorts before a plain list.
		{"1-ga-1", "1-1", -1},
		{"1-a1", "1-alpha-1", 0},     // "a", "b", "m" followed by a digit
		{"1-alpha1", "1-a1", 0},      //
		{"1-b1", "1-beta-1", 0},      //
		{"1-m1", "1-milestone-1", 0}, //
		{"1-alpha-snapshot", "1-alpha", -1},
		{"1-foo", "1", 1},     // unknown qualifiers sort after ""
		{"1-sp", "1-foo", -1}, // ... and after "sp"
		// The POM reference and ComparableVersion agree: a qualifier after
		// "." is read as after "-" ("1.0.0.X1 < 1.0.0-X2" in the code).
		{"1.foo", "1-foo", 0},
	})
}

// Log4Shell (CVE-2021-44228 and follow-ups): 2.0-beta9 introduced the lookup,
// 2.15.0, 2.16.0, 2.17.0 and 2.17.1 were the successive fixes (2.12.2 and
// 2.3.1 the Java 7 and Java 6 backports).
func TestCompareMavenLog4Shell(t *testing.T) {
	checkOrder(t, "maven", chain(
		"2.0-beta8",
		"2.0-beta9",
		"2.0-rc1",
		"2.0",
		"2.3.1",
		"2.12.1",
		"2.12.2",
		"2.14.1",
		"2.15.0",
		"2.16.0",
		"2.17.0",
		"2.17.1",
		// Red Hat's rebuild: an unknown qualifier after 2.17.1, so it sorts
		// after 2.17.1 and before 2.17.2.
		"2.17.1.redhat-00002",
		"2.17.2",
	))
}

// SemVer 2.0.0 §11: the precedence example, §11.2 (numeric, not lexical, major,
// minor, patch) and §10 (build metadata is ignored for precedence). The same
// rules apply to npm, Cargo and NuGet (NuGet 2.0 follows SemVer 2.0.0).
func TestCompareSemVerPrecedence(t *testing.T) {
	for _, typ := range []string{"npm", "cargo", "nuget"} {
		t.Run(typ, func(t *testing.T) {
			checkOrder(t, typ, [][]string{
				{"1.0.0-alpha", "1.0.0-alpha+001"},
				{"1.0.0-alpha.1"},
				{"1.0.0-alpha.beta"},
				{"1.0.0-beta", "1.0.0-beta+exp.sha.5114f85"},
				{"1.0.0-beta.2"},
				{"1.0.0-beta.11"},
				{"1.0.0-rc.1"},
				{"1.0.0", "1.0.0+build", "1.0.0+20130313144700"},
				{"2.0.0"},
				{"2.1.0"},
				{"2.1.1"},
				{"2.10.0"},
			})
		})
	}
}

// lodash CVE-2021-23337 (command injection in template) was fixed in 4.17.21.
func TestCompareNpmLodash(t *testing.T) {
	checkOrder(t, "npm", chain("3.10.1", "4.0.0", "4.17.20", "4.17.21", "4.18.0"))
}

// NuGet "Package versioning": pre-release labels compare case-insensitively
// and a fourth (revision) part of zero is the same version.
func TestCompareNuGet(t *testing.T) {
	checkPairs(t, "nuget", []pair{
		{"1.0.0-ALPHA", "1.0.0-alpha", 0},
		{"1.0.0.0", "1.0.0", 0},
		{"1.0.0-alpha", "1.0.0", -1},
	})
}

// Go modules reference, "Versions" and "Pseudo-versions": semantic versions
// with a "v", pseudo-versions sort as pre-releases of the version they are
// based on, "+incompatible" is build metadata.
func TestCompareGoModules(t *testing.T) {
	checkPairs(t, "golang", []pair{
		{"v1.2.3", "v1.10.0", -1},
		{"v0.0.0-20191109021931-daa7c04131f5", "v0.1.0", -1},
		{"v0.0.0-20191109021931-daa7c04131f5", "v0.0.0-20201109021931-aaa7c04131f5", -1},
		{"v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.3", 1},
		{"v1.2.4-0.20191109021931-daa7c04131f5", "v1.2.4", -1},
		{"v1.2.3-pre.0.20191109021931-daa7c04131f5", "v1.2.3-pre", 1},
		{"v1.2.3-pre.0.20191109021931-daa7c04131f5", "v1.2.3", -1},
		{"v2.0.0+incompatible", "v2.0.0", 0},
		{"v2.0.0+incompatible", "v1.9.9", 1},
		{"v2.0.0+incompatible", "v2.0.1", -1},
		// sbomx accepts Go versions without the "v".
		{"1.2.3", "v1.2.3", 0},
		{"1.2.3", "1.10.0", -1},
		{"0.0.0-20191109021931-daa7c04131f5", "v0.1.0", -1},
	})
}

// Debian Policy §5.6.12 "Version": epoch, upstream_version, debian_revision;
// letters sort before non-letters, "~" before anything, even the end of a
// part ("~~, ~~a, ~, the empty part, a"); an absent revision is "0".
func TestCompareDebianPolicy(t *testing.T) {
	t.Run("tilde", func(t *testing.T) {
		checkOrder(t, "deb", chain("1.0~~", "1.0~~a", "1.0~", "1.0", "1.0a"))
	})
	checkPairs(t, "deb", []pair{
		{"1:1.0", "2.0", 1},
		{"0:1.0", "1.0", 0},
		{"1.0~rc1", "1.0", -1},
		{"1.0-1", "1.0-2", -1},
		{"1.0-1", "1.0.1-1", -1},
		{"1.0", "1.0-0", 0},
		{"1.10", "1.9", 1},
		{"1.0a", "1.0+", -1}, // letters before non-letters
		{"1.0+", "1.0.", -1}, // non-letters by ASCII
		{"1.0a", "1.0b", -1},
		{"1.0-1~bpo11+1", "1.0-1", -1}, // backports
		{"1:2.30-1+deb11u1", "1:2.30-1", 1},
	})
}

// RPM's rpmvercmp (rpm.org "Dependencies" / "Version comparison") and the
// Fedora Packaging Guidelines on "~" (pre-release) and "^" (snapshot).
func TestCompareRPM(t *testing.T) {
	t.Run("tilde_caret", func(t *testing.T) {
		checkOrder(t, "rpm", chain("1.0~rc1", "1.0~rc2", "1.0", "1.0^git1", "1.0.1"))
	})
	checkPairs(t, "rpm", []pair{
		{"1:1.0", "2.0", 1},
		{"0:1.0", "1.0", 0},
		{"1.0-1.el8", "1.0-2.el8", -1},
		{"1.0-1.el8", "1.0-1.el8_1", -1},
		{"1.10", "1.9", 1},
		{"1.0", "1.0.0", -1},  // more segments is newer
		{"1.0a", "1.0", 1},    // a trailing segment is newer
		{"1.0.1", "1.0.a", 1}, // numeric segments are newer than alphabetic
	})
}

// RubyGems Gem::Version documentation: "Prereleases sort between real
// releases (newest to oldest): 1.0, 1.0.b1, 1.0.a.2, 0.9"; mixed parts split
// ("1.0.a10 becomes 1.0.a.10, and is greater than 1.0.a9").
func TestCompareRubyGems(t *testing.T) {
	t.Run("prereleases", func(t *testing.T) {
		checkOrder(t, "gem", chain("0.9", "1.0.a.2", "1.0.b1", "1.0"))
	})
	checkPairs(t, "gem", []pair{
		{"1.0.0.pre", "1.0.0", -1},
		{"1.0.a", "1.0.b", -1},
		{"1.0", "1.0.0", 0},
		{"1.0.a10", "1.0.a9", 1},
		{"1.0.a10", "1.0.a.10", 0},
		// RubyGems rewrites "-" as ".pre." (Gem::Version.new("1.0.0-rc1")
		// is 1.0.0.pre.rc1), so these are equal (Ruby: <=> gives 0).
		{"1.0.0-rc1", "1.0.0.pre.rc1", 0},
		{"1.0.0-rc1", "1.0.0", -1},
	})
}

func TestCompareUnknownEcosystem(t *testing.T) {
	for _, typ := range []string{"generic", "", "github", "docker"} {
		t.Run(typ, func(t *testing.T) {
			_, err := Compare(typ, "1.0", "1.0")
			if !errors.Is(err, ErrUnknownEcosystem) {
				t.Errorf("Compare(%q, ...) error = %v, want ErrUnknownEcosystem", typ, err)
			}
		})
	}
}

func TestCompareCaseInsensitiveType(t *testing.T) {
	got, err := Compare("PyPI", "1.0", "1.0.0")
	if err != nil || got != 0 {
		t.Errorf("Compare(PyPI, 1.0, 1.0.0) = %d, %v; want 0, nil", got, err)
	}
}

// Versions that do not parse, or are empty, are errors whichever side they
// are on, never a panic or an arbitrary order.
func TestCompareInvalid(t *testing.T) {
	tests := []struct {
		typ, a, b string
	}{
		{"deb", "a:1.0", "1.0"}, // the epoch must be a number
		{"deb", "1.0", "a:1.0"},
		{"cran", "1.a", "1.0"},
		{"cran", "1.0", "1.a"},
		{"hackage", "1.a", "1.0"},
		{"npm", "", "1.0.0"},
		{"npm", "1.0.0", ""},
		{"pypi", " ", "1.0"},
		{"pypi", "1.0", " "},
		{"maven", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.typ+"/"+tt.a+"/"+tt.b, func(t *testing.T) {
			if got, err := Compare(tt.typ, tt.a, tt.b); err == nil {
				t.Errorf("Compare(%q, %q, %q) = %d, nil; want an error", tt.typ, tt.a, tt.b, got)
			}
		})
	}
}

func TestOSVEcosystem(t *testing.T) {
	tests := map[string]string{
		"pypi":    "PyPI",
		"PyPI":    "PyPI",
		"maven":   "Maven",
		"npm":     "npm",
		"golang":  "Go",
		"cargo":   "crates.io",
		"nuget":   "NuGet",
		"gem":     "RubyGems",
		"deb":     "Debian",
		"rpm":     "Red Hat",
		"apk":     "Alpine",
		"alpine":  "Alpine",
		"generic": "",
		"":        "",
	}
	for typ, want := range tests {
		if got := OSVEcosystem(typ); got != want {
			t.Errorf("OSVEcosystem(%q) = %q, want %q", typ, got, want)
		}
	}
}

func TestPURLType(t *testing.T) {
	tests := map[string]string{
		"PyPI":         "pypi",
		"pypi":         "pypi",
		"Maven":        "maven",
		"npm":          "npm",
		"Go":           "golang",
		"crates.io":    "cargo",
		"NuGet":        "nuget",
		"RubyGems":     "gem",
		"Debian":       "deb",
		"Debian:11":    "deb",
		"Ubuntu:22.04": "deb",
		"Red Hat":      "rpm",
		"Rocky Linux":  "rpm",
		"AlmaLinux:8":  "rpm",
		"Alpine":       "apk",
		"Alpine:v3.18": "apk",
		"Wolfi":        "apk",
		"Packagist":    "composer",
		"GIT":          "",
		"":             "",
	}
	for eco, want := range tests {
		if got := PURLType(eco); got != want {
			t.Errorf("PURLType(%q) = %q, want %q", eco, got, want)
		}
	}
}

// Every purl type sbomx knows maps to an OSV ecosystem that maps back to a
// purl type with the same ordering.
func TestPURLTypeRoundTrip(t *testing.T) {
	for typ, eco := range osvEcosystems {
		back := PURLType(eco)
		if OSVEcosystem(back) != eco {
			t.Errorf("PURLType(OSVEcosystem(%q)=%q) = %q, which maps to %q", typ, eco, back, OSVEcosystem(back))
		}
	}
}
