package source

import (
	"bytes"
	"fmt"
	"io"
)

// maxWrapping is how many wrappings sbomx undoes one inside another
// (a.tar.gz!b.zip!c.json.gz is four: gzip, tar, zip, gzip). An archive
// that holds itself (a zip quine) would otherwise be opened forever.
const maxWrapping = 4

// entry reads one file of the walk or one archive member, whose bytes are
// data after lvl unwrappings, and appends to out what it turns into: the
// file itself, read, skipped or failed; or, for an archive, its members
// (and the archive after them when it is empty or broken). Compression and
// encodings are undone first, so that the decoders and the prefilter see
// UTF-8 text; flt says how the prefilter may rule it out.
func (w *worker) entry(f File, data []byte, lvl int, flt Filter, out *[]File) {
	for {
		k := sniff(data)
		switch {
		case k == utf8BOM:
			// Dropped here, once, so that the prefilter's and the
			// decoders' view of the text agree.
			data = data[len(bomUTF8):]
			continue
		case k == plain:
			w.decode(&f, data, flt)
		case k.notUnwrapped() != "":
			f.Status, f.Reason = StatusFailed, k.notUnwrapped()
		case lvl >= maxWrapping:
			f.Status, f.Reason = StatusFailed, fmt.Sprintf("%s inside %d other wrappings (archives, compression): sbomx unwraps %d and stops there", k, lvl, maxWrapping)
		case k.compressed():
			expanded, stream, err := w.expand(k, data, lvl+1)
			switch {
			case err != nil:
				f.Status, f.Reason = StatusFailed, err.Error()
			case stream != nil:
				w.stream(f, stream, lvl+1, out)
				return
			default:
				data, lvl = expanded, lvl+1
				continue
			}
		case k == zipArchive:
			w.zip(f, data, lvl, out)
			return
		case k == tarArchive:
			w.tar(f, bytes.NewReader(data), lvl, out)
			return
		case k == utf16LE, k == utf16BE:
			if text, err := w.transcode(k, data, lvl+1); err != nil {
				f.Status, f.Reason = StatusFailed, err.Error()
			} else {
				w.decode(&f, text, flt)
			}
		}
		*out = append(*out, f)
		return
	}
}

// stream reads a tar archive too large to hold, from the expansion it is
// in; its bytes are at level lvl.
func (w *worker) stream(f File, r io.Reader, lvl int, out *[]File) {
	if lvl >= maxWrapping {
		f.Status, f.Reason = StatusFailed, fmt.Sprintf("tar inside %d other wrappings (archives, compression): sbomx unwraps %d and stops there", lvl, maxWrapping)
		*out = append(*out, f)
		return
	}
	w.tar(f, r, lvl, out)
}

// transcode turns UTF-16 text into UTF-8 in the buffer of level lvl.
func (w *worker) transcode(k wrapping, data []byte, lvl int) ([]byte, error) {
	n := utf8Size(data, k)
	if int64(n) > w.opt.MaxFileSize {
		return nil, &expandError{what: k, limit: w.opt.MaxFileSize}
	}
	buf := w.bufs[lvl][:0]
	if cap(buf) < n {
		buf = make([]byte, 0, n)
	}
	text, err := fromUTF16(buf, data, k)
	w.keep(lvl, buf)
	return text, err
}
