package versions

import (
	"errors"
	"testing"
)

// Cases from the purl "vers" specification (VERSION-RANGE-SPEC, "Version
// range specifier", "Some examples" and "Checking if a version is contained
// within a range"), evaluated with its algorithm.
func TestParseVersMatch(t *testing.T) {
	tests := []struct {
		vers   string
		scheme string
		cases  []matchCase
	}{
		{"vers:npm/1.2.3", "npm", []matchCase{
			{typ: "npm", version: "1.2.3", want: true},
			{typ: "npm", version: "1.2.3+build", want: true},
			{typ: "npm", version: "1.2.4", want: false},
		}},
		// The spec's opening example: 1.2.3, or >=2.0.0 and <5.0.0.
		{"vers:npm/1.2.3|>=2.0.0|<5.0.0", "npm", []matchCase{
			{typ: "npm", version: "1.2.3", want: true},
			{typ: "npm", version: "1.2.4", want: false},
			{typ: "npm", version: "2.0.0", want: true},
			{typ: "npm", version: "4.9.9", want: true},
			{typ: "npm", version: "5.0.0", want: false},
		}},
		{"vers:npm/>=1.0.0|<2.0.0", "npm", []matchCase{
			{typ: "npm", version: "0.9.0", want: false},
			{typ: "npm", version: "1.0.0", want: true},
			{typ: "npm", version: "1.5.0", want: true},
			{typ: "npm", version: "2.0.0-rc.1", want: true},
			{typ: "npm", version: "2.0.0", want: false},
		}},
		// Constraints are sorted by version before being read as intervals.
		{"vers:npm/<2.0.0|>=1.0.0", "npm", []matchCase{
			{typ: "npm", version: "0.9.0", want: false},
			{typ: "npm", version: "1.5.0", want: true},
			{typ: "npm", version: "2.0.0", want: false},
		}},
		// An enumeration of versions, PEP 440 ordering (2.0pre1 = 2.0rc1).
		{"vers:pypi/0.0.0|0.0.1|0.0.2|0.0.3|1.0|2.0pre1", "pypi", []matchCase{
			{typ: "pypi", version: "0.0.2", want: true},
			{typ: "pypi", version: "1.0.0", want: true},
			{typ: "pypi", version: "2.0rc1", want: true},
			{typ: "pypi", version: "0.0.4", want: false},
			{typ: "pypi", version: "2.0", want: false},
		}},
		// Log4Shell as a vers range.
		{"vers:maven/>=2.0-beta9|<2.17.0", "maven", []matchCase{
			{typ: "maven", version: "2.14.1", want: true},
			{typ: "maven", version: "2.0-beta9", want: true},
			{typ: "maven", version: "2.17.0", want: false},
			{typ: "maven", version: "2.0-beta8", want: false},
			{typ: "maven", version: "2.17.1", want: false},
		}},
		// Two intervals.
		{"vers:npm/>=1.0.0|<1.5.0|>=2.0.0|<2.5.0", "npm", []matchCase{
			{typ: "npm", version: "0.9.0", want: false},
			{typ: "npm", version: "1.0.0", want: true},
			{typ: "npm", version: "1.4.9", want: true},
			{typ: "npm", version: "1.5.0", want: false},
			{typ: "npm", version: "1.9.0", want: false},
			{typ: "npm", version: "2.0.0", want: true},
			{typ: "npm", version: "2.4.0", want: true},
			{typ: "npm", version: "2.5.0", want: false},
			{typ: "npm", version: "3.0.0", want: false},
		}},
		// The spec's tomee example, with Maven ordering.
		{"vers:maven/>=1.0.0-beta1|<=1.7.5|>=7.0.0-M1|<=7.0.7|>=7.1.0|<=7.1.2|>=8.0.0-M1|<=8.0.1", "maven", []matchCase{
			{typ: "maven", version: "0.9", want: false},
			{typ: "maven", version: "1.0.0-beta1", want: true},
			{typ: "maven", version: "1.7.5", want: true},
			{typ: "maven", version: "1.7.6", want: false},
			{typ: "maven", version: "7.0.0", want: true},
			{typ: "maven", version: "7.0.8", want: false},
			{typ: "maven", version: "7.1.2", want: true},
			{typ: "maven", version: "8.0.0-M2", want: true},
			{typ: "maven", version: "8.0.1", want: true},
			{typ: "maven", version: "8.0.2", want: false},
		}},
		// Unbounded ends: below the first "<=" and above the last ">=".
		{"vers:npm/<=1.0.0|>=2.0.0", "npm", []matchCase{
			{typ: "npm", version: "0.1.0", want: true},
			{typ: "npm", version: "1.0.0", want: true},
			{typ: "npm", version: "1.5.0", want: false},
			{typ: "npm", version: "2.0.0", want: true},
			{typ: "npm", version: "9.0.0", want: true},
		}},
		{"vers:npm/<1.0.0", "npm", []matchCase{
			{typ: "npm", version: "0.9.9", want: true},
			{typ: "npm", version: "1.0.0", want: false},
		}},
		{"vers:npm/>1.0.0", "npm", []matchCase{
			{typ: "npm", version: "1.0.0", want: false},
			{typ: "npm", version: "1.0.1", want: true},
		}},
		// "!=" excludes a version.
		{"vers:npm/!=1.2.3", "npm", []matchCase{
			{typ: "npm", version: "1.2.3", want: false},
			{typ: "npm", version: "1.2.4", want: true},
			{typ: "npm", version: "0.1.0", want: true},
		}},
		// The spec's gem example, with a space (not significant).
		{"vers:gem/>=2.2.0|!= 2.2.1|<2.3.0", "gem", []matchCase{
			{typ: "gem", version: "2.1.9", want: false},
			{typ: "gem", version: "2.2.0", want: true},
			{typ: "gem", version: "2.2.1", want: false},
			{typ: "gem", version: "2.2.2", want: true},
			{typ: "gem", version: "2.3.0", want: false},
		}},
		// "*" is every version.
		{"vers:npm/*", "npm", []matchCase{
			{typ: "npm", version: "0.0.1", want: true},
			{typ: "npm", version: "99.0.0-rc.1", want: true},
			{typ: "generic", version: "anything", want: true},
		}},
		// The scheme decides the ordering when the component type has none;
		// the scheme is case-insensitive.
		{"vers:PyPI/>=2.0", "pypi", []matchCase{
			{typ: "generic", version: "2.0.0", want: true},
			{typ: "", version: "1.9", want: false},
			{typ: "pypi", version: "", wantErr: true},
		}},
		// A scheme sbomx cannot order is an error, not a guess.
		{"vers:tomee/>=1.0.0|<2.0.0", "tomee", []matchCase{
			{typ: "generic", version: "1.5.0", wantErr: true},
		}},
		{"vers:deb/>=1:1.0", "deb", []matchCase{
			{typ: "deb", version: "2.0", want: false},
			{typ: "deb", version: "1:1.0-1", want: true},
			{typ: "deb", version: "x:1.0", wantErr: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.vers, func(t *testing.T) {
			v, err := ParseVers(tt.vers)
			if err != nil {
				t.Fatalf("ParseVers(%q): %v", tt.vers, err)
			}
			if v.Scheme() != tt.scheme {
				t.Errorf("Scheme() = %q, want %q", v.Scheme(), tt.scheme)
			}
			if v.String() != tt.vers {
				t.Errorf("String() = %q, want %q", v.String(), tt.vers)
			}
			checkMatch(t, v, tt.cases)
		})
	}
}

func TestParseVersUnknownSchemeError(t *testing.T) {
	v, err := ParseVers("vers:generic/>=1.0")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := v.Match("generic", "1.0"); !errors.Is(err, ErrUnknownEcosystem) {
		t.Errorf("Match error = %v, want ErrUnknownEcosystem", err)
	}
}

func TestParseVersErrors(t *testing.T) {
	for _, s := range []string{
		"",
		"vers:",
		"vers:npm",
		"vers:npm/",
		"vers:npm/ ",
		"vers:/1.0",
		"npm/1.0",
		"vers:npm/<",
		"vers:npm/>=",
		"vers:npm/>=1.0||<2.0",
		"vers:npm/>=1.0|",
		"vers:deb/<<2.0",
		"vers:npm/=>1.0",
	} {
		t.Run(s, func(t *testing.T) {
			if v, err := ParseVers(s); err == nil {
				t.Errorf("ParseVers(%q) = %+v, nil; want an error", s, v)
			}
		})
	}
}
