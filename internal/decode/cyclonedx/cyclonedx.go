// Package cyclonedx decodes CycloneDX JSON and XML BOMs (specification 1.0
// to 1.7) into a model.Document: components, containment, dependencies and
// who made and owns the BOM. JSON is read by a scanner of its own (scan.go)
// where it answers as cyclonedx-go would, and by cyclonedx-go elsewhere;
// XML by cyclonedx-go. Claims and PeekRoot answer the prefilter cheaply.
//
// It reads bytes handed to it: no files, no other formats, nothing about
// services or queries. It must not reject a readable BOM for a fault in a
// part sbomx does not use (it reads leniently and warns instead), and the
// scanner must never answer differently from cyclonedx-go.
package cyclonedx

import (
	"bytes"
	"cmp"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sbomx/sbomx/pkg/model"
)

// nsPrefix is the XML namespace of every CycloneDX BOM, followed by the
// specification version ("http://cyclonedx.org/schema/bom/1.6").
const nsPrefix = "http://cyclonedx.org/schema/bom/"

// rootRef is the synthetic Ref of a root component that has no bom-ref.
const rootRef = "sbomx:root"

// knownVersion reports whether cyclonedx-go understands specification
// version v.
func knownVersion(v string) bool {
	switch v {
	case "1.0", "1.1", "1.2", "1.3", "1.4", "1.5", "1.6", "1.7":
		return true
	}
	return false
}

// latestVersion is the newest specification version cyclonedx-go knows;
// documents claiming a version it does not know are read as this one.
const latestVersion = "1.7"

// Sniff reports whether data looks like a CycloneDX BOM and which encoding.
// It is cheap: it checks the first non-space byte ('{' or '<') and looks for
// "bomFormat" (JSON) or a bom element in the CycloneDX namespace (XML).
func Sniff(data []byte) (model.Format, bool) {
	data = trimLeading(data)
	if len(data) == 0 {
		return "", false
	}
	switch data[0] {
	case '{':
		if bytes.Contains(data, []byte(`"bomFormat"`)) {
			return model.CycloneDXJSON, true
		}
	case '<':
		if bytes.Contains(data, []byte(nsPrefix)) &&
			(bytes.Contains(data, []byte("<bom")) || bytes.Contains(data, []byte(":bom"))) {
			return model.CycloneDXXML, true
		}
	}
	return "", false
}

// Decode decodes one CycloneDX JSON or XML document (spec 1.0 to 1.7) into a
// model.Document. It returns an error wrapping model.ErrNotSBOM if the data is
// well-formed JSON or XML but not a CycloneDX BOM.
//
// Decode is lenient: when cyclonedx-go rejects parts of a readable document
// that sbomx does not need (or a specification version it does not know), the
// document is read without them and Document.Warnings says so.
//
// JSON is read in up to two stages: a hand-written scanner (decodeScan)
// that reads only what sbomx uses, then cyclonedx-go (decodeSlow). The
// scanner answers only where it is sure to answer as cyclonedx-go, with one
// exception: it reads only what sbomx uses and does not warn about schema
// faults in the rest (a field of the wrong JSON type that sbomx never reads),
// where cyclonedx-go rejects the document and the slow path reads it
// leniently with a "read leniently, skipped fields sbomx does not use"
// warning.
func Decode(data []byte) (*model.Document, error) {
	return DecodeOptions(data, Options{})
}

// Options tune Decode for speed.
type Options struct {
	// SkipHashes may leave Component.Hashes empty: the caller asks for no
	// hash. (Only the scanner honours it; the slow path reads them.)
	SkipHashes bool
}

// DecodeOptions is Decode with options.
func DecodeOptions(data []byte, opt Options) (*model.Document, error) {
	if doc, ok := decodeScan(data, opt); ok {
		return doc, nil
	}
	return decodeSlow(data)
}

