package export

import (
	"bufio"
	"encoding/binary"
	"fmt"
	"os"
	"sync"
	"unsafe"
)

// A spill holds the rows of every SBOM between the walk and the tables.
// An SBOM's service is known only once the whole tree is read (an
// inventory row, a catalog entry or another SBOM's root may name it), so
// the visitor, which runs on every core while the tree is read, writes
// each SBOM's rows to a spill file as one block, and the tables are
// written from the blocks afterwards, each SBOM's rows with its service.
// Memory stays flat: what a worker holds is one SBOM's block.
type spill struct {
	mu  sync.Mutex
	f   *os.File
	w   *bufio.Writer
	off int64
	err error
}

func newSpill(dir, pattern string) (*spill, error) {
	f, err := os.CreateTemp(dir, pattern)
	if err != nil {
		return nil, err
	}
	return &spill{f: f, w: bufio.NewWriterSize(f, 1<<20)}, nil
}

// add appends a block and returns where it starts.
func (s *spill) add(b []byte) int64 {
	s.mu.Lock()
	defer s.mu.Unlock()
	off := s.off
	if s.err == nil {
		_, s.err = s.w.Write(b)
	}
	s.off += int64(len(b))
	return off
}

// finish flushes what is buffered: the blocks can be read from then on.
func (s *spill) finish() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.err == nil {
		s.err = s.w.Flush()
	}
	return s.err
}

// block reads the block at off: a new buffer each time, which the strings
// read from it share (see dec.str).
func (s *spill) block(off, n int64) ([]byte, error) {
	b := make([]byte, n)
	if _, err := s.f.ReadAt(b, off); err != nil {
		return nil, fmt.Errorf("spill: %w", err)
	}
	return b, nil
}

func (s *spill) remove() {
	s.f.Close()
	os.Remove(s.f.Name())
}

// enc builds a block: unsigned varints and length-prefixed strings.
type enc struct{ b []byte }

func (e *enc) uint(v uint64) { e.b = binary.AppendUvarint(e.b, v) }
func (e *enc) int(v int64)   { e.b = binary.AppendVarint(e.b, v) }
func (e *enc) str(s string) {
	e.uint(uint64(len(s)))
	e.b = append(e.b, s...)
}

// dec reads a block written by enc. Its strings point into the block,
// which is never written to again: one allocation per SBOM, not one per
// string.
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
