package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const cdx = `{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"bom-ref":"app","name":"app"}},
"components":[{"bom-ref":"l","name":"lodash","version":"4.17.20","purl":"pkg:npm/lodash@4.17.20"}],
"dependencies":[{"ref":"app","dependsOn":["l"]}]}`

// tree writes files into a temporary directory.
func tree(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func TestExitCodes(t *testing.T) {
	good := tree(t, map[string]string{"svc/bom.json": cdx, "svc/package.json": `{"name":"svc"}`})
	broken := tree(t, map[string]string{"svc/bom.json": cdx, "other/bom.json": `{"bomFormat":"CycloneDX","specVersion":"1.5","components":[`})
	empty := t.TempDir()
	tests := []struct {
		name   string
		args   []string
		env    map[string]string
		stdin  string
		want   int
		stdout string // substring; "" = must be empty
		stderr string // substring
	}{
		{name: "match", args: []string{"impact", "lodash", "--dir", good}, want: ExitMatch, stdout: "lodash", stderr: "1 skipped (not SBOMs), 0 failed"},
		{name: "no match", args: []string{"impact", "left-pad", "--dir", good}, want: ExitNoMatch, stderr: "no service contains left-pad"},
		{name: "no match json still a document", args: []string{"impact", "left-pad", "--dir", good, "--format", "json"}, want: ExitNoMatch, stdout: `"hits": []`},
		{name: "no match, a file failed", args: []string{"impact", "left-pad", "--dir", broken}, want: ExitIncomplete, stderr: "failed: other/bom.json"},
		{name: "match despite a failed file", args: []string{"impact", "lodash", "--dir", broken}, want: ExitMatch, stdout: "lodash", stderr: "failed: other/bom.json"},
		{name: "no SBOM: impact", args: []string{"impact", "lodash", "--dir", empty}, want: ExitIncomplete, stderr: "sbomx: no SBOM found under " + empty + " (0 files looked at)"},
		{name: "no SBOM: services", args: []string{"services", "--dir", empty}, want: ExitIncomplete, stderr: "no SBOM found under"},
		{name: "no SBOM: packages", args: []string{"packages", "--dir", empty}, want: ExitIncomplete, stderr: "no SBOM found under"},
		{name: "services with a failed file", args: []string{"services", "--dir", broken}, want: ExitMatch, stderr: "failed: other/bom.json"},
		{name: "empty owner", args: []string{"impact", "lodash", "--dir", good, "--owner", " "}, want: ExitError, stderr: "--owner is empty"},
		{name: "owner no service has", args: []string{"services", "--dir", good, "--owner", "team-x"}, want: ExitError, stderr: `sbomx: --owner "team-x": no service has this owner; no service has a known owner`},
		{name: "exact version", args: []string{"impact", "lodash@4.17.21", "--dir", good}, want: ExitNoMatch},
		{name: "SBOMX_DIR", args: []string{"impact", "lodash"}, env: map[string]string{"SBOMX_DIR": good}, want: ExitMatch, stdout: "lodash"},
		{name: "no query", args: []string{"impact"}, want: ExitError, stderr: "at least one QUERY"},
		{name: "bad query", args: []string{"impact", "pkg:"}, want: ExitError, stderr: "not a valid package URL"},
		{name: "bad format", args: []string{"impact", "x", "--format", "xml", "--dir", good}, want: ExitError, stderr: "want one of csv, dot, json, markdown, mermaid, ndjson, sarif, table"},
		{name: "bad flag", args: []string{"impact", "x", "--nope"}, want: ExitError, stderr: "unknown flag"},
		{name: "missing dir", args: []string{"impact", "x", "--dir", filepath.Join(good, "nope")}, want: ExitError, stderr: "no such file"},
		{name: "dir is one SBOM file", args: []string{"impact", "lodash", "--dir", filepath.Join(good, "svc/bom.json"), "--format", "json"}, want: ExitMatch, stdout: `"sbom": "bom.json"`},
		{name: "dir given twice", args: []string{"impact", "x", "--dir", good, "--dir", good + "/"}, want: ExitError, stderr: "are the same: give it once"},
		{name: "dir inside another", args: []string{"impact", "x", "--dir", good, "--dir", filepath.Join(good, "svc")}, want: ExitError, stderr: "is inside --dir"},
		{name: "file inside a dir", args: []string{"impact", "x", "--dir", filepath.Join(good, "svc/bom.json"), "--dir", good}, want: ExitError, stderr: "is inside --dir"},
		{name: "empty layout", args: []string{"impact", "x", "--dir", good, "--layout", "/"}, want: ExitError, stderr: "--layout is empty"},
		{name: "bad layout", args: []string{"impact", "x", "--dir", good, "--layout", "{team}/{service}"}, want: ExitError, stderr: `--layout: layout "{team}/{service}": segment "{team}"`},
		{name: "version", args: []string{"--version"}, want: ExitMatch, stdout: "sbomx version "},
		{name: "-v before the command is verbose", args: []string{"-v", "impact", "lodash", "--dir", good}, want: ExitMatch, stdout: "lodash", stderr: "skipped: svc/package.json"},
		{name: "queries on stdin", args: []string{"impact", "-f", "-", "--dir", good}, stdin: "# feed\nleft-pad\nlodash\n", want: ExitMatch, stdout: "lodash"},
		{name: "stdin read twice", args: []string{"impact", "-f", "-", "-f", "-", "--dir", good}, stdin: "lodash\n", want: ExitError, stderr: "- (standard input) given twice"},
		{name: "bad query on stdin names the line", args: []string{"impact", "-f", "-", "--dir", good}, stdin: "lodash\npkg:\n", want: ExitError, stderr: "<stdin>:2: "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errb bytes.Buffer
			getenv := func(k string) string { return tt.env[k] }
			got := Run(tt.args, strings.NewReader(tt.stdin), &out, &errb, getenv)
			if got != tt.want {
				t.Errorf("exit = %d, want %d\nstdout:\n%s\nstderr:\n%s", got, tt.want, out.String(), errb.String())
			}
			if tt.stdout == "" && tt.want != ExitMatch && out.Len() > 0 && !strings.Contains(strings.Join(tt.args, " "), "json") {
				t.Errorf("stdout not empty:\n%s", out.String())
			}
			if !strings.Contains(out.String(), tt.stdout) {
				t.Errorf("stdout lacks %q:\n%s", tt.stdout, out.String())
			}
			if !strings.Contains(errb.String(), tt.stderr) {
				t.Errorf("stderr lacks %q:\n%s", tt.stderr, errb.String())
			}
		})
	}
}

func TestParseSize(t *testing.T) {
	for in, want := range map[string]int64{"1048576": 1 << 20, "512MiB": 512 << 20, "1GiB": 1 << 30, "2GB": 2e9, "100K": 100 << 10, "10B": 10, " 3 MiB ": 3 << 20} {
		if got, err := parseSize(in); err != nil || got != want {
			t.Errorf("parseSize(%q) = %d, %v; want %d", in, got, err, want)
		}
	}
	for _, in := range []string{"", "0", "-1", "1XB", "MiB", "1.5GiB"} {
		if _, err := parseSize(in); err == nil {
			t.Errorf("parseSize(%q): no error", in)
		}
	}
}
