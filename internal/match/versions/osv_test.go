package versions

import (
	"errors"
	"testing"
)

func intro(v string) OSVEvent   { return OSVEvent{Introduced: v} }
func fixed(v string) OSVEvent   { return OSVEvent{Fixed: v} }
func lastAff(v string) OSVEvent { return OSVEvent{LastAffected: v} }
func limit(v string) OSVEvent   { return OSVEvent{Limit: v} }

func ecoRange(events ...OSVEvent) OSVRange { return OSVRange{Type: "ECOSYSTEM", Events: events} }

// Cases follow the OSV schema's "Evaluation" section (events sorted by
// version, "0" first; introduced opens, fixed closes at, last_affected closes
// after, limit bounds the range) and real advisories.
func TestAffectedMatch(t *testing.T) {
	tests := []struct {
		name  string
		aff   Affected
		cases []matchCase
	}{
		{"introduced 0 and fixed", Affected{Ranges: []OSVRange{ecoRange(intro("0"), fixed("4.17.21"))}}, []matchCase{
			{typ: "npm", version: "0.0.1", want: true},
			{typ: "npm", version: "4.17.20", want: true},
			{typ: "npm", version: "4.17.21", want: false},
			{typ: "npm", version: "5.0.0", want: false},
		}},
		{"introduced and last_affected", Affected{Ranges: []OSVRange{ecoRange(intro("1.0.0"), lastAff("1.2.3"))}}, []matchCase{
			{typ: "npm", version: "0.9.0", want: false},
			{typ: "npm", version: "1.0.0", want: true},
			{typ: "npm", version: "1.2.3", want: true},
			{typ: "npm", version: "1.2.4", want: false},
		}},
		{"introduced 0 and last_affected", Affected{Ranges: []OSVRange{ecoRange(intro("0"), lastAff("2.0"))}}, []matchCase{
			{typ: "pypi", version: "0.1", want: true},
			{typ: "pypi", version: "2.0.0", want: true},
			{typ: "pypi", version: "2.0.post1", want: false},
		}},
		{"introduced only", Affected{Ranges: []OSVRange{ecoRange(intro("2.0"))}}, []matchCase{
			{typ: "pypi", version: "1.9", want: false},
			{typ: "pypi", version: "2.0", want: true},
			{typ: "pypi", version: "99", want: true},
		}},
		// GHSA-7rjr-3q55-vv33 (CVE-2021-45046, log4j-core): two
		// introduced/fixed pairs in one range.
		{"GHSA-7rjr-3q55-vv33", Affected{Ranges: []OSVRange{ecoRange(
			intro("2.0-beta9"), fixed("2.12.2"), intro("2.13.0"), fixed("2.16.0"),
		)}}, log4jCases()},
		// The same, events out of order: they are sorted before evaluation.
		{"GHSA-7rjr-3q55-vv33 unsorted", Affected{Ranges: []OSVRange{ecoRange(
			fixed("2.16.0"), intro("2.13.0"), fixed("2.12.2"), intro("2.0-beta9"),
		)}}, log4jCases()},
		// The same as two ranges.
		{"GHSA-7rjr-3q55-vv33 two ranges", Affected{Ranges: []OSVRange{
			ecoRange(intro("2.0-beta9"), fixed("2.12.2")),
			ecoRange(intro("2.13.0"), fixed("2.16.0")),
		}}, log4jCases()},
		// GHSA-jfh8-c2jp-5v3q (Log4Shell, CVE-2021-44228): three pairs.
		{"GHSA-jfh8-c2jp-5v3q", Affected{Ranges: []OSVRange{ecoRange(
			intro("2.0-beta9"), fixed("2.3.1"), intro("2.4"), fixed("2.12.2"), intro("2.13.0"), fixed("2.15.0"),
		)}}, []matchCase{
			{typ: "maven", version: "2.0-beta8", want: false},
			{typ: "maven", version: "2.0-beta9", want: true},
			{typ: "maven", version: "2.0", want: true},
			{typ: "maven", version: "2.3.1", want: false},
			{typ: "maven", version: "2.3.2", want: false},
			{typ: "maven", version: "2.4", want: true},
			{typ: "maven", version: "2.12.2", want: false},
			{typ: "maven", version: "2.14.1", want: true},
			{typ: "maven", version: "2.15.0", want: false},
		}},
		// GHSA-pjwm-rvh2-c87w: the hijacked ua-parser-js releases, listed as
		// explicit versions.
		{"GHSA-pjwm-rvh2-c87w", Affected{Versions: []string{"0.7.29", "0.8.0", "1.0.0"}}, []matchCase{
			{typ: "npm", version: "0.7.29", want: true},
			{typ: "npm", version: "0.8.0", want: true},
			{typ: "npm", version: "1.0.0", want: true},
			{typ: "npm", version: "v1.0.0", want: true}, // equal under SemVer
			{typ: "npm", version: "0.7.28", want: false},
			{typ: "npm", version: "0.7.30", want: false},
			{typ: "npm", version: "1.0.1", want: false},
			{typ: "npm", version: "", wantErr: true},
		}},
		{"versions and ranges", Affected{
			Ranges:   []OSVRange{ecoRange(intro("2.0.0"), fixed("2.1.0"))},
			Versions: []string{"1.0.0"},
		}, []matchCase{
			{typ: "npm", version: "1.0.0", want: true},
			{typ: "npm", version: "1.5.0", want: false},
			{typ: "npm", version: "2.0.5", want: true},
		}},
		{"limit", Affected{Ranges: []OSVRange{ecoRange(
			intro("1.0"), fixed("1.5"), intro("2.0"), limit("3.0"),
		)}}, []matchCase{
			{typ: "pypi", version: "0.5", want: false},
			{typ: "pypi", version: "1.2", want: true},
			{typ: "pypi", version: "1.6", want: false},
			{typ: "pypi", version: "2.5", want: true},
			{typ: "pypi", version: "3.0", want: false},
			{typ: "pypi", version: "3.5", want: false},
		}},
		{"limit star", Affected{Ranges: []OSVRange{ecoRange(intro("0"), limit("*"))}}, []matchCase{
			{typ: "npm", version: "0.0.1", want: true},
			{typ: "npm", version: "99.0.0", want: true},
		}},
		// torch nightly builds (PEP 440 dev and local versions) before 2.0.0.
		{"pypi dev and local", Affected{Ranges: []OSVRange{ecoRange(intro("2.0.0.dev0"), fixed("2.0.0"))}}, []matchCase{
			{typ: "pypi", version: "2.0.0.dev20221230+cu117", want: true},
			{typ: "pypi", version: "2.0.0", want: false},
			{typ: "pypi", version: "1.13.1", want: false},
		}},
		{"go pseudo-versions", Affected{Ranges: []OSVRange{{Type: "SEMVER", Events: []OSVEvent{intro("0"), fixed("1.2.4")}}}}, []matchCase{
			{typ: "golang", version: "v1.2.4-0.20191109021931-daa7c04131f5", want: true},
			{typ: "golang", version: "1.2.3", want: true},
			{typ: "golang", version: "v1.2.4", want: false},
		}},
		{"debian", Affected{Ranges: []OSVRange{ecoRange(intro("0"), fixed("2.30-1+deb11u1"))}}, []matchCase{
			{typ: "deb", version: "2.30-1", want: true},
			{typ: "deb", version: "2.30-1+deb11u1", want: false},
			{typ: "deb", version: "1:1.0", want: false},
		}},
		// A range that errors does not hide another that answers.
		{"error then match", Affected{Ranges: []OSVRange{
			ecoRange(intro("x:1.0")),
			ecoRange(intro("0"), fixed("2.0")),
		}}, []matchCase{
			{typ: "deb", version: "1.0", want: true},
			{typ: "deb", version: "3.0", wantErr: true},
		}},
		{"unknown ecosystem", Affected{Ranges: []OSVRange{ecoRange(intro("0"), fixed("2.0"))}}, []matchCase{
			{typ: "generic", version: "1.0", wantErr: true},
			{typ: "", version: "1.0", wantErr: true},
		}},
		{"unknown ecosystem, listed version", Affected{Versions: []string{"1.0"}}, []matchCase{
			{typ: "generic", version: "1.0", want: true}, // same text
			{typ: "generic", version: "1.0.0", want: false},
		}},
		{"unparseable version", Affected{Ranges: []OSVRange{ecoRange(intro("0"), fixed("2.0"))}}, []matchCase{
			{typ: "deb", version: "x:1.0", wantErr: true},
		}},
		{"unparseable event", Affected{Ranges: []OSVRange{ecoRange(intro("1.0"), fixed("x:2.0"))}}, []matchCase{
			{typ: "deb", version: "1.5", wantErr: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkMatch(t, &tt.aff, tt.cases)
		})
	}
}

func log4jCases() []matchCase {
	return []matchCase{
		{typ: "maven", version: "2.0-beta8", want: false},
		{typ: "maven", version: "2.0-beta9", want: true},
		{typ: "maven", version: "2.0", want: true},
		{typ: "maven", version: "2.12.1", want: true},
		{typ: "maven", version: "2.12.2", want: false},
		{typ: "maven", version: "2.12.4", want: false},
		{typ: "maven", version: "2.13.0", want: true},
		{typ: "maven", version: "2.14.1", want: true},
		{typ: "maven", version: "2.15.0", want: true},
		{typ: "maven", version: "2.16.0", want: false},
		{typ: "maven", version: "2.17.1", want: false},
	}
}

func TestAffectedUnknownEcosystemError(t *testing.T) {
	a := &Affected{Ranges: []OSVRange{ecoRange(intro("0"), fixed("2.0"))}}
	if _, err := a.Match("generic", "1.0"); !errors.Is(err, ErrUnknownEcosystem) {
		t.Errorf("Match error = %v, want ErrUnknownEcosystem", err)
	}
}

func TestAffectedString(t *testing.T) {
	tests := []struct {
		aff  Affected
		want string
	}{
		{Affected{
			Label:  "GHSA-7rjr-3q55-vv33",
			Ranges: []OSVRange{ecoRange(intro("2.0-beta9"), fixed("2.12.2"), intro("2.13.0"), fixed("2.16.0"))},
		}, "GHSA-7rjr-3q55-vv33: >=2.0-beta9,<2.12.2,>=2.13.0,<2.16.0"},
		{Affected{
			Ranges:   []OSVRange{ecoRange(intro("0"), lastAff("1.2.3")), ecoRange(intro("2.0"), limit("3.0"))},
			Versions: []string{"0.7.29", "0.8.0"},
		}, ">=0,<=1.2.3 || >=2.0,limit 3.0 || versions 0.7.29 0.8.0"},
		{Affected{Label: "X"}, "X: "},
	}
	for _, tt := range tests {
		t.Run(tt.want, func(t *testing.T) {
			if got := tt.aff.String(); got != tt.want {
				t.Errorf("String() = %q, want %q", got, tt.want)
			}
		})
	}
}
