package model

import (
	"net/url"
	"slices"
	"strings"
)

// fastTypes are the purl types parsePURLFast handles: the ones real SBOMs
// are made of, whose packageurl-go normalisation and validation it mirrors
// exactly (a test compares the two on every purl of the corpus, and a fuzz
// target on arbitrary input). Anything else takes packageurl-go's path.
var fastTypes = map[string]bool{
	"npm": true, "pypi": true, "maven": true, "golang": true, "nuget": true, "cargo": true,
	"gem": true, "deb": true, "rpm": true, "apk": true, "composer": true, "generic": true,
	"github": true, "oci": true, "docker": true, "hex": true, "pub": true, "conan": true, "dotnet": true,
}

// parsePURLFast parses the common shapes of purls without packageurl-go's
// allocations. handled is false when the purl has anything it does not
// mirror exactly (a subpath, an odd qualifier, an uncommon type): the caller
// then uses packageurl-go.
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
	typ = strings.ToLower(typ)
	if !fastTypes[typ] {
		return PURL{}, false, false
	}
	if strings.HasPrefix(rest, "@") && (typ != "npm" || !strings.Contains(rest, "/")) {
		return PURL{}, false, false
	}
	version := ""
	if i := strings.LastIndexByte(rest, '@'); i > 0 {
		v, err := url.PathUnescape(rest[i+1:])
		if err != nil {
			return PURL{}, false, false
		}
		rest, version = rest[:i], v
	}
	ns, name := "", rest
	if i := strings.LastIndexByte(rest, '/'); i >= 0 {
		ns, name = rest[:i], rest[i+1:]
	}
	name, err := url.PathUnescape(name)
	if err != nil || name == "" {
		return PURL{}, false, false
	}
	if ns != "" {
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
		k = strings.ToLower(k)
		if !validQualifierKey(k) {
			return PURL{}, false, false
		}
		v, err := url.PathUnescape(v)
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
	// packageurl-go's per-type adjustments (Go's case is kept on purpose,
	// as ParsePURL does).
	switch typ {
	case "apk", "composer", "deb", "github":
		ns, name = strings.ToLower(ns), strings.ToLower(name)
	case "rpm":
		ns = strings.ToLower(ns)
	case "pypi":
		name = strings.ToLower(strings.ReplaceAll(name, "_", "-"))
	}
	t := NormalizeType(typ)
	ns, name = NormalizeName(t, ns, name)
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
