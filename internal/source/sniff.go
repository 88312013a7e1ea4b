package source

import "bytes"

// wrapping is how a file's bytes are wrapped around what may be an SBOM:
// compressed, archived, or text in an encoding other than UTF-8. It is
// recognised by magic bytes only: a .json that is gzip is gzip, and a
// .json.gz that is plain JSON is plain JSON.
type wrapping int

const (
	plain wrapping = iota // nothing recognised: handed to the decoders as is
	gzipped
	zstded
	xzed
	bzip2ed
	zipArchive
	tarArchive
	utf8BOM
	utf16LE
	utf16BE
	// Recognised, not unwrapped: the file fails with notUnwrapped's reason,
	// since it may hold an SBOM that skipping would hide.
	sevenZip
	rarArchive
	lz4ed
	lzmaAlone // the legacy .lzma format, before xz
	lzipped
	unixCompress // compress(1), .Z
	utf32
)

// compressed reports whether w is a compression sbomx expands.
func (w wrapping) compressed() bool {
	return w == gzipped || w == zstded || w == xzed || w == bzip2ed
}

// String names the wrapping in failure reasons ("gzip: expands past ...").
func (w wrapping) String() string {
	return [...]string{"plain", "gzip", "zstd", "xz", "bzip2", "zip", "tar", "UTF-8 with BOM", "UTF-16LE", "UTF-16BE", "7z", "RAR", "lz4", "lzma", "lzip", "compress (.Z)", "UTF-32"}[w]
}

// notUnwrapped is the failure reason for a wrapping sbomx recognises but
// does not open.
func (w wrapping) notUnwrapped() string {
	switch w {
	case sevenZip, rarArchive:
		return w.String() + " archive: sbomx does not unwrap it (extract it first)"
	case lz4ed, lzmaAlone, lzipped, unixCompress:
		return w.String() + ": sbomx does not unwrap it (decompress it first)"
	case utf32:
		return "UTF-32 text: sbomx does not read it (convert it to UTF-8)"
	}
	return ""
}

var (
	magicGzip = []byte{0x1f, 0x8b}
	magicZstd = []byte{0x28, 0xb5, 0x2f, 0xfd}
	magicXz   = []byte{0xfd, '7', 'z', 'X', 'Z', 0}
	magicZip  = []byte("PK\x03\x04")
	// magicZipEmpty starts an archive with no members: only the end of
	// its central directory.
	magicZipEmpty = []byte("PK\x05\x06")
	magic7z       = []byte{'7', 'z', 0xbc, 0xaf, 0x27, 0x1c}
	magicRar      = []byte("Rar!\x1a\x07") // v1.5-4 (then 0x00) and v5 (then 0x01 0x00)
	magicLz4      = []byte{0x04, 0x22, 0x4d, 0x18}
	magicLzip     = []byte("LZIP\x01")
	bomUTF8       = []byte{0xef, 0xbb, 0xbf}
	bomUTF32LE    = []byte{0xff, 0xfe, 0, 0}
	bomUTF32BE    = []byte{0, 0, 0xfe, 0xff}
	bomUTF16LE    = []byte{0xff, 0xfe}
	bomUTF16BE    = []byte{0xfe, 0xff}
)

// sniff recognises the wrapping of data by its first bytes. UTF-32's byte
// order marks are tested before UTF-16's, which they begin with.
func sniff(data []byte) wrapping {
	switch {
	case bytes.HasPrefix(data, magicGzip):
		return gzipped
	case bytes.HasPrefix(data, magicZstd):
		return zstded
	case bytes.HasPrefix(data, magicXz):
		return xzed
	case isBzip2(data):
		return bzip2ed
	case bytes.HasPrefix(data, magicZip), bytes.HasPrefix(data, magicZipEmpty):
		return zipArchive
	case isTar(data):
		return tarArchive
	case bytes.HasPrefix(data, magic7z):
		return sevenZip
	case bytes.HasPrefix(data, magicRar):
		return rarArchive
	case bytes.HasPrefix(data, magicLz4):
		return lz4ed
	case bytes.HasPrefix(data, magicLzip):
		return lzipped
	case isLzmaAlone(data):
		return lzmaAlone
	case len(data) >= 3 && data[0] == 0x1f && data[1] == 0x9d && data[2]&0x1f >= 9 && data[2]&0x1f <= 16 && data[2]&0x60 == 0:
		return unixCompress
	case bytes.HasPrefix(data, bomUTF8):
		return utf8BOM
	case bytes.HasPrefix(data, bomUTF32LE), bytes.HasPrefix(data, bomUTF32BE):
		return utf32
	case bytes.HasPrefix(data, bomUTF16LE):
		return utf16LE
	case bytes.HasPrefix(data, bomUTF16BE):
		return utf16BE
	}
	return sniffUTF16(data)
}

