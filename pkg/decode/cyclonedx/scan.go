package cyclonedx

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/bits"
	"strings"
	"sync"
	"unicode/utf8"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sbomx/sbomx/pkg/internal/jsonmask"
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

// maxDepth is the nesting the scanner accepts; encoding/json fails beyond
// 10000.
const maxDepth = 9999

// scanner is a cursor over one JSON document and what it has read so far.
type scanner struct {
	data  []byte
	pos   int
	depth int
	bad   bool // a kept string could not be decoded (never expected)
	// m classifies data's bytes, so that strings and white space are
	// crossed with a trailing-zero count; nil where that is not vectorised
	// (the byte loops then do it, eight bytes at a time).
	m *jsonmask.Masks

	bomFormat, specVersion tok
	hasBOMFormat, hasSpec  bool
	metadata               []byte // the metadata value, nil when absent

	comps   []model.Component // every component of components[], depth first
	parents []int32           // index in comps of each component's parent, or -1
	noRef   bool              // some component has no bom-ref
	deps    []model.Edge
	depWarn []string
	refs    map[string]string // component refs read so far, for interning
	// skipHashes leaves components' hashes out (no query asks for one).
	skipHashes bool

	// Scratch space, reused.
	hashToks []tok // (alg, content) pairs of the components being read
	srcToks  []tok // distribution URLs of the components being read
	depToks  []tok
	scratch  []byte
	spans    [][2]int
	stack    []byte
}

// tok is a JSON string token: its content is data[start:end] (quotes
// excluded). It has at most four fields, so that the compiler keeps it in
// registers.
type tok struct {
	start, end int
	f          uint8 // tokEsc | tokHi | tokNull
}

const (
	tokEsc  = 1 << iota // has backslash escapes
	tokHi               // has bytes >= 0x80
	tokNull             // the value was null
)

// nullTok stands for a null or absent value.
var nullTok = tok{f: tokNull}

func (t tok) esc() bool  { return t.f&tokEsc != 0 }
func (t tok) hi() bool   { return t.f&tokHi != 0 }
func (t tok) null() bool { return t.f&tokNull != 0 }

// decodeScan decodes a CycloneDX JSON document with the scanner. It answers
// (ok) only when decodeSlow would answer the same (but for the warning about
// schema faults in unused fields, see above).
func decodeScan(data []byte, opt Options) (*model.Document, bool) {
	return decodeScanWith(data, opt, useMasks && len(data) <= maxMasked)
}

// decodeScanWith is decodeScan, with the masks or the byte loops.
func decodeScanWith(data []byte, opt Options, masks bool) (*model.Document, bool) {
	data = trimLeading(data)
	if len(data) == 0 || data[0] != '{' {
		return nil, false
	}
	s := scanner{data: data, skipHashes: opt.SkipHashes}
	// Real SBOMs spend a few hundred bytes to a few kilobytes on each
	// component: room for one per 700 bytes saves growing the slices (and
	// copying the components) again and again.
	if n := min(len(data)/700, 1<<16); n > 16 {
		s.comps = make([]model.Component, 0, n)
		s.parents = make([]int32, 0, n)
	}
	if masks {
		m := maskPool.Get().(*jsonmask.Masks)
		defer maskPool.Put(m)
		m.Compute(data)
		s.m = m
	}
	if !s.top() || s.bad {
		return nil, false
	}
	r := read{format: model.CycloneDXJSON}

	// bomFormat and specVersion: as readJSON reads them.
	if !s.hasBOMFormat {
		return nil, false
	}
	bomFormat := s.text(s.bomFormat)
	switch {
	case bomFormat == cdx.BOMFormat:
	case strings.EqualFold(strings.TrimSpace(bomFormat), cdx.BOMFormat):
		r.warnf("bomformat %q read as %q", bomFormat, cdx.BOMFormat)
	default:
		return nil, false
	}
	if !s.hasSpec {
		r.warnf("no specversion")
	} else {
		v := s.text(s.specVersion)
		if !knownVersion(v) {
			return nil, false
		}
		r.specVersion = v
	}
	md, ok := decodeMetadata(s.metadata)
	if !ok || s.bad {
		return nil, false
	}

	doc := s.convert(md)
	doc.Format = r.format
	doc.SpecVersion = r.specVersion
	doc.Warnings = append(r.warnings, doc.Warnings...)
	return doc, true
}

