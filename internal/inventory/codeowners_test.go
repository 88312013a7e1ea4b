package inventory_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"github.com/sbomx/sbomx/internal/inventory"
)

// match is what a CODEOWNERS lookup decided: the rule's pattern, line and
// owners, or Pattern "" when no rule matches.
type match struct {
	Pattern string
	Line    int
	Owners  []string
}

func lookup(co *inventory.Codeowners, file string) match {
	r := co.Match(file)
	if r == nil {
		return match{}
	}
	return match{Pattern: r.Pattern, Line: r.Line, Owners: r.Owners}
}

// TestCodeownersGitHubExamples follows the example file in GitHub's
// "About code owners" documentation.
func TestCodeownersGitHubExamples(t *testing.T) {
	tests := []struct {
		name  string
		rules string
		file  string
		want  match
	}{
		{
			name:  "star matches a root file",
			rules: "*       @global-owner1 @global-owner2",
			file:  "README.md",
			want:  match{"*", 1, []string{"@global-owner1", "@global-owner2"}},
		},
		{
			name:  "star matches a deep file",
			rules: "*       @global-owner1 @global-owner2",
			file:  "a/b/c/d.txt",
			want:  match{"*", 1, []string{"@global-owner1", "@global-owner2"}},
		},
		{
			name:  "extension at any depth",
			rules: "*.js    @js-owner",
			file:  "a/b/c.js",
			want:  match{"*.js", 1, []string{"@js-owner"}},
		},
		{
			name:  "extension at the root",
			rules: "*.js    @js-owner",
			file:  "c.js",
			want:  match{"*.js", 1, []string{"@js-owner"}},
		},
		{
			name:  "extension does not match another extension",
			rules: "*.js    @js-owner",
			file:  "a/c.jsx",
			want:  match{},
		},
		{
			name:  "last match wins",
			rules: "*       @global-owner1\n*.go    docs@example.com",
			file:  "cmd/main.go",
			want:  match{"*.go", 2, []string{"docs@example.com"}},
		},
		{
			name:  "earlier rule when the last does not match",
			rules: "*       @global-owner1\n*.go    docs@example.com",
			file:  "cmd/main.rs",
			want:  match{"*", 1, []string{"@global-owner1"}},
		},
		{
			name:  "anchored directory",
			rules: "/build/logs/ @doctocat",
			file:  "build/logs/x.log",
			want:  match{"/build/logs/", 1, []string{"@doctocat"}},
		},
		{
			name:  "anchored directory deeper",
			rules: "/build/logs/ @doctocat",
			file:  "build/logs/2024/01/x.log",
			want:  match{"/build/logs/", 1, []string{"@doctocat"}},
		},
		{
			name:  "anchored directory not elsewhere",
			rules: "/build/logs/ @doctocat",
			file:  "src/build/logs/x",
			want:  match{},
		},
		{
			name:  "anchored directory is not a prefix of a name",
			rules: "/build/logs/ @doctocat",
			file:  "build/logsx/x",
			want:  match{},
		},
		{
			name:  "docs star direct file",
			rules: "docs/*  docs@example.com",
			file:  "docs/getting-started.md",
			want:  match{"docs/*", 1, []string{"docs@example.com"}},
		},
		{
			name:  "docs star not nested",
			rules: "docs/*  docs@example.com",
			file:  "docs/build-app/troubleshooting.md",
			want:  match{},
		},
		{
			name:  "unanchored directory at the root",
			rules: "apps/ @octocat",
			file:  "apps/x",
			want:  match{"apps/", 1, []string{"@octocat"}},
		},
		{
			name:  "unanchored directory anywhere",
			rules: "apps/ @octocat",
			file:  "src/apps/x",
			want:  match{"apps/", 1, []string{"@octocat"}},
		},
		{
			name:  "unanchored directory is not a file",
			rules: "apps/ @octocat",
			file:  "src/apps",
			want:  match{},
		},
		{
			name:  "anchored docs directory deep",
			rules: "/docs/ @doctocat",
			file:  "docs/a/b",
			want:  match{"/docs/", 1, []string{"@doctocat"}},
		},
		{
			name:  "anchored docs directory not nested elsewhere",
			rules: "/docs/ @doctocat",
			file:  "x/docs/a",
			want:  match{},
		},
		{
			name:  "double star logs at the root",
			rules: "**/logs @octocat",
			file:  "logs/x",
			want:  match{"**/logs", 1, []string{"@octocat"}},
		},
		{
			name:  "double star logs one deep",
			rules: "**/logs @octocat",
			file:  "a/logs/x",
			want:  match{"**/logs", 1, []string{"@octocat"}},
		},
		{
			name:  "double star logs two deep",
			rules: "**/logs @octocat",
			file:  "a/b/logs/x",
			want:  match{"**/logs", 1, []string{"@octocat"}},
		},
		{
			name:  "double star logs not a longer name",
			rules: "**/logs @octocat",
			file:  "a/catalogs/x",
			want:  match{},
		},
		{
			name:  "several owners",
			rules: "/scripts/ @doctocat @octocat",
			file:  "scripts/deploy.sh",
			want:  match{"/scripts/", 1, []string{"@doctocat", "@octocat"}},
		},
		{
			name:  "rule without owners",
			rules: "/apps/ @octocat\n/apps/github",
			file:  "apps/github/x",
			want:  match{"/apps/github", 2, []string{}},
		},
		{
			name:  "rule without owners leaves siblings",
			rules: "/apps/ @octocat\n/apps/github",
			file:  "apps/other/x",
			want:  match{"/apps/", 1, []string{"@octocat"}},
		},
		{
			name:  "more specific later rule wins",
			rules: "/internal-tools/ @acme/team-devex\n/internal-tools/cost-reporter/ @acme/team-sre",
			file:  "internal-tools/cost-reporter/sbom.cdx.xml",
			want:  match{"/internal-tools/cost-reporter/", 2, []string{"@acme/team-sre"}},
		},
		{
			name:  "earlier broader rule for a sibling",
			rules: "/internal-tools/ @acme/team-devex\n/internal-tools/cost-reporter/ @acme/team-sre",
			file:  "internal-tools/jira-sync/sbom.cdx.json",
			want:  match{"/internal-tools/", 1, []string{"@acme/team-devex"}},
		},
		{
			name:  "question mark is one character",
			rules: "/v?/ @octocat",
			file:  "v1/x",
			want:  match{"/v?/", 1, []string{"@octocat"}},
		},
		{
			name:  "pattern dot is literal",
			rules: "*.go @octocat",
			file:  "main_go",
			want:  match{},
		},
		{
			name:  "no rules",
			rules: "",
			file:  "a",
			want:  match{},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			co, errs := inventory.ParseCodeowners("CODEOWNERS", []byte(tt.rules))
			if len(errs) > 0 {
				t.Fatalf("ParseCodeowners: %v", errs)
			}
			got := lookup(co, tt.file)
			if diff := cmp.Diff(tt.want, got, cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("Match(%q) mismatch (-want +got):\n%s", tt.file, diff)
			}
		})
	}
}

