package versions

import (
	"cmp"
	"fmt"
	"math/big"
	"regexp"
	"slices"
	"strings"
)

// PEP 440 versions and specifiers, as pip's "packaging" library (23.0, the
// release Debian 12 ships) reads and evaluates them: the version pattern of
// PEP 440's appendix B, packaging's sort key, and its Specifier operators,
// including the local-version rules the torchtriton incident turns on.

// pepVersionRe is packaging's VERSION_PATTERN, anchored, with the leading and
// trailing white space packaging strips.
var pepVersionRe = regexp.MustCompile(`(?i)^\s*v?(?:(?:([0-9]+)!)?([0-9]+(?:\.[0-9]+)*)` +
	`([-_\.]?(a|b|c|rc|alpha|beta|pre|preview)[-_\.]?([0-9]+)?)?` +
	`((?:-([0-9]+))|(?:[-_\.]?(post|rev|r)[-_\.]?([0-9]+)?))?` +
	`([-_\.]?(dev)[-_\.]?([0-9]+)?)?)` +
	`(?:\+([a-z0-9]+(?:[-_\.][a-z0-9]+)*))?\s*$`)

// pepVersion is a parsed PEP 440 version. Numbers are big: PEP 440 sets no
// limit, and dates such as 20221230 are common release numbers.
type pepVersion struct {
	epoch   *big.Int
	release []*big.Int
	preL    string   // "a", "b", "rc" or "" (no pre-release)
	preN    *big.Int // nil when no pre-release
	post    *big.Int // nil when no post-release
	dev     *big.Int // nil when no dev release
	local   []string // lower case, "." separated parts; nil when none
}

func parsePEP440(s string) (*pepVersion, error) {
	var m []string
	if isASCII(s) { // Go's (?i) folds "K" (Kelvin) to k; packaging 24+ reads ASCII only
		m = pepVersionRe.FindStringSubmatch(s)
	}
	if m == nil {
		return nil, fmt.Errorf("%q is not a PEP 440 version", s)
	}
	v := &pepVersion{epoch: bigOr(m[1], "0")}
	for _, r := range strings.Split(m[2], ".") {
		v.release = append(v.release, bigOr(r, "0"))
	}
	if m[3] != "" {
		v.preL = map[string]string{"a": "a", "alpha": "a", "b": "b", "beta": "b", "c": "rc", "rc": "rc", "pre": "rc", "preview": "rc"}[strings.ToLower(m[4])]
		v.preN = bigOr(m[5], "0")
	}
	switch {
	case m[7] != "":
		v.post = bigOr(m[7], "0")
	case m[6] != "":
		v.post = bigOr(m[9], "0")
	}
	if m[10] != "" {
		v.dev = bigOr(m[12], "0")
	}
	if m[13] != "" {
		v.local = strings.FieldsFunc(strings.ToLower(m[13]), func(r rune) bool { return r == '.' || r == '-' || r == '_' })
	}
	return v, nil
}

func bigOr(s, def string) *big.Int {
	if s == "" {
		s = def
	}
	n, _ := new(big.Int).SetString(s, 10)
	return n
}

func (v *pepVersion) isPrerelease() bool  { return v.preN != nil || v.dev != nil }
func (v *pepVersion) isPostrelease() bool { return v.post != nil }

// public is v without its local label.
func (v *pepVersion) public() *pepVersion {
	p := *v
	p.local = nil
	return &p
}

// base is v's epoch and release only ("base_version").
func (v *pepVersion) base() *pepVersion {
	return &pepVersion{epoch: v.epoch, release: v.release}
}

// compare orders versions with packaging's _cmpkey: epoch; release without
// trailing zeros; pre-release (a dev release with no pre- or post-release
// sorts before every pre-release, no pre-release after all of them);
// post-release (none first); dev release (none last); local label (none
// first; parts compare numbers above strings).
func (v *pepVersion) compare(w *pepVersion) int {
	if c := v.epoch.Cmp(w.epoch); c != 0 {
		return c
	}
	if c := compareRelease(v.release, w.release); c != 0 {
		return c
	}
	if c := cmp.Compare(v.preRank(), w.preRank()); c != 0 {
		return c
	}
	if v.preN != nil && w.preN != nil {
		if c := cmp.Or(strings.Compare(v.preL, w.preL), v.preN.Cmp(w.preN)); c != 0 {
			return c
		}
	}
	if c := compareOptional(v.post, w.post, -1); c != 0 {
		return c
	}
	if c := compareOptional(v.dev, w.dev, 1); c != 0 {
		return c
	}
	return compareLocal(v.local, w.local)
}

