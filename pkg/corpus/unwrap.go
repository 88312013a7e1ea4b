package corpus

import "fmt"

// maxWrapping is how many wrappings sbomx undoes one inside another
// (a.tar.gz!b.zip!c.json.gz is four: gzip, tar, zip, gzip). An archive
// that holds itself (a zip quine) would otherwise be opened forever.
const maxWrapping = 4

// entry reads f, a file of the walk whose bytes are data after lvl
// unwrappings, into f. Compression is undone first, so that the decoders
// and the prefilter see the content; filterable allows the prefilter (see
// Options.Prefilter).
func (w *worker) entry(f *File, data []byte, lvl int, filterable bool) {
	for {
		k := sniff(data)
		switch {
		case k == plain, k == zipArchive, k == tarArchive, k == utf8BOM, k == utf16LE, k == utf16BE:
			w.decode(f, data, filterable)
		case k.notUnwrapped() != "":
			f.Status, f.Reason = StatusFailed, k.notUnwrapped()
		case lvl >= maxWrapping:
			f.Status, f.Reason = StatusFailed, fmt.Sprintf("%s inside %d other wrappings (archives, compression): sbomx unwraps %d and stops there", k, lvl, maxWrapping)
		case k.compressed():
			expanded, err := w.expand(k, data, lvl+1)
			if err != nil {
				f.Status, f.Reason = StatusFailed, err.Error()
				return
			}
			data, lvl = expanded, lvl+1
			continue
		}
		return
	}
}
