// Package spdx decodes SPDX 2 (JSON, YAML, XML, RDF/XML, tag-value) and
// SPDX 3.0 JSON-LD documents into a model.Document. Each syntax has a reader
// that collects a format-neutral raw form; build maps that onto the model
// (the root selection and relationship mapping below), so the mapping is
// written once for every syntax.
//
// It reads bytes handed to it: no files, no other formats, nothing about
// services or queries. A reader must not decide what the document means
// (that is build's), and the scanner must never read a document
// differently from encoding/json.
//
// SPDX 2 JSON is read in one pass by a scanner (scan.go, on
// internal/support/jsonscan) wherever it reads the document as encoding/json
// would (decodeJSONSlow), and by encoding/json elsewhere. SPDX 2 YAML and
// XML share the JSON schema: they are converted to the equivalent JSON
// (internal/support/yamlx for YAML; for XML, element names are the JSON field
// names and repeated elements arrays) and read as JSON.
//
// Packages become components (SPDX 2 packages, SPDX 3 software_Package and its
// subclasses ai_AIPackage and dataset_DatasetPackage). Files and snippets are
// not components. Relationship types are compared case-insensitively with
// "_" and "-" ignored, so SPDX 2 spellings (DEPENDS_ON), SPDX 3 spellings
// (dependsOn) and the mix some tools write (SPDX 3 documents with DEPENDS_ON)
// all work. The mapping:
//
//	A DEPENDS_ON B                  dependency A -> B
//	A DEPENDENCY_OF B               dependency B -> A (direction normalised), and the
//	                                scoped forms DEV_, OPTIONAL_, PROVIDED_, TEST_,
//	                                RUNTIME_, BUILD_DEPENDENCY_OF
//	A HAS_PREREQUISITE B            dependency A -> B
//	A PREREQUISITE_FOR B            dependency B -> A
//	A STATIC_LINK / DYNAMIC_LINK B  dependency A -> B (linking is depending)
//	A CONTAINS B                    containment A -> B
//	A CONTAINED_BY B                containment B -> A
//	A PACKAGE_OF B                  containment B -> A (Red Hat links rpms and
//	                                images to their product this way)
//	DOC DESCRIBES X, X DESCRIBED_BY DOC, documentDescribes
//	                                root selection (below)
//	SPDX 3 dependsOn, hasStaticLink, hasDynamicLink, hasPrerequisite
//	                                dependency from -> each to (Relationship and
//	                                LifecycleScopedRelationship alike; the scope is
//	                                not kept)
//	SPDX 3 contains                 containment from -> each to
//	SPDX 3 describes, rootElement of SpdxDocument / software_Sbom (followed through
//	                                nested Sbom elements)
//	                                root selection
//	everything else (GENERATED_FROM, BUILD_TOOL_OF, DEV_TOOL_OF, VARIANT_OF, COPY_OF,
//	ANCESTOR_OF, DESCENDANT_OF, AMENDS, OTHER, licences, ...) is ignored.
//
// Root selection: when exactly one package is described it becomes
// Document.Root and is removed from Components. When several elements are
// described, or the described element is not a package (a file), Root is a
// synthetic component named after the document (Ref = the document's SPDXID)
// with a dependency edge to each described package. Nothing described: Root is nil.
//
// Relationship ends that are files, snippets, other non-package elements,
// NOASSERTION, NONE or in another document (DocumentRef-x:..., SPDX 3 imports)
// are dropped, with one warning per kind. An end naming an SPDXID that is not
// in the document at all is kept (the graph layer reports dangling refs).
// Edges naming the document itself are redirected to the root.
//
// Meta: Supplier is the described package's supplier (SPDX 3: the name of the
// suppliedBy agent), Authors its originator (SPDX 3: originatedBy names),
// Creators the creationInfo creators (SPDX 3: createdBy and createdUsing names).
// NOASSERTION and NONE values are left out.
package spdx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/sbomx/sbomx/pkg/model"
)

