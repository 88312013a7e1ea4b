package cyclonedx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sbomx/sbomx/internal/support/jsonscan"
	"github.com/sbomx/sbomx/pkg/model"
)

// readJSON checks that data is a CycloneDX JSON BOM and decodes it with
// cyclonedx-go, rewriting an unknown specVersion and, when cyclonedx-go
// rejects the document, retrying with only the parts sbomx reads.
func readJSON(data []byte) (*read, error) {
	var top map[string]rawValue
	if err := json.Unmarshal(data, &top); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return nil, errNotBOM("json top level is an %s, not an object", te.Value)
		}
		return nil, fmt.Errorf("cyclonedx: malformed json: %w", err)
	}
	r := &read{format: model.CycloneDXJSON}

	raw, ok := top["bomFormat"]
	if !ok {
		return nil, errNotBOM("json has no bomFormat")
	}
	var bomFormat string
	if err := json.Unmarshal(raw, &bomFormat); err != nil {
		return nil, errNotBOM("bomFormat is not a string")
	}
	if !r.checkBOMFormat(bomFormat) {
		return nil, errNotBOM("bomFormat is %q, not %q", bomFormat, cdx.BOMFormat)
	}

	rewrite := false
	if raw, ok := top["specVersion"]; !ok {
		r.warnf("no specversion")
	} else {
		v, isString := specVersion(raw)
		r.specVersion = v
		switch {
		case knownVersion(v) && isString:
		case knownVersion(v):
			r.warnf("specversion %s is not a string", raw)
			top["specVersion"] = quote(v)
			rewrite = true
		default:
			r.warnf("unknown specversion %s, read as %s", raw, latestVersion)
			top["specVersion"] = quote(latestVersion)
			rewrite = true
		}
	}

	input := data
	if rewrite {
		var err error
		if input, err = json.Marshal(top); err != nil {
			return nil, fmt.Errorf("cyclonedx: %w", err)
		}
	}
	bom, err := decodeBOM(input, cdx.BOMFileFormatJSON)
	if err != nil {
		pruned, perr := pruneJSON(data, top)
		if perr != nil {
			return nil, fmt.Errorf("cyclonedx: %w", err)
		}
		var rerr error
		if bom, rerr = decodeBOM(pruned, cdx.BOMFileFormatJSON); rerr != nil {
			return nil, fmt.Errorf("cyclonedx: %w (also after dropping unused fields: %v)", err, rerr)
		}
		r.warnf("read leniently, skipped fields sbomx does not use: %s", describe(err))
	}
	r.bom = bom
	return r, nil
}

// specVersion reads a specVersion value written as a JSON string or number.
func specVersion(raw rawValue) (v string, isString bool) {
	if err := json.Unmarshal(raw, &v); err == nil {
		return strings.TrimSpace(v), true
	}
	return strings.TrimSpace(string(raw)), false
}

func quote(s string) rawValue {
	b, _ := json.Marshal(s)
	return b
}

// rawValue is a JSON value of the document as json.RawMessage, but not
// copied: the top-level values are the whole document.
type rawValue []byte

// UnmarshalJSON keeps b, a part of the document json.Unmarshal reads.
func (r *rawValue) UnmarshalJSON(b []byte) error {
	*r = b
	return nil
}

// MarshalJSON returns the value as it was read.
func (r rawValue) MarshalJSON() ([]byte, error) { return r, nil }

// checkBOMFormat reports whether a bomFormat value names CycloneDX, warning
// when it does so only in another case or with spaces. The scanner and
// readJSON both use it, so they accept (and warn about) the same values.
func (r *read) checkBOMFormat(v string) bool {
	switch {
	case v == cdx.BOMFormat:
	case strings.EqualFold(strings.TrimSpace(v), cdx.BOMFormat):
		r.warnf("bomformat %q read as %q", v, cdx.BOMFormat)
	default:
		return false
	}
	return true
}

func (r *read) warnf(format string, args ...any) {
	r.warnings = append(r.warnings, fmt.Sprintf(format, args...))
}

