package versions

import (
	"fmt"
	"math/big"
	"regexp"
	"strings"
)

// RubyGems versions and the pessimistic operator, ported from
// lib/rubygems/version.rb and requirement.rb: a version is numbers and
// letters separated by dots (a "-" reads as ".pre."); a letter makes it a
// pre-release, which sorts before the release; trailing zeros do not count.

var gemVersionRe = regexp.MustCompile(`^\s*[0-9]+(?:\.[0-9a-zA-Z]+)*(?:-[0-9A-Za-z-]+(?:\.[0-9A-Za-z-]+)*)?\s*$`)

// gemVersion holds Gem::Version's segments: numbers or lower-case strings.
type gemVersion struct {
	text string
	segs []gemSeg
}

type gemSeg struct {
	n     *big.Int // nil for a string segment
	s     string
	isStr bool
}

func parseGem(s string) (any, error) {
	if !gemVersionRe.MatchString(s) {
		return nil, fmt.Errorf("%q is not a RubyGems version", s)
	}
	t := strings.ReplaceAll(strings.TrimSpace(s), "-", ".pre.")
	return &gemVersion{text: t, segs: gemSegments(t)}, nil
}

var gemSegRe = regexp.MustCompile(`[0-9]+|[a-zA-Z]+`)

func gemSegments(t string) []gemSeg {
	var segs []gemSeg
	for _, p := range gemSegRe.FindAllString(t, -1) {
		if p[0] >= '0' && p[0] <= '9' {
			segs = append(segs, gemSeg{n: bigOr(p, "0")})
		} else {
			segs = append(segs, gemSeg{s: p, isStr: true})
		}
	}
	return segs
}

func (v *gemVersion) prerelease() bool {
	return strings.ContainsAny(strings.ToLower(v.text), "abcdefghijklmnopqrstuvwxyz")
}

// canonical is canonical_segments: trailing zeros removed (anchored on a dot
// or letter), and in a pre-release the zeros before the first letter.
func (v *gemVersion) canonical() []gemSeg {
	t := replaceFirst(gemTrailingZerosRe, v.text)
	if v.prerelease() {
		t = replaceFirst(gemLeadingZerosRe, t)
	}
	return gemSegments(t)
}

// The two rewrites of canonical_segments; group 1 (and 2) are kept: Ruby
// writes them as look-behind and look-ahead, which Go's regexp lacks.
var (
	gemTrailingZerosRe = regexp.MustCompile(`([a-zA-Z.])()[.0]+$`)
	gemLeadingZerosRe  = regexp.MustCompile(`(^|\.)()[0.]+([a-zA-Z])`)
)

// replaceFirst removes the first match of re but for its groups, as Ruby's
// sub does with look-arounds.
func replaceFirst(re *regexp.Regexp, s string) string {
	m := re.FindStringSubmatchIndex(s)
	if m == nil {
		return s
	}
	keep := s[m[2]:m[3]]
	if len(m) > 6 && m[6] >= 0 {
		keep += s[m[6]:m[7]]
	}
	return s[:m[0]] + keep + s[m[1]:]
}

// compare is Gem::Version#<=>.
func (v *gemVersion) compare(w *gemVersion) int {
	if v.text == w.text {
		return 0
	}
	a, b := v.canonical(), w.canonical()
	i := 0
	for ; i < len(a) && i < len(b); i++ {
		x, y := a[i], b[i]
		switch {
		case x.isStr && y.isStr:
			if c := strings.Compare(x.s, y.s); c != 0 {
				return c
			}
		case x.isStr:
			return -1
		case y.isStr:
			return 1
		default:
			if c := x.n.Cmp(y.n); c != 0 {
				return c
			}
		}
	}
	// The longer one decides by its first non-zero remaining segment: a
	// string makes it smaller, a number larger.
	rest, sign := a[i:], 1
	if len(b) > len(a) {
		rest, sign = b[i:], -1
	}
	for _, s := range rest {
		if s.isStr {
			return -sign
		}
		if s.n.Sign() != 0 {
			return sign
		}
	}
	return 0
}

func cmpGem(a, b any) int { return a.(*gemVersion).compare(b.(*gemVersion)) }

// release is the version without its pre-release part (1.2.0.a -> 1.2.0).
func (v *gemVersion) release() *gemVersion {
	if !v.prerelease() {
		return v
	}
	segs := v.segs
	for len(segs) > 0 && slicesAnyStr(segs) {
		segs = segs[:len(segs)-1]
	}
	return gemFromSegs(segs)
}

// bump drops the pre-release part and the last number, and adds one to the
// number before it: 5.3.1 -> 5.4, 5 -> 6.
func (v *gemVersion) bump() *gemVersion {
	segs := v.segs
	for len(segs) > 0 && slicesAnyStr(segs) {
		segs = segs[:len(segs)-1]
	}
	if len(segs) > 1 {
		segs = segs[:len(segs)-1]
	}
	segs = append([]gemSeg{}, segs...)
	last := segs[len(segs)-1]
	segs[len(segs)-1] = gemSeg{n: new(big.Int).Add(last.n, big.NewInt(1))}
	return gemFromSegs(segs)
}

func slicesAnyStr(segs []gemSeg) bool {
	for _, s := range segs {
		if s.isStr {
			return true
		}
	}
	return false
}

func gemFromSegs(segs []gemSeg) *gemVersion {
	parts := make([]string, len(segs))
	for i, s := range segs {
		if s.isStr {
			parts[i] = s.s
		} else {
			parts[i] = s.n.String()
		}
	}
	t := strings.Join(parts, ".")
	return &gemVersion{text: t, segs: gemSegments(t)}
}

// gemPessimistic is "~> r": v >= r and v's release below r's bump
// (~> 2.2 is >= 2.2, < 3; ~> 2.2.0 is >= 2.2.0, < 2.3).
type gemPessimistic struct{ r, bump *gemVersion }

func (g gemPessimistic) holds(v any) bool {
	gv := v.(*gemVersion)
	return gv.compare(g.r) >= 0 && gv.release().compare(g.bump) < 0
}

func gemComparator(sc *scheme, op, ver string) ([]cond, error) {
	if op != "~>" {
		return plainComparator(sc, op, ver)
	}
	v, err := parseGem(ver)
	if err != nil {
		return nil, err
	}
	r := v.(*gemVersion)
	return []cond{gemPessimistic{r: r, bump: r.bump()}}, nil
}
