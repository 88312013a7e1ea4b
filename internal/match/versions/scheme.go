package versions

import (
	"fmt"
	"math"
	"math/big"
	"regexp"
	"strings"

	"github.com/google/osv-scalibr/semantic"
)

// scheme is one ecosystem's versioning: what a version is, how two versions
// order, and the range syntax it reads.
//
// parse is strict: it refuses what the ecosystem's own tool refuses, and the
// placeholders generators write where they know no version (NOASSERTION,
// (devel), ${project.version}, 2.x). A comparator that accepts everything
// would sort those below every version, so a range with a lower bound would
// silently drop them and one with only an upper bound would confirm them.
type scheme struct {
	name  string // as people know it: "npm", "PyPI", "Maven"
	parse func(string) (any, error)
	cmp   func(a, b any) int
	// ops are the scheme's operators beyond baseOps, for the tokenizer.
	ops []string
	// comparator turns one "op version" into conditions that must all hold;
	// op is "" for a bare version, which means that one version.
	comparator func(sc *scheme, op, ver string) ([]cond, error)
	// hyphen reads "A - B" ranges; nil when the ecosystem has none.
	hyphen func(sc *scheme, a, b string) ([]cond, error)
	orBar  bool   // a single "|" also means or (Composer)
	forms  string // its own range forms, for error messages
}

// accepts says what the scheme reads, for error messages.
func (sc *scheme) accepts() string {
	if sc.forms == "" {
		return commonForms
	}
	return sc.forms + "; and " + commonForms
}

// The ranges every scheme reads, for error messages.
const commonForms = "<2.0 <=2.0 >1.0 >=1.0 =1.0 !=1.0, joined by \",\" or space (and) and \"||\" (or); intervals [1.0,2.0) (,1.0] [1.5,)"

var (
	npmRange      = semverRange{rules: semverRules{leadingV: true}, preLow: true}
	cargoRange    = semverRange{}
	pubRange      = semverRange{rules: semverRules{leadingZeros: true}, zeroMinorCaret: true, buildOrder: true}
	semverForms   = "^1.2.3 ~1.2.3 1.2.x 1.x * and hyphen ranges 1.2.3 - 1.4"
	npmScheme     = &scheme{name: "npm", parse: npmRange.parse(true), cmp: cmpSemVer, ops: []string{"^", "~>", "~"}, comparator: npmRange.comparator, hyphen: npmRange.hyphen, forms: semverForms}
	cargoScheme   = &scheme{name: "Cargo", parse: cargoRange.parse(false), cmp: cmpSemVer, ops: []string{"^", "~"}, comparator: cargoRange.comparator, hyphen: cargoRange.hyphen, forms: semverForms}
	pubScheme     = &scheme{name: "Pub", parse: pubRange.parse(false), cmp: cmpPub, ops: []string{"^", "~"}, comparator: pubRange.comparator, hyphen: pubRange.hyphen, forms: semverForms}
	composerForms = "^1.2 ~1.2 1.2.* and hyphen ranges 1.0 - 2.0, \"|\" for or"
	composer      = &scheme{name: "Composer", parse: parseComposer, cmp: cmpComposer, ops: []string{"^", "~", "<>"}, comparator: composerComparator, hyphen: composerHyphen, orBar: true, forms: composerForms}
	pypiScheme    = &scheme{name: "PyPI", parse: parsePyPI, cmp: cmpPyPI, ops: []string{"===", "~="}, comparator: pypiComparator, forms: "PEP 440 specifiers ~=2.0 ==2.0.* !=2.0.* ===2.0.0+local"}
	mavenScheme   = &scheme{name: "Maven", parse: parseMaven, cmp: cmpMaven, comparator: plainComparator, forms: "[2.0-beta9,2.17.0) (,1.0] [1.0] [1.0,1.2),[1.5,)"}
	gemScheme     = &scheme{name: "RubyGems", parse: parseGem, cmp: cmpGem, ops: []string{"~>"}, comparator: gemComparator, forms: "~> 2.2"}
	nugetScheme   = &scheme{name: "NuGet", parse: parseNuGet, cmp: cmpSemantic, comparator: nugetComparator, forms: "[1.0,2.0) (,1.0] [1.0]"}
	goScheme      = &scheme{name: "Go", parse: parseGo, cmp: cmpSemVer, comparator: plainComparator, forms: "versions with or without v"}
	debScheme     = &scheme{name: "Debian", parse: parseSemantic("Debian", validDebian), cmp: cmpSemantic, comparator: plainComparator}
	rpmScheme     = &scheme{name: "RPM", parse: parseSemantic("Red Hat", validRPM), cmp: cmpSemantic, comparator: plainComparator}
	apkScheme     = &scheme{name: "Alpine", parse: parseSemantic("Alpine", validAlpine), cmp: cmpSemantic, comparator: plainComparator}
	hexScheme     = &scheme{name: "Hex", parse: cargoRange.parse(false), cmp: cmpSemVer, comparator: cargoRange.comparator}
	swiftScheme   = &scheme{name: "Swift", parse: cargoRange.parse(false), cmp: cmpSemVer, comparator: cargoRange.comparator}
	hackageScheme = &scheme{name: "Hackage", parse: parseSemantic("Hackage", validLoose), cmp: cmpSemantic, comparator: plainComparator}
	cranScheme    = &scheme{name: "CRAN", parse: parseSemantic("CRAN", validLoose), cmp: cmpSemantic, comparator: plainComparator}
	conanScheme   = &scheme{name: "Conan", parse: parseSemantic("ConanCenter", validLoose), cmp: cmpSemantic, comparator: plainComparator}
)

