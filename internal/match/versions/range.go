package versions

import (
	"fmt"
	"regexp"
	"strings"
)

// A range is read the same way in every ecosystem, and only its pieces are
// the ecosystem's own:
//
//	range       = alternative { "||" alternative }      (Composer: "|" too)
//	alternative = interval { "," interval }             a union, as Maven writes it
//	            | version ws+ "-" ws+ version           a hyphen range (npm, Composer)
//	            | comparator { ("," | ws) comparator }  all must hold
//	interval    = ("[" | "(") [version] "," [version] ("]" | ")") | "[" version "]"
//	comparator  = [op] ws* version
//
// The comparisons < <= > >= = == != exist everywhere; each scheme adds its
// own operators (^ ~ for npm, ~= === for PyPI, ~> for RubyGems) and decides
// what a version and each operator mean. An interval is read as the
// ecosystem's own >=/> and <=/< comparators.

// constraint is a range read in one scheme: alternatives, each a list of
// conditions that must all hold. An empty list holds for every version.
type constraint struct {
	sc  *scheme
	any [][]cond
}

func (c *constraint) holds(v any) bool {
	for _, all := range c.any {
		ok := true
		for _, cd := range all {
			if !cd.holds(v) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// cond is one condition on a parsed version of the constraint's scheme.
type cond interface{ holds(v any) bool }

// cmpCond compares with one bound in the scheme's ordering.
type cmpCond struct {
	op    string // "<", "<=", ">", ">=", "=", "!="
	bound any
	cmp   func(a, b any) int
}

func (c cmpCond) holds(v any) bool { return holdsOp(c.op, c.cmp(v, c.bound)) }

// holdsOp says whether a comparison result r (-1, 0, 1) satisfies op.
func holdsOp(op string, r int) bool {
	switch op {
	case "<":
		return r < 0
	case "<=":
		return r <= 0
	case ">":
		return r > 0
	case ">=":
		return r >= 0
	case "!=":
		return r != 0
	}
	return r == 0
}

// noneCond holds for no version (node-semver's "<0.0.0-0", what ">*" means).
type noneCond struct{}

func (noneCond) holds(any) bool { return false }

// notCond holds where not all of its conditions hold ("!=1.2.x").
type notCond []cond

func (n notCond) holds(v any) bool {
	for _, c := range n {
		if !c.holds(v) {
			return true
		}
	}
	return false
}

// RangeError is a range sbomx does not understand: a usage error that names
// where in the range the problem is.
type RangeError struct {
	Range  string
	Pos    int // byte offset in Range
	Msg    string
	Scheme string // the ecosystem whose syntax refused it; "" for all of them
}

func (e *RangeError) Error() string {
	where := ""
	if e.Scheme != "" {
		where = " in " + e.Scheme + " syntax"
	}
	return fmt.Sprintf("%q%s, at character %d: %s", e.Range, where, e.Pos+1, e.Msg)
}

// baseOps are the comparisons every scheme reads, longest first.
var baseOps = []string{"<=", ">=", "!=", "==", "<", ">", "="}

// parseConstraint reads s as a range of scheme sc.
func parseConstraint(sc *scheme, s string) (*constraint, error) {
	c := &constraint{sc: sc}
	for _, alt := range splitAlternatives(s, sc.orBar) {
		alts, err := sc.alternative(alt.text, alt.pos)
		if err != nil {
			if re, ok := err.(*RangeError); ok {
				re.Range, re.Scheme = s, sc.name
				return nil, re
			}
			return nil, &RangeError{Range: s, Pos: alt.pos, Msg: err.Error(), Scheme: sc.name}
		}
		c.any = append(c.any, alts...)
	}
	return c, nil
}

type span struct {
	text string
	pos  int
}

// splitAlternatives splits at "||" (and at a lone "|" when orBar is set).
func splitAlternatives(s string, orBar bool) []span {
	var out []span
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] != '|' {
			continue
		}
		n := 1
		if i+1 < len(s) && s[i+1] == '|' {
			n = 2
		} else if !orBar {
			continue // a lone "|" is left for the comparator to refuse
		}
		out = append(out, span{s[start:i], start})
		start = i + n
		i += n - 1
	}
	return append(out, span{s[start:], start})
}

// hyphenRe is a whole alternative of the form "A - B".
var hyphenRe = regexp.MustCompile(`^\s*(\S+)\s+-\s+(\S+)\s*$`)

// alternative reads one alternative: a union of intervals, a hyphen range or
// a list of comparators. It returns one or more lists of conditions (a union
// of intervals is several alternatives).
func (sc *scheme) alternative(s string, pos int) ([][]cond, error) {
	body := strings.TrimSpace(s)
	lead := pos + strings.Index(s, body)
	if body == "" {
		return nil, &RangeError{Pos: pos, Msg: "empty range: want a version or a comparison such as >=1.0"}
	}
	if body[0] == '[' || body[0] == '(' {
		return sc.intervals(body, lead)
	}
	if m := hyphenRe.FindStringSubmatch(body); m != nil {
		if sc.hyphen == nil {
			return nil, &RangeError{Pos: lead, Msg: fmt.Sprintf("%s has no hyphen ranges (A - B); write >=A,<=B", sc.name)}
		}
		conds, err := sc.hyphen(sc, m[1], m[2])
		if err != nil {
			return nil, &RangeError{Pos: lead, Msg: err.Error()}
		}
		return [][]cond{conds}, nil
	}
	all, err := sc.comparators(body, lead)
	if err != nil {
		return nil, err
	}
	return [][]cond{all}, nil
}

// comparators reads comparators separated by "," or white space; an operator
// may be followed by white space (">= 1.0"). A "," must stand between two
// comparators.
func (sc *scheme) comparators(s string, pos int) ([]cond, error) {
	var all []cond
	i, comma := 0, -1
	for {
		for i < len(s) && (s[i] == ',' || isSpace(s[i])) {
			if s[i] == ',' {
				if comma >= 0 || len(all) == 0 {
					return nil, &RangeError{Pos: pos + i, Msg: "a \",\" must stand between two comparisons"}
				}
				comma = i
			}
			i++
		}
		if i == len(s) {
			if comma >= 0 {
				return nil, &RangeError{Pos: pos + comma, Msg: "a \",\" must stand between two comparisons"}
			}
			break
		}
		comma = -1
		at := i
		op := sc.matchOp(s[i:])
		i += len(op)
		for i < len(s) && isSpace(s[i]) {
			i++
		}
		start := i
		for i < len(s) && s[i] != ',' && !isSpace(s[i]) {
			i++
		}
		ver := s[start:i]
		switch {
		case ver == "" && op != "":
			return nil, &RangeError{Pos: pos + at, Msg: fmt.Sprintf("no version after %s", op)}
		case strings.ContainsAny(ver[:1], "<>=!~^|"):
			return nil, &RangeError{Pos: pos + start, Msg: fmt.Sprintf("unknown operator %q", op+leadingOp(ver))}
		case strings.ContainsAny(ver, "[]()"):
			return nil, &RangeError{Pos: pos + start, Msg: "an interval such as [1.0,2.0) must stand alone or beside other intervals"}
		}
		conds, err := sc.comparator(sc, op, ver)
		if err != nil {
			return nil, &RangeError{Pos: pos + at, Msg: err.Error()}
		}
		all = append(all, conds...)
	}
	return all, nil
}

// matchOp returns the longest operator of the scheme that s starts with.
func (sc *scheme) matchOp(s string) string {
	best := ""
	for _, ops := range [][]string{sc.ops, baseOps} {
		for _, op := range ops {
			if len(op) > len(best) && strings.HasPrefix(s, op) {
				best = op
			}
		}
	}
	return best
}

func leadingOp(s string) string {
	i := 0
	for i < len(s) && strings.IndexByte("<>=!~^|", s[i]) >= 0 {
		i++
	}
	return s[:i]
}

// intervals reads a union of intervals, "[1.0,1.2),[1.5,)", as Maven and
// NuGet write ranges; each interval becomes its scheme's >=/> and <=/<. As
// Maven's VersionRange does, the intervals must come in order and not
// overlap.
func (sc *scheme) intervals(s string, pos int) ([][]cond, error) {
	var out [][]cond
	var prev *bounds
	i := 0
	for i < len(s) {
		for i < len(s) && (isSpace(s[i]) || (s[i] == ',' && len(out) > 0)) {
			i++
		}
		if i == len(s) {
			break
		}
		if s[i] != '[' && s[i] != '(' {
			return nil, &RangeError{Pos: pos + i, Msg: "after an interval, want another interval such as [1.5,) (intervals cannot be mixed with comparisons)"}
		}
		end := strings.IndexAny(s[i:], "])")
		if end < 0 {
			return nil, &RangeError{Pos: pos + i, Msg: "interval not closed: want ] or )"}
		}
		conds, b, err := sc.interval(s[i:i+end+1], pos+i)
		if err != nil {
			return nil, err
		}
		if prev != nil && prev.overlaps(sc, b) {
			return nil, &RangeError{Pos: pos + i, Msg: "intervals overlap or are out of order: list them from low to high, as [1.0,1.2),[1.5,)"}
		}
		out = append(out, conds)
		prev = &b
		i += end + 1
	}
	return out, nil
}

// bounds are an interval's ends as given ("" when open) and parsed (nil
// when open or not a plain version of the scheme, such as npm's "1.2").
type bounds struct {
	loText, hiText string
	lo, hi         any
}

// overlaps reports whether next starts before b ends (an open end always
// does); ends sbomx could not parse are not judged.
func (b *bounds) overlaps(sc *scheme, next bounds) bool {
	if b.hiText == "" || next.loText == "" {
		return true
	}
	return b.hi != nil && next.lo != nil && sc.cmp(next.lo, b.hi) < 0
}

// interval reads one interval: "[a,b)", "(,b]", "[a,)", "[a]".
func (sc *scheme) interval(s string, pos int) ([]cond, bounds, error) {
	open, close := s[0], s[len(s)-1]
	inner := s[1 : len(s)-1]
	lo, hi, two := strings.Cut(inner, ",")
	lo, hi = strings.TrimSpace(lo), strings.TrimSpace(hi)
	b := bounds{loText: lo, hiText: hi}
	if !two {
		if open != '[' || close != ']' || lo == "" {
			return nil, b, &RangeError{Pos: pos, Msg: "a single version must be written [1.0]"}
		}
		c, err := sc.bound("=", lo, pos)
		b.lo, _ = sc.parse(lo)
		b.hi, b.hiText = b.lo, lo
		return c, b, err
	}
	if strings.Contains(hi, ",") {
		return nil, b, &RangeError{Pos: pos, Msg: "an interval has two bounds: [low,high)"}
	}
	if lo == "" && hi == "" {
		return nil, b, &RangeError{Pos: pos, Msg: "an interval needs at least one bound"}
	}
	var all []cond
	for _, e := range []struct {
		v, incl, excl string
		inclusive     bool
		parsed        *any
	}{{lo, ">=", ">", open == '[', &b.lo}, {hi, "<=", "<", close == ']', &b.hi}} {
		if e.v == "" {
			continue
		}
		op := e.excl
		if e.inclusive {
			op = e.incl
		}
		c, err := sc.bound(op, e.v, pos)
		if err != nil {
			return nil, b, err
		}
		all = append(all, c...)
		*e.parsed, _ = sc.parse(e.v)
	}
	if b.lo != nil && b.hi != nil {
		// Maven refuses a range that holds no version.
		switch c := sc.cmp(b.lo, b.hi); {
		case c > 0:
			return nil, b, &RangeError{Pos: pos, Msg: fmt.Sprintf("the lower bound %s is above the upper bound %s", lo, hi)}
		case c == 0 && (open == '(' || close == ')'):
			return nil, b, &RangeError{Pos: pos, Msg: fmt.Sprintf("%s holds no version; write [%s] for that one version", s, lo)}
		}
	}
	return all, b, nil
}

func (sc *scheme) bound(op, ver string, pos int) ([]cond, error) {
	c, err := sc.comparator(sc, op, ver)
	if err != nil {
		return nil, &RangeError{Pos: pos, Msg: err.Error()}
	}
	return c, nil
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f'
}