// Sniff reports whether data looks like SPDX and which encoding: SPDX 2.x
// JSON (top-level "spdxVersion"), SPDX 2.x tag-value (a line starting
// "SPDXVersion:"), SPDX 3 JSON-LD ("@context" mentioning spdx.org/rdf/3 and an
// "@graph"), SPDX 2.x YAML (an unindented "spdxVersion:" key and no top-level
// bomFormat or apiVersion key) and SPDX 2.x XML (root element SpdxDocument or
// Document and an <spdxVersion> element). YAML and XML have the JSON schema
// and are reported as model.SPDXYAML and model.SPDXXML, and SPDX 2 RDF/XML (an rdf:RDF root
// with the SPDX terms namespace) as model.SPDXRDF. It does not parse.
func Sniff(data []byte) (model.Format, bool) {
	data = trimBOM(data)
	i := firstNonSpace(data)
	if i < 0 {
		return "", false
	}
	switch data[i] {
	case '{':
		if bytes.Contains(data, []byte(`"@graph"`)) && bytes.Contains(data, []byte(`"@context"`)) &&
			bytes.Contains(data, []byte("spdx.org/rdf/3")) {
			return model.SPDX3JSON, true
		}
		if bytes.Contains(data, []byte(`"spdxVersion"`)) {
			return model.SPDXJSON, true
		}
		return "", false
	case '<':
		switch {
		case isRDF(data):
			return model.SPDXRDF, true
		case isSPDXXML(data):
			return model.SPDXXML, true
		}
		return "", false
	case '[':
		return "", false
	}
	if hasTagValueVersion(data) {
		return model.SPDXTagValue, true
	}
	if isSPDXYAML(data) {
		return model.SPDXYAML, true
	}
	return "", false
}

// hasTagValueVersion reports whether a line starts with "SPDXVersion:",
// whatever the line endings.
func hasTagValueVersion(data []byte) bool {
	const tag = "SPDXVersion:"
	for len(data) > 0 {
		line := data
		if j := bytes.IndexAny(data, "\r\n"); j >= 0 {
			line, data = data[:j], data[j+1:]
		} else {
			data = nil
		}
		if bytes.HasPrefix(bytes.TrimLeft(line, " \t"), []byte(tag)) {
			return true
		}
	}
	return false
}

func trimBOM(data []byte) []byte {
	return bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
}

func firstNonSpace(data []byte) int {
	for i, c := range data {
		switch c {
		case ' ', '\t', '\r', '\n':
			continue
		}
		return i
	}
	return -1
}

// Decode decodes SPDX 2 JSON, YAML, XML, RDF/XML or tag-value, or SPDX 3.0
// JSON-LD into a model.Document. Well-formed input that is not SPDX gives
// an error wrapping model.ErrNotSBOM.
func Decode(data []byte) (doc *model.Document, err error) {
	defer func() {
		if r := recover(); r != nil {
			doc, err = nil, fmt.Errorf("spdx: panic while decoding: %v", r)
		}
	}()
	r, err := parse(data)
	if err != nil {
		return nil, err
	}
	return build(r), nil
}

// parse reads any supported encoding into the intermediate form.
func parse(data []byte) (*raw, error) {
	data = trimBOM(data)
	i := firstNonSpace(data)
	if i < 0 {
		return nil, fmt.Errorf("spdx: empty input: %w", model.ErrNotSBOM)
	}
	switch data[i] {
	case '{', '[':
		return decodeJSON(data)
	case '<':
		if isRDF(data) {
			return decodeRDF(data)
		}
		return decodeXML(data)
	}
	if hasTagValueVersion(data) {
		return decodeTagValue(data)
	}
	if isSPDXYAML(data) {
		return decodeYAML(data)
	}
	return nil, fmt.Errorf("spdx: no SPDXVersion tag: %w", model.ErrNotSBOM)
}

// decodeJSON reads SPDX 2 JSON with the scanner (scan.go) where it reads
// the document as decodeJSONSlow would, else with decodeJSONSlow.
func decodeJSON(data []byte) (*raw, error) {
	if r, ok := scanJSON2(data); ok {
		return r, nil
	}
	return decodeJSONSlow(data)
}

