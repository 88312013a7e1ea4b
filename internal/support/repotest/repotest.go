// Package repotest finds the data tests read: the repository's testdata
// and, beside the repository, ../shared (the corpus and landscape the
// project is checked against). A test that needs such data fails when it
// is missing; only -short or SBOMX_SKIP_SHARED=1 (for ../shared alone)
// turns that into a skip, so a checkout that lost its data never passes
// by testing nothing.
package repotest

import (
	"os"
	"path/filepath"
	"testing"
)

// Root is the module's root: the nearest folder above the working
// directory holding go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		up := filepath.Dir(dir)
		if up == dir {
			t.Fatal("repotest: no go.mod above the working directory")
		}
		dir = up
	}
}

// Testdata is the path of testdata/<rel> (slash-separated) in the
// repository; the test fails when it does not exist.
func Testdata(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(Root(t), "testdata", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		t.Fatalf("testdata missing: %v", err)
	}
	return p
}

// Shared is the path of ../shared/<rel> beside the repository. When it is
// missing the test fails, unless it runs with -short or with
// SBOMX_SKIP_SHARED=1, where it is skipped.
func Shared(t testing.TB, rel string) string {
	t.Helper()
	p := filepath.Join(filepath.Dir(Root(t)), "shared", filepath.FromSlash(rel))
	if _, err := os.Stat(p); err != nil {
		if testing.Short() || os.Getenv("SBOMX_SKIP_SHARED") == "1" {
			t.Skipf("../shared missing (-short or SBOMX_SKIP_SHARED): %v", err)
		}
		t.Fatalf("../shared missing (set SBOMX_SKIP_SHARED=1 to skip): %v", err)
	}
	return p
}
