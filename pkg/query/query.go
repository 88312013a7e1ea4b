// Package query parses what a user asks for (a bare name, a qualified name, a
// package URL, name@version) and matches it against components, comparing
// names the way each ecosystem defines them.
package query

import (
	"errors"
	"fmt"
	"strings"

	"github.com/sbomx/sbomx/pkg/model"
)

// Kind says how a query was written.
type Kind string

// Query kinds.
const (
	KindName      Kind = "name"      // lodash, torchtriton, log4j-core
	KindQualified Kind = "qualified" // @angular/core, org.apache.logging.log4j:log4j-core, golang.org/x/net
	KindPURL      Kind = "purl"      // pkg:pypi/torchtriton, pkg:npm/lodash@4.17.20
)

// Query is one parsed query.
type Query struct {
	Input     string `json:"input"`
	Kind      Kind   `json:"kind"`
	Type      string `json:"type,omitempty"`      // purl type, only for purl queries
	Namespace string `json:"namespace,omitempty"` // group, scope or module prefix, as written
	Name      string `json:"name"`
	Version   string `json:"version,omitempty"` // "" = any version
}

// Parse parses one query.
//
//	torchtriton                               any package named torchtriton, in any ecosystem
//	torchtriton@2.0.0+0d7e753227              that exact version
//	@angular/core                             npm scope and name
//	org.apache.logging.log4j:log4j-core       Maven groupId:artifactId (a third :part is a version)
//	golang.org/x/net                          a path: namespace/name (Go modules, npm scopes, ...)
//	pkg:npm/lodash@4.17.20                    a package URL, with or without version
func Parse(s string) (*Query, error) {
	in := s
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, errors.New("empty query")
	}
	if strings.ContainsAny(s, " \t\r\n") {
		return nil, fmt.Errorf("query %q: contains white space", in)
	}
	if strings.HasPrefix(strings.ToLower(s), "pkg:") {
		return parsePURL(in, s)
	}
	q := &Query{Input: in, Kind: KindName}
	if at := strings.LastIndexByte(s, '@'); at > 0 {
		q.Version = s[at+1:]
		s = s[:at]
		if q.Version == "" {
			return nil, fmt.Errorf("query %q: empty version after @", in)
		}
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
	return q, nil
}

func parsePURL(in, s string) (*Query, error) {
	p, ok := model.ParsePURL(s)
	if !ok {
		return nil, fmt.Errorf("query %q: not a valid package URL (pkg:type/namespace/name@version)", in)
	}
	q := &Query{Input: in, Kind: KindPURL, Type: p.ID.Type, Name: p.ID.Name, Namespace: p.ID.Namespace, Version: p.Version}
	return q, nil
}

// Matches reports whether c is the package q asks for, at the version it asks for.
func (q *Query) Matches(c *model.Component) bool {
	return q.MatchesName(c) && q.matchesVersion(c)
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
		group, name := c.Group, c.Name
		if group == "" && strings.Contains(name, "/") && !strings.HasPrefix(name, "@") {
			i := strings.LastIndexByte(name, '/')
			group, name = name[:i], name[i+1:]
		} else if group == "" && strings.HasPrefix(name, "@") && strings.Contains(name, "/") {
			i := strings.IndexByte(name, '/')
			group, name = name[:i], name[i+1:]
		}
		cns, cname = loose(typ, group, name)
	}
	qns, qname := q.Namespace, q.Name
	if c.ID.Type != "" {
		qns, qname = model.NormalizeName(typ, qns, qname)
	} else {
		qns, qname = loose(typ, qns, qname)
	}
	if qname != cname {
		return false
	}
	if q.Namespace == "" {
		// A bare name: any namespace but an npm scope.
		return !strings.HasPrefix(cns, "@")
	}
	return qns == cns
}

// loose normalises for components of unknown ecosystem.
func loose(typ, ns, name string) (string, string) {
	if typ != "" {
		return model.NormalizeName(typ, ns, name)
	}
	return strings.ToLower(ns), model.PEP503(name)
}

func (q *Query) matchesVersion(c *model.Component) bool {
	if q.Version == "" {
		return true
	}
	v := c.Version
	if v == "" && c.PURL != "" {
		if p, ok := model.ParsePURL(c.PURL); ok {
			v = p.Version
		}
	}
	if v == q.Version {
		return true
	}
	if c.ID.Type == "golang" || q.Type == "golang" {
		return strings.TrimPrefix(v, "v") == strings.TrimPrefix(q.Version, "v")
	}
	return false
}

// String renders the query as it was given.
func (q *Query) String() string { return q.Input }
