package render

import (
	"bytes"
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"

	"github.com/sbomx/sbomx/pkg/answers"
	"github.com/sbomx/sbomx/pkg/query"
)

// tableFormat is the table for people: aligned columns, no borders, one
// line per row so that rows can be grepped. It is not a contract; JSON is.
type tableFormat struct{ every }

func (f tableFormat) impact(w io.Writer, res *answers.Result, o Options) error {
	switch o.By {
	case "owner":
		return f.byOwner(w, res, o)
	case "product":
		return f.byProduct(w, res, o)
	}
	return f.impactRows(w, res, o)
}

// table is a tablewriter table in sbomx's style, written through a
// trimWriter, with the presentation choices of Options applied to each
// cell.
type table struct {
	t  *tablewriter.Table
	tw *trimWriter
	o  Options
}

// newTable is the one place the table style is configured: no borders, two
// spaces between columns, upper-case headers, no wrapping (a path stays on one
// line so it can be copied and grepped).
func newTable(w io.Writer, o Options, header ...string) *table {
	out := &trimWriter{w: w, color: o.Color}
	cell := tw.CellConfig{
		Formatting: tw.CellFormatting{AutoWrap: tw.WrapNone},
		Alignment:  tw.CellAlignment{Global: tw.AlignLeft},
		Padding:    tw.CellPadding{Global: tw.Padding{Left: "", Right: "  ", Overwrite: true}},
	}
	head := cell
	head.Formatting.AutoFormat = tw.On
	t := tablewriter.NewTable(out,
		tablewriter.WithRenderer(renderer.NewBlueprint(tw.Rendition{
			Borders: tw.BorderNone,
			Symbols: tw.NewSymbols(tw.StyleNone),
			Settings: tw.Settings{
				Separators: tw.Separators{BetweenColumns: tw.Off, BetweenRows: tw.Off, ShowHeader: tw.Off},
				Lines:      tw.Lines{ShowHeaderLine: tw.Off, ShowFooterLine: tw.Off, ShowTop: tw.Off, ShowBottom: tw.Off},
			},
		})),
		tablewriter.WithConfig(tablewriter.Config{Header: head, Row: cell}),
	)
	cells := make([]any, len(header))
	for i, h := range header {
		cells[i] = h
	}
	t.Header(cells...)
	return &table{t: t, tw: out, o: o}
}

// row appends one line. Every cell but the last is shortened in the middle
// to Options.MaxCell (the last, a path or a list, stays whole: it is what
// people copy).
func (t *table) row(cells ...string) error {
	if t.o.MaxCell > 0 {
		for i := range len(cells) - 1 {
			cells[i] = Middle(cells[i], t.o.MaxCell)
		}
	}
	return t.t.Append(cells)
}

func (t *table) render() error {
	err := t.t.Render()
	t.tw.Flush()
	return cmp.Or(err, t.tw.err)
}

// impactRows writes one row per hit, grouped by service: the service, owner
// and product are printed on the service's first row only.
func (tableFormat) impactRows(w io.Writer, res *answers.Result, o Options) error {
	if len(res.Hits) == 0 {
		return nil
	}
	// Optional columns go between RELATION and PATH: QUERY when there are
	// several queries (not when they all come from advisories, which
	// ADVISORIES names), ADVISORIES when a hit has one.
	withQuery := len(res.Queries) > 1 && slices.ContainsFunc(res.Queries, func(q *query.Query) bool { return q.Advisory == "" })
	withAdvisories := slices.ContainsFunc(res.Hits, func(h answers.Hit) bool { return len(h.Advisories) > 0 })
	header := []string{"Service", "Owner", "Product", "Package", "Version", "Relation"}
	if withQuery {
		header = append(header, "Query")
	}
	if withAdvisories {
		header = append(header, "Advisories")
	}
	t := newTable(w, o, append(header, "Path")...)
	// row lays out one line: the six first columns, the optional ones, the path.
	row := func(first []string, queries, advisories, path string) []string {
		r := first
		if withQuery {
			r = append(r, queries)
		}
		if withAdvisories {
			r = append(r, advisories)
		}
		return append(r, path)
	}
	label := hitLabels(res.Hits)
	prev := ""
	var marks hitMarks
	for _, h := range res.Hits {
		svc, owner, product := label[h.ServiceID], deref(h.Owner, "unknown"), deref(h.Product, "unknown")
		if key := h.ServiceID; key == prev {
			svc, owner, product = "", "", ""
		} else {
			prev = key
		}
		rel, version, path := marks.cells(&h, res.Sources != nil)
		first := []string{svc, owner, product, h.Package.Name, version, rel}
		if err := t.row(row(first, strings.Join(h.Queries, ", "), dash(strings.Join(h.Advisories, ", ")), path)...); err != nil {
			return err
		}
		for _, p := range h.Paths {
			if strings.Join(p, " > ") == strings.Join(h.Path, " > ") {
				continue
			}
			if err := t.row(row(make([]string, 6), "", "", strings.Join(p, " > "))...); err != nil {
				return err
			}
		}
	}
	if err := t.render(); err != nil {
		return err
	}
	if notes := marks.notes(); notes != "" {
		_, err := fmt.Fprintln(w, "\n"+notes)
		return err
	}
	return nil
}

