package foldscan

import "math/bits"

// EachEscape calls fn, in order, with each position p of data that may
// start an escape hiding a letter or digit, until fn returns true; it
// reports whether one did. The positions are every p with p+2 < len(data)
// where data[p] is '%' and data[p+1] is '3' to '7' (the first hex digit of
// every letter and digit), except "%40" (npm scopes write it in every purl),
// and every p where data[p:p+2] is `\u`. fn makes the exact check.
func EachEscape(data []byte, fn func(p int) bool) bool {
	n := len(data) - 2 // starts with p+2 in range
	if n <= 0 {
		return false
	}
	from := 0
	if useAVX2 {
		for n-from >= 32 {
			block, mask := escMaskAVX2(&data[from], n-from)
			if block < 0 {
				break
			}
			for ; mask != 0; mask &= mask - 1 {
				if fn(from + block + bits.TrailingZeros32(mask)) {
					return true
				}
			}
			from += block + 32
		}
		from += (n - from) &^ 31
	}
	for p := from; p < n; p++ {
		if escCandidate(data, p) && fn(p) {
			return true
		}
	}
	return false
}

// escCandidate is the definition of EachEscape's positions (p+2 < len).
func escCandidate(data []byte, p int) bool {
	switch data[p] {
	case '%':
		c1 := data[p+1]
		return '3' <= c1 && c1 <= '7' && !(c1 == '4' && data[p+2] == '0')
	case '\\':
		return data[p+1] == 'u'
	}
	return false
}
