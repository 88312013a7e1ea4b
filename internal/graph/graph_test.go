package graph

import (
	stdcmp "cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/pkg/model"
)

// doc builds a document from a drawing's edges: "a>b" means a depends on b.
// "root" is the root component; every other name is a component whose ref is
// its name. Components listed in extra exist without edges.
func doc(edges string, extra ...string) *model.Document {
	d := &model.Document{Root: &model.Component{Ref: "root", Name: "root"}}
	seen := map[string]bool{"root": true}
	add := func(n string) {
		if !seen[n] {
			seen[n] = true
			d.Components = append(d.Components, model.Component{Ref: n, Name: n})
		}
	}
	for _, e := range strings.Fields(edges) {
		from, to, _ := strings.Cut(e, ">")
		add(from)
		add(to)
		d.Dependencies = append(d.Dependencies, model.Edge{From: from, To: to})
	}
	for _, n := range extra {
		add(n)
	}
	return d
}

func pathTo(g *Graph, name string) []string {
	for i, n := range g.Nodes {
		if n.Ref == name {
			p := g.ShortestPath(i)
			if p == nil {
				return nil
			}
			out := make([]string, len(p))
			for j, v := range p {
				out[j] = g.Nodes[v].Name
			}
			return out
		}
	}
	panic("no node " + name)
}

func TestShortestPath(t *testing.T) {
	tests := []struct {
		name     string
		edges    string
		extra    []string
		target   string
		want     []string
		inferred bool
	}{
		{
			//  root ─► a ─► c ─► x
			//    └───► b ─────► x      both depth 3? no: b ► x is depth 2, must win
			name:   "shorter branch wins",
			edges:  "root>a a>c c>x root>b b>x",
			target: "x",
			want:   []string{"root", "b", "x"},
		},
		{
			//  root ─► b ─► x
			//    └───► a ─► x          equal length: the lexically first parent wins
			name:   "diamond tie broken by name",
			edges:  "root>b root>a b>x a>x",
			target: "x",
			want:   []string{"root", "a", "x"},
		},
		{
			//  root ─► a ─► b ─► a (cycle) ; b ─► x
			name:   "cycle is safe",
			edges:  "root>a a>b b>a b>x",
			target: "x",
			want:   []string{"root", "a", "b", "x"},
		},
		{
			//  root has no edges; p ─► q ─► x : p is what nothing depends on
			name:     "root edges inferred from sources",
			edges:    "p>q q>x",
			target:   "x",
			want:     []string{"root", "p", "q", "x"},
			inferred: true,
		},
		{
			//  root has no edges; c1 ◄─► c2 is a cycle nothing outside depends on; c2 ─► x
			name:     "members of a source cycle become direct",
			edges:    "c1>c2 c2>c1 c2>x",
			target:   "x",
			want:     []string{"root", "c2", "x"},
			inferred: true,
		},
		{
			//  root ─► a ; z ─► x but nothing reaches z from the root
			name:   "unreachable is no path",
			edges:  "root>a z>x",
			target: "x",
			want:   nil,
		},
		{
			name:   "no edges at all gives no path",
			edges:  "",
			extra:  []string{"x"},
			target: "x",
			want:   nil,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			g := New(doc(tt.edges, tt.extra...), "file.json")
			if diff := cmp.Diff(tt.want, pathTo(g, tt.target)); diff != "" {
				t.Errorf("path (-want +got):\n%s", diff)
			}
			if g.RootEdgesInferred != tt.inferred {
				t.Errorf("RootEdgesInferred = %v, want %v", g.RootEdgesInferred, tt.inferred)
			}
		})
	}
}

func TestProblems(t *testing.T) {
	d := doc("root>a")
	d.Dependencies = append(d.Dependencies, model.Edge{From: "a", To: "ghost"})
	d.Components = append(d.Components, model.Component{Ref: "a", Name: "a-again"})
	g := New(d, "f.json")
	want := []string{
		`2 components share the ref "a"; each is kept, and the relationships naming it attach to every one`,
		`dependency refers to unknown ref "ghost"`,
	}
	if diff := cmp.Diff(want, g.Problems); diff != "" {
		t.Errorf("problems (-want +got):\n%s", diff)
	}
	// Both components with ref "a" are reached by root>a.
	for _, n := range []int{1, len(g.Nodes) - 1} {
		if p := g.ShortestPath(n); len(p) != 2 {
			t.Errorf("path to node %d (%s) = %v, want root > it", n, g.Nodes[n].Name, p)
		}
	}
}

