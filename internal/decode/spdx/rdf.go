package spdx

import (
	"bytes"
	"cmp"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/sbomx/sbomx/pkg/model"
)

// SPDX 2 RDF/XML, one of SPDX 2's own serialisations (spdx/tools-java and
// the scanners built on it write it). RDF/XML describes a graph: elements
// alternate between nodes (spdx:Package, spdx:File, spdx:Relationship, ...,
// or rdf:Description with an rdf:type) and their properties; a property's
// value is text, a reference (rdf:resource) or a node written inside it. A
// node may be written where it is first used (a package inside the
// relationship that names it) and referred to elsewhere by its rdf:about.
// Elements are matched by namespace, not prefix. IDs are the fragment of
// the node's URI (…#SPDXRef-1); a URI of another document is an external
// reference.

const (
	rdfNS  = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
	spdxNS = "http://spdx.org/rdf/terms#"
)

// isRDF reports whether data is SPDX RDF/XML: an rdf:RDF root using the SPDX
// terms namespace.
func isRDF(data []byte) bool {
	head := data[:min(len(data), 64<<10)]
	return bytes.Contains(head, []byte("rdf:RDF")) && bytes.Contains(head, []byte("spdx.org/rdf/terms"))
}

// xnode is one XML element, read whole.
type xnode struct {
	name     xml.Name
	attr     []xml.Attr
	text     string
	children []*xnode
}

func (n *xnode) attrValue(space, local string) string {
	for _, a := range n.attr {
		if a.Name.Space == space && a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// readXML reads a document into a tree (encoding/xml expands only the
// predefined entities, so there is no entity bomb).
func readXML(data []byte) (*xnode, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*xnode
	var root *xnode
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("spdx: malformed RDF/XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			n := &xnode{name: t.Name, attr: t.Attr}
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.children = append(p.children, n)
			} else if root == nil {
				root = n
			}
			stack = append(stack, n)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(t)
			}
		}
	}
	if root == nil || len(stack) > 0 {
		return nil, errors.New("spdx: truncated RDF/XML")
	}
	return root, nil
}

// rdfReader collects the nodes of one document.
type rdfReader struct {
	r     *raw
	base  string            // the document's URI, before "#"
	pkgs  map[string]int    // package id -> index in r.pkgs
	typed map[string]string // id -> node type (local name), for ends
}

// decodeRDF reads SPDX 2 RDF/XML. It reads the whole tree first: the
// SpdxDocument's URI, wherever it stands, tells local ids from external ones.
func decodeRDF(data []byte) (*raw, error) {
	root, err := readXML(data)
	if err != nil {
		return nil, err
	}
	if root.name.Space != rdfNS || root.name.Local != "RDF" {
		return nil, fmt.Errorf("spdx: XML root is not rdf:RDF: %w", model.ErrNotSBOM)
	}
	rd := &rdfReader{r: &raw{format: model.SPDXRDF}, pkgs: map[string]int{}, typed: map[string]string{}}
	// The document's own URI first: it tells local IDs from external ones.
	hasDoc := false
	for _, n := range root.children {
		if rd.typeOf(n) == "SpdxDocument" {
			rd.base, _, _ = strings.Cut(n.attrValue(rdfNS, "about"), "#")
			hasDoc = true
		}
	}
	if !hasDoc {
		// SPDX terms without a document: the licence list, say.
		return nil, fmt.Errorf("spdx: RDF/XML without an SpdxDocument: %w", model.ErrNotSBOM)
	}
	for _, n := range root.children {
		rd.node(n)
	}
	if rd.r.spec == "" {
		return nil, errors.New("spdx: RDF/XML SpdxDocument without a specVersion")
	}
	for i := range rd.r.pkgs {
		model.IdentifyComponent(&rd.r.pkgs[i].comp)
	}
	for id, typ := range rd.typed {
		switch typ {
		case "File":
			rd.r.addElem(id, kindFile)
		case "Snippet":
			rd.r.addElem(id, kindSnippet)
		}
	}
	return rd.r, nil
}

// typeOf is a node's SPDX type: its element name in the SPDX namespace, or
// the rdf:type of an rdf:Description.
func (rd *rdfReader) typeOf(n *xnode) string {
	if n.name.Space == spdxNS {
		return n.name.Local
	}
	if n.name.Space == rdfNS && n.name.Local == "Description" {
		for _, c := range n.children {
			if c.name.Space == rdfNS && c.name.Local == "type" {
				if t, ok := strings.CutPrefix(c.attrValue(rdfNS, "resource"), spdxNS); ok {
					return t
				}
			}
		}
	}
	return ""
}

// id turns a node URI into an SPDX ID: the fragment of a URI of this
// document, the whole URI of another one (an external reference).
func (rd *rdfReader) id(uri string) string {
	base, frag, ok := strings.Cut(uri, "#")
	switch {
	case !ok:
		return uri
	case rd.base != "" && base != "" && base != rd.base:
		rd.r.addElem(uri, kindExternal)
		return uri
	}
	return frag
}

// node reads one node element and what it holds, and returns its ID ("" for
// a blank node).
func (rd *rdfReader) node(n *xnode) string {
	typ := rd.typeOf(n)
	id := ""
	if about := n.attrValue(rdfNS, "about"); about != "" {
		id = rd.id(about)
	} else if nid := n.attrValue(rdfNS, "nodeID"); nid != "" {
		id = "_:" + nid
	}
	if id != "" && typ != "" {
		if _, seen := rd.typed[id]; !seen {
			rd.typed[id] = typ
		}
	}
	switch typ {
	case "SpdxDocument":
		rd.document(n, id)
	case "Package":
		rd.pkg(n, id)
	default:
		rd.properties(n, id)
	}
	return id
}

