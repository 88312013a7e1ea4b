package spdx

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/sbomx/sbomx/pkg/model"
)

// SPDX 3 JSON-LD. Every @graph node is read into one lenient struct; fields
// that may be a reference (a string) or an inline node (an object), one value
// or a list, use nodeRefs.

type json3Doc struct {
	Graph []*node3 `json:"@graph"`
}

type node3 struct {
	Type   nodeRefs `json:"type"` // a string, rarely a list
	AtType nodeRefs `json:"@type"`
	SpdxID string   `json:"spdxId"`
	AtID   string   `json:"@id"`
	Name   string   `json:"name"`

	PackageVersion  string   `json:"software_packageVersion"`
	PackageVersion2 string   `json:"packageVersion"`
	PackageURL      string   `json:"software_packageUrl"`
	DownloadLoc     string   `json:"software_downloadLocation"`
	PackageURL2     string   `json:"packageUrl"`
	PrimaryPurpose  string   `json:"software_primaryPurpose"`
	PrimaryPurpose2 string   `json:"primaryPurpose"`
	ExternalID      nodeRefs `json:"externalIdentifier"`
	ExternalIDType  string   `json:"externalIdentifierType"`
	Identifier      string   `json:"identifier"`
	VerifiedUsing   nodeRefs `json:"verifiedUsing"`
	Algorithm       string   `json:"algorithm"`
	HashValue       string   `json:"hashValue"`
	SuppliedBy      nodeRefs `json:"suppliedBy"`
	OriginatedBy    nodeRefs `json:"originatedBy"`

	RootElement      nodeRefs `json:"rootElement"`
	From             nodeRefs `json:"from"`
	To               nodeRefs `json:"to"`
	RelationshipType string   `json:"relationshipType"`

	CreationInfo nodeRefs `json:"creationInfo"`
	SpecVersion  string   `json:"specVersion"`
	CreatedBy    nodeRefs `json:"createdBy"`
	CreatedUsing nodeRefs `json:"createdUsing"`
	Import       nodeRefs `json:"import"`
	ExternalSpdx string   `json:"externalSpdxId"`
}

func (n *node3) id() string {
	if n.SpdxID != "" {
		return strings.TrimSpace(n.SpdxID)
	}
	return strings.TrimSpace(n.AtID)
}

// kind is the node's type, lower case, without namespace or profile prefix:
// "software_Package" and ".../Software/Package" are both "package".
func (n *node3) kind() string {
	t := ""
	if len(n.Type) > 0 {
		t = n.Type[0].ref
	} else if len(n.AtType) > 0 {
		t = n.AtType[0].ref
	}
	if i := strings.LastIndexAny(t, "/#:_"); i >= 0 {
		t = t[i+1:]
	}
	return strings.ToLower(t)
}

// nodeRef is a reference (string) or an inline node (object).
type nodeRef struct {
	ref  string
	node *node3
}

func (r nodeRef) id() string {
	if r.node != nil {
		return r.node.id()
	}
	return strings.TrimSpace(r.ref)
}

// nodeRefs accepts a string, an object, or a list of those; anything else
// (numbers, nested lists) is ignored rather than failing the document.
type nodeRefs []nodeRef

func (rs *nodeRefs) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nil
	}
	switch b[0] {
	case '[':
		var items []json.RawMessage
		if json.Unmarshal(b, &items) != nil {
			return nil
		}
		for _, it := range items {
			if r, ok := oneRef(it); ok {
				*rs = append(*rs, r)
			}
		}
	default:
		if r, ok := oneRef(b); ok {
			*rs = append(*rs, r)
		}
	}
	return nil
}

func oneRef(b []byte) (nodeRef, bool) {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return nodeRef{}, false
	}
	switch b[0] {
	case '"':
		var s string
		if json.Unmarshal(b, &s) != nil {
			return nodeRef{}, false
		}
		return nodeRef{ref: s}, true
	case '{':
		n := new(node3)
		_ = json.Unmarshal(b, n) // type errors leave the rest of the node decoded
		return nodeRef{node: n}, true
	}
	return nodeRef{}, false
}

func isPackageKind(k string) bool {
	switch k {
	case "package", "aipackage", "datasetpackage":
		return true
	}
	return false
}

func isCollectionKind(k string) bool {
	switch k {
	case "spdxdocument", "sbom", "bom", "bundle":
		return true
	}
	return false
}

