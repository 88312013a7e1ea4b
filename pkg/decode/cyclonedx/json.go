package cyclonedx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sbomx/sbomx/pkg/model"
)

// readJSON checks that data is a CycloneDX JSON BOM and decodes it with
// cyclonedx-go, rewriting an unknown specVersion and, when cyclonedx-go
// rejects the document, retrying with only the parts sbomx reads.
func readJSON(data []byte) (*read, error) {
	var top map[string]json.RawMessage
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
	switch {
	case bomFormat == cdx.BOMFormat:
	case strings.EqualFold(strings.TrimSpace(bomFormat), cdx.BOMFormat):
		r.warnf("bomformat %q read as %q", bomFormat, cdx.BOMFormat)
	default:
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
func specVersion(raw json.RawMessage) (v string, isString bool) {
	if err := json.Unmarshal(raw, &v); err == nil {
		return strings.TrimSpace(v), true
	}
	return strings.TrimSpace(string(raw)), false
}

func quote(s string) json.RawMessage {
	b, _ := json.Marshal(s)
	return b
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

// object is a JSON object with its members in document order.
type object []member

type member struct {
	key string
	val any
}

// MarshalJSON writes the members in order, duplicates included.
func (o object) MarshalJSON() ([]byte, error) {
	b := []byte{'{'}
	for i, m := range o {
		if i > 0 {
			b = append(b, ',')
		}
		k, err := json.Marshal(m.key)
		if err != nil {
			return nil, err
		}
		v, err := json.Marshal(m.val)
		if err != nil {
			return nil, err
		}
		b = append(append(append(b, k...), ':'), v...)
	}
	return append(b, '}'), nil
}

// pruner returns v pruned to what sbomx reads, or false when v does not
// have the JSON type the field wants (v is never null).
type pruner func(v any) (any, bool)

// pruneJSON rebuilds data (valid JSON whose top level is the object top) for
// the lenient retry. bomFormat and specVersion are top's, as readJSON
// checked and maybe rewrote them; other spellings of them are dropped.
func pruneJSON(data []byte, top map[string]json.RawMessage) ([]byte, error) {
	v, err := ordered(data)
	if err != nil {
		return nil, err
	}
	doc, ok := v.(object)
	if !ok {
		return nil, errors.New("top level is not an object")
	}
	out := object{}
	for _, k := range []string{"bomFormat", "specVersion"} {
		if raw, ok := top[k]; ok {
			var s string
			if json.Unmarshal(raw, &s) == nil {
				out = append(out, member{k, s})
			}
		}
	}
	body, _ := pruneTop(doc)
	return json.Marshal(append(out, body.(object)...))
}

var (
	pruneTop       pruner
	pruneComponent pruner
)

func init() {
	str := func(v any) (any, bool) {
		_, ok := v.(string)
		return v, ok
	}
	entity := fields(map[string]pruner{"name": str})
	authors := list(fields(map[string]pruner{"name": str, "email": str}))
	properties := list(fields(map[string]pruner{"name": str, "value": str}))
	components := list(func(v any) (any, bool) { return pruneComponent(v) })
	pruneComponent = fields(map[string]pruner{
		"bom-ref": str, "type": str, "name": str, "group": str,
		"version": str, "purl": str, "author": str,
		"hashes": list(fields(map[string]pruner{"alg": str, "content": str})),
		// Distribution references are sources.
		"externalReferences": list(fields(map[string]pruner{"type": str, "url": str})),
		"supplier":           entity,
		"manufacturer":       entity,
		"authors":            authors,
		"properties":         properties,
		"components":         components,
	})
	legacyTools := list(fields(map[string]pruner{"vendor": str, "name": str, "version": str}))
	toolsObject := fields(map[string]pruner{
		"components": components,
		"services":   list(fields(map[string]pruner{"name": str, "version": str})),
	})
	tools := func(v any) (any, bool) {
		if _, ok := v.([]any); ok {
			return legacyTools(v)
		}
		return toolsObject(v)
	}
	metadata := fields(map[string]pruner{
		"tools":        tools,
		"component":    pruneComponent,
		"manufacture":  entity,
		"manufacturer": entity,
		"supplier":     entity,
		"authors":      authors,
		"properties":   properties,
	})
	dependencies := list(fields(map[string]pruner{
		"ref":       str,
		"dependsOn": list(str),
	}))
	pruneTop = fields(map[string]pruner{
		"serialNumber": str,
		"metadata":     metadata,
		"components":   components,
		"dependencies": dependencies,
	})
}

// fields prunes an object to the members whose key matches one of keep's
// as encoding/json matches a key to a field (strings.EqualFold).
func fields(keep map[string]pruner) pruner {
	return func(v any) (any, bool) {
		o, ok := v.(object)
		if !ok {
			return nil, false
		}
		out := object{}
		for _, m := range o {
			var p pruner
			for k, kp := range keep {
				if strings.EqualFold(m.key, k) {
					p = kp
					break
				}
			}
			if p == nil {
				continue
			}
			if m.val == nil {
				out = append(out, m)
			} else if pv, ok := p(m.val); ok {
				out = append(out, member{m.key, pv})
			}
		}
		return out, true
	}
}

// list prunes an array's elements with elem.
func list(elem pruner) pruner {
	return func(v any) (any, bool) {
		a, ok := v.([]any)
		if !ok {
			return nil, false
		}
		out := make([]any, 0, len(a))
		for _, e := range a {
			if e == nil {
				out = append(out, nil)
			} else if pe, ok := elem(e); ok {
				out = append(out, pe)
			}
		}
		return out, true
	}
}

// ordered decodes valid JSON into objects (members in document order),
// slices, strings, json.Numbers, bools and nils.
func ordered(data []byte) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var value func() (any, error)
	value = func() (any, error) {
		t, err := dec.Token()
		if err != nil {
			return nil, err
		}
		switch t {
		case json.Delim('{'):
			o := object{}
			for dec.More() {
				k, err := dec.Token()
				if err != nil {
					return nil, err
				}
				v, err := value()
				if err != nil {
					return nil, err
				}
				o = append(o, member{k.(string), v})
			}
			_, err := dec.Token()
			return o, err
		case json.Delim('['):
			a := []any{}
			for dec.More() {
				v, err := value()
				if err != nil {
					return nil, err
				}
				a = append(a, v)
			}
			_, err := dec.Token()
			return a, err
		}
		return t, nil
	}
	return value()
}

// describe shortens a cyclonedx-go JSON error for a warning.
func describe(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Sprintf("%s is a %s, not what cyclonedx-go expects", te.Field, te.Value)
	}
	return err.Error()
}