// value is a property's value: a reference, a nested node (read, and
// named by its ID) or text.
func (rd *rdfReader) value(p *xnode) string {
	if res := p.attrValue(rdfNS, "resource"); res != "" {
		return rd.id(res)
	}
	for _, c := range p.children {
		if id := rd.node(c); id != "" {
			return id
		}
	}
	return strings.TrimSpace(p.text)
}

// properties reads the relationships of any node and walks its nested
// nodes (a package can be written inside a file's relationship).
func (rd *rdfReader) properties(n *xnode, id string) {
	for _, p := range n.children {
		if p.name.Space == spdxNS && p.name.Local == "relationship" {
			rd.relationship(p, id)
			continue
		}
		rd.nested(p)
	}
}

// nested reads the nodes written inside a property that is not read
// itself: a package may be written in full where it is first used and
// only referred to elsewhere.
func (rd *rdfReader) nested(p *xnode) {
	for _, c := range p.children {
		rd.node(c)
	}
}

// relationship reads spdx:relationship > spdx:Relationship of subject from.
func (rd *rdfReader) relationship(p *xnode, from string) {
	for _, rn := range p.children {
		var typ, to string
		for _, q := range rn.children {
			if q.name.Space != spdxNS {
				continue
			}
			switch q.name.Local {
			case "relationshipType":
				t := q.attrValue(rdfNS, "resource")
				if t == "" {
					t = strings.TrimSpace(q.text)
				}
				_, typ, _ = strings.Cut(t, "relationshipType_")
			case "relatedSpdxElement":
				to = rd.value(q)
			}
		}
		if from != "" && typ != "" {
			rd.r.rels = append(rd.r.rels, rel{from: from, typ: typ, to: []string{to}})
		}
	}
}

// document reads the spdx:SpdxDocument node: the document's spec version,
// name, creators, what it describes and its relationships.
func (rd *rdfReader) document(n *xnode, id string) {
	r := rd.r
	r.docID = id
	for _, p := range n.children {
		if p.name.Space != spdxNS {
			continue
		}
		switch p.name.Local {
		case "specVersion":
			r.spec = strings.TrimSpace(p.text)
		case "name":
			r.docName = strings.TrimSpace(p.text)
		case "describesPackage":
			r.describes = append(r.describes, rd.value(p))
		case "creationInfo":
			for _, ci := range p.children {
				for _, c := range ci.children {
					if c.name.Space == spdxNS && c.name.Local == "creator" {
						r.creators = append(r.creators, strings.TrimSpace(c.text))
					}
				}
			}
		case "relationship":
			rd.relationship(p, id)
		default:
			rd.nested(p)
		}
	}
}

// pkg reads a spdx:Package node. A package written twice (in full, or in
// parts) is one package.
func (rd *rdfReader) pkg(n *xnode, id string) {
	i, seen := rd.pkgs[id]
	if !seen || id == "" {
		rd.r.pkgs = append(rd.r.pkgs, pkgInfo{comp: model.Component{Ref: id}})
		i = len(rd.r.pkgs) - 1
		if id != "" {
			rd.pkgs[id] = i
		}
	}
	// Read into a copy: nested nodes append to rd.r.pkgs, which may move.
	pi := rd.r.pkgs[i]
	c := &pi.comp
	for _, p := range n.children {
		if p.name.Space != spdxNS {
			continue
		}
		switch p.name.Local {
		case "name":
			c.Name = cmp.Or(c.Name, strings.TrimSpace(p.text))
		case "versionInfo":
			c.Version = cmp.Or(c.Version, strings.TrimSpace(p.text))
		case "supplier":
			pi.supplier = cmp.Or(pi.supplier, strings.TrimSpace(p.text))
		case "originator":
			pi.originator = append(pi.originator, strings.TrimSpace(p.text))
		case "downloadLocation":
			if loc := strings.TrimSpace(p.text); loc != "" {
				c.AddSource(loc)
			}
		case "primaryPackagePurpose":
			_, purpose, _ := strings.Cut(p.attrValue(rdfNS, "resource"), "purpose_")
			c.Type = cmp.Or(c.Type, strings.ToLower(purpose))
		case "checksum":
			rd.checksums(p, c)
		case "externalRef":
			rd.externalRefs(p, c)
		case "relationship":
			rd.relationship(p, id)
		default:
			rd.nested(p)
		}
	}
	rd.r.pkgs[i] = pi
}

// checksums reads a package's spdx:checksum property into c.Hashes.
func (rd *rdfReader) checksums(p *xnode, c *model.Component) {
	for _, cs := range p.children {
		var alg, val string
		for _, q := range cs.children {
			switch q.name.Local {
			case "algorithm":
				_, alg, _ = strings.Cut(q.attrValue(rdfNS, "resource"), "checksumAlgorithm_")
			case "checksumValue":
				val = strings.TrimSpace(q.text)
			}
		}
		if h := hashString(alg, val); h != "" {
			c.Hashes = append(c.Hashes, h)
		}
	}
}

// externalRefs reads a package's spdx:externalRef property: the first purl
// reference with a locator is c's purl.
func (rd *rdfReader) externalRefs(p *xnode, c *model.Component) {
	for _, er := range p.children {
		var typ, loc string
		for _, q := range er.children {
			switch q.name.Local {
			case "referenceType":
				t := q.attrValue(rdfNS, "resource")
				if t == "" {
					for _, x := range q.children { // a nested spdx:ReferenceType node
						t = x.attrValue(rdfNS, "about")
					}
				}
				typ = t[strings.LastIndexAny(t, "/#")+1:]
			case "referenceLocator":
				loc = strings.TrimSpace(q.text)
			}
		}
		if c.PURL == "" && isPURLType(typ) {
			c.PURL = loc
		}
	}
}
