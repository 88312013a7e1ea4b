package foldscan

import "golang.org/x/sys/cpu"

var useAVX2 = cpu.X86.HasAVX2

// pairMaskAVX2 scans the starts p in [0, n&^31), 32 at a time, for
// base[p]|0x20 == c1 and base[p+d]|0x20 == c2. It returns the first block
// (a multiple of 32) with a candidate and the mask of its candidates (bit i
// is start block+i), or -1. The caller guarantees n+d <= len of the memory at
// base.
//
//go:noescape
func pairMaskAVX2(base *byte, n, d int, c1, c2 byte) (block int, mask uint32)

// escMaskAVX2 scans the starts p in [0, n&^31), 32 at a time, for
// EachEscape's candidates, and returns the first block with one and its
// mask, or -1. The caller guarantees n+2 <= len of the memory at base.
//
//go:noescape
func escMaskAVX2(base *byte, n int) (block int, mask uint32)

// eachPair calls fn with each p in data, in order, with data[p]|0x20 == c1
// and data[p+d]|0x20 == c2, until fn returns true; it reports whether one did.
func eachPair(data []byte, d int, c1, c2 byte, fn func(p int) bool) bool {
	n := len(data) - d // starts with p+d in range
	if n <= 0 {
		return false
	}
	found, from := vectorCandidates(n, func(from int) (int, uint32) {
		return pairMaskAVX2(&data[from], n-from, d, c1, c2)
	}, fn)
	if found {
		return true
	}
	for p := from; p < n; p++ {
		if data[p]|0x20 == c1 && data[p+d]|0x20 == c2 && fn(p) {
			return true
		}
	}
	return false
}
