// Package jsonlite walks JSON text without checking it, to find a few values
// fast: strings (escapes honoured), objects and arrays (nesting counted,
// brackets inside strings ignored). It is for peeking into documents the
// full decoder will read anyway, or that a byte search has ruled out; it
// must never be the reason a value is believed: callers decline, and decode
// properly, on anything it reports as odd.
package jsonlite

import (
	"bytes"
	"unicode/utf8"
)

// Walker is a cursor over JSON text.
type Walker struct {
	d []byte
	i int
}

// New starts a walker at the first non-space byte of d.
func New(d []byte) *Walker {
	w := &Walker{d: d}
	w.WS()
	return w
}

// Pos is the cursor.
func (w *Walker) Pos() int { return w.i }

// Bytes is the text between two positions.
func (w *Walker) Bytes(start, end int) []byte { return w.d[start:end] }

// Rest is the text from the cursor on.
func (w *Walker) Rest() []byte { return w.d[w.i:] }

// Peek is the byte at the cursor, or 0 at the end.
func (w *Walker) Peek() byte {
	if w.i < len(w.d) {
		return w.d[w.i]
	}
	return 0
}

// WS skips white space.
func (w *Walker) WS() {
	for w.i < len(w.d) {
		switch w.d[w.i] {
		case ' ', '\t', '\n', '\r':
			w.i++
		default:
			return
		}
	}
}

// Str reads the string at the cursor: its raw content (between the quotes)
// and whether it holds escapes.
func (w *Walker) Str() (s []byte, esc, ok bool) {
	if w.Peek() != '"' {
		return nil, false, false
	}
	start := w.i + 1
	j := start
	for {
		k := bytes.IndexByte(w.d[j:], '"')
		if k < 0 {
			return nil, false, false
		}
		j += k
		b := j
		for b > start && w.d[b-1] == '\\' {
			b--
		}
		if (j-b)%2 == 0 {
			break // an even run of backslashes: the quote ends the string
		}
		j++
	}
	s = w.d[start:j]
	w.i = j + 1
	return s, bytes.IndexByte(s, '\\') >= 0, true
}

// Skip steps over the value at the cursor and returns its span.
func (w *Walker) Skip() (start, end int, ok bool) {
	start = w.i
	switch w.Peek() {
	case '"':
		_, _, ok = w.Str()
		return start, w.i, ok
	case '{', '[':
		depth := 0
		for w.i < len(w.d) {
			switch w.d[w.i] {
			case '"':
				if _, _, ok := w.Str(); !ok {
					return 0, 0, false
				}
				continue
			case '{', '[':
				depth++
			case '}', ']':
				depth--
				if depth == 0 {
					w.i++
					return start, w.i, true
				}
			}
			w.i++
		}
		return 0, 0, false
	case 0:
		return 0, 0, false
	}
	// A number or literal: up to the next delimiter.
	for w.i < len(w.d) && !bytes.ContainsRune([]byte(",}] \t\r\n"), rune(w.d[w.i])) {
		w.i++
	}
	return start, w.i, w.i > start
}

// Object calls member for each key of the object at the cursor, with the
// cursor at the value; member must step over the value (or return false to
// stop). Object reports whether it reached the object's end.
func (w *Walker) Object(member func(key []byte, esc bool) bool) bool {
	if w.Peek() != '{' {
		return false
	}
	w.i++
	w.WS()
	if w.Peek() == '}' {
		w.i++
		return true
	}
	for {
		key, esc, ok := w.Str()
		if !ok {
			return false
		}
		w.WS()
		if w.Peek() != ':' {
			return false
		}
		w.i++
		w.WS()
		if !member(key, esc) {
			return false
		}
		w.WS()
		switch w.Peek() {
		case ',':
			w.i++
			w.WS()
		case '}':
			w.i++
			return true
		default:
			return false
		}
	}
}

// Array calls elem for each element of the array at the cursor, with the
// cursor at it; elem must step over it (or return false to stop).
func (w *Walker) Array(elem func() bool) bool {
	if w.Peek() != '[' {
		return false
	}
	w.i++
	w.WS()
	if w.Peek() == ']' {
		w.i++
		return true
	}
	for {
		if !elem() {
			return false
		}
		w.WS()
		switch w.Peek() {
		case ',':
			w.i++
			w.WS()
		case ']':
			w.i++
			return true
		default:
			return false
		}
	}
}

// String reads a string value that needs no decoding: no escapes, no
// control characters, valid UTF-8 (where encoding/json would substitute
// U+FFFD). ok is false for anything else (such a string, a number, null).
func (w *Walker) String() (string, bool) {
	s, esc, ok := w.Str()
	if !ok || esc || !utf8.Valid(s) {
		return "", false
	}
	for _, c := range s {
		if c < 0x20 {
			return "", false
		}
	}
	return string(s), true
}

// EscapesLetters reports whether d may hold a \u escape that spells a
// letter some key could be compared with: an ASCII letter, or one of the
// two other characters Unicode case folding takes to one (U+017F long s,
// U+212A Kelvin sign). Callers that find keys by their raw bytes decline
// when it is true; the escapes real generators write (\u003c, \u0026 for
// <, &) leave it false. A \u after an escaped backslash counts too: false
// positives only cost a decode.
func EscapesLetters(d []byte) bool {
	for {
		i := bytes.Index(d, []byte(`\u`))
		if i < 0 {
			return false
		}
		d = d[i+2:]
		if len(d) < 4 {
			return true // cut short: the full decoder will say what it is
		}
		if r, ok := hex4(d[:4]); !ok || r == 0x17f || r == 0x212a || r|0x20 >= 'a' && r|0x20 <= 'z' {
			return true
		}
	}
}

// hex4 reads four hex digits.
func hex4(h []byte) (rune, bool) {
	var r rune
	for _, c := range h {
		switch {
		case c >= '0' && c <= '9':
			r = r<<4 | rune(c-'0')
		case c|0x20 >= 'a' && c|0x20 <= 'f':
			r = r<<4 | rune(c|0x20-'a'+10)
		default:
			return 0, false
		}
	}
	return r, true
}

// KeyAt reports whether d[i:i+n] may be a whole object key: a quote just
// before it, and after it a quote, white space and a colon. Callers that
// look for a later spelling of a key they read (the full decoder takes the
// last of a key given twice) check each occurrence with it, so that the
// word inside values and longer keys (syft's "syft:package:metadataType")
// does not count. An escaped quote before it counts too: false positives
// only cost a decode.
func KeyAt(d []byte, i, n int) bool {
	if i < 1 || d[i-1] != '"' || i+n >= len(d) || d[i+n] != '"' {
		return false
	}
	w := Walker{d: d, i: i + n + 1}
	w.WS()
	return w.Peek() == ':'
}
