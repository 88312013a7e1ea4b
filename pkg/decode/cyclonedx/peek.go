package cyclonedx

import (
	"encoding/json"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sbomx/sbomx/pkg/internal/foldscan"
	"github.com/sbomx/sbomx/pkg/internal/jsonlite"
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
	return claimed && !bomFormatNeedle.In(w.Rest())
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
	if !metadataNeedle.In(data) {
		return nil, true // no metadata, in any spelling: no root
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
	if metadataNeedle.In(w.Rest()) {
		return nil, false
	}
	var md *cdx.Metadata
	if err := json.Unmarshal(span, &md); err != nil {
		return nil, false
	}
	if md == nil || md.Component == nil {
		return nil, true
	}
	c := model.Component{
		Ref:   md.Component.BOMRef,
		Name:  strings.TrimSpace(md.Component.Name),
		Group: strings.TrimSpace(md.Component.Group),
		PURL:  strings.TrimSpace(md.Component.PackageURL),
	}
	model.IdentifyComponent(&c)
	return &c, true
}
