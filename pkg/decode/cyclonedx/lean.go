package cyclonedx

import (
	"bytes"
	"encoding/json"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sbomx/sbomx/pkg/internal/jsonx"
	"github.com/sbomx/sbomx/pkg/model"
)

// The fast path decodes CycloneDX JSON with goccy/go-json (jsonx) into the
// lean types below instead of cyclonedx-go's full model. The lean types
// mirror cdx.BOM and cdx.Component field for field (same JSON names, same
// JSON kinds; TestLeanMirrorsCDX checks it), so that a document which
// cyclonedx-go would reject (a field of an unexpected JSON type anywhere) is
// rejected here as well, and Decode then takes the slow path. Fields sbomx
// reads are decoded; fields it does not read are only type-checked, into
// zero-size types that keep nothing. Small or rare parts (metadata,
// dependencies, services, ...) are decoded into the cyclonedx-go types
// themselves.

// leanBOM mirrors cdx.BOM (JSON fields).
type leanBOM struct {
	JSONSchema         text                     `json:"$schema"`
	BOMFormat          keyValue                 `json:"bomFormat"`
	SpecVersion        keyValue                 `json:"specVersion"`
	SerialNumber       text                     `json:"serialNumber"`
	Version            int                      `json:"version"`
	Metadata           *cdx.Metadata            `json:"metadata"`
	Components         *[]leanComponent         `json:"components"`
	Services           *[]cdx.Service           `json:"services"`
	ExternalReferences *[]cdx.ExternalReference `json:"externalReferences"`
	Dependencies       *[]cdx.Dependency        `json:"dependencies"`
	Compositions       *[]cdx.Composition       `json:"compositions"`
	Properties         *[]cdx.Property          `json:"properties"`
	Vulnerabilities    *[]cdx.Vulnerability     `json:"vulnerabilities"`
	Annotations        *[]cdx.Annotation        `json:"annotations"`
	Formulation        *[]cdx.Formula           `json:"formulation"`
	Declarations       *cdx.Declarations        `json:"declarations"`
	Definitions        *cdx.Definitions         `json:"definitions"`
	Citations          *[]cdx.Citation          `json:"citations"`
	Signature          *cdx.JSFSignature        `json:"signature"`
}

// leanComponent mirrors cdx.Component; only the fields a non-root
// component contributes to the model are kept.
type leanComponent struct {
	BOMRef             string                  `json:"bom-ref"`
	MIMEType           text                    `json:"mime-type"`
	Type               string                  `json:"type"`
	Supplier           entityV                 `json:"supplier"`
	Manufacturer       entityV                 `json:"manufacturer"`
	Author             text                    `json:"author"`
	Authors            []contactV              `json:"authors"`
	Publisher          text                    `json:"publisher"`
	Group              string                  `json:"group"`
	Name               string                  `json:"name"`
	Version            string                  `json:"version"`
	Description        text                    `json:"description"`
	Scope              text                    `json:"scope"`
	Hashes             []cdx.Hash              `json:"hashes"`
	Licenses           []licenseChoiceV        `json:"licenses"`
	Copyright          text                    `json:"copyright"`
	CPE                text                    `json:"cpe"`
	PackageURL         string                  `json:"purl"`
	OmniborID          []text                  `json:"omniborId"`
	SWHID              []text                  `json:"swhid"`
	SWID               *cdx.SWID               `json:"swid"`
	Modified           *bool                   `json:"modified"`
	Pedigree           *cdx.Pedigree           `json:"pedigree"`
	ExternalReferences []leanExternalReference `json:"externalReferences"`
	Properties         []propertyV             `json:"properties"`
	Components         []leanComponent         `json:"components"`
	Evidence           *cdx.Evidence           `json:"evidence"`
	ReleaseNotes       *cdx.ReleaseNotes       `json:"releaseNotes"`
	ModelCard          *cdx.MLModelCard        `json:"modelCard"`
	Data               *[]cdx.ComponentData    `json:"data"`
	CryptoProperties   *cdx.CryptoProperties   `json:"cryptoProperties"`
	Tags               []text                  `json:"tags"`
	IsExternal         *bool                   `json:"isExternal"`
	PatentAssertions   *[]cdx.PatentAssertion  `json:"patentAssertions"`
	VersionRange       text                    `json:"versionRange"`
	Signature          *cdx.JSFSignature       `json:"signature"`
}