// decodeJSON3 reads SPDX 3 JSON-LD. The graph is a list of typed nodes
// that name each other by id, or hold each other inline; graph3 indexes
// them, and each concern of the mapping is one of its methods.
func decodeJSON3(data []byte) (*raw, error) {
	var d json3Doc
	warn, err := typeWarning(json.Unmarshal(data, &d))
	if err != nil {
		return nil, err
	}
	r := &raw{format: model.SPDX3JSON, docIDs: map[string]bool{}}
	if warn != "" {
		r.warnings = append(r.warnings, warn)
	}
	g := newGraph3(d.Graph)
	spdxDocs, collections := g.elements(r)
	docNode := g.document(r, spdxDocs, collections)
	g.describes(r, spdxDocs, collections)
	g.creationInfo(r, docNode)
	return r, nil
}

// graph3 is the document's nodes, top-level and inline, and an index of
// them by id, to follow references.
type graph3 struct {
	nodes []*node3
	byID  map[string]*node3 // the first node with each id
}

// newGraph3 flattens the graph: its top-level nodes, and the nodes written
// inline where a reference could be, depth first.
func newGraph3(top []*node3) *graph3 {
	g := &graph3{}
	var walk func(n *node3)
	walk = func(n *node3) {
		if n == nil {
			return
		}
		g.nodes = append(g.nodes, n)
		for _, list := range []nodeRefs{n.From, n.To, n.RootElement, n.SuppliedBy, n.OriginatedBy, n.CreatedBy, n.CreatedUsing, n.CreationInfo, n.ExternalID, n.VerifiedUsing} {
			for _, ref := range list {
				if ref.node != nil && ref.node.id() != "" {
					walk(ref.node)
				}
			}
		}
	}
	for _, n := range top {
		walk(n)
	}
	g.byID = make(map[string]*node3, len(g.nodes))
	for _, n := range g.nodes {
		if id := n.id(); id != "" {
			if _, dup := g.byID[id]; !dup {
				g.byID[id] = n
			}
		}
	}
	return g
}

// resolve is the node a reference names or holds; nil if none.
func (g *graph3) resolve(ref nodeRef) *node3 {
	if ref.node != nil {
		return ref.node
	}
	return g.byID[strings.TrimSpace(ref.ref)]
}

// nameOf is the name of the node a reference names (an agent, a tool), or
// the reference itself when the node is missing or unnamed.
func (g *graph3) nameOf(ref nodeRef) string {
	if n := g.resolve(ref); n != nil && n.Name != "" {
		return n.Name
	}
	return ref.id()
}

// elements sorts the nodes into r: packages, files, snippets, other
// elements and relationships. It returns the collections (SpdxDocument,
// Sbom, Bom, Bundle), whose ids name the document, and the SpdxDocuments
// among them.
func (g *graph3) elements(r *raw) (spdxDocs, collections []*node3) {
	for _, n := range g.nodes {
		k := n.kind()
		id := n.id()
		switch {
		case isPackageKind(k):
			if id == "" {
				continue
			}
			r.pkgs = append(r.pkgs, g.package3(n))
		case k == "file":
			r.addElem(id, kindFile)
		case k == "snippet":
			r.addElem(id, kindSnippet)
		case k == "relationship" || k == "lifecyclescopedrelationship":
			for _, from := range n.From {
				r.rels = append(r.rels, rel{from: from.id(), typ: n.RelationshipType, to: ids(n.To)})
			}
		case isCollectionKind(k):
			if id != "" {
				r.docIDs[id] = true
			}
			collections = append(collections, n)
			if k == "spdxdocument" {
				spdxDocs = append(spdxDocs, n)
			}
		default:
			if id != "" && !strings.HasPrefix(id, "_:") {
				r.addElem(id, kindOther)
			}
		}
	}
	return spdxDocs, collections
}

// document names the document after the first SpdxDocument (else the first
// collection) and records the elements it imports from other documents,
// whose relationship ends are dropped. It returns the SpdxDocument, or nil.
func (g *graph3) document(r *raw, spdxDocs, collections []*node3) *node3 {
	if len(spdxDocs) == 0 {
		if len(collections) > 0 {
			r.docID = collections[0].id()
			r.docName = collections[0].Name
		}
		return nil
	}
	docNode := spdxDocs[0]
	r.docID = docNode.id()
	r.docName = docNode.Name
	for _, imp := range docNode.Import {
		if n := g.resolve(imp); n != nil && n.ExternalSpdx != "" {
			if _, local := g.byID[n.ExternalSpdx]; !local {
				r.addElem(strings.TrimSpace(n.ExternalSpdx), kindExternal)
			}
		}
	}
	return docNode
}

