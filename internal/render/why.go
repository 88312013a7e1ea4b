package render

import (
	"fmt"
	"io"
	"strings"

	"github.com/sbomx/sbomx/pkg/answers"
)

// whyFormat is a format that can show a why answer: the tree for people
// and the JSON contract; a table row or a graph of one service's paths
// would say less than the tree.
type whyFormat interface {
	why(w io.Writer, res *answers.WhyResult, o Options) error
}

func (jsonFormat) why(w io.Writer, res *answers.WhyResult, _ Options) error { return JSON(w, res) }

// why draws each match as `npm explain` does, an indented tree from the
// SBOM's root, paths sharing their first hops, each hop with its version,
// then how many paths were left out.
func (tableFormat) why(w io.Writer, res *answers.WhyResult, o Options) error {
	var b strings.Builder
	s := res.Service
	fmt.Fprintf(&b, "%s (%s): owner %s, product %s\n", s.Name, s.ID, deref(s.Owner, "unknown"), deref(s.Product, "unknown"))
	for _, m := range res.Matches {
		version := dash(m.Package.Version)
		if m.VersionUnknown != "" {
			version += " (?)"
		}
		fmt.Fprintf(&b, "\n%s %s, %s, in %s\n", m.Package.Name, version, m.Relation, m.SBOM)
		if len(m.Paths) == 0 {
			b.WriteString("  no dependency path from the SBOM's root reaches it\n")
			continue
		}
		drawTree(&b, m.Paths)
		if left := m.PathsTotal - len(m.Paths); left > 0 {
			more := fmt.Sprint(left)
			if m.PathsTotalAtLeast {
				more = "at least " + more
			}
			fmt.Fprintf(&b, "  (%d of %s paths shown; %s more: --max-paths shows more)\n", len(m.Paths), total(m), more)
		}
		if m.RootEdgesInferred {
			b.WriteString("  * root edges inferred: the SBOM records none from its root\n")
		}
	}
	if len(res.Matches) == 0 {
		fmt.Fprintf(&b, "\nno component of its SBOMs matches %s\n", res.Query.Input)
	}
	out := b.String()
	if o.Color {
		out = string(paint([]byte(out), false))
	}
	_, err := io.WriteString(w, out)
	return err
}

func total(m answers.WhyMatch) string {
	if m.PathsTotalAtLeast {
		return fmt.Sprintf("at least %d", m.PathsTotal)
	}
	return fmt.Sprint(m.PathsTotal)
}

// drawTree writes paths as one tree: a hop shared by consecutive paths
// (the same component at the same place) is drawn once.
func drawTree(b *strings.Builder, paths [][]answers.Hop) {
	type node struct {
		hop  answers.Hop
		kids []*node
	}
	root := &node{}
	for _, p := range paths {
		n := root
		for _, h := range p {
			var next *node
			for _, k := range n.kids {
				if k.hop == h {
					next = k
				}
			}
			if next == nil {
				next = &node{hop: h}
				n.kids = append(n.kids, next)
			}
			n = next
		}
	}
	var draw func(n *node, indent string, last, top bool)
	draw = func(n *node, indent string, last, top bool) {
		label := n.hop.Name
		if n.hop.Version != "" {
			label += "@" + n.hop.Version
		}
		branch, next := "├─ ", "│  "
		if last {
			branch, next = "└─ ", "   "
		}
		if top {
			branch, next = "", ""
		}
		fmt.Fprintf(b, "  %s%s%s\n", indent, branch, label)
		for i, k := range n.kids {
			draw(k, indent+next, i == len(n.kids)-1, false)
		}
	}
	for _, k := range root.kids {
		draw(k, "", true, true)
	}
}
