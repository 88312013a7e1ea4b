package render

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/answers"
	"github.com/sbomx/sbomx/pkg/query"
)

var update = flag.Bool("update", false, "rewrite testdata/golden from what the renderers write now")

// landscapeAnswers are the four answers over the bundled landscape that
// the goldens show.
func landscapeAnswers(t *testing.T) map[string]any {
	t.Helper()
	dir := repotest.Testdata(t, "landscape")
	roots := []answers.Root{{FS: os.DirFS(dir), Name: "landscape"}}
	ctx := context.Background()
	parse := func(s ...string) []*query.Query {
		var qs []*query.Query
		for _, in := range s {
			q, err := query.Parse(in)
			if err != nil {
				t.Fatal(err)
			}
			qs = append(qs, q)
		}
		return qs
	}
	impact, err := answers.Run(ctx, roots, answers.Options{Queries: parse("torchtriton", "log4j-core@<2.17.0"), MaxPaths: 3})
	if err != nil {
		t.Fatal(err)
	}
	services, err := answers.Services(ctx, roots, answers.TreeOptions{}, answers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	packages, err := answers.Packages(ctx, roots, answers.TreeOptions{}, parse("log4j-*", "torchtriton"), answers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	why, err := answers.Why(ctx, roots, answers.TreeOptions{}, "payment-gateway", parse("log4j-core")[0], 10)
	if err != nil {
		t.Fatal(err)
	}
	return map[string]any{"impact": impact, "services": services, "packages": packages, "why": why}
}

// TestGoldens: every format of every answer, as it renders the bundled
// landscape, byte for byte (go test ./internal/render -update rewrites
// them; review the diff). A format that cannot show an answer must say so
// with a FormatError, and Check must agree.
func TestGoldens(t *testing.T) {
	checkGoldens(t, landscapeAnswers(t), "impact", "services", "packages", "why")
}

// checkGoldens renders each answer of all (by kind) in every format and
// compares it with testdata/golden/KIND.FORMAT; a format Check refuses
// must fail Write with a FormatError.
func checkGoldens(t *testing.T, all map[string]any, kinds ...string) {
	t.Helper()
	for _, kind := range kinds {
		for _, format := range Formats() {
			t.Run(kind+"."+format, func(t *testing.T) {
				var b bytes.Buffer
				err := Write(&b, format, all[kind], Options{})
				if Check(format, kind) != nil {
					var fe *FormatError
					if err == nil || !errors.As(err, &fe) {
						t.Fatalf("Check refuses %s for %s but Write gave %v", format, kind, err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				file := filepath.Join("testdata", "golden", kind+"."+format)
				if *update {
					if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
						t.Fatal(err)
					}
				}
				want, err := os.ReadFile(file)
				if err != nil {
					t.Fatalf("%v (go test -update writes it)", err)
				}
				if !bytes.Equal(b.Bytes(), want) {
					t.Errorf("%s differs from what %s renders now (-update rewrites it):\n%s", file, format, b.String())
				}
			})
		}
	}
}

const schemaURL = "https://github.com/sbomx/sbomx/schema/v1/sbomx.schema.json"

// schemaCompiler holds pkg/answers's schema under schemaURL.
func schemaCompiler(t *testing.T) *jsonschema.Compiler {
	t.Helper()
	c := jsonschema.NewCompiler()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(answers.Schema))
	if err != nil {
		t.Fatal(err)
	}
	if err := c.AddResource(schemaURL, doc); err != nil {
		t.Fatal(err)
	}
	return c
}

// TestJSONGoldensMatchTheSchema validates every JSON golden, and every
// ndjson line, against pkg/answers's schema: the contract the README
// promises is the one the program keeps.
func TestJSONGoldensMatchTheSchema(t *testing.T) {
	c := schemaCompiler(t)
	whole, err := c.Compile(schemaURL)
	if err != nil {
		t.Fatal(err)
	}
	def := func(name string) *jsonschema.Schema {
		s, err := c.Compile(schemaURL + "#/$defs/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	check := func(name string, s *jsonschema.Schema, data []byte) {
		v, err := jsonschema.UnmarshalJSON(bytes.NewReader(data))
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if err := s.Validate(v); err != nil {
			t.Errorf("%s does not match the schema: %v", name, err)
		}
	}
	for _, kind := range []string{"impact", "services", "packages", "why"} {
		file := filepath.Join("testdata", "golden", kind+".json")
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		check(file, whole, data)
	}
	for kind, line := range map[string]string{"impact": "Hit", "services": "ServiceInfo"} {
		file := filepath.Join("testdata", "golden", kind+".ndjson")
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
			check(fmt.Sprintf("%s:%d", file, i+1), def(line), l)
		}
	}
	// The schema must reject what the contract does not allow, or it
	// proves nothing: a null list, an unknown field, a missing one.
	for name, bad := range map[string]string{
		"null hits":     `{"schemaVersion":1,"queries":[],"hits":null,"by_owner":[],"by_product":[],"summary":{},"coverage":{}}`,
		"unknown field": `{"schemaVersion":1,"services":[],"unowned_services":[],"unclaimed_sboms":[],"coverage":{},"extra":1}`,
	} {
		v, _ := jsonschema.UnmarshalJSON(strings.NewReader(bad))
		if whole.Validate(v) == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

// TestPicturesHoldEveryEdge: the dot and mermaid goldens draw every edge
// of every path of every hit, the service's root first, the package last.
func TestPicturesHoldEveryEdge(t *testing.T) {
	res := landscapeAnswers(t)["impact"].(*answers.Result)
	for format, edge := range map[string]*regexp.Regexp{
		"dot":     regexp.MustCompile(`(?m)^  (\w+) -> (\w+)`),
		"mermaid": regexp.MustCompile(`(?m)^  (\w+) -(?:->|\.->\|present\|) (\w+)$`),
	} {
		out := render(t, format, res, Options{})
		label := map[string]string{} // node id -> first line of its label
		for _, m := range regexp.MustCompile(`(?m)^ *(\w+) *[\[(]+(?:label=)?"([^"\\<]*)`).FindAllStringSubmatch(out, -1) {
			label[m[1]] = m[2]
		}
		drawn := map[[2]string]bool{}
		for _, m := range edge.FindAllStringSubmatch(out, -1) {
			drawn[[2]string{label[m[1]], label[m[2]]}] = true
		}
		for _, h := range res.Hits {
			paths := slices.Clone(h.Paths)
			if len(paths) == 0 && len(h.Path) > 0 {
				paths = [][]string{h.Path}
			}
			for _, p := range paths {
				for i := 1; i < len(p); i++ {
					from, to := p[i-1], p[i]
					if i == 1 {
						from = h.Service
					}
					if !drawn[[2]string{from, to}] && !drawn[[2]string{from, to + " " + h.Package.Version}] {
						t.Errorf("%s: edge %s -> %s of %s's path %v not drawn", format, from, to, h.ServiceID, p)
					}
				}
			}
		}
	}
}
