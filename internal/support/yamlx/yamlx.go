// Package yamlx is the one home of go.yaml.in/yaml/v3 (the maintained fork of
// gopkg.in/yaml.v3, which is archived) in sbomx: every package
// that reads YAML goes through it.
//
// It offers two things: Documents, which splits a (possibly multi-document)
// YAML stream into documents that remember their line and decode into Go
// values later, and ToJSON, which turns a single YAML document into the
// equivalent JSON so that a JSON decoder can read YAML of the same schema.
//
// Panics inside yaml.v3 are returned as errors.
package yamlx

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"

	"go.yaml.in/yaml/v3"
)

// Document is one document of a YAML stream, parsed but not yet decoded.
type Document struct {
	// Line is the 1-based line where the document starts: its "---" marker
	// if it has one, else its first content line (what yaml.v3 reports for
	// the document node, as internal/inventory used before).
	Line int
	node *yaml.Node
}

// Decode decodes the document into v, as yaml.Unmarshal would (yaml struct
// tags apply).
func (d Document) Decode(v any) (err error) {
	if d.node == nil {
		return errors.New("yaml: empty document")
	}
	defer recoverTo(&err)
	return d.node.Decode(v)
}

// Key is a key of a mapping and the line it is written on.
type Key struct {
	Name string
	Line int
}

// Keys returns the keys of the document's top-level mapping in the order
// written; nil when the document is not a mapping.
func (d Document) Keys() []Key {
	n := d.node
	if n != nil && n.Kind == yaml.DocumentNode && len(n.Content) == 1 {
		n = n.Content[0]
	}
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	var keys []Key
	for i := 0; i+1 < len(n.Content); i += 2 {
		k := n.Content[i]
		keys = append(keys, Key{Name: k.Value, Line: k.Line})
	}
	return keys
}

// Documents splits data into its YAML documents. yaml.v3 cannot resume after
// a syntax error, so on one it returns the documents read before it together
// with the error (which names the line).
func Documents(data []byte) (docs []Document, err error) {
	defer recoverTo(&err)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	for {
		var node yaml.Node
		err := dec.Decode(&node)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, err
		}
		docs = append(docs, Document{Line: max(node.Line, 1), node: &node})
	}
}

// ToJSON converts a single YAML document to JSON. Mappings become objects
// (keys that are not strings, such as 1 or true, become their text), sequences
// arrays, strings strings, numbers numbers, booleans booleans, null and an
// empty input null. Timestamps, binary values, .inf/.nan and scalars with
// custom tags keep their text as a JSON string. Aliases are expanded, within
// a budget proportional to the input, and merge keys (<<) are applied. A
// stream of more than one document is an error.
func ToJSON(data []byte) ([]byte, error) {
	return toJSON(data, false)
}

// ToJSONStrings is ToJSON with every scalar but null kept as its text, for
// schemas whose values are all strings: an unquoted "versionInfo: 1.10"
// stays "1.10" instead of becoming the number 1.1, "true" stays "true".
func ToJSONStrings(data []byte) ([]byte, error) {
	return toJSON(data, true)
}

func toJSON(data []byte, text bool) (out []byte, err error) {
	defer recoverTo(&err)
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var node yaml.Node
	if err := dec.Decode(&node); err != nil {
		if errors.Is(err, io.EOF) {
			return []byte("null"), nil
		}
		return nil, err
	}
	var extra yaml.Node
	if err := dec.Decode(&extra); !errors.Is(err, io.EOF) {
		if err != nil {
			return nil, err
		}
		return nil, fmt.Errorf("yaml: line %d: more than one document", extra.Line)
	}
	c := converter{budget: 10*len(data) + 10000, text: text}
	v, err := c.value(&node, 0)
	if err != nil {
		return nil, err
	}
	return json.Marshal(v)
}

const maxDepth = 1000

type converter struct {
	budget int  // values left to produce; bounds alias expansion
	text   bool // scalars other than null as their text
}

