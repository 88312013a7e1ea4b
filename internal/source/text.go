package source

import (
	"bytes"
	"fmt"
	"unicode/utf16"
	"unicode/utf8"
)

// fromUTF16 transcodes UTF-16 text (order utf16LE or utf16BE, with or
// without a byte order mark) to UTF-8, appending to dst. The decoders read
// UTF-8 only, and the byte prefilter must see what they see. A text of odd
// length, or with a surrogate that has no pair, is not UTF-16 that can be
// read faithfully: it fails rather than being read with replacement
// characters in package names.
func fromUTF16(dst, data []byte, order wrapping) ([]byte, error) {
	if len(data)%2 != 0 {
		return nil, fmt.Errorf("%s text of odd length (%d bytes): cut short", order, len(data))
	}
	bom := bomUTF16LE
	if order == utf16BE {
		bom = bomUTF16BE
	}
	start := 0
	if bytes.HasPrefix(data, bom) {
		start = 2
	}
	unit := func(i int) rune {
		if order == utf16BE {
			return rune(data[i])<<8 | rune(data[i+1])
		}
		return rune(data[i]) | rune(data[i+1])<<8
	}
	for i := start; i < len(data); i += 2 {
		r := unit(i)
		switch {
		case utf16.IsSurrogate(r) && r < 0xdc00 && i+3 < len(data):
			r2 := unit(i + 2)
			if r = utf16.DecodeRune(r, r2); r == utf8.RuneError {
				return nil, fmt.Errorf("%s: unpaired surrogate 0x%04x at byte %d", order, unit(i), i)
			}
			i += 2
		case utf16.IsSurrogate(r):
			return nil, fmt.Errorf("%s: unpaired surrogate 0x%04x at byte %d", order, r, i)
		}
		dst = utf8.AppendRune(dst, r)
	}
	return dst, nil
}

// utf8Size is how many bytes fromUTF16 writes for data: the output buffer
// is sized once. A unit below 0x80 takes one byte, below 0x800 two, a
// surrogate pair (two units) four, anything else three.
func utf8Size(data []byte, order wrapping) int {
	n := 0
	for i := 0; i+1 < len(data); i += 2 {
		u := uint16(data[i]) | uint16(data[i+1])<<8
		if order == utf16BE {
			u = uint16(data[i])<<8 | uint16(data[i+1])
		}
		switch {
		case u < 0x80:
			n++
		case u < 0x800, utf16.IsSurrogate(rune(u)):
			n += 2
		default:
			n += 3
		}
	}
	return n
}
