package inventory

import (
	"bytes"
	"strings"
)

// parseCatalogFast reads the plain subset of YAML that nearly every
// catalog-info.yaml is written in, about 30 times faster than yaml.v3: block
// mappings and sequences, simple keys, plain scalars that can only be
// strings, quoted scalars without escapes, comment lines and "---"
// separators. On anything else (flow style, block scalars, anchors, tags,
// escapes, multi-line scalars, numbers, booleans, nulls where a string is
// read, duplicate keys, tabs, CRs, empty documents, a syntax error) it
// returns ok false and ParseCatalog reads the file with yaml.v3, which
// reports errors with their line. When it returns ok, the entities are the
// ones yaml.v3 gives (FuzzCatalogFastEqualsSlow holds it to that).
func parseCatalogFast(data []byte) (out []Entity, ok bool) {
	for _, c := range data {
		if (c < 0x20 || c > 0x7e) && c != '\n' {
			return nil, false // tabs, CRs, controls, non-ASCII (and a BOM)
		}
	}
	p := fastParser{}
	lineNo := 0
	for len(data) > 0 {
		lineNo++
		var line []byte
		if i := bytes.IndexByte(data, '\n'); i >= 0 {
			line, data = data[:i], data[i+1:]
		} else {
			line, data = data, nil
		}
		if !p.line(lineNo, line) {
			return nil, false
		}
	}
	if !p.endDoc() || len(p.docs) == 0 {
		return nil, false
	}
	for _, d := range p.docs {
		e, ok := entityOf(d)
		if !ok {
			return nil, false
		}
		if e.Kind == "" && e.Name == "" {
			continue
		}
		out = append(out, e)
	}
	return out, true
}

// fnode is a parsed value: a scalar (str, or null), a mapping or a sequence.
type fnode struct {
	str  string
	null bool
	m    *fmap
	seq  []string
}

type fmap struct {
	keys []string
	vals []*fnode
}

func (m *fmap) get(key string) *fnode {
	for i, k := range m.keys {
		if k == key {
			return m.vals[i]
		}
	}
	return nil
}

type fdoc struct {
	root *fmap
	line int
}

// frame is an open block: a mapping or a sequence at an indentation.
type frame struct {
	indent int
	m      *fmap
	seq    *fnode // the node whose seq is being filled
}

type fastParser struct {
	docs    []fdoc
	cur     *fdoc
	stack   []frame
	pending *fnode // a "key:" with nothing after it yet: its block may follow
	pendInd int    // the indentation of pending's mapping
	marker  int    // line of a "---" that opened the current document
}

func (p *fastParser) endDoc() bool {
	if p.pending != nil {
		p.pending.null = true
		p.pending = nil
	}
	if p.cur == nil {
		return p.marker == 0 // "---" with no document after it: leave it to yaml.v3
	}
	p.docs = append(p.docs, *p.cur)
	p.cur, p.stack, p.marker = nil, nil, 0
	return true
}

func (p *fastParser) line(n int, line []byte) bool {
	line = bytes.TrimRight(line, " ")
	text := bytes.TrimLeft(line, " ")
	indent := len(line) - len(text)
	switch {
	case len(text) == 0:
		return true
	case text[0] == '#':
		return true
	case indent == 0 && string(text) == "---":
		if p.cur == nil && p.marker != 0 {
			return false // an empty document
		}
		if p.cur != nil && !p.endDoc() {
			return false
		}
		p.marker = n
		return true
	case indent == 0 && (text[0] == '%' || bytes.HasPrefix(text, []byte("---")) || bytes.HasPrefix(text, []byte("..."))):
		return false
	}
	if p.cur == nil {
		if indent != 0 {
			return false
		}
		line := n
		if p.marker != 0 {
			line = p.marker
		}
		p.cur = &fdoc{root: &fmap{}, line: line}
		p.stack = []frame{{indent: 0, m: p.cur.root}}
	}
	if text[0] == '-' && (len(text) == 1 || text[1] == ' ') {
		return p.item(indent, bytes.TrimLeft(text[1:], " "))
	}
	return p.entry(indent, text)
}

// item is a "- value" line.
func (p *fastParser) item(indent int, text []byte) bool {
	if len(text) == 0 {
		return false
	}
	v, ok := scalarOf(text)
	if !ok || v.null {
		return false
	}
	if p.pending != nil {
		if indent < p.pendInd {
			return false
		}
		p.stack = append(p.stack, frame{indent: indent, seq: p.pending})
		p.pending = nil
	}
	for len(p.stack) > 0 && p.stack[len(p.stack)-1].indent > indent {
		p.stack = p.stack[:len(p.stack)-1]
	}
	top := &p.stack[len(p.stack)-1]
	if top.seq == nil || top.indent != indent {
		return false
	}
	top.seq.seq = append(top.seq.seq, v.str)
	return true
}

