// Package inventory decides which service each SBOM belongs to, who owns that
// service and which product relies on it. Real landscapes keep that knowledge
// outside the SBOMs; sbomx reads it from several optional sources and says, for
// every owner and product, which file and rule gave it.
//
// Service identity, first rule that applies:
//  1. an inventory file row whose sbom glob matches the SBOM (its service);
//  2. a Backstage Component whose annotation sbomx.dev/sbom (a glob, relative
//     to the catalog file's folder) matches the SBOM, or the Component in a
//     catalog-info.yaml in the SBOM's own folder (its metadata.name);
//  3. the {service} segment of the configured layout;
//  4. the folder's name, when the folder holds one service's SBOMs: it is not
//     the root of the tree, no folder below it holds SBOMs, and it holds at
//     most two SBOMs or all of its SBOMs name the same root component (an
//     application SBOM and its container image's, say);
//  5. the SBOM's root component name, shortened to its last path element
//     (github.com/acme/x and @acme/x are both x), so generators' spellings do
//     not split one service in two;
//  6. the file name.
//
// Owner and product: the sources are consulted in precedence order (default
// inventory, backstage, leanix, layout, codeowners, sbom; .sbomx.yaml may
// reorder them) and the first that knows wins, separately for the owner and
// for the product. Nothing is guessed: unknown stays "".
package inventory

import (
	"cmp"
	"fmt"
	"path"
	"runtime"
	"slices"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/sbomx/sbomx/pkg/model"
)

// SBOM is what Resolve needs to know of one SBOM file.
type SBOM struct {
	Path string // slash-separated, relative to the tree's top
	// NamedAs, for a member of an archive ("dir/sboms.zip!svc/bom.json"),
	// is where it would be were the archive extracted in its own folder
	// ("dir/svc/bom.json"). Its service and owners are found from there:
	// folder, layout, catalogs, inventory globs and CODEOWNERS all match it.
	NamedAs   string
	RootName  string // the root component's name, without its group
	RootGroup string
	// RootDisplayName is the root as people read it, with its npm scope or
	// Maven group (@acme/web, com.acme:ledger), for Service.RootNames;
	// RootName when empty.
	RootDisplayName string
	Meta            model.Meta
}

// File is an ownership file's content.
type File struct {
	Name string // as the user named it (tree path, or a path given on the command line)
	Data []byte
}

// Input is everything Resolve reads.
type Input struct {
	SBOMs []SBOM
	// Files are ownership files found in the tree, by tree path
	// (see IsOwnershipFile).
	Files map[string][]byte
	// Inventories are inventory files (--inventory, .sbomx.yaml inventory).
	Inventories []File
	Config      Config
	// Display turns a path relative to the tree's top into the path
	// printed (Service.SBOMs, sources, warnings); nil prints it as it is.
	// Matching (CODEOWNERS, layouts, globs) always uses the tree's paths.
	Display func(string) string
}