// schemes maps purl types to their schemes. A type not here (generic, oci,
// github, docker, ...) has no version ordering.
var schemes = map[string]*scheme{
	"npm": npmScheme, "cargo": cargoScheme, "pub": pubScheme, "composer": composer,
	"pypi": pypiScheme, "maven": mavenScheme, "gem": gemScheme, "nuget": nugetScheme,
	"golang": goScheme, "deb": debScheme, "rpm": rpmScheme, "apk": apkScheme, "alpine": apkScheme,
	"hex": hexScheme, "swift": swiftScheme, "hackage": hackageScheme, "cran": cranScheme, "conan": conanScheme,
}

// allSchemes are the distinct schemes in a fixed order (for bare names and
// components of unknown ecosystem).
var allSchemes = []*scheme{npmScheme, pypiScheme, mavenScheme, goScheme, cargoScheme, composer, gemScheme, nugetScheme, pubScheme, debScheme, rpmScheme, apkScheme, hexScheme, swiftScheme, hackageScheme, cranScheme, conanScheme}

func schemeOf(purlType string) *scheme { return schemes[strings.ToLower(purlType)] }

// plainComparator is a comparison in the scheme's order; a bare version or
// "==" means equal.
func plainComparator(sc *scheme, op, ver string) ([]cond, error) {
	v, err := sc.parse(ver)
	if err != nil {
		return nil, err
	}
	if op == "" || op == "==" {
		op = "="
	}
	return []cond{cmpCond{op: op, bound: v, cmp: sc.cmp}}, nil
}

// nugetComparator refuses NuGet's floating versions, which pick a version at
// restore time: as a range "1.*" means >=1.0.0 (2.0 included), which is
// never what an incident query means.
func nugetComparator(sc *scheme, op, ver string) ([]cond, error) {
	if strings.Contains(ver, "*") {
		return nil, fmt.Errorf("%q is a NuGet floating version; write the interval it should mean, such as [1.0,2.0)", ver)
	}
	return plainComparator(sc, op, ver)
}

// PyPI: PEP 440 versions; "=" and a bare version mean "==" (a bare "2.0.*"
// is "==2.0.*").
func parsePyPI(s string) (any, error) { return parsePEP440(s) }