// decodeJSONSlow tells SPDX 2 JSON from SPDX 3 JSON-LD by their top-level
// keys, and reads them with encoding/json.
func decodeJSONSlow(data []byte) (*raw, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(data, &top); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return nil, fmt.Errorf("spdx: top-level JSON value is not an object: %w", model.ErrNotSBOM)
		}
		return nil, jsonError(err)
	}
	if _, ok := top["spdxVersion"]; ok {
		return decodeJSON2(data)
	}
	if g, ok := top["@graph"]; ok {
		ctx := top["@context"]
		if bytes.Contains(ctx, []byte("spdx")) || bytes.Contains(g, []byte(`"SpdxDocument"`)) {
			return decodeJSON3(data)
		}
	}
	return nil, fmt.Errorf("spdx: JSON has neither spdxVersion nor an SPDX 3 @graph: %w", model.ErrNotSBOM)
}

// jsonError makes a syntax error readable, calling out truncated input.
func jsonError(err error) error {
	var syn *json.SyntaxError
	if errors.As(err, &syn) {
		if strings.Contains(syn.Error(), "unexpected end") {
			return fmt.Errorf("spdx: truncated JSON (ends at byte %d): %w", syn.Offset, err)
		}
		return fmt.Errorf("spdx: malformed JSON at byte %d: %w", syn.Offset, err)
	}
	if strings.Contains(err.Error(), "unexpected end of JSON input") {
		return fmt.Errorf("spdx: truncated JSON: %w", err)
	}
	return fmt.Errorf("spdx: %w", err)
}

// typeWarning turns a tolerated *json.UnmarshalTypeError into a warning.
// encoding/json skips a mistyped value and decodes the rest, so the document
// is still usable.
func typeWarning(err error) (string, error) {
	if err == nil {
		return "", nil
	}
	var typeErr *json.UnmarshalTypeError
	if errors.As(err, &typeErr) {
		return "ignored a field of unexpected JSON type: " + err.Error(), nil
	}
	return "", jsonError(err)
}

// ---- format-neutral intermediate form ----

type endKind int

const (
	kindFile endKind = iota + 1
	kindSnippet
	kindOther // SPDX 3 element that is neither a package nor a file (agent, licence, ...)
	kindExternal
)

type pkgInfo struct {
	comp       model.Component
	supplier   string
	originator []string
}

type rel struct {
	from, typ string
	to        []string
}

// raw is what each syntax decoder collects; build turns it into a Document.
type raw struct {
	format    model.Format
	spec      string
	docID     string
	docIDs    map[string]bool // ids naming the document itself
	docName   string
	pkgs      []pkgInfo
	elems     map[string]endKind // non-package elements
	rels      []rel
	describes []string // documentDescribes / rootElement
	creators  []string
	warnings  []string
}

// generatedRef is the Ref of the n-th package (counting from 1) that has a
// name but no SPDXID. Every reader numbers them alike, so the scanner, the
// encoding/json path and PeekRoot give a package the same Ref.
func generatedRef(n int) string {
	return "SPDXRef-sbomx-no-spdxid-" + strconv.Itoa(n)
}

// warnGeneratedRefs says, once, how many packages were given a generatedRef.
func (r *raw) warnGeneratedRefs(n int) {
	if n > 0 {
		r.warnings = append(r.warnings, fmt.Sprintf("%d package(s) without SPDXID were given generated refs", n))
	}
}

func (r *raw) addElem(id string, k endKind) {
	if id == "" {
		return
	}
	if r.elems == nil {
		r.elems = map[string]endKind{}
	}
	r.elems[id] = k
}

// relKey normalises a relationship type: lower case, "_" and "-" removed.
func relKey(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	s = strings.ReplaceAll(s, "_", "")
	return strings.ReplaceAll(s, "-", "")
}

type relClass int

const (
	relIgnore  relClass = iota
	relDepFwd           // from depends on to
	relDepRev           // to depends on from
	relContFwd          // from contains to
	relContRev          // to contains from
	relDescribes
	relDescribedBy
)

