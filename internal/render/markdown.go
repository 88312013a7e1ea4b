package render

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/pkg/answers"
)

// markdownFormat is a paste-ready incident summary (GitHub-flavoured
// Markdown): the question, the counts, a table per product (or per owner
// with --by owner), the account of what was read.
type markdownFormat struct{ every }

func (markdownFormat) impact(w io.Writer, res *answers.Result, o Options) error {
	var b strings.Builder
	queries := make([]string, len(res.Queries))
	for i, q := range res.Queries {
		queries[i] = "`" + q.Input + "`"
	}
	fmt.Fprintf(&b, "## sbomx impact: %s\n\n", strings.Join(queries, ", "))
	s := res.Summary
	fmt.Fprintf(&b, "**%d service(s) hit**: %d directly, %d transitively, %d present without a recorded path; %d hit(s)",
		s.Services, s.ServicesByRelation.Direct, s.ServicesByRelation.Transitive, s.ServicesByRelation.Present, s.Hits)
	if s.VersionUnknown > 0 {
		fmt.Fprintf(&b, ", %d of unknown version", s.VersionUnknown)
	}
	b.WriteString(".\n\n")
	if len(s.Owners) > 0 {
		fmt.Fprintf(&b, "Owners: %s.  \n", strings.Join(s.Owners, ", "))
	}
	if len(s.Products) > 0 {
		fmt.Fprintf(&b, "Products: %s.\n", strings.Join(s.Products, ", "))
	}
	byOwner := o.By == "owner"
	for _, group := range groupHits(res.Hits, byOwner) {
		fmt.Fprintf(&b, "\n### %s\n\n", mdCell(group.name))
		other := "Owner"
		if byOwner {
			other = "Product"
		}
		fmt.Fprintf(&b, "| Service | %s | Package | Version | Relation | Path |\n|---|---|---|---|---|---|\n", other)
		for _, h := range group.hits {
			side := deref(h.Owner, "unknown")
			if byOwner {
				side = deref(h.Product, "unknown")
			}
			version := dash(h.Package.Version)
			if h.VersionUnknown != "" {
				version += " (?)"
			}
			rel := h.Relation
			if h.Depth != nil && h.Relation == answers.Transitive {
				rel = fmt.Sprintf("transitive (%d)", *h.Depth)
			}
			fmt.Fprintf(&b, "| %s | %s | %s | %s | %s | %s |\n", mdCell(h.Service), mdCell(side), mdCell(h.Package.Name), mdCell(version), rel, mdCell(dash(strings.Join(h.Path, " › "))))
		}
	}
	fmt.Fprintf(&b, "\n_%s._\n", CoverageLine(&res.Coverage))
	_, err := io.WriteString(w, b.String())
	return err
}

type hitGroup struct {
	name string
	hits []answers.Hit
}

// groupHits groups hits by product (or owner), sorted by name, unknown
// last; within a group hits keep the answer's order.
func groupHits(hits []answers.Hit, byOwner bool) []hitGroup {
	var groups []hitGroup
	at := map[string]int{}
	for _, h := range hits {
		keys := []string{deref(h.Product, "")}
		if byOwner {
			keys = h.Owners
			if len(keys) == 0 {
				keys = []string{""}
			}
		}
		for _, k := range keys {
			i, ok := at[k]
			if !ok {
				i = len(groups)
				at[k] = i
				groups = append(groups, hitGroup{name: k})
			}
			groups[i].hits = append(groups[i].hits, h)
		}
	}
	unknown := "No known product"
	if byOwner {
		unknown = "No known owner"
	}
	var known, rest []hitGroup
	for _, g := range groups {
		if g.name == "" {
			g.name = unknown
			rest = append(rest, g)
		} else {
			known = append(known, g)
		}
	}
	slices.SortFunc(known, func(a, b hitGroup) int { return strings.Compare(a.name, b.name) })
	return append(known, rest...)
}

func (markdownFormat) services(w io.Writer, res *answers.ServicesResult, _ Options) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## sbomx services\n\n%d service(s).\n\n| Service | Owner | Product | SBOMs | Components |\n|---|---|---|---|---|\n", len(res.Services))
	for _, s := range res.Services {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %d |\n", mdCell(s.Name), mdCell(deref(s.Owner, "unknown")), mdCell(deref(s.Product, "unknown")), mdCell(strings.Join(s.SBOMs, ", ")), s.Components)
	}
	fmt.Fprintf(&b, "\n_%s._\n", CoverageLine(&res.Coverage))
	_, err := io.WriteString(w, b.String())
	return err
}

func (markdownFormat) packages(w io.Writer, res *answers.PackagesResult, _ Options) error {
	var b strings.Builder
	fmt.Fprintf(&b, "## sbomx packages\n\n%d package(s).\n\n| Package | Ecosystem | Version | Services | Direct | Transitive |\n|---|---|---|---|---|---|\n", len(res.Packages))
	for _, v := range packageVersions(res) {
		fmt.Fprintf(&b, "| %s | %s | %s | %d | %d | %d |\n", mdCell(v.Name), mdCell(cmp.Or(v.Ecosystem, "-")), mdCell(dash(v.Version)), v.Services, v.Direct, v.Transitive)
	}
	fmt.Fprintf(&b, "\n_%s._\n", CoverageLine(&res.Coverage))
	_, err := io.WriteString(w, b.String())
	return err
}

// mdCell escapes what would end a table cell or start markup.
func mdCell(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;").Replace(s)
}
