package answers

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"iter"
	"maps"
	"path"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/internal/decode"
	"github.com/sbomx/sbomx/internal/graph"
	"github.com/sbomx/sbomx/internal/inventory"
	"github.com/sbomx/sbomx/internal/source"
	"github.com/sbomx/sbomx/pkg/model"
	"github.com/sbomx/sbomx/pkg/query"
)

// TreeOptions say how to read a tree of SBOMs and ownership files.
type TreeOptions struct {
	Workers int
	// Hidden also searches directories whose name starts with ".".
	Hidden bool
	// Config replaces the tree's own .sbomx.yaml when set (--config).
	Config *inventory.Config
	// Layout, when set, replaces the configuration's layout (--layout).
	Layout string
	// Inventories are inventory files given on the command line.
	Inventories []inventory.File
	// MaxFileSize caps each file read (and each compressed file's or
	// archive member's expansion); 0 means source.DefaultMaxFileSize.
	MaxFileSize int64
	// Prefilter rules SBOMs out by their bytes (see query.Prefilter).
	Prefilter *query.Prefilter
	// Progress, when set, counts files as they are read.
	Progress *source.Progress
	// SkipHashes lets decoders leave hashes out: no query needs them.
	SkipHashes bool
	// Cache, when set, serves the files of trees with blob hashes (git
	// commits) that were read before in another tree, unread (see
	// source.Cache). One cache serves one answer's visitor.
	Cache *source.Cache
}

// Root is one directory to read (a --dir). Its ownership files are found
// the way git finds its configuration: from the top of the repository it
// is in, which may be above it, so that a product's folder gives the same
// owners and products as the whole landscape does.
type Root struct {
	// FS is the repository's top: the nearest folder, from the directory
	// up, that holds .git or .sbomx.yaml (the caller finds it); the
	// directory itself when there is none. .sbomx.yaml, CODEOWNERS and the
	// inventory files it lists are read there; CODEOWNERS patterns, layouts
	// and inventory globs match paths relative to it.
	FS fs.FS
	// Dir is the directory to walk, slash-separated, relative to FS; "" or
	// "." is the top itself. Catalog and leanix files of the folders
	// between the top and Dir are read too.
	Dir string
	// Name is the directory as the user gave it, for messages.
	Name string
	// Prefix goes before every path printed (the directory as given, when
	// several are read); "" prints paths relative to Dir.
	Prefix string
	// Revision is the commit whose tree FS is, when it is one (--at): the
	// coverage names it.
	Revision *Revision
}

// Tree is a loaded tree: every file of every root, and the services they
// make up.
type Tree struct {
	Parts []*Part
}

// Part is one root of a tree, loaded. Its services are resolved on their
// own: two roots never share a service, even when names agree.
type Part struct {
	Root      Root
	Corpus    *source.Corpus
	Inventory *inventory.Inventory
	Config    inventory.Config
	// Above are the ownership and configuration files read above Dir, by
	// path relative to the top.
	Above map[string][]byte
	// Warnings are problems with the configuration and ownership files.
	Warnings       []FileNote
	configWarnings []FileNote
	listed         map[string]bool // inventory files named by the configuration, from the top
}

// LoadTree reads each root's configuration, walks it (calling visit for
// each SBOM, concurrently, with the SBOM's path as printed) and resolves
// its services and owners.
func LoadTree(ctx context.Context, roots []Root, opt TreeOptions, visit Visitor) (*Tree, error) {
	t := &Tree{}
	for _, r := range roots {
		p, err := loadPart(ctx, r, opt, visit)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.Name, err)
		}
		t.Parts = append(t.Parts, p)
	}
	t.uniqueIDs()
	return t, nil
}

// uniqueIDs keeps service IDs unique across roots, whose services are
// resolved apart: results are keyed by ID, and two roots' services must
// never merge.
func (t *Tree) uniqueIDs() {
	var all []*inventory.Service
	for _, p := range t.Parts {
		all = append(all, p.Inventory.Services...)
	}
	inventory.UniqueIDs(all)
}

