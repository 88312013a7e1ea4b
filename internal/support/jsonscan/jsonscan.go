// Package jsonscan is a validating cursor over one JSON text, for the
// decoders that read a few fields of large SBOMs without building the rest
// (internal/decode/cyclonedx and internal/decode/spdx). It reads strings, literals and
// numbers, walks objects and arrays, and skips the values it is not asked
// about, checking everything encoding/json checks: the grammar, control
// characters and escapes in strings, numbers, literals and the nesting limit.
// So a decoder built on it fails where encoding/json fails, and can decline
// the document and leave it to encoding/json.
//
// Strings are not decoded as they are read: a Tok is where the string's
// bytes are in the text, with flags saying whether they hold escapes or
// non-ASCII bytes; Text and Append decode it as encoding/json does when
// asked. Object keys written with escapes are refused (a decoder would have
// to decode every key to match them), as are, through OddKey, keys that
// encoding/json would match to a kept field but the decoder would not.
//
// With AVX2, a Scanner first classifies the text's bytes 64 at a time
// (internal/support/jsonmask), and then crosses a string or a run of white space
// with one trailing-zero count and skips unused values in one loop; without
// it, it reads eight bytes at a time.
package jsonscan

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/sbomx/sbomx/internal/support/jsonmask"
)

// MaxDepth is the nesting a Scanner accepts, as encoding/json.
const MaxDepth = 10000

// Scanner is a cursor over one JSON text.
type Scanner struct {
	Data []byte // the text
	Pos  int    // the index in Data of the next byte to read
	// Bad is set when Text could not decode a string token (never expected:
	// tokens are checked as they are read).
	Bad bool

	depth int
	// m classifies Data's bytes; nil where that is not vectorised (the byte
	// loops then do it, eight bytes at a time).
	m     *jsonmask.Masks
	stack []byte // skipMasked's open brackets, reused
}

// Tok is a JSON string token: its content is Data[Start:End] (quotes
// excluded). It has three fields, so that the compiler keeps it in
// registers.
type Tok struct {
	Start, End int
	f          uint8 // tokEsc | tokHi | tokNull
}

const (
	tokEsc  = 1 << iota // has backslash escapes
	tokHi               // has bytes >= 0x80
	tokNull             // the value was null
)

// NullTok stands for a null or absent value.
var NullTok = Tok{f: tokNull}

// Esc reports whether t has backslash escapes.
func (t Tok) Esc() bool { return t.f&tokEsc != 0 }

// Hi reports whether t has bytes of 0x80 and above.
func (t Tok) Hi() bool { return t.f&tokHi != 0 }

// Null reports whether t stands for null (or an absent value).
func (t Tok) Null() bool { return t.f&tokNull != 0 }

// Plain reports whether t's bytes are its text: plain ASCII without escapes.
func (t Tok) Plain() bool { return t.f == 0 }

// maxMasked is the largest text a Scanner classifies: the masks take 3/8 of
// its size. Larger ones are read with the byte loops.
const maxMasked = 64 << 20

// Masked reports whether a text of n bytes is best read with the masks:
// where they are vectorised, up to maxMasked.
func Masked(n int) bool { return jsonmask.Fast && n <= maxMasked }

var maskPool = sync.Pool{New: func() any { return new(jsonmask.Masks) }}

// Reset sets the cursor at the start of data, classifying its bytes first
// when masks is true (see Masked). Release returns the masks.
func (s *Scanner) Reset(data []byte, masks bool) {
	s.Release()
	*s = Scanner{Data: data, stack: s.stack[:0]}
	if masks {
		m := maskPool.Get().(*jsonmask.Masks)
		m.Compute(data)
		s.m = m
	}
}

// Release gives the masks back for another text; the Scanner reads on with
// its byte loops.
func (s *Scanner) Release() {
	if s.m != nil {
		maskPool.Put(s.m)
		s.m = nil
	}
}

// Peek returns the byte at the cursor, or 0 at the end.
func (s *Scanner) Peek() byte {
	if s.Pos < len(s.Data) {
		return s.Data[s.Pos]
	}
	return 0
}

// End skips white space and reports whether the text ends there.
func (s *Scanner) End() bool {
	s.ws()
	return s.Pos == len(s.Data)
}

// Null reads a null literal at the cursor, if there is one.
func (s *Scanner) Null() bool {
	if s.Pos+4 <= len(s.Data) && string(s.Data[s.Pos:s.Pos+4]) == "null" {
		s.Pos += 4
		return true
	}
	return false
}

// StrOrNull reads a string or null (NullTok).
func (s *Scanner) StrOrNull() (Tok, bool) {
	if s.Null() {
		return NullTok, true
	}
	if s.Peek() != '"' {
		return Tok{}, false
	}
	return s.Str()
}

// Object reads the object at the cursor, calling field for each member with
// the member's key and the cursor at its value (white space skipped); field
// reads the value. Keys written with escapes are refused.
func (s *Scanner) Object(field func(key []byte) bool) bool {
	return s.object(field, nil)
}

