package render

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/pkg/answers"
)

// picture is the impact answer as a graph, the one model the dot and
// mermaid formats draw: each service's root in a box of its product, the
// packages on the paths from the roots to the hit drawn once however many
// services share them, the hit packages highlighted. Nodes and edges are
// sorted, so the same answer draws the same text.
type picture struct {
	products []pictureGroup
	shared   []pictureNode // packages on the way, outside any product
	hits     []pictureNode // the packages the queries matched
	edges    []pictureEdge
}

type pictureGroup struct {
	name     string // "" for services of no known product
	services []pictureNode
}

type pictureNode struct{ id, label, note string }

// pictureEdge: dashed when no dependency path is recorded (the package is
// only present in the service's SBOM).
type pictureEdge struct {
	from, to string
	dashed   bool
}

func newPicture(res *answers.Result) *picture {
	p := &picture{}
	ids := map[string]string{} // node key -> id
	id := func(key, prefix string) (string, bool) {
		if v, ok := ids[key]; ok {
			return v, false
		}
		v := fmt.Sprintf("%s%d", prefix, len(ids))
		ids[key] = v
		return v, true
	}
	groups := map[string]*pictureGroup{}
	edges := map[pictureEdge]bool{}
	for _, h := range res.Hits {
		product := deref(h.Product, "")
		g := groups[product]
		if g == nil {
			g = &pictureGroup{name: product}
			groups[product] = g
		}
		svc, isNew := id("service "+h.ServiceID, "s")
		if isNew {
			g.services = append(g.services, pictureNode{svc, h.Service, deref(h.Owner, "no owner")})
		}
		hit, isNew := id("hit "+h.Package.Name+"@"+h.Package.Version, "h")
		if isNew {
			p.hits = append(p.hits, pictureNode{hit, h.Package.Name, h.Package.Version})
		}
		paths := h.Paths
		if len(paths) == 0 && len(h.Path) > 0 {
			paths = [][]string{h.Path}
		}
		if len(paths) == 0 {
			edges[pictureEdge{svc, hit, true}] = true
		}
		for _, path := range paths {
			prev := svc
			for i := 1; i < len(path); i++ {
				to := hit
				if i < len(path)-1 {
					var isNew bool
					to, isNew = id("package "+path[i], "n")
					if isNew {
						p.shared = append(p.shared, pictureNode{to, path[i], ""})
					}
				}
				edges[pictureEdge{prev, to, false}] = true
				prev = to
			}
		}
	}
	for _, g := range groups {
		p.products = append(p.products, *g)
	}
	slices.SortFunc(p.products, func(a, b pictureGroup) int {
		// the services of no known product last
		return cmp.Or(cmp.Compare(b2i(a.name == ""), b2i(b.name == "")), cmp.Compare(a.name, b.name))
	})
	for e := range edges {
		p.edges = append(p.edges, e)
	}
	slices.SortFunc(p.edges, func(a, b pictureEdge) int { return cmp.Or(cmp.Compare(a.from, b.from), cmp.Compare(a.to, b.to)) })
	return p
}

// dotFormat is Graphviz DOT (`dot -Tsvg`).
type dotFormat struct{ unsupported }

func (dotFormat) impact(w io.Writer, res *answers.Result, _ Options) error {
	p := newPicture(res)
	var b strings.Builder
	b.WriteString("digraph impact {\n  rankdir=LR;\n  node [shape=box, fontname=\"Helvetica\"];\n")
	for i, g := range p.products {
		fmt.Fprintf(&b, "  subgraph cluster_%d {\n    label=%s;\n    style=rounded;\n", i, dotQuote(cmp.Or(g.name, "no known product")))
		for _, s := range g.services {
			fmt.Fprintf(&b, "    %s [label=%s];\n", s.id, dotQuote(s.label+"\n"+s.note))
		}
		b.WriteString("  }\n")
	}
	for _, n := range p.shared {
		fmt.Fprintf(&b, "  %s [label=%s, shape=ellipse];\n", n.id, dotQuote(n.label))
	}
	for _, n := range p.hits {
		fmt.Fprintf(&b, "  %s [label=%s, shape=ellipse, style=\"filled,bold\", fillcolor=\"#ffb3a7\", color=\"#c0392b\"];\n", n.id, dotQuote(n.label+"\n"+n.note))
	}
	for _, e := range p.edges {
		style := ""
		if e.dashed {
			style = " [style=dashed, label=\"present\"]"
		}
		fmt.Fprintf(&b, "  %s -> %s%s;\n", e.from, e.to, style)
	}
	b.WriteString("}\n")
	_, err := io.WriteString(w, b.String())
	return err
}

func dotQuote(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`)
	return `"` + r.Replace(s) + `"`
}

// mermaidFormat is a Mermaid flowchart in a ```mermaid fence: pasted in a
// GitHub or GitLab issue it renders as it is.
type mermaidFormat struct{ unsupported }

func (mermaidFormat) impact(w io.Writer, res *answers.Result, _ Options) error {
	p := newPicture(res)
	var b strings.Builder
	b.WriteString("```mermaid\nflowchart LR\n")
	for i, g := range p.products {
		fmt.Fprintf(&b, "  subgraph product%d[%s]\n", i, mermaidQuote(cmp.Or(g.name, "no known product")))
		for _, s := range g.services {
			fmt.Fprintf(&b, "    %s[%s]\n", s.id, mermaidQuote(s.label+"<br/>"+s.note))
		}
		b.WriteString("  end\n")
	}
	for _, n := range p.shared {
		fmt.Fprintf(&b, "  %s(%s)\n", n.id, mermaidQuote(n.label))
	}
	for _, n := range p.hits {
		fmt.Fprintf(&b, "  %s([%s])\n", n.id, mermaidQuote(n.label+" "+n.note))
	}
	for _, e := range p.edges {
		arrow := "-->"
		if e.dashed {
			arrow = "-.->|present|"
		}
		fmt.Fprintf(&b, "  %s %s %s\n", e.from, arrow, e.to)
	}
	if len(p.hits) > 0 {
		ids := make([]string, len(p.hits))
		for i, n := range p.hits {
			ids[i] = n.id
		}
		fmt.Fprintf(&b, "  classDef hit fill:#ffb3a7,stroke:#c0392b,stroke-width:2px\n  class %s hit\n", strings.Join(ids, ","))
	}
	b.WriteString("```\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// mermaidQuote quotes a label; Mermaid has no backslash escapes, only
// entity codes.
func mermaidQuote(s string) string {
	return `"` + strings.NewReplacer(`"`, "#quot;", "\n", "<br/>").Replace(s) + `"`
}

// unsupported is embedded by the formats that show impact answers only.
type unsupported struct{}

func (unsupported) shows(answer string) bool { return answer == "impact" }

func (unsupported) services(io.Writer, *answers.ServicesResult, Options) error {
	return errUnsupported("services")
}

func (unsupported) packages(io.Writer, *answers.PackagesResult, Options) error {
	return errUnsupported("packages")
}

func errUnsupported(answer string) error { return &FormatError{Answer: answer} }

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}