// classify maps a relationship type, in any of its spellings, to what it
// means for the graph.
func classify(typ string) relClass {
	// The usual spellings first: relKey allocates.
	switch typ {
	case "DEPENDS_ON", "dependsOn":
		return relDepFwd
	case "DEPENDENCY_OF", "DEV_DEPENDENCY_OF":
		return relDepRev
	case "CONTAINS", "contains":
		return relContFwd
	case "CONTAINED_BY", "PACKAGE_OF":
		return relContRev
	case "DESCRIBES", "describes":
		return relDescribes
	case "DESCRIBED_BY":
		return relDescribedBy
	case "GENERATED_FROM", "OTHER", "other":
		return relIgnore
	}
	switch relKey(typ) {
	case "dependson", "hasprerequisite", "staticlink", "dynamiclink", "hasstaticlink", "hasdynamiclink":
		return relDepFwd
	case "dependencyof", "devdependencyof", "optionaldependencyof", "provideddependencyof",
		"testdependencyof", "runtimedependencyof", "builddependencyof", "prerequisitefor":
		return relDepRev
	case "contains":
		return relContFwd
	case "containedby", "packageof":
		return relContRev
	case "describes":
		return relDescribes
	case "describedby":
		return relDescribedBy
	}
	return relIgnore
}

// isNoAssertion reports whether a relationship end names no element:
// NOASSERTION or NONE in any case, or SPDX 3's NoAssertionElement and
// NoneElement.
func isNoAssertion(id string) bool {
	// strings.ToUpper allocates; it keeps the length of ASCII text, and
	// ids are nearly always ASCII and of neither length.
	if t := strings.TrimSpace(id); len(t) == 4 || len(t) == 11 || !isASCII(t) {
		switch strings.ToUpper(t) {
		case "NOASSERTION", "NONE":
			return true
		}
	}
	return strings.HasSuffix(id, "/Core/NoAssertionElement") || strings.HasSuffix(id, "/Core/NoneElement")
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// isExternalRef reports whether an SPDX 2 id names an element of another
// document (DocumentRef-x:SPDXRef-y).
func isExternalRef(id string) bool {
	return strings.HasPrefix(id, "DocumentRef-") && strings.Contains(id, ":")
}

// isNoValue reports whether a text field (a supplier, a creator) says
// nothing: empty, NOASSERTION or NONE.
func isNoValue(s string) bool {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "", "NOASSERTION", "NONE":
		return true
	}
	return false
}

// docRef is the document's own ID, and whether an ID names the document.
func (r *raw) docRef() (string, func(string) bool) {
	docID := r.docID
	if docID == "" {
		docID = "SPDXRef-DOCUMENT"
	}
	return docID, func(id string) bool { return id == docID || id == "SPDXRef-DOCUMENT" || r.docIDs[id] }
}

// firstPackages maps each package SPDXID to its first package.
func (r *raw) firstPackages() map[string]int {
	pkgIdx := make(map[string]int, len(r.pkgs))
	for i, p := range r.pkgs {
		if _, dup := pkgIdx[p.comp.Ref]; !dup {
			pkgIdx[p.comp.Ref] = i
		}
	}
	return pkgIdx
}

// root applies the root selection (see the package comment): what the
// document describes, in order, and the index in r.pkgs of the one
// package described, or -1.
func (r *raw) root(pkgIdx map[string]int, isDoc func(string) bool) (described []string, rootPkg int) {
	seen := map[string]bool{}
	addDescribed := func(id string) {
		id = strings.TrimSpace(id)
		if id == "" || seen[id] || isDoc(id) {
			return
		}
		seen[id] = true
		described = append(described, id)
	}
	for _, id := range r.describes {
		addDescribed(id)
	}
	for _, rl := range r.rels {
		switch classify(rl.typ) {
		case relDescribes:
			// Only the document (or an id naming nothing in it) selects the
			// root: a package or file "describing" another element (an SPDX 3
			// example has a README file describing a data file) does not.
			if !isDoc(rl.from) {
				_, isPkg := pkgIdx[rl.from]
				_, isElem := r.elems[rl.from]
				if isPkg || isElem || isExternalRef(rl.from) {
					continue
				}
			}
			for _, t := range rl.to {
				addDescribed(t)
			}
		case relDescribedBy:
			for _, t := range rl.to {
				if isDoc(t) {
					addDescribed(rl.from)
				}
			}
		}
	}
	rootPkg = -1
	if len(described) == 1 {
		if i, ok := pkgIdx[described[0]]; ok {
			rootPkg = i
		}
	}
	return described, rootPkg
}

