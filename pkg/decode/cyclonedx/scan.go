package cyclonedx

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"math/bits"
	"strings"
	"unicode/utf8"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sbomx/sbomx/pkg/internal/jsonx"
	"github.com/sbomx/sbomx/pkg/model"
)

// The scanner is the first stage of Decode for JSON: a hand-written,
// single-pass reader of exactly the parts of a CycloneDX document sbomx uses
// (bomFormat, specVersion, metadata, components, dependencies), with no
// reflection. It declines (and Decode runs decodeFast, then decodeSlow) on
// anything that might make it answer differently from decodeSlow:
//
//   - malformed or truncated JSON, nesting deeper than encoding/json allows;
//   - a kept key spelled with escapes, with non-ASCII letters, or differing
//     from a kept key only in case (encoding/json matches fields
//     case-insensitively), or given twice in one object;
//   - a kept value of an unexpected JSON type (null counts as absent);
//   - a bomFormat or specVersion decodeFast would decline;
//   - metadata that cyclonedx-go's types do not accept.
//
// Metadata is small: its bytes are decoded with the cyclonedx-go types, as
// in decodeFast. Everything else the scanner does not use is only checked
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

	bomFormat, specVersion tok
	hasBOMFormat, hasSpec  bool
	metadata               []byte // the metadata value, nil when absent

	comps   []model.Component // every component of components[], depth first
	parents []int32           // index in comps of each component's parent, or -1
	noRef   bool              // some component has no bom-ref
	deps    []model.Edge
	depWarn []string
	scratch []byte
}

// tok is a JSON string token: its content is data[start:end] (quotes
// excluded).
type tok struct {
	start, end int
	esc        bool // has backslash escapes
	hi         bool // has bytes >= 0x80
	null       bool // the value was null
}

