package main

import (
	"errors"
	"flag"
	"os"
	"os/exec"
	"strconv"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/sbomx/sbomx/internal/cli"
	"github.com/sbomx/sbomx/internal/support/repotest"
)

var update = flag.Bool("update", false, "rewrite the cmp targets of testdata/script/*.txtar")

func TestMain(m *testing.M) {
	testscript.Main(m, map[string]func(){
		"sbomx": func() { os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv)) },
	})
}

// TestScript runs the end-to-end scripts in testdata/script. $LANDSCAPE is the
// example landscape, $CORPUS the test corpus and $WRAPPED its SBOMs
// compressed, archived and re-encoded, all in the repository.
func TestScript(t *testing.T) {
	landscape := repotest.Testdata(t, "landscape")
	corpus := repotest.Testdata(t, "corpus")
	wrapped := repotest.Testdata(t, "wrapped")
	testscript.Run(t, testscript.Params{
		Dir:                 repotest.Testdata(t, "script"),
		UpdateScripts:       *update,
		RequireExplicitExec: true,
		Cmds:                map[string]func(*testscript.TestScript, bool, []string){"exitcode": cmdExitCode},
		Setup: func(env *testscript.Env) error {
			env.Setenv("LANDSCAPE", landscape)
			env.Setenv("CORPUS", corpus)
			env.Setenv("WRAPPED", wrapped)
			return nil
		},
	})
}

// cmdExitCode is "exitcode N program args...": it runs the program as exec
// does (stdout and stderr are kept for the commands that follow) and fails
// unless it exits with status N. In a script "! exec" only says "not 0",
// and runbooks tell 1 (not there) from 3 (not everything was read).
func cmdExitCode(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("unsupported: ! exitcode (give the status wanted)")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exitcode N program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exitcode: %q is not a number", args[0])
	}
	got := 0
	if err := ts.Exec(args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exitcode: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("%s exited with status %d, want %d", args[1], got, want)
	}
}