func cmpPyPI(a, b any) int { return a.(*pepVersion).compare(b.(*pepVersion)) }

type pepCond struct{ sp *pepSpec }

func (c pepCond) holds(v any) bool { return c.sp.holds(v.(*pepVersion)) }

func pypiComparator(_ *scheme, op, ver string) ([]cond, error) {
	if op == "" || op == "=" {
		op = "=="
	}
	sp, err := newPEPSpec(op, ver)
	if err != nil {
		return nil, err
	}
	return []cond{pepCond{sp}}, nil
}

// Go module versions: SemVer with a leading "v" (sbomx accepts it missing),
// and the shorthands golang.org/x/mod/semver reads (v1.2 is v1.2.0).
func parseGo(s string) (any, error) {
	t := strings.TrimPrefix(s, "v")
	if !strings.ContainsAny(t, "-+") {
		switch strings.Count(t, ".") {
		case 0:
			t += ".0.0"
		case 1:
			t += ".0"
		}
	}
	v, err := parseSemVer(t, semverRules{})
	if err != nil {
		return nil, fmt.Errorf("%q is not a Go module version: %v", s, err)
	}
	return v, nil
}

// semanticVer wraps a version of the osv-scalibr comparators (the ones
// osv-scanner uses), for the schemes whose ordering they implement.
type semanticVer struct{ v semantic.Version }

// parseSemantic checks s with valid, then parses it in the OSV ecosystem.
func parseSemantic(eco string, valid func(string) error) func(string) (any, error) {
	return func(s string) (v any, err error) {
		if err := valid(s); err != nil {
			return nil, err
		}
		defer func() {
			if recover() != nil {
				v, err = nil, fmt.Errorf("%q: cannot parse as a %s version", s, eco)
			}
		}()
		sv, err := semantic.Parse(s, eco)
		if err != nil {
			return nil, fmt.Errorf("%q: %w", s, err)
		}
		return semanticVer{sv}, nil
	}
}

func cmpSemantic(a, b any) int {
	c, err := a.(semanticVer).v.Compare(b.(semanticVer).v)
	if err != nil {
		panic(err) // both come from the same scheme: a programming error
	}
	return c
}

var (
	mavenRe  = regexp.MustCompile(`^[0-9][0-9A-Za-z._+-]*$`)
	nugetRe  = regexp.MustCompile(`^[0-9]+(\.[0-9]+){0,3}(-[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?$`)
	debRe    = regexp.MustCompile(`^([0-9]+:)?[0-9][A-Za-z0-9.+~:-]*$`)
	rpmRe    = regexp.MustCompile(`^([0-9]+:)?[A-Za-z0-9][A-Za-z0-9._+~^-]*$`)
	alpineRe = regexp.MustCompile(`^[0-9]+(\.[0-9]+)*[a-z]?(_(alpha|beta|pre|rc|cvs|svn|git|hg|p)[0-9]*)*(-r[0-9]+)?$`)
	looseRe  = regexp.MustCompile(`^[0-9][0-9A-Za-z._+~-]*$`)
	xSegRe   = regexp.MustCompile(`(^|[.-])[xX*](\.|-|$)`)
)

// validMaven: Maven's ComparableVersion orders any string, so sbomx draws
// the line: a version starts with a digit, holds no white space, no
// unresolved property (${...}) and no wildcard segment (2.x, 2.*).
func validMaven(s string) error {
	if !mavenRe.MatchString(s) || xSegRe.MatchString(s) {
		return fmt.Errorf("%q is not a Maven version (one starts with a digit, as 2.17.0 or 2.0-beta9)", s)
	}
	return nil
}

