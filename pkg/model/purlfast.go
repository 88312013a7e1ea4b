package model

import (
	"net/url"
	"slices"
	"strings"
)

// fastType reports whether parsePURLFast handles a (lower-case) purl type:
// the ones real SBOMs are made of, whose packageurl-go normalisation and
// validation it mirrors exactly (a test compares the two on every purl of the
// corpus, and a fuzz target on arbitrary input). Anything else takes
// packageurl-go's path. norm is NormalizeType(typ).
func fastType(typ string) (norm string, ok bool) {
	switch typ {
	case "npm", "pypi", "maven", "golang", "nuget", "cargo", "gem", "deb", "rpm", "apk",
		"composer", "generic", "github", "oci", "docker", "hex", "pub", "conan":
		return typ, true
	case "dotnet":
		return "nuget", true
	}
	return "", false
}

// unescape is url.PathUnescape, without its byte loop when there is no
// escape (it then returns s as it is, without error).
func unescape(s string) (string, error) {
	if strings.IndexByte(s, '%') < 0 {
		return s, nil
	}
	return url.PathUnescape(s)
}

// parsePURLFast parses the common shapes of purls without packageurl-go's
// allocations. handled is false when the purl has anything it does not
// mirror exactly (a subpath, an odd qualifier, an uncommon type): the caller
// then uses packageurl-go. Kept as one function: it runs once per component
// of every SBOM read, and its steps share the cursor.
func parsePURLFast(s string) (p PURL, ok, handled bool) {
	if len(s) < 4 || !strings.EqualFold(s[:4], "pkg:") {
		return PURL{}, false, false
	}
	rest := strings.TrimLeft(s[4:], "/")
	if strings.IndexByte(rest, '#') >= 0 {
		return PURL{}, false, false
	}
	rawQuery := ""
	if i := strings.IndexByte(rest, '?'); i >= 0 {
		rest, rawQuery = rest[:i], rest[i+1:]
	}
	typ, rest, found := strings.Cut(rest, "/")
	if !found {
		return PURL{}, false, false
	}
	typ = FoldASCII(typ)
	t, fast := fastType(typ)
	if !fast {
		return PURL{}, false, false
	}
	if strings.HasPrefix(rest, "@") && (typ != "npm" || !strings.Contains(rest, "/")) {
		return PURL{}, false, false
	}
	version := ""
	if i := strings.LastIndexByte(rest, '@'); i > 0 {
		v, err := unescape(rest[i+1:])
		if err != nil {
			return PURL{}, false, false
		}
		rest, version = rest[:i], v
	}
	ns, name := "", rest
	if i := strings.LastIndexByte(rest, '/'); i >= 0 {
		ns, name = rest[:i], rest[i+1:]
	}
	name, err := unescape(name)
	if err != nil || name == "" {
		return PURL{}, false, false
	}
	if ns != "" && (strings.IndexByte(ns, '%') >= 0 || strings.Contains(ns, "//") || ns[0] == '/' || ns[len(ns)-1] == '/') {
		// (Otherwise the segments, unescaped and joined, are ns itself.)
		var segs []string
		for _, seg := range strings.Split(ns, "/") {
			if seg == "" {
				continue
			}
			d, err := url.PathUnescape(seg)
			if err != nil {
				return PURL{}, false, false
			}
			segs = append(segs, d)
		}
		ns = strings.Trim(strings.Join(segs, "/"), "/")
	}
	var q map[string]string
	var seenBuf [8]string
	seen := seenBuf[:0]
	for rawQuery != "" {
		var kv string
		kv, rawQuery, _ = strings.Cut(rawQuery, "&")
		if kv == "" {
			continue
		}
		if strings.IndexByte(kv, ';') >= 0 {
			return PURL{}, false, false
		}
		k, v, _ := strings.Cut(kv, "=")
		k = FoldASCII(k)
		if !validQualifierKey(k) {
			return PURL{}, false, false
		}
		v, err := unescape(v)
		if err != nil {
			return PURL{}, false, false
		}
		if v == "" {
			continue
		}
		if slices.Contains(seen, k) {
			return PURL{}, false, false // packageurl-go rejects duplicate keys
		}
		seen = append(seen, k)
		if !usedQualifier(k) {
			continue
		}
		if q == nil {
			q = map[string]string{}
		}
		q[k] = v
	}
	ns, name = normalizePURLName(typ, t, ns, name)
	return PURL{ID: PkgID{Type: t, Namespace: ns, Name: name}, Version: version, Qualifiers: q}, true, true
}

func validQualifierKey(key string) bool {
	if key == "" {
		return false
	}
	for i := 0; i < len(key); i++ {
		c := key[i]
		switch {
		case 'a' <= c && c <= 'z', c == '.', c == '-', c == '_':
		case '0' <= c && c <= '9' && i > 0:
		default:
			return false
		}
	}
	return true
}
