package spdx

import (
	"bytes"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/internal/support/jsonscan"
	"github.com/sbomx/sbomx/pkg/model"
)

// The scanner reads SPDX 2 JSON in one pass with a jsonscan cursor, without
// reflection, into the raw form decodeJSON would make of the document
// (json.Unmarshal into json2Doc, then decodeJSON2): the same packages in the
// same order with the same fields, files, snippets, relationships,
// documentDescribes and creators. It declines, and decodeJSON reads the
// document, wherever it might read it differently:
//
//   - malformed or truncated JSON, nesting deeper than encoding/json allows;
//   - no top-level "spdxVersion" key spelled so, or an empty spdxVersion;
//   - a kept key spelled with escapes or non-ASCII letters, differing from a
//     kept key only in case (encoding/json matches fields
//     case-insensitively), or given twice in one object;
//   - a kept value of an unexpected JSON type (encoding/json would skip it,
//     and decodeJSON2 warn).
//
// Everything else is only checked to be well-formed JSON, as encoding/json
// checks it.

// Kept keys: json2Doc's fields, object by object.
var (
	docKeys      = []string{"spdxVersion", "SPDXID", "name", "documentDescribes", "creationInfo", "packages", "files", "snippets", "relationships"}
	creatorKeys  = []string{"creators"}
	packageKeys  = []string{"SPDXID", "name", "versionInfo", "downloadLocation", "supplier", "originator", "primaryPackagePurpose", "checksums", "externalRefs"}
	checksumKeys = []string{"algorithm", "checksumValue"}
	extRefKeys   = []string{"referenceCategory", "referenceType", "referenceLocator"}
	elementKeys  = []string{"SPDXID"}
	relKeys      = []string{"spdxElementId", "relationshipType", "relatedSpdxElement"}
)

// The string members of a package, in packageKeys' order.
const (
	pkgID = iota
	pkgName
	pkgVersion
	pkgDownload
	pkgSupplier
	pkgOriginator
	pkgPurpose
	pkgStrings
)

// scanner2 reads one SPDX 2 JSON document into r.
type scanner2 struct {
	jsonscan.Scanner
	r       *raw
	unnamed int // packages without SPDXID so far

	refs   map[string]string // package Refs, for interning relationship ends
	nRefs  int               // how many of r.pkgs refs holds
	tos    []string          // backing of the relationships' to slices
	hashes []jsonscan.Tok    // (algorithm, value) pairs of the package being read
	buf    []byte            // scratch for one package's or relationship's strings
	spans  [][2]int          // scratch: where a package's hashes are in buf
}

// scanJSON2 reads SPDX 2 JSON as decodeJSON does, or declines (ok false).
func scanJSON2(data []byte) (*raw, bool) {
	return scanJSON2With(data, jsonscan.Masked(len(data)))
}

// scanJSON2With is scanJSON2 with the masks or the byte loops.
func scanJSON2With(data []byte, masks bool) (*raw, bool) {
	var s scanner2
	s.Reset(bytes.TrimLeft(data, " \t\r\n"), masks)
	defer s.Release()
	s.r = &raw{format: model.SPDXJSON}
	var version, id, name jsonscan.Tok = jsonscan.NullTok, jsonscan.NullTok, jsonscan.NullTok
	ok := s.Members(docKeys, func(i int) bool {
		switch docKeys[i] {
		case "spdxVersion":
			return s.str(&version)
		case "SPDXID":
			return s.str(&id)
		case "name":
			return s.str(&name)
		case "documentDescribes":
			return s.strList(&s.r.describes)
		case "creationInfo":
			return s.Null() || s.Members(creatorKeys, func(int) bool { return s.strList(&s.r.creators) })
		case "packages":
			return s.list(s.pkg)
		case "files":
			return s.list(func() bool { return s.element(kindFile) })
		case "snippets":
			return s.list(func() bool { return s.element(kindSnippet) })
		default:
			return s.list(s.rel)
		}
	})
	if !ok || !s.End() {
		return nil, false
	}
	r := s.r
	r.spec = strings.TrimSpace(s.Text(version))
	r.docID = strings.TrimSpace(s.Text(id))
	r.docName = s.Text(name)
	if r.spec == "" || s.Bad {
		return nil, false // decodeJSON2 fails: let it say why
	}
	r.warnGeneratedRefs(s.unnamed)
	return r, true
}

// str reads a string or null into t.
func (s *scanner2) str(t *jsonscan.Tok) bool {
	var ok bool
	*t, ok = s.StrOrNull()
	return ok
}

// strList reads null or an array of strings ("" for null) into *out, as
// encoding/json reads a []string: an array, even empty, makes *out
// non-nil.
func (s *scanner2) strList(out *[]string) bool {
	if s.Null() {
		*out = nil
		return true
	}
	list := []string{}
	ok := s.Array(func() bool {
		t, ok := s.StrOrNull()
		list = append(list, s.Text(t))
		return ok
	})
	*out = list
	return ok
}

