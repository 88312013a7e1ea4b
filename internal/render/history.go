package render

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sbomx/sbomx/pkg/answers"
)

// windowFormat is a format that can show an exposure window (impact
// --since): the table, the JSON contract, and the line formats (one
// exposure a line or row). A graph or a SARIF log of events would say
// less than the table.
type windowFormat interface {
	window(w io.Writer, res *answers.WindowResult, o Options) error
}

// diffFormat is a format that can show a diff of two revisions.
type diffFormat interface {
	diff(w io.Writer, res *answers.DiffResult, o Options) error
}

func (jsonFormat) window(w io.Writer, res *answers.WindowResult, _ Options) error {
	return JSON(w, res)
}

func (jsonFormat) diff(w io.Writer, res *answers.DiffResult, _ Options) error { return JSON(w, res) }

func (ndjsonFormat) window(w io.Writer, res *answers.WindowResult, _ Options) error {
	return eachLine(w, len(res.Exposures), func(i int) any { return &res.Exposures[i] })
}

func (ndjsonFormat) diff(w io.Writer, res *answers.DiffResult, _ Options) error {
	return eachLine(w, len(res.Services), func(i int) any { return &res.Services[i] })
}

// HistoryLine is the one-line account of what reading history cost, for
// stderr with -v.
func HistoryLine(h *answers.HistoryStats) string {
	return fmt.Sprintf("%d commit(s) after the start, %d read (the others changed nothing read), %d tree(s) walked; %d blob(s) read (%d decoded in full, the rest ruled out by the byte search), %d file(s) reused unread",
		h.Commits, h.CommitsRead, h.Trees, h.BlobsRead, h.BlobsDecoded, h.BlobsReused)
}

// when is a revision's date as the table shows it: minutes, UTC.
func when(r answers.Revision) string {
	d := r.Date
	if len(d) >= 16 {
		return d[:10] + " " + d[11:16]
	}
	return d
}

// eventCell is a change as one table cell: when, which commit, who.
func eventCell(ev *answers.Event) string {
	if ev == nil {
		return "-"
	}
	return fmt.Sprintf("%s %s %s", when(ev.Revision), ev.Revision.Short(), ev.Revision.Author)
}

// changedHands is "a → b" when the value changed, else a.
func changedHands(then, end *string) string {
	a, b := deref(then, "unknown"), deref(end, "unknown")
	if a == b {
		return a
	}
	return a + " → " + b
}

// window writes one row per service and package: who owned the service
// (then → at the end, when it changed hands), when it came in (at the
// start, or commit, date and author with the version), when it left,
// whether it is still there, and every version seen.
func (tableFormat) window(w io.Writer, res *answers.WindowResult, o Options) error {
	if len(res.Exposures) == 0 {
		return nil
	}
	t := newTable(w, o, "Service", "Owner", "Product", "Package", "Came in", "Left", "Now", "Versions")
	for _, e := range res.Exposures {
		in := "present at start (" + strings.Join(e.StartVersions, ", ") + ")"
		if !e.PresentAtStart && e.Appeared != nil {
			in = eventCell(e.Appeared) + " (" + strings.Join(e.Appeared.Versions, ", ") + ")"
		}
		now := "gone"
		if e.PresentAtEnd {
			now = "present"
		}
		if len(e.Notes) > 0 {
			now += " (?)"
		}
		if err := t.row(e.Service, changedHands(e.OwnerThen.Owner, e.OwnerAtEnd.Owner), changedHands(e.OwnerThen.Product, e.OwnerAtEnd.Product),
			e.Package, in, eventCell(e.Left), now, strings.Join(e.Versions, ", ")); err != nil {
			return err
		}
	}
	return t.render()
}