// hitMarks remembers which marks the table used, so that the notes under
// it explain those and only those.
type hitMarks struct{ inferred, unknownVersion, unknownSource bool }

// cells are a hit's RELATION, VERSION and PATH cells, with their marks:
// "*" root edges inferred, "(?)" version unknown, "[source unknown]" when
// --from/--not-from was asked and the SBOM does not say.
func (m *hitMarks) cells(h *answers.Hit, sourcesAsked bool) (rel, version, path string) {
	rel = h.Relation
	if h.Depth != nil && h.Relation == answers.Transitive {
		rel = fmt.Sprintf("transitive (%d)", *h.Depth)
	}
	if h.RootEdgesInferred {
		rel += "*"
		m.inferred = true
	}
	path = "-"
	if len(h.Path) > 0 {
		path = strings.Join(h.Path, " > ")
	}
	if n := len(h.SBOMs); n > 1 {
		path += fmt.Sprintf("  (%d SBOMs)", n)
	}
	if sourcesAsked && len(h.Sources) == 0 {
		path += "  [source unknown]"
		m.unknownSource = true
	}
	version = dash(h.Package.Version)
	if h.VersionUnknown != "" {
		version += " (?)"
		m.unknownVersion = true
	}
	return rel, version, path
}

func (m *hitMarks) notes() string {
	var notes []string
	if m.inferred {
		notes = append(notes, "* root edges inferred: the SBOM records dependencies between packages but none from its root;\n  packages nothing else depends on are taken as the root's direct dependencies.")
	}
	if m.unknownVersion {
		notes = append(notes, "(?) unknown version: it could not be compared with the query's versions, so it is reported, not dropped.")
	}
	if m.unknownSource {
		notes = append(notes, "[source unknown]: the SBOM does not record where the package came from, so --from/--not-from cannot exclude it.")
	}
	return strings.Join(notes, "\n")
}

// trimWriter drops the spaces tablewriter pads the last column with, so
// lines end where their text does. With color it makes the header line
// bold and the "(?)" of unknown versions yellow: colour is added to whole
// lines once laid out, so it never shifts a column.
type trimWriter struct {
	w     io.Writer
	color bool
	lines int
	line  []byte
	err   error
}

func (t *trimWriter) Write(p []byte) (int, error) {
	for _, b := range p {
		if b == '\n' {
			t.line = append(bytes.TrimRight(t.line, " "), '\n')
			if t.color {
				t.line = paint(t.line, t.lines == 0)
			}
			t.lines++
			t.Flush()
			continue
		}
		t.line = append(t.line, b)
	}
	return len(p), t.err
}

// Flush writes what is buffered.
func (t *trimWriter) Flush() {
	if t.err == nil && len(t.line) > 0 {
		_, t.err = t.w.Write(t.line)
	}
	t.line = t.line[:0]
}

// labels names services for a table by their ID: the name, or, when
// another service of the table shares the name, "name (ID)" so that the
// two can be told apart ("api (payments/api)").
func labels(names map[string]string) map[string]string {
	count := map[string]int{}
	for _, name := range names {
		count[name]++
	}
	out := make(map[string]string, len(names))
	for id, name := range names {
		out[id] = name
		if count[name] > 1 {
			out[id] = fmt.Sprintf("%s (%s)", name, id)
		}
	}
	return out
}

