package versions

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"strings"
)

// semVer is a SemVer 2.0.0 version (https://semver.org): the versions of
// npm, Cargo, Pub, Hex, Swift and Go modules. Build metadata is kept for
// display but never ordered, as SemVer §10 says.
type semVer struct {
	major, minor, patch uint64
	pre                 []string // dot-separated identifiers; nil for a release
	build               string
}

// semverRules are the differences between ecosystems that all claim SemVer.
type semverRules struct {
	leadingV     bool // "v1.2.3" is a version (node-semver, Go)
	leadingZeros bool // "01.2.3" is a version (Pub, NuGet)
}

// maxSafeInt is the largest number node-semver accepts in a version (it is
// JavaScript's Number.MAX_SAFE_INTEGER); other tools use 64 bits, and no real
// version comes near either.
const maxSafeInt = 1<<53 - 1

// parseSemVer reads a complete SemVer version under rules.
func parseSemVer(s string, r semverRules) (semVer, error) {
	var v semVer
	if r.leadingV && strings.HasPrefix(s, "v") {
		s = s[1:]
	}
	core, build, hasBuild := strings.Cut(s, "+")
	if hasBuild {
		if err := checkIdentifiers(build, true, true); err != nil {
			return v, fmt.Errorf("build metadata: %w", err)
		}
		v.build = build
	}
	core, pre, hasPre := strings.Cut(core, "-")
	if hasPre {
		if err := checkIdentifiers(pre, false, r.leadingZeros); err != nil {
			return v, fmt.Errorf("pre-release: %w", err)
		}
		v.pre = strings.Split(pre, ".")
	}
	parts := strings.Split(core, ".")
	if len(parts) != 3 {
		return v, errors.New("want MAJOR.MINOR.PATCH")
	}
	nums := [3]*uint64{&v.major, &v.minor, &v.patch}
	for i, p := range parts {
		n, err := parseNumber(p, r.leadingZeros)
		if err != nil {
			return v, err
		}
		*nums[i] = n
	}
	return v, nil
}

// parseNumber reads one numeric identifier: digits only, no leading zero
// unless allowed, at most maxSafeInt.
func parseNumber(s string, leadingZeros bool) (uint64, error) {
	if s == "" || !allDigits(s) {
		return 0, fmt.Errorf("%q is not a number", s)
	}
	if !leadingZeros && len(s) > 1 && s[0] == '0' {
		return 0, fmt.Errorf("%q has a leading zero", s)
	}
	n, err := strconv.ParseUint(s, 10, 64)
	if err != nil || n > maxSafeInt {
		return 0, fmt.Errorf("%q is too large", s)
	}
	return n, nil
}

// checkIdentifiers checks dot-separated identifiers of [0-9A-Za-z-]; numeric
// ones may not have leading zeros (pre-release) unless allowed (build).
func checkIdentifiers(s string, build, leadingZeros bool) error {
	for _, id := range strings.Split(s, ".") {
		if id == "" {
			return errors.New("empty identifier")
		}
		for i := 0; i < len(id); i++ {
			c := id[i]
			if !isAlnum(c) && c != '-' {
				return fmt.Errorf("%q: only letters, digits and - are allowed", id)
			}
		}
		if !build && !leadingZeros && allDigits(id) && len(id) > 1 && id[0] == '0' {
			return fmt.Errorf("%q has a leading zero", id)
		}
	}
	return nil
}

// compare orders two versions by SemVer §11 precedence.
func (a semVer) compare(b semVer) int {
	if c := cmp.Or(cmp.Compare(a.major, b.major), cmp.Compare(a.minor, b.minor), cmp.Compare(a.patch, b.patch)); c != 0 {
		return c
	}
	switch {
	case a.pre == nil && b.pre == nil:
		return 0
	case a.pre == nil:
		return 1 // a release follows its pre-releases
	case b.pre == nil:
		return -1
	}
	for i := 0; i < len(a.pre) && i < len(b.pre); i++ {
		if c := compareIdentifier(a.pre[i], b.pre[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a.pre), len(b.pre))
}

// compareIdentifier orders pre-release identifiers: numeric ones numerically
// and before alphanumeric ones, which compare in ASCII order.
func compareIdentifier(a, b string) int {
	an, bn := allDigits(a), allDigits(b)
	switch {
	case an && bn:
		a, b = strings.TrimLeft(a, "0"), strings.TrimLeft(b, "0")
		return cmp.Or(cmp.Compare(len(a), len(b)), strings.Compare(a, b))
	case an:
		return -1
	case bn:
		return 1
	}
	return strings.Compare(a, b)
}

func (a semVer) String() string {
	s := fmt.Sprintf("%d.%d.%d", a.major, a.minor, a.patch)
	if a.pre != nil {
		s += "-" + strings.Join(a.pre, ".")
	}
	return s
}

// lowestPre is the lowest version of major.minor.patch, below all its
// pre-releases: node-semver writes it "1.2.3-0".
func lowestPre(major, minor, patch uint64) semVer {
	return semVer{major: major, minor: minor, patch: patch, pre: []string{"0"}}
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

func isAlnum(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z'
}
