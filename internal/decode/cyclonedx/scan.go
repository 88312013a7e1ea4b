package cyclonedx

import (
	"bytes"
	"encoding/json"
	"fmt"
	"slices"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sbomx/sbomx/internal/support/jsonscan"
	"github.com/sbomx/sbomx/pkg/model"
)

// The scanner is the first stage of Decode for JSON: a hand-written,
// single-pass reader of exactly the parts of a CycloneDX document sbomx uses
// (bomFormat, specVersion, metadata, components, dependencies), with no
// reflection. It declines (and Decode runs decodeSlow) on anything that
// might make it answer differently from decodeSlow:
//
//   - malformed or truncated JSON, nesting deeper than encoding/json allows;
//   - a kept key spelled with escapes, with non-ASCII letters, or differing
//     from a kept key only in case (encoding/json matches fields
//     case-insensitively), or given twice in one object;
//   - a kept value of an unexpected JSON type (null counts as absent);
//   - a bomFormat that is not a string, a specVersion that is not a string
//     naming a version cyclonedx-go knows (readJSON rewrites those);
//   - metadata that cyclonedx-go's types do not accept.
//
// Metadata is small: its bytes are decoded with the cyclonedx-go types and
// encoding/json. Everything else the scanner does not use is only checked
// to be well-formed JSON, so schema faults in it (which make the slow path
// read the document leniently and warn) go unnoticed.

// scanner reads one document with a jsonscan cursor and keeps what it has
// read so far.
type scanner struct {
	jsonscan.Scanner

	bomFormat, specVersion jsonscan.Tok
	hasBOMFormat, hasSpec  bool
	md                     *cdx.Metadata // metadata, nil when absent or null

	comps   []model.Component // every component of components[], depth first
	parents []int32           // index in comps of each component's parent, or -1
	noRef   bool              // some component has no bom-ref
	deps    []model.Edge
	depWarn []string
	refs    map[string]string // component refs read so far, for interning
	// skipHashes leaves components' hashes out (no query asks for one).
	skipHashes bool

	// Scratch space, reused.
	hashToks []jsonscan.Tok // (alg, content) pairs of the components being read
	srcToks  []jsonscan.Tok // distribution URLs of the components being read
	depToks  []jsonscan.Tok
	scratch  []byte
	spans    [][2]int
}

// decodeScan decodes a CycloneDX JSON document with the scanner. It answers
// (ok) only when decodeSlow would answer the same (but for the warning about
// schema faults in unused fields, see above).
func decodeScan(data []byte, opt Options) (*model.Document, bool) {
	return decodeScanWith(data, opt, jsonscan.Masked(len(data)))
}

// decodeScanWith is decodeScan, with the masks or the byte loops.
func decodeScanWith(data []byte, opt Options, masks bool) (*model.Document, bool) {
	data = trimLeading(data)
	if len(data) == 0 || data[0] != '{' {
		return nil, false
	}
	s := scanner{skipHashes: opt.SkipHashes}
	// Real SBOMs spend a few hundred bytes to a few kilobytes on each
	// component: room for one per 700 bytes saves growing the slices (and
	// copying the components) again and again. Past 65,536 (a 44 MB
	// file) they double instead, so that a large file of few, large
	// components is not given room for a million.
	if n := min(len(data)/700, 1<<16); n > 16 {
		s.comps = make([]model.Component, 0, n)
		s.parents = make([]int32, 0, n)
	}
	s.Reset(data, masks)
	defer s.Release()
	if !s.top() || s.Bad {
		return nil, false
	}
	r := read{format: model.CycloneDXJSON}

	// bomFormat and specVersion: as readJSON reads them.
	if !s.hasBOMFormat {
		return nil, false
	}
	if !r.checkBOMFormat(s.Text(s.bomFormat)) {
		return nil, false
	}
	if !s.hasSpec {
		r.warnf("no specversion")
	} else {
		v := s.Text(s.specVersion)
		if !knownVersion(v) {
			return nil, false
		}
		r.specVersion = v
	}
	if s.Bad {
		return nil, false
	}

	doc := s.convert(s.md)
	doc.Format = r.format
	doc.SpecVersion = r.specVersion
	doc.Warnings = append(r.warnings, doc.Warnings...)
	return doc, true
}