func TestNoRootComponent(t *testing.T) {
	d := doc("p>x")
	d.Root = nil
	g := New(d, "bom.json")
	if !g.Synthetic || g.Nodes[Root].Name != "bom.json" {
		t.Fatalf("root = %+v, synthetic %v", g.Nodes[Root], g.Synthetic)
	}
	if diff := cmp.Diff([]string{"bom.json", "p", "x"}, pathTo(g, "x")); diff != "" {
		t.Errorf("path (-want +got):\n%s", diff)
	}
}

func TestPathsBounded(t *testing.T) {
	// A ladder of 40 diamonds has 2^40 root-to-x paths; asking for 5 must
	// return 5 quickly, the shortest first.
	var b strings.Builder
	prev := "root"
	for i := range 40 {
		l, r, j := "l"+itoa(i), "r"+itoa(i), "j"+itoa(i)
		b.WriteString(prev + ">" + l + " " + prev + ">" + r + " " + l + ">" + j + " " + r + ">" + j + " ")
		prev = j
	}
	b.WriteString(prev + ">x root>x")
	g := New(doc(b.String()), "f")
	x := -1
	for i, n := range g.Nodes {
		if n.Ref == "x" {
			x = i
		}
	}
	paths := g.Paths(x, 5)
	if len(paths) != 5 {
		t.Fatalf("got %d paths, want 5", len(paths))
	}
	if len(paths[0]) != 2 {
		t.Errorf("first path %v is not the shortest (root > x)", paths[0])
	}
	seen := map[string]bool{}
	for _, p := range paths {
		k := fmt.Sprint(p)
		if seen[k] {
			t.Errorf("duplicate path %v", p)
		}
		seen[k] = true
		if p[0] != Root || p[len(p)-1] != x {
			t.Errorf("path %v does not run root..x", p)
		}
	}
}

func TestDeterministic(t *testing.T) {
	// Same document, components in another order: same path.
	a := New(doc("root>m root>k m>x k>x"), "f")
	b := New(doc("root>k root>m k>x m>x"), "f")
	if diff := cmp.Diff(pathTo(a, "x"), pathTo(b, "x")); diff != "" {
		t.Errorf("order-dependent path (-a +b):\n%s", diff)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// TestAdjacencyOrder: dependencies are listed by display name, version,
// ref, then position, once each, also around prefixes, case and equal fields.
func TestAdjacencyOrder(t *testing.T) {
	doc := &model.Document{Root: &model.Component{Ref: "root", Name: "app"}}
	names := []string{"lodash", "lodash.merge", "lodash", "Lodash", "", "a\x01b", "a", "ab", "lodash", "a\x00b"}
	versions := []string{"1.0", "1.0", "0.9", "1.0", "", "1", "", "1", "1.0", ""}
	for i := range names {
		ref := fmt.Sprintf("r%d", len(names)-i)
		doc.Components = append(doc.Components, model.Component{Ref: ref, Name: names[i], Version: versions[i]})
		doc.Dependencies = append(doc.Dependencies, model.Edge{From: "root", To: ref}, model.Edge{From: "root", To: ref})
	}
	doc.Components = append(doc.Components, model.Component{Ref: "grp", Group: "lodash", Name: "a"}, model.Component{Ref: "dup", Name: "lodash", Version: "1.0"}, model.Component{Ref: "dup", Name: "lodash", Version: "1.0"})
	doc.Dependencies = append(doc.Dependencies, model.Edge{From: "root", To: "grp"}, model.Edge{From: "root", To: "dup"})
	g := New(doc, "sbom.json")
	var want []int
	for i := 1; i < len(g.Nodes); i++ { // both "dup" get the edge naming their ref
		want = append(want, i)
	}
	slices.SortFunc(want, func(a, b int) int {
		x, y := g.Nodes[a], g.Nodes[b]
		return stdcmp.Or(strings.Compare(x.DisplayName(), y.DisplayName()), strings.Compare(x.Version, y.Version), strings.Compare(x.Ref, y.Ref), a-b)
	})
	if got := g.Deps(Root); !slices.Equal(got, want) {
		t.Errorf("Deps(root) = %v, want %v", got, want)
	}
}

// TestPrefix8 checks that where two names' prefix8 differ they order as the
// names do (sortUnique relies on it).
func TestPrefix8(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	alphabet := "\x00\x01ab.-/:Az~\xff"
	word := func() string {
		b := make([]byte, r.IntN(12))
		for i := range b {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
		return string(b)
	}
	for range 200000 {
		a, b := word(), word()
		if pa, pb := prefix8(a), prefix8(b); pa != pb && stdcmp.Compare(pa, pb) != strings.Compare(a, b) {
			t.Fatalf("%q %q: prefixes %x %x order differently", a, b, pa, pb)
		}
	}
}