// decodeSlow is Decode with cyclonedx-go's full model: it answers for every
// input, and decodeScan answers only where it gives the same answer.
func decodeSlow(data []byte) (*model.Document, error) {
	data = trimLeading(data)
	if len(data) == 0 {
		return nil, fmt.Errorf("cyclonedx: empty input: %w", model.ErrNotSBOM)
	}
	var (
		r   *read
		err error
	)
	switch data[0] {
	case '{', '[':
		r, err = readJSON(data)
	case '<':
		r, err = readXML(data)
	default:
		return nil, fmt.Errorf("cyclonedx: neither JSON nor XML: %w", model.ErrNotSBOM)
	}
	if err != nil {
		return nil, err
	}
	doc := convert(r.bom)
	doc.Format = r.format
	doc.SpecVersion = r.specVersion
	doc.Warnings = append(r.warnings, doc.Warnings...)
	return doc, nil
}

// read is the outcome of the encoding-specific first stage.
type read struct {
	bom         *cdx.BOM
	format      model.Format
	specVersion string
	warnings    []string
}

// decodeBOM runs cyclonedx-go on data, turning a panic into an error.
func decodeBOM(data []byte, format cdx.BOMFileFormat) (bom *cdx.BOM, err error) {
	defer func() {
		if p := recover(); p != nil {
			bom, err = nil, fmt.Errorf("cyclonedx-go panicked: %v", p)
		}
	}()
	bom = new(cdx.BOM)
	if format == cdx.BOMFileFormatJSON {
		// cyclonedx-go's JSON decoder is io.ReadAll, then json.Unmarshal:
		// without the copy, a file-sized allocation (or twice that) less.
		err = json.Unmarshal(data, bom)
	} else {
		err = cdx.NewBOMDecoder(bytes.NewReader(data), format).Decode(bom)
	}
	if err != nil {
		return nil, err
	}
	return bom, nil
}

// trimLeading drops leading white space and a UTF-8 byte order mark.
func trimLeading(data []byte) []byte {
	data = bytes.TrimLeft(data, " \t\r\n")
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	return bytes.TrimLeft(data, " \t\r\n")
}

// convert maps a decoded BOM onto a model.Document (Format, SpecVersion and
// the decoder's warnings are filled in by the caller).
func convert(bom *cdx.BOM) *model.Document {
	c := converter{doc: &model.Document{}, used: map[string]bool{}}
	c.collectRefs(bom)

	var root *cdx.Component
	if bom.Metadata != nil {
		root = bom.Metadata.Component
	}
	c.addRoot(root)
	if bom.Components != nil {
		for i := range *bom.Components {
			comp := &(*bom.Components)[i]
			if root != nil && root.BOMRef != "" && comp.BOMRef == root.BOMRef {
				// The root listed again: keep only what it contains.
				c.walk(comp.Components, root.BOMRef)
				continue
			}
			c.add(comp, "")
		}
	}
	c.dependencies(bom.Dependencies)
	c.doc.Meta = meta(bom.Metadata)
	return c.doc
}

// converter accumulates a Document while walking a BOM.
type converter struct {
	doc  *model.Document
	used map[string]bool // every bom-ref in the document, and every synthetic Ref handed out
	next int             // counter for synthetic component Refs
}

// collectRefs records every real bom-ref so synthetic Refs never collide.
func (c *converter) collectRefs(bom *cdx.BOM) {
	if bom.Metadata != nil {
		c.collectRoot(bom.Metadata.Component)
	}
	c.collectCDX(bom.Components)
}

// collectRoot records the bom-refs of the root component (nil: none) and
// of the components nested in it.
func (c *converter) collectRoot(root *cdx.Component) {
	if root == nil {
		return
	}
	if r := root.BOMRef; r != "" {
		c.used[r] = true
	}
	c.collectCDX(root.Components)
}

// collectCDX records the bom-refs of list's components, nested ones too.
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

// fresh returns base, or base with a numeric suffix, unused in the document.
func (c *converter) fresh(base string) string {
	ref := base
	for i := 2; c.used[ref]; i++ {
		ref = base + ":" + strconv.Itoa(i)
	}
	c.used[ref] = true
	return ref
}

