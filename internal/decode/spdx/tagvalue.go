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
	tv := tvReader{r: &raw{format: model.SPDXTagValue}}
	lines := splitLines(string(data))
	for i := 0; i < len(lines); i++ {
		var tag, value string
		var ok bool
		if tag, value, i, ok = nextTag(lines, i); !ok {
			continue
		}
		tv.tag(tag, value, i+1)
		if tv.sec == secPackage && tv.cur != nil {
			tv.packageTag(tag, value)
		}
	}
	tv.flush()
	r := tv.r
	if r.spec == "" {
		return nil, fmt.Errorf("spdx: no SPDXVersion tag: %w", model.ErrNotSBOM)
	}
	r.warnGeneratedRefs(tv.unnamed)
	return r, nil
}

// nextTag reads the tag and value of lines[i], and of the lines after it
// that a <text> value spans; last is the index of the last line read. ok
// is false for a blank line, a comment or a stray line without a colon (a
// broken multi-line value, say), which are ignored.
func nextTag(lines []string, i int) (tag, value string, last int, ok bool) {
	trimmed := strings.TrimSpace(lines[i])
	if trimmed == "" || strings.HasPrefix(trimmed, "#") {
		return "", "", i, false
	}
	colon := strings.IndexByte(trimmed, ':')
	if colon < 0 {
		return "", "", i, false
	}
	tag = strings.TrimSpace(trimmed[:colon])
	value = strings.TrimSpace(trimmed[colon+1:])
	if !strings.HasPrefix(value, "<text>") {
		return tag, value, i, true
	}
	value = strings.TrimPrefix(value, "<text>")
	if j := strings.Index(value, "</text>"); j >= 0 {
		return tag, strings.TrimSpace(value[:j]), i, true
	}
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
	return tag, strings.TrimSpace(b.String()), i, true
}

// tvSection is the kind of section a tag-value line belongs to.
type tvSection int

const (
	secDoc tvSection = iota
	secPackage
	secFile
	secSnippet
	secOther
)

// tvReader is decodeTagValue's state: the section being read and the
// package it is building.
type tvReader struct {
	r       *raw
	sec     tvSection
	cur     *pkgInfo // the package of a package section, until flushed
	unnamed int      // packages without SPDXID so far
}

// tag reads the tags of the document and of any section: those that start
// a section, SPDXID (whose meaning depends on the section) and
// Relationship (valid anywhere). line numbers a warning.
func (tv *tvReader) tag(tag, value string, line int) {
	r := tv.r
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
		tv.flush()
		tv.sec = secPackage
		tv.cur = &pkgInfo{comp: model.Component{Name: value}}
	case "FileName":
		tv.flush()
		tv.sec = secFile
	case "SnippetSPDXID":
		tv.flush()
		tv.sec = secSnippet
		r.addElem(value, kindSnippet)
	case "LicenseID":
		tv.flush()
		tv.sec = secOther
	case "SPDXID":
		switch tv.sec {
		case secDoc:
			r.docID = value
		case secPackage:
			if tv.cur != nil {
				tv.cur.comp.Ref = value
			}
		case secFile:
			r.addElem(value, kindFile)
		}
	case "Relationship":
		f := strings.Fields(value)
		if len(f) >= 3 {
			r.rels = append(r.rels, rel{from: f[0], typ: f[1], to: []string{f[2]}})
		} else {
			r.warnings = append(r.warnings, fmt.Sprintf("line %d: malformed Relationship %q", line, value))
		}
	}
}

// packageTag reads a tag of the package section into tv.cur.
func (tv *tvReader) packageTag(tag, value string) {
	c := &tv.cur.comp
	switch tag {
	case "PackageVersion":
		c.Version = value
	case "PackageDownloadLocation":
		c.AddSource(value)
	case "PackageSupplier":
		tv.cur.supplier = value
	case "PackageOriginator":
		tv.cur.originator = append(tv.cur.originator, value)
	case "PrimaryPackagePurpose":
		c.Type = strings.ToLower(value)
	case "PackageChecksum":
		if alg, hex, ok := strings.Cut(value, ":"); ok {
			if h := hashString(alg, hex); h != "" {
				c.Hashes = append(c.Hashes, h)
			}
		}
	case "ExternalRef":
		f := strings.Fields(value)
		if len(f) >= 3 && isPURLType(f[1]) && c.PURL == "" {
			c.PURL = f[2]
		}
	}
}

// flush ends the package being read, if any: it is kept if it has an
// SPDXID or a name (then given a generatedRef).
func (tv *tvReader) flush() {
	if tv.cur == nil {
		return
	}
	c := tv.cur.comp
	if c.Ref == "" {
		if c.Name == "" {
			tv.cur = nil
			return
		}
		tv.unnamed++
		c.Ref = generatedRef(tv.unnamed)
	}
	model.IdentifyComponent(&c)
	tv.cur.comp = c
	tv.r.pkgs = append(tv.r.pkgs, *tv.cur)
	tv.cur = nil
}

// splitLines splits at every line ending tag-value files are written with:
// "\n", "\r\n", and a lone "\r" (pub.dev's SBOM tool, classic Mac OS).
// Empty lines are kept, so line numbers in warnings stay right.
func splitLines(s string) []string {
	s = strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n")
	return strings.Split(s, "\n")
}