// The lenient retry rebuilds the document with only what sbomx reads
// (metadata, components, dependencies) and only values of the JSON type the
// schema gives them, so that cyclonedx-go can decode what is left and read
// it as it would have read the original. Objects keep their members in
// document order under their own keys, duplicates and other spellings
// included: encoding/json matches a key to a field case-insensitively, the
// last member wins (an object member is merged into what an earlier one
// left), and null clears a pointer or slice but leaves a string alone. Only
// cyclonedx-go itself applies those rules, so the rebuilt document keeps
// what it needs to apply them.
//
// A member whose value has the wrong type is dropped: encoding/json would
// leave the field as it was, and fail. An array element of the wrong type is
// dropped too; a null element is kept (it decodes to a zero value, no
// error).
//
// The rebuilt document is written in one pass over the original's bytes
// (pruneJSON), kept keys and strings copied as written, so the retry costs
// a second cyclonedx-go decode of the smaller document, not a tree of the
// whole one as well.

// A shape is what the lenient retry keeps of a value: a string, a list of
// values of one shape, or an object with some members (tools is a list or
// an object). A value of another JSON type does not fit.
type shape struct {
	kind   shapeKind
	elem   *shape  // a list's elements
	fields []field // an object's kept members
	alt    *shape  // tools: the object form, the list form being elem
}

type shapeKind uint8

const (
	shapeString shapeKind = iota
	shapeList
	shapeObject
	shapeListOrObject
)

type field struct {
	key   string
	shape *shape
}

// topShape is what the lenient retry keeps of a document.
var topShape = newTopShape()

func newTopShape() *shape {
	str := &shape{kind: shapeString}
	list := func(elem *shape) *shape { return &shape{kind: shapeList, elem: elem} }
	object := func(fields ...field) *shape { return &shape{kind: shapeObject, fields: fields} }
	entity := object(field{"name", str})
	authors := list(object(field{"name", str}, field{"email", str}))
	properties := list(object(field{"name", str}, field{"value", str}))
	component := object()
	components := list(component)
	component.fields = []field{
		{"bom-ref", str}, {"type", str}, {"name", str}, {"group", str},
		{"version", str}, {"purl", str}, {"author", str},
		{"hashes", list(object(field{"alg", str}, field{"content", str}))},
		// Distribution references are sources.
		{"externalReferences", list(object(field{"type", str}, field{"url", str}))},
		{"supplier", entity}, {"manufacturer", entity}, {"authors", authors},
		{"properties", properties}, {"components", components},
	}
	tools := &shape{
		kind: shapeListOrObject,
		elem: object(field{"vendor", str}, field{"name", str}, field{"version", str}),
		alt:  object(field{"components", components}, field{"services", list(object(field{"name", str}, field{"version", str}))}),
	}
	metadata := object(
		field{"tools", tools}, field{"component", component},
		field{"manufacture", entity}, field{"manufacturer", entity}, field{"supplier", entity},
		field{"authors", authors}, field{"properties", properties},
	)
	dependencies := list(object(field{"ref", str}, field{"dependsOn", list(str)}))
	return object(
		field{"serialNumber", str}, field{"metadata", metadata},
		field{"components", components}, field{"dependencies", dependencies},
	)
}

// pruneJSON rebuilds data (valid JSON whose top level is the object top) for
// the lenient retry, in one pass over its bytes: kept strings and keys are
// copied as written. bomFormat and specVersion are top's, as readJSON
// checked and maybe rewrote them; other spellings of them are dropped.
func pruneJSON(data []byte, top map[string]rawValue) ([]byte, error) {
	p := pruner{out: make([]byte, 0, len(data)/2)}
	p.out = append(p.out, '{')
	for _, k := range []string{"bomFormat", "specVersion"} {
		if raw, ok := top[k]; ok {
			var s string
			if json.Unmarshal(raw, &s) == nil {
				if len(p.out) > 1 {
					p.out = append(p.out, ',')
				}
				v, _ := json.Marshal(s)
				p.out = append(append(append(append(p.out, '"'), k...), `":`...), v...)
			}
		}
	}
	p.Reset(bytes.TrimLeft(data, " \t\r\n"), jsonscan.Masked(len(data)))
	defer p.Release()
	p.members(topShape, len(p.out) > 1)
	if p.broken || !p.End() {
		return nil, errors.New("cannot prune: not the JSON object it was")
	}
	return append(p.out, '}'), nil
}

