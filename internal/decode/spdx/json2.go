package spdx

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/sbomx/sbomx/pkg/model"
)

// SPDX 2.x JSON, only the fields sbomx needs. Mistyped values are skipped by
// encoding/json (see typeWarning), so a schema nit does not lose the document.
type json2Doc struct {
	SPDXVersion       string   `json:"spdxVersion"`
	SPDXID            string   `json:"SPDXID"`
	Name              string   `json:"name"`
	DocumentDescribes []string `json:"documentDescribes"`
	CreationInfo      struct {
		Creators []string `json:"creators"`
	} `json:"creationInfo"`
	Packages      []*json2Package `json:"packages"`
	Files         []*json2Element `json:"files"`
	Snippets      []*json2Element `json:"snippets"`
	Relationships []*json2Rel     `json:"relationships"`
}

type json2Element struct {
	SPDXID string `json:"SPDXID"`
}

type json2Package struct {
	SPDXID                string `json:"SPDXID"`
	Name                  string `json:"name"`
	VersionInfo           string `json:"versionInfo"`
	DownloadLocation      string `json:"downloadLocation"`
	Supplier              string `json:"supplier"`
	Originator            string `json:"originator"`
	PrimaryPackagePurpose string `json:"primaryPackagePurpose"`
	Checksums             []*struct {
		Algorithm     string `json:"algorithm"`
		ChecksumValue string `json:"checksumValue"`
	} `json:"checksums"`
	ExternalRefs []*struct {
		ReferenceCategory string `json:"referenceCategory"`
		ReferenceType     string `json:"referenceType"`
		ReferenceLocator  string `json:"referenceLocator"`
	} `json:"externalRefs"`
}

// info maps a package (nil: none) to the model. One without an SPDXID
// gets a generatedRef (unnamed counts them), one without a name either is
// dropped (ok false).
func (p *json2Package) info(unnamed *int) (pkgInfo, bool) {
	if p == nil {
		return pkgInfo{}, false
	}
	c := model.Component{
		Ref:     strings.TrimSpace(p.SPDXID),
		Name:    p.Name,
		Version: p.VersionInfo,
		Type:    strings.ToLower(strings.TrimSpace(p.PrimaryPackagePurpose)),
	}
	if c.Ref == "" {
		if c.Name == "" {
			return pkgInfo{}, false
		}
		*unnamed++
		c.Ref = generatedRef(*unnamed)
	}
	for _, ck := range p.Checksums {
		if ck == nil {
			continue
		}
		if h := hashString(ck.Algorithm, ck.ChecksumValue); h != "" {
			c.Hashes = append(c.Hashes, h)
		}
	}
	c.PURL = p.purl()
	c.AddSource(p.DownloadLocation)
	model.IdentifyComponent(&c)
	pi := pkgInfo{comp: c, supplier: strings.TrimSpace(p.Supplier)}
	if o := strings.TrimSpace(p.Originator); o != "" {
		pi.originator = []string{o}
	}
	return pi, true
}

// purl is the locator of the package's first purl reference that has one:
// decodeJSON2 and PeekRoot must agree on it.
func (p *json2Package) purl() string {
	for _, ref := range p.ExternalRefs {
		if ref != nil && isPURLType(ref.ReferenceType) {
			if loc := strings.TrimSpace(ref.ReferenceLocator); loc != "" {
				return loc
			}
		}
	}
	return ""
}

type json2Rel struct {
	SPDXElementID      string `json:"spdxElementId"`
	RelationshipType   string `json:"relationshipType"`
	RelatedSPDXElement string `json:"relatedSpdxElement"`
}

// decodeJSON2 reads SPDX 2 JSON with encoding/json: the slow path of
// decodeJSON, and the reader of YAML and XML once converted to JSON.
func decodeJSON2(data []byte) (*raw, error) {
	var d json2Doc
	warn, err := typeWarning(json.Unmarshal(data, &d))
	if err != nil {
		return nil, err
	}
	r := &raw{
		format:    model.SPDXJSON,
		spec:      strings.TrimSpace(d.SPDXVersion),
		docID:     strings.TrimSpace(d.SPDXID),
		docName:   d.Name,
		describes: d.DocumentDescribes,
		creators:  d.CreationInfo.Creators,
	}
	if warn != "" {
		r.warnings = append(r.warnings, warn)
	}
	if r.spec == "" {
		return nil, fmt.Errorf("spdx: spdxVersion is empty: %w", model.ErrNotSBOM)
	}
	for _, f := range d.Files {
		if f != nil {
			r.addElem(strings.TrimSpace(f.SPDXID), kindFile)
		}
	}
	for _, s := range d.Snippets {
		if s != nil {
			r.addElem(strings.TrimSpace(s.SPDXID), kindSnippet)
		}
	}
	unnamed := 0
	for _, p := range d.Packages {
		if pi, ok := p.info(&unnamed); ok {
			r.pkgs = append(r.pkgs, pi)
		}
	}
	r.warnGeneratedRefs(unnamed)
	for _, rl := range d.Relationships {
		if rl == nil || rl.RelationshipType == "" {
			continue
		}
		r.rels = append(r.rels, rel{
			from: strings.TrimSpace(rl.SPDXElementID),
			typ:  rl.RelationshipType,
			to:   []string{strings.TrimSpace(rl.RelatedSPDXElement)},
		})
	}
	return r, nil
}
