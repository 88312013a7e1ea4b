package cli

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/spf13/cobra"

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

// TestManPages: "sbomx man --dir DIR" writes one page per command of the
// tree that help shows (the hidden man command itself has none), each
// naming its command, and the same pages on a second run.
func TestManPages(t *testing.T) {
	defer func(d string) { buildinfo.Date = d }(buildinfo.Date)
	buildinfo.Date = "2026-11-30T12:00:00Z"
	dir := t.TempDir()
	if code, _, errs := releaseRun(t, "man", "--dir", dir); code != 0 {
		t.Fatalf("man: exit %d: %s", code, errs)
	}
	want := map[string]string{} // file -> command path
	var walk func(c *cobra.Command)
	walk = func(c *cobra.Command) {
		if !c.IsAvailableCommand() && c.HasParent() || c.IsAdditionalHelpTopicCommand() {
			return
		}
		want[strings.ReplaceAll(c.CommandPath(), " ", "-")+".1"] = c.CommandPath()
		for _, sub := range c.Commands() {
			walk(sub)
		}
	}
	root := newRootCmd(&Env{Getenv: func(string) string { return "" }})
	root.InitDefaultHelpCmd()
	root.InitDefaultCompletionCmd() // cobra adds these when it runs
	walk(root)
	for _, cmd := range []string{"sbomx.1", "sbomx-impact.1", "sbomx-services.1", "sbomx-packages.1", "sbomx-completion-bash.1"} {
		if _, ok := want[cmd]; !ok {
			t.Errorf("the command tree has no %s", cmd)
		}
	}
	if _, ok := want["sbomx-man.1"]; ok {
		t.Error("the hidden man command would get a page")
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, e := range entries {
		got[e.Name()] = true
		path, ok := want[e.Name()]
		if !ok {
			t.Errorf("unexpected page %s", e.Name())
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil {
			t.Fatal(err)
		}
		page := string(data)
		title := strings.ToUpper(strings.ReplaceAll(path, " ", "-"))
		name := "\n.SH NAME\n" + strings.ReplaceAll(path, " ", "-") + " - "
		if !strings.Contains(page, `.TH "`+title+`" "1" "Nov 2026" "sbomx `) || !strings.Contains(page, name) {
			t.Errorf("%s does not look like the man page of %q:\n%.300s", e.Name(), path, page)
		}
	}
	for f := range want {
		if !got[f] {
			t.Errorf("no man page %s", f)
		}
	}
	if code, _, errs := releaseRun(t, "man"); code != ExitError || !strings.Contains(errs, "--dir") {
		t.Errorf("man without --dir: exit %d, %q", code, errs)
	}
	// Hidden from help.
	if _, out, _ := releaseRun(t, "--help"); strings.Contains(out, "\n  man ") {
		t.Errorf("--help lists the man command:\n%s", out)
	}
}
