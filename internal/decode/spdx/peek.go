package spdx

import (
	"encoding/json"
	"strings"

	"github.com/sbomx/sbomx/internal/support/foldscan"
	"github.com/sbomx/sbomx/internal/support/jsonlite"
	"github.com/sbomx/sbomx/pkg/model"
)

// versionNeedle finds any later spelling of the spdxVersion key.
var versionNeedle = foldscan.New("spdxversion")

// Claims reports, reading only the top-level keys up to spdxVersion, that
// the full decode of data (which Sniff took for SPDX 2 JSON) reads it as an
// SBOM: its spdxVersion is a non-empty string, given once. false means it
// is not, or Claims cannot tell.
func Claims(data []byte) bool {
	data = trimBOM(data)
	if jsonlite.EscapesLetters(data) {
		return false // a key could be spelled with escapes
	}
	w := jsonlite.New(data)
	claimed := false
	w.Object(func(key []byte, esc bool) bool {
		switch {
		case esc || strings.EqualFold(string(key), "spdxVersion") && string(key) != "spdxVersion":
			return false
		case string(key) == "spdxVersion":
			v, ok := w.String()
			claimed = ok && strings.TrimSpace(v) != ""
			return false // found: the rest is not walked
		}
		_, _, ok := w.Skip()
		return ok
	})
	return claimed && !versionNeedle.At(w.Rest(), func(i int) bool { return jsonlite.KeyAt(w.Rest(), i, len("spdxversion")) })
}

// PeekRoot finds the root an SPDX 2 JSON document's full decode would give
// it (see the package comment: the one package described, or a root named
// after the document), without decoding the rest: the services of a flat
// folder are named by their roots, and a file the byte prefilter rules out
// is not decoded. It reads with jsonlite, a walk that checks nothing, and
// declines (ok false) wherever the full decode could read the document
// differently: escaped keys, a kept key twice or spelled in another case, a
// kept value of another type. root is nil when the document describes
// nothing.
func PeekRoot(data []byte) (root *model.Component, ok bool) {
	r := &raw{format: model.SPDXJSON}
	spans := map[int][2]int{} // package index -> its object, for the root's purl
	w := jsonlite.New(trimBOM(data))
	seen := map[string]bool{}
	ok = w.Object(func(key []byte, esc bool) bool {
		k := string(key)
		if esc || !kept(k, topKeys, seen) {
			return false
		}
		switch k {
		case "spdxVersion":
			r.spec, ok = w.String()
			return ok
		case "SPDXID":
			r.docID, ok = w.String()
			r.docID = strings.TrimSpace(r.docID)
			return ok
		case "name":
			r.docName, ok = w.String()
			return ok
		case "documentDescribes":
			return stringArray(w, func(s string) { r.describes = append(r.describes, s) })
		case "packages":
			unnamed := 0
			return w.Array(func() bool { return peekPackage(w, r, spans, &unnamed) })
		case "files", "snippets":
			kind := map[string]endKind{"files": kindFile, "snippets": kindSnippet}[k]
			return w.Array(func() bool { return peekElement(w, r, kind) })
		case "relationships":
			return w.Array(func() bool { return peekRelationship(w, r) })
		}
		_, _, ok := w.Skip()
		return ok
	})
	if !ok || strings.TrimSpace(r.spec) == "" {
		return nil, false
	}
	docID, isDoc := r.docRef()
	described, rootPkg := r.root(r.firstPackages(), isDoc)
	switch {
	case rootPkg >= 0:
		c, ok := rootPackage(data, spans[rootPkg], r.pkgs[rootPkg].comp.Ref)
		return c, ok
	case len(described) > 0:
		c := r.syntheticRoot(docID)
		return &c, true
	}
	return nil, true
}

// The keys PeekRoot reads at each level; every other key is skipped. A key
// that matches one of them only in case would be read by encoding/json as
// that one, so it makes PeekRoot decline.
var (
	topKeys = []string{"spdxVersion", "SPDXID", "name", "documentDescribes", "packages", "files", "snippets", "relationships"}
	pkgKeys = []string{"SPDXID", "name"}
)

// kept reports whether key may be read (or skipped) as written: not a kept
// key seen before in this object, not another spelling of one.
func kept(key string, keys []string, seen map[string]bool) bool {
	for _, k := range keys {
		if strings.EqualFold(k, key) {
			if k != key || seen[k] {
				return false
			}
			seen[k] = true
		}
	}
	return true
}

// member reads the object at the cursor, handing kept keys' values (which
// must be plain strings) to set and skipping the rest.
func member(w *jsonlite.Walker, keys []string, set func(key, value string)) bool {
	seen := map[string]bool{}
	return w.Object(func(key []byte, esc bool) bool {
		k := string(key)
		if esc || !kept(k, keys, seen) {
			return false
		}
		if seen[k] {
			v, ok := w.String()
			set(k, v)
			return ok
		}
		_, _, ok := w.Skip()
		return ok
	})
}

// stringArray reads an array of plain strings, handing each to add.
func stringArray(w *jsonlite.Walker, add func(string)) bool {
	return w.Array(func() bool {
		s, ok := w.String()
		add(s)
		return ok
	})
}

func peekPackage(w *jsonlite.Walker, r *raw, spans map[int][2]int, unnamed *int) bool {
	start := w.Pos()
	var c model.Component
	if !member(w, pkgKeys, func(k, v string) {
		if k == "SPDXID" {
			c.Ref = strings.TrimSpace(v)
		} else {
			c.Name = v
		}
	}) {
		return false
	}
	if c.Ref == "" {
		if c.Name == "" {
			return true // decodeJSON2 drops it
		}
		*unnamed++
		c.Ref = generatedRef(*unnamed)
	}
	spans[len(r.pkgs)] = [2]int{start, w.Pos()}
	r.pkgs = append(r.pkgs, pkgInfo{comp: c})
	return true
}

func peekElement(w *jsonlite.Walker, r *raw, kind endKind) bool {
	if w.Peek() == 'n' { // null, which decodeJSON2 skips
		_, _, ok := w.Skip()
		return ok
	}
	return member(w, elementKeys, func(_, v string) { r.addElem(strings.TrimSpace(v), kind) })
}

func peekRelationship(w *jsonlite.Walker, r *raw) bool {
	var rl rel
	var to string
	if !member(w, relKeys, func(k, v string) {
		switch k {
		case "spdxElementId":
			rl.from = strings.TrimSpace(v)
		case "relationshipType":
			rl.typ = v
		default:
			to = strings.TrimSpace(v)
		}
	}) {
		return false
	}
	if c := classify(rl.typ); c == relDescribes || c == relDescribedBy {
		rl.to = []string{to}
		r.rels = append(r.rels, rl)
	}
	return true
}

// rootPackage reads the root package's object as decodeJSON2 reads
// packages, for its name, version and purl.
func rootPackage(data []byte, span [2]int, ref string) (*model.Component, bool) {
	var p json2Package
	if err := json.Unmarshal(trimBOM(data)[span[0]:span[1]], &p); err != nil {
		return nil, false
	}
	c := model.Component{Ref: ref, Name: p.Name, Version: p.VersionInfo, PURL: p.purl()}
	model.IdentifyComponent(&c)
	return &c, true
}
