// Package jsonmask classifies the bytes of a JSON text, 64 at a time, into
// bit masks a scanner can search with one trailing-zero count instead of a
// loop over bytes: the bytes that end or interrupt a string's plain run
// (quote, backslash, control character), the bytes of non-ASCII text, and
// JSON's white space. It is simdjson's first stage, reduced to what
// sbomx's CycloneDX scanner needs.
package jsonmask

import "math/bits"

// Masks are the classes of one text: bit i%64 of word i/64 is byte i.
// Each slice has two words more than the text has whole or partial 64-byte
// blocks' worth, so that Window may read one word past any position up to
// len(text). Bytes past the end of the text count as NUL: in Stop, not in
// WS or Hi.
type Masks struct {
	Stop []uint64 // '"', '\\', or below 0x20
	Hi   []uint64 // 0x80 and above
	WS   []uint64 // ' ', '\t', '\n', '\r'
	// ASCII reports that Hi is all zeros: the text is plain ASCII.
	ASCII bool
}

// Compute fills m for data, reusing m's slices when they are big enough.
func (m *Masks) Compute(data []byte) {
	n := len(data)/64 + 2
	m.Stop = grow(m.Stop, n)
	m.Hi = grow(m.Hi, n)
	m.WS = grow(m.WS, n)
	full := len(data) / 64
	classify(data[:full*64], m.Stop, m.Hi, m.WS)
	var tail [64]byte // NUL padded
	copy(tail[:], data[full*64:])
	classifyGeneric(tail[:], m.Stop[full:], m.Hi[full:], m.WS[full:])
	m.Stop[n-1], m.Hi[n-1], m.WS[n-1] = ^uint64(0), 0, 0
	var hi uint64
	for _, w := range m.Hi {
		hi |= w
	}
	m.ASCII = hi == 0
}

func grow(s []uint64, n int) []uint64 {
	if cap(s) < n {
		return make([]uint64, n, n+n/4)
	}
	return s[:n]
}

// Window returns the 64 bits of mask starting at bit i (0 <= i < 64 *
// (len(mask)-1)): bit 0 of the result is byte i.
func Window(mask []uint64, i int) uint64 {
	k, b := i>>6, uint(i&63)
	return mask[k]>>b | mask[k+1]<<(64-b) // a shift by 64 is 0 in Go
}

// Any reports whether mask has a bit set in [from, to).
func Any(mask []uint64, from, to int) bool {
	for from < to {
		w := Window(mask, from)
		if n := to - from; n < 64 {
			w &= 1<<uint(n) - 1
			return w != 0
		}
		if w != 0 {
			return true
		}
		from += 64
	}
	return false
}

// NextSet returns the first position at or after i whose bit is set in mask;
// the final word of a Masks slice stops it (Stop's is all ones; for WS and
// Hi use NextClear or bounded searches).
func NextSet(mask []uint64, i int) int {
	for {
		if w := Window(mask, i); w != 0 {
			return i + bits.TrailingZeros64(w)
		}
		i += 64
	}
}

// NextClear returns the first position at or after i whose bit is clear in
// mask (WS's final word is all zeros, so it always stops).
func NextClear(mask []uint64, i int) int {
	for {
		if w := ^Window(mask, i); w != 0 {
			return i + bits.TrailingZeros64(w)
		}
		i += 64
	}
}

// classifyGeneric classifies whole 64-byte blocks of data one byte at a
// time.
func classifyGeneric(data []byte, stop, hi, ws []uint64) {
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
		stop[k], hi[k], ws[k] = s, h, w
	}
}
