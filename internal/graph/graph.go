// Package graph builds the dependency graph of one SBOM document and answers
// path questions on it: how is this component reached from the document root?
//
// Invariants, written down once: a node is a component of one document, keyed
// by its Ref (bom-ref / SPDXID), which means nothing outside that document.
// Edges point dependent -> dependency. Node 0 is the root. Adjacency lists are
// sorted (by display name, version, ref), so a breadth-first search visits
// nodes in a fixed order and shortest-path ties are broken the same way on
// every run.
package graph

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/pkg/model"
)

// Root is the node index of the document root.
const Root = 0

// Graph is the dependency graph of one document.
type Graph struct {
	// Nodes[0] is the root (the document's root component, or a stand-in named
	// after the file when the SBOM names none); Nodes[i+1] is Components[i].
	Nodes []*model.Component
	deps  [][]int32
	index map[string]int32

	// Synthetic reports that the root is a stand-in, not from the SBOM.
	Synthetic bool
	// HasDependencyData reports that the document has at least one usable
	// dependency edge. Without it every match is only "present".
	HasDependencyData bool
	// RootEdgesInferred reports that the SBOM records dependency edges but
	// none from its root, so the root's direct dependencies were inferred:
	// the components nothing else depends on, plus the members of dependency
	// cycles nothing outside the cycle depends on.
	RootEdgesInferred bool
	// Problems are the document's graph faults: duplicate refs, edges to refs
	// that name no component. They are reported, never fatal.
	Problems []string

	dist   []int32 // BFS distance from the root, -1 when unreachable
	parent []int32
	// shared lists, for the first node of a ref that several components
	// share, the others (SPDX documents that give one SPDXID to each
	// version of a package; CycloneDX duplicate bom-refs).
	shared map[int32][]int32
	names  []string // display names of nodes, computed when first needed
	prefix []uint64 // prefix8 of each name, with names
}

// New builds the graph of doc. rootName names the stand-in root of a
// document that has no root component.
func New(doc *model.Document, rootName string) *Graph {
	g := &Graph{index: make(map[string]int32, len(doc.Components)+1)}
	g.addNodes(doc, rootName)
	pairs, dangling := g.resolveEdges(doc.Dependencies)
	g.HasDependencyData = len(pairs) > 0
	g.layOut(pairs)
	for _, ref := range sortedKeys(dangling) {
		g.Problems = append(g.Problems, fmt.Sprintf("dependency refers to unknown ref %q", ref))
	}
	for i := range g.deps {
		g.deps[i] = g.sortUnique(g.deps[i])
	}
	if g.HasDependencyData && len(g.deps[Root]) == 0 {
		g.inferRootEdges()
	}
	g.bfs()
	if g.HasDependencyData {
		g.reportUnreached()
	}
	return g
}

// addNodes makes the root node 0 (a synthetic one named rootName when the
// SBOM names none) and every component a node, indexing them by ref. A
// component whose ref an earlier one has is kept (SPDX documents share
// SPDXIDs between versions of a package) and recorded as sharing it.
func (g *Graph) addNodes(doc *model.Document, rootName string) {
	root := doc.Root
	if root == nil {
		root = &model.Component{Ref: "", Name: rootName}
		g.Synthetic = true
	}
	g.Nodes = make([]*model.Component, 0, len(doc.Components)+1)
	g.Nodes = append(g.Nodes, root)
	if root.Ref != "" {
		g.index[root.Ref] = Root
	}
	for i := range doc.Components {
		c := &doc.Components[i]
		n := int32(len(g.Nodes))
		g.Nodes = append(g.Nodes, c)
		if c.Ref == "" {
			continue
		}
		if first, seen := g.index[c.Ref]; seen {
			if g.shared == nil {
				g.shared = map[int32][]int32{}
			}
			g.shared[first] = append(g.shared[first], n)
			continue
		}
		g.index[c.Ref] = n
	}
	g.reportShared()
}

// edge is a dependency resolved to its two nodes.
type edge struct{ from, to int32 }

// resolveEdges turns refs into node pairs. Consecutive edges mostly share a
// From: it is looked up once per run. An edge naming a ref several
// components share attaches to each of them; refs naming no node are
// counted in dangling.
func (g *Graph) resolveEdges(deps []model.Edge) (pairs []edge, dangling map[string]int) {
	pairs = make([]edge, 0, len(deps))
	miss := func(ref string) {
		if dangling == nil {
			dangling = map[string]int{}
		}
		dangling[ref]++
	}
	lastFrom, from, fromOK := "", int32(0), false
	for i, e := range deps {
		if i == 0 || e.From != lastFrom {
			lastFrom = e.From
			from, fromOK = g.index[e.From]
		}
		to, toOK := g.index[e.To]
		if !fromOK {
			miss(e.From)
		}
		if !toOK {
			miss(e.To)
		}
		if !fromOK || !toOK {
			continue
		}
		if g.shared == nil {
			if from != to {
				pairs = append(pairs, edge{from, to})
			}
			continue
		}
		for _, f := range g.sharing(from) {
			for _, t := range g.sharing(to) {
				if f != t {
					pairs = append(pairs, edge{f, t})
				}
			}
		}
	}
	return pairs, dangling
}

