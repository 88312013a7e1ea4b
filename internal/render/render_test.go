package render

import (
	"bytes"
	"encoding/json"
	"errors"
	"regexp"
	"strings"
	"testing"

	"github.com/sbomx/sbomx/pkg/answers"
	"github.com/sbomx/sbomx/pkg/query"
)

func ptr[T any](v T) *T { return &v }

// sample is a small impact answer with every mark the table knows: a
// transitive hit with a second path, a version of unknown order, inferred
// root edges, two services of the same name in different products.
func sample() *answers.Result {
	q, _ := query.Parse("torchtriton")
	return &answers.Result{
		Queries: []*query.Query{q},
		Hits: []answers.Hit{
			{
				Service: "api", ServiceID: "payments/api", Owner: ptr("team-payments"), Product: ptr("payments"),
				Package: answers.Package{Name: "torchtriton", Version: "2.0.0+0d7e753227"}, Relation: answers.Transitive, Depth: ptr(2),
				Path:  []string{"api", "torch@2.0.0", "torchtriton@2.0.0+0d7e753227"},
				Paths: [][]string{{"api", "torch@2.0.0", "torchtriton@2.0.0+0d7e753227"}, {"api", "torchvision@0.15.0", "torchtriton@2.0.0+0d7e753227"}},
				SBOMs: []string{"payments/api/sbom.json"},
			},
			{
				Service: "api", ServiceID: "search/api", Product: ptr("search"),
				Package: answers.Package{Name: "torchtriton", Version: "NOASSERTION"}, Relation: answers.Direct, VersionUnknown: "not a PEP 440 version",
				Path: []string{"api", "torchtriton@NOASSERTION"}, RootEdgesInferred: true, SBOMs: []string{"search/api/sbom.json"},
			},
		},
	}
}

func render(t *testing.T, format string, answer any, o Options) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, format, answer, o); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestImpactTableLayout pins the table people read: one row per hit, the
// service's columns on its first row only, further paths on rows of their
// own, the marks and the notes that explain exactly the marks used.
func TestImpactTableLayout(t *testing.T) {
	got := render(t, "table", sample(), Options{})
	want := `SERVICE             OWNER          PRODUCT   PACKAGE      VERSION           RELATION        PATH
api (payments/api)  team-payments  payments  torchtriton  2.0.0+0d7e753227  transitive (2)  api > torch@2.0.0 > torchtriton@2.0.0+0d7e753227
                                                                                            api > torchvision@0.15.0 > torchtriton@2.0.0+0d7e753227
api (search/api)    unknown        search    torchtriton  NOASSERTION (?)   direct*         api > torchtriton@NOASSERTION

* root edges inferred: the SBOM records dependencies between packages but none from its root;
  packages nothing else depends on are taken as the root's direct dependencies.
(?) unknown version: it could not be compared with the query's versions, so it is reported, not dropped.
`
	if got != want {
		t.Errorf("table:\n%s\nwant:\n%s", got, want)
	}
	for i, line := range strings.Split(got, "\n") {
		if strings.HasSuffix(line, " ") {
			t.Errorf("line %d ends in a space: %q", i+1, line)
		}
	}
}

// TestTruncationInTheMiddle: on a terminal (MaxCell) long cells keep
// their start and end; the last column, what people copy, stays whole.
func TestTruncationInTheMiddle(t *testing.T) {
	res := sample()
	res.Hits[0].Package.Name = "@acme-corporation/extremely-long-package-name-for-tests"
	got := render(t, "table", res, Options{MaxCell: 20})
	if !strings.Contains(got, "@acme-cor…-for-tests") {
		t.Errorf("package name not shortened in the middle:\n%s", got)
	}
	if !strings.Contains(got, "api > torchvision@0.15.0 > torchtriton@2.0.0+0d7e753227") {
		t.Errorf("path shortened:\n%s", got)
	}
	if got := render(t, "table", res, Options{}); !strings.Contains(got, res.Hits[0].Package.Name) {
		t.Errorf("without MaxCell (a pipe) the name must stay whole:\n%s", got)
	}
}