// useMasks is whether the scanner classifies documents' bytes first (see
// jsonmask): where that is vectorised. Tests run decodeScanWith both ways.
var useMasks = jsonmask.Fast

// maxMasked is the largest document the scanner classifies: the masks take
// 3/8 of its size. Larger ones are read with the byte loops.
const maxMasked = 64 << 20

var maskPool = sync.Pool{New: func() any { return new(jsonmask.Masks) }}

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
		if root != nil {
			if r := root.BOMRef; r != "" {
				c.used[r] = true
			}
			c.collectCDX(root.Components)
		}
		for i := range s.comps {
			if r := s.comps[i].Ref; r != "" {
				c.used[r] = true
			}
		}
	}
	rootBOMRef := ""
	if root != nil {
		ref := root.BOMRef
		if ref == "" {
			ref = c.fresh(rootRef)
		}
		rc := c.component(root, ref)
		c.doc.Root = &rc
		c.walk(root.Components, ref)
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
	topKeys       = []string{"bomFormat", "specVersion", "metadata", "components", "dependencies"}
	componentKeys = []string{"bom-ref", "type", "name", "group", "version", "purl", "hashes", "externalReferences", "components"}
	hashKeys      = []string{"alg", "content"}
	extRefKeys    = []string{"type", "url"}
	dependencyKey = []string{"ref", "dependsOn"}
)

// top reads the top-level object, then checks nothing but white space
// follows.
func (s *scanner) top() bool {
	if !s.enter() {
		return false
	}
	var seen uint8
	ok := s.object(func(key []byte) bool {
		var bit uint8
		switch string(key) {
		case "bomFormat":
			bit = 1
		case "specVersion":
			bit = 2
		case "metadata":
			bit = 4
		case "components":
			bit = 8
		case "dependencies":
			bit = 16
		default:
			if oddKey(key, topKeys) {
				return false
			}
			return s.skip()
		}
		if seen&bit != 0 {
			return false
		}
		seen |= bit
		switch bit {
		case 1:
			if s.peek() != '"' {
				return false
			}
			s.bomFormat, s.hasBOMFormat = s.str()
			return s.hasBOMFormat
		case 2:
			if s.peek() != '"' {
				return false
			}
			s.specVersion, s.hasSpec = s.str()
			return s.hasSpec
		case 4:
			start := s.pos
			if !s.skip() {
				return false
			}
			s.metadata = s.data[start:s.pos]
			return true
		case 8:
			if s.null() {
				return true
			}
			return s.peek() == '[' && s.components(-1)
		default:
			if s.null() {
				return true
			}
			return s.peek() == '[' && s.dependencies()
		}
	})
	if !ok {
		return false
	}
	s.ws()
	return s.pos == len(s.data)
}

// object reads an object at s.pos ('{'; depth already entered), calling
// field for each key with s.pos at the value (white space skipped); field
// reads the value. Keys with escapes are refused.
func (s *scanner) object(field func(key []byte) bool) bool {
	d := s.data
	s.pos++
	s.ws()
	if s.pos < len(d) && d[s.pos] == '}' {
		s.pos++
		s.depth--
		return true
	}
	for {
		if s.pos >= len(d) || d[s.pos] != '"' {
			return false
		}
		k, ok := s.str()
		if !ok || k.esc() {
			return false
		}
		s.ws()
		if s.pos >= len(d) || d[s.pos] != ':' {
			return false
		}
		s.pos++
		s.colon()
		if !field(d[k.start:k.end]) {
			return false
		}
		s.ws()
		if s.pos >= len(d) {
			return false
		}
		switch d[s.pos] {
		case ',':
			s.pos++
			s.ws()
		case '}':
			s.pos++
			s.depth--
			return true
		default:
			return false
		}
	}
}

