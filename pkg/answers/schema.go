package answers

import _ "embed"

// Schema is the JSON Schema of every answer's JSON (schema/sbomx.schema.json,
// draft 2020-12), for programs that validate what they read from sbomx.
//
//go:embed schema/sbomx.schema.json
var Schema []byte