// pruner writes what a shape keeps of the values it reads.
type pruner struct {
	jsonscan.Scanner
	out    []byte
	broken bool // the text was not well-formed after all
}

// value appends the value at the cursor (not null), pruned to sh, and
// reports whether it fits sh; a value that does not fit is skipped and
// nothing is appended.
func (p *pruner) value(sh *shape) bool {
	mark := len(p.out)
	fits := false
	switch c := p.Peek(); {
	case c == '"' && sh.kind == shapeString:
		start := p.Pos
		_, fits = p.Str()
		p.out = append(p.out, p.Data[start:p.Pos]...)
		p.broken = p.broken || !fits
	case c == '[' && (sh.kind == shapeList || sh.kind == shapeListOrObject):
		fits = p.list(sh.elem)
	case c == '{' && sh.kind == shapeObject:
		fits = p.object(sh)
	case c == '{' && sh.kind == shapeListOrObject:
		fits = p.object(sh.alt)
	default:
		p.broken = p.broken || !p.Skip()
	}
	if !fits || p.broken {
		p.out = p.out[:mark]
		return false
	}
	return true
}

// list appends the array at the cursor with the elements that fit elem;
// null elements are kept (they decode to zero values).
func (p *pruner) list(elem *shape) bool {
	p.out = append(p.out, '[')
	n := 0
	p.broken = p.broken || !p.Array(func() bool {
		mark := len(p.out)
		if n > 0 {
			p.out = append(p.out, ',')
		}
		switch {
		case p.Null():
			p.out = append(p.out, "null"...)
		case !p.value(elem):
			p.out = p.out[:mark]
			return !p.broken
		}
		n++
		return true
	})
	p.out = append(p.out, ']')
	return !p.broken
}

// object appends the object at the cursor with its members whose keys
// encoding/json would match to one of sh's fields, each under its own key.
func (p *pruner) object(sh *shape) bool {
	p.out = append(p.out, '{')
	p.members(sh, false)
	p.out = append(p.out, '}')
	return !p.broken
}

// members appends the kept members of the object at the cursor (after a
// comma when more is true).
func (p *pruner) members(sh *shape, more bool) {
	p.broken = p.broken || !p.ObjectTok(func(key jsonscan.Tok) bool {
		f := p.match(sh, key)
		if f == nil {
			return p.Skip()
		}
		mark := len(p.out)
		if more {
			p.out = append(p.out, ',')
		}
		p.out = append(append(p.out, p.Data[key.Start-1:key.End+1]...), ':')
		switch {
		case p.Null():
			// null clears a pointer or slice: kept.
			p.out = append(p.out, "null"...)
		case !p.value(f):
			p.out = p.out[:mark]
			return !p.broken
		}
		more = true
		return true
	})
}

// match returns the shape of sh's field that encoding/json would fill from
// a member with this key (case-insensitively), or nil.
func (p *pruner) match(sh *shape, key jsonscan.Tok) *shape {
	if !key.Plain() {
		return sh.field(p.Text(key))
	}
	return sh.field(string(p.Data[key.Start:key.End])) // short: not allocated
}

func (sh *shape) field(key string) *shape {
	for _, f := range sh.fields {
		if strings.EqualFold(key, f.key) {
			return f.shape
		}
	}
	return nil
}

// describe shortens a cyclonedx-go JSON error for a warning.
func describe(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Sprintf("%s is a %s, not what cyclonedx-go expects", te.Field, te.Value)
	}
	return err.Error()
}