// isBzip2 recognises "BZh" and a block size digit, then the magic of the
// first block (or of the end of an empty stream): four bytes alone would
// also start some text files.
func isBzip2(data []byte) bool {
	if len(data) < 10 || data[0] != 'B' || data[1] != 'Z' || data[2] != 'h' || data[3] < '1' || data[3] > '9' {
		return false
	}
	block := data[4:10]
	return bytes.Equal(block, []byte{0x31, 0x41, 0x59, 0x26, 0x53, 0x59}) || // π: a block
		bytes.Equal(block, []byte{0x17, 0x72, 0x45, 0x38, 0x50, 0x90}) // √π: end of stream
}

// isLzmaAlone recognises the header xz --format=lzma writes: the default
// properties byte, a dictionary size of 2^n or 2^n+2^(n-1), and an
// uncompressed size that is unknown (all ones) or below 2^48. The format
// has no magic; this is how file(1) and 7-Zip tell it.
func isLzmaAlone(data []byte) bool {
	if len(data) < 13 || data[0] != 0x5d {
		return false
	}
	dict := uint32(data[1]) | uint32(data[2])<<8 | uint32(data[3])<<16 | uint32(data[4])<<24
	low := dict & -dict // its lowest bit set
	if dict < 1<<12 || dict != low && dict != 3*low {
		return false
	}
	size := data[5:13]
	return bytes.Equal(size, bytes.Repeat([]byte{0xff}, 8)) || size[6] == 0 && size[7] == 0
}

// isTar recognises a POSIX ("ustar\x0000") or GNU ("ustar  \x00") tar
// header. Text (JSON, XML, tag-value) never holds the NUL these need.
func isTar(data []byte) bool {
	if len(data) < 512 {
		return false
	}
	m := data[257:265]
	return bytes.Equal(m, []byte("ustar\x0000")) || bytes.Equal(m, []byte("ustar  \x00"))
}

// sniffUTF16 recognises UTF-16 without a byte order mark by how an SBOM
// starts: after any white space, "{" (JSON), "<" (XML) or "SPDXVersion"
// (tag-value), each ASCII character with a NUL beside it. Windows shells
// write such files when a command's output is redirected with ">".
func sniffUTF16(data []byte) wrapping {
	for _, order := range []wrapping{utf16LE, utf16BE} {
		i := 0
		for ; i+1 < len(data); i += 2 {
			c, ok := asciiUnit(data[i:i+2], order)
			if !ok {
				break
			}
			switch c {
			case ' ', '\t', '\r', '\n':
				continue
			case '{', '<':
				return order
			case 'S':
				if spdxUTF16(data[i:], order) {
					return order
				}
			}
			break
		}
	}
	return plain
}

// asciiUnit reads one UTF-16 code unit that is an ASCII character other
// than NUL.
func asciiUnit(u []byte, order wrapping) (byte, bool) {
	c, zero := u[0], u[1]
	if order == utf16BE {
		c, zero = u[1], u[0]
	}
	return c, zero == 0 && c != 0 && c < 0x80
}

// spdxUTF16 reports whether data starts with "SPDXVersion" in UTF-16.
func spdxUTF16(data []byte, order wrapping) bool {
	const want = "SPDXVersion"
	if len(data) < 2*len(want) {
		return false
	}
	for i := range len(want) {
		if c, ok := asciiUnit(data[2*i:2*i+2], order); !ok || c != want[i] {
			return false
		}
	}
	return true
}