func loadPart(ctx context.Context, r Root, opt TreeOptions, visit Visitor) (*Part, error) {
	if r.Dir == "" {
		r.Dir = "."
	}
	p := &Part{Root: r, Above: map[string][]byte{}}
	p.readConfig(opt)
	p.listed = map[string]bool{}
	for _, f := range p.Config.Inventory {
		p.listed[path.Clean(f)] = true
	}
	walked := r.FS
	if r.Dir != "." {
		sub, err := source.Sub(r.FS, r.Dir)
		if err != nil {
			return nil, err
		}
		walked = sub
	}
	rd := &reader{decode: decode.Options{SkipHashes: opt.SkipHashes}}
	if opt.Prefilter != nil {
		rd.prefilter = opt.Prefilter.MayMatch
	}
	if visit != nil {
		rd.visit = func(file string, doc *model.Document, g *graph.Graph) any { return visit(r.shown(file), doc, g) }
	}
	corp, err := source.Load(ctx, walked, source.Options{
		Read:        rd.read,
		Prefilter:   rd.prefilter != nil,
		Progress:    opt.Progress,
		Workers:     opt.Workers,
		Hidden:      opt.Hidden,
		MaxFileSize: opt.MaxFileSize,
		Cache:       opt.Cache,
		Keep: func(f string) bool {
			tp := r.treePath(f)
			return inventory.IsOwnershipFile(tp) || p.listed[tp]
		},
	})
	if err != nil {
		return nil, err
	}
	p.Corpus = corp
	p.readAbove()
	p.resolve(opt)
	return p, nil
}

// readConfig reads the top's .sbomx.yaml, or takes --config's, and applies
// --layout.
func (p *Part) readConfig(opt TreeOptions) {
	file := p.Root.show(inventory.ConfigFile)
	if opt.Config != nil {
		p.Config = *opt.Config
	} else if data, err := fs.ReadFile(p.Root.FS, inventory.ConfigFile); err == nil {
		if !p.Root.walks(inventory.ConfigFile) {
			p.Above[inventory.ConfigFile] = data
		}
		cfg, err := inventory.ParseConfig(file, data)
		if err != nil {
			p.configWarnings = append(p.configWarnings, FileNote{File: file, Message: err.Error() + " (configuration ignored)"})
			cfg = inventory.Config{File: file}
		}
		p.Config = cfg
	} else if !errors.Is(err, fs.ErrNotExist) {
		p.configWarnings = append(p.configWarnings, FileNote{File: file, Message: err.Error()})
	}
	for _, w := range p.Config.Warnings {
		p.configWarnings = append(p.configWarnings, FileNote(w))
	}
	if opt.Layout != "" {
		p.Config.Layout, p.Config.LayoutFrom = opt.Layout, "--layout"
	}
}

// readAbove reads the ownership files that lie between the top and Dir,
// which the walk does not see: CODEOWNERS (at the top, .github/, docs/), the
// inventory files the configuration lists, and the catalog and leanix
// files of Dir's ancestor folders. Nothing above the top is read.
func (p *Part) readAbove() {
	r := p.Root
	if r.Dir == "." {
		return
	}
	names := p.aboveNames()
	for _, name := range names {
		if r.walks(name) {
			continue
		}
		data, err := fs.ReadFile(r.FS, name)
		switch {
		case err == nil:
			p.Above[name] = data
		case !errors.Is(err, fs.ErrNotExist):
			p.configWarnings = append(p.configWarnings, FileNote{File: r.show(name), Message: err.Error()})
		}
	}
}

// aboveNames are the files readAbove looks for, relative to the top.
func (p *Part) aboveNames() []string {
	names := []string{"CODEOWNERS", ".github/CODEOWNERS", "docs/CODEOWNERS"}
	for _, f := range p.Config.Inventory {
		names = append(names, path.Clean(f))
	}
	for dir := path.Dir(cmp.Or(p.Root.Dir, ".")); ; dir = path.Dir(dir) {
		for _, base := range []string{"catalog-info.yaml", "catalog-info.yml", "leanix.yaml", "leanix.yml"} {
			names = append(names, path.Join(dir, base))
		}
		if dir == "." {
			break
		}
	}
	return names
}

// resolve (re)computes the services from the loaded files.
func (p *Part) resolve(opt TreeOptions) {
	r := p.Root
	in := inventory.Input{Files: map[string][]byte{}, Config: p.Config, Inventories: slices.Clone(opt.Inventories), Display: r.show}
	found := map[string]bool{}
	addFile := func(tp string, data []byte) {
		if p.listed[tp] {
			in.Inventories = append(in.Inventories, inventory.File{Name: r.show(tp), Data: data})
			found[tp] = true
			return
		}
		in.Files[tp] = data
	}
	for _, tp := range slices.Sorted(maps.Keys(p.Above)) {
		addFile(tp, p.Above[tp])
	}
	for _, f := range p.Corpus.Files {
		switch {
		case f.SBOM != nil:
			s := inventory.SBOM{Path: r.treePath(f.Path), RootName: f.SBOM.RootName, RootGroup: f.SBOM.RootGroup, RootDisplayName: f.SBOM.RootDisplayName, Meta: f.SBOM.Meta}
			if f.NamedAs != "" {
				s.NamedAs = r.treePath(f.NamedAs)
			}
			in.SBOMs = append(in.SBOMs, s)
		case f.Data != nil:
			addFile(r.treePath(f.Path), f.Data)
		}
	}
	p.Inventory = inventory.Resolve(in)
	p.Warnings = slices.Clone(p.configWarnings)
	for _, f := range p.Config.Inventory {
		if !found[path.Clean(f)] {
			p.Warnings = append(p.Warnings, FileNote{File: cmp.Or(p.Config.File, r.show(inventory.ConfigFile)), Message: fmt.Sprintf("inventory file %s not found in the tree", f)})
		}
	}
	for _, w := range p.Inventory.Warnings {
		p.Warnings = append(p.Warnings, FileNote(w))
	}
}