// preRank places the pre-release slot: 0 for a bare dev release, 1 for a
// pre-release (then ordered by letter and number: "a" < "b" < "rc"), 2 for
// none.
func (v *pepVersion) preRank() int {
	switch {
	case v.preN == nil && v.post == nil && v.dev != nil:
		return 0
	case v.preN != nil:
		return 1
	}
	return 2
}

// compareOptional compares two optional numbers; a missing one sorts below
// (missing = -1) or above (missing = 1) every number.
func compareOptional(a, b *big.Int, missing int) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return missing
	case b == nil:
		return -missing
	}
	return a.Cmp(b)
}

func compareRelease(a, b []*big.Int) int {
	a, b = trimZeros(a), trimZeros(b)
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := a[i].Cmp(b[i]); c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

func trimZeros(r []*big.Int) []*big.Int {
	for len(r) > 0 && r[len(r)-1].Sign() == 0 {
		r = r[:len(r)-1]
	}
	return r
}

func compareLocal(a, b []string) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return -1
	case b == nil:
		return 1
	}
	for i := 0; i < len(a) && i < len(b); i++ {
		an, bn := allDigits(a[i]), allDigits(b[i])
		var c int
		switch {
		case an && bn:
			c = bigOr(a[i], "0").Cmp(bigOr(b[i], "0"))
		case an:
			c = 1
		case bn:
			c = -1
		default:
			c = strings.Compare(a[i], b[i])
		}
		if c != 0 {
			return c
		}
	}
	return cmp.Compare(len(a), len(b))
}

// String is packaging's normalised form (str(Version)).
func (v *pepVersion) String() string {
	var b strings.Builder
	if v.epoch.Sign() != 0 {
		b.WriteString(v.epoch.String() + "!")
	}
	for i, r := range v.release {
		if i > 0 {
			b.WriteByte('.')
		}
		b.WriteString(r.String())
	}
	if v.preN != nil {
		b.WriteString(v.preL + v.preN.String())
	}
	if v.post != nil {
		b.WriteString(".post" + v.post.String())
	}
	if v.dev != nil {
		b.WriteString(".dev" + v.dev.String())
	}
	if v.local != nil {
		b.WriteString("+" + strings.Join(v.local, "."))
	}
	return b.String()
}

// pepSpecVersionRe are the versions packaging's Specifier accepts after each
// kind of operator: == and != take local labels or a ".*" prefix; ~= needs
// two release numbers and takes neither; the others take neither.
var (
	pepCore         = `v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*`
	pepSuffixes     = `(?:[-_\.]?(?:alpha|beta|preview|pre|a|b|c|rc)[-_\.]?[0-9]*)?(?:(?:-[0-9]+)|(?:[-_\.]?(?:post|rev|r)[-_\.]?[0-9]*))?(?:[-_\.]?dev[-_\.]?[0-9]*)?`
	pepEqualRe      = regexp.MustCompile(`(?i)^` + pepCore + `(?:\.\*|` + pepSuffixes + `(?:\+[a-z0-9]+(?:[-_\.][a-z0-9]+)*)?)$`)
	pepCompatibleRe = regexp.MustCompile(`(?i)^v?(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)+` + pepSuffixes + `$`)
	pepOrderedRe    = regexp.MustCompile(`(?i)^` + pepCore + pepSuffixes + `$`)
	pepArbitraryRe  = regexp.MustCompile(`^[^\s;)]*$`)
)

// pepSpec is one PEP 440 specifier, such as "~=2.0" or "==2.0.*".
type pepSpec struct {
	op     string // "~=", "==", "!=", "<=", ">=", "<", ">", "==="
	text   string // the version as written
	v      *pepVersion
	prefix bool // "==X.*" / "!=X.*"
}

// newPEPSpec checks a specifier as packaging's Specifier regex does.
func newPEPSpec(op, ver string) (*pepSpec, error) {
	sp := &pepSpec{op: op, text: ver}
	if !isASCII(ver) {
		return nil, fmt.Errorf("%q: PEP 440 versions are ASCII", op+ver)
	}
	var ok bool
	switch op {
	case "===":
		ok = ver != "" && pepArbitraryRe.MatchString(ver)
		return sp, okOr(ok, op, ver)
	case "==", "!=":
		ok = pepEqualRe.MatchString(ver)
	case "~=":
		ok = pepCompatibleRe.MatchString(ver)
	default:
		ok = pepOrderedRe.MatchString(ver)
	}
	if err := okOr(ok, op, ver); err != nil {
		return nil, err
	}
	if t, found := strings.CutSuffix(ver, ".*"); found {
		sp.prefix = true
		ver = t
	}
	v, err := parsePEP440(ver)
	if err != nil {
		return nil, err
	}
	sp.v = v
	return sp, nil
}

