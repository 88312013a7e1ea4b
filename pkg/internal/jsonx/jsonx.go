// Package jsonx is the one home of github.com/goccy/go-json, a faster drop-in
// for encoding/json used where sbomx decodes large documents.
//
// goccy/go-json differs from encoding/json in a few corners (it may keep
// invalid UTF-8 as is, its skipping of ignored values is less strict, and it
// is recursive without encoding/json's nesting limit); callers that must
// answer exactly like encoding/json check their input for those corners
// first, or fall back to encoding/json when Unmarshal fails.
package jsonx

import gojson "github.com/goccy/go-json"

// RawMessage is a raw encoded JSON value, as json.RawMessage.
type RawMessage = gojson.RawMessage

// Unmarshal parses the JSON-encoded data and stores the result in the value
// pointed to by v, as json.Unmarshal.
func Unmarshal(data []byte, v any) error {
	return gojson.Unmarshal(data, v)
}
