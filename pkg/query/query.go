// Package query parses what a user asks for (a bare name, a qualified name, a
// package URL, name@version) and matches it against components, comparing
// names the way each ecosystem defines them.
package query

import (
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/sbomx/sbomx/internal/match/versions"
	"github.com/sbomx/sbomx/pkg/model"
)

// Kind says how a query was written.
type Kind string

// Query kinds.
const (
	KindName      Kind = "name"      // lodash, torchtriton, log4j-core
	KindQualified Kind = "qualified" // @angular/core, org.apache.logging.log4j:log4j-core, golang.org/x/net
	KindPURL      Kind = "purl"      // pkg:pypi/torchtriton, pkg:npm/lodash@4.17.20
	KindHash      Kind = "hash"      // sha256:<hex>: components whose SBOM hashes include it
)

// Query is one parsed query.
type Query struct {
	Input     string `json:"input"`
	Kind      Kind   `json:"kind"`
	Type      string `json:"type,omitempty"`      // purl type, only for purl queries
	Namespace string `json:"namespace,omitempty"` // group, scope or module prefix, as written
	Name      string `json:"name"`
	Version   string `json:"version,omitempty"` // as given: an exact version, a range or a vers: range; "" = any
	// Glob reports that Namespace or Name holds * or ? wildcards.
	Glob bool   `json:"glob,omitempty"`
	Hash string `json:"hash,omitempty"` // for KindHash: "alg:hex", lower case
	// Advisory is the id of the OSV record this query came from.
	Advisory string `json:"advisory,omitempty"`
	// Note says what the query cannot do (an advisory's GIT ranges).
	Note string `json:"note,omitempty"`
	// Versions decides the version; nil means any version.
	Versions versions.Matcher `json:"-"`
}

// Parse parses one query.
//
//	torchtriton                               any package named torchtriton, in any ecosystem
//	torchtriton@2.0.0+0d7e753227              that exact version
//	lodash@^4.17.0, log4j-core@<2.17.0        a range, in the package's ecosystem's syntax
//	@angular/core                             npm scope and name
//	org.apache.logging.log4j:log4j-core       Maven groupId:artifactId (a third :part is a version)
//	golang.org/x/net                          a path: namespace/name (Go modules, npm scopes, ...)
//	pkg:npm/lodash@4.17.20                    a package URL, with or without version
//
// A range may hold white space ("x@<1.0 || >=2.0,<2.5"); the name may not.
// A version or range sbomx cannot read is an error, never a literal.
func Parse(s string) (*Query, error) {
	in := s
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("empty query")
	}
	if h, ok := parseHash(s); ok {
		return &Query{Input: in, Kind: KindHash, Hash: h}, nil
	}
	if id := advisoryID(s); id != "" {
		return nil, fmt.Errorf("query %q: %s is an advisory id, not a package; give its OSV record with --advisory FILE (osv.dev/vulnerability/%s has it)", in, id, id)
	}
	if strings.HasPrefix(strings.ToLower(s), "pkg:") {
		return parsePURL(in, s)
	}
	q := &Query{Input: in, Kind: KindName}
	verAt := -1
	if at := strings.IndexByte(s[1:], '@'); at >= 0 {
		// The first "@" after the first character: "@scope/name@range",
		// and a range may hold "@" itself (Composer's ">=1.0@dev").
		verAt = at + 2
		q.Version = s[verAt:]
		s = s[:verAt-1]
		if strings.TrimSpace(q.Version) == "" {
			return nil, fmt.Errorf("query %q: empty version after @", in)
		}
	}
	if strings.ContainsAny(s, " \t\r\n") {
		return nil, fmt.Errorf("query %q: the name contains white space", in)
	}
	switch {
	case strings.Contains(s, ":"):
		parts := strings.Split(s, ":")
		if len(parts) > 3 || parts[0] == "" || parts[1] == "" {
			return nil, fmt.Errorf("query %q: want group:artifact or group:artifact:version", in)
		}
		if len(parts) == 3 {
			if q.Version != "" || parts[2] == "" {
				return nil, fmt.Errorf("query %q: two versions", in)
			}
			q.Version = parts[2]
			verAt = len(parts[0]) + len(parts[1]) + 2
		}
		q.Kind, q.Namespace, q.Name = KindQualified, parts[0], parts[1]
	case strings.Contains(s, "/"):
		i := strings.LastIndexByte(s, '/')
		q.Kind, q.Namespace, q.Name = KindQualified, s[:i], s[i+1:]
		if q.Namespace == "" || q.Name == "" || strings.HasPrefix(q.Namespace, "/") || strings.HasSuffix(q.Namespace, "/") || strings.Contains(q.Namespace, "//") {
			return nil, fmt.Errorf("query %q: empty path element", in)
		}
	default:
		if strings.HasPrefix(s, "@") {
			return nil, fmt.Errorf("query %q: an npm scope needs a name (@scope/name)", in)
		}
		q.Name = s
	}
	q.Glob = strings.ContainsAny(q.Namespace+q.Name, "*?")
	if q.Glob {
		for _, p := range []string{q.Namespace, q.Name} {
			if _, err := path.Match(p, ""); err != nil {
				return nil, fmt.Errorf("query %q: bad pattern %q", in, p)
			}
		}
	}
	if err := q.setVersion(verAt + strings.Index(in, strings.TrimSpace(in))); err != nil {
		return nil, err
	}
	return q, nil
}