// decodeMetadata decodes the metadata value with the cyclonedx-go types.
func decodeMetadata(span []byte) (md *cdx.Metadata, ok bool) {
	if span == nil || string(span) == "null" {
		return nil, true
	}
	defer func() {
		if p := recover(); p != nil {
			md, ok = nil, false
		}
	}()
	return md, json.Unmarshal(span, &md) == nil
}

// convert builds the Document as convert does: the same components in the
// same order, the same Refs, the same warnings.
func (s *scanner) convert(md *cdx.Metadata) *model.Document {
	c := converter{doc: &model.Document{}}
	var root *cdx.Component
	if md != nil {
		root = md.Component
	}
	// The set of bom-refs is only needed to make up Refs.
	if s.noRef || root != nil && (root.BOMRef == "" || cdxNoRef(root.Components)) {
		c.used = make(map[string]bool, len(s.comps)+1)
		c.collectRoot(root)
		for i := range s.comps {
			if r := s.comps[i].Ref; r != "" {
				c.used[r] = true
			}
		}
	}
	c.addRoot(root)
	rootBOMRef := ""
	if root != nil {
		rootBOMRef = root.BOMRef
	}

	comps, parents := s.comps, s.parents
	const dup = -2 // parents mark of the root listed again
	dups := 0
	for i := range comps {
		m := &comps[i]
		p := parents[i]
		if p < 0 && rootBOMRef != "" && m.Ref == rootBOMRef {
			// The root listed again: only what it contains is kept (its
			// Ref is the root's, so its children's containment is right).
			parents[i] = dup
			dups++
			continue
		}
		if m.Ref == "" {
			m.Ref = c.syntheticRef()
		}
		if m.Name == "" {
			c.warn("component %s has no name", m.Ref)
		}
		if p >= 0 {
			c.doc.Containment = append(c.doc.Containment, model.Edge{From: comps[p].Ref, To: m.Ref})
		}
	}
	if dups == 0 && len(c.doc.Components) == 0 {
		c.doc.Components = comps
	} else {
		for i := range comps {
			if parents[i] != dup {
				c.doc.Components = append(c.doc.Components, comps[i])
			}
		}
	}
	if len(c.doc.Components) == 0 {
		c.doc.Components = nil
	}
	if len(s.deps) > 0 {
		c.doc.Dependencies = s.deps
	}
	c.doc.Warnings = append(c.doc.Warnings, s.depWarn...)
	c.doc.Meta = meta(md)
	return c.doc
}

// cdxNoRef reports whether a component of list (or nested) has no bom-ref.
func cdxNoRef(list *[]cdx.Component) bool {
	if list == nil {
		return false
	}
	for i := range *list {
		if (*list)[i].BOMRef == "" || cdxNoRef((*list)[i].Components) {
			return true
		}
	}
	return false
}

// Kept keys, for the case-insensitive match check.
var (
	topKeys        = []string{"bomFormat", "specVersion", "metadata", "components", "dependencies"}
	componentKeys  = []string{"bom-ref", "type", "name", "group", "version", "purl", "hashes", "externalReferences", "components"}
	hashKeys       = []string{"alg", "content"}
	extRefKeys     = []string{"type", "url"}
	dependencyKeys = []string{"ref", "dependsOn"}
)

// top reads the top-level object, then checks nothing but white space
// follows.
func (s *scanner) top() bool {
	return s.Members(topKeys, func(i int) bool {
		switch topKeys[i] {
		case "bomFormat":
			s.bomFormat, s.hasBOMFormat = s.str()
			return s.hasBOMFormat
		case "specVersion":
			s.specVersion, s.hasSpec = s.str()
			return s.hasSpec
		case "metadata":
			start := s.Pos
			if !s.Skip() {
				return false
			}
			// Decoded now: metadata cyclonedx-go rejects ends the scan
			// early (metadata comes first in real SBOMs).
			var ok bool
			s.md, ok = decodeMetadata(s.Data[start:s.Pos])
			return ok
		case "components":
			return s.Null() || s.components(-1)
		default:
			return s.Null() || s.dependencies()
		}
	}) && s.End()
}

