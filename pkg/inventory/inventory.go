// Package inventory decides which service each SBOM belongs to, and who owns
// that service and which product relies on it, from Backstage catalog files,
// CODEOWNERS and the SBOMs' own metadata.
//
// Service identity, first rule that applies:
//  1. the metadata.name of the Backstage Component in a catalog-info.yaml in
//     the SBOM's own folder;
//  2. the folder's name, when the folder holds one service's SBOMs: it is not
//     the root of the tree, no folder below it holds SBOMs, and it holds at
//     most two SBOMs or all of its SBOMs name the same root component (an
//     application SBOM and its container image's, say);
//  3. the SBOM's root component name, shortened to its last path element
//     (github.com/acme/x and @acme/x are both x), so generators' spellings do
//     not split one service in two;
//  4. the file name.
//
// Owner, first source that has one: the Backstage Component (own folder or
// nearest ancestor with one) spec.owner; the CODEOWNERS rule for the SBOM's
// path (GitHub semantics); the SBOM's metadata (an "owner" property such as
// acme:owner, supplier, manufacturer, first author). Product: the Component's
// spec.system, else the name of a System entity in an ancestor catalog.
// Nothing is guessed: unknown stays "".
package inventory

import (
	"cmp"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/pkg/model"
)

// SBOM is what Resolve needs to know of one SBOM file.
type SBOM struct {
	Path      string // slash-separated, relative to the tree root
	RootName  string
	RootGroup string
	Meta      model.Meta
}

// Service is one service and the SBOMs that describe it.
type Service struct {
	Key           string // unique; two services may share a Name
	Name          string
	NameSource    string // "catalog-info.yaml", "folder", "root component", "file name"
	Dir           string // folder of its SBOMs
	Owner         string // primary owner, "" when unknown
	Owners        []string
	OwnerSource   string // which file and rule gave the owner
	Product       string
	ProductSource string
	Lifecycle     string
	SBOMs         []string
	RootNames     []string
}

// Warning is a problem in an ownership file; it never hides a service.
type Warning struct {
	File    string `json:"file"`
	Line    int    `json:"line,omitempty"`
	Message string `json:"message"`
}

// Inventory maps SBOM files to services.
type Inventory struct {
	Services []*Service // sorted by Name, then Key
	Warnings []Warning
	byFile   map[string]*Service
}

// ServiceOf returns the service an SBOM file belongs to.
func (inv *Inventory) ServiceOf(file string) *Service { return inv.byFile[file] }

// IsOwnershipFile reports whether Resolve wants the content of file.
func IsOwnershipFile(file string) bool {
	switch path.Base(file) {
	case "catalog-info.yaml", "catalog-info.yml":
		return true
	}
	switch file {
	case "CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS":
		return true
	}
	return false
}

type catalog struct {
	file     string
	entities []Entity
}

// Resolve assigns every SBOM to a service. files holds the ownership files
// found in the tree (see IsOwnershipFile), by path.
func Resolve(sboms []SBOM, files map[string][]byte) *Inventory {
	inv := &Inventory{byFile: map[string]*Service{}}
	catalogs := map[string]*catalog{}
	for _, name := range sortedKeys(files) {
		if !strings.HasPrefix(path.Base(name), "catalog-info.") {
			continue
		}
		ents, errs := ParseCatalog(files[name])
		for _, err := range errs {
			inv.Warnings = append(inv.Warnings, Warning{File: name, Message: err.Error()})
		}
		catalogs[path.Dir(name)] = &catalog{file: name, entities: ents}
	}
	var co *Codeowners
	for _, name := range []string{".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"} {
		if data, ok := files[name]; ok {
			var errs []error
			co, errs = ParseCodeowners(name, data)
			for _, err := range errs {
				inv.Warnings = append(inv.Warnings, Warning{File: name, Message: err.Error()})
			}
			break
		}
	}

	byDir := map[string][]SBOM{}
	for _, s := range sboms {
		byDir[path.Dir(s.Path)] = append(byDir[path.Dir(s.Path)], s)
	}
	hasSBOMBelow := map[string]bool{}
	for dir := range byDir {
		for d := path.Dir(dir); dir != "." && !hasSBOMBelow[d]; d = path.Dir(d) {
			hasSBOMBelow[d] = true
			if d == "." {
				break
			}
		}
	}

	services := map[string]*Service{}
	for _, dir := range sortedKeys(byDir) {
		group := byDir[dir]
		slices.SortFunc(group, func(a, b SBOM) int { return strings.Compare(a.Path, b.Path) })
		comp := component(catalogs[dir], path.Base(dir))
		oneService := dir != "." && !hasSBOMBelow[dir] && (len(group) <= 2 || sameRoot(group))
		for _, s := range group {
			var key, name, source string
			switch {
			case dir != "." && comp != nil && comp.Name != "":
				key, name, source = "dir:"+dir, comp.Name, "catalog-info.yaml"
			case oneService:
				key, name, source = "dir:"+dir, path.Base(dir), "folder"
			case s.RootName != "":
				name = ShortName(s.RootName)
				key, source = "root:"+dir+":"+strings.ToLower(name), "root component"
			default:
				name = fileStem(s.Path)
				key, source = "file:"+s.Path, "file name"
			}
			svc := services[key]
			if svc == nil {
				svc = &Service{Key: key, Name: name, NameSource: source, Dir: dir}
				services[key] = svc
			}
			svc.SBOMs = append(svc.SBOMs, s.Path)
			if s.RootName != "" && !slices.Contains(svc.RootNames, s.RootName) {
				svc.RootNames = append(svc.RootNames, s.RootName)
			}
			inv.byFile[s.Path] = svc
		}
	}
	metaOf := map[string]model.Meta{}
	for _, s := range sboms {
		metaOf[s.Path] = s.Meta
	}
	for _, svc := range services {
		slices.Sort(svc.RootNames)
		resolveOwner(svc, catalogs, co, metaOf)
		inv.Services = append(inv.Services, svc)
	}
	slices.SortFunc(inv.Services, func(a, b *Service) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Key, b.Key))
	})
	return inv
}

