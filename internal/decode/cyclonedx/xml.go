package cyclonedx

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"unicode/utf8"

	cdx "github.com/CycloneDX/cyclonedx-go"

	"github.com/sbomx/sbomx/pkg/model"
)

// dependencyGraphNS is the namespace of CycloneDX 1.1's dependency-graph
// extension; cyclonedx-go matches its elements by local name.
const dependencyGraphNS = "http://cyclonedx.org/schema/ext/dependency-graph/"

// readXML checks that data is a CycloneDX XML BOM (root <bom> in the
// CycloneDX namespace) and decodes it with cyclonedx-go, retrying with only
// the elements sbomx reads when cyclonedx-go rejects the document.
func readXML(data []byte) (*read, error) {
	ns, err := bomNamespace(data)
	if err != nil {
		return nil, err
	}
	r := &read{format: model.CycloneDXXML, specVersion: strings.TrimPrefix(ns, nsPrefix)}
	if !knownVersion(r.specVersion) {
		r.warnf("unknown specversion %q in xml namespace, read leniently", r.specVersion)
	}

	bom, err := decodeBOM(data, cdx.BOMFileFormatXML)
	if err != nil {
		pruned, perr := pruneXML(data)
		if perr != nil {
			return nil, fmt.Errorf("cyclonedx: %w", err)
		}
		var rerr error
		if bom, rerr = decodeBOM(pruned, cdx.BOMFileFormatXML); rerr != nil {
			return nil, fmt.Errorf("cyclonedx: %w (also after dropping unused elements: %v)", err, rerr)
		}
		r.warnf("read leniently, kept only the elements sbomx reads: %v", err)
	}
	r.bom = bom
	return r, nil
}

// bomNamespace reads the root element, which must be <bom> in a CycloneDX
// namespace, and returns that namespace.
func bomNamespace(data []byte) (string, error) {
	root, err := xmlRoot(data)
	if err != nil {
		return "", err
	}
	if root.Name.Local != "bom" {
		return "", errNotBOM("xml root is <%s>, not <bom>", root.Name.Local)
	}
	if ns := root.Name.Space; !strings.HasPrefix(ns, nsPrefix) {
		return "", errNotBOM("xml namespace %q is not cyclonedx", ns)
	}
	return root.Name.Space, nil
}

// ClaimsXML reports, reading only up to the root element, that the full
// decode of data reads it as a CycloneDX XML BOM, not as "not an SBOM".
func ClaimsXML(data []byte) bool {
	_, err := bomNamespace(data)
	return err == nil
}

// newXMLDecoder returns a decoder that also reads documents declaring a
// non-UTF-8 encoding (Latin-1 is converted, others are read as UTF-8).
func newXMLDecoder(data []byte) *xml.Decoder {
	dec := xml.NewDecoder(bytes.NewReader(data))
	dec.CharsetReader = func(charset string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(charset) {
		case "iso-8859-1", "latin1", "latin-1", "windows-1252", "cp1252":
			b, err := io.ReadAll(in)
			if err != nil {
				return nil, err
			}
			out := make([]byte, 0, len(b))
			for _, c := range b {
				out = utf8.AppendRune(out, rune(c))
			}
			return bytes.NewReader(out), nil
		}
		return in, nil
	}
	return dec
}

// xmlRoot returns the document's root element.
func xmlRoot(data []byte) (xml.StartElement, error) {
	dec := newXMLDecoder(data)
	for {
		tok, err := dec.Token()
		if err != nil {
			if errors.Is(err, io.EOF) {
				return xml.StartElement{}, errNotBOM("xml has no root element")
			}
			return xml.StartElement{}, fmt.Errorf("cyclonedx: malformed xml: %w", err)
		}
		if se, ok := tok.(xml.StartElement); ok {
			return se, nil
		}
	}
}

// xmlChildAllowed reports whether pruneXML keeps a <child> inside <parent>.
func xmlChildAllowed(parent, child string) bool {
	var allowed []string
	switch parent {
	case "bom":
		allowed = []string{"metadata", "components", "dependencies"}
	case "metadata":
		allowed = []string{"tools", "authors", "component", "manufacture", "manufacturer", "supplier", "properties"}
	case "tools":
		allowed = []string{"tool", "components", "services"}
	case "tool", "service":
		allowed = []string{"vendor", "name", "version"}
	case "services":
		allowed = []string{"service"}
	case "components":
		allowed = []string{"component"}
	case "component":
		allowed = []string{"name", "group", "version", "purl", "hashes", "components",
			"supplier", "manufacturer", "author", "authors", "properties"}
	case "hashes":
		allowed = []string{"hash"}
	case "supplier", "manufacturer", "manufacture":
		allowed = []string{"name"}
	case "authors":
		allowed = []string{"author"}
	case "author":
		allowed = []string{"name", "email"}
	case "properties":
		allowed = []string{"property"}
	case "dependencies", "dependency":
		allowed = []string{"dependency"}
	}
	return slices.Contains(allowed, child)
}

// xmlAttrAllowed reports whether pruneXML keeps an attribute.
func xmlAttrAllowed(name string) bool {
	switch name {
	case "bom-ref", "type", "ref", "alg", "name", "serialNumber":
		return true
	}
	return false
}

// pruneXML rewrites the document keeping only the elements and attributes
// sbomx reads, all in the root's default namespace.
func pruneXML(data []byte) ([]byte, error) {
	dec := newXMLDecoder(data)
	var buf bytes.Buffer
	enc := xml.NewEncoder(&buf)
	var stack []string
	rootNS := ""
	skip := 0
	for {
		tok, err := dec.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if skip > 0 {
				skip++
				continue
			}
			out := xml.StartElement{Name: xml.Name{Local: t.Name.Local}}
			if len(stack) == 0 {
				rootNS = t.Name.Space
				out.Attr = []xml.Attr{{Name: xml.Name{Local: "xmlns"}, Value: rootNS}}
			} else {
				inNS := t.Name.Space == rootNS || strings.HasPrefix(t.Name.Space, dependencyGraphNS)
				if !inNS || !xmlChildAllowed(stack[len(stack)-1], t.Name.Local) {
					skip = 1
					continue
				}
				for _, a := range t.Attr {
					if a.Name.Space == "" && xmlAttrAllowed(a.Name.Local) {
						out.Attr = append(out.Attr, a)
					}
				}
			}
			if err := enc.EncodeToken(out); err != nil {
				return nil, err
			}
			stack = append(stack, t.Name.Local)
		case xml.EndElement:
			if skip > 0 {
				skip--
				continue
			}
			if len(stack) == 0 {
				return nil, errors.New("unbalanced xml")
			}
			if err := enc.EncodeToken(xml.EndElement{Name: xml.Name{Local: stack[len(stack)-1]}}); err != nil {
				return nil, err
			}
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if skip > 0 || len(stack) == 0 {
				continue
			}
			if err := enc.EncodeToken(t.Copy()); err != nil {
				return nil, err
			}
		}
	}
	if err := enc.Flush(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
