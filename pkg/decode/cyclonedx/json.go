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
		pruned, perr := pruneJSON(top)
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

// pruneJSON rebuilds the document from top keeping only what sbomx reads
// (metadata, components, dependencies) and only fields of the JSON type the
// schema gives them, so that cyclonedx-go can decode what is left.
func pruneJSON(top map[string]json.RawMessage) ([]byte, error) {
	out := map[string]any{}
	for _, k := range []string{"bomFormat", "specVersion", "serialNumber"} {
		if raw, ok := top[k]; ok {
			v, err := generic(raw)
			if err != nil {
				return nil, err
			}
			if s, ok := v.(string); ok {
				out[k] = s
			}
		}
	}
	if raw, ok := top["metadata"]; ok {
		v, err := generic(raw)
		if err != nil {
			return nil, err
		}
		if m, ok := v.(map[string]any); ok {
			out["metadata"] = pruneMetadata(m)
		}
	}
	if raw, ok := top["components"]; ok {
		v, err := generic(raw)
		if err != nil {
			return nil, err
		}
		if list := pruneComponents(v); list != nil {
			out["components"] = list
		}
	}
	if raw, ok := top["dependencies"]; ok {
		v, err := generic(raw)
		if err != nil {
			return nil, err
		}
		if list := pruneDependencies(v); list != nil {
			out["dependencies"] = list
		}
	}
	return json.Marshal(out)
}

// generic decodes raw into maps, slices, strings and json.Numbers.
func generic(raw json.RawMessage) (any, error) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var v any
	err := dec.Decode(&v)
	return v, err
}

func pruneMetadata(m map[string]any) map[string]any {
	out := map[string]any{}
	switch t := m["tools"].(type) {
	case []any:
		out["tools"] = pruneList(t, "vendor", "name", "version")
	case map[string]any:
		tools := map[string]any{}
		if list := pruneComponents(t["components"]); list != nil {
			tools["components"] = list
		}
		if list := pruneList(t["services"], "name", "version"); list != nil {
			tools["services"] = list
		}
		out["tools"] = tools
	}
	if c, ok := m["component"].(map[string]any); ok {
		out["component"] = pruneComponent(c)
	}
	for _, k := range []string{"manufacture", "manufacturer", "supplier"} {
		if e := pruneEntity(m[k]); e != nil {
			out[k] = e
		}
	}
	if list := pruneList(m["authors"], "name", "email"); list != nil {
		out["authors"] = list
	}
	if list := pruneList(m["properties"], "name", "value"); list != nil {
		out["properties"] = list
	}
	return out
}

// pruneComponents prunes a components array; nil when v is not an array.
func pruneComponents(v any) []any {
	list, ok := v.([]any)
	if !ok {
		return nil
	}
	out := []any{}
	for _, e := range list {
		if m, ok := e.(map[string]any); ok {
			out = append(out, pruneComponent(m))
		}
	}
	return out
}

func pruneComponent(m map[string]any) map[string]any {
	out := map[string]any{}
	copyStrings(out, m, "bom-ref", "type", "name", "group", "version", "purl", "author")
	if list := pruneList(m["hashes"], "alg", "content"); list != nil {
		out["hashes"] = list
	}
	// Distribution references are sources.
	if list := pruneList(m["externalReferences"], "type", "url"); list != nil {
		out["externalReferences"] = list
	}
	for _, k := range []string{"supplier", "manufacturer"} {
		if e := pruneEntity(m[k]); e != nil {
			out[k] = e
		}
	}
	if list := pruneList(m["authors"], "name", "email"); list != nil {
		out["authors"] = list
	}
	if list := pruneList(m["properties"], "name", "value"); list != nil {
		out["properties"] = list
	}
	if list := pruneComponents(m["components"]); list != nil {
		out["components"] = list
	}
	return out
}

func pruneDependencies(v any) []any {
	list, ok := v.([]any)
	if !ok {
		return nil
	}
	out := []any{}
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		d := map[string]any{}
		copyStrings(d, m, "ref")
		if deps, ok := m["dependsOn"].([]any); ok {
			on := []string{}
			for _, dep := range deps {
				if s, ok := dep.(string); ok {
					on = append(on, s)
				}
			}
			d["dependsOn"] = on
		}
		out = append(out, d)
	}
	return out
}

// pruneList keeps the objects of an array, each with only the string-valued
// keys given; nil when v is not an array.
func pruneList(v any, keys ...string) []any {
	list, ok := v.([]any)
	if !ok {
		return nil
	}
	out := []any{}
	for _, e := range list {
		if m, ok := e.(map[string]any); ok {
			o := map[string]any{}
			copyStrings(o, m, keys...)
			out = append(out, o)
		}
	}
	return out
}

// pruneEntity keeps an organizational entity's name.
func pruneEntity(v any) map[string]any {
	m, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	out := map[string]any{}
	copyStrings(out, m, "name")
	return out
}

func copyStrings(dst, src map[string]any, keys ...string) {
	for _, k := range keys {
		if s, ok := src[k].(string); ok {
			dst[k] = s
		}
	}
}

// describe shortens a cyclonedx-go JSON error for a warning.
func describe(err error) string {
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) && te.Field != "" {
		return fmt.Sprintf("%s is a %s, not what cyclonedx-go expects", te.Field, te.Value)
	}
	return err.Error()
}
