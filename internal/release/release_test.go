package release

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

const module = "github.com/sbomx/sbomx"

// config is the part of goreleaser's configuration this test reads.
type config struct {
	Version     int    `yaml:"version"`
	ProjectName string `yaml:"project_name"`
	Before      struct {
		Hooks []string `yaml:"hooks"`
	} `yaml:"before"`
	Builds []struct {
		ID      string   `yaml:"id"`
		Main    string   `yaml:"main"`
		Binary  string   `yaml:"binary"`
		Env     []string `yaml:"env"`
		Flags   []string `yaml:"flags"`
		Ldflags []string `yaml:"ldflags"`
		Goos    []string `yaml:"goos"`
		Goarch  []string `yaml:"goarch"`
		Ignore  []any    `yaml:"ignore"`
		Targets []string `yaml:"targets"`
	} `yaml:"builds"`
	Archives []struct {
		Formats         []string `yaml:"formats"`
		FormatOverrides []struct {
			Goos    string   `yaml:"goos"`
			Formats []string `yaml:"formats"`
		} `yaml:"format_overrides"`
		Files []string `yaml:"files"`
	} `yaml:"archives"`
	Checksum *struct {
		NameTemplate string `yaml:"name_template"`
		Algorithm    string `yaml:"algorithm"`
	} `yaml:"checksum"`
	SBOMs []struct {
		Artifacts string   `yaml:"artifacts"`
		Documents []string `yaml:"documents"`
		Cmd       string   `yaml:"cmd"`
		Args      []string `yaml:"args"`
	} `yaml:"sboms"`
}

func load(t *testing.T) config {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(repo(t), ".goreleaser.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	var c config
	if err := yaml.Unmarshal(data, &c); err != nil {
		t.Fatalf(".goreleaser.yaml: %v", err)
	}
	if c.Version != 2 || c.ProjectName != "sbomx" {
		t.Fatalf(".goreleaser.yaml: version %d, project %q; want goreleaser v2's sbomx", c.Version, c.ProjectName)
	}
	if len(c.Builds) != 1 {
		t.Fatalf(".goreleaser.yaml: %d builds, want 1", len(c.Builds))
	}
	return c
}

func repo(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	return dir
}

// targets are the os/arch pairs a release ships.
var targets = []string{"darwin/amd64", "darwin/arm64", "linux/amd64", "linux/arm64", "windows/amd64", "windows/arm64"}

func TestTargets(t *testing.T) {
	b := load(t).Builds[0]
	if len(b.Ignore) > 0 || len(b.Targets) > 0 {
		t.Errorf("ignore %v, targets %v: the goos × goarch matrix is the whole list", b.Ignore, b.Targets)
	}
	var got []string
	for _, os := range b.Goos {
		for _, arch := range b.Goarch {
			got = append(got, os+"/"+arch)
		}
	}
	slices.Sort(got)
	if !slices.Equal(got, targets) {
		t.Errorf("targets %v, want %v", got, targets)
	}
	if b.Main != "./cmd/sbomx" || b.Binary != "sbomx" {
		t.Errorf("main %q binary %q, want ./cmd/sbomx and sbomx", b.Main, b.Binary)
	}
	if _, err := os.Stat(filepath.Join(repo(t), b.Main, "main.go")); err != nil {
		t.Error(err)
	}
}

// TestStatic: no cgo (a binary that runs on any libc, or none), and no
// build paths in it.
func TestStatic(t *testing.T) {
	b := load(t).Builds[0]
	if !slices.Contains(b.Env, "CGO_ENABLED=0") || slices.ContainsFunc(b.Env, func(e string) bool { return strings.HasPrefix(e, "CGO_ENABLED=") && e != "CGO_ENABLED=0" }) {
		t.Errorf("env %v: want CGO_ENABLED=0", b.Env)
	}
	if !slices.Contains(b.Flags, "-trimpath") {
		t.Errorf("flags %v: want -trimpath", b.Flags)
	}
}

// xFlags returns the -X assignments of the ldflags: name → value.
func xFlags(t *testing.T, ldflags []string) map[string]string {
	t.Helper()
	out := map[string]string{}
	fields := strings.Fields(strings.Join(ldflags, " "))
	for i := 0; i < len(fields); i++ {
		if fields[i] != "-X" {
			continue
		}
		if i+1 == len(fields) {
			t.Fatalf("ldflags end with -X")
		}
		name, value, ok := strings.Cut(fields[i+1], "=")
		if !ok {
			t.Fatalf("-X %s: want name=value", fields[i+1])
		}
		out[name] = value
		i++
	}
	return out
}

// stringVars are the package-level string vars (not consts, which -X
// silently ignores) of the Go package in dir.
func stringVars(t *testing.T, dir string) map[string]bool {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	vars := map[string]bool{}
	fset := token.NewFileSet()
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".go") || strings.HasSuffix(e.Name(), "_test.go") {
			continue
		}
		f, err := parser.ParseFile(fset, filepath.Join(dir, e.Name()), nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.VAR {
				continue
			}
			for _, s := range g.Specs {
				vs := s.(*ast.ValueSpec)
				for i, n := range vs.Names {
					str := false
					switch {
					case vs.Type != nil:
						id, ok := vs.Type.(*ast.Ident)
						str = ok && id.Name == "string"
					case i < len(vs.Values):
						lit, ok := vs.Values[i].(*ast.BasicLit)
						str = ok && lit.Kind == token.STRING
					}
					if str {
						vars[n.Name] = true
					}
				}
			}
		}
	}
	return vars
}

