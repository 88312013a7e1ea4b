package export

import (
	"cmp"
	"encoding/binary"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"unsafe"

	"github.com/klauspost/compress/s2"
)

// A spill holds the rows of every SBOM between the walk and the tables.
// An SBOM's service is known only once the whole tree is read (an
// inventory row, a catalog entry or another SBOM's root may name it), so
// the visitor, which runs on every core while the tree is read, writes
// each SBOM's rows to a spill file as one block, and the tables are
// written from the blocks afterwards, each SBOM's rows with its service.
// Memory stays flat: what a worker holds is one SBOM's block. Blocks are
// s2-compressed (refs, purls and package ids repeat one another): a third
// of the bytes to write and read back, for less CPU than the copies save.
type spill struct {
	f   *os.File
	off atomic.Int64
	mu  sync.Mutex
	err error
}

func newSpill(dir, pattern string) (*spill, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return &spill{f: f}, nil
}

// add compresses a block into scratch (grown as needed), writes it, and
// returns where it is and its compressed length, and scratch. Workers
// write at once, each at the offset it reserved.
func (s *spill) add(scratch, b []byte) (off, n int64, _ []byte) {
	scratch = s2.Encode(scratch[:cap(scratch)], b)
	n = int64(len(scratch))
	off = s.off.Add(n) - n
	if _, err := s.f.WriteAt(scratch, off); err != nil {
		s.mu.Lock()
		s.err = cmp.Or(s.err, err)
		s.mu.Unlock()
	}
	return off, n, scratch
}

// finish reports the first write error: the blocks can be read from then
// on.
func (s *spill) finish() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.err
}

// block reads the block at off (n bytes as written) into buf, expanded in
// out; both grow as needed and are returned. The strings read from the
// block point into out (see dec.str): they are valid until out is used
// again, which is after the table writer has copied them.
func (s *spill) block(buf, out []byte, off, n int64) ([]byte, []byte, error) {
	if int64(cap(buf)) < n {
		buf = make([]byte, n+n/4)
	}
	buf = buf[:n]
	if _, err := s.f.ReadAt(buf, off); err != nil {
		return buf, out, fmt.Errorf("spill: %w", err)
	}
	size, err := s2.DecodedLen(buf)
	if err != nil {
		return buf, out, fmt.Errorf("spill: %w", err)
	}
	if cap(out) < size {
		out = make([]byte, size+size/4)
	}
	out, err = s2.Decode(out[:size], buf)
	if err != nil {
		return buf, out, fmt.Errorf("spill: %w", err)
	}
	return buf, out, nil
}

func (s *spill) remove() {
	s.f.Close()
	os.Remove(s.f.Name())
}

// enc builds a block: unsigned varints and length-prefixed strings; z is
// scratch for the compressed block.
type enc struct{ b, z []byte }

func (e *enc) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// dec reads a block written by enc. Its strings point into the block: no
// allocation per string.
type dec struct {
	b   []byte
	bad bool
}

func (d *dec) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.bad, d.b = true, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) int() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.bad, d.b = true, nil
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *dec) str() string {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.bad, d.b = true, nil
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&d.b[0], int(n))
	d.b = d.b[n:]
	return s
}
