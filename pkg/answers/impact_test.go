package answers

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/decode"
	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/query"
)

// landscapeDir is the example landscape of the repository.
func landscapeDir(t testing.TB) string {
	t.Helper()
	return repotest.Testdata(t, "landscape")
}

func run(t *testing.T, dir string, maxPaths int, qs ...string) *Result {
	t.Helper()
	var parsed []*query.Query
	for _, s := range qs {
		q, err := query.Parse(s)
		if err != nil {
			t.Fatal(err)
		}
		parsed = append(parsed, q)
	}
	res, err := Run(context.Background(), []Root{{FS: os.DirFS(dir), Name: dir}}, Options{Queries: parsed, MaxPaths: maxPaths})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// expected is the part of shared/landscape-expected/<query>.json compared here.
type expected struct {
	Services []struct {
		Service      string   `json:"service"`
		Owner        *string  `json:"owner"`
		Relationship string   `json:"relationship"`
		Depth        int      `json:"depth"`
		Sboms        []string `json:"sboms"`
		Matches      []struct {
			Version string `json:"version"`
		} `json:"matches"`
	} `json:"services"`
}

type row struct {
	Service, Relation string
	Depth             int
	Versions          string
	SBOMs             string
	Owner             string
}

// TestLandscapeExpected compares sbomx with the answers computed independently
// with jq in shared/landscape-expected (read their conventions). The one
// deliberate difference is listed in the README: with no dependency data at
// all, sbomx says "present" where the jq convention says "direct".
func TestLandscapeExpected(t *testing.T) {
	dir := repotest.Shared(t, "landscape-expected")
	cases := []struct{ file, query string }{
		{"torchtriton.json", "torchtriton"},
		{"log4j-core.json", "log4j-core"},
		{"lodash.json", "pkg:npm/lodash"},
		{"golang.org-x-net.json", "golang.org/x/net"},
		{"flatmap-stream.json", "flatmap-stream"},
	}
	deliberate := map[string]row{
		// syft SPDX of deployed jars with no package->package edges: sbomx will not invent a path.
		"log4j-core.json settlement-batch": {Service: "settlement-batch", Relation: "present", Depth: -1, Versions: "2.19.0", SBOMs: "payments/settlement-batch/sbom.spdx.json", Owner: "team-payments-core"},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			data, err := os.ReadFile(filepath.Join(dir, c.file))
			if err != nil {
				t.Fatal(err)
			}
			var exp expected
			if err := json.Unmarshal(data, &exp); err != nil {
				t.Fatal(err)
			}
			var want []row
			for _, s := range exp.Services {
				if d, ok := deliberate[c.file+" "+s.Service]; ok {
					want = append(want, d)
					continue
				}
				var vs []string
				for _, m := range s.Matches {
					vs = append(vs, m.Version)
				}
				sort.Strings(vs)
				sb := slices.Clone(s.Sboms)
				sort.Strings(sb)
				owner := ""
				if s.Owner != nil {
					owner = *s.Owner
				}
				want = append(want, row{s.Service, s.Relationship, s.Depth, strings.Join(slices.Compact(vs), ","), strings.Join(sb, ","), owner})
			}
			res := run(t, landscapeDir(t), 0, c.query)
			got := rowsOf(res)
			sortRows(want)
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s (-jq +sbomx):\n%s", c.query, diff)
			}
		})
	}
}

// rowsOf folds hits into one row per service, like the expected answers.
func rowsOf(res *Result) []row {
	by := map[string]*row{}
	var order []string
	for _, h := range res.Hits {
		r := by[h.Service]
		if r == nil {
			r = &row{Service: h.Service, Relation: h.Relation, Depth: -1}
			if h.Owner != nil {
				r.Owner = *h.Owner
			}
			by[h.Service] = r
			order = append(order, h.Service)
		}
		if h.Depth != nil && (r.Depth < 0 || *h.Depth < r.Depth) {
			r.Depth = *h.Depth
			r.Relation = h.Relation
		}
		vs := strings.Split(r.Versions, ",")
		if r.Versions == "" {
			vs = nil
		}
		vs = append(vs, h.Package.Version)
		sort.Strings(vs)
		r.Versions = strings.Join(slices.Compact(vs), ",")
		sb := strings.Split(r.SBOMs, ",")
		if r.SBOMs == "" {
			sb = nil
		}
		sb = append(sb, h.SBOMs...)
		sort.Strings(sb)
		r.SBOMs = strings.Join(slices.Compact(sb), ",")
	}
	var out []row
	for _, s := range order {
		out = append(out, *by[s])
	}
	sortRows(out)
	return out
}

