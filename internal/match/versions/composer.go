package versions

import (
	"errors"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/google/osv-scalibr/semantic"
)

// Composer (Packagist) versions and constraints, ported from composer/semver
// 3.x (VersionParser::normalize and parseConstraint): versions normalise to
// four numbers and a stability ("1.2" is 1.2.0.0, "1.0-beta2" is
// 1.0.0.0-beta2), and constraints to comparisons of such versions, which
// compare as PHP's version_compare does (dev < alpha < beta < RC < stable <
// patch). Branch names (dev-main, 2.x-dev) name no place in that order: a
// component at a branch is of unknown version.

const composerModifier = `[._-]?(?:(stable|beta|b|RC|alpha|a|patch|pl|p)((?:[.-]?\d+)*)?)?([.-]?dev)?`

var (
	composerClassicRe = regexp.MustCompile(`(?i)^v?(\d{1,5})(\.\d+)?(\.\d+)?(\.\d+)?` + composerModifier + `$`)
	composerDateRe    = regexp.MustCompile(`(?i)^v?(\d{4}(?:[.:-]?\d{2}){1,6}(?:[.:-]?\d{1,3}){0,2})` + composerModifier + `$`)
	composerBuildRe   = regexp.MustCompile(`^([^,\s+]+)\+[^\s]+$`)
	composerVersion   = `v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.(\d+))?(?:` + composerModifier + `|\.([xX*][.-]?dev))(?:\+[^\s]+)?`
	composerTildeRe   = regexp.MustCompile(`(?i)^~` + composerVersion + `$`)
	composerCaretRe   = regexp.MustCompile(`(?i)^\^` + composerVersion + `$`)
	composerXRangeRe  = regexp.MustCompile(`^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:\.[xX*])+$`)
	composerStarRe    = regexp.MustCompile(`(?i)^(v)?[xX*](\.[xX*])*$`)
	composerStabRe    = regexp.MustCompile(`(?i)^([^,\s]*?)@(stable|RC|beta|alpha|dev)$`)
	composerEndModRe  = regexp.MustCompile(`(?i)-` + composerModifier + `$`)
	composerFlagRe    = regexp.MustCompile(`(?i)@(stable|RC|beta|alpha|dev)$`)
	composerWholeRe   = regexp.MustCompile(`(?i)^` + composerVersion + `$`)
	nonDigitRe        = regexp.MustCompile(`\D`)
)

// errComposerBranch is a branch, which Composer orders nowhere.
var errComposerBranch = errors.New("a branch name (dev-...), not a version: Composer orders branches nowhere")

// composerNormalize is VersionParser::normalize for versions (not branches).
func composerNormalize(s string) (string, error) {
	s = strings.TrimSpace(s)
	orig := s
	if m := composerFlagRe.FindString(s); m != "" {
		s = s[:len(s)-len(m)]
	}
	low := strings.ToLower(s)
	if s == "master" || s == "trunk" || s == "default" || strings.HasPrefix(low, "dev-") {
		return "", errComposerBranch
	}
	if m := composerBuildRe.FindStringSubmatch(s); m != nil {
		s = m[1]
	}
	if m := composerClassicRe.FindStringSubmatch(s); m != nil {
		v := m[1] + orDefault(m[2], ".0") + orDefault(m[3], ".0") + orDefault(m[4], ".0")
		return composerModifiers(v, m[5], m[6], m[7]), nil
	}
	if m := composerDateRe.FindStringSubmatch(s); m != nil {
		v := nonDigitRe.ReplaceAllString(m[1], ".")
		return composerModifiers(v, m[2], m[3], m[4]), nil
	}
	if strings.HasSuffix(low, "dev") {
		return "", errComposerBranch // "2.1.x-dev" and friends
	}
	return "", fmt.Errorf("%q is not a Composer version", orig)
}

