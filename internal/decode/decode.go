// Package decode turns the bytes of one SBOM into a model.Document. It
// recognises the format by content (Sniff), hands the bytes to the first
// format package that claims them (cyclonedx, spdx) and adds the warnings
// all formats share; Claims, PeekRoot and LooksComplete answer the byte
// prefilter's questions without a full decode. Adding a format is one
// package and one line in formats.
//
// It knows nothing of files, folders, services or queries, and never reads
// the file system: its caller reads and unwraps the bytes (internal/source).
package decode

import (
	"bytes"
	"fmt"
	"runtime/debug"

	"github.com/sbomx/sbomx/internal/decode/cyclonedx"
	"github.com/sbomx/sbomx/internal/decode/spdx"
	"github.com/sbomx/sbomx/pkg/model"
)

type format struct {
	name   string
	sniff  func([]byte) (model.Format, bool)
	decode func([]byte, Options) (*model.Document, error)
}

var formats = []format{
	{name: "cyclonedx", sniff: cyclonedx.Sniff, decode: func(data []byte, o Options) (*model.Document, error) {
		return cyclonedx.DecodeOptions(data, cyclonedx.Options{SkipHashes: o.SkipHashes})
	}},
	{name: "spdx", sniff: spdx.Sniff, decode: func(data []byte, _ Options) (*model.Document, error) { return spdx.Decode(data) }},
}

// Options tune decoding for speed; the zero value reads everything.
type Options struct {
	// SkipHashes allows decoders to leave Component.Hashes empty (no query
	// asks for a hash). Decoders that read hashes cheaply still do.
	SkipHashes bool
}

// Decode decodes data as the first format whose sniffer claims it. Data no
// format claims gives an error wrapping model.ErrNotSBOM; if it still looks
// like an SBOM of a format sbomx cannot read (CycloneDX YAML), the error says
// so and does not wrap ErrNotSBOM, because skipping it would hide packages.
// A panic inside a decoder is returned as an error.
func Decode(data []byte) (*model.Document, error) { return DecodeWith(data, Options{}) }

// DecodeWith is Decode with options.
func DecodeWith(data []byte, opt Options) (doc *model.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("decoder panic: %v\n%s", r, debug.Stack())
		}
	}()
	for _, f := range formats {
		if _, ok := f.sniff(data); ok {
			doc, err := f.decode(data, opt)
			if err == nil {
				doc.Warnings = append(doc.Warnings, mended(doc)...)
			}
			return doc, err
		}
	}
	if what := unsupported(data); what != "" {
		return nil, fmt.Errorf("unsupported SBOM format: %s", what)
	}
	return nil, model.ErrNotSBOM
}

// mended says, once per document, what model.IdentifyComponent mended in
// its components: a generator that writes the version into the purl's name
// does it for every package.
func mended(doc *model.Document) []string {
	var n int
	var first string
	for i := range doc.Components {
		if c := &doc.Components[i]; c.VersionFromName {
			if n == 0 {
				first = c.PURL
			}
			n++
		}
	}
	if n == 0 {
		return nil
	}
	return []string{fmt.Sprintf("%d purl(s) write the version into the name, as %s: each read as name and version", n, first)}
}

// unsupported names SBOM encodings sbomx recognises but does not read.
func unsupported(data []byte) string {
	head := data[:min(len(data), 1<<20)]
	switch {
	case bytes.Contains(head, []byte("spdxVersion:")) || bytes.Contains(head, []byte("\"spdxVersion\":")) && bytes.HasPrefix(bytes.TrimSpace(head), []byte("---")):
		return "SPDX YAML"
	case bytes.Contains(head, []byte("<SpdxDocument")) || bytes.Contains(head, []byte("<spdxVersion>")):
		return "SPDX XML"
	case bytes.Contains(head, []byte("bomFormat:")) && bytes.Contains(head, []byte("CycloneDX")):
		return "CycloneDX YAML"
	}
	return ""
}

// Sniff reports which format claims data, without decoding it.
func Sniff(data []byte) (model.Format, bool) {
	for _, f := range formats {
		if format, ok := f.sniff(data); ok {
			return format, true
		}
	}
	return "", false
}

// LooksComplete reports, cheaply, whether data looks like a whole document of
// the format, not one cut short: a JSON document starts with "{", ends with
// "}" and has as many closing braces as opening ones (a cut that happens to
// end on a "}" leaves some open); an XML document ends with its root's
// closing tag. Tag-value documents cannot be told apart from truncated ones
// without reading them, so they never look complete. Callers that skip
// decoding a file (the prefilter) use this so a truncated file is still
// read, and reported, rather than ruled out.
func LooksComplete(format model.Format, data []byte) bool {
	data = bytes.TrimSpace(bytes.TrimPrefix(bytes.TrimSpace(data), []byte("\xef\xbb\xbf")))
	switch format {
	case model.CycloneDXJSON, model.SPDXJSON, model.SPDX3JSON:
		return len(data) >= 2 && data[0] == '{' && data[len(data)-1] == '}' &&
			bytes.Count(data, []byte("{")) == bytes.Count(data, []byte("}"))
	case model.CycloneDXXML, model.SPDXXML, model.SPDXRDF:
		i := bytes.LastIndex(data, []byte("</"))
		return i > 0 && data[len(data)-1] == '>' && (bytes.HasSuffix(data, []byte("bom>")) || bytes.HasSuffix(data, []byte("Document>")) || bytes.HasSuffix(data, []byte("RDF>")))
	}
	return false
}