// array reads an array at s.pos ('['), calling elem for each element with
// s.pos at it.
func (s *scanner) array(elem func() bool) bool {
	if !s.enter() {
		return false
	}
	d := s.data
	s.pos++
	s.ws()
	if s.pos < len(d) && d[s.pos] == ']' {
		s.pos++
		s.depth--
		return true
	}
	for {
		if !elem() {
			return false
		}
		s.ws()
		if s.pos >= len(d) {
			return false
		}
		switch d[s.pos] {
		case ',':
			s.pos++
			s.ws()
		case ']':
			s.pos++
			s.depth--
			return true
		default:
			return false
		}
	}
}

// components reads a components array; parent is the index of the
// component holding it, or -1.
func (s *scanner) components(parent int32) bool {
	return s.array(func() bool {
		if s.peek() != '{' {
			return false // null elements too: rare, left to the other paths
		}
		return s.component(parent)
	})
}

// compToks are the kept string values of one component.
type compToks struct {
	ref, typ, name, group, version, purl tok
}

// component reads one component object into s.comps (children after it).
func (s *scanner) component(parent int32) bool {
	if !s.enter() {
		return false
	}
	idx := int32(len(s.comps))
	s.comps = append(s.comps, model.Component{})
	s.parents = append(s.parents, parent)
	// This component's hashes and distribution URLs are s.hashToks[hb:]
	// and s.srcToks[sb:] when it ends: its children's are dropped when
	// they end.
	hb, sb := len(s.hashToks), len(s.srcToks)
	ct := compToks{nullTok, nullTok, nullTok, nullTok, nullTok, nullTok}
	var seen uint16
	ok := s.object(func(key []byte) bool {
		var bit uint16
		var t *tok
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
			if oddKey(key, componentKeys) {
				return false
			}
			return s.skip()
		}
		if seen&bit != 0 {
			return false
		}
		seen |= bit
		if t != nil {
			var ok bool
			*t, ok = s.strOrNull()
			return ok
		}
		switch bit {
		case 64:
			if s.skipHashes {
				return s.skip()
			}
			return s.hashes()
		case 128:
			return s.extRefs()
		default:
			if s.null() {
				return true
			}
			return s.peek() == '[' && s.components(idx)
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
func (s *scanner) build(ct *compToks, hashes, srcs []tok) model.Component {
	b := s.scratch[:0]
	var ref, name, group, version, purl, typ [2]int
	b, ref = s.put(b, ct.ref, asIs)
	b, name = s.put(b, ct.name, trim)
	b, group = s.put(b, ct.group, trim)
	b, version = s.put(b, ct.version, trim)
	b, purl = s.put(b, ct.purl, trim)
	if purl != ref && string(b[purl[0]:purl[1]]) == string(b[ref[0]:ref[1]]) {
		b, purl = b[:purl[0]], ref // often the same text: keep it once
	}
	typName, interned := s.internType(ct.typ)
	if !interned {
		b, typ = s.put(b, ct.typ, lowerTrim)
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
		b, u = s.put(b, t, asIs)
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

// How put transforms a string.
const (
	asIs      = iota
	trim      // strings.TrimSpace
	lowerTrim // strings.ToLower(strings.TrimSpace)
)

// put appends the text of t (transformed by how) to b and returns where it
// is.
func (s *scanner) put(b []byte, t tok, how int) ([]byte, [2]int) {
	start := len(b)
	if t.null() {
		return b, [2]int{start, start}
	}
	raw := s.data[t.start:t.end]
	if t.esc() || t.hi() && (how == lowerTrim || !utf8.Valid(raw)) {
		v := s.text(t)
		switch how {
		case trim:
			v = strings.TrimSpace(v)
		case lowerTrim:
			v = strings.ToLower(strings.TrimSpace(v))
		}
		b = append(b, v...)
		return b, [2]int{start, len(b)}
	}
	switch how {
	case asIs:
		b = append(b, raw...)
	case trim:
		b = append(b, bytes.TrimSpace(raw)...)
	default:
		for _, c := range bytes.TrimSpace(raw) {
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b = append(b, c)
		}
	}
	return b, [2]int{start, len(b)}
}

// putHash appends hash() of two tokens: "alg:value", the algorithm lower
// case without dashes, the value lower case, both trimmed; ok is false when
// either is empty.
func (s *scanner) putHash(b []byte, alg, val tok) ([]byte, [2]int, bool) {
	start := len(b)
	if alg.null() || val.null() {
		return b, [2]int{}, false
	}
	if alg.esc() || alg.hi() || val.esc() || val.hi() {
		h, ok := hash(cdx.Hash{Algorithm: cdx.HashAlgorithm(s.text(alg)), Value: s.text(val)})
		b = append(b, h...)
		return b, [2]int{start, len(b)}, ok
	}
	for _, c := range bytes.TrimSpace(s.data[alg.start:alg.end]) {
		if c == '-' {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	v := bytes.TrimSpace(s.data[val.start:val.end])
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
func (s *scanner) internType(t tok) (string, bool) {
	if t.null() {
		return "", true
	}
	if t.esc() || t.hi() {
		return "", false
	}
	switch string(bytes.TrimSpace(s.data[t.start:t.end])) {
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
func (s *scanner) pairs(keys []string, each func(a, b tok)) bool {
	if s.null() {
		return true
	}
	if s.peek() != '[' {
		return false
	}
	return s.array(func() bool {
		if s.null() {
			return true
		}
		if s.peek() != '{' || !s.enter() {
			return false
		}
		a, b := nullTok, nullTok
		var seen uint8
		ok := s.object(func(key []byte) bool {
			var bit uint8
			var t *tok
			switch string(key) {
			case keys[0]:
				bit, t = 1, &a
			case keys[1]:
				bit, t = 2, &b
			default:
				if oddKey(key, keys) {
					return false
				}
				return s.skip()
			}
			if seen&bit != 0 {
				return false
			}
			seen |= bit
			var ok bool
			*t, ok = s.strOrNull()
			return ok
		})
		if ok {
			each(a, b)
		}
		return ok
	})
}

// hashes reads a component's hashes onto s.hashToks, as (alg, content)
// pairs.
func (s *scanner) hashes() bool {
	return s.pairs(hashKeys, func(alg, val tok) {
		if !alg.null() && !val.null() {
			s.hashToks = append(s.hashToks, alg, val)
		}
	})
}

// extRefs reads a component's externalReferences, adding the URLs of
// distribution references to s.srcToks.
func (s *scanner) extRefs() bool {
	return s.pairs(extRefKeys, func(typ, url tok) {
		if typ.null() {
			return
		}
		var t string
		if typ.esc() || typ.hi() {
			t = s.text(typ)
		} else {
			t = string(s.data[typ.start:typ.end]) // not allocated: compared only
		}
		if t == string(cdx.ERTypeDistribution) || t == string(cdx.ERTypeDistributionIntake) {
			s.srcToks = append(s.srcToks, url)
		}
	})
}

// dependencies reads the dependencies array.
func (s *scanner) dependencies() bool {
	return s.array(func() bool {
		if s.null() {
			return true // a zero Dependency: no dependsOn
		}
		if s.peek() != '{' || !s.enter() {
			return false
		}
		ref := nullTok
		hasDeps := false
		to := s.depToks[:0]
		var seen uint8
		ok := s.object(func(key []byte) bool {
			var bit uint8
			switch string(key) {
			case "ref":
				bit = 1
			case "dependsOn":
				bit = 2
			default:
				if oddKey(key, dependencyKey) {
					return false
				}
				return s.skip()
			}
			if seen&bit != 0 {
				return false
			}
			seen |= bit
			if bit == 1 {
				var ok bool
				ref, ok = s.strOrNull()
				return ok
			}
			if s.null() {
				return true
			}
			if s.peek() != '[' {
				return false
			}
			hasDeps = true
			return s.array(func() bool {
				t, ok := s.strOrNull()
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
func (s *scanner) dependency(ref tok, to []tok) {
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
	b, from := s.put(s.scratch[:0], ref, asIs)
	if from[0] == from[1] {
		s.scratch = b
		s.depWarn = append(s.depWarn, "dependency without ref ignored")
		return
	}
	spans := s.spans[:0]
	for _, t := range to {
		var sp [2]int
		b, sp = s.put(b, t, asIs)
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
func (s *scanner) intern(t tok) (string, bool) {
	if t.null() || t.esc() || t.hi() {
		return "", false
	}
	if t.start == t.end {
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
	v, ok := s.refs[string(s.data[t.start:t.end])]
	return v, ok
}

// oddKey reports whether an unused key would match a kept one in
// encoding/json (case-insensitively), or might (non-ASCII letters).
func oddKey(key []byte, kept []string) bool {
	for _, c := range key {
		if c >= utf8.RuneSelf {
			return true
		}
	}
	for _, k := range kept {
		if len(k) == len(key) && asciiEqualFold(k, key) {
			return true
		}
	}
	return false
}

func asciiEqualFold(a string, b []byte) bool {
	for i := 0; i < len(a); i++ {
		x, y := a[i], b[i]
		if x == y {
			continue
		}
		if 'A' <= x && x <= 'Z' {
			x += 'a' - 'A'
		}
		if 'A' <= y && y <= 'Z' {
			y += 'a' - 'A'
		}
		if x != y {
			return false
		}
	}
	return true
}

// text returns the string a token stands for, as encoding/json decodes it
// ("" for null).
func (s *scanner) text(t tok) string {
	if t.null() {
		return ""
	}
	b := s.data[t.start:t.end]
	if t.esc() || t.hi() && !utf8.Valid(b) {
		var v string
		if err := json.Unmarshal(s.data[t.start-1:t.end+1], &v); err != nil {
			s.bad = true
		}
		return v
	}
	return string(b)
}

// The cursor.

func (s *scanner) enter() bool {
	s.depth++
	return s.depth <= maxDepth
}

// peek returns the byte at s.pos, or 0 at the end.
func (s *scanner) peek() byte {
	if s.pos < len(s.data) {
		return s.data[s.pos]
	}
	return 0
}

// null reads a null literal at s.pos, if there is one.
func (s *scanner) null() bool {
	if s.pos+4 <= len(s.data) && string(s.data[s.pos:s.pos+4]) == "null" {
		s.pos += 4
		return true
	}
	return false
}

// strOrNull reads a string or null.
func (s *scanner) strOrNull() (tok, bool) {
	if s.null() {
		return nullTok, true
	}
	if s.peek() != '"' {
		return tok{}, false
	}
	return s.str()
}

const (
	lsb    = 0x0101010101010101
	msb    = 0x8080808080808080
	spaces = 0x2020202020202020
)

// ws skips white space. The test for none is inlined at each call site,
// where the branch is well predicted.
func (s *scanner) ws() {
	if s.pos < len(s.data) && s.data[s.pos] > ' ' {
		return
	}
	s.wsMore()
}

// colon skips the white space after a colon: in pretty-printed JSON one
// space.
func (s *scanner) colon() {
	if i := s.pos; i+1 < len(s.data) && s.data[i] == ' ' && s.data[i+1] > ' ' {
		s.pos = i + 1
		return
	}
	s.wsMore()
}

// wsMore is ws: in pretty-printed JSON a newline and indentation.
func (s *scanner) wsMore() {
	if s.m != nil {
		s.pos = jsonmask.NextClear(s.m.WS, s.pos)
		return
	}
	d := s.data
	i := s.pos
	for i < len(d) {
		c := d[i]
		if c > ' ' {
			break
		}
		if c == '\n' && i+17 <= len(d) {
			// A newline and up to 16 spaces, without branches.
			n1 := bits.TrailingZeros64(binary.LittleEndian.Uint64(d[i+1:])^spaces) >> 3
			n2 := bits.TrailingZeros64(binary.LittleEndian.Uint64(d[i+9:])^spaces) >> 3
			i += 1 + n1 + n2&-(n1>>3)
			continue
		}
		if c == ' ' {
			if i+8 <= len(d) {
				if x := binary.LittleEndian.Uint64(d[i:]) ^ spaces; x != 0 {
					i += bits.TrailingZeros64(x) >> 3
				} else {
					i += 8
				}
				continue
			}
			i++
			continue
		}
		if c != '\n' && c != '\r' && c != '\t' {
			break
		}
		i++
	}
	s.pos = i
}

// str reads the string at s.pos ('"'), checking it as encoding/json does
// (no control characters, valid escapes).
func (s *scanner) str() (tok, bool) {
	if s.m != nil {
		return s.strMasked()
	}
	d := s.data
	i := s.pos + 1
	start := i
	var esc uint8
	var acc uint64 // every byte of the string or'ed: non-ASCII shows in msb
	for {
		// Eight bytes at a time, up to a quote, a backslash or a control
		// character.
		for i+8 <= len(d) {
			w := binary.LittleEndian.Uint64(d[i:])
			q := w ^ (lsb * '"')
			b := w ^ (lsb * '\\')
			m := ((q - lsb) &^ q) | ((b - lsb) &^ b) | ((w - lsb*0x20) &^ w)
			if m &= msb; m != 0 {
				k := uint(bits.TrailingZeros64(m)) >> 3
				acc |= w & (1<<(8*k) - 1)
				i += int(k)
				break
			}
			acc |= w
			i += 8
		}
		if i >= len(d) {
			return tok{}, false
		}
		switch c := d[i]; {
		case c == '"':
			f := esc
			if acc&msb != 0 {
				f |= tokHi
			}
			s.pos = i + 1
			return tok{start, i, f}, true
		case c == '\\':
			esc = tokEsc
			n := escape(d, i)
			if n == 0 {
				return tok{}, false
			}
			i += n
		case c < 0x20:
			return tok{}, false
		default:
			acc |= uint64(c) << 56
			i++
		}
	}
}

// strMasked is str with the masks: the next quote, backslash or control
// character is a trailing-zero count away.
func (s *scanner) strMasked() (tok, bool) {
	start := s.pos + 1
	end, esc := skipStr(s.data, s.m.Stop, s.pos)
	if end < 0 {
		return tok{}, false
	}
	var f uint8
	if esc {
		f = tokEsc
	}
	if !s.m.ASCII && jsonmask.Any(s.m.Hi, start, end-1) {
		f |= tokHi
	}
	s.pos = end
	return tok{start, end - 1, f}, true
}

// escape returns the length of the valid escape sequence at d[i] ('\\'), or
// 0.
func escape(d []byte, i int) int {
	if i+1 >= len(d) {
		return 0
	}
	switch d[i+1] {
	case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
		return 2
	case 'u':
		if i+6 > len(d) {
			return 0
		}
		for _, h := range d[i+2 : i+6] {
			if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
				return 0
			}
		}
		return 6
	}
	return 0
}

// skipMasked is skip for an object or array at s.pos, with the masks: one
// loop with a stack of the open containers rather than a call per value and
// per string. It checks what skipObject and skipArray check: the grammar,
// the strings (control characters, escapes), literals, numbers and the
// nesting limit.
func (s *scanner) skipMasked() bool {
	d := s.data
	ws, stop := s.m.WS, s.m.Stop
	i := s.pos
	stk := s.stack[:0] // the open containers' opening brackets
	depth := s.depth
	defer func() { s.stack = stk[:0] }()

value: // at a value
	if i >= len(d) {
		return false
	}
	switch c := d[i]; c {
	case '"':
		goto str
	case '{', '[':
		if depth++; depth > maxDepth {
			return false
		}
		stk = append(stk, c)
		i++
		if i < len(d) && d[i] <= ' ' {
			i = jsonmask.NextClear(ws, i)
		}
		if i < len(d) && d[i] == c+2 { // '}' or ']'
			stk = stk[:len(stk)-1]
			depth--
			i++
			goto after
		}
		if c == '{' {
			goto key
		}
		goto value
	case 't', 'f', 'n':
		lit := "null"
		if c == 't' {
			lit = "true"
		} else if c == 'f' {
			lit = "false"
		}
		if i+len(lit) > len(d) || string(d[i:i+len(lit)]) != lit {
			return false
		}
		i += len(lit)
		goto after
	default:
		s.pos = i
		if !s.number() {
			return false
		}
		i = s.pos
		goto after
	}

key: // at an object's key
	if i >= len(d) || d[i] != '"' {
		return false
	}
	if i, _ = skipStr(d, stop, i); i < 0 {
		return false
	}
	if i < len(d) && d[i] <= ' ' {
		i = jsonmask.NextClear(ws, i)
	}
	if i >= len(d) || d[i] != ':' {
		return false
	}
	i++
	if i < len(d) && d[i] <= ' ' {
		i = jsonmask.NextClear(ws, i)
	}
	goto value

str: // at a string value
	if i, _ = skipStr(d, stop, i); i < 0 {
		return false
	}

after: // after a value
	if len(stk) == 0 {
		s.pos = i
		return true
	}
	if i < len(d) && d[i] <= ' ' {
		i = jsonmask.NextClear(ws, i)
	}
	if i >= len(d) {
		return false
	}
	switch top := stk[len(stk)-1]; d[i] {
	case ',':
		i++
		if i < len(d) && d[i] <= ' ' {
			i = jsonmask.NextClear(ws, i)
		}
		if top == '{' {
			goto key
		}
		goto value
	case top + 2:
		stk = stk[:len(stk)-1]
		depth--
		i++
		goto after
	}
	return false
}

// skipStr returns the position after the string at d[i] ('"'), or -1 when
// it is not well-formed, and whether it has escapes.
func skipStr(d []byte, stop []byte, i int) (end int, esc bool) {
	i++
	for {
		if i = jsonmask.NextSet(stop, i); i >= len(d) {
			return -1, false
		}
		switch d[i] {
		case '"':
			return i + 1, esc
		case '\\':
			esc = true
			n := escape(d, i)
			if n == 0 {
				return -1, false
			}
			i += n
		default: // a control character
			return -1, false
		}
	}
}

// skip reads any value at s.pos, checking it is well-formed.
func (s *scanner) skip() bool {
	d := s.data
	if s.pos >= len(d) {
		return false
	}
	switch c := d[s.pos]; c {
	case '"':
		_, ok := s.str()
		return ok
	case '{':
		if s.m != nil {
			return s.skipMasked()
		}
		return s.skipObject()
	case '[':
		if s.m != nil {
			return s.skipMasked()
		}
		return s.skipArray()
	case 't':
		return s.literal("true")
	case 'f':
		return s.literal("false")
	case 'n':
		return s.literal("null")
	default:
		return s.number()
	}
}

// skipObject is skip for an object.
func (s *scanner) skipObject() bool {
	if !s.enter() {
		return false
	}
	d := s.data
	s.pos++
	s.ws()
	if s.pos < len(d) && d[s.pos] == '}' {
		s.pos++
		s.depth--
		return true
	}
	for {
		if s.pos >= len(d) || d[s.pos] != '"' {
			return false
		}
		if _, ok := s.str(); !ok {
			return false
		}
		s.ws()
		if s.pos >= len(d) || d[s.pos] != ':' {
			return false
		}
		s.pos++
		s.colon()
		if !s.skip() {
			return false
		}
		s.ws()
		if s.pos >= len(d) {
			return false
		}
		switch d[s.pos] {
		case ',':
			s.pos++
			s.ws()
		case '}':
			s.pos++
			s.depth--
			return true
		default:
			return false
		}
	}
}

// skipArray is skip for an array.
func (s *scanner) skipArray() bool { return s.array(s.skip) }

func (s *scanner) literal(lit string) bool {
	if s.pos+len(lit) <= len(s.data) && string(s.data[s.pos:s.pos+len(lit)]) == lit {
		s.pos += len(lit)
		return true
	}
	return false
}

// number reads a number: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
func (s *scanner) number() bool {
	d := s.data
	i := s.pos
	if i < len(d) && d[i] == '-' {
		i++
	}
	switch {
	case i < len(d) && d[i] == '0':
		i++
	case i < len(d) && '1' <= d[i] && d[i] <= '9':
		i = digits(d, i)
	default:
		return false
	}
	if i < len(d) && d[i] == '.' {
		j := digits(d, i+1)
		if j == i+1 {
			return false
		}
		i = j
	}
	if i < len(d) && (d[i] == 'e' || d[i] == 'E') {
		i++
		if i < len(d) && (d[i] == '+' || d[i] == '-') {
			i++
		}
		j := digits(d, i)
		if j == i {
			return false
		}
		i = j
	}
	s.pos = i
	return true
}

func digits(d []byte, i int) int {
	for i < len(d) && '0' <= d[i] && d[i] <= '9' {
		i++
	}
	return i
}