// entry is a "key:" or "key: value" line.
func (p *fastParser) entry(indent int, text []byte) bool {
	colon := bytes.IndexByte(text, ':')
	if colon <= 0 || !simpleKey(text[:colon]) || colon+1 < len(text) && text[colon+1] != ' ' {
		return false
	}
	key := string(text[:colon])
	rest := bytes.TrimLeft(text[colon+1:], " ")
	if p.pending != nil {
		if indent <= p.pendInd {
			p.pending.null = true
			p.pending = nil
		} else {
			p.pending.m = &fmap{}
			p.stack = append(p.stack, frame{indent: indent, m: p.pending.m})
			p.pending = nil
		}
	}
	// Close deeper blocks, and a sequence written at the key's own
	// indentation ("tags:\n- a\nspec:").
	for len(p.stack) > 0 {
		top := p.stack[len(p.stack)-1]
		if top.indent < indent || top.indent == indent && top.seq == nil {
			break
		}
		p.stack = p.stack[:len(p.stack)-1]
	}
	if len(p.stack) == 0 {
		return false
	}
	top := p.stack[len(p.stack)-1]
	if top.m == nil || top.indent != indent || top.m.get(key) != nil {
		return false
	}
	node := &fnode{}
	top.m.keys = append(top.m.keys, key)
	top.m.vals = append(top.m.vals, node)
	if len(rest) == 0 {
		p.pending, p.pendInd = node, indent
		return true
	}
	v, ok := scalarOf(rest)
	if !ok {
		return false
	}
	*node = v
	return true
}

// simpleKey: letters, digits and . _ / - only, starting with a letter, and
// shorter than YAML's 1024-character limit on implicit keys.
func simpleKey(k []byte) bool {
	if !isLetter(k[0]) || len(k) > 1000 {
		return false
	}
	for _, c := range k {
		if !isLetter(c) && !('0' <= c && c <= '9') && c != '.' && c != '_' && c != '/' && c != '-' {
			return false
		}
	}
	return true
}

func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

// scalarOf reads a value the fast path is sure of: a plain scalar that YAML
// can only read as a string, or a quoted one without escapes.
func scalarOf(v []byte) (fnode, bool) {
	switch q := v[0]; q {
	case '"', '\'':
		if len(v) < 2 || v[len(v)-1] != q {
			return fnode{}, false
		}
		inner := v[1 : len(v)-1]
		if bytes.IndexByte(inner, q) >= 0 || bytes.IndexByte(inner, '\\') >= 0 {
			return fnode{}, false
		}
		return fnode{str: string(inner)}, true
	}
	if !isLetter(v[0]) && v[0] != '/' {
		return fnode{}, false // numbers, timestamps, indicators, ~
	}
	if v[len(v)-1] == ':' || bytes.Contains(v, []byte(": ")) || bytes.Contains(v, []byte(" #")) {
		return fnode{}, false
	}
	for _, c := range v {
		if c < 0x20 || c == 0x7f {
			return fnode{}, false
		}
	}
	switch strings.ToLower(string(v)) {
	case "true", "false", "null", "yes", "no", "on", "off", "y", "n":
		return fnode{}, false
	}
	return fnode{str: string(v)}, true
}

// entityOf takes the fields ParseCatalog reads, where yaml.v3 would read
// them the same way; ok is false where it would fail or convert.
func entityOf(d fdoc) (Entity, bool) {
	e := Entity{Line: d.line}
	str := func(m *fmap, key string, dst *string) bool {
		if m == nil {
			return true
		}
		v := m.get(key)
		switch {
		case v == nil || v.null:
			return true
		case v.m != nil || v.seq != nil:
			return false
		}
		*dst = v.str
		return true
	}
	sub := func(m *fmap, key string) (*fmap, bool) {
		if m == nil {
			return nil, true
		}
		v := m.get(key)
		switch {
		case v == nil || v.null:
			return nil, true
		case v.m == nil:
			return nil, false
		}
		return v.m, true
	}
	meta, ok1 := sub(d.root, "metadata")
	spec, ok2 := sub(d.root, "spec")
	ann, ok3 := sub(meta, "annotations")
	profile, ok4 := sub(spec, "profile")
	ok := ok1 && ok2 && ok3 && ok4 &&
		str(d.root, "kind", &e.Kind) &&
		str(meta, "name", &e.Name) && str(meta, "namespace", &e.Namespace) &&
		str(spec, "owner", &e.Owner) && str(spec, "system", &e.System) &&
		str(spec, "domain", &e.Domain) && str(spec, "lifecycle", &e.Lifecycle) &&
		str(profile, "displayName", &e.DisplayName) && str(profile, "email", &e.Email)
	if !ok {
		return Entity{}, false
	}
	// ParseCatalog trims the fields it reads as any.
	for _, f := range []*string{&e.Owner, &e.System, &e.Domain, &e.Lifecycle, &e.DisplayName, &e.Email} {
		*f = strings.TrimSpace(*f)
	}
	if ann != nil {
		e.Annotations = make(map[string]string, len(ann.keys))
		for i, k := range ann.keys {
			v := ann.vals[i]
			if v.m != nil || v.seq != nil {
				return Entity{}, false
			}
			e.Annotations[k] = v.str
		}
	}
	return e, true
}