// edgeCounts bounds the dependency and containment edges, to size the
// lists once.
func (r *raw) edgeCounts() (deps, conts int) {
	for _, rl := range r.rels {
		switch classify(rl.typ) {
		case relDepFwd, relDepRev:
			deps += len(rl.to)
		case relContFwd, relContRev:
			conts += len(rl.to)
		}
	}
	return deps, conts
}

// syntheticRoot is the root of a document that describes several elements,
// or one that is not a package: named after the document.
func (r *raw) syntheticRoot(docID string) model.Component {
	name := r.docName
	if name == "" {
		name = docID
	}
	root := model.Component{Ref: docID, Name: name}
	model.IdentifyComponent(&root)
	return root
}

// build turns what a syntax reader collected into a Document: the root,
// the components, the relationships as edges, the warnings and creators.
// Each concern is a builder method; build sizes the edge lists once.
func build(r *raw) *model.Document {
	doc := &model.Document{
		Format:      r.format,
		SpecVersion: r.spec,
		Warnings:    r.warnings,
	}
	docID, isDoc := r.docRef()
	b := &builder{r: r, doc: doc, isDoc: isDoc, pkgIdx: r.firstPackages(), dropped: map[string]int{}}
	described, rootPkg := r.root(b.pkgIdx, isDoc)
	nDeps, nConts := r.edgeCounts()
	deps := make([]model.Edge, 0, nDeps+len(described))
	conts := make([]model.Edge, 0, nConts)
	rootRef, deps := b.setRoot(docID, described, rootPkg, deps)
	b.components(rootPkg)
	deps, conts = b.edges(rootRef, deps, conts)
	doc.Dependencies = dedupe(deps)
	doc.Containment = dedupe(conts)
	b.warnDropped()
	doc.Meta.Creators = withValue(r.creators)
	return doc
}

// builder is build's state: what every part of the mapping needs to know
// about the document's ids, and the ends it dropped so far. Nothing read
// from a builder field may leave build (build returns its own doc, the
// root's Ref is passed as an argument): the compiler would then move the
// maps and the closure to the heap, allocations for every document.
type builder struct {
	r       *raw
	doc     *model.Document
	isDoc   func(string) bool // whether an id names the document itself
	pkgIdx  map[string]int    // package SPDXID -> its first package in r.pkgs
	dropped map[string]int    // relationship ends dropped, by reason
}

// setRoot applies the root selection's outcome (see the package comment):
// the one package described becomes the root and lends the document its
// supplier and authors; several described elements, or one that is not a
// package, get a synthetic root that depends on each described package.
// It returns the root's Ref, which edges naming the document point to (""
// without a root), and deps with the synthetic root's edges.
func (b *builder) setRoot(docID string, described []string, rootPkg int, deps []model.Edge) (rootRef string, _ []model.Edge) {
	switch {
	case rootPkg >= 0:
		p := b.r.pkgs[rootPkg]
		c := p.comp
		b.doc.Root = &c
		rootRef = c.Ref
		if !isNoValue(p.supplier) {
			b.doc.Meta.Supplier = model.Party{Name: p.supplier, Field: "described package's supplier"}
		}
		for _, o := range p.originator {
			if !isNoValue(o) {
				b.doc.Meta.Authors = append(b.doc.Meta.Authors, model.Party{Name: o, Field: "described package's originator"})
			}
		}
	case len(described) > 0:
		root := b.r.syntheticRoot(docID)
		b.doc.Root = &root
		rootRef = docID
		for _, id := range described {
			if b.dropReason(id) != "" {
				continue // a described file, snippet, ... is not a dependency
			}
			deps = append(deps, model.Edge{From: docID, To: id})
		}
	}
	return rootRef, deps
}

// components lists every package but the root. Packages that share an
// SPDXID with another (GitHub's export gives each version of a package the
// same one) are kept too: the graph attaches edges naming the ID to each,
// and reports the sharing.
func (b *builder) components(rootPkg int) {
	r := b.r
	if len(r.pkgs) > 1 || rootPkg < 0 && len(r.pkgs) > 0 {
		b.doc.Components = make([]model.Component, 0, len(r.pkgs))
	}
	for i, p := range r.pkgs {
		if i != rootPkg {
			b.doc.Components = append(b.doc.Components, p.comp)
		}
	}
}