// ObjectTok is Object for keys written with escapes too: field gets the
// key's token.
func (s *Scanner) ObjectTok(field func(key Tok) bool) bool {
	return s.object(nil, field)
}

// object is Object with plain, or ObjectTok with tok.
func (s *Scanner) object(plain func(key []byte) bool, tok func(key Tok) bool) bool {
	d := s.Data
	if s.Pos >= len(d) || d[s.Pos] != '{' || !s.enter() {
		return false
	}
	s.Pos++
	s.ws()
	if s.Pos < len(d) && d[s.Pos] == '}' {
		s.Pos++
		s.depth--
		return true
	}
	for {
		if s.Pos >= len(d) || d[s.Pos] != '"' {
			return false
		}
		k, ok := s.Str()
		if !ok || plain != nil && k.Esc() {
			return false
		}
		s.ws()
		if s.Pos >= len(d) || d[s.Pos] != ':' {
			return false
		}
		s.Pos++
		s.colon()
		if plain != nil {
			ok = plain(d[k.Start:k.End])
		} else {
			ok = tok(k)
		}
		if !ok {
			return false
		}
		s.ws()
		if s.Pos >= len(d) {
			return false
		}
		switch d[s.Pos] {
		case ',':
			s.Pos++
			s.ws()
		case '}':
			s.Pos++
			s.depth--
			return true
		default:
			return false
		}
	}
}

// Array reads the array at the cursor, calling elem for each element with
// the cursor at it; elem reads the element.
func (s *Scanner) Array(elem func() bool) bool {
	d := s.Data
	if s.Pos >= len(d) || d[s.Pos] != '[' || !s.enter() {
		return false
	}
	s.Pos++
	s.ws()
	if s.Pos < len(d) && d[s.Pos] == ']' {
		s.Pos++
		s.depth--
		return true
	}
	for {
		if !elem() {
			return false
		}
		s.ws()
		if s.Pos >= len(d) {
			return false
		}
		switch d[s.Pos] {
		case ',':
			s.Pos++
			s.ws()
		case ']':
			s.Pos++
			s.depth--
			return true
		default:
			return false
		}
	}
}

// Members reads the object at the cursor: for a member whose key is
// keys[i] (32 keys at most) it calls kept(i) with the cursor at the value,
// and it skips the others. It refuses a kept key given twice and a key
// encoding/json could match to a kept one otherwise spelled (OddKey):
// which of them encoding/json would use is for encoding/json to say.
func (s *Scanner) Members(keys []string, kept func(i int) bool) bool {
	var seen uint32
	return s.Object(func(key []byte) bool {
		for i, k := range keys {
			if string(key) == k {
				if seen&(1<<i) != 0 {
					return false
				}
				seen |= 1 << i
				return kept(i)
			}
		}
		return !OddKey(key, keys) && s.Skip()
	})
}

func (s *Scanner) enter() bool {
	s.depth++
	return s.depth <= MaxDepth
}

