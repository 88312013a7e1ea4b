package answers

import (
	"bytes"
	"compress/bzip2"
	"context"
	"encoding/json"
	"encoding/xml"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf16"

	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"

	"github.com/sbomx/sbomx/internal/decode"
	"github.com/sbomx/sbomx/internal/graph"
	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/model"
)

// The differential test of issue 14: each real generator's file in
// testdata/real-world (see its PROVENANCE.md) is read a second time by a
// plain generic reader that shares no code with sbomx (encoding/json over
// the raw structure, encoding/xml, a line reader for tag-value), and
// everything it finds must be in sbomx's answer: every (name, version, purl)
// in `sbomx packages`, every dependency edge between packages in the graph.

// realWorldDir holds the real generators' files.
func realWorldDir(t testing.TB) string {
	t.Helper()
	return repotest.Testdata(t, "real-world")
}

// gpkg is a package as the generic reader sees it.
type gpkg struct{ ref, name, version, purl string }

// generic is a file as the generic reader sees it.
type generic struct {
	pkgs  []gpkg
	edges [][2]string // dependent ref -> dependency ref
}

func TestRealWorldDifferential(t *testing.T) {
	realWorld := realWorldDir(t)
	entries, err := os.ReadDir(realWorld)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Packages(context.Background(), []Root{{FS: os.DirFS(realWorld), Name: realWorld}}, TreeOptions{}, nil, Filter{})
	if err != nil {
		t.Fatal(err)
	}
	byID, byName := map[string][]string{}, map[string][]string{}
	for _, p := range res.Packages {
		for _, v := range p.Versions {
			byID[p.ID] = append(byID[p.ID], v.Version)
			byName[p.Name] = append(byName[p.Name], v.Version)
		}
	}
	read := 0
	for _, e := range entries {
		name := e.Name()
		if name == "PROVENANCE.md" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(realWorld, name))
		if err != nil {
			t.Fatal(err)
		}
		data, ok := plain(data)
		if !ok {
			t.Errorf("%s: the generic reader cannot unwrap it", name)
			continue
		}
		g := genericRead(t, name, data)
		if len(g.pkgs) == 0 {
			t.Errorf("%s: the generic reader found no package", name)
			continue
		}
		read++
		t.Run(name, func(t *testing.T) {
			doc, err := decode.Decode(data)
			if err != nil {
				t.Fatal(err)
			}
			for _, p := range g.pkgs {
				if doc.Root != nil && p.ref == doc.Root.Ref {
					continue // the service itself, not one of its packages
				}
				if !inPackages(p, byID, byName) {
					t.Errorf("package %q version %q purl %q is not in sbomx packages", p.name, p.version, p.purl)
				}
			}
			checkEdges(t, doc, g)
		})
	}
	if want := len(entries) - 1; read != want {
		t.Errorf("read %d files, want all %d", read, want)
	}
}

// plain undoes the wrappings of the files with the libraries themselves
// (not sbomx's unwrapping, which has its own tests): bzip2, xz, zstd, a UTF-8
// byte order mark, UTF-16 with a byte order mark.
func plain(data []byte) ([]byte, bool) {
	switch {
	case bytes.HasPrefix(data, []byte("BZh")):
		out, err := io.ReadAll(bzip2.NewReader(bytes.NewReader(data)))
		return out, err == nil
	case bytes.HasPrefix(data, []byte{0xef, 0xbb, 0xbf}):
		return data[3:], true
	case bytes.HasPrefix(data, []byte{0xff, 0xfe}) && len(data)%2 == 0:
		u := make([]uint16, 0, len(data)/2)
		for i := 2; i+1 < len(data); i += 2 {
			u = append(u, uint16(data[i])|uint16(data[i+1])<<8)
		}
		return []byte(string(utf16.Decode(u))), true
	case bytes.HasPrefix(data, []byte{0xfd, '7', 'z', 'X', 'Z'}):
		r, err := xz.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, false
		}
		out, err := io.ReadAll(r)
		return out, err == nil
	case bytes.HasPrefix(data, []byte{0x28, 0xb5, 0x2f, 0xfd}):
		r, err := zstd.NewReader(bytes.NewReader(data))
		if err != nil {
			return nil, false
		}
		defer r.Close()
		out, err := io.ReadAll(r)
		return out, err == nil
	}
	return data, true
}