// syntheticRef returns a new document-unique Ref for a component without one.
func (c *converter) syntheticRef() string {
	for {
		c.next++
		ref := "sbomx:component:" + strconv.Itoa(c.next)
		if !c.used[ref] {
			c.used[ref] = true
			return ref
		}
	}
}

// addRoot makes root (nil: none) the document's root, under a fresh Ref
// when it has no bom-ref, and adds the components it contains.
func (c *converter) addRoot(root *cdx.Component) {
	if root == nil {
		return
	}
	ref := root.BOMRef
	if ref == "" {
		ref = c.fresh(rootRef)
	}
	rc := c.component(root, ref)
	c.doc.Root = &rc
	c.walk(root.Components, ref)
}

// walk adds every component of list (and, depth first, their children) as
// contained in parent.
func (c *converter) walk(list *[]cdx.Component, parent string) {
	if list == nil {
		return
	}
	for i := range *list {
		c.add(&(*list)[i], parent)
	}
}

// add appends comp to the document, then its children; parent, when not
// empty, contains comp.
func (c *converter) add(comp *cdx.Component, parent string) {
	ref := comp.BOMRef
	if ref == "" {
		ref = c.syntheticRef()
	}
	c.doc.Components = append(c.doc.Components, c.component(comp, ref))
	if parent != "" {
		c.doc.Containment = append(c.doc.Containment, model.Edge{From: parent, To: ref})
	}
	c.walk(comp.Components, ref)
}

// component converts one component (without its children) under ref.
func (c *converter) component(comp *cdx.Component, ref string) model.Component {
	m := model.Component{
		Ref:     ref,
		Name:    strings.TrimSpace(comp.Name),
		Group:   strings.TrimSpace(comp.Group),
		Version: strings.TrimSpace(comp.Version),
		PURL:    strings.TrimSpace(comp.PackageURL),
		Type:    strings.ToLower(strings.TrimSpace(string(comp.Type))),
	}
	if comp.Hashes != nil {
		for _, h := range *comp.Hashes {
			if s, ok := hash(h); ok {
				m.Hashes = append(m.Hashes, s)
			}
		}
	}
	if comp.ExternalReferences != nil {
		for _, r := range *comp.ExternalReferences {
			if r.Type == cdx.ERTypeDistribution || r.Type == cdx.ERTypeDistributionIntake {
				m.AddSource(r.URL)
			}
		}
	}
	if m.Name == "" {
		c.warn("component %s has no name", ref)
	}
	model.IdentifyComponent(&m)
	return m
}

// hash renders a CycloneDX hash as "alg:hex": algorithm lower case without
// dashes ("SHA-256" -> "sha256"), value lower case.
func hash(h cdx.Hash) (string, bool) {
	alg := strings.ToLower(strings.ReplaceAll(strings.TrimSpace(string(h.Algorithm)), "-", ""))
	val := strings.ToLower(strings.TrimSpace(h.Value))
	if alg == "" || val == "" {
		return "", false
	}
	return alg + ":" + val, true
}

// dependencies turns dependencies[] into "From depends on To" edges. Edges to
// refs the document does not define are kept: the graph layer reports them.
func (c *converter) dependencies(deps *[]cdx.Dependency) {
	if deps == nil {
		return
	}
	for _, d := range *deps {
		if d.Dependencies == nil {
			continue
		}
		if d.Ref == "" {
			c.warn("dependency without ref ignored")
			continue
		}
		for _, to := range *d.Dependencies {
			if to == "" {
				c.warn("dependency of %s with empty ref ignored", d.Ref)
				continue
			}
			c.doc.Dependencies = append(c.doc.Dependencies, model.Edge{From: d.Ref, To: to})
		}
	}
}

func (c *converter) warn(format string, args ...any) {
	c.doc.Warnings = append(c.doc.Warnings, fmt.Sprintf(format, args...))
}

