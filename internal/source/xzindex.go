package source

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
)

// xzPrepare returns how many bytes an xz file expands to, by the index
// every xz stream ends with (as "xz --list" reads it), without
// decompressing anything: a bomb is refused before a decoder exists. The
// file is read from its end: stream padding, footer, index, then the
// blocks the index counts, back to the stream's header; concatenated
// streams add up. The decoder checks each index against the blocks it
// decodes; this only reads the claim, and the caller caps the decoder's
// output at it.
//
// It also lowers, in data, each block's dictionary to what the block holds
// (see xzBlockHeader): the decoder allocates the whole dictionary a header
// asks for before reading a byte, and xz -9 asks 64 MiB for any file.
func xzPrepare(data []byte) (int64, error) {
	const headerLen, footerLen = 12, 12
	var total int64
	end := len(data)
	for end > 0 {
		for end >= 4 && bytes.Equal(data[end-4:end], []byte{0, 0, 0, 0}) {
			end -= 4 // stream padding
		}
		if end < headerLen+footerLen {
			return 0, errors.New("xz: cut short (no stream footer)")
		}
		footer := data[end-footerLen : end]
		if footer[10] != 'Y' || footer[11] != 'Z' {
			return 0, errors.New("xz: cut short (no stream footer)")
		}
		indexLen := (int64(binary.LittleEndian.Uint32(footer[4:8])) + 1) * 4
		indexStart := int64(end-footerLen) - indexLen
		if indexStart < headerLen {
			return 0, errors.New("xz: index larger than the stream")
		}
		blocks, size, err := xzIndex(data[indexStart : end-footerLen])
		if err != nil {
			return 0, err
		}
		var inAll int64
		for _, b := range blocks {
			inAll = satAdd(inAll, b.size)
		}
		start := indexStart - inAll - headerLen
		if start < 0 || !bytes.HasPrefix(data[start:], magicXz) {
			return 0, errors.New("xz: index does not match the stream")
		}
		at := start + headerLen
		for _, b := range blocks {
			if err := xzBlockHeader(data[at:at+b.size], b.uncompressed); err != nil {
				return 0, err
			}
			at += b.size
		}
		total = satAdd(total, size)
		end = int(start)
	}
	return total, nil
}

// xzBlock is an index record: the bytes a block takes in the stream (its
// unpadded size rounded up to 4) and what it expands to.
type xzBlock struct{ size, uncompressed int64 }

// xzIndex reads one index: its blocks, and what they expand to in all.
func xzIndex(index []byte) (blocks []xzBlock, size int64, err error) {
	bad := errors.New("xz: malformed index")
	if len(index) < 8 || index[0] != 0 {
		return nil, 0, bad
	}
	body := index[1 : len(index)-4] // the CRC32 at the end is the decoder's to check
	count, n := binary.Uvarint(body)
	if n <= 0 {
		return nil, 0, bad
	}
	body = body[n:]
	for range count {
		unpadded, n := binary.Uvarint(body)
		if n <= 0 || unpadded == 0 || unpadded > math.MaxInt64-3 {
			return nil, 0, bad
		}
		body = body[n:]
		uncompressed, n := binary.Uvarint(body)
		if n <= 0 || uncompressed > math.MaxInt64 {
			return nil, 0, bad
		}
		body = body[n:]
		blocks = append(blocks, xzBlock{int64(unpadded+3) &^ 3, int64(uncompressed)})
		size = satAdd(size, int64(uncompressed))
	}
	if len(body) > 3 {
		return nil, 0, bad // more than index padding left
	}
	return blocks, size, nil
}

// xzDict is the largest LZMA2 dictionary allocated: xz's presets use up to
// 64 MiB (-9). A block that needs more (one that holds more than 64 MiB
// and was compressed with a larger dictionary) fails instead.
const xzDict = 64 << 20

// xzBlockHeader lowers the dictionary of a block's LZMA2 filter to the
// smallest that holds the block's uncompressed size, rewriting the header
// and its CRC32 in place: matches never reach back past the block's start,
// so decoding is unchanged, and a block that is larger than the index says
// fails to decode (besides passing the cap the caller sets). Other filters
// (BCJ, delta) are left for the decoder to accept or refuse.
func xzBlockHeader(block []byte, uncompressed int64) error {
	bad := errors.New("xz: malformed block header")
	if len(block) < 8 || block[0] == 0 || (int(block[0])+1)*4 > len(block) {
		return bad
	}
	header := block[:(int(block[0])+1)*4]
	h := header[2 : len(header)-4] // after size and flags; before the CRC32
	flags := header[1]
	for _, present := range []bool{flags&0x40 != 0, flags&0x80 != 0} { // compressed, uncompressed size
		if present {
			_, n := binary.Uvarint(h)
			if n <= 0 {
				return bad
			}
			h = h[n:]
		}
	}
	for range int(flags&3) + 1 {
		id, n := binary.Uvarint(h)
		if n <= 0 {
			return bad
		}
		h = h[n:]
		propsLen, n := binary.Uvarint(h)
		if n <= 0 || propsLen > uint64(len(h)-n) {
			return bad
		}
		props := h[n : n+int(propsLen)]
		h = h[n+int(propsLen):]
		if id != 0x21 || len(props) != 1 || props[0] > 40 {
			continue
		}
		d := props[0]
		for d > 0 && lzma2Dict(d-1) >= uncompressed {
			d--
		}
		if dict := lzma2Dict(d); dict > xzDict {
			return fmt.Errorf("xz: a block needs a dictionary of %d MiB, over the %d MiB sbomx allocates", dict>>20, xzDict>>20)
		}
		if d != props[0] {
			props[0] = d
			binary.LittleEndian.PutUint32(header[len(header)-4:], crc32.ChecksumIEEE(header[:len(header)-4]))
		}
	}
	return nil
}

// lzma2Dict is the dictionary size an LZMA2 properties byte stands for.
func lzma2Dict(d byte) int64 { return int64(2|d&1) << (d/2 + 11) }

// satAdd adds sizes, saturating: a hostile index may claim anything.
func satAdd(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}
