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
		var found bool
		found, from = vectorCandidates(n, func(from int) (int, uint32) {
			return escMaskAVX2(&data[from], n-from)
		}, fn)
		if found {
			return true
		}
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

// vectorCandidates drives a vector scan over the starts [0, n): scan(from)
// looks at the starts from to n&^31, 32 at a time, and returns the first
// block with candidates (relative to from) and their mask, or -1. It calls
// fn with each candidate in order until fn returns true, and returns whether
// one did and the first start the scan did not cover (the caller checks the
// rest one by one).
func vectorCandidates(n int, scan func(from int) (int, uint32), fn func(p int) bool) (bool, int) {
	from := 0
	for n-from >= 32 {
		block, mask := scan(from)
		if block < 0 {
			break
		}
		for ; mask != 0; mask &= mask - 1 {
			if fn(from + block + bits.TrailingZeros32(mask)) {
				return true, 0
			}
		}
		from += block + 32
	}
	return false, from + (n-from)&^31
}