// leanExternalReference mirrors cdx.ExternalReference.
type leanExternalReference struct {
	URL        string      `json:"url"`
	Comment    text        `json:"comment"`
	Hashes     []hashV     `json:"hashes"`
	Type       string      `json:"type"`
	Properties []propertyV `json:"properties"`
}

// The types below only check JSON kinds, like the cyclonedx-go types they
// mirror, and keep nothing.

// text checks a string field: a JSON string or null, anything else is a type
// error (as for a Go string). It is zero-size and keeps nothing.
type text struct{}

// UnmarshalText accepts any string.
func (*text) UnmarshalText([]byte) error { return nil }

// hashV mirrors cdx.Hash.
type hashV struct {
	Algorithm text `json:"alg"`
	Value     text `json:"content"`
}

// propertyV mirrors cdx.Property.
type propertyV struct {
	Name  text `json:"name"`
	Value text `json:"value"`
}

// contactV mirrors cdx.OrganizationalContact.
type contactV struct {
	BOMRef text `json:"bom-ref"`
	Name   text `json:"name"`
	Email  text `json:"email"`
	Phone  text `json:"phone"`
}

// entityV mirrors cdx.OrganizationalEntity.
type entityV struct {
	BOMRef  text       `json:"bom-ref"`
	Name    text       `json:"name"`
	Address addressV   `json:"address"`
	URL     []text     `json:"url"`
	Contact []contactV `json:"contact"`
}

// addressV mirrors cdx.PostalAddress.
type addressV struct {
	BOMRef              text `json:"bom-ref"`
	Country             text `json:"country"`
	Region              text `json:"region"`
	Locality            text `json:"locality"`
	PostOfficeBoxNumber text `json:"postOfficeBoxNumber"`
	PostalCode          text `json:"postalCode"`
	StreetAddress       text `json:"streetAddress"`
}

// licenseChoiceV mirrors cdx.LicenseChoice.
type licenseChoiceV struct {
	License           licenseV                       `json:"license"`
	Expression        text                           `json:"expression"`
	ExpressionDetails *[]cdx.LicenseExpressionDetail `json:"expressionDetails"`
	Acknowledgement   text                           `json:"acknowledgement"`
	BOMRef            text                           `json:"bom-ref"`
	Licensing         *cdx.Licensing                 `json:"licensing"`
	Properties        []propertyV                    `json:"properties"`
}

// licenseV mirrors cdx.License.
type licenseV struct {
	BOMRef          text           `json:"bom-ref"`
	ID              text           `json:"id"`
	Name            text           `json:"name"`
	Acknowledgement text           `json:"acknowledgement"`
	Text            attachedTextV  `json:"text"`
	URL             text           `json:"url"`
	Licensing       *cdx.Licensing `json:"licensing"`
	Properties      []propertyV    `json:"properties"`
}

// attachedTextV mirrors cdx.AttachedText.
type attachedTextV struct {
	Content     text `json:"content"`
	ContentType text `json:"contentType"`
	Encoding    text `json:"encoding"`
}

// keyValue records the values of every top-level key that encoding/json
// (and goccy/go-json) match to a field, whatever their case: the slow path
// reads bomFormat and specVersion by their exact key, so the fast path only
// answers when there is exactly one such key.
type keyValue struct {
	n   int
	raw []byte
}

// UnmarshalJSON counts the value and keeps it (the bytes are a copy).
func (k *keyValue) UnmarshalJSON(b []byte) error {
	k.n++
	k.raw = b
	return nil
}