func genericRead(t *testing.T, name string, data []byte) generic {
	t.Helper()
	trimmed := bytes.TrimSpace(data)
	switch {
	case bytes.HasPrefix(trimmed, []byte("{")):
		var v map[string]any
		if err := json.Unmarshal(data, &v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if _, ok := v["spdxVersion"]; ok {
			return genericSPDXJSON(v)
		}
		return genericCDXJSON(v)
	case bytes.HasPrefix(trimmed, []byte("<")):
		root := genericXML(t, name, data)
		if root.name.Local == "RDF" {
			return genericRDF(root)
		}
		return genericCDXXML(root)
	}
	return genericTagValue(data)
}

func str(v any) string { s, _ := v.(string); return strings.TrimSpace(s) }

func genericSPDXJSON(v map[string]any) generic {
	var g generic
	pkgs, _ := v["packages"].([]any)
	for _, x := range pkgs {
		p, _ := x.(map[string]any)
		gp := gpkg{ref: str(p["SPDXID"]), name: str(p["name"]), version: str(p["versionInfo"])}
		refs, _ := p["externalRefs"].([]any)
		for _, r := range refs {
			m, _ := r.(map[string]any)
			if t := strings.ToLower(str(m["referenceType"])); (t == "purl" || t == "package-url" || t == "package_url") && gp.purl == "" {
				gp.purl = str(m["referenceLocator"])
			}
		}
		g.pkgs = append(g.pkgs, gp)
	}
	rels, _ := v["relationships"].([]any)
	for _, x := range rels {
		r, _ := x.(map[string]any)
		a, b := str(r["spdxElementId"]), str(r["relatedSpdxElement"])
		switch str(r["relationshipType"]) {
		case "DEPENDS_ON":
			g.edges = append(g.edges, [2]string{a, b})
		case "DEPENDENCY_OF":
			g.edges = append(g.edges, [2]string{b, a})
		}
	}
	return g
}

func genericCDXJSON(v map[string]any) generic {
	var g generic
	var walk func(list any)
	walk = func(list any) {
		cs, _ := list.([]any)
		for _, x := range cs {
			c, _ := x.(map[string]any)
			if str(c["type"]) != "file" || str(c["purl"]) != "" {
				g.pkgs = append(g.pkgs, gpkg{ref: str(c["bom-ref"]), name: str(c["name"]), version: str(c["version"]), purl: str(c["purl"])})
			}
			walk(c["components"])
		}
	}
	walk(v["components"])
	deps, _ := v["dependencies"].([]any)
	for _, x := range deps {
		d, _ := x.(map[string]any)
		ons, _ := d["dependsOn"].([]any)
		for _, on := range ons {
			g.edges = append(g.edges, [2]string{str(d["ref"]), str(on)})
		}
	}
	return g
}

// xel is an XML element of the generic reader.
type xel struct {
	name     xml.Name
	attrs    map[string]string // by local name
	text     string
	children []*xel
}

func genericXML(t *testing.T, name string, data []byte) *xel {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(data))
	var stack []*xel
	var root *xel
	for {
		tok, err := d.Token()
		if err == io.EOF {
			return root
		}
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		switch x := tok.(type) {
		case xml.StartElement:
			e := &xel{name: x.Name, attrs: map[string]string{}}
			for _, a := range x.Attr {
				e.attrs[a.Name.Local] = a.Value
			}
			if len(stack) > 0 {
				stack[len(stack)-1].children = append(stack[len(stack)-1].children, e)
			} else {
				root = e
			}
			stack = append(stack, e)
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		case xml.CharData:
			if len(stack) > 0 {
				stack[len(stack)-1].text += string(x)
			}
		}
	}
}

func (e *xel) child(local string) string {
	for _, c := range e.children {
		if c.name.Local == local {
			return strings.TrimSpace(c.text)
		}
	}
	return ""
}

func (e *xel) each(local string, f func(*xel)) {
	for _, c := range e.children {
		if c.name.Local == local {
			f(c)
		}
		c.each(local, f)
	}
}

func genericCDXXML(root *xel) generic {
	var g generic
	root.each("component", func(c *xel) {
		g.pkgs = append(g.pkgs, gpkg{ref: c.attrs["bom-ref"], name: c.child("name"), version: c.child("version"), purl: c.child("purl")})
	})
	for _, deps := range root.children {
		if deps.name.Local != "dependencies" {
			continue
		}
		for _, d := range deps.children {
			for _, on := range d.children {
				g.edges = append(g.edges, [2]string{d.attrs["ref"], on.attrs["ref"]})
			}
		}
	}
	return g
}

