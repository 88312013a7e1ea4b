package impact

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"

	"github.com/sbomx/sbomx/pkg/corpus"
	"github.com/sbomx/sbomx/pkg/decode"
	"github.com/sbomx/sbomx/pkg/inventory"
	"github.com/sbomx/sbomx/pkg/query"
)

// TreeOptions say how to read a tree of SBOMs and ownership files.
type TreeOptions struct {
	Workers int
	// Hidden also searches directories whose name starts with ".".
	Hidden bool
	// Config replaces the tree's own .sbomx.yaml when set (--config).
	Config *inventory.Config
	// Inventories are inventory files given on the command line.
	Inventories []inventory.File
	// MaxFileSize caps each file read (and each gzip file's expansion);
	// 0 means corpus.DefaultMaxFileSize.
	MaxFileSize int64
	// Prefilter rules SBOMs out by their bytes (see query.Prefilter).
	Prefilter *query.Prefilter
	// Progress, when set, counts files as they are read.
	Progress *corpus.Progress
	// SkipHashes lets decoders leave hashes out: no query needs them.
	SkipHashes bool
}

// Tree is a loaded tree: every file, and the services they make up.
type Tree struct {
	Corpus    *corpus.Corpus
	Inventory *inventory.Inventory
	Config    inventory.Config
	// Warnings are problems with the configuration and ownership files.
	Warnings       []FileNote
	configWarnings []FileNote
	listed         map[string]bool // inventory files named by the configuration
}

// LoadTree reads the configuration, walks the tree (calling visit for each
// SBOM, concurrently) and resolves services and owners.
func LoadTree(ctx context.Context, fsys fs.FS, opt TreeOptions, visit corpus.Visitor) (*Tree, error) {
	t := &Tree{}
	if opt.Config != nil {
		t.Config = *opt.Config
	} else if data, err := fs.ReadFile(fsys, inventory.ConfigFile); err == nil {
		cfg, err := inventory.ParseConfig(inventory.ConfigFile, data)
		if err != nil {
			t.configWarnings = append(t.configWarnings, FileNote{File: inventory.ConfigFile, Message: err.Error() + " (configuration ignored)"})
			cfg = inventory.Config{}
		}
		t.Config = cfg
	} else if !errors.Is(err, fs.ErrNotExist) {
		t.configWarnings = append(t.configWarnings, FileNote{File: inventory.ConfigFile, Message: err.Error()})
	}
	for _, w := range t.Config.Warnings {
		t.configWarnings = append(t.configWarnings, FileNote(w))
	}
	listed := map[string]bool{}
	for _, f := range t.Config.Inventory {
		listed[path.Clean(f)] = true
	}
	t.listed = listed
	var prefilter func([]byte) bool
	if opt.Prefilter != nil {
		prefilter = opt.Prefilter.MayMatch
	}
	corp, err := corpus.Load(ctx, fsys, corpus.Options{
		Prefilter:   prefilter,
		Progress:    opt.Progress,
		Decode:      decode.Options{SkipHashes: opt.SkipHashes},
		Workers:     opt.Workers,
		Hidden:      opt.Hidden,
		MaxFileSize: opt.MaxFileSize,
		Keep:        func(f string) bool { return inventory.IsOwnershipFile(f) || listed[f] },
		Visit:       visit,
	})
	if err != nil {
		return nil, err
	}
	t.Corpus = corp
	t.resolve(opt)
	return t, nil
}

// resolve (re)computes the services from the loaded files.
func (t *Tree) resolve(opt TreeOptions) {
	corp := t.Corpus
	in := inventory.Input{Files: map[string][]byte{}, Config: t.Config, Inventories: slices.Clone(opt.Inventories)}
	found := map[string]bool{}
	for _, f := range corp.Files {
		switch {
		case f.SBOM != nil:
			in.SBOMs = append(in.SBOMs, inventory.SBOM{Path: f.Path, RootName: f.SBOM.RootName, RootGroup: f.SBOM.RootGroup, Meta: f.SBOM.Meta})
		case f.Data != nil && t.listed[f.Path]:
			in.Inventories = append(in.Inventories, inventory.File{Name: f.Path, Data: f.Data})
			found[f.Path] = true
		case f.Data != nil:
			in.Files[f.Path] = f.Data
		}
	}
	t.Inventory = inventory.Resolve(in)
	t.Warnings = slices.Clone(t.configWarnings)
	for _, f := range t.Config.Inventory {
		if !found[path.Clean(f)] {
			t.Warnings = append(t.Warnings, FileNote{File: cmpOr(t.Config.File, inventory.ConfigFile), Message: fmt.Sprintf("inventory file %s not found in the tree", f)})
		}
	}
	for _, w := range t.Inventory.Warnings {
		t.Warnings = append(t.Warnings, FileNote(w))
	}
}

// ReloadHitServices decodes, without the prefilter, every prefiltered SBOM
// that belongs to a service with a hit (hit reports whether a file's visit
// found something), and resolves the services again: their owner may come
// from any of their SBOMs' metadata. It returns whether anything was reloaded.
func (t *Tree) ReloadHitServices(ctx context.Context, opt TreeOptions, hit func(corpus.File) bool) (bool, error) {
	hitServices := map[string]bool{}
	for _, f := range t.Corpus.Files {
		if f.SBOM != nil && hit(f) {
			hitServices[t.Inventory.ServiceOf(f.Path).Key] = true
		}
	}
	var idx []int
	for i, f := range t.Corpus.Files {
		if f.SBOM != nil && f.SBOM.Prefiltered && hitServices[t.Inventory.ServiceOf(f.Path).Key] {
			idx = append(idx, i)
		}
	}
	if len(idx) == 0 {
		return false, nil
	}
	if err := t.Corpus.Reload(ctx, idx); err != nil {
		return false, err
	}
	t.resolve(opt)
	return true, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