func okOr(ok bool, op, ver string) error {
	if ok {
		return nil
	}
	switch {
	case strings.HasSuffix(ver, ".*"):
		return fmt.Errorf("%q: a .* prefix is allowed only after == and != (PEP 440)", op+ver)
	case strings.Contains(ver, "+") && op != "==" && op != "!=":
		return fmt.Errorf("%q: a local version label (+...) is allowed only after == and != (PEP 440)", op+ver)
	case op == "~=":
		return fmt.Errorf("%q: ~= needs a release of at least two numbers, such as ~=2.0 (PEP 440)", op+ver)
	}
	return fmt.Errorf("%q is not a PEP 440 version specifier", op+ver)
}

// holds evaluates the specifier as packaging's Specifier.contains(v,
// prereleases=True): sbomx asks whether an installed version is in the
// range, not whether pip would choose it, so pre-releases are never
// filtered out; the operators' own rules about them still apply.
func (sp *pepSpec) holds(v *pepVersion) bool {
	switch sp.op {
	case "===":
		// packaging compares str(Version(candidate)), lower case.
		return strings.EqualFold(v.String(), sp.text)
	case "==":
		return sp.equal(v)
	case "!=":
		return !sp.equal(v)
	case "<=":
		return v.public().compare(sp.v) <= 0
	case ">=":
		return v.public().compare(sp.v) >= 0
	case "<":
		// <V excludes pre-releases of V itself unless V is one.
		if v.compare(sp.v) >= 0 {
			return false
		}
		return sp.v.isPrerelease() || !v.isPrerelease() || v.base().compare(sp.v.base()) != 0
	case ">":
		// >V excludes post-releases of V unless V is one, and V's local
		// versions, which sort above V.
		if v.compare(sp.v) <= 0 {
			return false
		}
		if !sp.v.isPostrelease() && v.isPostrelease() && v.base().compare(sp.v.base()) == 0 {
			return false
		}
		return v.local == nil || v.base().compare(sp.v.base()) != 0
	case "~=":
		// ~=X.Y.Z is >=X.Y.Z, ==X.Y.*: the release without its last number.
		prefix := &pepSpec{op: "==", prefix: true, v: &pepVersion{epoch: sp.v.epoch, release: sp.v.release[:len(sp.v.release)-1]}}
		return v.public().compare(sp.v) >= 0 && prefix.equal(v)
	}
	return false
}

// equal is packaging's _compare_equal. A prefix ("2.0.*") compares the
// candidate's public version split as packaging splits it ("2.0rc1" is
// 2, 0, rc1), its release padded with zeros to the prefix's length. Without
// a local label in the specifier the candidate's local label is ignored:
// ==2.0.0 matches 2.0.0+0d7e753227.
func (sp *pepSpec) equal(v *pepVersion) bool {
	if sp.prefix {
		want := pepSplit(sp.v)
		got := pepSplit(v.public())
		if n := len(sp.v.release) - len(v.release); n > 0 {
			pad := slices.Repeat([]string{"0"}, n)
			got = slices.Concat(got[:len(v.release)+1], pad, got[len(v.release)+1:])
		}
		return len(got) >= len(want) && slices.Equal(got[:len(want)], want)
	}
	if sp.v.local == nil {
		v = v.public()
	}
	return v.compare(sp.v) == 0
}

// pepSplit is packaging's _version_split of a normalised version: the epoch,
// then the release numbers, then the pre-, post-, dev- and local segments as
// written in normal form. (packaging keeps the epoch glued to the first
// release number; keeping it apart compares the same.)
func pepSplit(v *pepVersion) []string {
	parts := []string{v.epoch.String()}
	for _, r := range v.release {
		parts = append(parts, r.String())
	}
	if v.preN != nil {
		parts = append(parts, v.preL+v.preN.String())
	}
	if v.post != nil {
		parts = append(parts, "post"+v.post.String())
	}
	if v.dev != nil {
		parts = append(parts, "dev"+v.dev.String())
	}
	return parts
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