// genericRDF finds every spdx:Package element that names a package (the
// first time its rdf:about appears with a name).
func genericRDF(root *xel) generic {
	var g generic
	seen := map[string]bool{}
	root.each("Package", func(p *xel) {
		about := p.attrs["about"]
		if seen[about] || p.child("name") == "" {
			return
		}
		seen[about] = true
		gp := gpkg{ref: about[strings.LastIndexByte(about, '#')+1:], name: p.child("name"), version: p.child("versionInfo")}
		p.each("ExternalRef", func(r *xel) {
			if strings.HasSuffix(r.childAttr("referenceType", "resource"), "/purl") {
				gp.purl = r.child("referenceLocator")
			}
		})
		g.pkgs = append(g.pkgs, gp)
	})
	return g
}

func (e *xel) childAttr(local, attr string) string {
	for _, c := range e.children {
		if c.name.Local == local {
			return c.attrs[attr]
		}
	}
	return ""
}

// genericTagValue reads PackageName, PackageVersion, a purl ExternalRef and
// DEPENDS_ON / DEPENDENCY_OF relationships, whatever the line endings.
func genericTagValue(data []byte) generic {
	var g generic
	lines := strings.FieldsFunc(string(data), func(r rune) bool { return r == '\n' || r == '\r' })
	var cur *gpkg
	flush := func() {
		if cur != nil {
			g.pkgs = append(g.pkgs, *cur)
			cur = nil
		}
	}
	for _, l := range lines {
		tag, value, _ := strings.Cut(l, ":")
		value = strings.TrimSpace(value)
		switch strings.TrimSpace(tag) {
		case "PackageName":
			flush()
			cur = &gpkg{name: value}
		case "FileName", "SnippetSPDXID", "LicenseID":
			flush()
		case "SPDXID":
			if cur != nil {
				cur.ref = value
			}
		case "PackageVersion":
			if cur != nil {
				cur.version = value
			}
		case "ExternalRef":
			if f := strings.Fields(value); cur != nil && len(f) == 3 && f[1] == "purl" {
				cur.purl = f[2]
			}
		case "Relationship":
			if f := strings.Fields(value); len(f) == 3 && f[1] == "DEPENDS_ON" {
				g.edges = append(g.edges, [2]string{f[0], f[2]})
			} else if len(f) == 3 && f[1] == "DEPENDENCY_OF" {
				g.edges = append(g.edges, [2]string{f[2], f[0]})
			}
		}
	}
	flush()
	return g
}

// inPackages reports whether sbomx packages lists p at its version: by its
// normalised purl when it has one that parses, else by its name.
func inPackages(p gpkg, byID, byName map[string][]string) bool {
	if p.purl != "" {
		if pu, ok := model.ParsePURL(p.purl); ok {
			c := model.Component{PURL: p.purl, Name: p.name, Version: p.version}
			model.IdentifyComponent(&c)
			return slices.Contains(byID[pu.ID.String()], c.Version) || slices.Contains(byID[c.ID.String()], c.Version)
		}
	}
	return slices.Contains(byName[p.name], p.version)
}

// checkEdges decodes the file with sbomx and checks that each generic edge
// between two packages is a dependency edge of its graph.
func checkEdges(t *testing.T, doc *model.Document, g generic) {
	t.Helper()
	gr := graph.New(doc, "file")
	nodes := map[string][]int{}
	for i, n := range gr.Nodes {
		nodes[n.Ref] = append(nodes[n.Ref], i)
	}
	isPkg := map[string]bool{}
	for _, p := range g.pkgs {
		isPkg[p.ref] = true
	}
	checked := 0
	for _, e := range g.edges {
		if !isPkg[e[0]] && doc.Root != nil && e[0] != doc.Root.Ref || !isPkg[e[1]] {
			continue // an end that is a file, the document, or nothing
		}
		checked++
		found := false
		for _, f := range nodes[e[0]] {
			for _, to := range nodes[e[1]] {
				found = found || slices.Contains(gr.Deps(f), to)
			}
		}
		if !found {
			t.Errorf("edge %s -> %s is not in the graph", e[0], e[1])
		}
	}
	t.Logf("%d packages, %d of %d edges between packages checked", len(g.pkgs), checked, len(g.edges))
}
