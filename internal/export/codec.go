package export

import (
	"github.com/klauspost/compress/s2"
	"github.com/parquet-go/parquet-go/format"
)

// snappyFast is parquet's SNAPPY codec with the fast encoder: parquet-go's
// own uses the better-ratio one, which took a fifth of an export's CPU
// time. The pages are plain snappy blocks, as every reader expects.
type snappyFast struct{}

func (snappyFast) String() string                            { return "SNAPPY" }
func (snappyFast) CompressionCodec() format.CompressionCodec { return format.Snappy }

func (snappyFast) Encode(dst, src []byte) ([]byte, error) {
	return s2.EncodeSnappy(dst[:cap(dst)], src), nil
}

func (snappyFast) Decode(dst, src []byte) ([]byte, error) {
	n, err := s2.DecodedLen(src)
	if err != nil {
		return dst[:0], err
	}
	if cap(dst) < n {
		dst = make([]byte, n)
	}
	return s2.Decode(dst[:n], src)
}