func TestMiddle(t *testing.T) {
	for _, c := range []struct {
		in   string
		n    int
		want string
	}{
		{"short", 10, "short"},
		{"exactly-10", 10, "exactly-10"},
		{"abcdefghijklmnop", 9, "abcd…mnop"},
		{"abcdefghijklmnop", 10, "abcd…lmnop"},
		{"ünïcödé-ñåmé-lóng", 9, "ünïc…lóng"}, // runes, not bytes
		{"anything", 4, "anything"},           // too narrow to cut sensibly
	} {
		if got := Middle(c.in, c.n); got != c.want {
			t.Errorf("Middle(%q, %d) = %q, want %q", c.in, c.n, got, c.want)
		}
		if got := Middle(c.in, c.n); c.n >= 5 && len([]rune(got)) > c.n {
			t.Errorf("Middle(%q, %d) = %q: longer than %d", c.in, c.n, got, c.n)
		}
	}
}

var ansi = regexp.MustCompile("\x1b\\[[0-9;]*m")

// TestColourOnlyWhenAsked: no escape byte unless Color (the CLI asks only
// on a terminal without NO_COLOR); with it, the layout is the same once
// the colour is stripped.
func TestColourOnlyWhenAsked(t *testing.T) {
	for _, format := range Formats() {
		for _, answer := range []any{sample(), &answers.ServicesResult{}, &answers.PackagesResult{}} {
			var b bytes.Buffer
			err := Write(&b, format, answer, Options{})
			if err != nil && !errors.As(err, new(*FormatError)) {
				t.Fatal(err)
			}
			if bytes.ContainsRune(b.Bytes(), 0x1b) {
				t.Errorf("%s %T: escape byte without Color", format, answer)
			}
		}
	}
	plain := render(t, "table", sample(), Options{})
	coloured := render(t, "table", sample(), Options{Color: true})
	if !strings.HasPrefix(coloured, bold+"SERVICE") || !strings.Contains(coloured, yellow+"(?)"+reset) {
		t.Errorf("colour missing:\n%q", coloured)
	}
	if stripped := ansi.ReplaceAllString(coloured, ""); stripped != plain {
		t.Errorf("colour moved the columns:\n%s\nwant:\n%s", stripped, plain)
	}
}

// TestPackagesJSONStreamsTheSameBytes: the catalog written a package at a
// time is exactly what encoding the whole answer gives.
func TestPackagesJSONStreamsTheSameBytes(t *testing.T) {
	res := &answers.PackagesResult{SchemaVersion: 1, Packages: []answers.PackageInfo{
		{ID: "pypi/torchtriton", Name: "torchtriton", Ecosystem: "pypi", Versions: []answers.VersionInfo{{Version: "2.0.0", Services: 2, IDs: []string{"a", "b"}, Names: []string{"a", "b"}}}},
		{ID: "npm/lodash", Name: "lodash", Ecosystem: "npm", Versions: []answers.VersionInfo{{Version: "<4.17.21 & \"x\"", Services: 1}}},
	}}
	var whole bytes.Buffer
	if err := JSON(&whole, res); err != nil {
		t.Fatal(err)
	}
	if got := render(t, "json", res, Options{}); got != whole.String() {
		t.Errorf("streamed:\n%s\nwhole:\n%s", got, whole.String())
	}
	if !json.Valid([]byte(render(t, "json", &answers.PackagesResult{}, Options{}))) {
		t.Error("empty catalog: invalid JSON")
	}
}

func TestFormatErrors(t *testing.T) {
	if err := Check("yaml", "impact"); err == nil || !strings.Contains(err.Error(), "want one of csv, dot, json, markdown, mermaid, ndjson, sarif, table") {
		t.Errorf("Check(yaml) = %v", err)
	}
	if err := Check("dot", "services"); err == nil || !strings.Contains(err.Error(), "cannot show services: want one of csv, json, markdown, ndjson, table") {
		t.Errorf("Check(dot, services) = %v", err)
	}
	if err := Check("mermaid", "impact"); err != nil {
		t.Errorf("Check(mermaid, impact) = %v", err)
	}
	if err := Write(new(bytes.Buffer), "table", 42, Options{}); err == nil {
		t.Error("an unknown answer type must be an error")
	}
}