// Service is one service and the SBOMs that describe it.
type Service struct {
	Key string // unique; two services may share a Name
	// ID tells services apart for people and scripts: the service's folder
	// as printed (the layout's service folder, or its first SBOM's), with
	// "#name" when the folder's name is not the service's ("tools#alpha",
	// "shop/web/dist#web-frontend"); the name alone for a service at the top.
	// Unique in an inventory.
	ID            string
	Name          string
	NameSource    string // "inventory", "catalog-info.yaml", "layout", "folder", "root component", "file name"
	Dir           string // folder of its (first) SBOM, relative to the tree's top
	Owner         string // primary owner, "" when unknown
	Owners        []string
	OwnerSource   string // which file and rule gave the owner
	Product       string
	ProductSource string
	Domain        string
	Lifecycle     string
	Contact       string
	SBOMs         []string // as printed (Input.Display)
	RootNames     []string // as the SBOMs write them, with scope or group
	// Claimed reports that an inventory row or a catalog entry names this
	// service (as opposed to a folder, layout or root-name guess).
	Claimed bool
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

// ServiceOf returns the service an SBOM file belongs to (by its Path in
// Input.SBOMs).
func (inv *Inventory) ServiceOf(file string) *Service { return inv.byFile[file] }

// IsOwnershipFile reports whether Resolve wants the content of a tree file.
func IsOwnershipFile(file string) bool {
	switch path.Base(file) {
	case "catalog-info.yaml", "catalog-info.yml", "leanix.yaml", "leanix.yml":
		return true
	}
	switch file {
	case "CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS", ConfigFile:
		return true
	}
	return false
}

type catalogEntity struct {
	Entity
	file string
	dir  string
	sbom []*globPattern // sbomx.dev/sbom annotation
}

type globPattern struct {
	text string
	re   interface{ MatchString(string) bool }
}

// ownerFact is what one source says about a service.
type ownerFact struct {
	owners         []string
	ownerWhere     string
	product        string
	productWhere   string
	domain, life   string
	contact        string
	noOwnerComment string // e.g. a CODEOWNERS rule that lists nobody
}

type resolver struct {
	in        Input
	inv       *Inventory
	rows      []Row
	entities  []*catalogEntity
	annotated []*catalogEntity // Components with an sbomx.dev/sbom annotation
	// systemInDir is the first System entity of each catalog folder.
	systemInDir map[string]*catalogEntity
	byDir       map[string][]*catalogEntity // Component entities by catalog folder
	byName      map[string]*catalogEntity   // Component entities by name
	systems     map[string]*catalogEntity
	groups      map[string]*catalogEntity
	leanix      map[string]*LeanIX // by folder
	co          *Codeowners
	rowsUsed    map[*Row]bool
	metaOf      map[string]model.Meta
	namedAs     map[string]string   // SBOM.NamedAs by Path, for archive members
	show        func(string) string // Input.Display, or the identity
}

// Resolve assigns every SBOM to a service and finds its owner and product.
func Resolve(in Input) *Inventory {
	r := &resolver{
		in:          in,
		inv:         &Inventory{byFile: map[string]*Service{}},
		byDir:       map[string][]*catalogEntity{},
		byName:      map[string]*catalogEntity{},
		systems:     map[string]*catalogEntity{},
		systemInDir: map[string]*catalogEntity{},
		groups:      map[string]*catalogEntity{},
		leanix:      map[string]*LeanIX{},
		rowsUsed:    map[*Row]bool{},
		metaOf:      map[string]model.Meta{},
		namedAs:     map[string]string{},
		show:        in.Display,
	}
	if r.show == nil {
		r.show = func(p string) string { return p }
	}
	r.readSources()
	services := r.identify()
	for _, svc := range services {
		slices.Sort(svc.RootNames)
		r.resolveOwner(svc)
		// Resolving matched the tree's paths; from here on they are shown.
		for i, f := range svc.SBOMs {
			svc.SBOMs[i] = r.show(f)
		}
		r.inv.Services = append(r.inv.Services, svc)
	}
	slices.SortFunc(r.inv.Services, func(a, b *Service) int {
		return cmp.Or(strings.Compare(a.Name, b.Name), strings.Compare(a.Key, b.Key))
	})
	for i := range r.rows {
		row := &r.rows[i]
		if !r.rowsUsed[row] {
			what := "sbom " + row.SBOM
			if row.SBOM == "" {
				what = "service " + row.Service
			}
			r.warn(Warning{File: row.File, Line: row.Line, Message: fmt.Sprintf("row names no SBOM in the tree (%s)", what)})
		}
	}
	slices.SortStableFunc(r.inv.Warnings, func(a, b Warning) int {
		return cmp.Or(strings.Compare(a.File, b.File), cmp.Compare(a.Line, b.Line))
	})
	return r.inv
}

func (r *resolver) warn(w Warning) { r.inv.Warnings = append(r.inv.Warnings, w) }

// parsedCatalog is one catalog file's entities and problems.
type parsedCatalog struct {
	entities []Entity
	errs     []error
}

// parseCatalogs parses the catalog files on every core: a landscape has one
// per service, and YAML parsing is the slowest part of resolving.
func parseCatalogs(files map[string][]byte) map[string]parsedCatalog {
	var names []string
	for name := range files {
		if strings.HasPrefix(path.Base(name), "catalog-info.") {
			names = append(names, name)
		}
	}
	out := make([]parsedCatalog, len(names))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), len(names)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := int(next.Add(1) - 1); i < len(names); i = int(next.Add(1) - 1) {
				out[i].entities, out[i].errs = ParseCatalog(files[names[i]])
			}
		}()
	}
	wg.Wait()
	m := make(map[string]parsedCatalog, len(names))
	for i, name := range names {
		m[name] = out[i]
	}
	return m
}

