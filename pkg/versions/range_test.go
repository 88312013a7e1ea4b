package versions

import (
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

func TestExact(t *testing.T) {
	tests := []struct {
		exact string
		cases []matchCase
	}{
		{"2.0", []matchCase{
			{typ: "pypi", version: "2.0.0", want: true}, // PEP 440 zero padding
			{typ: "pypi", version: "2.0", want: true},
			{typ: "pypi", version: "2.0.1", want: false},
			{typ: "maven", version: "2.0.0", want: true},
			{typ: "maven", version: "2.0-beta9", want: false},
			// No ordering: the same text or nothing, and no error.
			{typ: "generic", version: "2.0", want: true},
			{typ: "generic", version: "2.0.0", want: false},
			{typ: "", version: "2.0.0", want: false},
			{typ: "pypi", version: "", wantErr: true},
		}},
		{"v1.2.3", []matchCase{
			{typ: "golang", version: "1.2.3", want: true},
			{typ: "golang", version: "v1.2.3+incompatible", want: true},
		}},
		{"1.0", []matchCase{
			{typ: "deb", version: "a:1.0", wantErr: true}, // unparseable in a known ecosystem
			{typ: "deb", version: "1.0-0", want: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.exact, func(t *testing.T) {
			e := Exact(tt.exact)
			if e.String() != tt.exact {
				t.Errorf("String() = %q, want %q", e.String(), tt.exact)
			}
			checkMatch(t, e, tt.cases)
		})
	}
}

func TestParseRangeMatch(t *testing.T) {
	tests := []struct {
		rng   string
		cases []matchCase
	}{
		// Log4Shell: everything before 2.17.0 (CVE-2021-45105 fix).
		{"<2.17.0", []matchCase{
			{typ: "maven", version: "2.14.1", want: true},
			{typ: "maven", version: "2.17.0", want: false},
			{typ: "maven", version: "2.17.1", want: false},
			{typ: "maven", version: "2.0-beta9", want: true},
			{typ: "maven", version: "2.17.0-rc1", want: true},
		}},
		// lodash CVE-2021-23337.
		{">=4.0.0,<4.17.21", []matchCase{
			{typ: "npm", version: "4.17.20", want: true},
			{typ: "npm", version: "4.0.0", want: true},
			{typ: "npm", version: "4.17.21", want: false},
			{typ: "npm", version: "3.10.1", want: false},
		}},
		{" >= 4.0.0 , < 4.17.21 ", []matchCase{ // spaces are allowed
			{typ: "npm", version: "4.17.20", want: true},
			{typ: "npm", version: "4.17.21", want: false},
		}},
		{"<1.0 || >=2.0,<2.5", []matchCase{
			{typ: "pypi", version: "0.9", want: true},
			{typ: "pypi", version: "1.0", want: false},
			{typ: "pypi", version: "1.5", want: false},
			{typ: "pypi", version: "2.0", want: true},
			{typ: "pypi", version: "2.4.9", want: true},
			{typ: "pypi", version: "2.5", want: false},
			{typ: "pypi", version: "3.0", want: false},
		}},
		{"!=1.0", []matchCase{
			{typ: "pypi", version: "1.0.0", want: false},
			{typ: "pypi", version: "1.0.1", want: true},
			{typ: "maven", version: "1", want: false},
		}},
		{"==2.0", []matchCase{
			{typ: "pypi", version: "2.0.0", want: true},
			{typ: "pypi", version: "2.0.1", want: false},
		}},
		{"=2.0", []matchCase{
			{typ: "pypi", version: "2.0.0", want: true},
		}},
		{"2.0", []matchCase{ // no operator: equality
			{typ: "pypi", version: "2.0.0", want: true},
			{typ: "pypi", version: "2.1", want: false},
		}},
		{">1.0,<=2.0", []matchCase{
			{typ: "npm", version: "1.0.0", want: false},
			{typ: "npm", version: "1.0.1", want: true},
			{typ: "npm", version: "2.0.0", want: true},
			{typ: "npm", version: "2.0.1", want: false},
		}},
		{"<2.0.0", []matchCase{
			{typ: "generic", version: "1.0", wantErr: true}, // no ordering
			{typ: "npm", version: "", wantErr: true},        // no version
			{typ: "deb", version: "x:1.0", wantErr: true},   // does not parse
		}},
	}
	for _, tt := range tests {
		t.Run(tt.rng, func(t *testing.T) {
			r, err := ParseRange(tt.rng)
			if err != nil {
				t.Fatalf("ParseRange(%q): %v", tt.rng, err)
			}
			if r.String() != tt.rng {
				t.Errorf("String() = %q, want %q", r.String(), tt.rng)
			}
			checkMatch(t, r, tt.cases)
		})
	}
}

func TestParseRangeErrors(t *testing.T) {
	for _, s := range []string{
		"",
		"<",
		">=",
		"==",
		"!=",
		">=,<1",
		">=1.0,",
		">=1.0,,<2.0",
		"<1.0 ||",
		"|| <1.0",
		"<1.0 || || >2.0",
		" , ",
		"<<2.0", // Debian's native operators are not range operators
		">>2.0",
		"=>1.0",
		"===1.0",
		"!==1.0",
		"<=>1.0",
	} {
		t.Run(s, func(t *testing.T) {
			if r, err := ParseRange(s); err == nil {
				t.Errorf("ParseRange(%q) = %v, nil; want an error", s, r.any)
			}
		})
	}
}

func TestIsRange(t *testing.T) {
	tests := map[string]bool{
		"1.2.3":             false,
		"2.0.0+0d7e753227":  false,
		"1:1.0-1":           false,
		"v1.2.4-0.20191109": false,
		"<2.17.0":           true,
		">=4.0.0,<4.17.21":  true,
		"<1.0 || >=2.0":     true,
		"!=1.0":             true,
		"==2.0":             true,
		"*":                 true,
		"vers:npm/1.2.3":    true,
	}
	for s, want := range tests {
		if got := IsRange(s); got != want {
			t.Errorf("IsRange(%q) = %v, want %v", s, got, want)
		}
	}
}
