package versions

import (
	"cmp"
	"errors"
	"fmt"
	"strings"
)

// The SemVer ranges of npm, Cargo and Pub, desugared into comparisons as
// node-semver does it (classes/range.js) with includePrerelease: a version
// is in a range when its place in SemVer's order is, pre-releases included.
// That is the question an incident asks (is the installed version in the
// range?), not the package manager's (would it choose a pre-release?).
// Cargo and Pub differ from npm only where noted.

// partial is a version that may leave numbers out or write them as x, X or
// * ("1", "1.2", "1.x", "*"), as a range's comparators may.
type partial struct {
	major, minor, patch string // "" when absent; "x" for a wildcard
	pre                 []string
	text                string
}

func isX(s string) bool { return s == "" || s == "x" || s == "X" || s == "*" }

// parsePartial reads node-semver's XRANGEPLAIN: optional leading "v" and
// "=" (npm only), numbers or wildcards, a pre-release only after a full
// version, build metadata ignored.
func parsePartial(s string, r semverRules) (partial, error) {
	p := partial{text: s}
	if r.leadingV {
		s = strings.TrimLeft(s, "v=")
	}
	core, _, _ := strings.Cut(s, "+")
	core, pre, hasPre := strings.Cut(core, "-")
	parts := strings.Split(core, ".")
	if len(parts) > 3 || core == "" {
		return p, fmt.Errorf("%q is not a version or a wildcard such as 1.2.x", p.text)
	}
	nums := []*string{&p.major, &p.minor, &p.patch}
	for i, part := range parts {
		if part == "x" || part == "X" || part == "*" {
			*nums[i] = "x"
			continue
		}
		if _, err := parseNumber(part, r.leadingZeros); err != nil {
			if allDigits(part) {
				return p, fmt.Errorf("%q: %v", p.text, err) // a leading zero, too large
			}
			return p, fmt.Errorf("%q is not a version or a wildcard such as 1.2.x", p.text)
		}
		*nums[i] = part
	}
	// "1.x.3": a number after a wildcard means nothing.
	if isX(p.major) && !isX(p.minor) || isX(p.minor) && p.patch != "" && !isX(p.patch) {
		return p, fmt.Errorf("%q: a number cannot follow a wildcard", p.text)
	}
	if hasPre {
		if isX(p.patch) {
			return p, fmt.Errorf("%q: a pre-release needs a full version", p.text)
		}
		if err := checkIdentifiers(pre, false, r.leadingZeros); err != nil {
			return p, fmt.Errorf("%q: %v", p.text, err)
		}
		p.pre = strings.Split(pre, ".")
	}
	return p, nil
}

func (p partial) full() bool { return !isX(p.patch) }

// num reads a number parsePartial has checked.
func num(s string) uint64 {
	n, _ := parseNumber(s, true)
	return n
}

func (p partial) version() semVer {
	return semVer{major: num(p.major), minor: num(p.minor), patch: num(p.patch), pre: p.pre}
}

// semverRange is a SemVer scheme's comparator and hyphen reader.
type semverRange struct {
	rules semverRules
	// zeroMinorCaret: ^0.0.3 is >=0.0.3 <0.1.0 (Pub: below 1.0.0 the minor
	// number is the breaking one); npm and Cargo give <0.0.4.
	zeroMinorCaret bool
	// preLow: a lower bound a partial version or a hyphen range makes
	// starts below the bound's pre-releases (npm with includePrerelease:
	// ^1.2 is >=1.2.0-0, 1.2.3 - 2 is >=1.2.3-0). Cargo and Pub define
	// those bounds as the release itself (>=1.2.0).
	preLow bool
	// buildOrder: build metadata orders (Pub: 1.2.3+foo is above 1.2.3).
	buildOrder bool
}

// low is the lower bound at major.minor.patch.
func (d semverRange) low(major, minor, patch uint64) semVer {
	if d.preLow {
		return lowestPre(major, minor, patch)
	}
	return semVer{major: major, minor: minor, patch: patch}
}

func (d semverRange) comparator(sc *scheme, op, ver string) ([]cond, error) {
	if d.buildOrder && op == "" && ver == "any" {
		return nil, nil // Pub's "any"
	}
	if ver == "*" || ver == "x" || ver == "X" {
		return d.xrange(sc, op, partial{major: "x"}), nil
	}
	p, err := parsePartial(ver, d.rules)
	if err != nil {
		return nil, err
	}
	switch op {
	case "^":
		return d.caret(sc, p), nil
	case "~", "~>":
		return d.tilde(sc, p), nil
	case "!=":
		// sbomx's own: npm has no "!=".
		return []cond{notCond(d.xrange(sc, "=", p))}, nil
	case "==":
		op = "="
	}
	return d.xrange(sc, op, p), nil
}

func (d semverRange) c(sc *scheme, op string, v semVer) cond {
	return cmpCond{op: op, bound: v, cmp: sc.cmp}
}

// between is >=lo <hi.
func (d semverRange) between(sc *scheme, lo, hi semVer) []cond {
	return []cond{d.c(sc, ">=", lo), d.c(sc, "<", hi)}
}