// OddKey reports whether key, which a decoder does not keep, would match a
// kept one in encoding/json (case-insensitively), or might (non-ASCII
// letters fold to ASCII ones: "ſ" to "s", "K" to "k"). A decoder declines
// such a document rather than decide which member encoding/json would use.
func OddKey(key []byte, kept []string) bool {
	for _, c := range key {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	for _, k := range kept {
		if len(k) == len(key) && asciiEqualFold(k, key) {
			return true
		}
	}
	return false
}

func asciiEqualFold(a string, b []byte) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// Text returns the string a token stands for, as encoding/json decodes it
// ("" for null).
func (s *Scanner) Text(t Tok) string {
	if t.Null() {
		return ""
	}
	b := s.Data[t.Start:t.End]
	if t.Esc() || t.Hi() && !utf8.Valid(b) {
		var v string
		if err := json.Unmarshal(s.Data[t.Start-1:t.End+1], &v); err != nil {
			s.Bad = true
		}
		return v
	}
	return string(b)
}

// Form is how Append transforms a string.
type Form int

const (
	AsIs      Form = iota
	Trim           // strings.TrimSpace
	LowerTrim      // strings.ToLower(strings.TrimSpace)
)

// Append appends the text of t (nothing for null), transformed, to b,
// without allocating where t's bytes are its text.
func (s *Scanner) Append(b []byte, t Tok, how Form) []byte {
	if t.Null() {
		return b
	}
	raw := s.Data[t.Start:t.End]
	if t.Esc() || t.Hi() && (how == LowerTrim || !utf8.Valid(raw)) {
		v := s.Text(t)
		switch how {
		case Trim:
			v = strings.TrimSpace(v)
		case LowerTrim:
			v = strings.ToLower(strings.TrimSpace(v))
		}
		return append(b, v...)
	}
	switch how {
	case AsIs:
		return append(b, raw...)
	case Trim:
		return append(b, bytes.TrimSpace(raw)...)
	}
	for _, c := range bytes.TrimSpace(raw) {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b
}

// Skip reads any value at the cursor, checking it is well-formed.
func (s *Scanner) Skip() bool {
	d := s.Data
	if s.Pos >= len(d) {
		return false
	}
	switch c := d[s.Pos]; c {
	case '"':
		_, ok := s.Str()
		return ok
	case '{':
		if s.m != nil {
			return s.skipMasked()
		}
		return s.ObjectTok(func(Tok) bool { return s.Skip() })
	case '[':
		if s.m != nil {
			return s.skipMasked()
		}
		return s.Array(s.Skip)
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	default:
		return s.number()
	}
}

func (s *Scanner) literal(lit string) bool {
	if s.Pos+len(lit) <= len(s.Data) && string(s.Data[s.Pos:s.Pos+len(lit)]) == lit {
		s.Pos += len(lit)
		return true
	}
	return false
}

// number reads a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *Scanner) number() bool {
	d := s.Data
	i := s.Pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && '1' <= d[i] && d[i] <= '9':
		i = digits(d, i)
	default:
		return false
	}
	if i < len(d) && d[i] == '.' {
		j := digits(d, i+1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		j := digits(d, i)
		if j == i {
			return false
		}
		i = j
	}
	s.Pos = i
	return true
}

func digits(d []byte, i int) int {
	for i < len(d) && '0' <= d[i] && d[i] <= '9' {
		i++
	}
	return i
}

const (
	lsb    = 0x0101010101010101
	msb    = 0x8080808080808080
	spaces = 0x2020202020202020
)

// ws skips white space. The test for none is inlined at each call site,
// where the branch is well predicted.
func (s *Scanner) ws() {
	if s.Pos < len(s.Data) && s.Data[s.Pos] > ' ' {
		return
	}
	s.wsMore()
}

// colon skips the white space after a colon: in pretty-printed JSON one
// space.
func (s *Scanner) colon() {
	if i := s.Pos; i+1 < len(s.Data) && s.Data[i] == ' ' && s.Data[i+1] > ' ' {
		s.Pos = i + 1
		return
	}
	s.wsMore()
}

// wsMore is ws: in pretty-printed JSON a newline and indentation.
func (s *Scanner) wsMore() {
	if s.m != nil {
		s.Pos = jsonmask.NextClear(s.m.WS, s.Pos)
		return
	}
	d := s.Data
	i := s.Pos
	for i < len(d) {
		c := d[i]
		if c > ' ' {
			break
		}
		if c == '\n' && i+17 <= len(d) {
			// A newline and up to 16 spaces, without branches.
			n1 := bits.TrailingZeros64(binary.LittleEndian.Uint64(d[i+1:])^spaces) >> 3
			n2 := bits.TrailingZeros64(binary.LittleEndian.Uint64(d[i+9:])^spaces) >> 3
			i += 1 + n1 + n2&-(n1>>3)
			continue
		}
		if c == ' ' {
			if i+8 <= len(d) {
				if x := binary.LittleEndian.Uint64(d[i:]) ^ spaces; x != 0 {
					i += bits.TrailingZeros64(x) >> 3
				} else {
					i += 8
				}
				continue
			}
			i++
			continue
		}
		if c != '\n' && c != '\r' && c != '\t' {
			break
		}
		i++
	}
	s.Pos = i
}

// Str reads the string at the cursor ('"'), checking it as encoding/json
// does (no control characters, valid escapes).
func (s *Scanner) Str() (Tok, bool) {
	if s.m != nil {
		return s.strMasked()
	}
	d := s.Data
	i := s.Pos + 1
	start := i
	var esc uint8
	var acc uint64 // every byte of the string or'ed: non-ASCII shows in msb
	for {
		// Eight bytes at a time, up to a quote, a backslash or a control
		// character.
		for i+8 <= len(d) {
			w := binary.LittleEndian.Uint64(d[i:])
			q := w ^ (lsb * '"')
			b := w ^ (lsb * '\\')
			m := ((q - lsb) &^ q) | ((b - lsb) &^ b) | ((w - lsb*0x20) &^ w)
			if m &= msb; m != 0 {
				k := uint(bits.TrailingZeros64(m)) >> 3
				acc |= w & (1<<(8*k) - 1)
				i += int(k)
				break
			}
			acc |= w
			i += 8
		}
		if i >= len(d) {
			return Tok{}, false
		}
		switch c := d[i]; {
		case c == '"':
			f := esc
			if acc&msb != 0 {
				f |= tokHi
			}
			s.Pos = i + 1
			return Tok{start, i, f}, true
		case c == '\\':
			esc = tokEsc
			n := escape(d, i)
			if n == 0 {
				return Tok{}, false
			}
			i += n
		case c < 0x20:
			return Tok{}, false
		default:
			acc |= uint64(c) << 56
			i++
		}
	}
}

// escape returns the length of the valid escape sequence at d[i] ('\\'), or
// 0.
func escape(d []byte, i int) int {
	if i+1 >= len(d) {
		return 0
	}
	switch d[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		if i+6 > len(d) {
			return 0
		}
		for _, h := range d[i+2 : i+6] {
			if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
				return 0
			}
		}
		return 6
	}
	return 0
}
