// Package foldscan finds a short ASCII needle in a byte slice regardless of
// letter case, at memory speed: it is the inner loop of sbomx's byte
// prefilter, run over every SBOM a query may rule out.
//
// Matching is "folded": data matches needle at i when data[i+j]|0x20 equals
// needle[j] for every j. For lower-case letters and digits in the needle that
// accepts exactly the upper- and lower-case spelling of letters and the digit
// itself, plus a few control bytes that fold onto them (0x10-0x19 onto
// digits), which can only add matches, never lose one.
//
// On amd64 with AVX2 the search is the "packed pair" algorithm ripgrep's
// memchr crate uses: two of the needle's rarest bytes are compared at their
// offsets in 32 positions at once, and only positions where both agree are
// verified. Elsewhere it anchors on the rarest byte with bytes.IndexByte.
package foldscan

import (
	"bytes"
	"strings"
)

// rarity orders letters and digits from rarest to most common in SBOM JSON
// (measured over the real SBOMs of the test corpus). The search anchors on
// the needle's rarest bytes, so it stops at few false starts.
const rarity = "zqjxwkvhy789564u3gbm120fpldsioncrtae"

// Needle is a prepared needle: lower-case ASCII letters and digits.
type Needle struct {
	s      string
	k1, k2 int // offsets of the two rarest bytes, k1 < k2 unless len(s) == 1
	ka     int // offset of the rarest byte (k1 or k2)
}

// New prepares needle, which must be non-empty and hold only lower-case
// ASCII letters and digits (other bytes never match anything but
// themselves with bit 0x20 set).
func New(needle string) Needle {
	n := Needle{s: needle}
	if len(needle) < 2 {
		return n
	}
	a := rarest(needle, -1)
	b := rarest(needle, a)
	n.k1, n.k2, n.ka = min(a, b), max(a, b), a
	return n
}

// rarest returns the offset of needle's rarest byte, other than skip.
func rarest(needle string, skip int) int {
	best, rank := -1, len(rarity)+1
	for i := 0; i < len(needle); i++ {
		if i == skip {
			continue
		}
		r := strings.IndexByte(rarity, needle[i])
		if r < 0 {
			r = len(rarity) // not a letter or digit: treat as common
		}
		if r < rank {
			best, rank = i, r
		}
	}
	return best
}

// In reports whether data contains the needle, folded (see the package
// comment).
func (n Needle) In(data []byte) bool { return n.At(data, nil) }

// At reports whether data contains the needle, folded, at some position i
// where where(i) is true too (nil: anywhere): a caller that needs the
// occurrence in a context (a JSON key, an XML tag) checks it there, at the
// search's speed in between.
func (n Needle) At(data []byte, where func(i int) bool) bool {
	if len(n.s) == 0 {
		return true
	}
	if len(data) < len(n.s) {
		return false
	}
	if useAVX2 {
		return n.inPair(data, where)
	}
	return n.inAnchor(data, where)
}

// inPair is the packed-pair search: candidates are the positions p of the
// first rare byte where the second agrees too, found 32 at a time, and each
// is verified.
func (n Needle) inPair(data []byte, where func(int) bool) bool {
	size := len(n.s)
	if len(data) < size {
		return false
	}
	// The needle starts at p-k1 and must fit: p runs over [k1, len-size+k1],
	// and the second rare byte sits at p+d.
	window := data[n.k1 : len(data)-size+n.k2+1]
	// window[p] is data[p+k1], so a candidate's needle starts at data[p].
	return eachPair(window, n.k2-n.k1, n.s[n.k1], n.s[n.k2], func(p int) bool {
		return equalFold(data[p:p+size], n.s) && (where == nil || where(p))
	})
}

// inAnchor finds each occurrence of the rarest byte, in lower and in upper
// case, with bytes.IndexByte and verifies the window around it.
func (n Needle) inAnchor(data []byte, where func(int) bool) bool {
	k := n.ka
	c := n.s[k]
	if n.anchorScan(data, k, c, where) {
		return true
	}
	if 'a' <= c && c <= 'z' {
		return n.anchorScan(data, k, c-'a'+'A', where)
	}
	if '0' <= c && c <= '9' {
		return n.anchorScan(data, k, c&^0x20, where) // 0x10-0x19 fold onto digits
	}
	return false
}

func (n Needle) anchorScan(data []byte, k int, c byte, where func(int) bool) bool {
	size := len(n.s)
	for from := k; from+size-k <= len(data); {
		j := bytes.IndexByte(data[from:len(data)-(size-k-1)], c)
		if j < 0 {
			return false
		}
		j += from
		if equalFold(data[j-k:j-k+size], n.s) && (where == nil || where(j-k)) {
			return true
		}
		from = j + 1
	}
	return false
}

// equalFold compares b, with bit 0x20 set in every byte, to needle.
func equalFold(b []byte, needle string) bool {
	for i := 0; i < len(needle); i++ {
		if b[i]|0x20 != needle[i] {
			return false
		}
	}
	return true
}