// advisoryRe matches the advisory ids people paste (CVE, GHSA, PYSEC, GO,
// RUSTSEC, OSV, MAL, SNYK ...).
var advisoryRe = regexp.MustCompile(`^(?i)(CVE-\d{4}-\d{4,}|GHSA(-[23456789cfghjmpqrvwx]{4}){3}|(PYSEC|RUSTSEC|GO|OSV|MAL|GSD|DSA|DLA|USN|RHSA|ALSA|ALBA|BIT|UVI)-\d{4}-[\w.-]+|SNYK-[A-Z]+-[\w-]+)$`)

func advisoryID(s string) string {
	if advisoryRe.MatchString(s) {
		return strings.ToUpper(s[:1]) + s[1:]
	}
	return ""
}

// setVersion turns the version part into a matcher: a purl vers: range, or
// a version or range in the query's ecosystem (each component's, for a
// name without one). at is where the version starts in the input, for
// error positions.
func (q *Query) setVersion(at int) error {
	v := q.Version
	switch {
	case v == "":
		q.Versions = nil
	case strings.HasPrefix(v, "vers:"):
		m, err := versions.ParseVers(v)
		if err != nil {
			return fmt.Errorf("query %q: %w", q.Input, err)
		}
		q.Versions = m
	default:
		m, err := versions.ParseSpec(q.Type, v)
		if err != nil {
			return rangeError(q.Input, at, err)
		}
		q.Versions = m
	}
	return nil
}

// rangeError words a range sbomx cannot read: where in the query, what is
// wrong, and what it accepts.
func rangeError(in string, at int, err error) error {
	var re *versions.RangeError
	if !errors.As(err, &re) {
		return fmt.Errorf("query %q: %w", in, err)
	}
	syntax := ""
	if re.Scheme != "" {
		syntax = " (" + re.Scheme + " syntax)"
	}
	msg := fmt.Sprintf("query %q, at character %d%s: %s", in, at+re.Pos+1, syntax, re.Msg)
	if _, hint, ok := strings.Cut(err.Error(), "\n"); ok {
		msg += "\n" + hint
	}
	return errors.New(msg)
}

var hashRe = regexp.MustCompile(`^(?i)(md5|sha-?1|sha-?256|sha-?384|sha-?512|sha3-256|sha3-384|sha3-512|blake2b-256|blake2b-384|blake2b-512|blake3):([0-9a-f]+)$`)

var hashLen = map[string]int{"md5": 32, "sha1": 40, "sha256": 64, "sha384": 96, "sha512": 128, "sha3256": 64, "sha3384": 96, "sha3512": 128, "blake2b256": 64, "blake2b384": 96, "blake2b512": 128, "blake3": 64}

// parseHash recognises "alg:hex" with the right number of hex digits for
// the algorithm, so a Maven group:artifact is never taken for a hash.
func parseHash(s string) (string, bool) {
	m := hashRe.FindStringSubmatch(s)
	if m == nil {
		return "", false
	}
	alg := strings.ToLower(strings.ReplaceAll(m[1], "-", ""))
	if len(m[2]) != hashLen[alg] {
		return "", false
	}
	return alg + ":" + strings.ToLower(m[2]), true
}

// ParseHash parses a --hash value ("sha256:HEX"; sha1, sha512, md5, ...).
func ParseHash(s string) (*Query, error) {
	h, ok := parseHash(strings.TrimSpace(s))
	if !ok {
		return nil, fmt.Errorf("hash %q: want ALG:HEX with ALG one of md5, sha1, sha256, sha384, sha512, sha3-256, ... and the matching number of hex digits", s)
	}
	return &Query{Input: s, Kind: KindHash, Hash: h}, nil
}

