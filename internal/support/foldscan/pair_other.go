//go:build !amd64

package foldscan

const useAVX2 = false

func eachPair(data []byte, d int, c1, c2 byte, fn func(p int) bool) bool {
	panic("foldscan: no vector search on this architecture")
}

func escMaskAVX2(base *byte, n int) (block int, mask uint32) {
	panic("foldscan: no vector search on this architecture")
}
