package source

import (
	"bytes"
	"compress/bzip2"
	"errors"
	"fmt"
	"io"
	"math"
	"strings"

	"github.com/klauspost/compress/gzip"
	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"
	"github.com/ulikunitz/xz/lzma"
)

// How much of an expansion is held. A compressed file or archive member is
// expanded into a worker's buffer up to inMemoryDefault bytes; past that
// the rest of the stream is only counted, so a bomb fails having used that
// much memory and no more. One that ends under the size limit is expanded
// a second time into a buffer of the size now known: files that large are
// rare, and twice the CPU is better than an unbounded buffer.
const (
	inMemoryDefault = 64 << 20
	// budgetFactor bounds all the expanding done for one file of the walk
	// (its members, theirs, second passes included) to this many times the
	// size limit: an archive of archives of bombs (42.zip) would otherwise
	// spend hours counting bombs that each stop just past the limit.
	budgetFactor = 4
	// zstdWindow is the largest zstd window (the history a decoder must
	// keep) accepted: zstd's levels up to --ultra -22 and --long use at
	// most 128 MiB; a frame asking for more fails.
	zstdWindow = 128 << 20
)

// expandError: an expansion that passes the size limit.
type expandError struct {
	what  wrapping
	limit int64
}

func (e *expandError) Error() string {
	return fmt.Sprintf("%s: expands past the %d-byte limit", e.what, e.limit)
}

// budgetError: one file of the walk expanded past its budget in all.
type budgetError struct{ budget int64 }

func (e *budgetError) Error() string {
	return fmt.Sprintf("expands past %d bytes in all (%d times the size limit), the most read from one file", e.budget, budgetFactor)
}

// budgetReader counts what a decompressor produces against the worker's
// budget for the current file of the walk.
type budgetReader struct {
	r io.Reader
	w *worker
}

func (b *budgetReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	b.w.budget -= int64(n)
	if b.w.budget < 0 {
		return n, &budgetError{budget: min(b.w.opt.MaxFileSize, math.MaxInt64/budgetFactor) * budgetFactor}
	}
	return n, err
}

// capReader fails a stream once it passes max bytes (a compressed tar read
// as a stream, an xz stream past what its index says).
type capReader struct {
	r   io.Reader
	max int64
	err error
}

func (c *capReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.max -= int64(n)
	if c.max < 0 {
		return n, c.err
	}
	return n, err
}

// decompressor opens a reader of src's expansion (src compressed as k).
// Each call starts again from the beginning. lvl picks the zstd decoder:
// a stream at one level may still be read while one nested in it is.
func (w *worker) decompressor(k wrapping, src []byte, lvl int) (io.Reader, error) {
	in := bytes.NewReader(src)
	var r io.Reader
	switch k {
	case gzipped:
		// klauspost's, not compress/gzip: faster (BenchmarkInflate).
		zr, err := gzip.NewReader(in)
		if err != nil {
			return nil, err
		}
		zr.Multistream(true) // concatenated members, as gzip -d reads them
		r = zr
	case zstded:
		if w.zstd[lvl] == nil {
			d, err := zstd.NewReader(nil, zstd.WithDecoderConcurrency(1), zstd.WithDecoderLowmem(true),
				zstd.WithDecoderMaxWindow(zstdWindow), zstd.WithDecoderMaxMemory(zstdWindow))
			if err != nil {
				return nil, err
			}
			w.zstd[lvl] = d
		}
		if err := w.zstd[lvl].Reset(in); err != nil {
			return nil, err
		}
		r = w.zstd[lvl]
	case xzed:
		size, err := xzPrepare(src)
		if err != nil {
			return nil, err
		}
		if size > w.opt.MaxFileSize {
			return nil, &expandError{what: xzed, limit: w.opt.MaxFileSize}
		}
		// The smallest dictionary by default: the headers ask for what
		// each block needs (the library's default is 8 MiB for any file).
		xr, err := xz.ReaderConfig{DictCap: lzma.MinDictCap}.NewReader(in)
		if err != nil {
			return nil, err
		}
		// The decoder's dictionary is as large as the header asks, and is
		// filled as far as the data goes: never let the data go past what
		// the index says (the decoder checks the index only at the end).
		r = &capReader{r: xr, max: size, err: errors.New("more data than its index says")}
	case bzip2ed:
		r = bzip2.NewReader(in)
	default:
		return nil, fmt.Errorf("%s is not a compression", k)
	}
	return &budgetReader{r: r, w: w}, nil
}

// expand decompresses src (compressed as k) into the buffer of level lvl;
// see bounded.
func (w *worker) expand(k wrapping, src []byte, lvl int) ([]byte, io.Reader, error) {
	return w.bounded(k, lvl, func() (io.Reader, error) { return w.decompressor(k, src, lvl) }, func(err error) error { return w.reason(k, err) })
}

