package inventory_test

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/inventory"
	"github.com/sbomx/sbomx/internal/support/repotest"
)

type expectedService struct {
	Service     string   `json:"service"`
	Product     string   `json:"product"`
	Owner       string   `json:"owner"`
	OwnerSource string   `json:"owner_source"`
	SBOMs       []string `json:"sboms"`
}

// TestResolveLandscape resolves the example landscape from its folders,
// catalog-info.yaml files and CODEOWNERS alone (no SBOM metadata, no root
// names), and checks the owners against the expected inventory, except for
// services whose owner comes from SBOM metadata (those must get no owner here).
func TestResolveLandscape(t *testing.T) {
	landscapeDir := repotest.Testdata(t, "landscape")
	landscapeExpected := repotest.Shared(t, "landscape-expected/services.json")
	raw, err := os.ReadFile(landscapeExpected)
	if err != nil {
		t.Fatal(err)
	}
	var expected struct {
		Services []expectedService `json:"services"`
	}
	if err := json.Unmarshal(raw, &expected); err != nil {
		t.Fatalf("%s: %v", landscapeExpected, err)
	}

	var sboms []inventory.SBOM
	files := map[string][]byte{}
	err = filepath.WalkDir(landscapeDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(landscapeDir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if d.IsDir() {
			if strings.HasPrefix(d.Name(), ".") && rel != "." {
				return filepath.SkipDir
			}
			return nil
		}
		switch {
		case inventory.IsOwnershipFile(rel):
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			files[rel] = data
		case strings.HasSuffix(rel, ".cdx.json"), strings.HasSuffix(rel, ".cdx.xml"), strings.HasSuffix(rel, ".spdx.json"):
			sboms = append(sboms, inventory.SBOM{Path: rel})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	inv := inventory.Resolve(inventory.Input{SBOMs: sboms, Files: files})
	for _, w := range inv.Warnings {
		t.Errorf("warning: %+v", w)
	}
	if got, want := len(inv.Services), 41; got != want {
		t.Errorf("got %d services, want %d", got, want)
	}
	if got, want := len(inv.Services), len(expected.Services); got != want {
		t.Errorf("got %d services, expected file lists %d", got, want)
	}

	byName := map[string]*inventory.Service{}
	for _, svc := range inv.Services {
		if byName[svc.Name] != nil {
			t.Errorf("two services named %q", svc.Name)
		}
		byName[svc.Name] = svc
	}
	for _, exp := range expected.Services {
		t.Run(exp.Service, func(t *testing.T) {
			svc := byName[exp.Service]
			if svc == nil {
				t.Fatalf("no service %q", exp.Service)
			}
			wantSBOMs := append([]string(nil), exp.SBOMs...)
			sort.Strings(wantSBOMs)
			if diff := cmp.Diff(wantSBOMs, svc.SBOMs); diff != "" {
				t.Errorf("SBOMs mismatch (-want +got):\n%s", diff)
			}
			// Where the service has a catalog, its spec.system is the product.
			if _, ok := files[svc.Dir+"/catalog-info.yaml"]; ok && svc.Product != exp.Product {
				t.Errorf("Product = %q (%s), want %q", svc.Product, svc.ProductSource, exp.Product)
			}
			if exp.OwnerSource == "sbom" {
				// The owner is in SBOM metadata, which this test does not
				// have; no catalog or CODEOWNERS rule may claim the service.
				if svc.Owner != "" {
					t.Errorf("Owner = %q (%s), want none without SBOM metadata", svc.Owner, svc.OwnerSource)
				}
				t.Skipf("owner %q comes from SBOM metadata", exp.Owner)
			}
			if svc.Owner != exp.Owner {
				t.Errorf("Owner = %q (%s), want %q (%s)", svc.Owner, svc.OwnerSource, exp.Owner, exp.OwnerSource)
			}
			// OwnerSource is "<source>: <file> (...)"; the expected file
			// names only the source.
			gotSource, _, _ := strings.Cut(svc.OwnerSource, ":")
			if exp.Owner == "" {
				gotSource = ""
			}
			if gotSource != exp.OwnerSource {
				t.Errorf("OwnerSource = %q, want source %q", svc.OwnerSource, exp.OwnerSource)
			}
		})
	}
}