// list reads null or an array of objects, calling elem for each object; a
// null element is skipped (a nil pointer to decodeJSON2).
func (s *scanner2) list(elem func() bool) bool {
	if s.Null() {
		return true
	}
	return s.Array(func() bool { return s.Null() || elem() })
}

// element reads a file or snippet, recording its SPDXID. Snippets are
// recorded after files in decodeJSON2, so a snippet's kind wins whatever
// the order of the two lists.
func (s *scanner2) element(kind endKind) bool {
	id := jsonscan.NullTok
	if !s.Members(elementKeys, func(int) bool { return s.str(&id) }) {
		return false
	}
	v := strings.TrimSpace(s.Text(id))
	if kind == kindFile && s.r.elems[v] == kindSnippet {
		return true
	}
	s.r.addElem(v, kind)
	return true
}

// pkg reads a package into s.r.pkgs, as decodeJSON2 does.
func (s *scanner2) pkg() bool {
	var str [pkgStrings]jsonscan.Tok
	for i := range str {
		str[i] = jsonscan.NullTok
	}
	purl := jsonscan.NullTok
	s.hashes = s.hashes[:0]
	ok := s.Members(packageKeys, func(i int) bool {
		switch {
		case i < pkgStrings:
			return s.str(&str[i])
		case packageKeys[i] == "checksums":
			return s.list(func() bool {
				alg, val := jsonscan.NullTok, jsonscan.NullTok
				s.hashes = append(s.hashes, alg, val)
				n := len(s.hashes)
				return s.Members(checksumKeys, func(i int) bool { return s.str(&s.hashes[n-2+i]) })
			})
		default:
			return s.list(func() bool {
				var ref [3]jsonscan.Tok
				ref[0], ref[1], ref[2] = jsonscan.NullTok, jsonscan.NullTok, jsonscan.NullTok
				if !s.Members(extRefKeys, func(i int) bool { return s.str(&ref[i]) }) {
					return false
				}
				// The first purl reference with a locator is the purl.
				if purl.Null() && s.isPURL(ref[1]) && !s.blank(ref[2]) {
					purl = ref[2]
				}
				return true
			})
		}
	})
	if ok {
		s.addPkg(&str, purl)
	}
	return ok
}

// addPkg builds a package's component, its strings in one allocation.
func (s *scanner2) addPkg(str *[pkgStrings]jsonscan.Tok, purl jsonscan.Tok) {
	b := s.buf[:0]
	var span [pkgStrings + 1][2]int
	put := func(i int, t jsonscan.Tok, how jsonscan.Form) {
		start := len(b)
		b = s.Append(b, t, how)
		span[i] = [2]int{start, len(b)}
	}
	put(pkgID, str[pkgID], jsonscan.Trim)
	put(pkgName, str[pkgName], jsonscan.AsIs)
	put(pkgVersion, str[pkgVersion], jsonscan.AsIs)
	put(pkgDownload, str[pkgDownload], jsonscan.AsIs)
	put(pkgSupplier, str[pkgSupplier], jsonscan.Trim)
	put(pkgOriginator, str[pkgOriginator], jsonscan.Trim)
	put(pkgPurpose, str[pkgPurpose], jsonscan.LowerTrim)
	put(pkgStrings, purl, jsonscan.Trim)
	hashes := s.spans[:0]
	for i := 0; i+1 < len(s.hashes); i += 2 {
		start := len(b)
		var ok bool
		if b, ok = s.putHash(b, s.hashes[i], s.hashes[i+1]); ok {
			hashes = append(hashes, [2]int{start, len(b)})
		}
	}
	all := string(b)
	s.buf, s.spans = b, hashes
	text := func(i int) string { return all[span[i][0]:span[i][1]] }

	c := model.Component{
		Ref:     text(pkgID),
		Name:    text(pkgName),
		Version: text(pkgVersion),
		Type:    text(pkgPurpose),
		PURL:    text(pkgStrings),
	}
	if c.Ref == "" {
		if c.Name == "" {
			return
		}
		s.unnamed++
		c.Ref = generatedRef(s.unnamed)
	}
	if len(hashes) > 0 {
		c.Hashes = make([]string, len(hashes))
		for i, h := range hashes {
			c.Hashes[i] = all[h[0]:h[1]]
		}
	}
	c.AddSource(text(pkgDownload))
	model.IdentifyComponent(&c)
	pi := pkgInfo{comp: c, supplier: text(pkgSupplier)}
	if o := text(pkgOriginator); o != "" {
		pi.originator = []string{o}
	}
	if len(s.r.pkgs) == cap(s.r.pkgs) {
		// Double: append grows large slices by a quarter, copying these
		// big elements again and again.
		s.r.pkgs = slices.Grow(s.r.pkgs, len(s.r.pkgs)+16)
	}
	s.r.pkgs = append(s.r.pkgs, pi)
}

