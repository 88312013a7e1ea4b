package query

import (
	"bytes"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/internal/support/foldscan"
)

// Prefilter rules files out by their bytes before anything is decoded, as
// ripgrep does. It may say "maybe" wrongly, never "no" wrongly: a file it
// rules out cannot hold a component any of the queries matches.
//
// How it stays safe: each query is reduced to the alphanumeric runs of its
// names ("log4j-core" -> "log4j", "core"; "@angular/core" -> "angular",
// "core"), because every spelling a matcher accepts (PEP 503 separators,
// case, npm scopes written as group or as %40, Maven group:artifact, Go paths
// split into group/name) keeps those runs intact. They are looked for
// case-insensitively. A file that writes letters or digits in escaped form
// (JSON \u0074, XML &#116;, purl %74) could hide a run, so such a file is
// always a "maybe". The search itself is internal/support/foldscan.
type Prefilter struct {
	// any: the file may match when, for some query, all of its needles occur.
	any [][]foldscan.Needle
}

// NewPrefilter builds the prefilter for qs, or returns nil when some query
// has no literal text to look for (a bare "*" glob): then every file must be
// decoded.
func NewPrefilter(qs []*Query) *Prefilter {
	p := &Prefilter{}
	for _, q := range qs {
		var needles []string
		if q.Kind == KindHash {
			_, hex, _ := strings.Cut(q.Hash, ":")
			needles = []string{hex}
		} else {
			needles = append(alnumRuns(q.Namespace), alnumRuns(q.Name)...)
		}
		if len(needles) == 0 {
			return nil
		}
		// Longest first: it rules most files out.
		slices.SortStableFunc(needles, func(a, b string) int { return len(b) - len(a) })
		var prepared []foldscan.Needle
		for _, n := range slices.Compact(needles) {
			prepared = append(prepared, foldscan.New(n))
		}
		p.any = append(p.any, prepared)
	}
	if len(p.any) == 0 {
		return nil
	}
	return p
}

// alnumRuns returns the lower-case runs of ASCII letters and digits of s.
// Any other character (a separator, a wildcard, non-ASCII) ends a run, so no
// run spans a character the file might spell differently.
func alnumRuns(s string) []string {
	var out []string
	start := -1
	for i := 0; i <= len(s); i++ {
		alnum := i < len(s) && isAlnum(s[i])
		if alnum && start < 0 {
			start = i
		}
		if !alnum && start >= 0 {
			out = append(out, strings.ToLower(s[start:i]))
			start = -1
		}
	}
	return out
}

func isAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// MayMatch reports whether data may hold a match.
func (p *Prefilter) MayMatch(data []byte) bool {
	for _, needles := range p.any {
		all := true
		for _, n := range needles {
			if !n.In(data) {
				all = false
				break
			}
		}
		if all {
			return true
		}
	}
	return hasEscapedAlnum(data)
}

// hasEscapedAlnum reports whether data writes a letter or digit in escaped
// form, which could hide a needle: JSON "\u00XX", XML "&#NN;" / "&#xXX;",
// or a purl's percent-encoding "%XX". JSON escapes and XML character
// references only count in their own encoding. One vector pass
// (foldscan.EachEscape) finds the candidates for the first and the last.
func hasEscapedAlnum(data []byte) bool {
	first := byte(0)
	if t := bytes.TrimLeft(data[:min(len(data), 512)], " \t\r\n\xef\xbb\xbf"); len(t) > 0 {
		first = t[0]
	}
	if first != '{' && bytes.Contains(data, []byte("&#")) {
		return true
	}
	json := first != '<'
	return foldscan.EachEscape(data, func(p int) bool {
		if data[p] == '%' {
			c, ok := hexByte(data[p+1], data[p+2])
			return ok && isAlnum(c)
		}
		// `\u`: a letter or digit is `\u00XX`.
		if !json || p+6 > len(data) || data[p+2] != '0' || data[p+3] != '0' {
			return false
		}
		c, ok := hexByte(data[p+4], data[p+5])
		return ok && isAlnum(c)
	})
}

func hexByte(a, b byte) (byte, bool) {
	h, ok1 := unhex(a)
	l, ok2 := unhex(b)
	return h<<4 | l, ok1 && ok2
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	case 'A' <= c && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}
