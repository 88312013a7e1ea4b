package inventory

import (
	"bytes"
	"cmp"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"path"
	"regexp"
	"strings"

	"github.com/sbomx/sbomx/internal/support/yamlx"
)

// Row is one entry of an inventory file: a spreadsheet-style catalog.
type Row struct {
	Service string
	Owners  []string // normalised team ids, the first is the owner
	Product string
	Domain  string
	Contact string
	SBOM    string // path glob relative to the tree root; "" = match by service name
	File    string
	Line    int
	re      *regexp.Regexp
}

// ParseInventory reads an inventory file: CSV with a header row, or YAML (a
// list of mappings, or a mapping with a "services" list). Columns / keys:
// service, owner (several separated by spaces, commas or semicolons), product,
// domain, contact, sbom (a path glob relative to the tree root). Rows with
// problems are reported and skipped; the others are kept.
func ParseInventory(file string, data []byte) ([]Row, []error) {
	switch strings.ToLower(path.Ext(file)) {
	case ".csv", ".tsv":
		return parseInventoryCSV(file, data)
	}
	return parseInventoryYAML(file, data)
}

func parseInventoryCSV(file string, data []byte) ([]Row, []error) {
	// Spreadsheets often save UTF-8 CSV with a byte order mark; it would
	// otherwise stick to the first header name.
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff"))))
	if strings.HasSuffix(strings.ToLower(file), ".tsv") {
		r.Comma = '\t'
	}
	r.Comment = '#'
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	var rows []Row
	var errs []error
	var header []string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				errs = append(errs, lineErrorf(pe.Line, "%v", pe.Err))
				if pe.Err == csv.ErrQuote || pe.Err == csv.ErrBareQuote {
					continue
				}
			}
			errs = append(errs, err)
			break
		}
		// After an error FieldPos may have no field to report and panics.
		line, _ := r.FieldPos(0)
		if header == nil {
			for _, h := range rec {
				header = append(header, strings.ToLower(strings.TrimSpace(h)))
			}
			if !contains(header, "service") && !contains(header, "sbom") {
				errs = append(errs, lineErrorf(line, "header names neither a service nor an sbom column: %s", strings.Join(rec, ",")))
				return nil, errs
			}
			continue
		}
		m := map[string]string{}
		for i, v := range rec {
			if i < len(header) {
				m[header[i]] = strings.TrimSpace(v)
			}
		}
		row, err := rowOf(file, line, m)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		rows = append(rows, row)
	}
	return rows, errs
}

func parseInventoryYAML(file string, data []byte) ([]Row, []error) {
	var errs []error
	docs, err := yamlx.Documents(data)
	if err != nil {
		errs = append(errs, err)
	}
	var rows []Row
	for _, doc := range docs {
		var list []map[string]any
		if err := doc.Decode(&list); err != nil {
			var wrapped struct {
				Services []map[string]any `yaml:"services"`
			}
			// A mapping without a services key is not an inventory either.
			if err2 := doc.Decode(&wrapped); err2 != nil || wrapped.Services == nil {
				errs = append(errs, lineErrorf(doc.Line, "want a list of services, or services: [...]: %v", err))
				continue
			}
			list = wrapped.Services
		}
		for i, item := range list {
			m := map[string]string{}
			for k, v := range item {
				switch v := v.(type) {
				case []any:
					var parts []string
					for _, x := range v {
						parts = append(parts, fmt.Sprint(x))
					}
					m[strings.ToLower(k)] = strings.Join(parts, " ")
				case nil:
				default:
					m[strings.ToLower(k)] = fmt.Sprint(v)
				}
			}
			// yaml.v3 gives no line per list item through Decode; name the
			// item's position instead.
			row, err := rowOf(file, doc.Line, m)
			if err != nil {
				// Keep the entry's position in the message: warningOf
				// reports only the LineError's own text.
				var le *LineError
				if errors.As(err, &le) {
					err = lineErrorf(le.Line, "entry %d: %s", i+1, le.Msg)
				} else {
					err = fmt.Errorf("entry %d: %w", i+1, err)
				}
				errs = append(errs, err)
				continue
			}
			rows = append(rows, row)
		}
	}
	return rows, errs
}

func rowOf(file string, line int, m map[string]string) (Row, error) {
	r := Row{File: file, Line: line, Service: m["service"], Product: m["product"], Domain: m["domain"], Contact: m["contact"], SBOM: m["sbom"]}
	owners := m["owner"]
	if o := m["owners"]; o != "" {
		owners += " " + o
	}
	for _, o := range strings.FieldsFunc(owners, func(r rune) bool { return r == ' ' || r == ',' || r == ';' }) {
		if id := TeamID(o); id != "" && !contains(r.Owners, id) {
			r.Owners = append(r.Owners, id)
		}
	}
	if r.Service == "" && r.SBOM == "" {
		return r, lineErrorf(line, "row names neither a service nor an sbom path")
	}
	if r.SBOM != "" {
		r.re = compilePattern("/" + strings.TrimPrefix(r.SBOM, "/"))
	}
	return r, nil
}

// LeanIX is the part of a LeanIX-style leanix.yaml manifest sbomx uses.
type LeanIX struct {
	File         string
	Name         string
	Teams        []string // normalised; the first is the owner
	Applications []string // the first is the product
	Contact      string
}

// ParseLeanIX reads a leanix.yaml: top-level id/name, owner (a contact),
// teams and applications (strings, or mappings with name / id). A
// "services" list (one manifest for several services) is read too; the
// service whose id or name is dirName is used, else the first.
func ParseLeanIX(file, dirName string, data []byte) (*LeanIX, error) {
	docs, err := yamlx.Documents(data)
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, errors.New("empty manifest")
	}
	type manifest struct {
		ID           string `yaml:"id"`
		Name         string `yaml:"name"`
		Owner        any    `yaml:"owner"`
		Teams        []any  `yaml:"teams"`
		Applications []any  `yaml:"applications"`
	}
	var top struct {
		manifest `yaml:",inline"`
		Services []manifest `yaml:"services"`
	}
	if err := docs[0].Decode(&top); err != nil {
		return nil, lineErrorf(docs[0].Line, "%v", err)
	}
	m := top.manifest
	for i, s := range top.Services {
		if i == 0 || s.ID == dirName || s.Name == dirName {
			m = s
			if s.ID == dirName || s.Name == dirName {
				break
			}
		}
	}
	l := &LeanIX{File: file, Name: cmp.Or(m.Name, m.ID), Contact: scalar(m.Owner)}
	for _, t := range m.Teams {
		if id := TeamID(nameOf(t)); id != "" {
			l.Teams = append(l.Teams, id)
		}
	}
	for _, a := range m.Applications {
		if n := nameOf(a); n != "" {
			l.Applications = append(l.Applications, n)
		}
	}
	return l, nil
}

// nameOf reads "x" or {name: x} or {id: x}.
func nameOf(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case map[string]any:
		for _, k := range []string{"name", "displayName", "id", "externalId"} {
			if s, ok := v[k].(string); ok && s != "" {
				return strings.TrimSpace(s)
			}
		}
	}
	return ""
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}