func sortRows(r []row) {
	sort.Slice(r, func(i, j int) bool { return r[i].Service < r[j].Service })
}

func TestAppAndImageSBOMAreOneService(t *testing.T) {
	res := run(t, landscapeDir(t), 0, "torchtriton")
	var eta *Hit
	for i := range res.Hits {
		if res.Hits[i].Service == "eta-predictor" {
			eta = &res.Hits[i]
		}
	}
	if eta == nil {
		t.Fatal("eta-predictor not hit")
	}
	want := []string{"logistics/eta-predictor/container.cdx.json", "logistics/eta-predictor/sbom.spdx.json"}
	if diff := cmp.Diff(want, eta.SBOMs); diff != "" {
		t.Errorf("sboms (-want +got):\n%s", diff)
	}
	if len(eta.Evidence) != 2 {
		t.Errorf("evidence = %d, want one per SBOM", len(eta.Evidence))
	}
}

func TestNoMatchIsCompleteEmptyResult(t *testing.T) {
	res := run(t, landscapeDir(t), 0, "flatmap-stream")
	if res.Hits == nil || len(res.Hits) != 0 {
		t.Errorf("hits = %#v, want empty non-nil slice", res.Hits)
	}
	if !res.Coverage.Complete() || res.Coverage.SBOMsRead != 42 || res.Coverage.FilesSeen != 64 {
		t.Errorf("coverage = %+v", res.Coverage)
	}
}

func TestDeterministicJSON(t *testing.T) {
	a, _ := json.Marshal(run(t, landscapeDir(t), 3, "lodash", "golang.org/x/net"))
	for range 3 {
		b, _ := json.Marshal(run(t, landscapeDir(t), 3, "lodash", "golang.org/x/net"))
		if string(a) != string(b) {
			t.Fatal("two runs gave different JSON")
		}
	}
}

// TestPathsAreReal checks every evidence path against its own SBOM: each step
// is a dependency edge the file records (the first step may be inferred, and
// then it must say so).
func TestPathsAreReal(t *testing.T) {
	res := run(t, landscapeDir(t), 3, "lodash", "golang.org/x/net", "log4j-core", "torchtriton", "urllib3", "debian-archive-keyring", "requests", "golang.org/x/sys", "react", "libc6", "protobuf")
	if len(res.Hits) < 40 {
		t.Fatalf("only %d hits; the test wants many paths", len(res.Hits))
	}
	docs := map[string]map[[2]string]bool{}
	checked := 0
	for _, h := range res.Hits {
		for _, ev := range h.Evidence {
			if ev.Relation == Present {
				if ev.Path != nil || ev.Depth != nil {
					t.Errorf("%s: present with a path", ev.SBOM)
				}
				continue
			}
			edges := docs[ev.SBOM]
			if edges == nil {
				edges = edgesOf(t, filepath.Join(landscapeDir(t), ev.SBOM))
				docs[ev.SBOM] = edges
			}
			if len(ev.PathRefs) != len(ev.Path) || len(ev.Path) != *ev.Depth+1 {
				t.Fatalf("%s: path %v refs %v depth %d disagree", ev.SBOM, ev.Path, ev.PathRefs, *ev.Depth)
			}
			for i := 0; i+1 < len(ev.PathRefs); i++ {
				e := [2]string{ev.PathRefs[i], ev.PathRefs[i+1]}
				if i == 0 && ev.RootEdgesInferred {
					continue
				}
				if !edges[e] {
					t.Errorf("%s: step %s -> %s is not an edge of the SBOM", ev.SBOM, e[0], e[1])
				}
				checked++
			}
		}
	}
	t.Logf("%d path steps checked", checked)
}