// parseNuGet reads NuGetVersion.TryParse's form: one to four numbers that
// fit in 32 bits, a SemVer pre-release and build metadata, white space
// around it ignored.
func parseNuGet(s string) (any, error) {
	t := strings.TrimSpace(s)
	if !nugetRe.MatchString(t) {
		return nil, fmt.Errorf("%q is not a NuGet version", s)
	}
	core, _, _ := strings.Cut(strings.SplitN(t, "+", 2)[0], "-")
	for _, n := range strings.Split(core, ".") {
		if len(strings.TrimLeft(n, "0")) > 10 || bigOr(n, "0").Cmp(big.NewInt(math.MaxInt32)) > 0 {
			return nil, fmt.Errorf("%q: %s is too large for a NuGet version number", s, n)
		}
	}
	return parseSemantic("NuGet", func(string) error { return nil })(t)
}

// validDebian is dpkg's rule: an optional numeric epoch, an upstream
// version that starts with a digit, an optional revision after the last
// hyphen; colons only with an epoch.
func validDebian(s string) error {
	if !debRe.MatchString(s) {
		return fmt.Errorf("%q is not a Debian version (it must start with a digit)", s)
	}
	rest := s
	if i := strings.IndexByte(s, ':'); i >= 0 && allDigits(s[:i]) {
		if bigOr(s[:i], "0").Cmp(big.NewInt(math.MaxInt32)) > 0 {
			return fmt.Errorf("%q is not a Debian version (the epoch is too large)", s)
		}
		rest = s[i+1:]
	} else if strings.Contains(s, ":") {
		return fmt.Errorf("%q is not a Debian version (a colon needs an epoch)", s)
	}
	if rest == "" || strings.HasSuffix(rest, "-") || (rest[0] < '0' || rest[0] > '9') {
		return fmt.Errorf("%q is not a Debian version", s)
	}
	return nil
}

// validRPM: rpm compares any string; sbomx asks for an optional epoch and a
// version of letters, digits and . _ + ~ ^ - that holds a digit.
func validRPM(s string) error {
	if !rpmRe.MatchString(s) || !strings.ContainsAny(s, "0123456789") {
		return fmt.Errorf("%q is not an RPM version", s)
	}
	return nil
}

// validAlpine is apk-tools' version grammar.
func validAlpine(s string) error {
	if !alpineRe.MatchString(s) {
		return fmt.Errorf("%q is not an Alpine version", s)
	}
	return nil
}

// validLoose is for ecosystems sbomx has no strict grammar for: a version
// starts with a digit and has no white space or wildcard.
func validLoose(s string) error {
	if !looseRe.MatchString(s) || xSegRe.MatchString(s) {
		return fmt.Errorf("%q is not a version (one starts with a digit)", s)
	}
	return nil
}

// placeholder says what a version that is not one stands for, when it is
// one of the placeholders real generators write; "" otherwise.
func placeholder(v string) string {
	t := strings.TrimSpace(v)
	switch strings.ToUpper(t) {
	case "":
		return "the SBOM gives no version"
	case "NOASSERTION", "NONE":
		return fmt.Sprintf("%q: the SBOM does not assert a version", t)
	case "UNKNOWN", "N/A", "NA", "NULL", "UNSPECIFIED", "UNDEFINED":
		return fmt.Sprintf("%q: the generator did not know the version", t)
	case "(DEVEL)":
		return fmt.Sprintf("%q: a Go development build, which has no module version", t)
	case "LATEST", "RELEASE", "MASTER", "MAIN", "HEAD", "TRUNK", "STABLE", "DEV-MASTER", "DEV-MAIN", "NIGHTLY":
		return fmt.Sprintf("%q: a tag or branch, not a version", t)
	}
	switch {
	case strings.Contains(t, "${") || strings.Contains(t, "$(") || strings.HasPrefix(t, "@") && strings.HasSuffix(t, "@"):
		return fmt.Sprintf("%q: an unresolved build property, not a version", t)
	case t == "*" || xSegRe.MatchString(t) || strings.ContainsAny(t, "<>[]()|") || strings.HasPrefix(t, "^") || strings.HasPrefix(t, "~"):
		return fmt.Sprintf("%q: a range or wildcard, not a version", t)
	}
	return ""
}
