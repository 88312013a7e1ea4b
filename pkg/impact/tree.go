package impact

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"slices"

	"github.com/sbomx/sbomx/pkg/corpus"
	"github.com/sbomx/sbomx/pkg/inventory"
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
}

// Tree is a loaded tree: every file, and the services they make up.
type Tree struct {
	Corpus    *corpus.Corpus
	Inventory *inventory.Inventory
	Config    inventory.Config
	// Warnings are problems with the configuration and ownership files.
	Warnings []FileNote
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
			t.Warnings = append(t.Warnings, FileNote{File: inventory.ConfigFile, Message: err.Error() + " (configuration ignored)"})
			cfg = inventory.Config{}
		}
		t.Config = cfg
	} else if !errors.Is(err, fs.ErrNotExist) {
		t.Warnings = append(t.Warnings, FileNote{File: inventory.ConfigFile, Message: err.Error()})
	}
	listed := map[string]bool{}
	for _, f := range t.Config.Inventory {
		listed[path.Clean(f)] = true
	}
	corp, err := corpus.Load(ctx, fsys, corpus.Options{
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

	in := inventory.Input{Files: map[string][]byte{}, Config: t.Config, Inventories: slices.Clone(opt.Inventories)}
	found := map[string]bool{}
	for _, f := range corp.Files {
		switch {
		case f.SBOM != nil:
			in.SBOMs = append(in.SBOMs, inventory.SBOM{Path: f.Path, RootName: f.SBOM.RootName, RootGroup: f.SBOM.RootGroup, Meta: f.SBOM.Meta})
		case f.Data != nil && listed[f.Path]:
			in.Inventories = append(in.Inventories, inventory.File{Name: f.Path, Data: f.Data})
			found[f.Path] = true
		case f.Data != nil:
			in.Files[f.Path] = f.Data
		}
	}
	for _, f := range t.Config.Inventory {
		if !found[path.Clean(f)] {
			t.Warnings = append(t.Warnings, FileNote{File: cmpOr(t.Config.File, inventory.ConfigFile), Message: fmt.Sprintf("inventory file %s not found in the tree", f)})
		}
	}
	t.Inventory = inventory.Resolve(in)
	for _, w := range t.Inventory.Warnings {
		t.Warnings = append(t.Warnings, FileNote(w))
	}
	return t, nil
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}
