package render

import (
	"bufio"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/sbomx/sbomx/pkg/answers"
)

// ndjsonFormat writes one JSON object per line: a hit, a service, or a
// package version, each complete (with its service's owner and product),
// so that `jq -c`, grep and log pipelines take a line at a time. The
// objects are the JSON contract's own types; a package version carries
// its package's id, name and ecosystem. Lines are flushed one by one.
type ndjsonFormat struct{ every }

func (ndjsonFormat) impact(w io.Writer, res *answers.Result, _ Options) error {
	return eachLine(w, len(res.Hits), func(i int) any { return &res.Hits[i] })
}

func (ndjsonFormat) services(w io.Writer, res *answers.ServicesResult, _ Options) error {
	return eachLine(w, len(res.Services), func(i int) any { return &res.Services[i] })
}

// packageVersionLine is one version of a package, for the line formats.
type packageVersionLine struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	Ecosystem string `json:"ecosystem"`
	answers.VersionInfo
}

func (ndjsonFormat) packages(w io.Writer, res *answers.PackagesResult, _ Options) error {
	lines := packageVersions(res)
	return eachLine(w, len(lines), func(i int) any { return &lines[i] })
}

func packageVersions(res *answers.PackagesResult) []packageVersionLine {
	var out []packageVersionLine
	for _, p := range res.Packages {
		for _, v := range p.Versions {
			out = append(out, packageVersionLine{p.ID, p.Name, p.Ecosystem, v})
		}
	}
	return out
}

func eachLine(w io.Writer, n int, item func(int) any) error {
	bw := bufio.NewWriter(w)
	enc := json.NewEncoder(bw)
	enc.SetEscapeHTML(false)
	for i := range n {
		if err := enc.Encode(item(i)); err != nil {
			return err
		}
		if err := bw.Flush(); err != nil {
			return err
		}
	}
	return bw.Flush()
}

// csvFormat is RFC 4180 (encoding/csv: CRLF-free lines, quotes doubled), a
// header row then one row per hit, service or package version, for
// spreadsheets. Lists are joined with "; ", paths with " > ".
type csvFormat struct{ every }

func (csvFormat) impact(w io.Writer, res *answers.Result, _ Options) error {
	rows := [][]string{{"service", "service_id", "owner", "owners", "product", "package", "version", "purl", "relation", "depth", "version_unknown", "path", "sbom", "queries", "advisories"}}
	for _, h := range res.Hits {
		depth := ""
		if h.Depth != nil {
			depth = strconv.Itoa(*h.Depth)
		}
		rows = append(rows, []string{h.Service, h.ServiceID, deref(h.Owner, ""), strings.Join(h.Owners, "; "), deref(h.Product, ""),
			h.Package.Name, h.Package.Version, h.Package.PURL, h.Relation, depth, h.VersionUnknown,
			strings.Join(h.Path, " > "), h.SBOM, strings.Join(h.Queries, "; "), strings.Join(h.Advisories, "; ")})
	}
	return writeCSV(w, rows)
}

func (csvFormat) services(w io.Writer, res *answers.ServicesResult, _ Options) error {
	rows := [][]string{{"service", "service_id", "owner", "owners", "owner_source", "product", "domain", "sboms", "components", "has_dependency_data", "purl_coverage"}}
	for _, s := range res.Services {
		rows = append(rows, []string{s.Name, s.ID, deref(s.Owner, ""), strings.Join(s.Owners, "; "), deref(s.OwnerSource, ""), deref(s.Product, ""), s.Domain,
			strings.Join(s.SBOMs, "; "), strconv.Itoa(s.Components), strconv.FormatBool(s.HasDependencyData), strconv.FormatFloat(s.PURLCoverage, 'f', 3, 64)})
	}
	return writeCSV(w, rows)
}

func (csvFormat) packages(w io.Writer, res *answers.PackagesResult, _ Options) error {
	rows := [][]string{{"id", "name", "ecosystem", "version", "services", "direct", "transitive", "present", "service_ids"}}
	for _, v := range packageVersions(res) {
		rows = append(rows, []string{v.ID, v.Name, v.Ecosystem, v.Version, strconv.Itoa(v.Services), strconv.Itoa(v.Direct),
			strconv.Itoa(v.Transitive), strconv.Itoa(v.Present), strings.Join(v.IDs, "; ")})
	}
	return writeCSV(w, rows)
}

func writeCSV(w io.Writer, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.WriteAll(rows); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return nil
}
