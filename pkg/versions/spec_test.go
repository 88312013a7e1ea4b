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