func (r *resolver) readSources() {
	parsed := parseCatalogs(r.in.Files)
	for _, name := range sortedKeys(r.in.Files) {
		base := path.Base(name)
		data := r.in.Files[name]
		switch {
		case strings.HasPrefix(base, "catalog-info."):
			ents, errs := parsed[name].entities, parsed[name].errs
			for _, err := range errs {
				r.warn(warningOf(r.show(name), err))
			}
			for _, e := range ents {
				ce := &catalogEntity{Entity: e, file: name, dir: path.Dir(name)}
				if ann := e.Annotations["sbomx.dev/sbom"]; ann != "" {
					for _, g := range strings.FieldsFunc(ann, func(r rune) bool { return r == ',' || r == '\n' }) {
						g = strings.TrimSpace(g)
						full := g
						if !strings.HasPrefix(g, "/") && ce.dir != "." {
							full = ce.dir + "/" + g
						}
						ce.sbom = append(ce.sbom, &globPattern{text: g, re: compilePattern("/" + strings.TrimPrefix(full, "/"))})
					}
				}
				r.entities = append(r.entities, ce)
				if len(ce.sbom) > 0 && strings.EqualFold(e.Kind, "component") {
					r.annotated = append(r.annotated, ce)
				}
				switch strings.ToLower(e.Kind) {
				case "component":
					r.byDir[ce.dir] = append(r.byDir[ce.dir], ce)
					if _, dup := r.byName[e.Name]; !dup && e.Name != "" {
						r.byName[e.Name] = ce
					}
				case "system":
					r.systems[e.Name] = ce
					if r.systemInDir[ce.dir] == nil && e.Name != "" {
						r.systemInDir[ce.dir] = ce
					}
				case "group":
					r.groups[e.Name] = ce
				}
			}
		case strings.HasPrefix(base, "leanix."):
			dir := path.Dir(name)
			l, err := ParseLeanIX(r.show(name), path.Base(dir), data)
			if err != nil {
				r.warn(warningOf(r.show(name), err))
				continue
			}
			r.leanix[dir] = l
		}
	}
	for _, name := range []string{".github/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"} {
		if data, ok := r.in.Files[name]; ok {
			var errs []error
			r.co, errs = ParseCodeowners(r.show(name), data)
			for _, err := range errs {
				r.warn(warningOf(r.show(name), err))
			}
			break
		}
	}
	for _, f := range r.in.Inventories {
		rows, errs := ParseInventory(f.Name, f.Data)
		for _, err := range errs {
			r.warn(warningOf(f.Name, err))
		}
		r.rows = append(r.rows, rows...)
	}
	for _, s := range r.in.SBOMs {
		r.metaOf[s.Path] = s.Meta
		if s.NamedAs != "" {
			r.namedAs[s.Path] = s.NamedAs
		}
	}
}

// at is the path an SBOM file is named and owned by (see SBOM.NamedAs).
func (r *resolver) at(file string) string {
	if n, ok := r.namedAs[file]; ok {
		return n
	}
	return file
}

// rowFor returns the inventory row that claims an SBOM by path glob.
func (r *resolver) rowFor(file string) *Row {
	file = r.at(file)
	for i := range r.rows {
		if r.rows[i].re != nil && r.rows[i].re.MatchString(file) {
			return &r.rows[i]
		}
	}
	return nil
}

// componentFor returns the Backstage Component that claims an SBOM: by
// annotation anywhere in the tree, else in the SBOM's own folder.
func (r *resolver) componentFor(file string) (*catalogEntity, string) {
	file = r.at(file)
	for _, e := range r.annotated {
		for _, g := range e.sbom {
			if g.re.MatchString(file) {
				return e, fmt.Sprintf("annotation sbomx.dev/sbom: %s", g.text)
			}
		}
	}
	dir := path.Dir(file)
	if dir == "." {
		return nil, ""
	}
	comps := r.byDir[dir]
	for _, c := range comps {
		if c.Name == path.Base(dir) {
			return c, "same folder"
		}
	}
	if len(comps) > 0 {
		return comps[0], "same folder"
	}
	return nil, ""
}

