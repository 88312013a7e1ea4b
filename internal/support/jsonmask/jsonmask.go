// Package jsonmask classifies the bytes of a JSON text, 64 at a time, into
// bit masks a scanner can search with one trailing-zero count instead of a
// loop over bytes: the bytes that end or interrupt a string's plain run
// (quote, backslash, control character), the bytes of non-ASCII text, and
// JSON's white space. It is simdjson's first stage, reduced to what
// internal/support/jsonscan, the cursor of sbomx's JSON scanners, needs.
package jsonmask

import (
	"encoding/binary"
	"math/bits"
)

// Masks are the classes of one text, eight bytes of mask per 64 bytes of
// text: bit i%8 of mask byte i/8 is text byte i. Each mask runs 24 bytes
// past the text's whole or partial 64-byte blocks, so that Window may read
// at any position up to len(text) and searches always stop: bytes past the
// end of the text count as NUL (in Stop, not in WS or Hi).
type Masks struct {
	Stop []byte // '"', '\\', or below 0x20
	Hi   []byte // 0x80 and above
	WS   []byte // ' ', '\t', '\n', '\r'
	// ASCII reports that Hi is all zeros: the text is plain ASCII.
	ASCII bool
}

// Valid is the number of bits of a Window that are known: bits 0 to Valid-1
// of Window(mask, i) are bytes i to i+Valid-1; the bits above are to be
// ignored.
const Valid = 56

// Low is the mask of a Window's valid bits.
const Low = 1<<Valid - 1

// Compute fills m for data, reusing m's slices when they are big enough.
func (m *Masks) Compute(data []byte) {
	full := len(data) / 64
	n := 8*full + 24 // the tail block, a final word, and slack for Window
	m.Stop = grow(m.Stop, n)
	m.Hi = grow(m.Hi, n)
	m.WS = grow(m.WS, n)
	ascii := classify(data[:full*64], m.Stop, m.Hi, m.WS)
	var tail [64]byte // NUL padded
	copy(tail[:], data[full*64:])
	ascii = classifyGeneric(tail[:], m.Stop[8*full:], m.Hi[8*full:], m.WS[8*full:]) && ascii
	for i := 8*full + 8; i < n; i++ {
		m.Stop[i], m.Hi[i], m.WS[i] = 0xff, 0, 0
	}
	m.ASCII = ascii
}

func grow(s []byte, n int) []byte {
	if cap(s) < n {
		return make([]byte, n, n+n/4)
	}
	return s[:n]
}

// Window returns the bits of mask from bit i on (0 <= i <= 8*(len(mask)-8)):
// bit 0 of the result is byte i; only the low Valid bits are meaningful.
func Window(mask []byte, i int) uint64 {
	return binary.LittleEndian.Uint64(mask[i>>3:]) >> uint(i&7)
}

// Any reports whether mask has a bit set in [from, to).
func Any(mask []byte, from, to int) bool {
	for from < to {
		w := Window(mask, from) & Low
		if n := to - from; n < Valid {
			return w&(1<<uint(n)-1) != 0
		}
		if w != 0 {
			return true
		}
		from += Valid
	}
	return false
}

// NextSet returns the first position at or after i whose bit is set in
// mask; Stop always has one at or after the end of the text.
func NextSet(mask []byte, i int) int {
	for {
		if w := Window(mask, i) & Low; w != 0 {
			return i + bits.TrailingZeros64(w)
		}
		i += Valid
	}
}

// NextClear returns the first position at or after i whose bit is clear in
// mask; WS always has one at or before the end of the text.
func NextClear(mask []byte, i int) int {
	for {
		if w := ^Window(mask, i) & Low; w != 0 {
			return i + bits.TrailingZeros64(w)
		}
		i += Valid
	}
}

// classifyGeneric classifies whole 64-byte blocks of data one byte at a
// time.
func classifyGeneric(data []byte, stop, hi, ws []byte) (ascii bool) {
	var hiAny uint64
	for k := 0; k*64 < len(data); k++ {
		var s, h, w uint64
		for j, c := range data[k*64 : k*64+64] {
			bit := uint64(1) << uint(j)
			if c == '"' || c == '\\' || c < 0x20 {
				s |= bit
			}
			if c >= 0x80 {
				h |= bit
			}
			if c == ' ' || c == '\t' || c == '\n' || c == '\r' {
				w |= bit
			}
		}
		binary.LittleEndian.PutUint64(stop[8*k:], s)
		binary.LittleEndian.PutUint64(hi[8*k:], h)
		binary.LittleEndian.PutUint64(ws[8*k:], w)
		hiAny |= h
	}
	return hiAny == 0
}
