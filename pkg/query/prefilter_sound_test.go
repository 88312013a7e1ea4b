package query_test

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/sbomx/sbomx/internal/decode"
	"github.com/sbomx/sbomx/pkg/query"
)

// FuzzPrefilterSound is the prefilter's whole promise, checked end to end:
// when it says "no" for a file, the full decode of that file finds no
// component any of the queries matches. The fuzzer picks the query, the
// component's name, group and purl (any bytes: non-ASCII, separators,
// percent-encoding) and how the document writes each character (raw, JSON
// \u escape, percent-encoded in the purl, XML character reference), in
// CycloneDX JSON, CycloneDX XML and SPDX tag-value.
func FuzzPrefilterSound(f *testing.F) {
	for _, s := range []struct {
		q, name, group, purl string
		how                  uint64
	}{
		{"kafka", "\u212aafka", "", "pkg:npm/%E2%84%AAafka@1.0", 0}, // KELVIN SIGN, Unicode-folds to k
		{"kafka", "\u212aafka", "", "", 0},                          //
		{"lodash", "lodash", "", "pkg:npm/lod%61sh@4.17.21", 1},     // an escaped letter
		{"@types/node", "node", "@types", "pkg:npm/%40types/node@1", 2},
		{"org.apache.logging.log4j:log4j-core", "log4j-core", "org.apache.logging.log4j", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1", 3},
		{"Torch_Triton", "torch.triton", "", "pkg:pypi/torch-triton@2.0.0%2B0d7e753227", 4},
		{"pkg:nuget/semver", "Semver", "", "pkg:nuget/Semver%402.2.0", 5},
		{"jackson-databind", "com.fasterxml.jackson.core:jackson-databind", "", "", 6},
		{"github.com/sirupsen/logrus", "github.com/Sirupsen/logrus", "", "pkg:golang/github.com/Sirupsen/logrus@v1", 7},
		{"ſtrutſ", "struts", "", "pkg:maven/org.apache.struts/struts@1", 8}, // LATIN SMALL LONG S
	} {
		f.Add(s.q, s.name, s.group, s.purl, s.how)
	}
	f.Fuzz(func(t *testing.T, qs, name, group, purl string, how uint64) {
		q, err := query.Parse(qs)
		if err != nil || q.Kind == query.KindHash {
			return
		}
		p := query.NewPrefilter([]*query.Query{q})
		if p == nil {
			return
		}
		for form := range 3 {
			data := document(form, name, group, purl, how)
			if p.MayMatch(data) {
				continue
			}
			doc, err := decode.Decode(data)
			if err != nil {
				continue
			}
			for i := range doc.Components {
				if c := &doc.Components[i]; q.Matches(c) {
					t.Fatalf("the prefilter rules out\n%s\nbut %q matches its component %+v", data, qs, *c)
				}
			}
		}
	})
}

// document writes one component in CycloneDX JSON (form 0), CycloneDX XML
// (1) or SPDX tag-value (2), each character raw or escaped as how's bits say.
func document(form int, name, group, purl string, how uint64) []byte {
	switch form {
	case 0:
		return []byte(fmt.Sprintf(`{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"bom-ref":"r","name":"app"}},`+
			`"components":[{"bom-ref":"c","name":"%s","group":"%s","version":"1.0","purl":"%s"}],"dependencies":[{"ref":"r","dependsOn":["c"]}]}`,
			jsonText(name, how), jsonText(group, how>>1), jsonText(purlText(purl, how>>2), how>>3)))
	case 1:
		return []byte(fmt.Sprintf(`<?xml version="1.0"?><bom xmlns="http://cyclonedx.org/schema/bom/1.5" version="1"><components>`+
			`<component type="library" bom-ref="c"><group>%s</group><name>%s</name><version>1.0</version><purl>%s</purl></component></components></bom>`,
			xmlText(group, how), xmlText(name, how>>1), xmlText(purlText(purl, how>>2), how>>3)))
	}
	line := func(s string) string {
		return strings.Map(func(r rune) rune { return map[bool]rune{true: ' ', false: r}[r == '\n' || r == '\r'] }, s)
	}
	out := "SPDXVersion: SPDX-2.3\nSPDXID: SPDXRef-DOCUMENT\nDocumentName: d\n\nPackageName: " + line(name) + "\nSPDXID: SPDXRef-c\nPackageVersion: 1.0\n"
	if purl != "" {
		out += "ExternalRef: PACKAGE-MANAGER purl " + strings.ReplaceAll(line(purlText(purl, how>>2)), " ", "%20") + "\n"
	}
	return []byte(out)
}

// jsonText writes s as a JSON string body; bit k of how says whether the
// k-th character is written as a \u escape.
func jsonText(s string, how uint64) string {
	var b strings.Builder
	for i, r := range []rune(strings.ToValidUTF8(s, "\uFFFD")) {
		switch {
		case how>>(i%64)&1 == 1 || r < 0x20 || r == '"' || r == '\\':
			if r > 0xFFFF {
				b.WriteString(fmt.Sprintf(`\u%04x\u%04x`, 0xD800+((r-0x10000)>>10), 0xDC00+((r-0x10000)&0x3FF)))
			} else {
				b.WriteString(fmt.Sprintf(`\u%04x`, r))
			}
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// purlText percent-encodes the purl's characters where how says so (those
// the purl grammar leaves to encoding anyway are kept).
func purlText(s string, how uint64) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if how>>(i%64)&1 == 1 && s[i] != '%' && s[i] != ':' && s[i] != '/' && s[i] != '@' {
			b.WriteString("%" + strings.ToUpper(fmt.Sprintf("%02x", s[i])))
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// xmlText writes s as XML character data: markup escaped, and a character
// written as a reference where how says so.
func xmlText(s string, how uint64) string {
	var b strings.Builder
	for i, r := range []rune(strings.ToValidUTF8(s, "\uFFFD")) {
		switch {
		case !utf8.ValidRune(r) || r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0xFFFE || r == 0xFFFF:
			// not an XML character: leave it out
		case how>>(i%64)&1 == 1 || r == '<' || r == '&' || r == '>':
			b.WriteString(fmt.Sprintf("&#%d;", r))
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