// bounded reads the expansion open gives (each call starts it again) into
// the buffer of level lvl, holding no more than the in-memory threshold of
// it unless the whole expansion is known to be under the size limit: past
// the threshold the rest is counted, not kept; over the limit it fails (an
// *expandError naming what); under it, it is expanded a second time into a
// buffer of the size now known. why turns a reader's error into the
// failure's reason.
//
// An expansion that is a tar archive is read as it comes when it cannot be
// held: stream gives the bytes held, then the rest of the expansion capped
// at the limit. So does one that breaks off (a truncated .tar.gz): its
// members up to the break are read, as tar -x would extract them.
func (w *worker) bounded(what wrapping, lvl int, open func() (io.Reader, error), why func(error) error) (out []byte, stream io.Reader, err error) {
	limit := w.opt.MaxFileSize
	r, err := open()
	if err != nil {
		return nil, nil, why(err)
	}
	held := min(w.inMemory(), limit)
	buf, err := fill(w.bufs[lvl][:0], r, held)
	w.keep(lvl, buf)
	switch {
	case err != nil && isTar(buf):
		return nil, io.MultiReader(bytes.NewReader(buf), &errReader{why(err)}), nil
	case err != nil:
		return nil, nil, why(err)
	case int64(len(buf)) < held:
		return buf, nil, nil // ended within the threshold: the common case
	case isTar(buf):
		rest := &capReader{r: r, max: limit - held, err: &expandError{what: what, limit: limit}}
		return nil, io.MultiReader(bytes.NewReader(buf), &whyReader{rest, why}), nil
	}
	more, err := io.Copy(io.Discard, io.LimitReader(r, limit-held+1))
	switch {
	case err != nil:
		return nil, nil, why(err)
	case more == 0:
		return buf, nil, nil // ended right at the threshold
	case held+more > limit:
		return nil, nil, &expandError{what: what, limit: limit}
	}
	// Under the limit: expand again, into a buffer of the exact size.
	if r, err = open(); err != nil {
		return nil, nil, why(err)
	}
	out = make([]byte, held+more)
	if _, err := io.ReadFull(r, out); err != nil {
		return nil, nil, why(err)
	}
	if n, _ := r.Read(make([]byte, 1)); n != 0 {
		return nil, nil, fmt.Errorf("%s: expanded to more bytes the second time", what)
	}
	return out, nil, nil
}

// errReader fails every read with err.
type errReader struct{ err error }

func (e *errReader) Read([]byte) (int, error) { return 0, e.err }

// whyReader turns its reader's errors (not the end) into reasons.
type whyReader struct {
	r   io.Reader
	why func(error) error
}

func (w *whyReader) Read(p []byte) (int, error) {
	n, err := w.r.Read(p)
	if err != nil && err != io.EOF {
		err = w.why(err)
	}
	return n, err
}

// fill reads r into buf until the end of r or until buf holds max bytes,
// growing buf as the data arrives (never by what a header claims). On an
// error it still returns the buffer, for the worker to reuse.
func fill(buf []byte, r io.Reader, max int64) ([]byte, error) {
	for int64(len(buf)) < max {
		if len(buf) == cap(buf) {
			// Fourfold: fewer copies left for the collector on the way
			// to the threshold than doubling leaves.
			grown := make([]byte, len(buf), min(max, int64(4*cap(buf)+64<<10)))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
	return buf, nil
}

// keepDefault is the largest buffer a worker keeps for the next file:
// most expansions are a few MiB; one that took the whole in-memory
// threshold (a bomb, a rare huge SBOM) is let go once the file is done.
const keepDefault = 16 << 20

// keep makes buf the buffer of level lvl for the next file, or drops it
// when it is too large to keep (see keepDefault).
func (w *worker) keep(lvl int, buf []byte) {
	if cap(buf) <= keepDefault {
		w.bufs[lvl] = buf[:0]
	} else {
		w.bufs[lvl] = nil
	}
}

func (w *worker) inMemory() int64 {
	if w.opt.inMemory > 0 {
		return w.opt.inMemory
	}
	return inMemoryDefault
}

// reason turns a decompressor's error into a failure reason that names the
// wrapping once ("gzip: invalid header", not "gzip: gzip: invalid header")
// and says what a bare unexpected EOF means.
func (w *worker) reason(k wrapping, err error) error {
	var ee *expandError
	var be *budgetError
	if errors.As(err, &ee) || errors.As(err, &be) {
		return err
	}
	msg := err.Error()
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF):
		msg = "cut short (unexpected end of data)"
	case errors.Is(err, zstd.ErrWindowSizeExceeded), errors.Is(err, zstd.ErrDecoderSizeExceeded):
		msg = fmt.Sprintf("its window is over the %d MiB sbomx allocates (recompress it without --long=28 or more)", zstdWindow>>20)
	}
	for _, p := range []string{k.String() + ": ", "zstd: ", "xz: ", "bzip2 data invalid: ", "flate: "} {
		msg = strings.TrimPrefix(msg, p)
	}
	return fmt.Errorf("%s: %s", k, msg)
}
