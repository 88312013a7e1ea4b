package model

import (
	"net/url"
	"strings"

	packageurl "github.com/package-url/packageurl-go"
)

// PkgID is a package's identity across documents: purl type, namespace and
// name, normalised with the ecosystem's own rules (see NormalizeName). Version
// and qualifiers are not part of it.
type PkgID struct {
	Type      string // purl type, lower case, aliases folded ("dotnet" -> "nuget"); "" when unknown
	Namespace string
	Name      string
}

// String renders the ID as a version-less purl, or "name" for typeless IDs.
func (id PkgID) String() string {
	if id.Type == "" {
		if id.Namespace != "" {
			return id.Namespace + "/" + id.Name
		}
		return id.Name
	}
	s := "pkg:" + id.Type + "/"
	if id.Namespace != "" {
		s += id.Namespace + "/"
	}
	return s + id.Name
}

// typeAliases folds purl types that real generators write for the same
// ecosystem (syft writes pkg:dotnet for NuGet packages).
var typeAliases = map[string]string{
	"dotnet": "nuget",
	"go":     "golang",
	"crates": "cargo",
	"pip":    "pypi",
	"python": "pypi",
}

// NormalizeType lower-cases a purl type and folds known aliases.
func NormalizeType(t string) string {
	t = FoldASCII(t)
	if a, ok := typeAliases[t]; ok {
		return a
	}
	return t
}

// NormalizeName applies an ecosystem's naming rules to a namespace and name:
//   - pypi: PEP 503 (lower case, runs of "-", "_", "." become one "-");
//   - npm, nuget, composer, deb, apk: case-insensitive, so lower case;
//   - golang, maven, cargo, and unknown types: compared as written
//     (Go module paths and Maven coordinates are case-sensitive);
//   - typeless (no purl): lower case, since nothing says otherwise.
func NormalizeName(typ, namespace, name string) (string, string) {
	switch typ {
	case "pypi":
		return "", PEP503(name)
	case "npm", "nuget", "composer", "deb", "apk", "alpine", "github", "bitbucket", "":
		return FoldASCII(namespace), FoldASCII(name)
	}
	return namespace, name
}

// normalizePURLName applies the purl specification's per-type rules as
// packageurl-go does (apk, composer, deb and github names are lower case; an
// rpm namespace is; PyPI's "_" is "-"), then NormalizeName for the folded
// type t. Go's case is kept on purpose (see ParsePURL).
func normalizePURLName(typ, t, ns, name string) (string, string) {
	switch typ {
	case "apk", "composer", "deb", "github":
		ns, name = FoldASCII(ns), FoldASCII(name)
	case "rpm":
		ns = FoldASCII(ns)
	case "pypi":
		name = FoldASCII(strings.ReplaceAll(name, "_", "-"))
	}
	return NormalizeName(t, ns, name)
}

// FoldASCII lower-cases ASCII letters only. It is the one case folding of
// package identity, and the byte prefilter's: package registries name
// packages in ASCII, and a Unicode fold would make "\u212aafka" (KELVIN
// SIGN) the package kafka in the model while no byte of the file spells it.
func FoldASCII(s string) string {
	i := 0
	for i < len(s) && !('A' <= s[i] && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s // nothing to fold: no allocation
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if 'A' <= b[i] && b[i] <= 'Z' {
			b[i] += 'a' - 'A'
		}
	}
	return string(b)
}