func orDefault(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// composerModifiers appends the stability ("-beta2", "-dev") as normalize does.
func composerModifiers(v, stability, number, dev string) string {
	if stability != "" {
		if strings.EqualFold(stability, "stable") {
			return v
		}
		v += "-" + composerExpand(stability) + strings.TrimLeft(number, ".-")
	}
	if dev != "" {
		v += "-dev"
	}
	return v
}

func composerExpand(s string) string {
	switch strings.ToLower(s) {
	case "a":
		return "alpha"
	case "b":
		return "beta"
	case "p", "pl":
		return "patch"
	case "rc":
		return "RC"
	}
	return strings.ToLower(s)
}

// composerVer is a normalised Composer version and its place in the order.
type composerVer struct {
	norm string
	v    semantic.PackagistVersion
}

func parseComposer(s string) (any, error) {
	n, err := composerNormalize(s)
	if err != nil {
		return nil, err
	}
	return composerVer{norm: n, v: semantic.ParsePackagistVersion(n)}, nil
}

func cmpComposer(a, b any) int {
	c, _ := a.(composerVer).v.Compare(b.(composerVer).v)
	return c
}

func composerBound(op, norm string) cond {
	return cmpCond{op: op, bound: composerVer{norm: norm, v: semantic.ParsePackagistVersion(norm)}, cmp: cmpComposer}
}

// composerComparator is VersionParser::parseConstraint for one constraint.
func composerComparator(sc *scheme, op, ver string) ([]cond, error) {
	c := op + ver
	stabilityDev := ""
	if m := composerStabRe.FindStringSubmatch(c); m != nil {
		c = orDefault(m[1], "*")
		if !strings.EqualFold(m[2], "stable") {
			stabilityDev = m[2]
		}
	}
	if m := composerStarRe.FindStringSubmatch(c); m != nil {
		if m[1] != "" || m[2] != "" {
			return []cond{composerBound(">=", "0.0.0.0-dev")}, nil
		}
		return nil, nil
	}
	if m := composerTildeRe.FindStringSubmatch(c); m != nil {
		return composerTilde(m)
	}
	if m := composerCaretRe.FindStringSubmatch(c); m != nil {
		return composerCaret(m)
	}
	if m := composerXRangeRe.FindStringSubmatch(c); m != nil {
		pos := lastSet(m[1:4])
		lo, hi := composerManipulate(m[1:4], pos, 0)+"-dev", composerManipulate(m[1:4], pos, 1)+"-dev"
		if lo == "0.0.0.0-dev" {
			return []cond{composerBound("<", hi)}, nil
		}
		return []cond{composerBound(">=", lo), composerBound("<", hi)}, nil
	}
	switch op {
	case "", "=", "==":
		op = "="
	case "<>":
		op = "!="
	case "^", "~":
		return nil, fmt.Errorf("%q is not a Composer constraint", c)
	}
	v, err := composerNormalize(ver)
	if err != nil {
		if errors.Is(err, errComposerBranch) {
			return nil, fmt.Errorf("%q: %v", ver, err)
		}
		return nil, err
	}
	switch {
	case op != "=" && stabilityDev != "" && !strings.Contains(v, "-"):
		v += "-" + strings.ToLower(stabilityDev)
	case (op == "<" || op == ">=") && !composerEndModRe.MatchString(strings.ToLower(ver)):
		v += "-dev"
	}
	return []cond{composerBound(op, v)}, nil
}

// composerTilde: ~1.2 is >=1.2.0.0-dev <2.0.0.0-dev (Composer lets the last
// given number's parent move); ~1.2.3 is >=1.2.3.0-dev <1.3.0.0-dev.
func composerTilde(m []string) ([]cond, error) {
	pos := lastSet(m[1:5])
	if m[8] != "" {
		pos++
	}
	return composerBetween(m, max(1, pos-1))
}

// composerCaret: ^1.2.3 is >=1.2.3.0-dev <2.0.0.0-dev; ^0.3 <0.4; ^0.0.3 <0.0.4.
func composerCaret(m []string) ([]cond, error) {
	pos := 3
	switch {
	case m[1] != "0" || m[2] == "":
		pos = 1
	case m[2] != "0" || m[3] == "":
		pos = 2
	}
	return composerBetween(m, pos)
}

// composerBetween is the shape of ~ and ^: from the constraint's version
// (its -dev when it names no stability) to below the version whose number
// at pos is one more.
func composerBetween(m []string, pos int) ([]cond, error) {
	suffix := ""
	if m[5] == "" && m[7] == "" && m[8] == "" {
		suffix = "-dev"
	}
	lo, err := composerNormalize(m[0][1:] + suffix)
	if err != nil {
		return nil, err
	}
	hi := composerManipulate(m[1:5], pos, 1) + "-dev"
	return []cond{composerBound(">=", lo), composerBound("<", hi)}, nil
}

// composerHyphen: "1.0 - 2.0" is >=1.0.0.0-dev <2.1.0.0-dev (a partial upper
// bound takes every version it leaves open); "1.0 - 2.0.0" is <=2.0.0.0.
func composerHyphen(sc *scheme, a, b string) ([]cond, error) {
	from, to := composerWholeRe.FindStringSubmatch(a), composerWholeRe.FindStringSubmatch(b)
	if from == nil || to == nil {
		return nil, fmt.Errorf("%q is not a Composer hyphen range", a+" - "+b)
	}
	lo, err := composerNormalize(a)
	if err != nil {
		return nil, err
	}
	if from[5] == "" && from[7] == "" && from[8] == "" {
		lo += "-dev"
	}
	if _, err := composerNormalize(b); err != nil {
		return nil, err
	}
	if to[2] != "" && to[3] != "" || to[5] != "" || to[7] != "" || to[8] != "" {
		hi, _ := composerNormalize(b)
		return []cond{composerBound(">=", lo), composerBound("<=", hi)}, nil
	}
	pos := 2
	if to[2] == "" {
		pos = 1
	}
	hi := composerManipulate([]string{to[1], to[2], to[3], to[4]}, pos, 1) + "-dev"
	return []cond{composerBound(">=", lo), composerBound("<", hi)}, nil
}

// lastSet is the 1-based position of the last non-empty number.
func lastSet(nums []string) int {
	pos := 1
	for i, n := range nums {
		if n != "" {
			pos = i + 1
		}
	}
	return pos
}

// composerManipulate is VersionParser::manipulateVersionString: pad the
// numbers after pos with 0 and add inc at pos.
func composerManipulate(nums []string, pos, inc int) string {
	out := make([]string, 4)
	for i := 0; i < 4; i++ {
		n := ""
		if i < len(nums) {
			n = nums[i]
		}
		switch {
		case i+1 > pos:
			n = "0"
		case i+1 == pos && inc != 0:
			x, _ := strconv.Atoi(orDefault(n, "0"))
			n = strconv.Itoa(x + inc)
		}
		out[i] = orDefault(n, "0")
	}
	return strings.Join(out, ".")
}