// caret: changes that do not modify the left-most non-zero number.
//
//	^1.2.3 >=1.2.3 <2.0.0-0   ^0.2.3 >=0.2.3 <0.3.0-0   ^0.0.3 >=0.0.3 <0.0.4-0 (Pub: <0.1.0)
//	^1.2   >=1.2.0-0 <2.0.0-0 ^0.0   >=0.0.0-0 <0.1.0-0 ^1 >=1.0.0-0 <2.0.0-0
func (d semverRange) caret(sc *scheme, p partial) []cond {
	M, m, pt := p.major, p.minor, p.patch
	switch {
	case isX(M):
		return nil
	case isX(m):
		return d.between(sc, d.low(num(M), 0, 0), lowestPre(num(M)+1, 0, 0))
	case isX(pt):
		if M == "0" {
			return d.between(sc, d.low(0, num(m), 0), lowestPre(0, num(m)+1, 0))
		}
		return d.between(sc, d.low(num(M), num(m), 0), lowestPre(num(M)+1, 0, 0))
	}
	lo := p.version()
	switch {
	case M != "0":
		return d.between(sc, lo, lowestPre(num(M)+1, 0, 0))
	case m != "0" || d.zeroMinorCaret:
		return d.between(sc, lo, lowestPre(0, num(m)+1, 0))
	}
	return d.between(sc, lo, lowestPre(0, 0, num(pt)+1))
}

// tilde: patch-level changes if a minor version is given, else minor.
//
//	~1.2.3 >=1.2.3 <1.3.0-0   ~1.2 >=1.2.0-0 <1.3.0-0   ~1 >=1.0.0-0 <2.0.0-0
func (d semverRange) tilde(sc *scheme, p partial) []cond {
	M, m := p.major, p.minor
	switch {
	case isX(M):
		return nil
	case isX(m):
		return d.between(sc, d.low(num(M), 0, 0), lowestPre(num(M)+1, 0, 0))
	case !p.full():
		return d.between(sc, d.low(num(M), num(m), 0), lowestPre(num(M), num(m)+1, 0))
	}
	return d.between(sc, p.version(), lowestPre(num(M), num(m)+1, 0))
}

// xrange reads a comparison whose version may be partial: a partial version
// stands for every version it leaves open ("1.2" is 1.2.x).
//
//	1.2 / 1.2.x  >=1.2.0-0 <1.3.0-0    >1.2   >=1.3.0-0    <=1.2  <1.3.0-0
//	>=1.2        >=1.2.0-0             <1.2   <1.2.0-0     * / x  any
//
// (Lower bounds are -0 only for npm: see preLow.)
func (d semverRange) xrange(sc *scheme, op string, p partial) []cond {
	if op == "=" {
		op = ""
	}
	if p.full() {
		v := p.version()
		if op == "" {
			op = "="
		}
		return []cond{d.c(sc, op, v)}
	}
	if isX(p.major) {
		if op == ">" || op == "<" {
			return []cond{noneCond{}}
		}
		return nil
	}
	M, m := num(p.major), uint64(0)
	xm := isX(p.minor)
	if !xm {
		m = num(p.minor)
	}
	next := func() semVer { // the first version the partial leaves out
		if xm {
			return lowestPre(M+1, 0, 0)
		}
		return lowestPre(M, m+1, 0)
	}
	switch op {
	case "":
		return d.between(sc, d.low(M, m, 0), next())
	case ">":
		n := next()
		return []cond{d.c(sc, ">=", d.low(n.major, n.minor, n.patch))}
	case ">=":
		return []cond{d.c(sc, ">=", d.low(M, m, 0))}
	case "<":
		return []cond{d.c(sc, "<", lowestPre(M, m, 0))}
	case "<=":
		return []cond{d.c(sc, "<", next())}
	}
	return []cond{noneCond{}}
}

// hyphen reads "A - B": from A, through every version B leaves open.
//
//	1.2.3 - 2.3.4  >=1.2.3-0 <2.3.5-0    1.2 - 2.3  >=1.2.0-0 <2.4.0-0
//	1.2.3-pre - 2.3.4-rc  >=1.2.3-pre <=2.3.4-rc
func (d semverRange) hyphen(sc *scheme, a, b string) ([]cond, error) {
	from, err := parsePartial(a, d.rules)
	if err != nil {
		return nil, err
	}
	to, err := parsePartial(b, d.rules)
	if err != nil {
		return nil, err
	}
	var all []cond
	switch {
	case isX(from.major):
	case !from.full():
		all = append(all, d.xrange(sc, ">=", from)...)
	case from.pre != nil:
		all = append(all, d.c(sc, ">=", from.version()))
	default:
		v := from.version()
		all = append(all, d.c(sc, ">=", d.low(v.major, v.minor, v.patch)))
	}
	switch {
	case isX(to.major):
	case !to.full():
		all = append(all, d.xrange(sc, "<=", to)...)
	case to.pre != nil:
		all = append(all, d.c(sc, "<=", to.version()))
	default:
		v := to.version()
		all = append(all, d.c(sc, "<", lowestPre(v.major, v.minor, v.patch+1)))
	}
	return all, nil
}

// parse reads one complete version of the scheme (node-semver's valid(),
// which trims white space; Cargo and Pub do not).
func (d semverRange) parse(trim bool) func(string) (any, error) {
	return func(s string) (any, error) {
		if trim {
			s = strings.TrimSpace(s)
		}
		if s == "" {
			return nil, errors.New("empty version")
		}
		v, err := parseSemVer(s, d.rules)
		if err != nil {
			return nil, fmt.Errorf("%q is not a SemVer version: %v", s, err)
		}
		return v, nil
	}
}

func cmpSemVer(a, b any) int { return a.(semVer).compare(b.(semVer)) }

// cmpPub is Pub's order: SemVer's, then build metadata (none first,
// identifiers compared as pre-release ones are).
func cmpPub(a, b any) int {
	x, y := a.(semVer), b.(semVer)
	if c := x.compare(y); c != 0 {
		return c
	}
	switch {
	case x.build == y.build:
		return 0
	case x.build == "":
		return -1
	case y.build == "":
		return 1
	}
	xs, ys := strings.Split(x.build, "."), strings.Split(y.build, ".")
	for i := 0; i < len(xs) && i < len(ys); i++ {
		if c := compareIdentifier(xs[i], ys[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(xs), len(ys))
}