func TestCodeownersBadLines(t *testing.T) {
	data := strings.Join([]string{
		"# comment",                  // 1
		"",                           // 2
		"*            @global",       // 3
		"!negated     @x",            // 4
		"[ab].js      @x",            // 5
		"foo          notanowner",    // 6
		"/apps/       @octocat # me", // 7
		"   # indented comment",      // 8
		"*.md         docs@example.com\r",
	}, "\n")
	co, errs := inventory.ParseCodeowners(".github/CODEOWNERS", []byte(data))
	if co.File != ".github/CODEOWNERS" {
		t.Errorf("File = %q, want .github/CODEOWNERS", co.File)
	}

	var gotErrs []string
	for _, err := range errs {
		gotErrs = append(gotErrs, err.Error())
	}
	wantErrPrefixes := []string{"line 4:", "line 5:", "line 6:"}
	if len(gotErrs) != len(wantErrPrefixes) {
		t.Fatalf("errors = %q, want %d errors", gotErrs, len(wantErrPrefixes))
	}
	for i, p := range wantErrPrefixes {
		if !strings.HasPrefix(gotErrs[i], p) {
			t.Errorf("error %d = %q, want it to start with %q", i, gotErrs[i], p)
		}
	}
	for i, w := range []string{"!negated", "[ab].js", "notanowner"} {
		if i < len(gotErrs) && !strings.Contains(gotErrs[i], w) {
			t.Errorf("error %d = %q, want it to name %q", i, gotErrs[i], w)
		}
	}

	var gotRules []match
	for _, r := range co.Rules {
		gotRules = append(gotRules, match{r.Pattern, r.Line, r.Owners})
	}
	wantRules := []match{
		{"*", 3, []string{"@global"}},
		{"/apps/", 7, []string{"@octocat"}},
		{"*.md", 9, []string{"docs@example.com"}},
	}
	if diff := cmp.Diff(wantRules, gotRules); diff != "" {
		t.Errorf("Rules mismatch (-want +got):\n%s", diff)
	}

	tests := []struct {
		file string
		want match
	}{
		{"apps/x.go", match{"/apps/", 7, []string{"@octocat"}}},
		{"a.js", match{"*", 3, []string{"@global"}}},
		{"b.js", match{"*", 3, []string{"@global"}}},
		{"foo", match{"*", 3, []string{"@global"}}},
		{"negated", match{"*", 3, []string{"@global"}}},
		{"apps/README.md", match{"*.md", 9, []string{"docs@example.com"}}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			if diff := cmp.Diff(tt.want, lookup(co, tt.file)); diff != "" {
				t.Errorf("Match(%q) mismatch (-want +got):\n%s", tt.file, diff)
			}
		})
	}
}

func TestCodeownersEscapedHash(t *testing.T) {
	co, errs := inventory.ParseCodeowners("CODEOWNERS", []byte(`\#notes @octocat`))
	if len(errs) > 0 {
		t.Fatalf("ParseCodeowners: %v", errs)
	}
	want := match{"#notes", 1, []string{"@octocat"}}
	if diff := cmp.Diff(want, lookup(co, "a/#notes")); diff != "" {
		t.Errorf("Match mismatch (-want +got):\n%s", diff)
	}
}

func TestCodeownersNilMatch(t *testing.T) {
	var co *inventory.Codeowners
	if r := co.Match("a"); r != nil {
		t.Errorf("nil Codeowners Match = %+v, want nil", r)
	}
}

func ExampleCodeowners_Match() {
	co, _ := inventory.ParseCodeowners("CODEOWNERS", []byte("/internal-tools/ @acme/team-devex\n/internal-tools/cost-reporter/ @acme/team-sre\n"))
	r := co.Match("internal-tools/cost-reporter/sbom.cdx.xml")
	fmt.Println(r.Line, r.Pattern, r.Owners)
	// Output: 2 /internal-tools/cost-reporter/ [@acme/team-sre]
}
