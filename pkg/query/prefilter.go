package query

import (
	"bytes"
	"encoding/binary"
	"slices"
	"strings"
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
// always a "maybe".
type Prefilter struct {
	// any: the file may match when, for some query, all of its needles occur.
	any [][]string
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
		p.any = append(p.any, slices.Compact(needles))
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

// MayMatch reports whether data may hold a match. scratch is reused between
// calls to avoid allocating (pass the previous return's buffer, or nil).
func (p *Prefilter) MayMatch(data []byte, scratch *[]byte) bool {
	for _, needles := range p.any {
		all := true
		for _, n := range needles {
			if !containsFold(data, n, scratch) {
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

const chunk = 64 << 10

// containsFold reports whether data contains needle (lower-case letters and
// digits) in any letter case. It folds a chunk at a time into scratch by
// setting bit 0x20 of every byte: that maps A-Z onto a-z and leaves digits and
// lower-case letters alone. Other bytes may fold onto letters or digits too,
// which can only add "maybe"s, never lose a match.
func containsFold(data []byte, needle string, scratch *[]byte) bool {
	if bytes.Contains(data, []byte(needle)) {
		return true // the common spelling, at memchr speed
	}
	if !hasUpper(needle) && !mayHaveUpper(data, needle) {
		return false
	}
	n := len(needle)
	if cap(*scratch) < chunk+n {
		*scratch = make([]byte, chunk+n)
	}
	buf := (*scratch)[:0]
	for off := 0; off < len(data); off += chunk {
		end := min(off+chunk+n-1, len(data))
		buf = fold(buf[:0], data[off:end])
		if bytes.Contains(buf, []byte(needle)) {
			return true
		}
	}
	return false
}

func hasUpper(s string) bool {
	for i := 0; i < len(s); i++ {
		if 'A' <= s[i] && s[i] <= 'Z' {
			return true
		}
	}
	return false
}

// mayHaveUpper reports whether data could hold needle with some letter in
// upper case: it holds the upper-case form of one of the needle's letters.
// When the needle has no letters (a run of digits), case does not matter.
func mayHaveUpper(data []byte, needle string) bool {
	for i := 0; i < len(needle); i++ {
		if c := needle[i]; 'a' <= c && c <= 'z' {
			if bytes.IndexByte(data, c-'a'+'A') >= 0 {
				return true
			}
		}
	}
	return false
}

// fold appends src to dst with bit 0x20 set in every byte, 8 bytes at a time.
func fold(dst, src []byte) []byte {
	i := len(dst)
	dst = append(dst, src...)
	b := dst[i:]
	const mask = 0x2020202020202020
	j := 0
	for ; j+8 <= len(b); j += 8 {
		binary.LittleEndian.PutUint64(b[j:], binary.LittleEndian.Uint64(b[j:])|mask)
	}
	for ; j < len(b); j++ {
		b[j] |= 0x20
	}
	return dst
}

// hasEscapedAlnum reports whether data writes a letter or digit in escaped
// form, which could hide a needle: JSON "\u00XX", XML "&#NN;" / "&#xXX;",
// or a purl's percent-encoding "%XX".
func hasEscapedAlnum(data []byte) bool {
	for rest := data; ; {
		i := bytes.Index(rest, []byte(`\u00`))
		if i < 0 || i+6 > len(rest) {
			break
		}
		if c, ok := hexByte(rest[i+4], rest[i+5]); ok && isAlnum(c) {
			return true
		}
		rest = rest[i+4:]
	}
	if bytes.Contains(data, []byte("&#")) {
		return true
	}
	for rest := data; ; {
		i := bytes.IndexByte(rest, '%')
		if i < 0 || i+3 > len(rest) {
			break
		}
		if c, ok := hexByte(rest[i+1], rest[i+2]); ok && isAlnum(c) {
			return true
		}
		rest = rest[i+1:]
	}
	return false
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
