// Package versions compares versions with each ecosystem's own ordering and
// evaluates version constraints: exact versions, native ranges
// (">=4.0.0,<4.17.21"), purl "vers:" ranges and OSV affected ranges. It is the
// one home of github.com/google/osv-scalibr/semantic, the comparators
// osv-scanner uses (PEP 440, Maven ComparableVersion, SemVer, Go modules,
// Debian, RPM, RubyGems, NuGet, Alpine, ...).
package versions

import (
	"errors"
	"fmt"
	"strings"

	"github.com/google/osv-scalibr/semantic"
)

// ErrUnknownEcosystem means sbomx has no ordering for the ecosystem.
var ErrUnknownEcosystem = errors.New("no version ordering known for this ecosystem")

// osvEcosystems maps purl types to OSV ecosystem names.
var osvEcosystems = map[string]string{
	"pypi":     "PyPI",
	"maven":    "Maven",
	"npm":      "npm",
	"golang":   "Go",
	"cargo":    "crates.io",
	"nuget":    "NuGet",
	"gem":      "RubyGems",
	"deb":      "Debian",
	"rpm":      "Red Hat",
	"apk":      "Alpine",
	"alpine":   "Alpine",
	"composer": "Packagist",
	"pub":      "Pub",
	"hex":      "Hex",
	"hackage":  "Hackage",
	"cran":     "CRAN",
	"swift":    "SwiftURL",
	"conan":    "ConanCenter",
}

// OSVEcosystem returns the OSV ecosystem of a purl type ("" when unknown).
func OSVEcosystem(purlType string) string { return osvEcosystems[strings.ToLower(purlType)] }

// PURLType returns the purl type of an OSV ecosystem name ("PyPI",
// "Debian:11", "crates.io"); "" when unknown.
func PURLType(ecosystem string) string {
	eco, _, _ := strings.Cut(ecosystem, ":")
	for t, e := range osvEcosystems {
		if strings.EqualFold(e, eco) && t != "alpine" {
			return t
		}
	}
	switch strings.ToLower(eco) {
	case "ubuntu":
		return "deb"
	case "almalinux", "rocky linux", "opensuse", "suse", "mageia", "openeuler":
		return "rpm"
	case "wolfi", "chainguard":
		return "apk"
	}
	return ""
}

// Compare compares two versions of a purl type's ecosystem: -1, 0 or +1.
func Compare(purlType, a, b string) (int, error) {
	eco := OSVEcosystem(purlType)
	if eco == "" {
		return 0, fmt.Errorf("%w (%s)", ErrUnknownEcosystem, purlType)
	}
	if eco == "Go" {
		a, b = goVersion(a), goVersion(b)
	}
	va, err := parse(a, eco)
	if err != nil {
		return 0, err
	}
	// b must pass the same checks as a (an empty b used to compare as the
	// lowest version instead of being an error).
	if _, err := parse(b, eco); err != nil {
		return 0, err
	}
	return compareStr(va, b)
}

func parse(s, eco string) (v semantic.Version, err error) {
	defer func() {
		if r := recover(); r != nil {
			v, err = nil, fmt.Errorf("version %q: cannot parse as %s", s, eco)
		}
	}()
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("empty version")
	}
	v, err = semantic.Parse(s, eco)
	if err != nil {
		return nil, fmt.Errorf("version %q: %w", s, err)
	}
	return v, nil
}

func compareStr(v semantic.Version, s string) (c int, err error) {
	defer func() {
		if r := recover(); r != nil {
			c, err = 0, fmt.Errorf("version %q: cannot compare", s)
		}
	}()
	return v.CompareStr(s)
}

// goVersion accepts Go versions with or without the leading "v".
func goVersion(s string) string {
	if s != "" && s[0] >= '0' && s[0] <= '9' {
		return "v" + s
	}
	return s
}

// Matcher decides whether a version satisfies a constraint.
type Matcher interface {
	// Match reports whether version v of a purl type's ecosystem satisfies
	// the constraint. An error means it cannot tell (an unknown ecosystem,
	// a version that does not parse): the caller must say so, not drop it.
	Match(purlType, v string) (bool, error)
	String() string
}

// Exact matches one version: equal under the ecosystem's ordering
// (PEP 440: 2.0 == 2.0.0), or the same text where there is no ordering.
type Exact string

// Match implements Matcher.
func (e Exact) Match(purlType, v string) (bool, error) {
	if v == string(e) {
		return true, nil
	}
	if v == "" {
		return false, errors.New("the component has no version")
	}
	c, err := Compare(purlType, v, string(e))
	if err != nil {
		if errors.Is(err, ErrUnknownEcosystem) {
			return false, nil // compared as text above
		}
		return false, err
	}
	return c == 0, nil
}

func (e Exact) String() string { return string(e) }

// op is one comparison such as ">=2.17.0".
type op struct {
	cmp     string // "<", "<=", ">", ">=", "=", "!="
	version string
}

func (o op) holds(purlType, v string) (bool, error) {
	c, err := Compare(purlType, v, o.version)
	if err != nil {
		return false, err
	}
	switch o.cmp {
	case "<":
		return c < 0, nil
	case "<=":
		return c <= 0, nil
	case ">":
		return c > 0, nil
	case ">=":
		return c >= 0, nil
	case "!=":
		return c != 0, nil
	}
	return c == 0, nil
}

func parseOp(s string) (op, error) {
	s = strings.TrimSpace(s)
	for _, c := range []string{"<=", ">=", "!=", "==", "<", ">", "="} {
		if strings.HasPrefix(s, c) {
			v := strings.TrimSpace(s[len(c):])
			if v == "" {
				return op{}, fmt.Errorf("%q: no version after %s", s, c)
			}
			// "<<2.0", "=>1.0", "==>1": not a version after the operator
			// (the lenient comparators would order it anyway).
			if strings.ContainsAny(v[:1], "<>=!") {
				return op{}, fmt.Errorf("%q: unknown operator", s)
			}
			if c == "==" {
				c = "="
			}
			return op{cmp: c, version: v}, nil
		}
	}
	if s == "" {
		return op{}, errors.New("empty constraint")
	}
	return op{cmp: "=", version: s}, nil
}

// Range is a native constraint: comparisons joined by "," (and), alternatives
// joined by "||" (or): "<2.17.0", ">=4.0.0,<4.17.21", "<1.0 || >=2.0,<2.5".
type Range struct {
	text string
	any  [][]op
}

// ParseRange parses a native range.
func ParseRange(s string) (*Range, error) {
	r := &Range{text: s}
	for _, alt := range strings.Split(s, "||") {
		var all []op
		for _, part := range strings.Split(alt, ",") {
			o, err := parseOp(part)
			if err != nil {
				return nil, fmt.Errorf("range %q: %w", s, err)
			}
			all = append(all, o)
		}
		r.any = append(r.any, all)
	}
	return r, nil
}

// Match implements Matcher.
func (r *Range) Match(purlType, v string) (bool, error) {
	if v == "" {
		return false, errors.New("the component has no version")
	}
	for _, all := range r.any {
		ok := true
		for _, o := range all {
			h, err := o.holds(purlType, v)
			if err != nil {
				return false, err
			}
			if !h {
				ok = false
				break
			}
		}
		if ok {
			return true, nil
		}
	}
	return false, nil
}

func (r *Range) String() string { return r.text }

// IsRange reports whether a version part of a query is a range rather than
// one exact version.
func IsRange(s string) bool {
	return strings.HasPrefix(s, "vers:") || strings.ContainsAny(s, "<>=!,|*")
}
