package spdx

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/sbomx/sbomx/internal/support/yamlx"
	"github.com/sbomx/sbomx/pkg/model"
)

// SPDX 2 YAML and XML have the schema of SPDX 2 JSON: both are converted to
// the equivalent JSON and read by decodeJSON2.

// ---- YAML ----

// isSPDXYAML reports whether data has a top-level "spdxVersion:" key (at the
// start of a line, quoted or not) and no top-level key of another YAML SBOM
// or manifest (bomFormat: CycloneDX, apiVersion: Kubernetes and Backstage).
// It scans lines; it does not parse.
func isSPDXYAML(data []byte) bool {
	found := false
	for len(data) > 0 {
		line := data
		if j := bytes.IndexByte(data, '\n'); j >= 0 {
			line, data = data[:j], data[j+1:]
		} else {
			data = nil
		}
		switch {
		case topLevelKey(line, "spdxVersion"):
			found = true
		case topLevelKey(line, "bomFormat"), topLevelKey(line, "apiVersion"):
			return false
		}
	}
	return found
}

// topLevelKey reports whether line starts, unindented, with key followed by
// ":" (the key bare, "double" or 'single' quoted).
func topLevelKey(line []byte, key string) bool {
	for _, q := range []string{"", `"`, "'"} {
		k := q + key + q + ":"
		if bytes.HasPrefix(line, []byte(k)) {
			rest := line[len(k):]
			return len(rest) == 0 || rest[0] == ' ' || rest[0] == '\t' || rest[0] == '\r'
		}
	}
	return false
}

func decodeYAML(data []byte) (*raw, error) {
	// Every field sbomx reads is a string; keep YAML scalars as written so an
	// unquoted "versionInfo: 1.10" is not read as the number 1.1.
	js, err := yamlx.ToJSONStrings(data)
	if err != nil {
		return nil, fmt.Errorf("spdx: malformed YAML: %w", err)
	}
	if !bytes.HasPrefix(js, []byte("{")) {
		return nil, fmt.Errorf("spdx: top-level YAML value is not a mapping: %w", model.ErrNotSBOM)
	}
	r, err := decodeJSON2(js)
	if r != nil {
		r.format = model.SPDXYAML
	}
	return r, err
}

// ---- XML ----

// isSPDXXML reports whether data is XML whose root element is SpdxDocument
// or Document (any namespace prefix) and that has an <spdxVersion> element
// somewhere. It does not parse beyond the prolog.
func isSPDXXML(data []byte) bool {
	name, ok := xmlRootName(data)
	if !ok {
		return false
	}
	if i := strings.IndexByte(name, ':'); i >= 0 {
		name = name[i+1:]
	}
	if name != "SpdxDocument" && name != "Document" {
		return false
	}
	return bytes.Contains(data, []byte("<spdxVersion>")) || bytes.Contains(data, []byte(":spdxVersion>"))
}

// xmlRootName returns the name of the first element, skipping the XML
// declaration, processing instructions, comments and a DOCTYPE.
func xmlRootName(data []byte) (string, bool) {
	for {
		i := firstNonSpace(data)
		if i < 0 || data[i] != '<' {
			return "", false
		}
		data = data[i:]
		var end int
		switch {
		case bytes.HasPrefix(data, []byte("<?")):
			if end = bytes.Index(data, []byte("?>")); end >= 0 {
				end++
			}
		case bytes.HasPrefix(data, []byte("<!--")):
			if end = bytes.Index(data, []byte("-->")); end >= 0 {
				end += 2
			}
		case bytes.HasPrefix(data, []byte("<!")):
			// DOCTYPE, possibly with an internal subset in [...].
			end = bytes.IndexByte(data, '>')
			if open := bytes.IndexByte(data, '['); open >= 0 && open < end {
				if close := bytes.Index(data[open:], []byte("]")); close >= 0 {
					if e := bytes.IndexByte(data[open+close:], '>'); e >= 0 {
						end = open + close + e
					}
				}
			}
		default:
			n := 1
			for n < len(data) && !strings.ContainsRune(" \t\r\n/>", rune(data[n])) {
				n++
			}
			if n == 1 {
				return "", false
			}
			return string(data[1:n]), true
		}
		if end < 0 {
			return "", false
		}
		data = data[end+1:] // end is the index of the construct's closing '>'

	}
}

// xmlArrayFields are the SPDX 2 JSON fields whose values are arrays. In XML
// each item is a repeated element of that name; one element still makes an
// array. (Any other repeated element also becomes an array.)
var xmlArrayFields = map[string]bool{
	"annotations":                          true,
	"artifactOfs":                          true,
	"attributionTexts":                     true,
	"checksums":                            true,
	"creators":                             true,
	"crossRefs":                            true,
	"documentDescribes":                    true,
	"externalDocumentRefs":                 true,
	"externalRefs":                         true,
	"fileContributors":                     true,
	"fileDependencies":                     true,
	"fileTypes":                            true,
	"files":                                true,
	"hasExtractedLicensingInfos":           true,
	"hasFiles":                             true,
	"licenseInfoFromFiles":                 true,
	"licenseInfoInFiles":                   true,
	"licenseInfoInSnippets":                true,
	"packageVerificationCodeExcludedFiles": true,
	"packages":                             true,
	"ranges":                               true,
	"relationships":                        true,
	"revieweds":                            true,
	"seeAlsos":                             true,
	"snippets":                             true,
}

