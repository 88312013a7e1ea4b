// Package graphtest checks, for tests and fuzz targets, the property every
// decoded document must have: its graph has only edges between known nodes,
// its paths use real edges, every dependency between two known refs is an
// edge (or a self-loop, which the graph drops), and every dependency naming an
// unknown ref is reported in the graph's Problems.
package graphtest

import (
	"errors"
	"fmt"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/internal/graph"
	"github.com/sbomx/sbomx/pkg/model"
)

// Check builds doc's graph and returns the first violation of the property.
func Check(doc *model.Document) error {
	g := graph.New(doc, "f")
	n := len(g.Nodes)
	if n != len(doc.Components)+1 {
		return fmt.Errorf("graph has %d nodes for %d components", n, len(doc.Components))
	}
	for i := range n {
		if g.Nodes[i] == nil {
			return fmt.Errorf("node %d is nil", i)
		}
		for _, d := range g.Deps(i) {
			if d < 0 || d >= n {
				return fmt.Errorf("node %d has an edge to %d, not a node (%d nodes)", i, d, n)
			}
		}
		if p := g.ShortestPath(i); p != nil {
			if p[0] != graph.Root || p[len(p)-1] != i || len(p)-1 != g.Depth(i) {
				return fmt.Errorf("bad shortest path to %d: %v (depth %d)", i, p, g.Depth(i))
			}
			for k := 1; k < len(p); k++ {
				if !slices.Contains(g.Deps(p[k-1]), p[k]) {
					return fmt.Errorf("shortest path %v to %d uses a missing edge %d -> %d", p, i, p[k-1], p[k])
				}
			}
		}
	}
	// Paths is bounded; call it on a few nodes to exercise it on odd graphs.
	for i := 1; i < n && i <= 4; i++ {
		for _, p := range g.Paths(i, 3) {
			if p[0] != graph.Root || p[len(p)-1] != i {
				return fmt.Errorf("bad path to %d: %v", i, p)
			}
		}
	}
	index := map[string]int{}
	if doc.Root != nil && doc.Root.Ref != "" {
		index[doc.Root.Ref] = graph.Root
	}
	for i := range doc.Components {
		if ref := doc.Components[i].Ref; ref != "" {
			if _, dup := index[ref]; !dup {
				index[ref] = graph.NodeOf(i)
			}
		}
	}
	for _, e := range doc.Dependencies {
		from, ok1 := index[e.From]
		to, ok2 := index[e.To]
		for _, end := range []struct {
			ok  bool
			ref string
		}{{ok1, e.From}, {ok2, e.To}} {
			if !end.ok && !slices.Contains(g.Problems, fmt.Sprintf("dependency refers to unknown ref %q", end.ref)) {
				return fmt.Errorf("edge %q -> %q names unknown ref %q, not in Problems %q", e.From, e.To, end.ref, g.Problems)
			}
		}
		if ok1 && ok2 && from != to && !slices.Contains(g.Deps(from), to) {
			return fmt.Errorf("edge %q -> %q (%d -> %d) missing from the graph", e.From, e.To, from, to)
		}
	}
	for _, p := range g.Problems {
		if strings.TrimSpace(p) == "" {
			return errors.New("empty problem")
		}
	}
	return nil
}
