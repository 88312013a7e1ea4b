package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExportCommand: the flags, the tables written and listed, the exit
// codes of every command.
func TestExportCommand(t *testing.T) {
	landscape, err := filepath.Abs("../../testdata/landscape")
	if err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(t.TempDir(), "new", "folder")
	code, stdout, stderr := releaseRun(t, "export", "--dir", landscape, "--out", out)
	if code != ExitMatch {
		t.Fatalf("export: exit %d: %s", code, stderr)
	}
	for _, table := range []string{"services", "components", "edges", "files"} {
		path := filepath.Join(out, table+".parquet")
		if !strings.Contains(stdout, path+"\t") {
			t.Errorf("stdout does not list %s:\n%s", path, stdout)
		}
		if fi, err := os.Stat(path); err != nil || fi.Size() == 0 {
			t.Errorf("%s: %v", path, err)
		}
	}
	if !strings.Contains(stdout, "services.parquet\t41 rows") || !strings.Contains(stderr, "sbomx: read 42 SBOM(s) of 41 service(s)") {
		t.Errorf("stdout %q, stderr %q", stdout, stderr)
	}
	empty := t.TempDir()
	for _, tc := range []struct {
		args   []string
		code   int
		stderr string
	}{
		{[]string{"export", "--dir", landscape}, ExitError, "export needs --out FOLDER"},
		{[]string{"export", "--dir", landscape, "--out", t.TempDir(), "--format", "json"}, ExitError, "--format does not apply"},
		{[]string{"export", "--dir", landscape, "--out", t.TempDir(), "--output", "x"}, ExitError, "--output does not apply"},
		{[]string{"export", "--dir", landscape, "--out", t.TempDir(), "--owner", "team-nobody"}, ExitError, `--owner "team-nobody": no service has this owner`},
		{[]string{"export", "--dir", empty, "--out", t.TempDir()}, ExitIncomplete, "no SBOM found under"},
	} {
		code, _, stderr := releaseRun(t, tc.args...)
		if code != tc.code || !strings.Contains(stderr, tc.stderr) {
			t.Errorf("%v: exit %d, stderr %q; want %d and %q", tc.args, code, stderr, tc.code, tc.stderr)
		}
	}
	// Listed in help, with its own.
	if _, help, _ := releaseRun(t, "--help"); !strings.Contains(help, "export") {
		t.Error("--help does not list export")
	}
	if _, help, _ := releaseRun(t, "export", "--help"); !strings.Contains(help, "components.parquet") || strings.Contains(help, "--format") {
		t.Errorf("export --help:\n%s", help)
	}
}
