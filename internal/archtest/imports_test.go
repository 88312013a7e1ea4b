package archtest

import (
	"bytes"
	"fmt"
	"os/exec"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/sbomx/sbomx/internal/support/repotest"
)

const module = "github.com/sbomx/sbomx"

// A stage of the pipeline; a package may import packages of its own stage
// and of lower ones, and nothing above.
type stage struct {
	rank int
	name string
}

var (
	model     = stage{0, "model"}   // imports no package of the module
	support   = stage{0, "support"} // imports only model and support
	source    = stage{1, "source"}
	decode    = stage{2, "decode"}
	graph     = stage{3, "graph"}
	inventory = stage{4, "inventory"}
	match     = stage{5, "match"}
	answers   = stage{6, "answers"}
	render    = stage{7, "render"}
	export    = stage{7, "export"} // beside render; neither imports the other
	cli       = stage{8, "cli"}
	cmd       = stage{9, "cmd"}
)

// stages places the module's packages, by path relative to the module: an
// entry names the package and, unless it ends in "/", none below it; an
// entry ending in "/" names every package below (and at) that folder. The
// longest entry that matches wins.
var stages = map[string]stage{
	"pkg/model":          model,
	"internal/support/":  support,
	"internal/buildinfo": support,
	"internal/archtest":  support, // a test only; imports nothing of the module
	"internal/release":   support, // a test of .goreleaser.yaml; imports nothing of the module
	// graphtest checks graphs for the decoders' tests and fuzz targets: it
	// builds them, so it sits at the graph's stage, not the foundation.
	"internal/support/graphtest": graph,
	"internal/source/":           source,
	"internal/decode/":           decode,
	"internal/graph":             graph,
	"internal/inventory":         inventory,
	"internal/match/":            match,
	"pkg/query":                  match,
	"pkg/answers":                answers,
	"internal/render":            render,
	"internal/export":            export,
	"internal/cli":               cli,
	"cmd/":                       cmd,
}

// stageOf is the stage of a package (path relative to the module).
func stageOf(rel string) (stage, bool) {
	best, found, n := stage{}, false, -1
	for key, s := range stages {
		hit := key == rel
		if dir, ok := strings.CutSuffix(key, "/"); ok {
			hit = rel == dir || strings.HasPrefix(rel, key)
		}
		if hit && len(key) > n {
			best, found, n = s, true, len(key)
		}
	}
	return best, found
}

// allowed says why pkg (stage from) may not import dep (stage to), or "".
func allowed(from, to stage) string {
	switch {
	case from == model:
		return "pkg/model imports no package of the module"
	case from == support && to != model && to != support:
		return "the foundation (internal/support, internal/buildinfo) imports only pkg/model and itself"
	case from == render && to == export, from == export && to == render:
		return "render and export are side by side: neither imports the other"
	case to.rank > from.rank:
		return fmt.Sprintf("stage %d (%s) may not import stage %d (%s) (imports point down the pipeline, never up)", from.rank, from.name, to.rank, to.name)
	}
	return ""
}

// platforms are listed one by one: an import behind a build constraint
// counts too.
var platforms = [][2]string{{"", ""}, {"linux", "arm64"}, {"darwin", "arm64"}, {"windows", "amd64"}}

// imports lists each package of the module with the packages of the module
// it imports (test files left out), on every platform.
func imports(t *testing.T) map[string][]string {
	t.Helper()
	goBin, err := exec.LookPath("go") // go test puts $GOROOT/bin first in PATH
	if err != nil {
		t.Fatalf("the go command is needed: %v", err)
	}
	out := map[string][]string{}
	for _, p := range platforms {
		cmd := exec.Command(goBin, "list", "-f", "{{.ImportPath}}{{range .Imports}} {{.}}{{end}}", "./...")
		cmd.Dir = repotest.Root(t)
		if p[0] != "" {
			cmd.Env = append(cmd.Environ(), "GOOS="+p[0], "GOARCH="+p[1], "CGO_ENABLED=0")
		}
		var stdout, stderr bytes.Buffer
		cmd.Stdout, cmd.Stderr = &stdout, &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("go list (GOOS=%s GOARCH=%s): %v\n%s", p[0], p[1], err, stderr.Bytes())
		}
		for line := range strings.Lines(stdout.String()) {
			fields := strings.Fields(line)
			if len(fields) == 0 {
				continue
			}
			pkg := fields[0]
			if _, ok := out[pkg]; !ok {
				out[pkg] = nil
			}
			for _, dep := range fields[1:] {
				if (dep == module || strings.HasPrefix(dep, module+"/")) && !slices.Contains(out[pkg], dep) {
					out[pkg] = append(out[pkg], dep)
				}
			}
		}
	}
	if len(out) < 10 {
		t.Fatalf("go list found %d packages; expected the whole module", len(out))
	}
	return out
}

// TestImportsPointDownThePipeline fails on every import (outside test
// files) that points up the pipeline, and on every package of the module
// that has no stage.
func TestImportsPointDownThePipeline(t *testing.T) {
	all := imports(t)
	pkgs := make([]string, 0, len(all))
	for p := range all {
		pkgs = append(pkgs, p)
	}
	sort.Strings(pkgs)
	rel := func(p string) string { return strings.TrimPrefix(strings.TrimPrefix(p, module), "/") }
	for _, p := range pkgs {
		from, ok := stageOf(rel(p))
		if !ok {
			t.Errorf("%s has no stage: place it in the stage table of internal/archtest/imports_test.go", rel(p))
			continue
		}
		deps := all[p]
		sort.Strings(deps)
		for _, d := range deps {
			to, ok := stageOf(rel(d))
			if !ok {
				continue // reported as a package of its own
			}
			if why := allowed(from, to); why != "" {
				t.Errorf("%s imports %s: %s", rel(p), rel(d), why)
			}
		}
	}
}

// TestStageTable checks the table on made-up paths, so that a typo in it
// does not pass everything.
func TestStageTable(t *testing.T) {
	for _, tt := range []struct {
		path string
		want string // stage name, "" for none
	}{
		{"pkg/model", "model"},
		{"pkg/modelx", ""},
		{"internal/support/jsonmask", "support"},
		{"internal/support/graphtest", "graph"},
		{"internal/source", "source"},
		{"internal/source/gitsrc", "source"},
		{"internal/decode/spdx", "decode"},
		{"internal/graph", "graph"},
		{"internal/graph/sub", ""},
		{"internal/match/versions", "match"},
		{"pkg/query", "match"},
		{"pkg/answers", "answers"},
		{"internal/export", "export"},
		{"cmd/sbomx/internal/gctune", "cmd"},
		{"internal/newthing", ""},
	} {
		s, ok := stageOf(tt.path)
		if got := map[bool]string{true: s.name}[ok]; got != tt.want {
			t.Errorf("stageOf(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
	for _, tt := range []struct {
		from, to stage
		ok       bool
	}{
		{decode, source, true}, {decode, decode, true}, {decode, support, true}, {decode, graph, false},
		{model, support, false}, {support, model, true}, {support, source, false},
		{render, export, false}, {export, render, false}, {export, answers, true}, {cli, export, true},
		{match, answers, false}, {cmd, cli, true},
	} {
		if got := allowed(tt.from, tt.to) == ""; got != tt.ok {
			t.Errorf("%s importing %s allowed = %v, want %v", tt.from.name, tt.to.name, got, tt.ok)
		}
	}
}