// decodeFast decodes a CycloneDX JSON document with the lean types. It
// answers (ok) only when it is sure the slow path (decodeSlow) would answer
// exactly the same; otherwise the caller runs the slow path.
func decodeFast(data []byte) (doc *model.Document, ok bool) {
	defer func() {
		if p := recover(); p != nil {
			doc, ok = nil, false
		}
	}()
	data = trimLeading(data)
	if len(data) == 0 || data[0] != '{' {
		return nil, false
	}
	var b leanBOM
	if err := jsonx.Unmarshal(data, &b); err != nil {
		return nil, false
	}
	r := read{format: model.CycloneDXJSON}

	// bomFormat: exactly one top-level key, spelled "bomFormat", a string.
	if b.BOMFormat.n != 1 {
		return nil, false
	}
	var bomFormat string
	if b.BOMFormat.raw[0] != '"' || json.Unmarshal(b.BOMFormat.raw, &bomFormat) != nil {
		return nil, false
	}
	switch {
	case bomFormat == cdx.BOMFormat:
	case strings.EqualFold(strings.TrimSpace(bomFormat), cdx.BOMFormat):
		r.warnf("bomformat %q read as %q", bomFormat, cdx.BOMFormat)
	default:
		return nil, false
	}

	// specVersion: absent, or one key spelled "specVersion" holding a known
	// version as a string (anything else makes the slow path rewrite it).
	want := []string{"bomFormat"}
	switch b.SpecVersion.n {
	case 0:
		r.warnf("no specversion")
	case 1:
		var v string
		if b.SpecVersion.raw[0] != '"' || json.Unmarshal(b.SpecVersion.raw, &v) != nil || !knownVersion(v) {
			return nil, false
		}
		r.specVersion = v
		want = append(want, "specVersion")
	default:
		return nil, false
	}
	if !hasTopKeys(data, want) {
		return nil, false
	}

	doc = convertLean(&b)
	doc.Format = r.format
	doc.SpecVersion = r.specVersion
	doc.Warnings = append(r.warnings, doc.Warnings...)
	return doc, true
}

// hasTopKeys reports whether the top-level object in data has every key of
// want spelled exactly so (without escapes). It stops as soon as all are
// found; on anything unexpected it answers false.
func hasTopKeys(data []byte, want []string) bool {
	found := 0
	i := skipSpace(data, 1)
	for i < len(data) {
		if data[i] != '"' {
			return false
		}
		end := stringEnd(data, i)
		if end < 0 {
			return false
		}
		key := data[i+1 : end-1]
		if bytes.IndexByte(key, '\\') >= 0 {
			return false
		}
		for _, w := range want {
			if string(key) == w {
				found++
			}
		}
		if found == len(want) {
			return true
		}
		i = skipSpace(data, end)
		if i >= len(data) || data[i] != ':' {
			return false
		}
		if i = skipValue(data, skipSpace(data, i+1)); i < 0 {
			return false
		}
		i = skipSpace(data, i)
		if i >= len(data) || data[i] != ',' {
			return false
		}
		i = skipSpace(data, i+1)
	}
	return false
}

func skipSpace(data []byte, i int) int {
	for i < len(data) {
		switch data[i] {
		case ' ', '\t', '\r', '\n':
			i++
		default:
			return i
		}
	}
	return i
}

// stringEnd returns the index after the string starting at data[i] ('"'),
// or -1.
func stringEnd(data []byte, i int) int {
	i++
	for {
		j := bytes.IndexByte(data[i:], '"')
		if j < 0 {
			return -1
		}
		i += j
		n := 0
		for k := i - 1; k >= 0 && data[k] == '\\'; k-- {
			n++
		}
		i++
		if n%2 == 0 {
			return i
		}
	}
}