func (csvFormat) window(w io.Writer, res *answers.WindowResult, _ Options) error {
	rows := [][]string{{"service", "service_id", "package", "package_id", "present_at_start", "start_versions",
		"appeared_commit", "appeared_date", "appeared_author", "appeared_versions", "left_commit", "left_date", "left_author",
		"present_at_end", "end_versions", "versions", "owner_then", "product_then", "owner_at_end", "product_at_end", "service_at_end"}}
	ev := func(e *answers.Event) []string {
		if e == nil {
			return []string{"", "", ""}
		}
		return []string{e.Revision.Commit, e.Revision.Date, e.Revision.Author}
	}
	for _, e := range res.Exposures {
		row := []string{e.Service, e.ServiceID, e.Package, e.PackageID, strconv.FormatBool(e.PresentAtStart), strings.Join(e.StartVersions, "; ")}
		row = append(row, ev(e.Appeared)...)
		appeared := ""
		if e.Appeared != nil {
			appeared = strings.Join(e.Appeared.Versions, "; ")
		}
		row = append(row, appeared)
		row = append(row, ev(e.Left)...)
		row = append(row, strconv.FormatBool(e.PresentAtEnd), strings.Join(e.EndVersions, "; "), strings.Join(e.Versions, "; "),
			deref(e.OwnerThen.Owner, ""), deref(e.OwnerThen.Product, ""), deref(e.OwnerAtEnd.Owner, ""), deref(e.OwnerAtEnd.Product, ""),
			strconv.FormatBool(e.ServiceAtEnd))
		rows = append(rows, row)
	}
	return writeCSV(w, rows)
}

// versionsCell is a list of versions, "-" for none.
func versionsCell(vs []string) string {
	if len(vs) == 0 {
		return "-"
	}
	return strings.Join(vs, ", ")
}

// diffRows are a service's package changes in the order the table and
// the CSV list them: added, removed, changed, kept.
func diffRows(s answers.ServiceDiff) []answers.PackageChange {
	var out []answers.PackageChange
	for _, l := range [][]answers.PackageChange{s.Added, s.Removed, s.Changed, s.Kept} {
		out = append(out, l...)
	}
	return out
}

// packageChange names what happened to one package.
func packageChange(c answers.PackageChange) string {
	switch {
	case len(c.From) == 0:
		return "added"
	case len(c.To) == 0:
		return "removed"
	case strings.Join(c.From, ",") == strings.Join(c.To, ","):
		return "kept"
	}
	return "changed"
}

// diff writes one row per package change, grouped by service: the
// service, what happened to it and its owner on its first row only.
func (tableFormat) diff(w io.Writer, res *answers.DiffResult, o Options) error {
	if len(res.Services) == 0 {
		return nil
	}
	t := newTable(w, o, "Service", "Change", "Owner", "Package", "From", "To")
	for _, s := range res.Services {
		owner := deref(s.Owner, "unknown")
		if b := s.OwnershipBefore; b != nil {
			owner = changedHands(b.Owner, s.Owner)
		}
		first := []string{s.Service, s.Change, owner}
		rows := diffRows(s)
		if len(rows) == 0 {
			if err := t.row(append(first, "-", "-", "-")...); err != nil {
				return err
			}
			continue
		}
		for i, c := range rows {
			cells := first
			if i > 0 {
				cells = []string{"", "", ""}
			}
			if err := t.row(append(cells, c.Name, versionsCell(c.From), versionsCell(c.To))...); err != nil {
				return err
			}
		}
	}
	return t.render()
}

func (csvFormat) diff(w io.Writer, res *answers.DiffResult, _ Options) error {
	rows := [][]string{{"service", "service_id", "service_change", "owner", "product", "package", "package_id", "change", "from", "to"}}
	for _, s := range res.Services {
		head := []string{s.Service, s.ServiceID, s.Change, deref(s.Owner, ""), deref(s.Product, "")}
		cs := diffRows(s)
		if len(cs) == 0 {
			rows = append(rows, append(head, "", "", "", "", ""))
		}
		for _, c := range cs {
			rows = append(rows, append(append([]string{}, head...), c.Name, c.ID, packageChange(c), strings.Join(c.From, "; "), strings.Join(c.To, "; ")))
		}
	}
	return writeCSV(w, rows)
}
