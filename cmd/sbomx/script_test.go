package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/sbomx/sbomx/pkg/cli"
)

var update = flag.Bool("update", false, "rewrite the cmp targets of testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"sbomx": func() { os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv)) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script. $LANDSCAPE is the
// example landscape and $CORPUS the test corpus, both in the repository.
func TestScript(t *testing.T) {
	root, err := filepath.Abs("../../testdata")
	if err != nil {
		t.Fatal(err)
	}
	testscript.Run(t, testscript.Params{
		Dir:                 filepath.Join(root, "script"),
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("LANDSCAPE", filepath.Join(root, "landscape"))
			env.Setenv("CORPUS", filepath.Join(root, "corpus"))
			return nil
		},
	})
}