func edgesOf(t *testing.T, file string) map[[2]string]bool {
	data, err := os.ReadFile(file)
	if err != nil {
		t.Fatal(err)
	}
	doc, err := decode.Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	m := map[[2]string]bool{}
	for _, e := range doc.Dependencies {
		m[[2]string{e.From, e.To}] = true
	}
	return m
}

// TestLandscapeOwners checks every service's owner (with its source kind),
// product, SBOMs and root names (as the SBOMs write them, npm scope
// included) against shared/landscape-expected/services.json, which
// was computed with jq from the same catalog files, CODEOWNERS and SBOM
// metadata. The product needs the layout that testdata/landscape/.sbomx.yaml
// declares.
func TestLandscapeOwners(t *testing.T) {
	data, err := os.ReadFile(repotest.Shared(t, "landscape-expected/services.json"))
	if err != nil {
		t.Fatal(err)
	}
	var exp struct {
		Services []struct {
			Service     string   `json:"service"`
			Product     string   `json:"product"`
			Owner       *string  `json:"owner"`
			Owners      []string `json:"owners"`
			OwnerSource *string  `json:"owner_source"`
			Sboms       []string `json:"sboms"`
			RootNames   []string `json:"root_names"`
		} `json:"services"`
	}
	if err := json.Unmarshal(data, &exp); err != nil {
		t.Fatal(err)
	}
	tree, err := LoadTree(context.Background(), []Root{{FS: os.DirFS(landscapeDir(t)), Name: "landscape"}}, TreeOptions{}, nil)
	if err != nil {
		t.Fatal(err)
	}
	inv := tree.Parts[0].Inventory
	type svc struct{ Name, Product, Owner, Owners, Source, SBOMs, RootNames string }
	var want, got []svc
	for _, s := range exp.Services {
		o, src := "", ""
		if s.Owner != nil {
			o = *s.Owner
		}
		if s.OwnerSource != nil {
			src = *s.OwnerSource
		}
		sb := slices.Clone(s.Sboms)
		sort.Strings(sb)
		roots := slices.Compact(slices.Sorted(slices.Values(s.RootNames))) // one per SBOM there, once each here
		want = append(want, svc{s.Service, s.Product, o, strings.Join(s.Owners, ","), src, strings.Join(sb, ","), strings.Join(roots, ",")})
	}
	for _, s := range inv.Services {
		src, _, _ := strings.Cut(s.OwnerSource, ":")
		got = append(got, svc{s.Name, s.Product, s.Owner, strings.Join(s.Owners, ","), src, strings.Join(s.SBOMs, ","), strings.Join(s.RootNames, ",")})
	}
	byName := func(a, b svc) int { return strings.Compare(a.Name, b.Name) }
	slices.SortFunc(want, byName)
	slices.SortFunc(got, byName)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("services (-jq +sbomx):\n%s", diff)
	}
}

// TestSummaryAddsUp: each service counts once, by its closest relation, so
// the service counts add up to Services; hits are counted apart.
func TestSummaryAddsUp(t *testing.T) {
	owner := "team-a"
	hit := func(svc, rel string, unknown string) Hit {
		return Hit{Service: svc, ServiceID: svc, Relation: rel, VersionUnknown: unknown, Owner: &owner, Owners: []string{owner}}
	}
	s := summarize([]Hit{
		hit("a", Present, ""), hit("a", Direct, ""), hit("a", Transitive, ""), // a: direct
		hit("b", Transitive, "no ecosystem"), hit("b", Present, ""), // b: transitive
		hit("c", Present, ""), // c: present only
	})
	want := RelationCounts{Direct: 1, Transitive: 1, Present: 1}
	if s.Services != 3 || s.ServicesByRelation != want {
		t.Errorf("services %d by relation %+v, want 3 %+v", s.Services, s.ServicesByRelation, want)
	}
	if s.Hits != 6 || s.Direct != 1 || s.Transitive != 2 || s.Present != 3 || s.VersionUnknown != 1 {
		t.Errorf("hits %d (direct %d, transitive %d, present %d, version unknown %d), want 6 (1, 2, 3, 1)", s.Hits, s.Direct, s.Transitive, s.Present, s.VersionUnknown)
	}
}
