package cyclonedx

import (
	"encoding/json"
	"encoding/xml"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sbomx/sbomx/internal/support/foldscan"
	"github.com/sbomx/sbomx/internal/support/jsonlite"
	"github.com/sbomx/sbomx/pkg/model"
)

// Needles find any later spelling of the keys Claims and PeekRoot read.
var (
	metadataNeedle  = foldscan.New("metadata")
	bomFormatNeedle = foldscan.New("bomformat")
)

// Claims reports, reading only the top-level keys up to bomFormat, that the
// full decode of data (which Sniff took for CycloneDX JSON) reads it as a
// BOM: its bomFormat is "CycloneDX" in some case, given once. false means
// it is not, or Claims cannot tell.
func Claims(data []byte) bool {
	data = trimLeading(data)
	if jsonlite.EscapesLetters(data) {
		return false // a key could be spelled with escapes
	}
	w := jsonlite.New(data)
	claimed := false
	w.Object(func(key []byte, esc bool) bool {
		switch {
		case esc || strings.EqualFold(string(key), "bomFormat") && string(key) != "bomFormat":
			return false
		case string(key) == "bomFormat":
			v, ok := w.String()
			claimed = ok && strings.EqualFold(strings.TrimSpace(v), cdx.BOMFormat)
			return false // found: the rest is not walked
		}
		_, _, ok := w.Skip()
		return ok
	})
	return claimed && !hasKey(w.Rest(), bomFormatNeedle, len("bomformat"))
}

// PeekRoot finds the root (metadata.component) a CycloneDX JSON document's
// full decode would give it (Claims first), reading only the top-level keys
// up to metadata and metadata itself: the services of a flat folder are
// named by their roots, and a file the byte prefilter rules out is not
// decoded. It declines (ok false) wherever the full decode could read the
// document differently: a \u escape that could spell a key
// (jsonlite.EscapesLetters), metadata spelled in another case or given
// again later (any later "metadata", in any case, makes it decline),
// metadata that cyclonedx-go's types do not accept. root is nil when the
// document names none.
func PeekRoot(data []byte) (root *model.Component, ok bool) {
	data = trimLeading(data)
	if !Claims(data) {
		return nil, false
	}
	if !hasKey(data, metadataNeedle, len("metadata")) {
		return nil, true // no metadata key, in any spelling: no root
	}
	w := jsonlite.New(data)
	var span []byte
	w.Object(func(key []byte, esc bool) bool {
		switch {
		case esc:
			return false
		case string(key) == "metadata":
			start, end, ok := w.Skip()
			if ok {
				span = w.Bytes(start, end)
			}
			return false // found: the rest is not walked
		case strings.EqualFold(string(key), "metadata"):
			return false
		}
		_, _, ok := w.Skip()
		return ok
	})
	if span == nil {
		return nil, false // no metadata (or an odd document): decode it
	}
	if hasKey(w.Rest(), metadataNeedle, len("metadata")) {
		return nil, false
	}
	var md *cdx.Metadata
	if err := json.Unmarshal(span, &md); err != nil {
		return nil, false
	}
	return rootOf(md), true
}

// rootOf is the part of convert's root a service's name needs.
func rootOf(md *cdx.Metadata) *model.Component {
	if md == nil || md.Component == nil {
		return nil
	}
	c := model.Component{
		Ref:   md.Component.BOMRef,
		Name:  strings.TrimSpace(md.Component.Name),
		Group: strings.TrimSpace(md.Component.Group),
		PURL:  strings.TrimSpace(md.Component.PackageURL),
	}
	model.IdentifyComponent(&c)
	return &c
}

// PeekRootXML is PeekRoot for CycloneDX XML: it reads the root element's
// children up to <metadata>, which the schema puts first, and decodes that
// element alone with encoding/xml, as cyclonedx-go would. It declines (ok
// false) where the full decode could read the root differently or it would
// have to read much: any first child other than <metadata> in a document
// with an element named metadata anywhere, another such element after the
// first (encoding/xml merges a repeated element into the same field; see
// hasMetadataElement), anything encoding/xml rejects on the way.
func PeekRootXML(data []byte) (root *model.Component, ok bool) {
	if !ClaimsXML(data) {
		return nil, false
	}
	dec := newXMLDecoder(data)
	depth := 0
	for {
		tok, err := dec.Token()
		if err != nil {
			return nil, false
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if depth++; depth < 2 {
				continue
			}
			if t.Name.Local != "metadata" {
				// The first child is not metadata (the schema's order): a
				// document without metadata has no root.
				return nil, !hasMetadataElement(data)
			}
			var md cdx.Metadata
			if dec.DecodeElement(&md, &t) != nil || hasMetadataElement(data[dec.InputOffset():]) {
				return nil, false
			}
			return rootOf(&md), true
		case xml.EndElement:
			if depth--; depth == 0 {
				return nil, !hasMetadataElement(data) // an empty <bom>
			}
		}
	}
}

// hasMetadataElement reports whether data may hold a tag (opening or
// closing) whose local name is metadata, in any case: the word right after
// "<", "</" or a prefix ("<cdx:"), and before a byte that ends a name. One
// inside a comment or CDATA section counts too, which only costs a decode.
// Syft writes "metadata" hundreds of times in property names
// (syft:package:metadataType), which a plain search would take for a second
// <metadata>.
func hasMetadataElement(data []byte) bool {
	const n = len("metadata")
	return metadataNeedle.At(data, func(i int) bool {
		if i+n < len(data) && !isTagEnd(data[i+n]) {
			return false
		}
		j := i - 1
		if j >= 0 && data[j] == ':' { // a prefix: step over it
			for j--; j >= 0 && !isTagEnd(data[j]); j-- {
			}
		}
		if j >= 0 && data[j] == '/' {
			j--
		}
		return j >= 0 && data[j] == '<'
	})
}

// isTagEnd: a byte that ends an element's name.
func isTagEnd(c byte) bool {
	switch c {
	case ' ', '\t', '\r', '\n', '>', '/', '<':
		return true
	}
	return false
}

// hasKey reports whether data may hold the needle (n bytes) as an object
// key, in any case.
func hasKey(data []byte, needle foldscan.Needle, n int) bool {
	return needle.At(data, func(i int) bool { return jsonlite.KeyAt(data, i, n) })
}