// TestLdflags: each -X names a string var that exists in internal/buildinfo
// (the linker ignores a name that does not), and Version, Commit and Date
// are all set.
func TestLdflags(t *testing.T) {
	b := load(t).Builds[0]
	xs := xFlags(t, b.Ldflags)
	vars := stringVars(t, filepath.Join(repo(t), "internal", "buildinfo"))
	for _, v := range []string{"Version", "Commit", "Date"} {
		if !vars[v] {
			t.Errorf("internal/buildinfo has no string var %s", v)
		}
	}
	set := map[string]bool{}
	for name, value := range xs {
		i := strings.LastIndex(name, ".")
		pkg, v := name[:max(i, 0)], name[i+1:]
		if pkg != module+"/internal/buildinfo" || !vars[v] {
			t.Errorf("-X %s=%s names no string var of internal/buildinfo", name, value)
			continue
		}
		if !strings.Contains(value, "{{") {
			t.Errorf("-X %s=%s: want a goreleaser template, not a fixed value", name, value)
		}
		set[v] = true
	}
	for _, v := range []string{"Version", "Commit", "Date"} {
		if !set[v] {
			t.Errorf("ldflags set no %s", v)
		}
	}
}

func TestArchives(t *testing.T) {
	c := load(t)
	if len(c.Archives) != 1 {
		t.Fatalf("%d archives, want 1", len(c.Archives))
	}
	a := c.Archives[0]
	if !slices.Equal(a.Formats, []string{"tar.gz"}) {
		t.Errorf("formats %v, want tar.gz", a.Formats)
	}
	zip := false
	for _, o := range a.FormatOverrides {
		zip = zip || o.Goos == "windows" && slices.Equal(o.Formats, []string{"zip"})
	}
	if !zip {
		t.Errorf("format_overrides %+v: want zip for windows", a.FormatOverrides)
	}
	for _, f := range []string{"LICENSE", "README.md", "CHANGELOG.md", "completions/*", "manpages/*"} {
		if !slices.Contains(a.Files, f) {
			t.Errorf("archive files %v: want %s", a.Files, f)
		}
	}
	for _, f := range []string{"LICENSE", "README.md", "CHANGELOG.md"} {
		if _, err := os.Stat(filepath.Join(repo(t), f)); err != nil {
			t.Error(err)
		}
	}
	// completions/ and manpages/ are written by the before hook.
	hook := slices.ContainsFunc(c.Before.Hooks, func(h string) bool { return strings.HasPrefix(h, "sh scripts/release-assets.sh") })
	if !hook {
		t.Errorf("before hooks %v: want scripts/release-assets.sh", c.Before.Hooks)
	}
	if _, err := os.Stat(filepath.Join(repo(t), "scripts", "release-assets.sh")); err != nil {
		t.Error(err)
	}
}

