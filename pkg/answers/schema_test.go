package answers

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"reflect"
	"strings"
	"testing"
)

var updateSchema = flag.Bool("update-schema", false, "rewrite schema/sbomx.schema.json from the answer types")

// TestSchemaUpToDate: the JSON Schema in the repository is the one the
// answer types give, so that the contract and the code cannot drift apart.
// A change to a JSON type fails here until the schema is regenerated
// (go test ./pkg/answers -run Schema -update-schema) and the diff reviewed:
// within a schemaVersion, fields may only be added.
func TestSchemaUpToDate(t *testing.T) {
	got := generateSchema()
	if *updateSchema {
		if err := os.WriteFile("schema/sbomx.schema.json", got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !bytes.Equal(got, Schema) {
		t.Errorf("schema/sbomx.schema.json is not what the answer types give; run go test ./pkg/answers -run Schema -update-schema and review the diff")
	}
}

// generateSchema writes a JSON Schema (draft 2020-12) with one definition
// per answer and per type they use: every field the type marshals, those
// without omitempty required, pointers nullable, slices arrays that are
// never null, no property beyond those listed.
func generateSchema() []byte {
	defs := map[string]any{}
	answers := map[string]reflect.Type{
		"impact":   reflect.TypeFor[Result](),
		"services": reflect.TypeFor[ServicesResult](),
		"packages": reflect.TypeFor[PackagesResult](),
		"why":      reflect.TypeFor[WhyResult](),
		"window":   reflect.TypeFor[WindowResult](),
		"diff":     reflect.TypeFor[DiffResult](),
	}
	var oneOf []any
	for _, name := range []string{"impact", "packages", "services", "why", "window", "diff"} {
		oneOf = append(oneOf, map[string]any{"$ref": "#/$defs/" + schemaOf(answers[name], defs)["$ref"].(string)[len("#/$defs/"):]})
	}
	doc := map[string]any{
		"$schema":     "https://json-schema.org/draft/2020-12/schema",
		"$id":         fmt.Sprintf("https://github.com/sbomx/sbomx/schema/v%d/sbomx.schema.json", SchemaVersion),
		"title":       fmt.Sprintf("sbomx JSON output, schemaVersion %d", SchemaVersion),
		"description": "What sbomx impact, services, packages, why, impact --since (window) and diff print with --format json (ndjson lines are a Hit, a ServiceInfo, a package version, an Exposure, a ServiceDiff). Generated from pkg/answers's types by TestSchemaUpToDate.",
		"oneOf":       oneOf,
		"$defs":       defs,
	}
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		panic(err)
	}
	return b.Bytes()
}

func schemaOf(t reflect.Type, defs map[string]any) map[string]any {
	switch t.Kind() {
	case reflect.Pointer:
		return map[string]any{"anyOf": []any{schemaOf(t.Elem(), defs), map[string]any{"type": "null"}}}
	case reflect.Slice:
		return map[string]any{"type": "array", "items": schemaOf(t.Elem(), defs)}
	case reflect.Map:
		return map[string]any{"type": "object", "additionalProperties": schemaOf(t.Elem(), defs)}
	case reflect.String:
		return map[string]any{"type": "string"}
	case reflect.Bool:
		return map[string]any{"type": "boolean"}
	case reflect.Int, reflect.Int32, reflect.Int64:
		return map[string]any{"type": "integer"}
	case reflect.Float64:
		return map[string]any{"type": "number"}
	case reflect.Struct:
		name := t.Name()
		if _, ok := defs[name]; !ok {
			defs[name] = nil // recursion guard
			props, required := map[string]any{}, []string{}
			structFields(t, defs, props, &required)
			defs[name] = map[string]any{"type": "object", "properties": props, "required": required, "additionalProperties": false}
		}
		return map[string]any{"$ref": "#/$defs/" + name}
	}
	panic("schema: no rule for " + t.String())
}

func structFields(t reflect.Type, defs, props map[string]any, required *[]string) {
	for f := range t.Fields() {
		tag := f.Tag.Get("json")
		if !f.IsExported() || tag == "-" {
			continue
		}
		name, opts, _ := strings.Cut(tag, ",")
		if f.Anonymous && name == "" {
			structFields(f.Type, defs, props, required)
			continue
		}
		if name == "" {
			name = f.Name
		}
		props[name] = schemaOf(f.Type, defs)
		if !strings.Contains(opts, "omitempty") {
			*required = append(*required, name)
		}
	}
}
