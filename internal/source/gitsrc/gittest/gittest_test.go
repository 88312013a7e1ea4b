package gittest_test

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/filemode"

	"github.com/sbomx/sbomx/internal/source/gitsrc/gittest"
)

func TestCopyDirAndCheckout(t *testing.T) {
	src := t.TempDir()
	for p, content := range map[string]string{"a/sbom.json": "{}", "b/c/bom.xml": "<bom/>", ".git/HEAD": "x"} {
		full := filepath.Join(src, filepath.FromSlash(p))
		if err := os.MkdirAll(filepath.Dir(full), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(full, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	os.WriteFile(filepath.Join(src, "run.sh"), []byte("#!/bin/sh\n"), 0o755)
	os.Symlink("a/sbom.json", filepath.Join(src, "link"))

	g := gittest.Init(t, false)
	g.CopyDir(src, "land")
	one := g.Commit("one", gittest.Date(t, "2022-01-01"))
	g.Checkout("side")
	g.Remove("land/a")
	g.Commit("two", gittest.Date(t, "2022-01-02"))
	g.Checkout("main")
	files := g.Files()
	want := map[string]filemode.FileMode{"land/a/sbom.json": filemode.Regular, "land/b/c/bom.xml": filemode.Regular,
		"land/run.sh": filemode.Executable, "land/link": filemode.Symlink}
	if len(files) != len(want) {
		t.Fatalf("files %v", files)
	}
	for p, m := range want {
		if files[p].Mode != m {
			t.Errorf("%s: mode %v, want %v", p, files[p].Mode, m)
		}
	}
	if string(files["land/link"].Data) != "a/sbom.json" || g.Ref("main").String() != one || g.Branch() != "main" {
		t.Errorf("link %q, main %s", files["land/link"].Data, g.Ref("main"))
	}
	g.SyncWorktree()
	if b, err := os.ReadFile(filepath.Join(g.Dir, "land/b/c/bom.xml")); err != nil || string(b) != "<bom/>" {
		t.Errorf("worktree: %q, %v", b, err)
	}
}