// str reads a string (not null).
func (s *scanner) str() (jsonscan.Tok, bool) {
	if s.Peek() != '"' {
		return jsonscan.Tok{}, false
	}
	return s.Str()
}

// components reads a components array; parent is the index of the
// component holding it, or -1.
func (s *scanner) components(parent int32) bool {
	return s.Array(func() bool {
		if s.Peek() != '{' {
			return false // null elements too: rare, left to the slow path
		}
		return s.component(parent)
	})
}

// compToks are the kept string values of one component.
type compToks struct {
	ref, typ, name, group, version, purl jsonscan.Tok
}

// component reads one component object into s.comps (children after it).
// It is kept whole: it is the scanner's innermost loop, whose key switch and
// seen bits read (and run) best in one piece.
func (s *scanner) component(parent int32) bool {
	idx := int32(len(s.comps))
	if len(s.comps) == cap(s.comps) {
		// Double: append grows large slices by a quarter, copying the
		// components again and again.
		s.comps = slices.Grow(s.comps, len(s.comps)+16)
	}
	s.comps = append(s.comps, model.Component{})
	s.parents = append(s.parents, parent)
	// This component's hashes and distribution URLs are s.hashToks[hb:]
	// and s.srcToks[sb:] when it ends: its children's are dropped when
	// they end.
	hb, sb := len(s.hashToks), len(s.srcToks)
	ct := compToks{jsonscan.NullTok, jsonscan.NullTok, jsonscan.NullTok, jsonscan.NullTok, jsonscan.NullTok, jsonscan.NullTok}
	var seen uint16
	ok := s.Object(func(key []byte) bool {
		var bit uint16
		var t *jsonscan.Tok
		switch string(key) {
		case "bom-ref":
			bit, t = 1, &ct.ref
		case "type":
			bit, t = 2, &ct.typ
		case "name":
			bit, t = 4, &ct.name
		case "group":
			bit, t = 8, &ct.group
		case "version":
			bit, t = 16, &ct.version
		case "purl":
			bit, t = 32, &ct.purl
		case "hashes":
			bit = 64
		case "externalReferences":
			bit = 128
		case "components":
			bit = 256
		default:
			if jsonscan.OddKey(key, componentKeys) {
				return false
			}
			return s.Skip()
		}
		if seen&bit != 0 {
			return false
		}
		seen |= bit
		if t != nil {
			var ok bool
			*t, ok = s.StrOrNull()
			return ok
		}
		switch bit {
		case 64:
			if s.skipHashes {
				return s.Skip()
			}
			return s.hashes()
		case 128:
			return s.extRefs()
		default:
			if s.Null() {
				return true
			}
			return s.Peek() == '[' && s.components(idx)
		}
	})
	if !ok {
		return false
	}
	m := s.build(&ct, s.hashToks[hb:], s.srcToks[sb:])
	s.hashToks, s.srcToks = s.hashToks[:hb], s.srcToks[:sb]
	if m.Ref == "" {
		s.noRef = true
	}
	model.IdentifyComponent(&m)
	s.comps[idx] = m
	return true
}

// build makes a component's strings (but Sources added by
// IdentifyComponent) as component does, all in one allocation.
func (s *scanner) build(ct *compToks, hashes, srcs []jsonscan.Tok) model.Component {
	b := s.scratch[:0]
	var ref, name, group, version, purl, typ [2]int
	b, ref = s.put(b, ct.ref, jsonscan.AsIs)
	b, name = s.put(b, ct.name, jsonscan.Trim)
	b, group = s.put(b, ct.group, jsonscan.Trim)
	b, version = s.put(b, ct.version, jsonscan.Trim)
	b, purl = s.put(b, ct.purl, jsonscan.Trim)
	if purl != ref && string(b[purl[0]:purl[1]]) == string(b[ref[0]:ref[1]]) {
		b, purl = b[:purl[0]], ref // often the same text: keep it once
	}
	typName, interned := s.internType(ct.typ)
	if !interned {
		b, typ = s.put(b, ct.typ, jsonscan.LowerTrim)
	}
	spans := s.spans[:0]
	for i := 0; i+1 < len(hashes); i += 2 {
		var h [2]int
		var ok bool
		if b, h, ok = s.putHash(b, hashes[i], hashes[i+1]); ok {
			spans = append(spans, h)
		}
	}
	nh := len(spans)
	for _, t := range srcs {
		var u [2]int
		b, u = s.put(b, t, jsonscan.AsIs)
		spans = append(spans, u)
	}
	str := string(b)
	s.scratch, s.spans = b, spans

	m := model.Component{
		Ref:     str[ref[0]:ref[1]],
		Name:    str[name[0]:name[1]],
		Group:   str[group[0]:group[1]],
		Version: str[version[0]:version[1]],
		PURL:    str[purl[0]:purl[1]],
		Type:    typName,
	}
	if !interned {
		m.Type = str[typ[0]:typ[1]]
	}
	if nh > 0 {
		m.Hashes = make([]string, nh)
		for i, h := range spans[:nh] {
			m.Hashes[i] = str[h[0]:h[1]]
		}
	}
	for _, u := range spans[nh:] {
		m.AddSource(str[u[0]:u[1]])
	}
	return m
}