func resolveOwner(svc *Service, catalogs map[string]*catalog, co *Codeowners, metaOf map[string]model.Meta) {
	// Backstage: the nearest catalog with a Component, own folder first.
	for dir := svc.Dir; ; dir = path.Dir(dir) {
		if cat := catalogs[dir]; cat != nil {
			if c := component(cat, path.Base(svc.Dir)); c != nil {
				if o := TeamID(c.Owner); o != "" && svc.Owner == "" {
					svc.Owner, svc.Owners = o, []string{o}
					svc.OwnerSource = fmt.Sprintf("catalog-info.yaml: %s (Component %s spec.owner)", cat.file, c.Name)
				}
				if p := EntityName(c.System); p != "" && svc.Product == "" {
					svc.Product = p
					svc.ProductSource = fmt.Sprintf("catalog-info.yaml: %s (Component %s spec.system)", cat.file, c.Name)
				}
				svc.Lifecycle = cmp.Or(svc.Lifecycle, c.Lifecycle)
			}
			for _, e := range cat.entities {
				if strings.EqualFold(e.Kind, "System") && dir != svc.Dir && svc.Product == "" && e.Name != "" {
					svc.Product = e.Name
					svc.ProductSource = fmt.Sprintf("catalog-info.yaml: %s (System %s)", cat.file, e.Name)
				}
			}
		}
		if dir == "." || dir == "/" {
			break
		}
	}
	if svc.Owner == "" {
		for _, f := range svc.SBOMs {
			if r := co.Match(f); r != nil {
				for _, o := range r.Owners {
					if id := TeamID(o); id != "" && !slices.Contains(svc.Owners, id) {
						svc.Owners = append(svc.Owners, id)
					}
				}
				if len(svc.Owners) > 0 {
					svc.Owner = svc.Owners[0]
					svc.OwnerSource = fmt.Sprintf("CODEOWNERS: %s:%d (%s)", co.File, r.Line, r.Pattern)
				} else {
					svc.OwnerSource = fmt.Sprintf("CODEOWNERS: %s:%d (%s) lists no owner", co.File, r.Line, r.Pattern)
				}
				break
			}
		}
	}
	if svc.Owner == "" {
		for _, f := range svc.SBOMs {
			if o, field := metaOwner(metaOf[f]); o != "" {
				svc.Owner, svc.Owners = o, []string{o}
				svc.OwnerSource = fmt.Sprintf("sbom: %s (%s)", f, field)
				break
			}
		}
	}
}

// metaOwner picks an owner from SBOM metadata: an owner property, then the
// supplier, the manufacturer, the first author.
func metaOwner(m model.Meta) (owner, field string) {
	for _, p := range m.Properties {
		n := strings.ToLower(p.Name)
		if (n == "owner" || strings.HasSuffix(n, ":owner")) && TeamID(p.Value) != "" {
			return TeamID(p.Value), "property " + p.Name
		}
	}
	if o := TeamID(m.Supplier); o != "" {
		return o, "supplier"
	}
	if o := TeamID(m.Manufacturer); o != "" {
		return o, "manufacturer"
	}
	for _, a := range m.Authors {
		if o := TeamID(a); o != "" {
			return o, "author"
		}
	}
	return "", ""
}

// component picks the Component entity of a catalog file: the one named like
// the folder, else the first.
func component(cat *catalog, dirName string) *Entity {
	if cat == nil {
		return nil
	}
	var first *Entity
	for i := range cat.entities {
		e := &cat.entities[i]
		if !strings.EqualFold(e.Kind, "Component") {
			continue
		}
		if e.Name == dirName {
			return e
		}
		if first == nil {
			first = e
		}
	}
	return first
}

func sameRoot(group []SBOM) bool {
	first := strings.ToLower(ShortName(group[0].RootName))
	for _, s := range group[1:] {
		if strings.ToLower(ShortName(s.RootName)) != first {
			return false
		}
	}
	return first != ""
}

// ShortName is a root component's name without its module path or scope:
// github.com/acme-corp/x, @acme/x and x are all x.
func ShortName(name string) string {
	name = strings.TrimRight(name, "/")
	if i := strings.LastIndexByte(name, '/'); i >= 0 {
		name = name[i+1:]
	}
	return name
}

// fileStem drops the directory and the SBOM extensions of a file name.
func fileStem(file string) string {
	base := path.Base(file)
	for {
		ext := path.Ext(base)
		switch strings.ToLower(ext) {
		case ".json", ".xml", ".spdx", ".cdx", ".bom", ".sbom", ".spdx3", ".gz", ".txt":
			base = strings.TrimSuffix(base, ext)
			continue
		}
		return base
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
