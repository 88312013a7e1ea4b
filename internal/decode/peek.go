package decode

import (
	"github.com/sbomx/sbomx/internal/decode/cyclonedx"
	"github.com/sbomx/sbomx/internal/decode/spdx"
	"github.com/sbomx/sbomx/pkg/model"
)

// Claims reports, cheaply, that the full decode of data (of the sniffed
// format) reads it as an SBOM, not as "not an SBOM": for CycloneDX and SPDX
// 2 JSON by reading the key that says so, for CycloneDX XML by reading the
// root element. For other formats it is false: Sniff looks for a few bytes,
// and their decoders may still say "not an SBOM" (an RDF file of SPDX terms
// with no SpdxDocument). It does not check that the rest is well-formed.
func Claims(format model.Format, data []byte) bool {
	switch format {
	case model.CycloneDXJSON:
		return cyclonedx.Claims(data)
	case model.CycloneDXXML:
		return cyclonedx.ClaimsXML(data)
	case model.SPDXJSON:
		return spdx.Claims(data)
	}
	return false
}

// PeekRoot finds the root component the full decode of data (of the sniffed
// format) would give, without decoding the rest, where that is cheap and
// certain: CycloneDX JSON and XML, SPDX 2 JSON. ok is false when it cannot tell
// (another format, or anything that could make the full decode read the
// root differently); root is nil when the document names none. It does not
// check that the rest of the document is well-formed.
func PeekRoot(format model.Format, data []byte) (root *model.Component, ok bool) {
	switch format {
	case model.CycloneDXJSON:
		return cyclonedx.PeekRoot(data)
	case model.CycloneDXXML:
		return cyclonedx.PeekRootXML(data)
	case model.SPDXJSON:
		return spdx.PeekRoot(data)
	}
	return nil, false
}