// PEP503 normalises a Python distribution name: lower case, and every run of
// "-", "_" or "." replaced by a single "-".
func PEP503(name string) string {
	if pep503Normal(name) {
		return name // no allocation for the common case
	}
	var b strings.Builder
	b.Grow(len(name))
	sep := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '-' || c == '_' || c == '.' {
			sep = true
			continue
		}
		if sep && b.Len() > 0 {
			b.WriteByte('-')
		}
		sep = false
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

// PURL is a parsed package URL: identity plus version and the qualifiers
// sbomx uses (repository_url and download_url, for sources).
type PURL struct {
	ID         PkgID
	Version    string
	Qualifiers map[string]string
}

// usedQualifier reports the qualifiers PURL keeps.
func usedQualifier(k string) bool { return k == "repository_url" || k == "download_url" }

// pep503Normal reports whether name is already PEP 503-normal: lower case,
// single "-" separators, none at either end.
func pep503Normal(name string) bool {
	if name == "" || name[0] == '-' || name[len(name)-1] == '-' {
		return false
	}
	for i := 0; i < len(name); i++ {
		switch c := name[i]; {
		case 'A' <= c && c <= 'Z', c == '_', c == '.':
			return false
		case c == '-' && name[i-1] == '-':
			return false
		}
	}
	return true
}

// ParsePURL parses and normalises a package URL. Unlike packageurl-go alone it
// keeps the case of Go module paths (packageurl-go lower-cases them, but
// github.com/Sirupsen/logrus and github.com/sirupsen/logrus are two modules),
// folds type aliases and applies PEP 503 fully (packageurl-go keeps ".").
func ParsePURL(s string) (PURL, bool) {
	if p, ok, handled := parsePURLFast(s); handled {
		return p, ok
	}
	return parsePURLSlow(s)
}

// parsePURLSlow is ParsePURL through packageurl-go.
func parsePURLSlow(s string) (PURL, bool) {
	p, err := packageurl.FromString(s)
	if err != nil || p.Type == "" || p.Name == "" {
		return PURL{}, false
	}
	// The namespace and name as written, not as packageurl-go folds them
	// (it lower-cases Go module paths, and folds with Unicode rules).
	ns, name := p.Namespace, p.Name
	if rns, rname, ok := rawPath(s); ok {
		ns, name = rns, rname
	}
	typ := NormalizeType(p.Type)
	ns, name = normalizePURLName(FoldASCII(p.Type), typ, ns, name)
	var q map[string]string
	for k, v := range p.Qualifiers.Map() {
		if usedQualifier(k) {
			if q == nil {
				q = map[string]string{}
			}
			q[k] = v
		}
	}
	return PURL{ID: PkgID{Type: typ, Namespace: ns, Name: name}, Version: p.Version, Qualifiers: q}, true
}

// rawPath returns a purl's namespace and name with their case as written.
func rawPath(s string) (ns, name string, ok bool) {
	if len(s) < 4 || !strings.EqualFold(s[:4], "pkg:") {
		return "", "", false
	}
	s = strings.TrimLeft(s[4:], "/")
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	_, s, found := strings.Cut(s, "/")
	if !found {
		return "", "", false
	}
	// As packageurl-go: the version is after the last "@" (not a leading
	// one), the name after the last "/", and empty path segments go.
	if at := strings.LastIndexByte(s, '@'); at > 0 {
		s = s[:at]
	}
	var segs []string
	for _, seg := range strings.Split(s, "/") {
		if seg == "" {
			continue
		}
		u, err := url.PathUnescape(seg)
		if err != nil {
			return "", "", false
		}
		segs = append(segs, u)
	}
	if len(segs) == 0 || strings.HasSuffix(s, "/") {
		return "", "", false
	}
	name = segs[len(segs)-1]
	ns = strings.Join(segs[:len(segs)-1], "/")
	return ns, name, name != ""
}

// AddSource records where the package came from, once; "NOASSERTION" and
// "NONE" say nothing and are left out.
func (c *Component) AddSource(s string) {
	s = strings.TrimSpace(s)
	if s == "" || strings.EqualFold(s, "NOASSERTION") || strings.EqualFold(s, "NONE") {
		return
	}
	for _, x := range c.Sources {
		if x == s {
			return
		}
	}
	c.Sources = append(c.Sources, s)
}

// IdentifyComponent fills c.ID from c.PURL, or from c.Group and c.Name when
// the component has no usable purl (see NameParts). A component that states
// no version takes its purl's. It mends two things real generators write:
//   - Maven coordinates as the name ("com.fasterxml.jackson.core:jackson-databind",
//     GitHub's dependency-graph export): Group and Name are split, so the
//     package reads and matches as group:artifact, by its artifact name and
//     by its purl;
//   - a purl whose name holds the version, percent-encoded
//     ("pkg:nuget/Semver%402.2.0", no version of its own): the name is split
//     at the "@", and VersionFromName says so.
func IdentifyComponent(c *Component) {
	if c.PURL != "" {
		if p, ok := ParsePURL(c.PURL); ok {
			if name, version, found := nameWithVersion(p); found {
				p.ID.Name, p.Version = name, version
				c.VersionFromName = true
			}
			c.ID = p.ID
			if c.Version == "" {
				c.Version = p.Version
			}
			for _, k := range []string{"repository_url", "download_url"} {
				if u := p.Qualifiers[k]; u != "" {
					c.AddSource(u)
				}
			}
			if g, a, ok := mavenCoords(c.Name); ok && c.Group == "" && c.ID.Type == "maven" && g == c.ID.Namespace && a == c.ID.Name {
				c.Group, c.Name = g, a
			}
			return
		}
	}
	ns, name := NameParts(c.Group, c.Name)
	ns, name = NormalizeName("", ns, name)
	c.ID = PkgID{Namespace: ns, Name: name}
}

// nameWithVersion finds a version written into a purl's name: a purl with no
// version whose (decoded) name holds an "@" that does not start it.
func nameWithVersion(p PURL) (name, version string, ok bool) {
	i := strings.LastIndexByte(p.ID.Name, '@')
	if p.Version != "" || i <= 0 || i == len(p.ID.Name)-1 {
		return "", "", false
	}
	return p.ID.Name[:i], p.ID.Name[i+1:], true
}

// NameParts splits a name the SBOM wrote whole into namespace and name, for
// a component without a purl: an npm scope ("@acme/ui"), a path
// ("golang.org/x/net", "github.com/acme/x"), or Maven coordinates
// ("org.apache.logging.log4j:log4j-core"). A group the SBOM gives wins.
func NameParts(group, name string) (string, string) {
	switch {
	case group != "":
		return group, name
	case strings.HasPrefix(name, "@") && strings.Contains(name, "/"):
		i := strings.IndexByte(name, '/')
		return name[:i], name[i+1:]
	case strings.Contains(name, "/"):
		i := strings.LastIndexByte(name, '/')
		return name[:i], name[i+1:]
	}
	if g, a, ok := mavenCoords(name); ok {
		return g, a
	}
	return "", name
}

// mavenCoords splits "group:artifact": one colon, both sides non-empty, no
// white space.
func mavenCoords(name string) (group, artifact string, ok bool) {
	group, artifact, ok = strings.Cut(name, ":")
	if !ok || group == "" || artifact == "" || strings.ContainsAny(artifact, ":") || strings.ContainsAny(name, " \t") {
		return "", "", false
	}
	return group, artifact, true
}
