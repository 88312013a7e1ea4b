package spdx

import (
	"fmt"
	"strings"

	"github.com/sbomx/sbomx/pkg/model"
)

// decodeTagValue reads SPDX 2.x tag-value line by line. A PackageName,
// FileName, SnippetSPDXID or LicenseID tag starts a new section; SPDXID
// belongs to the current section (the document before any section).
// <text>...</text> values may span lines; '#' lines are comments; unknown
// tags are ignored; Relationship lines may appear anywhere.
func decodeTagValue(data []byte) (*raw, error) {
	r := &raw{format: model.SPDXTagValue}

	const (
		secDoc = iota
		secPackage
		secFile
		secSnippet
		secOther
	)
	sec := secDoc
	var cur *pkgInfo
	unnamed := 0
	flush := func() {
		if cur == nil {
			return
		}
		c := cur.comp
		if c.Ref == "" {
			if c.Name == "" {
				cur = nil
				return
			}
			unnamed++
			c.Ref = generatedRef(unnamed)
		}
		model.IdentifyComponent(&c)
		cur.comp = c
		r.pkgs = append(r.pkgs, *cur)
		cur = nil
	}

	lines := splitLines(string(data))
	for i := 0; i < len(lines); i++ {
		trimmed := strings.TrimSpace(lines[i])
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		colon := strings.IndexByte(trimmed, ':')
		if colon < 0 {
			continue // stray line (e.g. a broken multi-line value); ignore
		}
		tag := strings.TrimSpace(trimmed[:colon])
		value := strings.TrimSpace(trimmed[colon+1:])
		if strings.HasPrefix(value, "<text>") {
			value = strings.TrimPrefix(value, "<text>")
			if j := strings.Index(value, "</text>"); j >= 0 {
				value = value[:j]
			} else {
				var b strings.Builder
				b.WriteString(value)
				for i+1 < len(lines) {
					i++
					l := lines[i]
					if j := strings.Index(l, "</text>"); j >= 0 {
						b.WriteString("\n")
						b.WriteString(l[:j])
						break
					}
					b.WriteString("\n")
					b.WriteString(l)
				}
				value = b.String()
			}
			value = strings.TrimSpace(value)
		}

		switch tag {
		case "SPDXVersion":
			if r.spec == "" {
				r.spec = value
			}
		case "DocumentName":
			r.docName = value
		case "Creator":
			r.creators = append(r.creators, value)
		case "PackageName":
			flush()
			sec = secPackage
			cur = &pkgInfo{comp: model.Component{Name: value}}
		case "FileName":
			flush()
			sec = secFile
		case "SnippetSPDXID":
			flush()
			sec = secSnippet
			r.addElem(value, kindSnippet)
		case "LicenseID":
			flush()
			sec = secOther
		case "SPDXID":
			switch sec {
			case secDoc:
				r.docID = value
			case secPackage:
				if cur != nil {
					cur.comp.Ref = value
				}
			case secFile:
				r.addElem(value, kindFile)
			}
		case "Relationship":
			f := strings.Fields(value)
			if len(f) >= 3 {
				r.rels = append(r.rels, rel{from: f[0], typ: f[1], to: []string{f[2]}})
			} else {
				r.warnings = append(r.warnings, fmt.Sprintf("line %d: malformed Relationship %q", i+1, value))
			}
		}
		if sec != secPackage || cur == nil {
			continue
		}
		switch tag {
		case "PackageVersion":
			cur.comp.Version = value
		case "PackageDownloadLocation":
			cur.comp.AddSource(value)
		case "PackageSupplier":
			cur.supplier = value
		case "PackageOriginator":
			cur.originator = append(cur.originator, value)
		case "PrimaryPackagePurpose":
			cur.comp.Type = strings.ToLower(value)
		case "PackageChecksum":
			if alg, hex, ok := strings.Cut(value, ":"); ok {
				if h := hashString(alg, hex); h != "" {
					cur.comp.Hashes = append(cur.comp.Hashes, h)
				}
			}
		case "ExternalRef":
			f := strings.Fields(value)
			if len(f) >= 3 && isPURLType(f[1]) && cur.comp.PURL == "" {
				cur.comp.PURL = f[2]
			}
		}
	}
	flush()
	if r.spec == "" {
		return nil, fmt.Errorf("spdx: no SPDXVersion tag: %w", model.ErrNotSBOM)
	}
	r.warnGeneratedRefs(unnamed)
	return r, nil
}

// splitLines splits at every line ending tag-value files are written with:
// "\n", "\r\n", and a lone "\r" (pub.dev's SBOM tool, classic Mac OS).
// Empty lines are kept, so line numbers in warnings stay right.
func splitLines(s string) []string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	return strings.Split(s, "\n")
}