func (c *converter) value(n *yaml.Node, depth int) (any, error) {
	if depth > maxDepth {
		return nil, fmt.Errorf("yaml: line %d: nested deeper than %d levels", n.Line, maxDepth)
	}
	c.budget--
	if c.budget < 0 {
		return nil, fmt.Errorf("yaml: line %d: document contains excessive aliasing", n.Line)
	}
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			return nil, nil
		}
		return c.value(n.Content[0], depth+1)
	case yaml.AliasNode:
		if n.Alias == nil {
			return nil, fmt.Errorf("yaml: line %d: unknown alias", n.Line)
		}
		return c.value(n.Alias, depth+1)
	case yaml.SequenceNode:
		out := make([]any, 0, len(n.Content))
		for _, item := range n.Content {
			v, err := c.value(item, depth+1)
			if err != nil {
				return nil, err
			}
			out = append(out, v)
		}
		return out, nil
	case yaml.MappingNode:
		out := make(map[string]any, len(n.Content)/2)
		if err := c.mapping(n, out, depth); err != nil {
			return nil, err
		}
		return out, nil
	case yaml.ScalarNode:
		if c.text && n.ShortTag() != "!!null" {
			return n.Value, nil
		}
		return scalar(n), nil
	}
	return nil, fmt.Errorf("yaml: line %d: unexpected node kind %d", n.Line, n.Kind)
}

// mapping adds n's pairs to out. Explicit keys win over merged ones (<<).
func (c *converter) mapping(n *yaml.Node, out map[string]any, depth int) error {
	var merges []*yaml.Node
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.ShortTag() == "!!merge" {
			merges = append(merges, v)
			continue
		}
		key, err := c.key(k, depth)
		if err != nil {
			return err
		}
		val, err := c.value(v, depth+1)
		if err != nil {
			return err
		}
		out[key] = val
	}
	for _, m := range merges {
		for m.Kind == yaml.AliasNode && m.Alias != nil {
			m = m.Alias
		}
		srcs := []*yaml.Node{m}
		if m.Kind == yaml.SequenceNode {
			srcs = m.Content
		}
		for _, s := range srcs {
			for s.Kind == yaml.AliasNode && s.Alias != nil {
				s = s.Alias
			}
			if s.Kind != yaml.MappingNode {
				return fmt.Errorf("yaml: line %d: merge value is not a mapping", s.Line)
			}
			merged := map[string]any{}
			if err := c.mapping(s, merged, depth+1); err != nil {
				return err
			}
			for k, v := range merged {
				if _, ok := out[k]; !ok {
					out[k] = v
				}
			}
		}
	}
	return nil
}

// key renders a mapping key as a JSON object key: a scalar as its text, a
// collection as its JSON encoding.
func (c *converter) key(k *yaml.Node, depth int) (string, error) {
	for k.Kind == yaml.AliasNode && k.Alias != nil {
		k = k.Alias
	}
	if k.Kind == yaml.ScalarNode {
		if k.ShortTag() == "!!null" {
			return "null", nil
		}
		return k.Value, nil
	}
	v, err := c.value(k, depth+1)
	if err != nil {
		return "", err
	}
	b, err := json.Marshal(v)
	if err != nil {
		return "", err
	}
	return string(b), nil
}

func scalar(n *yaml.Node) any {
	switch n.ShortTag() {
	case "!!null":
		return nil
	case "!!bool":
		var b bool
		if n.Decode(&b) == nil {
			return b
		}
	case "!!int":
		var v any
		if n.Decode(&v) == nil {
			switch v := v.(type) {
			case int, int64, uint64:
				return v
			case float64: // beyond 64 bits
				return json.Number(strconv.FormatFloat(v, 'g', -1, 64))
			}
		}
	case "!!float":
		var f float64
		if n.Decode(&f) == nil && !math.IsInf(f, 0) && !math.IsNaN(f) {
			return f
		}
	}
	// !!str, !!timestamp, !!binary, custom tags and anything undecodable.
	return n.Value
}

func recoverTo(err *error) {
	if r := recover(); r != nil {
		*err = fmt.Errorf("yaml: parser panic: %v", r)
	}
}
