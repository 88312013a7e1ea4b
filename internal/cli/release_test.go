package cli

import (
	"bytes"
	"strings"
	"testing"

	"github.com/sbomx/sbomx/internal/buildinfo"
)

// releaseRun runs sbomx with args and returns its exit code, stdout and stderr.
func releaseRun(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(args, strings.NewReader(""), &out, &errb, func(string) string { return "" })
	return code, out.String(), errb.String()
}

// TestVersion: --version prints the version, commit and date that the
// release build's -ldflags -X set in internal/buildinfo.
func TestVersion(t *testing.T) {
	defer func(v, c, d string) { buildinfo.Version, buildinfo.Commit, buildinfo.Date = v, c, d }(buildinfo.Version, buildinfo.Commit, buildinfo.Date)
	buildinfo.Version, buildinfo.Commit, buildinfo.Date = "v1.4.0", "9f2c1e7d", "2026-11-30T12:00:00Z"
	code, out, errs := releaseRun(t, "--version")
	if code != 0 || errs != "" {
		t.Fatalf("exit %d, stderr %q", code, errs)
	}
	if want := "sbomx version v1.4.0 (commit 9f2c1e7d, built 2026-11-30T12:00:00Z)\n"; out != want {
		t.Errorf("--version printed %q, want %q", out, want)
	}
}

// TestCompletion: each shell's script is produced, and begins as that
// shell's completion script does.
func TestCompletion(t *testing.T) {
	for shell, start := range map[string]string{
		"bash":       "# bash completion V2 for sbomx",
		"zsh":        "#compdef sbomx",
		"fish":       "# fish completion for sbomx",
		"powershell": "# powershell completion for sbomx",
	} {
		code, out, errs := releaseRun(t, "completion", shell)
		if code != 0 || errs != "" {
			t.Errorf("completion %s: exit %d, stderr %q", shell, code, errs)
			continue
		}
		if !strings.HasPrefix(out, start) || len(out) < 1000 {
			t.Errorf("completion %s: %d bytes starting %q, want a script starting %q", shell, len(out), out[:min(len(out), 60)], start)
		}
		// The script completes the commands: cobra's __complete answers.
		if !strings.Contains(out, "__complete") {
			t.Errorf("completion %s: the script does not call sbomx __complete", shell)
		}
	}
	code, out, _ := releaseRun(t, "__complete", "")
	for _, cmd := range []string{"impact", "services", "packages", "completion"} {
		if code != 0 || !strings.Contains(out, cmd) {
			t.Errorf("__complete lists no %s (exit %d):\n%s", cmd, code, out)
		}
	}
	// Visible in help, with the shells named.
	_, out, _ = releaseRun(t, "--help")
	if !strings.Contains(out, "completion") {
		t.Errorf("--help does not list the completion command:\n%s", out)
	}
	_, out, _ = releaseRun(t, "completion", "--help")
	for _, shell := range []string{"bash", "zsh", "fish", "powershell"} {
		if !strings.Contains(out, shell) {
			t.Errorf("completion --help names no %s", shell)
		}
	}
}