// meta collects what the metadata says about the described component's
// owner: only metadata.component's supplier, manufacturer and authors, and
// properties. The document's own authors, tools, supplier and manufacturer
// say who made the SBOM (cdxgen names its maintainer in metadata.authors),
// so they go to Creators, never to an owner.
func meta(md *cdx.Metadata) model.Meta {
	var m model.Meta
	if md == nil {
		return m
	}
	root := md.Component
	if root == nil {
		root = &cdx.Component{}
	}
	m.Supplier = party(root.Supplier, "metadata.component.supplier")
	m.Manufacturer = party(root.Manufacturer, "metadata.component.manufacturer")
	var authors strset
	if root.Authors != nil {
		for _, a := range *root.Authors {
			if authors.add(cmp.Or(strings.TrimSpace(a.Name), a.Email)) {
				m.Authors = append(m.Authors, model.Party{Name: authors.last(), Field: "metadata.component.authors"})
			}
		}
	}
	if authors.add(root.Author) {
		m.Authors = append(m.Authors, model.Party{Name: authors.last(), Field: "metadata.component.author"})
	}
	m.Creators = creators(md)
	for _, props := range []struct {
		list  *[]cdx.Property
		field string
	}{{md.Properties, "metadata.properties"}, {root.Properties, "metadata.component.properties"}} {
		if props.list == nil {
			continue
		}
		for _, p := range *props.list {
			if p.Name == "" && p.Value == "" {
				continue
			}
			m.Properties = append(m.Properties, model.Property{Name: p.Name, Value: p.Value, Field: props.field})
		}
	}
	return m
}

// creators lists who and what made the SBOM: the document's authors,
// manufacturer and supplier, then its tools ("name@version").
func creators(md *cdx.Metadata) []string {
	var out strset
	if md.Authors != nil {
		for _, a := range *md.Authors {
			out.add(cmp.Or(strings.TrimSpace(a.Name), a.Email))
		}
	}
	for _, e := range []*cdx.OrganizationalEntity{md.Manufacturer, md.Manufacture, md.Supplier} {
		if e != nil {
			out.add(e.Name)
		}
	}
	if t := md.Tools; t != nil {
		if t.Tools != nil {
			for _, tool := range *t.Tools {
				out.add(nameAt(tool.Name, tool.Version))
			}
		}
		if t.Components != nil {
			for _, tc := range *t.Components {
				out.add(nameAt(tc.Name, tc.Version))
			}
		}
		if t.Services != nil {
			for _, ts := range *t.Services {
				out.add(nameAt(ts.Name, ts.Version))
			}
		}
	}
	return out.list
}

// party is an entity's name with the field it came from; empty when unnamed.
func party(e *cdx.OrganizationalEntity, field string) model.Party {
	if e == nil || strings.TrimSpace(e.Name) == "" {
		return model.Party{}
	}
	return model.Party{Name: strings.TrimSpace(e.Name), Field: field}
}

// nameAt renders a tool as "name@version", or just the name.
func nameAt(name, version string) string {
	name, version = strings.TrimSpace(name), strings.TrimSpace(version)
	if name == "" || version == "" {
		return name
	}
	return name + "@" + version
}

// strset is an insertion-ordered set of non-empty strings.
type strset struct {
	list []string
	seen map[string]bool
}

// add adds v, trimmed, and reports whether it was new and not empty.
func (s *strset) add(v string) bool {
	v = strings.TrimSpace(v)
	if v == "" || s.seen[v] {
		return false
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[v] = true
	s.list = append(s.list, v)
	return true
}

// last is the value added last.
func (s *strset) last() string { return s.list[len(s.list)-1] }

// errNotBOM wraps model.ErrNotSBOM with a reason.
func errNotBOM(format string, args ...any) error {
	return fmt.Errorf("cyclonedx: %s: %w", fmt.Sprintf(format, args...), model.ErrNotSBOM)
}