// maxXMLDepth bounds element nesting; SPDX documents need about 6 levels.
const maxXMLDepth = 64

func decodeXML(data []byte) (*raw, error) {
	v, err := xmlToValue(data)
	if err != nil {
		return nil, err
	}
	js, err := json.Marshal(v)
	if err != nil {
		return nil, fmt.Errorf("spdx: %w", err)
	}
	r, err := decodeJSON2(js)
	if r != nil {
		r.format = model.SPDXXML
	}
	return r, err
}

// xmlObjectFields are the SPDX 2 JSON fields whose values are objects. An
// empty element of one is an empty object, as an empty element of an
// xmlArrayFields field is an empty list: read as the string "", an empty
// <creationInfo/> made decodeJSON2 warn of a mistyped field.
var xmlObjectFields = map[string]bool{
	"checksum":                true,
	"creationInfo":            true,
	"endPointer":              true,
	"packageVerificationCode": true,
	"startPointer":            true,
}

// xmlFrame is an element being read: its text, and once a child element
// has started, the object its children fill.
type xmlFrame struct {
	name string
	obj  map[string]any
	text strings.Builder
}

// xmlToValue converts the root element of an SPDX XML document to the JSON
// value of the equivalent SPDX JSON document: an element with child elements
// is an object, one without is its text, repeated elements and the
// xmlArrayFields are arrays. Attributes, comments and processing
// instructions are ignored; only the five predefined entities (and character
// references) are accepted.
func xmlToValue(data []byte) (map[string]any, error) {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.Strict = true
	dec.CharsetReader = charsetReader
	var stack []*xmlFrame
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			if len(stack) > 0 {
				return nil, fmt.Errorf("spdx: truncated XML (%d element(s) not closed)", len(stack))
			}
			return nil, fmt.Errorf("spdx: XML has no root element: %w", model.ErrNotSBOM)
		}
		if err != nil {
			return nil, fmt.Errorf("spdx: malformed XML: %w", err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if len(stack) == 0 && t.Name.Local != "SpdxDocument" && t.Name.Local != "Document" {
				return nil, fmt.Errorf("spdx: XML root element <%s> is not an SPDX document: %w", t.Name.Local, model.ErrNotSBOM)
			}
			if len(stack) >= maxXMLDepth {
				return nil, fmt.Errorf("spdx: XML nested deeper than %d elements", maxXMLDepth)
			}
			if len(stack) > 0 {
				if parent := stack[len(stack)-1]; parent.obj == nil {
					parent.obj = map[string]any{}
				}
			}
			stack = append(stack, &xmlFrame{name: t.Name.Local})
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text.Write(t)
			}
		case xml.EndElement:
			f := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				if f.obj == nil {
					f.obj = map[string]any{}
				}
				return f.obj, nil
			}
			stack[len(stack)-1].add(f)
		}
	}
}

// add puts the value of the closed child element f into f's parent's
// object: its children's object, its text, or for an empty element the
// empty value of its field's JSON type.
func (parent *xmlFrame) add(f *xmlFrame) {
	switch text := f.text.String(); {
	case f.obj != nil:
		addXMLField(parent.obj, f.name, f.obj)
	case strings.TrimSpace(text) != "":
		addXMLField(parent.obj, f.name, text)
	case xmlArrayFields[f.name]:
		// <packages/>: an empty list, not a list of "".
		if _, ok := parent.obj[f.name]; !ok {
			parent.obj[f.name] = []any{}
		}
	case xmlObjectFields[f.name]:
		addXMLField(parent.obj, f.name, map[string]any{})
	default:
		addXMLField(parent.obj, f.name, "")
	}
}

// addXMLField sets obj[name] to v, or appends v where the field is an
// array: an xmlArrayFields field, or any element given more than once.
func addXMLField(obj map[string]any, name string, v any) {
	prev, ok := obj[name]
	switch {
	case !ok && xmlArrayFields[name]:
		obj[name] = []any{v}
	case !ok:
		obj[name] = v
	default:
		if list, isList := prev.([]any); isList {
			obj[name] = append(list, v)
		} else {
			obj[name] = []any{prev, v}
		}
	}
}

// charsetReader accepts the single-byte encodings an XML declaration may
// name besides UTF-8: US-ASCII and ISO-8859-1 (Latin-1).
func charsetReader(charset string, input io.Reader) (io.Reader, error) {
	switch strings.ToLower(charset) {
	case "us-ascii", "ascii":
		return input, nil
	case "iso-8859-1", "iso8859-1", "latin1", "latin-1":
		b, err := io.ReadAll(input)
		if err != nil {
			return nil, err
		}
		out := make([]byte, 0, len(b)+len(b)/8)
		for _, c := range b {
			out = utf8.AppendRune(out, rune(c))
		}
		return bytes.NewReader(out), nil
	}
	return nil, fmt.Errorf("unsupported XML encoding %q", charset)
}