// Files yields every file of every root's walk, with its part.
func (t *Tree) Files() iter.Seq2[*Part, *source.File] {
	return func(yield func(*Part, *source.File) bool) {
		for _, p := range t.Parts {
			for i := range p.Corpus.Files {
				if !yield(p, &p.Corpus.Files[i]) {
					return
				}
			}
		}
	}
}

// ServiceOf returns the service a file of the walk belongs to.
func (p *Part) ServiceOf(f *source.File) *inventory.Service {
	return p.Inventory.ServiceOf(p.Root.treePath(f.Path))
}

// Shown is the path printed for a file of the walk.
func (p *Part) Shown(f *source.File) string { return p.Root.shown(f.Path) }

// ReloadHitServices decodes, without the prefilter, every prefiltered SBOM
// that belongs to a service with a hit (hit reports whether a file's visit
// found something), and resolves the services again: their owner may come
// from any of their SBOMs' metadata.
func (t *Tree) ReloadHitServices(ctx context.Context, opt TreeOptions, hit func(source.File) bool) error {
	for _, p := range t.Parts {
		if err := p.reloadHitServices(ctx, opt, hit); err != nil {
			return fmt.Errorf("%s: %w", p.Root.Name, err)
		}
	}
	t.uniqueIDs()
	return nil
}

func (p *Part) reloadHitServices(ctx context.Context, opt TreeOptions, hit func(source.File) bool) error {
	hitServices := map[string]bool{}
	for i := range p.Corpus.Files {
		if f := &p.Corpus.Files[i]; f.SBOM != nil && hit(*f) {
			hitServices[p.ServiceOf(f).Key] = true
		}
	}
	var idx []int
	for i := range p.Corpus.Files {
		if f := &p.Corpus.Files[i]; f.SBOM != nil && f.SBOM.Prefiltered && hitServices[p.ServiceOf(f).Key] {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return nil
	}
	if err := p.Corpus.Reload(ctx, idx); err != nil {
		return err
	}
	p.resolve(opt)
	return nil
}

// treePath is a walked file's path relative to the top.
func (r Root) treePath(walked string) string {
	if r.Dir == "." {
		return walked
	}
	return r.Dir + "/" + walked
}

// walks reports whether a path relative to the top is under Dir, where the
// walk finds it.
func (r Root) walks(treePath string) bool {
	return r.Dir == "." || strings.HasPrefix(treePath, r.Dir+"/")
}

// shown is the path printed for a walked file: relative to Dir, after the
// prefix. A folder's trailing "/" is kept.
func (r Root) shown(walked string) string {
	if r.Prefix == "" {
		return walked
	}
	p := path.Join(r.Prefix, walked)
	if strings.HasSuffix(walked, "/") {
		p += "/"
	}
	return p
}

// show is the path printed for any path relative to the top: files above
// Dir get "../" as a shell would print them from Dir.
func (r Root) show(treePath string) string {
	return r.shown(relSlash(r.Dir, treePath))
}

// relSlash is target relative to base, both slash-separated and relative
// to the same folder: relSlash("a/b", "a/c/f") is "../c/f".
func relSlash(base, target string) string {
	if base == "." || base == "" {
		return target
	}
	if target == base {
		return "."
	}
	if strings.HasPrefix(target, base+"/") {
		return target[len(base)+1:]
	}
	bs := strings.Split(base, "/")
	var ts []string
	if target != "." {
		ts = strings.Split(target, "/")
	}
	i := 0
	for i < len(bs) && i < len(ts) && bs[i] == ts[i] {
		i++
	}
	up := strings.Repeat("../", len(bs)-i)
	if i == len(ts) {
		return strings.TrimSuffix(up, "/")
	}
	return up + strings.Join(ts[i:], "/")
}
