package versions

import (
	"strings"
	"testing"
)

// matchCase is one Match call and its expected answer.
type matchCase struct {
	typ, version string
	want         bool
	wantErr      bool
}

func checkMatch(t *testing.T, m Matcher, cases []matchCase) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.typ+"@"+c.version, func(t *testing.T) {
			got, err := m.Match(c.typ, c.version)
			if c.wantErr {
				if err == nil {
					t.Errorf("%s.Match(%q, %q) = %v, nil; want an error", m, c.typ, c.version, got)
				}
				return
			}
			if err != nil {
				t.Fatalf("%s.Match(%q, %q): %v", m, c.typ, c.version, err)
			}
			if got != c.want {
				t.Errorf("%s.Match(%q, %q) = %v, want %v", m, c.typ, c.version, got, c.want)
			}
		})
	}
}

// placeholders are versions real generators write where they know none:
// SPDX's NOASSERTION (syft, GitHub's dependency graph), cdxgen's and
// Trivy's "unknown"/"UNKNOWN", Go's "(devel)" for a main module built from
// a checkout, unresolved Maven properties, npm's "*" and "2.x" from a
// manifest's range, "latest" from a Docker tag, and nothing at all.
var placeholders = []string{"NOASSERTION", "NONE", "UNKNOWN", "unknown", "(devel)", "${log4j.version}", "${project.version}", "*", "2.x", "2.X", "1.2.*", "latest", "", " ", "master", "HEAD", "dev-master", "^1.2.3", "~1.2", ">=1.0"}

// TestPlaceholdersNeverDecided: in every ecosystem, a placeholder version is
// neither in nor out of any range (an upper bound, a lower bound, both, one
// version), nor of an OSV advisory: Match says why it cannot tell.
func TestPlaceholdersNeverDecided(t *testing.T) {
	ranges := map[string][]string{"": {"<2.17.0", ">=1.0", ">=1.0,<3", "1.0", "[1.0,3.0)", "!=1.0"}}
	for typ := range schemes {
		ranges[typ] = ranges[""]
	}
	ranges["npm"] = append(ranges["npm"], "^1.0.0", "~1.2.3", "1.x", "1.0.0 - 3.0.0")
	ranges["pypi"] = append(ranges["pypi"], "~=2.0", "==2.*", "!=2.*", "===2.0")
	ranges["gem"] = append(ranges["gem"], "~> 2.0")
	for typ, rs := range ranges {
		for _, r := range rs {
			sp, err := ParseSpec(typ, r)
			if err != nil {
				t.Errorf("ParseSpec(%q, %q): %v", typ, r, err)
				continue
			}
			osv := &Affected{Ranges: []OSVRange{{Type: "ECOSYSTEM", Events: []OSVEvent{{Introduced: "0"}, {Fixed: "3.0"}}}}}
			for _, p := range placeholders {
				if got, err := sp.Match(typ, p); err == nil {
					t.Errorf("%s@%s: Match(%q) = %v with no error; want version unknown", typ, r, p, got)
				}
				if typ == "" {
					continue
				}
				if got, err := osv.Match(typ, p); err == nil {
					t.Errorf("%s advisory <3.0: Match(%q) = %v with no error; want version unknown", typ, p, got)
				}
				if _, err := Compare(typ, p, "1.0"); err == nil {
					t.Errorf("Compare(%q, %q, 1.0): no error", typ, p)
				}
			}
		}
	}
}

// TestPlaceholderReasons: the reason names what the placeholder is.
func TestPlaceholderReasons(t *testing.T) {
	sp, err := ParseSpec("maven", "<2.17.0")
	if err != nil {
		t.Fatal(err)
	}
	for v, want := range map[string]string{
		"NOASSERTION":      "does not assert a version",
		"${log4j.version}": "unresolved build property",
		"(devel)":          "Go development build",
		"2.x":              "range or wildcard",
		"":                 "gives no version",
		"latest":           "tag or branch",
		"r09":              "not a Maven version",
	} {
		_, err := sp.Match("maven", v)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("Match(maven, %q) error = %v, want one saying %q", v, err, want)
		}
	}
}