// put appends the text of t (transformed by how) to b and returns where it
// is.
func (s *scanner) put(b []byte, t jsonscan.Tok, how jsonscan.Form) ([]byte, [2]int) {
	start := len(b)
	b = s.Append(b, t, how)
	return b, [2]int{start, len(b)}
}

// putHash appends hash() of two tokens: "alg:value", the algorithm lower
// case without dashes, the value lower case, both trimmed; ok is false when
// either is empty.
func (s *scanner) putHash(b []byte, alg, val jsonscan.Tok) ([]byte, [2]int, bool) {
	start := len(b)
	if alg.Null() || val.Null() {
		return b, [2]int{}, false
	}
	if alg.Esc() || alg.Hi() || val.Esc() || val.Hi() {
		h, ok := hash(cdx.Hash{Algorithm: cdx.HashAlgorithm(s.Text(alg)), Value: s.Text(val)})
		b = append(b, h...)
		return b, [2]int{start, len(b)}, ok
	}
	for _, c := range bytes.TrimSpace(s.Data[alg.Start:alg.End]) {
		if c == '-' {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	v := bytes.TrimSpace(s.Data[val.Start:val.End])
	if len(b) == start || len(v) == 0 {
		return b[:start], [2]int{}, false
	}
	b = append(b, ':')
	for _, c := range v {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	return b, [2]int{start, len(b)}, true
}

// internType returns the component types of the specification, lower case
// and trimmed, without allocating.
func (s *scanner) internType(t jsonscan.Tok) (string, bool) {
	if t.Null() {
		return "", true
	}
	if t.Esc() || t.Hi() {
		return "", false
	}
	switch string(bytes.TrimSpace(s.Data[t.Start:t.End])) {
	case "library":
		return "library", true
	case "application":
		return "application", true
	case "framework":
		return "framework", true
	case "container":
		return "container", true
	case "platform":
		return "platform", true
	case "operating-system":
		return "operating-system", true
	case "device":
		return "device", true
	case "device-driver":
		return "device-driver", true
	case "firmware":
		return "firmware", true
	case "file":
		return "file", true
	case "machine-learning-model":
		return "machine-learning-model", true
	case "data":
		return "data", true
	case "cryptographic-asset":
		return "cryptographic-asset", true
	case "":
		return "", true
	}
	return "", false
}

// pairs reads null or an array of objects, taking the string (or null)
// values of the two keys in keys (any other key is skipped) and handing
// each object's pair to each. A null element is a zero object: it is
// skipped, as encoding/json would leave it empty.
func (s *scanner) pairs(keys []string, each func(a, b jsonscan.Tok)) bool {
	if s.Null() {
		return true
	}
	return s.Array(func() bool {
		if s.Null() {
			return true
		}
		t := [2]jsonscan.Tok{jsonscan.NullTok, jsonscan.NullTok}
		ok := s.Members(keys, func(i int) bool {
			var ok bool
			t[i], ok = s.StrOrNull()
			return ok
		})
		if ok {
			each(t[0], t[1])
		}
		return ok
	})
}

// hashes reads a component's hashes onto s.hashToks, as (alg, content)
// pairs.
func (s *scanner) hashes() bool {
	return s.pairs(hashKeys, func(alg, val jsonscan.Tok) {
		if !alg.Null() && !val.Null() {
			s.hashToks = append(s.hashToks, alg, val)
		}
	})
}

// extRefs reads a component's externalReferences, adding the URLs of
// distribution references to s.srcToks.
func (s *scanner) extRefs() bool {
	return s.pairs(extRefKeys, func(typ, url jsonscan.Tok) {
		if typ.Null() {
			return
		}
		var t string
		if typ.Esc() || typ.Hi() {
			t = s.Text(typ)
		} else {
			t = string(s.Data[typ.Start:typ.End]) // not allocated: compared only
		}
		if t == string(cdx.ERTypeDistribution) || t == string(cdx.ERTypeDistributionIntake) {
			s.srcToks = append(s.srcToks, url)
		}
	})
}

// dependencies reads the dependencies array.
func (s *scanner) dependencies() bool {
	return s.Array(func() bool {
		if s.Null() {
			return true // a zero Dependency: no dependsOn
		}
		ref := jsonscan.NullTok
		hasDeps := false
		to := s.depToks[:0]
		ok := s.Members(dependencyKeys, func(i int) bool {
			if i == 0 {
				var ok bool
				ref, ok = s.StrOrNull()
				return ok
			}
			if s.Null() {
				return true
			}
			hasDeps = true
			return s.Array(func() bool {
				t, ok := s.StrOrNull()
				to = append(to, t)
				return ok
			})
		})
		s.depToks = to
		if ok && hasDeps {
			s.dependency(ref, to)
		}
		return ok
	})
}

// dependency adds the edges of one dependency, with its strings in one
// allocation, as converter.dependencies does.
func (s *scanner) dependency(ref jsonscan.Tok, to []jsonscan.Tok) {
	if s.deps == nil {
		// Most components have a dependency or two: room for two each.
		s.deps = make([]model.Edge, 0, 2*len(s.comps)+len(to))
	}
	// Most refs name a component read already: reuse its Ref string rather
	// than allocating a copy for every edge.
	if f, ok := s.intern(ref); ok && f != "" {
		n := len(s.deps)
		all := true
		for _, t := range to {
			v, ok := s.intern(t)
			if !ok {
				all = false
				break
			}
			s.deps = append(s.deps, model.Edge{From: f, To: v})
		}
		if all {
			// Empty refs are dropped, with a warning each, in order.
			k := n
			for _, e := range s.deps[n:] {
				if e.To == "" {
					s.depWarn = append(s.depWarn, fmt.Sprintf("dependency of %s with empty ref ignored", f))
					continue
				}
				s.deps[k] = e
				k++
			}
			s.deps = s.deps[:k]
			return
		}
		s.deps = s.deps[:n]
	}
	b, from := s.put(s.scratch[:0], ref, jsonscan.AsIs)
	if from[0] == from[1] {
		s.scratch = b
		s.depWarn = append(s.depWarn, "dependency without ref ignored")
		return
	}
	spans := s.spans[:0]
	for _, t := range to {
		var sp [2]int
		b, sp = s.put(b, t, jsonscan.AsIs)
		spans = append(spans, sp)
	}
	str := string(b)
	s.scratch, s.spans = b, spans
	f := str[from[0]:from[1]]
	for _, sp := range spans {
		if sp[0] == sp[1] {
			s.depWarn = append(s.depWarn, fmt.Sprintf("dependency of %s with empty ref ignored", f))
			continue
		}
		s.deps = append(s.deps, model.Edge{From: f, To: str[sp[0]:sp[1]]})
	}
}

// intern returns the Ref of an already read component equal to t's text,
// without allocating; ok is false when there is none (or t needs decoding).
// An empty token interns to "".
func (s *scanner) intern(t jsonscan.Tok) (string, bool) {
	if t.Null() || t.Esc() || t.Hi() {
		return "", false
	}
	if t.Start == t.End {
		return "", true
	}
	if s.refs == nil {
		s.refs = make(map[string]string, len(s.comps))
		for i := range s.comps {
			if r := s.comps[i].Ref; r != "" {
				s.refs[r] = r
			}
		}
	}
	v, ok := s.refs[string(s.Data[t.Start:t.End])]
	return v, ok
}