func (r *resolver) identify() []*Service {
	byDir := map[string][]SBOM{}
	for _, s := range r.in.SBOMs {
		dir := path.Dir(r.at(s.Path))
		byDir[dir] = append(byDir[dir], s)
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
	var order []string
	for _, dir := range sortedKeys(byDir) {
		group := byDir[dir]
		slices.SortFunc(group, func(a, b SBOM) int { return strings.Compare(a.Path, b.Path) })
		oneService := dir != "." && !hasSBOMBelow[dir] && (len(group) <= 2 || sameRoot(group))
		for _, s := range group {
			var key, name, source string
			folder := dir
			claimed := false
			_, layoutSvc, layoutDir, layoutOK := applyLayout(r.in.Config.Layout, dir)
			if row := r.rowFor(s.Path); row != nil && row.Service != "" {
				key, name, source, claimed = "name:"+row.Service, row.Service, "inventory", true
			} else if c, _ := r.componentFor(s.Path); c != nil && c.Name != "" {
				key, name, source, claimed = "name:"+c.Name, c.Name, "catalog-info.yaml", true
			} else if layoutOK && layoutSvc != "" {
				key, name, source, folder = "dir:"+layoutDir, layoutSvc, "layout", layoutDir
			} else if oneService {
				key, name, source = "dir:"+dir, path.Base(dir), "folder"
			} else if serviceRootName(s.RootName) != "" {
				name = ShortName(s.RootName)
				key, source = "root:"+dir+":"+strings.ToLower(name), "root component"
			} else {
				name = fileStem(r.at(s.Path))
				key, source = "file:"+s.Path, "file name"
			}
			svc := services[key]
			if svc == nil {
				svc = &Service{Key: key, ID: r.serviceID(folder, name), Name: name, NameSource: source, Dir: dir, Owners: []string{}}
				services[key] = svc
				order = append(order, key)
			}
			svc.Claimed = svc.Claimed || claimed
			svc.SBOMs = append(svc.SBOMs, s.Path)
			if root := cmp.Or(s.RootDisplayName, s.RootName); root != "" && !slices.Contains(svc.RootNames, root) {
				svc.RootNames = append(svc.RootNames, root)
			}
			r.inv.byFile[s.Path] = svc
		}
	}
	out := make([]*Service, 0, len(order))
	for _, k := range order {
		slices.Sort(services[k].SBOMs)
		out = append(out, services[k])
	}
	byKey := slices.Clone(out)
	slices.SortFunc(byKey, func(a, b *Service) int { return strings.Compare(a.Key, b.Key) })
	UniqueIDs(byKey)
	return out
}

// serviceID is the ID of a service named name whose folder (from the
// tree's top) is folder; see Service.ID.
func (r *resolver) serviceID(folder, name string) string {
	shown := r.show(folder)
	switch {
	case shown == ".":
		return name
	case path.Base(shown) == name:
		return shown
	}
	return shown + "#" + name
}

// UniqueIDs makes the services' IDs unique by numbering the later of two
// alike ("api~2"): two services named alike in one folder (one from an
// inventory row, one from the folder, say), or, across inventories, two
// single SBOM files of one folder read as two trees. Resolve calls it in
// key order, so that the numbers do not depend on map order.
func UniqueIDs(services []*Service) {
	seen := map[string]int{}
	for _, svc := range services {
		seen[svc.ID]++
		if n := seen[svc.ID]; n > 1 {
			svc.ID = fmt.Sprintf("%s~%d", svc.ID, n)
		}
	}
}

// facts gathers what each source says about a service, one source per
// function, each keyed by its Source* name; precedence picks among them
// later.
func (r *resolver) facts(svc *Service) map[string]*ownerFact {
	f := map[string]*ownerFact{}
	for src, fact := range map[string]*ownerFact{
		SourceInventory:  r.inventoryFact(svc),
		SourceBackstage:  r.backstageFact(svc),
		SourceLeanIX:     r.leanixFact(svc),
		SourceLayout:     r.layoutFact(svc),
		SourceCodeowners: r.codeownersFact(svc),
		SourceSBOM:       r.sbomFact(svc),
	} {
		if fact != nil {
			f[src] = fact
		}
	}
	return f
}

// inventoryFact: a row claiming one of the service's SBOMs, else a row
// naming it.
func (r *resolver) inventoryFact(svc *Service) *ownerFact {
	var fact *ownerFact
	for _, file := range svc.SBOMs {
		if row := r.rowFor(file); row != nil {
			r.rowsUsed[row] = true
			svc.Claimed = true
			if fact == nil {
				fact = r.rowFact(row)
			}
		}
	}
	for i := range r.rows {
		row := &r.rows[i]
		if row.re == nil && row.Service == svc.Name {
			r.rowsUsed[row] = true
			svc.Claimed = true
			if fact == nil {
				fact = r.rowFact(row)
			}
		}
	}
	return fact
}

// backstageFact: the Component claiming an SBOM, else one with the
// service's name, else the nearest ancestor folder's Component; failing
// all, a System in an ancestor catalog still names the product (the
// product's owner is not the service's, so it gives no owner).
func (r *resolver) backstageFact(svc *Service) *ownerFact {
	var comp *catalogEntity
	how := ""
	for _, file := range svc.SBOMs {
		if comp, how = r.componentFor(file); comp != nil {
			break
		}
	}
	if comp == nil {
		if c := r.byName[svc.Name]; c != nil {
			comp, how = c, "matched by name"
		}
	}
	if comp == nil {
		for dir := path.Dir(svc.Dir); ; dir = path.Dir(dir) {
			if cs := r.byDir[dir]; len(cs) > 0 {
				comp, how = cs[0], "ancestor folder"
				break
			}
			if dir == "." || dir == "/" {
				break
			}
		}
	}
	if comp != nil {
		svc.Claimed = svc.Claimed || how != "ancestor folder"
		return r.componentFact(comp, how)
	}
	for dir := path.Dir(svc.Dir); svc.Dir != "."; dir = path.Dir(dir) {
		if e := r.systemInDir[dir]; e != nil {
			return &ownerFact{
				product:      e.Name,
				productWhere: fmt.Sprintf("catalog-info.yaml: %s:%d (System %s in an ancestor folder)", r.show(e.file), e.Line, e.Name),
				domain:       EntityName(e.Domain),
			}
		}
		if dir == "." {
			break
		}
	}
	return nil
}

// leanixFact: leanix.yaml in the service's folder or the nearest ancestor.
func (r *resolver) leanixFact(svc *Service) *ownerFact {
	for dir := svc.Dir; ; dir = path.Dir(dir) {
		if l := r.leanix[dir]; l != nil {
			lf := &ownerFact{contact: l.Contact}
			if len(l.Teams) > 0 {
				lf.owners, lf.ownerWhere = l.Teams, fmt.Sprintf("leanix.yaml: %s (teams)", l.File)
			}
			if len(l.Applications) > 0 {
				lf.product, lf.productWhere = l.Applications[0], fmt.Sprintf("leanix.yaml: %s (applications)", l.File)
			}
			return lf
		}
		if dir == "." || dir == "/" {
			return nil
		}
	}
}

// layoutFact: the {product} segment of the configured layout.
func (r *resolver) layoutFact(svc *Service) *ownerFact {
	if p, _, _, ok := applyLayout(r.in.Config.Layout, svc.Dir); ok && p != "" {
		return &ownerFact{product: p, productWhere: fmt.Sprintf("layout: %s (%s)", cmp.Or(r.in.Config.LayoutFrom, r.in.Config.File, ConfigFile), r.in.Config.Layout)}
	}
	return nil
}

// codeownersFact: the CODEOWNERS rule for the first of the service's SBOM
// paths that one matches; a rule with no owner is recorded as such.
func (r *resolver) codeownersFact(svc *Service) *ownerFact {
	for _, file := range svc.SBOMs {
		if rule := r.co.Match(r.at(file)); rule != nil {
			cf := &ownerFact{}
			for _, o := range rule.Owners {
				if id := TeamID(o); id != "" && !slices.Contains(cf.owners, id) {
					cf.owners = append(cf.owners, id)
				}
			}
			where := fmt.Sprintf("CODEOWNERS: %s:%d (%s)", r.co.File, rule.Line, rule.Pattern)
			if len(cf.owners) > 0 {
				cf.ownerWhere = where
			} else {
				cf.noOwnerComment = where + " lists no owner"
			}
			return cf
		}
	}
	return nil
}

// sbomFact: an owner the SBOMs' own metadata names for their root.
func (r *resolver) sbomFact(svc *Service) *ownerFact {
	for _, file := range svc.SBOMs {
		if o, field := metaOwner(r.metaOf[file]); o != "" {
			return &ownerFact{owners: []string{o}, ownerWhere: fmt.Sprintf("sbom: %s (%s)", r.show(file), field)}
		}
	}
	return nil
}

func (r *resolver) rowFact(row *Row) *ownerFact {
	where := fmt.Sprintf("inventory: %s:%d", row.File, row.Line)
	f := &ownerFact{owners: row.Owners, product: row.Product, domain: row.Domain, contact: row.Contact}
	if len(row.Owners) > 0 {
		f.ownerWhere = where + " (owner)"
	}
	if row.Product != "" {
		f.productWhere = where + " (product)"
	}
	return f
}

func (r *resolver) componentFact(c *catalogEntity, how string) *ownerFact {
	f := &ownerFact{life: c.Lifecycle}
	at := fmt.Sprintf("%s:%d", r.show(c.file), c.Line)
	if o := TeamID(c.Owner); o != "" {
		f.owners = []string{o}
		f.ownerWhere = fmt.Sprintf("catalog-info.yaml: %s (Component %s spec.owner; %s)", at, c.Name, how)
	}
	if sys := EntityName(c.System); sys != "" {
		f.product = sys
		f.productWhere = fmt.Sprintf("catalog-info.yaml: %s (Component %s spec.system; %s)", at, c.Name, how)
		if s := r.systems[sys]; s != nil {
			f.domain = EntityName(s.Domain)
			if len(f.owners) == 0 {
				if o := TeamID(s.Owner); o != "" {
					f.owners = []string{o}
					f.ownerWhere = fmt.Sprintf("catalog-info.yaml: %s:%d (System %s spec.owner)", r.show(s.file), s.Line, s.Name)
				}
			}
		}
	}
	if len(f.owners) > 0 {
		if g := r.groups[f.owners[0]]; g != nil {
			f.contact = g.Email
		}
	}
	return f
}

func (r *resolver) resolveOwner(svc *Service) {
	facts := r.facts(svc)
	order := r.in.Config.precedence()
	for _, src := range order {
		f := facts[src]
		if f == nil {
			continue
		}
		if svc.Owner == "" && len(f.owners) > 0 {
			svc.Owner, svc.Owners, svc.OwnerSource = f.owners[0], f.owners, f.ownerWhere
			svc.Contact = cmp.Or(f.contact, svc.Contact)
		}
		if svc.Product == "" && f.product != "" {
			svc.Product, svc.ProductSource = f.product, f.productWhere
			svc.Domain = cmp.Or(svc.Domain, f.domain)
		}
		if svc.OwnerSource == "" && f.noOwnerComment != "" {
			svc.OwnerSource = f.noOwnerComment
		}
		svc.Lifecycle = cmp.Or(svc.Lifecycle, f.life)
		svc.Domain = cmp.Or(svc.Domain, f.domain)
		svc.Contact = cmp.Or(svc.Contact, f.contact)
	}
	if svc.Owner == "" && strings.HasSuffix(svc.OwnerSource, "lists no owner") {
		return
	}
	if svc.Owner == "" {
		svc.OwnerSource = ""
	}
}

// metaOwner picks an owner from SBOM metadata: an owner property, then the
// described component's supplier, manufacturer, first author. field names
// where it was written. The decoders leave out what names the SBOM's own
// authors and tools (see model.Meta).
func metaOwner(m model.Meta) (owner, field string) {
	for _, p := range m.Properties {
		n := strings.ToLower(p.Name)
		if (n == "owner" || strings.HasSuffix(n, ":owner")) && TeamID(p.Value) != "" {
			return TeamID(p.Value), cmp.Or(p.Field, "property") + " " + p.Name
		}
	}
	for _, p := range append([]model.Party{m.Supplier, m.Manufacturer}, m.Authors...) {
		if o := TeamID(p.Name); o != "" {
			return o, p.Field
		}
	}
	return "", ""
}

func sameRoot(group []SBOM) bool {
	first := strings.ToLower(ShortName(serviceRootName(group[0].RootName)))
	for _, s := range group[1:] {
		if strings.ToLower(ShortName(serviceRootName(s.RootName))) != first {
			return false
		}
	}
	return first != ""
}

// serviceRootName is a root component's name when it can name a service: a
// directory scan's "." (syft writes the scanned path), ".." or "/" names
// none, and would merge unrelated projects into one service.
func serviceRootName(name string) string {
	switch strings.TrimSpace(name) {
	case "", ".", "..", "/", "./":
		return ""
	}
	return name
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
		case ".json", ".xml", ".spdx", ".cdx", ".bom", ".sbom", ".spdx3", ".gz", ".txt", ".yaml", ".yml", ".jsonld",
			".syft", ".trivy", ".rdf", ".tv", ".bz2", ".xz", ".zst", ".cyclonedx":
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