// layOut puts the targets of every node in one array, each node's in a run
// of it (a counting sort by From): one allocation, not one per node.
func (g *Graph) layOut(pairs []edge) {
	start := make([]int32, len(g.Nodes)+1)
	for _, p := range pairs {
		start[p.from+1]++
	}
	for i := 1; i < len(start); i++ {
		start[i] += start[i-1]
	}
	targets := make([]int32, len(pairs))
	next := slices.Clone(start[:len(g.Nodes)]) // where each node's next target goes
	for _, p := range pairs {
		targets[next[p.from]] = p.to
		next[p.from]++
	}
	g.deps = make([][]int32, len(g.Nodes))
	for i := range g.deps {
		if a, b := start[i], start[i+1]; a < b {
			g.deps[i] = targets[a:b:b]
		}
	}
}

// sharing returns n and the nodes that share its ref.
func (g *Graph) sharing(n int32) []int32 {
	if more := g.shared[n]; len(more) > 0 {
		return append([]int32{n}, more...)
	}
	return []int32{n}
}

// reportShared names each ref several components share.
func (g *Graph) reportShared() {
	firsts := make([]int32, 0, len(g.shared))
	for n := range g.shared {
		firsts = append(firsts, n)
	}
	slices.Sort(firsts)
	for _, n := range firsts {
		g.Problems = append(g.Problems, fmt.Sprintf("%d components share the ref %q; each is kept, and the relationships naming it attach to every one", len(g.shared[n])+1, g.Nodes[n].Ref))
	}
}

// reportUnreached names components the dependency graph does not reach from
// the root: a match among them is only "present", and the SBOM should say why.
func (g *Graph) reportUnreached() {
	var names []string
	n := 0
	for i := 1; i < len(g.Nodes); i++ {
		if g.dist[i] >= 0 {
			continue
		}
		n++
		if len(names) < 3 {
			c := g.Nodes[i]
			names = append(names, fmt.Sprintf("%s@%s (%s)", c.DisplayName(), c.Version, c.Ref))
		}
	}
	if n == 0 {
		return
	}
	more := ""
	if n > len(names) {
		more = fmt.Sprintf(" and %d more", n-len(names))
	}
	g.Problems = append(g.Problems, fmt.Sprintf("%d of %d component(s) not reached from the root by the dependency graph: %s%s", n, len(g.Nodes)-1, strings.Join(names, ", "), more))
}

// sortUnique sorts a list of nodes for deterministic traversal, by display
// name, version, ref, then position, and drops repeats. The display names are
// made once per graph, when first needed.
func (g *Graph) sortUnique(s []int32) []int32 {
	if len(s) < 2 {
		return s
	}
	if g.names == nil {
		g.names = make([]string, len(g.Nodes))
		g.prefix = make([]uint64, len(g.Nodes))
		for i, c := range g.Nodes {
			g.names[i] = c.DisplayName()
			g.prefix[i] = prefix8(g.names[i])
		}
	}
	slices.SortFunc(s, func(a, b int32) int {
		if a == b {
			return 0
		}
		if pa, pb := g.prefix[a], g.prefix[b]; pa != pb {
			return cmp.Compare(pa, pb) // the names differ in their first 8 bytes
		}
		x, y := g.Nodes[a], g.Nodes[b]
		return cmp.Or(strings.Compare(g.names[a], g.names[b]), strings.Compare(x.Version, y.Version), strings.Compare(x.Ref, y.Ref), cmp.Compare(a, b))
	})
	return slices.Compact(s)
}

// prefix8 is the first 8 bytes of s, big-endian, padded with zeros: where
// two differ they order as their strings do.
func prefix8(s string) uint64 {
	var k uint64
	for i := 0; i < 8; i++ {
		k <<= 8
		if i < len(s) {
			k |= uint64(s[i])
		}
	}
	return k
}

// inferRootEdges makes the root depend on every source of the graph: nodes
// no other node depends on, and every member of a strongly connected
// component (a cycle) that no node outside it depends on.
func (g *Graph) inferRootEdges() {
	comp := g.sccs()
	n := len(g.Nodes)
	hasOutsideDependent := make([]bool, n) // indexed by component id
	for from := 1; from < n; from++ {
		for _, to := range g.deps[from] {
			if comp[from] != comp[to] {
				hasOutsideDependent[comp[to]] = true
			}
		}
	}
	var roots []int32
	for v := 1; v < n; v++ {
		if !hasOutsideDependent[comp[v]] {
			roots = append(roots, int32(v))
		}
	}
	g.deps[Root] = g.sortUnique(roots)
	g.RootEdgesInferred = len(roots) > 0
}