func TestChecksumAndSBOM(t *testing.T) {
	c := load(t)
	if c.Checksum == nil || c.Checksum.NameTemplate == "" || c.Checksum.Algorithm != "sha256" {
		t.Errorf("checksum %+v: want a sha256 checksums file", c.Checksum)
	}
	if len(c.SBOMs) != 1 {
		t.Fatalf("%d sboms, want 1", len(c.SBOMs))
	}
	s := c.SBOMs[0]
	if s.Artifacts != "binary" || len(s.Documents) != 1 || !strings.HasSuffix(s.Documents[0], ".cdx.json") {
		t.Errorf("sbom %+v: want one CycloneDX JSON document per binary", s)
	}
	args := strings.Join(s.Args, " ")
	if s.Cmd != "go" || !strings.Contains(args, "run github.com/CycloneDX/cyclonedx-gomod/cmd/cyclonedx-gomod@v") ||
		!strings.Contains(args, " bin -json") || !strings.Contains(args, "-output $document") || !strings.HasSuffix(args, "$artifact") {
		t.Errorf("sbom command %s %s: want cyclonedx-gomod bin -json, a pinned version, -output $document, $artifact", s.Cmd, args)
	}
}

// build builds sbomx for goos/goarch with the release's env, flags and
// ldflags (templates filled with stand-ins) and returns the binary.
func build(t *testing.T, goos, goarch string, x map[string]string, keepTrimpath bool) string {
	t.Helper()
	c := load(t)
	b := c.Builds[0]
	if !keepTrimpath {
		// -trimpath changes every package's cache key, so the build would
		// compile everything anew (a minute and a half in CI) for nothing
		// the caller checks; TestStatic checks the release keeps it.
		b.Flags = slices.DeleteFunc(slices.Clone(b.Flags), func(f string) bool { return f == "-trimpath" })
	}
	ld := strings.Join(b.Ldflags, " ")
	for name, value := range xFlags(t, b.Ldflags) {
		v := name[strings.LastIndex(name, ".")+1:]
		ld = strings.Replace(ld, name+"="+value, name+"="+x[v], 1)
	}
	out := filepath.Join(t.TempDir(), fmt.Sprintf("sbomx-%s-%s", goos, goarch))
	args := append([]string{"build"}, b.Flags...)
	args = append(args, "-ldflags", ld, "-o", out, b.Main)
	cmd := exec.Command("go", args...)
	cmd.Dir = repo(t)
	cmd.Env = append(os.Environ(), b.Env...)
	cmd.Env = append(cmd.Env, "GOOS="+goos, "GOARCH="+goarch)
	if msg, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go %s for %s/%s: %v\n%s", strings.Join(args, " "), goos, goarch, err, msg)
	}
	return out
}

// TestReleaseBuild builds for this machine as the release does and runs
// --version: the -X values land (the linker ignores a name it does not
// know, so only running the binary proves it).
func TestReleaseBuild(t *testing.T) {
	if testing.Short() {
		t.Skip("builds sbomx")
	}
	x := map[string]string{"Version": "9.8.7", "Commit": "c0ffee0", "Date": "2026-12-01T10:00:00Z"}
	bin := build(t, runtime.GOOS, runtime.GOARCH, x, false)
	out, err := exec.Command(bin, "--version").CombinedOutput()
	if err != nil {
		t.Fatalf("--version: %v\n%s", err, out)
	}
	if want := "sbomx version 9.8.7 (commit c0ffee0, built 2026-12-01T10:00:00Z)\n"; string(out) != want {
		t.Errorf("--version printed %q, want %q", out, want)
	}
}

// TestCrossBuild builds every target of the release (CI sets
// SBOMX_CROSSBUILD=1; each target compiles every dependency anew, minutes
// on a small machine).
func TestCrossBuild(t *testing.T) {
	if os.Getenv("SBOMX_CROSSBUILD") == "" {
		t.Skip("SBOMX_CROSSBUILD=1 builds every target")
	}
	x := map[string]string{"Version": "9.8.7", "Commit": "c0ffee0", "Date": "2026-12-01T10:00:00Z"}
	for _, target := range targets {
		goos, goarch, _ := strings.Cut(target, "/")
		t.Run(goos+"-"+goarch, func(t *testing.T) {
			bin := build(t, goos, goarch, x, true)
			if fi, err := os.Stat(bin); err != nil || fi.Size() == 0 {
				t.Errorf("%s: no binary (%v)", target, err)
			}
		})
	}
}