// describes lists the described elements for the root selection: the
// rootElement of the SpdxDocument, with collections replaced by their own
// root elements. Sbom/Bom elements the SpdxDocument does not reach count
// only when no SpdxDocument names a root.
func (g *graph3) describes(r *raw, spdxDocs, collections []*node3) {
	seen := map[string]bool{}
	var expand func(ref nodeRef)
	expand = func(ref nodeRef) {
		id := ref.id()
		if id == "" || seen[id] {
			return
		}
		seen[id] = true
		if n := g.resolve(ref); n != nil && isCollectionKind(n.kind()) {
			for _, sub := range n.RootElement {
				expand(sub)
			}
			return
		}
		r.describes = append(r.describes, id)
	}
	starts := spdxDocs
	if !hasRoots(spdxDocs) {
		starts = collections
	}
	for _, c := range starts {
		for _, ref := range c.RootElement {
			expand(ref)
		}
	}
}

// creationInfo reads the spec version and creators from the document's
// creation info, else from the first one that names a spec version ("3"
// when none does).
func (g *graph3) creationInfo(r *raw, docNode *node3) {
	var ci *node3
	if docNode != nil && len(docNode.CreationInfo) > 0 {
		ci = g.resolve(docNode.CreationInfo[0])
	}
	if ci == nil || ci.SpecVersion == "" {
		for _, n := range g.nodes {
			if n.kind() == "creationinfo" && n.SpecVersion != "" {
				ci = n
				break
			}
		}
	}
	if ci != nil {
		r.spec = strings.TrimSpace(ci.SpecVersion)
		for _, a := range ci.CreatedBy {
			r.creators = append(r.creators, g.nameOf(a))
		}
		for _, a := range ci.CreatedUsing {
			r.creators = append(r.creators, g.nameOf(a))
		}
	}
	if r.spec == "" {
		r.spec = "3"
	}
}

func hasRoots(ns []*node3) bool {
	for _, n := range ns {
		if len(n.RootElement) > 0 {
			return true
		}
	}
	return false
}

func ids(rs nodeRefs) []string {
	out := make([]string, 0, len(rs))
	for _, r := range rs {
		out = append(out, r.id())
	}
	return out
}

// package3 maps a software_Package (or a subclass) to a package: its purl
// from software_packageUrl, else from a purl externalIdentifier; its hashes
// from verifiedUsing.
func (g *graph3) package3(n *node3) pkgInfo {
	c := model.Component{
		Ref:     n.id(),
		Name:    n.Name,
		Version: firstNonEmpty(n.PackageVersion, n.PackageVersion2),
		PURL:    strings.TrimSpace(firstNonEmpty(n.PackageURL, n.PackageURL2)),
		Type:    strings.ToLower(strings.TrimSpace(firstNonEmpty(n.PrimaryPurpose, n.PrimaryPurpose2))),
	}
	c.AddSource(n.DownloadLoc)
	if c.PURL == "" {
		for _, ref := range n.ExternalID {
			if ei := g.resolve(ref); ei != nil && isPURLType(ei.ExternalIDType) && ei.Identifier != "" {
				c.PURL = strings.TrimSpace(ei.Identifier)
				break
			}
		}
	}
	for _, ref := range n.VerifiedUsing {
		h := g.resolve(ref)
		if h == nil || h.kind() == "packageverificationcode" {
			continue
		}
		if s := hashString(h.Algorithm, h.HashValue); s != "" {
			c.Hashes = append(c.Hashes, s)
		}
	}
	model.IdentifyComponent(&c)
	pi := pkgInfo{comp: c}
	if len(n.SuppliedBy) > 0 {
		pi.supplier = g.nameOf(n.SuppliedBy[0])
	}
	for _, o := range n.OriginatedBy {
		pi.originator = append(pi.originator, g.nameOf(o))
	}
	return pi
}

// firstNonEmpty is the first value that is not empty or blank: unlike
// cmp.Or, a value of spaces does not hide a later one.
func firstNonEmpty(s ...string) string {
	for _, v := range s {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