// skipValue returns the index after the value starting at data[i], or -1.
// The document is known to be valid JSON (goccy/go-json decoded it).
func skipValue(data []byte, i int) int {
	depth := 0
	for i < len(data) {
		switch data[i] {
		case '"':
			if i = stringEnd(data, i); i < 0 {
				return -1
			}
			if depth == 0 {
				return i
			}
			continue
		case '{', '[':
			depth++
		case '}', ']':
			depth--
			if depth < 0 {
				return -1
			}
			if depth == 0 {
				return i + 1
			}
		case ',', ' ', '\t', '\r', '\n', ':':
			if depth == 0 {
				return i
			}
		}
		i++
	}
	if depth == 0 {
		return i
	}
	return -1
}

// convertLean is convert for a leanBOM: the same walk, the same Refs, the
// same warnings, in the same order.
func convertLean(b *leanBOM) *model.Document {
	c := converter{doc: &model.Document{}, used: map[string]bool{}}

	var root *cdx.Component
	if b.Metadata != nil {
		root = b.Metadata.Component
	}
	// collectRefs
	if root != nil {
		if r := root.BOMRef; r != "" {
			c.used[r] = true
		}
		c.collectCDX(root.Components)
	}
	if b.Components != nil {
		c.collectLean(*b.Components)
	}

	n := 0
	if b.Components != nil {
		n = len(*b.Components)
	}
	c.doc.Components = make([]model.Component, 0, n)

	if root != nil {
		ref := root.BOMRef
		if ref == "" {
			ref = c.fresh(rootRef)
		}
		rc := c.component(root, ref)
		c.doc.Root = &rc
		c.walk(root.Components, ref)
	}
	if b.Components != nil {
		for i := range *b.Components {
			comp := &(*b.Components)[i]
			if root != nil && root.BOMRef != "" && comp.BOMRef == root.BOMRef {
				c.walkLean(comp.Components, root.BOMRef)
				continue
			}
			c.addLean(comp, "")
		}
	}
	if len(c.doc.Components) == 0 {
		c.doc.Components = nil
	}
	c.dependencies(b.Dependencies)
	c.doc.Meta = meta(b.Metadata)
	return c.doc
}

func (c *converter) collectCDX(list *[]cdx.Component) {
	if list == nil {
		return
	}
	for i := range *list {
		if r := (*list)[i].BOMRef; r != "" {
			c.used[r] = true
		}
		c.collectCDX((*list)[i].Components)
	}
}

func (c *converter) collectLean(list []leanComponent) {
	for i := range list {
		if r := list[i].BOMRef; r != "" {
			c.used[r] = true
		}
		c.collectLean(list[i].Components)
	}
}

func (c *converter) walkLean(list []leanComponent, parent string) {
	for i := range list {
		c.addLean(&list[i], parent)
	}
}

func (c *converter) addLean(comp *leanComponent, parent string) {
	ref := comp.BOMRef
	if ref == "" {
		ref = c.syntheticRef()
	}
	c.doc.Components = append(c.doc.Components, c.componentLean(comp, ref))
	if parent != "" {
		c.doc.Containment = append(c.doc.Containment, model.Edge{From: parent, To: ref})
	}
	c.walkLean(comp.Components, ref)
}

// componentLean is component for a leanComponent.
func (c *converter) componentLean(comp *leanComponent, ref string) model.Component {
	m := model.Component{
		Ref:     ref,
		Name:    strings.TrimSpace(comp.Name),
		Group:   strings.TrimSpace(comp.Group),
		Version: strings.TrimSpace(comp.Version),
		PURL:    strings.TrimSpace(comp.PackageURL),
		Type:    strings.ToLower(strings.TrimSpace(comp.Type)),
	}
	for _, h := range comp.Hashes {
		if s, ok := hash(h); ok {
			m.Hashes = append(m.Hashes, s)
		}
	}
	for _, r := range comp.ExternalReferences {
		if t := cdx.ExternalReferenceType(r.Type); t == cdx.ERTypeDistribution || t == cdx.ERTypeDistributionIntake {
			m.AddSource(r.URL)
		}
	}
	if m.Name == "" {
		c.warn("component %s has no name", ref)
	}
	model.IdentifyComponent(&m)
	return m
}