// edges maps the dependency and containment relationships onto deps and
// conts, in document order, each edge pointing from the dependent or the
// container.
func (b *builder) edges(rootRef string, deps, conts []model.Edge) ([]model.Edge, []model.Edge) {
	for _, rl := range b.r.rels {
		cls := classify(rl.typ)
		if cls == relIgnore || cls == relDescribes || cls == relDescribedBy {
			continue
		}
		from, okFrom := b.mapEnd(rl.from, rootRef)
		for _, t := range rl.to {
			to, okTo := b.mapEnd(t, rootRef)
			if !okFrom || !okTo {
				continue
			}
			switch cls {
			case relDepFwd:
				deps = append(deps, model.Edge{From: from, To: to})
			case relDepRev:
				deps = append(deps, model.Edge{From: to, To: from})
			case relContFwd:
				conts = append(conts, model.Edge{From: from, To: to})
			case relContRev:
				conts = append(conts, model.Edge{From: to, To: from})
			}
		}
	}
	return deps, conts
}

// mapEnd is the Ref a relationship end stands for: rootRef for the
// document itself, the id as written for a package (or an id naming
// nothing, which the graph reports). ok is false, and the reason counted,
// for an end that is dropped.
func (b *builder) mapEnd(id, rootRef string) (ref string, ok bool) {
	id = strings.TrimSpace(id)
	if b.isDoc(id) {
		if rootRef == "" {
			b.dropped["the document itself (no root)"]++
			return "", false
		}
		return rootRef, true
	}
	if why := b.dropReason(id); why != "" {
		b.dropped[why]++
		return "", false
	}
	return id, true
}

// dropReason says why a relationship end is not a package the graph can
// hold (a file, a snippet, NOASSERTION, ...), or "" to keep it.
func (b *builder) dropReason(id string) string {
	id = strings.TrimSpace(id)
	switch {
	case id == "":
		return "empty"
	case isNoAssertion(id):
		return "NOASSERTION/NONE"
	case isExternalRef(id):
		return "in another document"
	}
	if _, ok := b.pkgIdx[id]; ok {
		return ""
	}
	switch b.r.elems[id] {
	case kindFile:
		return "a file"
	case kindSnippet:
		return "a snippet"
	case kindOther:
		return "not a package"
	case kindExternal:
		return "in another document"
	}
	return ""
}

// warnDropped says, once per reason, how many relationship ends were
// dropped: a generator that links files does it for every file.
func (b *builder) warnDropped() {
	for _, why := range slices.Sorted(maps.Keys(b.dropped)) {
		b.doc.Warnings = append(b.doc.Warnings,
			fmt.Sprintf("dropped %d relationship end(s) that are %s", b.dropped[why], why))
	}
}

// withValue is list without its NOASSERTION, NONE and empty values (nil
// when none is left).
func withValue(list []string) []string {
	var out []string
	for _, v := range list {
		if !isNoValue(v) {
			out = append(out, v)
		}
	}
	return out
}

// dedupe drops self-loops and repeated edges in place, keeping the first:
// a relationship written twice, or both ways (A DEPENDS_ON B and B
// DEPENDENCY_OF A), is one edge.
func dedupe(edges []model.Edge) []model.Edge {
	if len(edges) == 0 {
		return nil
	}
	seen := make(map[model.Edge]bool, len(edges))
	out := edges[:0]
	for _, e := range edges {
		if e.From == e.To || seen[e] {
			continue
		}
		seen[e] = true
		out = append(out, e)
	}
	return out
}

// hashString renders "alg:hex": alg lower case without "-" or "_", hex lower case.
func hashString(alg, value string) string {
	alg = strings.ToLower(strings.TrimSpace(alg))
	alg = strings.NewReplacer("-", "", "_", "").Replace(alg)
	value = strings.ToLower(strings.TrimSpace(value))
	if alg == "" || value == "" {
		return ""
	}
	return alg + ":" + value
}

func isPURLType(t string) bool {
	switch relKey(t) {
	case "purl", "packageurl":
		return true
	}
	return false
}
