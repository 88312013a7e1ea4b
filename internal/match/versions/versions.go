// Package versions reads versions and version ranges with each ecosystem's
// own rules, and decides whether a component's version is in a range.
//
// It owns the "match" step's version half: what a version is in each
// ecosystem (strictly: a placeholder such as NOASSERTION is not one), how
// versions order, and the range syntaxes users paste (npm and Cargo carets,
// PEP 440 specifiers, Maven intervals, RubyGems' ~>, purl vers: ranges, OSV
// affected ranges). Its one rule: a version it cannot compare is never
// silently in or out of a range; Match says why it cannot tell, and the
// caller reports the component as of unknown version.
//
// It is the one home of github.com/google/osv-scalibr/semantic, the
// comparators osv-scanner uses, for the orderings it does not implement
// itself (NuGet, Debian, RPM, Alpine, ...).
package versions

import (
	"errors"
	"fmt"
	"strings"
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
// Either version failing the ecosystem's grammar is an error.
func Compare(purlType, a, b string) (int, error) {
	sc := schemeOf(purlType)
	if sc == nil {
		return 0, fmt.Errorf("%w (%s)", ErrUnknownEcosystem, purlType)
	}
	va, err := parseVersion(sc, a)
	if err != nil {
		return 0, err
	}
	vb, err := parseVersion(sc, b)
	if err != nil {
		return 0, err
	}
	return sc.cmp(va, vb), nil
}

// Valid reports whether v is a version of the purl type's ecosystem, and why
// not; ErrUnknownEcosystem when sbomx knows no ordering for it.
func Valid(purlType, v string) error {
	sc := schemeOf(purlType)
	if sc == nil {
		return fmt.Errorf("%w (%s)", ErrUnknownEcosystem, purlType)
	}
	_, err := parseVersion(sc, v)
	return err
}

// parseVersion parses a component's version in sc. A placeholder is never a
// version, even where the ecosystem's grammar would take it (RubyGems reads
// "2.x" as a pre-release, RPM orders any string): it is named for what it is.
func parseVersion(sc *scheme, v string) (any, error) {
	if p := placeholder(v); p != "" {
		return nil, errors.New(p)
	}
	return sc.parse(v)
}

// Matcher decides whether a version satisfies a constraint.
type Matcher interface {
	// Match reports whether version v of a purl type's ecosystem satisfies
	// the constraint. An error means it cannot tell (the version does not
	// parse, no ordering is known): the caller must say so, not drop it.
	Match(purlType, v string) (bool, error)
	String() string
}

// Spec is what follows "@" in a query: one version or a range, read in the
// query's ecosystem, or, for a bare name, in each ecosystem that can read it
// (each component is then judged in its own).
type Spec struct {
	text    string
	any     bool    // "*": every version
	literal bool    // one version, no operator
	typed   *scheme // the query's ecosystem, when it names one with an ordering
	read    map[*scheme]*constraint
	refused map[*scheme]error
}

// ParseSpec reads a version or range for a purl type ("" for a bare name,
// which reads it in every ecosystem that can). A bare version is that one
// version, whatever the ecosystem's manifests make of it (Cargo's "1.2.3"
// is a caret range, NuGet's a minimum, Maven's a soft preference). A
// *RangeError (or an error wrapping one) says where s goes wrong.
func ParseSpec(purlType, s string) (*Spec, error) {
	sp := &Spec{text: s, read: map[*scheme]*constraint{}, refused: map[*scheme]error{}}
	t := strings.TrimSpace(s)
	if t == "" {
		return nil, &RangeError{Range: s, Msg: "empty version"}
	}
	if t == "*" {
		sp.any = true
		return sp, nil
	}
	sp.literal = !strings.ContainsAny(t, "<>=!~^|,[]() \t")
	if sc := schemeOf(purlType); sc != nil {
		sp.typed = sc
		c, err := parseConstraint(sc, s)
		if err != nil {
			return nil, withForms(err, sc)
		}
		sp.read[sc] = c
		return sp, nil
	}
	if purlType != "" && sp.literal {
		return sp, nil // a type with no ordering: one version, compared as text
	}
	var best *RangeError
	for _, sc := range allSchemes {
		c, err := parseConstraint(sc, s)
		if err != nil {
			sp.refused[sc] = err
			var re *RangeError
			if errors.As(err, &re) && (best == nil || re.Pos > best.Pos) {
				best = re
			}
			continue
		}
		sp.read[sc] = c
	}
	if len(sp.read) == 0 {
		if placeholder(t) != "" && sp.literal {
			return nil, &RangeError{Range: s, Msg: fmt.Sprintf("%q is not a version or a range; give a version (4.17.21) or a range (>=4.17.0,<4.17.21)", t)}
		}
		return nil, fmt.Errorf("%w\n  (no ecosystem reads it; see \"sbomx impact --help\" for the range forms)", best)
	}
	return sp, nil
}

func withForms(err error, sc *scheme) error {
	return fmt.Errorf("%w\n  %s reads: %s", err, sc.name, sc.accepts())
}

func (sp *Spec) String() string { return sp.text }

// Match implements Matcher.
func (sp *Spec) Match(purlType, v string) (bool, error) {
	if sp.any {
		return true, nil
	}
	sc := schemeOf(purlType)
	if sc == nil {
		sc = sp.typed // a component without a purl, judged in the query's ecosystem
	}
	if sc == nil {
		if sp.literal && strings.TrimSpace(v) == strings.TrimSpace(sp.text) {
			return true, nil
		}
		return sp.agree(purlType, v)
	}
	c := sp.read[sc]
	if c == nil {
		if err := sp.refused[sc]; err != nil {
			return false, fmt.Errorf("the range is not %s syntax: %v", sc.name, firstLine(err))
		}
		return false, fmt.Errorf("the range is %s syntax; the component is %s", sp.typed.name, sc.name)
	}
	pv, err := parseVersion(sc, v)
	if err != nil {
		return false, err
	}
	return c.holds(pv), nil
}

// agree judges a version whose ecosystem sbomx does not know (a component
// without a purl, or of a type with no ordering) in every ordering that
// reads both it and the range: when they all give the same answer, that is
// the answer; otherwise it cannot tell.
func (sp *Spec) agree(purlType, v string) (bool, error) {
	var yes, no []string
	for _, sc := range allSchemes {
		c := sp.read[sc]
		if c == nil {
			continue
		}
		pv, err := parseVersion(sc, v)
		if err != nil {
			continue
		}
		if c.holds(pv) {
			yes = append(yes, sc.name)
		} else {
			no = append(no, sc.name)
		}
	}
	what := "the component has no purl"
	if purlType != "" {
		what = fmt.Sprintf("no version ordering is known for pkg:%s", purlType)
	}
	switch {
	case len(yes) == 0 && len(no) == 0:
		if p := placeholder(v); p != "" {
			return false, errors.New(p)
		}
		return false, fmt.Errorf("%s, and %q is not a version of any ecosystem sbomx orders", what, v)
	case len(yes) == 0:
		return false, nil
	case len(no) == 0:
		return true, nil
	}
	return false, fmt.Errorf("%s, and the orderings disagree about %q (in range for %s; not for %s)", what, v, strings.Join(yes, ", "), strings.Join(no, ", "))
}

func firstLine(err error) string {
	s := err.Error()
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}

// IsRange reports whether a version part of a query is written as a range
// rather than one exact version (a purl's version is percent-decoded only
// when it is one version).
func IsRange(s string) bool {
	return strings.HasPrefix(s, "vers:") || strings.ContainsAny(s, "<>=!,|*^~[]() ")
}
