package export

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp/cmpopts"
	"github.com/parquet-go/parquet-go"

	gocmp "github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/graph"
	"github.com/sbomx/sbomx/pkg/answers"
	"github.com/sbomx/sbomx/pkg/model"
)

func landscape(t *testing.T) []answers.Root {
	t.Helper()
	dir, err := filepath.Abs("../../testdata/landscape")
	if err != nil {
		t.Fatal(err)
	}
	return []answers.Root{{FS: os.DirFS(dir), Dir: ".", Name: dir}}
}

func read[T any](t *testing.T, path string) []T {
	t.Helper()
	rows, err := parquet.ReadFile[T](path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return rows
}

// exported is an export of the bundled landscape, read back.
type exported struct {
	sum        *Summary
	services   []Service
	components []Component
	edges      []Edge
	files      []File
}

func exportLandscape(t *testing.T, filter answers.Filter) exported {
	t.Helper()
	out := t.TempDir()
	sum, err := Export(context.Background(), landscape(t), answers.TreeOptions{}, filter, out)
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	if want := []string{ComponentsFile, EdgesFile, FilesFile, ServicesFile}; !slices.Equal(names, want) {
		t.Errorf("the output folder holds %v, want %v (no temporary or spill file left)", names, want)
	}
	x := exported{
		sum:        sum,
		services:   read[Service](t, filepath.Join(out, ServicesFile)),
		components: read[Component](t, filepath.Join(out, ComponentsFile)),
		edges:      read[Edge](t, filepath.Join(out, EdgesFile)),
		files:      read[File](t, filepath.Join(out, FilesFile)),
	}
	for _, c := range []struct {
		table     string
		got, want int64
	}{{"services", int64(len(x.services)), sum.Services}, {"components", int64(len(x.components)), sum.Components}, {"edges", int64(len(x.edges)), sum.Edges}, {"files", int64(len(x.files)), sum.Files}} {
		if c.got != c.want {
			t.Errorf("%s: %d rows read back, the summary says %d", c.table, c.got, c.want)
		}
	}
	return x
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// TestServicesAgainstAnswers: services.parquet is "sbomx services", row for
// row: every service with its owners, product and where they came from.
func TestServicesAgainstAnswers(t *testing.T) {
	x := exportLandscape(t, answers.Filter{})
	res, err := answers.Services(context.Background(), landscape(t), answers.TreeOptions{}, answers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Services) < 40 {
		t.Fatalf("the landscape has %d services; the test expects the bundled one", len(res.Services))
	}
	unclaimed := map[string]bool{}
	for _, f := range res.Unclaimed {
		unclaimed[f] = true
	}
	var want []Service
	for _, s := range res.Services {
		want = append(want, Service{
			ServiceID: s.ID, Name: s.Name, NameSource: s.NameSource,
			Owner: s.Owner, Owners: s.Owners, OwnerSource: s.OwnerSource,
			Product: s.Product, ProductSource: s.ProductSource,
			Domain: opt(s.Domain), Lifecycle: opt(s.Lifecycle), Contact: opt(s.Contact),
			Claimed:   !slices.ContainsFunc(s.SBOMs, func(f string) bool { return unclaimed[f] }),
			SBOMFiles: s.SBOMs, RootNames: s.RootNames, Formats: s.Formats,
			Components: int64(s.Components), HasDependencyData: s.HasDependencyData,
		})
	}
	if diff := gocmp.Diff(want, x.services, cmpopts.EquateEmpty()); diff != "" {
		t.Errorf("services.parquet differs from sbomx services (-want +got):\n%s", diff)
	}
	owned, products := 0, 0
	for _, s := range x.services {
		if len(s.Owners) > 0 {
			owned++
		}
		if s.Product != nil {
			products++
		}
	}
	if owned < 30 || products < 30 {
		t.Errorf("%d services with owners, %d with a product: the landscape names more", owned, products)
	}
	if x.sum.Coverage.Services != len(res.Services) || x.sum.Coverage.SBOMsRead != res.Coverage.SBOMsRead ||
		x.sum.Coverage.FilesSeen != res.Coverage.FilesSeen || x.sum.Coverage.FilesSkipped != res.Coverage.FilesSkipped {
		t.Errorf("coverage %+v, sbomx services says %+v", x.sum.Coverage, res.Coverage)
	}
}

// TestComponentsAgainstPackages: components.parquet, grouped as "sbomx
// packages" groups (package id, then version; each service once, with its
// closest relation), is its catalog exactly.
func TestComponentsAgainstPackages(t *testing.T) {
	x := exportLandscape(t, answers.Filter{})
	res, err := answers.Packages(context.Background(), landscape(t), answers.TreeOptions{}, nil, answers.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	names := map[string]string{} // service id -> name
	for _, s := range x.services {
		names[s.ServiceID] = s.Name
	}
	type key struct{ id, version string }
	depth := map[key]map[string]int32{} // closest depth per service
	eco := map[string]string{}
	pkgNames := map[string][]string{}
	for _, c := range x.components {
		if c.IsFile {
			continue
		}
		k := key{c.PackageID, deref(c.Version)}
		if depth[k] == nil {
			depth[k] = map[string]int32{}
		}
		d, seen := depth[k][c.ServiceID]
		if !seen || c.Depth >= 0 && (d < 0 || c.Depth < d) {
			depth[k][c.ServiceID] = c.Depth
		}
		eco[c.PackageID] = deref(c.Ecosystem)
		if !slices.Contains(pkgNames[c.PackageID], c.PackageName) {
			pkgNames[c.PackageID] = append(pkgNames[c.PackageID], c.PackageName)
		}
		if want := relation(c.Depth); c.Relation != want {
			t.Errorf("%s in %s: depth %d, relation %q", c.Name, c.SBOMFile, c.Depth, c.Relation)
		}
	}
	versions := 0
	for _, p := range res.Packages {
		if eco[p.ID] != p.Ecosystem || !slices.Contains(pkgNames[p.ID], p.Name) {
			t.Errorf("package %s: ecosystem %q and names %q in the export, sbomx packages says %q and %q", p.ID, eco[p.ID], pkgNames[p.ID], p.Ecosystem, p.Name)
		}
		all := map[string]bool{}
		for _, v := range p.Versions {
			versions++
			svcs := depth[key{p.ID, v.Version}]
			var ids, ns []string
			var direct, transitive, present int
			for id, d := range svcs {
				ids = append(ids, id)
				ns = append(ns, names[id])
				all[id] = true
				switch relation(d) {
				case "direct":
					direct++
				case "transitive":
					transitive++
				default:
					present++
				}
			}
			slices.Sort(ids)
			slices.Sort(ns)
			if !slices.Equal(ids, v.IDs) || !slices.Equal(ns, v.Names) || direct != v.Direct || transitive != v.Transitive || present != v.Present {
				t.Errorf("%s@%s: the export has services %v (%d direct, %d transitive, %d present), sbomx packages %v (%d, %d, %d)",
					p.ID, v.Version, ids, direct, transitive, present, v.IDs, v.Direct, v.Transitive, v.Present)
			}
		}
		if len(all) != p.Services {
			t.Errorf("%s: %d services in the export, %d in sbomx packages", p.ID, len(all), p.Services)
		}
	}
	if versions != len(depth) {
		t.Errorf("the export has %d (package, version) pairs, sbomx packages %d", len(depth), versions)
	}
	if versions < 500 {
		t.Errorf("only %d package versions: the landscape has more", versions)
	}
	// The torchtriton answer of the README's SQL.
	var hits []string
	for _, c := range x.components {
		if c.Name == "torchtriton" {
			hits = append(hits, names[c.ServiceID]+" "+deref(c.Version))
		}
	}
	slices.Sort(hits)
	hits = slices.Compact(hits)
	if want := []string{"eta-predictor 2.0.0+0d7e753227", "model-trainer 2.0.0+0d7e753227"}; !slices.Equal(hits, want) {
		t.Errorf("torchtriton is in %v, want %v", hits, want)
	}
}

// sbom is what an independent read of the tree finds in one SBOM.
type sbom struct {
	service    string
	components []Component // without service, file and relation
	edges      [][2]int32  // graph edges, node pairs
	refs       []*string   // by node
	docEdges   map[[2]string]bool
	root       model.Component
}

// TestEdgesAndComponentsAgainstGraph: every SBOM's component rows are its
// components, in order, and its edge rows are its graph's edges; the edges
// the SBOM records (between known refs) are all there, and only those, but
// for the root edges sbomx inferred.
func TestEdgesAndComponentsAgainstGraph(t *testing.T) {
	x := exportLandscape(t, answers.Filter{})
	var mu sync.Mutex
	read := map[string]*sbom{}
	tree, err := answers.LoadTree(context.Background(), landscape(t), answers.TreeOptions{}, func(file string, doc *model.Document, g *graph.Graph) any {
		s := &sbom{docEdges: map[[2]string]bool{}}
		if doc.Root != nil {
			s.root = *doc.Root
		}
		for i, c := range doc.Components {
			s.components = append(s.components, Component{
				Node: int32(graph.NodeOf(i)), Ref: opt(c.Ref), Name: c.Name, Group: opt(c.Group), Version: opt(c.Version), PURL: opt(c.PURL), Type: opt(c.Type),
				PackageID: c.ID.String(), PackageName: c.DisplayName(), Ecosystem: opt(c.ID.Type), Depth: int32(g.Depth(graph.NodeOf(i))), IsFile: c.IsFile(),
			})
		}
		for n, c := range g.Nodes {
			s.refs = append(s.refs, opt(c.Ref))
			for _, d := range g.Deps(n) {
				s.edges = append(s.edges, [2]int32{int32(n), int32(d)})
			}
		}
		known := map[string]bool{}
		for _, r := range s.refs {
			if r != nil {
				known[*r] = true
			}
		}
		for _, e := range doc.Dependencies {
			if known[e.From] && known[e.To] && e.From != e.To {
				s.docEdges[[2]string{e.From, e.To}] = true
			}
		}
		mu.Lock()
		read[file] = s
		mu.Unlock()
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for p, f := range tree.Files() {
		if s := read[p.Shown(f)]; s != nil {
			s.service = p.ServiceOf(f).ID
		}
	}
	comps := map[string][]Component{}
	for _, c := range x.components {
		comps[c.SBOMFile] = append(comps[c.SBOMFile], c)
	}
	edges := map[string][]Edge{}
	for _, e := range x.edges {
		edges[e.SBOMFile] = append(edges[e.SBOMFile], e)
	}
	files := map[string]File{}
	for _, f := range x.files {
		files[f.Path] = f
	}
	if len(read) < 40 || len(comps) != len(read) {
		t.Fatalf("%d SBOMs read, %d in components.parquet", len(read), len(comps))
	}
	nEdges := 0
	for file, s := range read {
		// Components, in order.
		var got []Component
		for _, c := range comps[file] {
			if c.ServiceID != s.service {
				t.Errorf("%s: component %s of service %s, the tree says %s", file, c.Name, c.ServiceID, s.service)
			}
			c.ServiceID, c.SBOMFile, c.Relation = "", "", ""
			got = append(got, c)
		}
		if diff := gocmp.Diff(s.components, got, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: components differ (-graph +export):\n%s", file, diff)
		}
		// Edges: the graph's, in order.
		var pairs [][2]int32
		exported := map[[2]string]bool{}
		inferred := files[file].RootEdgesInferred
		for _, e := range edges[file] {
			if e.ServiceID != s.service {
				t.Errorf("%s: edge of service %s, the tree says %s", file, e.ServiceID, s.service)
			}
			pairs = append(pairs, [2]int32{e.FromNode, e.ToNode})
			from, to := deref(e.FromRef), deref(e.ToRef)
			if from != deref(s.refs[e.FromNode]) || to != deref(s.refs[e.ToNode]) {
				t.Errorf("%s: edge %d->%d has refs %q->%q, the nodes' are %q->%q", file, e.FromNode, e.ToNode, from, to, deref(s.refs[e.FromNode]), deref(s.refs[e.ToNode]))
			}
			if e.Inferred != (inferred && e.FromNode == 0) {
				t.Errorf("%s: edge %q->%q inferred %v", file, from, to, e.Inferred)
			}
			if !e.Inferred && from != to {
				exported[[2]string{from, to}] = true
			}
		}
		nEdges += len(pairs)
		if !slices.Equal(pairs, s.edges) {
			t.Errorf("%s: edges %v, the graph's are %v", file, pairs, s.edges)
		}
		if diff := gocmp.Diff(s.docEdges, exported, cmpopts.EquateEmpty()); diff != "" {
			t.Errorf("%s: edges differ from the SBOM's dependencies (-SBOM +export):\n%s", file, diff)
		}
		// The file's row.
		fr := files[file]
		if fr.Status != "sbom" || deref(fr.ServiceID) != s.service || fr.Components != int64(len(s.components)) ||
			deref(fr.RootRef) != s.root.Ref || deref(fr.RootName) != s.root.Name || deref(fr.RootVersion) != s.root.Version || deref(fr.RootPURL) != s.root.PURL {
			t.Errorf("%s: files.parquet row %+v; service %s, %d components, root %+v", file, fr, s.service, len(s.components), s.root)
		}
	}
	if nEdges < 1000 {
		t.Errorf("only %d edges: the landscape has more", nEdges)
	}
}

// TestFiles: every file of the walk has a row, with its status and reason.
func TestFiles(t *testing.T) {
	x := exportLandscape(t, answers.Filter{})
	c := x.sum.Coverage
	count := map[string]int{}
	for _, f := range x.files {
		count[f.Status]++
		if (f.Status == "sbom") != (f.ServiceID != nil && f.Format != nil && f.Reason == nil) {
			t.Errorf("%s: %+v", f.Path, f)
		}
		if f.Status == "skipped" && f.Reason == nil {
			t.Errorf("%s: skipped with no reason", f.Path)
		}
	}
	if len(x.files) != c.FilesSeen || count["sbom"] != c.SBOMsRead || count["skipped"] != c.FilesSkipped || count["failed"] != c.FilesFailed {
		t.Errorf("statuses %v of %d files; coverage %+v", count, len(x.files), c)
	}
}

// TestNulls: a string the SBOM does not give is NULL, never "", in every
// optional column of every table.
func TestNulls(t *testing.T) {
	x := exportLandscape(t, answers.Filter{})
	nulls, values := map[string]int{}, map[string]int{}
	check := func(table string, row any) {
		v := reflect.ValueOf(row)
		for i := range v.NumField() {
			f := v.Field(i)
			if f.Kind() != reflect.Pointer {
				continue
			}
			col := table + "." + strings.Split(v.Type().Field(i).Tag.Get("parquet"), ",")[0]
			switch {
			case f.IsNil():
				nulls[col]++
			case f.Elem().String() == "":
				t.Fatalf("%s: an empty string where NULL is meant: %+v", col, row)
			default:
				values[col]++
			}
		}
	}
	for _, r := range x.services {
		check("services", r)
	}
	for _, r := range x.components {
		check("components", r)
	}
	for _, r := range x.edges {
		check("edges", r)
	}
	for _, r := range x.files {
		check("files", r)
	}
	for _, col := range []string{"components.group", "components.version", "components.purl", "services.owner", "files.reason", "files.root_version"} {
		if nulls[col] == 0 || values[col] == 0 {
			t.Errorf("%s: %d NULL, %d values; the landscape has both", col, nulls[col], values[col])
		}
	}
}

// TestFilter: --owner keeps that team's services and their rows; files
// still accounts for every file; an owner no service has is an error.
func TestFilter(t *testing.T) {
	all := exportLandscape(t, answers.Filter{})
	x := exportLandscape(t, answers.NewFilter([]string{"team-ml-research"}, nil))
	kept := map[string]bool{}
	for _, s := range x.services {
		if !slices.Contains(s.Owners, "team-ml-research") {
			t.Errorf("service %s, owners %v, passed the filter", s.Name, s.Owners)
		}
		kept[s.ServiceID] = true
	}
	if len(kept) == 0 || len(kept) == len(all.services) {
		t.Fatalf("%d of %d services kept", len(kept), len(all.services))
	}
	want := 0
	for _, c := range all.components {
		if kept[c.ServiceID] {
			want++
		}
	}
	for _, c := range x.components {
		if !kept[c.ServiceID] {
			t.Fatalf("component of %s, which the filter drops", c.ServiceID)
		}
	}
	if len(x.components) != want || len(x.files) != len(all.files) {
		t.Errorf("%d components (want %d), %d files (want %d)", len(x.components), want, len(x.files), len(all.files))
	}
	_, err := Export(context.Background(), landscape(t), answers.TreeOptions{}, answers.NewFilter([]string{"team-ml-reserch"}, nil), t.TempDir())
	var fe *answers.FilterError
	if !errors.As(err, &fe) || fe.Kind != "owner" || !slices.Contains(fe.Closest, "team-ml-research") {
		t.Errorf("a misspelt owner: %v", err)
	}
}

// TestAtomic: a table that cannot be written leaves no file behind, and an
// earlier export's tables stay whole.
func TestAtomic(t *testing.T) {
	out := t.TempDir()
	if _, err := Export(context.Background(), landscape(t), answers.TreeOptions{}, answers.Filter{}, out); err != nil {
		t.Fatal(err)
	}
	before, err := os.ReadFile(filepath.Join(out, ServicesFile))
	if err != nil {
		t.Fatal(err)
	}
	// A folder where the table should go: the rename fails.
	blocked := t.TempDir()
	if err := os.Mkdir(filepath.Join(blocked, EdgesFile), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(blocked, EdgesFile, "x"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Export(context.Background(), landscape(t), answers.TreeOptions{}, answers.Filter{}, blocked); err == nil {
		t.Error("no error when a table cannot be renamed into place")
	}
	entries, _ := os.ReadDir(blocked)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), ".") {
			t.Errorf("%s left behind", e.Name())
		}
	}
	after, _ := os.ReadFile(filepath.Join(out, ServicesFile))
	if !slices.Equal(before, after) {
		t.Error("the earlier export changed")
	}
}