func parsePURL(in, s string) (*Query, error) {
	// A range after "@" is not valid purl syntax (packageurl-go would reject
	// or mangle "<" and "|"), so split it off first.
	base, ver, verAt := s, "", -1
	if at := purlVersionAt(s); at >= 0 {
		base, ver, verAt = s[:at], s[at+1:], at+1
		if strings.TrimSpace(ver) == "" {
			return nil, fmt.Errorf("query %q: empty version after @", in)
		}
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 && !strings.HasPrefix(ver, "vers:") {
		what := "qualifiers (" + s[i:] + ")"
		if s[i] == '#' {
			what = "a subpath (" + s[i:] + ")"
		}
		return nil, fmt.Errorf("query %q: sbomx does not match purl %s; drop them to match every variant of the package, and use --from TEXT to keep only packages from a source (repository_url, download_url)", in, what)
	}
	if strings.ContainsAny(base, " \t\r\n") {
		return nil, fmt.Errorf("query %q: the package URL contains white space", in)
	}
	p, ok := model.ParsePURL(base)
	if !ok {
		return nil, fmt.Errorf("query %q: not a valid package URL (pkg:type/namespace/name@version)", in)
	}
	q := &Query{Input: in, Kind: KindPURL, Type: p.ID.Type, Name: p.ID.Name, Namespace: p.ID.Namespace, Version: ver}
	if ver != "" && !versions.IsRange(ver) {
		if pv, ok := model.ParsePURL(s); ok {
			q.Version = pv.Version // percent-decoded
		}
	}
	q.Glob = strings.ContainsAny(q.Namespace+q.Name, "*?")
	if err := q.setVersion(verAt + strings.Index(in, strings.TrimSpace(in))); err != nil {
		return nil, err
	}
	return q, nil
}

// purlVersionAt finds the "@" that starts a purl's version: the first one
// after the type that does not start a path segment (the "@" of an npm scope
// written unencoded, pkg:npm/@scope/name, does).
func purlVersionAt(s string) int {
	slash := strings.IndexByte(s, '/')
	if slash < 0 {
		return -1
	}
	for i := slash + 1; i < len(s); i++ {
		if s[i] == '@' && s[i-1] != '/' {
			return i
		}
	}
	return -1
}

// Matches reports whether c is the package q asks for, at the version it
// asks for, or at a version that cannot be compared (see Match).
func (q *Query) Matches(c *model.Component) bool {
	ok, unknown := q.Match(c)
	return ok || unknown != nil
}

// Match reports whether c is the package q asks for at the version it asks
// for. When the name matches but the version cannot be compared (it does not
// parse, the ecosystem has no known ordering), ok is false and unknown says
// why: such a component must be reported as "unknown version", never dropped.
func (q *Query) Match(c *model.Component) (ok bool, unknown error) {
	if c.IsFile() {
		return false, nil // not a package, whatever its name or hashes
	}
	if q.Kind == KindHash {
		for _, h := range c.Hashes {
			if h == q.Hash {
				return true, nil
			}
		}
		return false, nil
	}
	if !q.MatchesName(c) {
		return false, nil
	}
	if q.Versions == nil {
		return true, nil
	}
	typ := c.ID.Type
	if typ == "" {
		typ = q.Type
	}
	m, err := q.Versions.Match(typ, c.Version)
	if err != nil {
		return false, err
	}
	return m, nil
}

// MatchesName reports whether c is the package q names, whatever its version.
//
// A component with a purl is compared in its own ecosystem (PEP 503 for PyPI,
// case-insensitive for npm and NuGet, exact for Maven and Go). A component
// without one is compared in the query's ecosystem when it has one, else
// loosely (case-insensitive, PEP 503 separators), since nothing says better.
// A bare name matches the name in any namespace (any Maven group, any Go
// module prefix) except an npm scope: "lodash" is not "@types/lodash".
func (q *Query) MatchesName(c *model.Component) bool {
	id := c.ID
	typ := id.Type
	if q.Type != "" && typ != "" && q.Type != typ {
		return false
	}
	var cns, cname string
	if typ != "" {
		cns, cname = id.Namespace, id.Name
	} else {
		typ = q.Type
		group, name := model.NameParts(c.Group, c.Name)
		cns, cname = loose(typ, group, name)
	}
	qns, qname := q.Namespace, q.Name
	if c.ID.Type != "" {
		qns, qname = model.NormalizeName(typ, qns, qname)
	} else {
		qns, qname = loose(typ, qns, qname)
	}
	if !q.same(qname, cname) {
		return false
	}
	if q.Namespace != "" && cns == "" {
		// A qualified query never matches a package without a namespace
		// (PyPI has none; normalising must not drop the query's).
		return false
	}
	if q.Namespace == "" {
		// A bare name: any namespace but an npm scope.
		return !strings.HasPrefix(cns, "@")
	}
	return q.same(qns, cns)
}

// same compares a query part with a component's: equal, or matched as a
// glob pattern (after the same normalisation) for glob queries.
func (q *Query) same(pattern, s string) bool {
	if !q.Glob {
		return pattern == s
	}
	ok, _ := path.Match(pattern, s)
	return ok
}

// loose normalises for components of unknown ecosystem.
func loose(typ, ns, name string) (string, string) {
	if typ != "" {
		return model.NormalizeName(typ, ns, name)
	}
	return model.FoldASCII(ns), model.PEP503(name)
}

// String renders the query as it was given.
func (q *Query) String() string { return q.Input }

// ParseFile reads a batch of queries, one per line. Blank lines and lines
// starting with "#" are skipped, as is anything after " #". An error names
// the line ("12: ...").
func ParseFile(data []byte) ([]*Query, error) {
	var qs []*Query
	for n, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		q, err := Parse(line)
		if err != nil {
			return nil, fmt.Errorf("%d: %w", n+1, err)
		}
		qs = append(qs, q)
	}
	return qs, nil
}