// decodeScan decodes a CycloneDX JSON document with the scanner. It answers
// (ok) only when decodeSlow would answer the same (but for the warning about
// schema faults in unused fields, see above).
func decodeScan(data []byte) (*model.Document, bool) {
	data = trimLeading(data)
	if len(data) == 0 || data[0] != '{' {
		return nil, false
	}
	s := scanner{data: data}
	if !s.top() || s.bad {
		return nil, false
	}
	r := read{format: model.CycloneDXJSON}

	// bomFormat and specVersion: as decodeFast.
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

// decodeMetadata decodes the metadata value with the cyclonedx-go types:
// with goccy/go-json when it is plain ASCII without escapes (where it agrees
// with encoding/json), else with encoding/json.
func decodeMetadata(span []byte) (md *cdx.Metadata, ok bool) {
	if span == nil || string(span) == "null" {
		return nil, true
	}
	defer func() {
		if p := recover(); p != nil {
			md, ok = nil, false
		}
	}()
	plain := bytes.IndexByte(span, '\\') < 0
	for i := 0; plain && i < len(span); i++ {
		plain = span[i] < utf8.RuneSelf
	}
	var err error
	if plain {
		err = jsonx.Unmarshal(span, &md)
	} else {
		err = json.Unmarshal(span, &md)
	}
	return md, err == nil
}

// convert builds the Document as convert and convertLean do: the same
// components in the same order, the same Refs, the same warnings.
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
	c.doc.Dependencies = s.deps
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
		if !ok || k.esc {
			return false
		}
		s.ws()
		if s.pos >= len(d) || d[s.pos] != ':' {
			return false
		}
		s.pos++
		s.ws()
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

// component reads one component object into s.comps (children after it).
func (s *scanner) component(parent int32) bool {
	if !s.enter() {
		return false
	}
	idx := int32(len(s.comps))
	s.comps = append(s.comps, model.Component{})
	s.parents = append(s.parents, parent)
	var m model.Component
	var seen uint16
	ok := s.object(func(key []byte) bool {
		var bit uint16
		switch string(key) {
		case "bom-ref":
			bit = 1
			if t, ok := s.strOrNull(); ok {
				m.Ref = s.text(t)
			} else {
				return false
			}
		case "type":
			bit = 2
			if t, ok := s.strOrNull(); ok {
				m.Type = s.lowerTrimmed(t)
			} else {
				return false
			}
		case "name":
			bit = 4
			if t, ok := s.strOrNull(); ok {
				m.Name = s.trimmed(t)
			} else {
				return false
			}
		case "group":
			bit = 8
			if t, ok := s.strOrNull(); ok {
				m.Group = s.trimmed(t)
			} else {
				return false
			}
		case "version":
			bit = 16
			if t, ok := s.strOrNull(); ok {
				m.Version = s.trimmed(t)
			} else {
				return false
			}
		case "purl":
			bit = 32
			if t, ok := s.strOrNull(); ok {
				m.PURL = s.trimmed(t)
			} else {
				return false
			}
		case "hashes":
			bit = 64
			if !s.hashes(&m) {
				return false
			}
		case "externalReferences":
			bit = 128
			if !s.extRefs(&m) {
				return false
			}
		case "components":
			bit = 256
			if !s.null() {
				if s.peek() != '[' || !s.components(idx) {
					return false
				}
			}
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
		return true
	})
	if !ok {
		return false
	}
	if m.Ref == "" {
		s.noRef = true
	}
	model.IdentifyComponent(&m)
	s.comps[idx] = m
	return true
}

// hashes reads a component's hashes (null or an array of objects).
func (s *scanner) hashes(m *model.Component) bool {
	if s.null() {
		return true
	}
	if s.peek() != '[' {
		return false
	}
	return s.array(func() bool {
		if s.null() {
			return true // a zero Hash, which hash() skips
		}
		if s.peek() != '{' || !s.enter() {
			return false
		}
		var alg, val tok
		alg.null, val.null = true, true
		var seen uint8
		ok := s.object(func(key []byte) bool {
			var bit uint8
			var ok bool
			switch string(key) {
			case "alg":
				bit = 1
				alg, ok = s.strOrNull()
			case "content":
				bit = 2
				val, ok = s.strOrNull()
			default:
				if oddKey(key, hashKeys) {
					return false
				}
				return s.skip()
			}
			if !ok || seen&bit != 0 {
				return false
			}
			seen |= bit
			return true
		})
		if !ok {
			return false
		}
		if h, ok := s.hash(alg, val); ok {
			m.Hashes = append(m.Hashes, h)
		}
		return true
	})
}

// hash is hash() for two tokens: "alg:value", the algorithm lower case
// without dashes, the value lower case, both trimmed.
func (s *scanner) hash(alg, val tok) (string, bool) {
	if alg.null || val.null {
		return "", false
	}
	if alg.esc || alg.hi || val.esc || val.hi {
		return hash(cdx.Hash{Algorithm: cdx.HashAlgorithm(s.text(alg)), Value: s.text(val)})
	}
	a := bytes.TrimSpace(s.data[alg.start:alg.end])
	v := bytes.TrimSpace(s.data[val.start:val.end])
	if len(v) == 0 {
		return "", false
	}
	b := s.scratch[:0]
	for _, c := range a {
		if c == '-' {
			continue
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	if len(b) == 0 {
		s.scratch = b
		return "", false
	}
	b = append(b, ':')
	for _, c := range v {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b = append(b, c)
	}
	s.scratch = b
	return string(b), true
}

// extRefs reads a component's externalReferences (null or an array of
// objects), adding distribution URLs to m's sources.
func (s *scanner) extRefs(m *model.Component) bool {
	if s.null() {
		return true
	}
	if s.peek() != '[' {
		return false
	}
	return s.array(func() bool {
		if s.null() {
			return true // a zero reference: no type
		}
		if s.peek() != '{' || !s.enter() {
			return false
		}
		var typ, url tok
		typ.null, url.null = true, true
		var seen uint8
		ok := s.object(func(key []byte) bool {
			var bit uint8
			var ok bool
			switch string(key) {
			case "type":
				bit = 1
				typ, ok = s.strOrNull()
			case "url":
				bit = 2
				url, ok = s.strOrNull()
			default:
				if oddKey(key, extRefKeys) {
					return false
				}
				return s.skip()
			}
			if !ok || seen&bit != 0 {
				return false
			}
			seen |= bit
			return true
		})
		if !ok {
			return false
		}
		if typ.null {
			return true
		}
		var t []byte
		if typ.esc || typ.hi {
			t = []byte(s.text(typ))
		} else {
			t = s.data[typ.start:typ.end]
		}
		if string(t) == string(cdx.ERTypeDistribution) || string(t) == string(cdx.ERTypeDistributionIntake) {
			m.AddSource(s.text(url))
		}
		return true
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
		var ref tok
		ref.null = true
		from := ""
		hasRef := false
		dependsOn := -1 // position of a dependsOn array read before ref
		var seen uint8
		ok := s.object(func(key []byte) bool {
			var bit uint8
			switch string(key) {
			case "ref":
				bit = 1
				var ok bool
				if ref, ok = s.strOrNull(); !ok {
					return false
				}
				from, hasRef = s.text(ref), true
			case "dependsOn":
				bit = 2
				if s.null() {
					break
				}
				if s.peek() != '[' {
					return false
				}
				if hasRef {
					if !s.dependsOn(from) {
						return false
					}
				} else {
					dependsOn = s.pos
					if !s.skip() {
						return false
					}
				}
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
			return true
		})
		if !ok {
			return false
		}
		if dependsOn >= 0 {
			// The array is known to be well-formed: read it again.
			pos, depth := s.pos, s.depth
			s.pos = dependsOn
			ok = s.dependsOn(from)
			s.pos, s.depth = pos, depth
		}
		return ok
	})
}

// dependsOn reads a dependsOn array (not null) of the dependency from.
func (s *scanner) dependsOn(from string) bool {
	if from == "" {
		s.depWarn = append(s.depWarn, "dependency without ref ignored")
	}
	return s.array(func() bool {
		t, ok := s.strOrNull()
		if !ok || from == "" {
			return ok
		}
		if t.null || t.start == t.end {
			s.depWarn = append(s.depWarn, fmt.Sprintf("dependency of %s with empty ref ignored", from))
			return true
		}
		s.deps = append(s.deps, model.Edge{From: from, To: s.text(t)})
		return true
	})
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

// Strings.

// text returns the string a token stands for, as encoding/json decodes it
// ("" for null).
func (s *scanner) text(t tok) string {
	if t.null {
		return ""
	}
	b := s.data[t.start:t.end]
	if t.esc || t.hi && !utf8.Valid(b) {
		var v string
		if err := json.Unmarshal(s.data[t.start-1:t.end+1], &v); err != nil {
			s.bad = true
		}
		return v
	}
	return string(b)
}

// trimmed is strings.TrimSpace(s.text(t)), converting once.
func (s *scanner) trimmed(t tok) string {
	if t.null {
		return ""
	}
	if t.esc || t.hi {
		return strings.TrimSpace(s.text(t))
	}
	return string(bytes.TrimSpace(s.data[t.start:t.end]))
}

// lowerTrimmed is strings.ToLower(strings.TrimSpace(s.text(t))), with the
// component types of the specification not allocated.
func (s *scanner) lowerTrimmed(t tok) string {
	if t.null {
		return ""
	}
	if t.esc || t.hi {
		return strings.ToLower(strings.TrimSpace(s.text(t)))
	}
	b := bytes.TrimSpace(s.data[t.start:t.end])
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			l := append(s.scratch[:0], b...)
			for j := i; j < len(l); j++ {
				if c := l[j]; 'A' <= c && c <= 'Z' {
					l[j] = c + 'a' - 'A'
				}
			}
			s.scratch = l
			b = l
			break
		}
	}
	switch string(b) {
	case "application":
		return "application"
	case "framework":
		return "framework"
	case "library":
		return "library"
	case "container":
		return "container"
	case "platform":
		return "platform"
	case "operating-system":
		return "operating-system"
	case "device":
		return "device"
	case "device-driver":
		return "device-driver"
	case "firmware":
		return "firmware"
	case "file":
		return "file"
	case "machine-learning-model":
		return "machine-learning-model"
	case "data":
		return "data"
	case "cryptographic-asset":
		return "cryptographic-asset"
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
		return tok{null: true}, true
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

// ws skips white space.
func (s *scanner) ws() {
	d := s.data
	i := s.pos
	for i < len(d) {
		switch d[i] {
		case ' ':
			i++
			for i+8 <= len(d) && binary.LittleEndian.Uint64(d[i:]) == spaces {
				i += 8
			}
		case '\n', '\t', '\r':
			i++
		default:
			s.pos = i
			return
		}
	}
	s.pos = i
}

// str reads the string at s.pos ('"'), checking it as encoding/json does
// (no control characters, valid escapes).
func (s *scanner) str() (tok, bool) {
	d := s.data
	i := s.pos + 1
	t := tok{start: i}
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
			return t, false
		}
		switch c := d[i]; {
		case c == '"':
			t.end = i
			t.hi = acc&msb != 0
			s.pos = i + 1
			return t, true
		case c == '\\':
			t.esc = true
			if i+1 >= len(d) {
				return t, false
			}
			switch d[i+1] {
			case '"', '\\', '/', 'b', 'f', 'n', 'r', 't':
				i += 2
			case 'u':
				if i+6 > len(d) {
					return t, false
				}
				for _, h := range d[i+2 : i+6] {
					if !('0' <= h && h <= '9' || 'a' <= h && h <= 'f' || 'A' <= h && h <= 'F') {
						return t, false
					}
				}
				i += 6
			default:
				return t, false
			}
		case c < 0x20:
			return t, false
		default:
			acc |= uint64(c) << 56
			i++
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
		if !s.enter() {
			return false
		}
		return s.object(func([]byte) bool { return s.skip() })
	case '[':
		return s.array(s.skip)
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