// hitLabels are the labels of the services hit.
func hitLabels(hits []answers.Hit) map[string]string {
	names := map[string]string{}
	for _, h := range hits {
		names[h.ServiceID] = h.Service
	}
	return labels(names)
}

// labelled joins the labels of services, by ID, in label order.
func labelled(ids []string, label map[string]string) string {
	out := make([]string, len(ids))
	for i, id := range ids {
		out[i] = label[id]
	}
	slices.Sort(out)
	return strings.Join(out, ", ")
}

func deref(s *string, def string) string {
	if s == nil || *s == "" {
		return def
	}
	return *s
}

func dash(s string) string {
	if s == "" {
		return "-"
	}
	return s
}

// byOwner writes one row per owner: the services hit, their products,
// and the packages found (--by owner).
func (tableFormat) byOwner(w io.Writer, res *answers.Result, o Options) error {
	if len(res.ByOwner) == 0 {
		return nil
	}
	t := newTable(w, o, "Owner", "Contact", "Services", "Products", "Packages")
	label := hitLabels(res.Hits)
	for _, g := range res.ByOwner {
		if err := t.row(deref(g.Owner, "unknown"), dash(g.Contact), labelled(g.ServiceIDs, label), dash(strings.Join(g.Products, ", ")), strings.Join(g.Packages, ", ")); err != nil {
			return err
		}
	}
	return t.render()
}

// byProduct writes one row per product (--by product).
func (tableFormat) byProduct(w io.Writer, res *answers.Result, o Options) error {
	if len(res.ByProduct) == 0 {
		return nil
	}
	t := newTable(w, o, "Product", "Domain", "Services", "Owners", "Packages")
	label := hitLabels(res.Hits)
	for _, g := range res.ByProduct {
		if err := t.row(deref(g.Product, "unknown"), dash(g.Domain), labelled(g.ServiceIDs, label), dash(strings.Join(g.Owners, ", ")), strings.Join(g.Packages, ", ")); err != nil {
			return err
		}
	}
	return t.render()
}

// services writes the inventory, one row per service.
func (tableFormat) services(w io.Writer, res *answers.ServicesResult, o Options) error {
	if len(res.Services) == 0 {
		return nil
	}
	t := newTable(w, o, "Service", "Owner", "Product", "Domain", "Sboms", "Components", "Deps", "Purl", "Owner source")
	ids := map[string]string{}
	for _, s := range res.Services {
		ids[s.ID] = s.Name
	}
	label := labels(ids)
	for _, s := range res.Services {
		deps := "no"
		if s.HasDependencyData {
			deps = "yes"
		}
		src := "-"
		if s.OwnerSource != nil {
			src = *s.OwnerSource
			if i := strings.Index(src, " ("); i > 0 {
				src = src[:i]
			}
		}
		if err := t.row(label[s.ID], deref(s.Owner, "unknown"), deref(s.Product, "unknown"), dash(s.Domain),
			strings.Join(s.SBOMs, ", "), fmt.Sprint(s.Components), deps, fmt.Sprintf("%.0f%%", 100*s.PURLCoverage), src); err != nil {
			return err
		}
	}
	return t.render()
}

// packages writes the package catalog: one row per package version.
func (tableFormat) packages(w io.Writer, res *answers.PackagesResult, o Options) error {
	if len(res.Packages) == 0 {
		return nil
	}
	t := newTable(w, o, "Package", "Ecosystem", "Version", "Services", "Direct", "Transitive", "Present")
	for _, p := range res.Packages {
		for i, v := range p.Versions {
			name, eco := p.Name, dash(p.Ecosystem)
			if i > 0 {
				name, eco = "", ""
			}
			if err := t.row(name, eco, dash(v.Version), fmt.Sprint(v.Services), fmt.Sprint(v.Direct), fmt.Sprint(v.Transitive), fmt.Sprint(v.Present)); err != nil {
				return err
			}
		}
	}
	return t.render()
}