// sccs labels each node with its strongly connected component (Tarjan's
// algorithm, iterative so deep graphs cannot overflow the stack). The root is
// excluded: it has no edges when this runs.
func (g *Graph) sccs() []int32 {
	n := len(g.Nodes)
	index := make([]int32, n)
	low := make([]int32, n)
	comp := make([]int32, n)
	onStack := make([]bool, n)
	for i := range index {
		index[i] = -1
	}
	var stack []int32
	type frame struct{ v, next int32 }
	var call []frame
	var counter, ncomp int32
	for s := 1; s < n; s++ {
		if index[s] >= 0 {
			continue
		}
		call = append(call, frame{v: int32(s)})
		index[s], low[s] = counter, counter
		counter++
		stack = append(stack, int32(s))
		onStack[s] = true
		for len(call) > 0 {
			f := &call[len(call)-1]
			v := f.v
			if int(f.next) < len(g.deps[v]) {
				w := g.deps[v][f.next]
				f.next++
				if index[w] < 0 {
					index[w], low[w] = counter, counter
					counter++
					stack = append(stack, w)
					onStack[w] = true
					call = append(call, frame{v: w})
				} else if onStack[w] {
					low[v] = min(low[v], index[w])
				}
				continue
			}
			if low[v] == index[v] {
				for {
					w := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					onStack[w] = false
					comp[w] = ncomp
					if w == v {
						break
					}
				}
				ncomp++
			}
			call = call[:len(call)-1]
			if len(call) > 0 {
				p := call[len(call)-1].v
				low[p] = min(low[p], low[v])
			}
		}
	}
	return comp
}

// bfs computes distances and first-found parents from the root.
func (g *Graph) bfs() {
	n := len(g.Nodes)
	g.dist = make([]int32, n)
	g.parent = make([]int32, n)
	for i := range g.dist {
		g.dist[i], g.parent[i] = -1, -1
	}
	g.dist[Root] = 0
	queue := []int32{Root}
	for len(queue) > 0 {
		v := queue[0]
		queue = queue[1:]
		for _, w := range g.deps[v] {
			if g.dist[w] < 0 {
				g.dist[w] = g.dist[v] + 1
				g.parent[w] = v
				queue = append(queue, w)
			}
		}
	}
}

// NodeOf returns the node index of components[i] of the document.
func NodeOf(i int) int { return i + 1 }

// Depth is the length of the shortest dependency path from the root to node,
// or -1 when the SBOM proves no path.
func (g *Graph) Depth(node int) int { return int(g.dist[node]) }

// ShortestPath returns the node indexes of one shortest path from the root to
// node (root first), or nil when there is none. Among equally short paths it
// returns the one breadth-first search finds first over sorted adjacency.
func (g *Graph) ShortestPath(node int) []int {
	if g.dist[node] < 0 {
		return nil
	}
	path := make([]int, g.dist[node]+1)
	for i, v := len(path)-1, int32(node); i >= 0; i-- {
		path[i] = int(v)
		v = g.parent[v]
	}
	return path
}

// Deps returns the sorted direct dependencies of node.
func (g *Graph) Deps(node int) []int {
	out := make([]int, len(g.deps[node]))
	for i, d := range g.deps[node] {
		out[i] = int(d)
	}
	return out
}

// Paths returns up to max distinct simple paths from the root to node, the
// shortest first, then in a fixed order. It never enumerates every path (their
// number can grow exponentially): it searches only nodes that can reach the
// target and stops after max paths or a fixed amount of work.
func (g *Graph) Paths(node, max int) [][]int {
	first := g.ShortestPath(node)
	if first == nil || max <= 0 {
		return nil
	}
	paths := [][]int{first}
	if max == 1 {
		return paths
	}
	// Nodes that can reach the target (reverse closure), so the search never
	// wanders into branches that cannot end at it.
	reaches := make([]bool, len(g.Nodes))
	rev := make([][]int32, len(g.Nodes))
	for v := range g.deps {
		for _, w := range g.deps[v] {
			rev[w] = append(rev[w], int32(v))
		}
	}
	stack := []int32{int32(node)}
	reaches[node] = true
	for len(stack) > 0 {
		v := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		for _, u := range rev[v] {
			if !reaches[u] {
				reaches[u] = true
				stack = append(stack, u)
			}
		}
	}
	const budget = 200000
	work := 0
	onPath := make([]bool, len(g.Nodes))
	var cur []int
	var found [][]int
	var dfs func(v int) bool
	dfs = func(v int) bool {
		work++
		if work > budget || len(found) >= 4*max {
			return false
		}
		cur = append(cur, v)
		onPath[v] = true
		defer func() { cur = cur[:len(cur)-1]; onPath[v] = false }()
		if v == node {
			found = append(found, slices.Clone(cur))
			return true
		}
		for _, w := range g.deps[v] {
			if reaches[w] && !onPath[w] {
				if !dfs(int(w)) && (work > budget || len(found) >= 4*max) {
					return false
				}
			}
		}
		return true
	}
	dfs(Root)
	slices.SortStableFunc(found, func(a, b []int) int { return cmp.Compare(len(a), len(b)) })
	for _, p := range found {
		if len(paths) >= max {
			break
		}
		if !slices.Equal(p, first) {
			paths = append(paths, p)
		}
	}
	return paths
}

func sortedKeys(m map[string]int) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