// putHash appends hashString(alg, val) to b; ok is false when it is empty.
func (s *scanner2) putHash(b []byte, alg, val jsonscan.Tok) ([]byte, bool) {
	if !alg.Plain() || !val.Plain() {
		h := hashString(s.Text(alg), s.Text(val))
		return append(b, h...), h != ""
	}
	start := len(b)
	for _, c := range bytes.TrimSpace(s.Data[alg.Start:alg.End]) {
		if c != '-' && c != '_' {
			b = append(b, lower(c))
		}
	}
	v := bytes.TrimSpace(s.Data[val.Start:val.End])
	if len(b) == start || len(v) == 0 {
		return b[:start], false
	}
	b = append(b, ':')
	for _, c := range v {
		b = append(b, lower(c))
	}
	return b, true
}

func lower(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// isPURL is isPURLType of t's text, without allocating for the usual
// spellings.
func (s *scanner2) isPURL(t jsonscan.Tok) bool {
	if t.Plain() {
		switch string(s.Data[t.Start:t.End]) {
		case "purl":
			return true
		case "cpe23Type", "cpe22Type":
			return false
		}
	}
	return isPURLType(s.Text(t))
}

// blank reports whether t's text is empty once trimmed.
func (s *scanner2) blank(t jsonscan.Tok) bool {
	if t.Plain() {
		return len(bytes.TrimSpace(s.Data[t.Start:t.End])) == 0
	}
	return strings.TrimSpace(s.Text(t)) == ""
}

// rel reads a relationship into s.r.rels, as decodeJSON2 does.
func (s *scanner2) rel() bool {
	var t [3]jsonscan.Tok // from, type, to
	t[0], t[1], t[2] = jsonscan.NullTok, jsonscan.NullTok, jsonscan.NullTok
	if !s.Members(relKeys, func(i int) bool { return s.str(&t[i]) }) {
		return false
	}
	if t[1].Null() || t[1].Start == t[1].End {
		return true // no relationshipType
	}
	var text [3]string
	var ok [3]bool
	text[0], ok[0] = s.internRef(t[0])
	text[1], ok[1] = relType(s.Data, t[1])
	text[2], ok[2] = s.internRef(t[2])
	if !ok[0] || !ok[1] || !ok[2] {
		// Whatever is not interned, in one allocation.
		b := s.buf[:0]
		var span [3][2]int
		for i := range t {
			if !ok[i] {
				how := jsonscan.Trim
				if i == 1 {
					how = jsonscan.AsIs
				}
				start := len(b)
				b = s.Append(b, t[i], how)
				span[i] = [2]int{start, len(b)}
			}
		}
		all := string(b)
		s.buf = b
		for i := range t {
			if !ok[i] {
				text[i] = all[span[i][0]:span[i][1]]
			}
		}
	}
	if len(s.tos) == cap(s.tos) {
		s.tos = make([]string, 0, 256)
	}
	s.tos = append(s.tos, text[2])
	n := len(s.tos)
	if len(s.r.rels) == cap(s.r.rels) {
		s.r.rels = slices.Grow(s.r.rels, len(s.r.rels)+16)
	}
	s.r.rels = append(s.r.rels, rel{from: text[0], typ: text[1], to: s.tos[n-1 : n : n]})
	return true
}

// internRef returns t's trimmed text without allocating when it is the Ref
// of a package read so far, or the usual SPDXID of the document; ok is
// false otherwise.
func (s *scanner2) internRef(t jsonscan.Tok) (string, bool) {
	if !t.Plain() {
		return "", false
	}
	if s.nRefs != len(s.r.pkgs) {
		if s.refs == nil {
			s.refs = make(map[string]string, len(s.r.pkgs))
		}
		for _, p := range s.r.pkgs[s.nRefs:] {
			s.refs[p.comp.Ref] = p.comp.Ref
		}
		s.nRefs = len(s.r.pkgs)
	}
	id := bytes.TrimSpace(s.Data[t.Start:t.End])
	if string(id) == "SPDXRef-DOCUMENT" {
		return "SPDXRef-DOCUMENT", true
	}
	v, ok := s.refs[string(id)]
	return v, ok
}

// relTypes are the usual relationship types, for relType.
var relTypes = internTable("DEPENDS_ON", "DEPENDENCY_OF", "CONTAINS", "CONTAINED_BY", "DESCRIBES",
	"DESCRIBED_BY", "PACKAGE_OF", "GENERATED_FROM", "DEV_DEPENDENCY_OF", "OTHER")

// relType returns the usual relationship types without allocating.
func relType(data []byte, t jsonscan.Tok) (string, bool) {
	if !t.Plain() {
		return "", false
	}
	v, ok := relTypes[string(data[t.Start:t.End])]
	return v, ok
}

// internTable maps each string to itself, so that a lookup by a byte
// slice's text gives a string without allocating.
func internTable(list ...string) map[string]string {
	m := make(map[string]string, len(list))
	for _, v := range list {
		m[v] = v
	}
	return m
}
