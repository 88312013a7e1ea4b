// Package advisory reads OSV vulnerability records and turns each affected package into a query.
//
// An OSV record (https://ossf.github.io/osv-schema/) lists, under "affected",
// the packages it concerns and, for each, the versions it affects: SEMVER and
// ECOSYSTEM ranges and an explicit list of versions. Each affected entry that
// names a package becomes one *query.Query whose Versions decide the version
// with OSV's own evaluation (versions.Affected). GIT ranges name commits,
// which SBOM versions are not: they are left out, with a note; an entry that
// gives only GIT ranges still becomes a query, whose every version match is
// "unknown" (an error from its matcher), so the impact report lists each
// version of the package as a hit of unknown version rather than missing it.
package advisory

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/internal/match/versions"
	"github.com/sbomx/sbomx/internal/support/yamlx"
	"github.com/sbomx/sbomx/pkg/model"
	"github.com/sbomx/sbomx/pkg/query"
)

// Advisory is one OSV record, as queries.
type Advisory struct {
	ID      string
	Aliases []string
	// Summary is the record's summary, or the first sentence of its details
	// when it has none (PyPI's records have only details).
	Summary string
	// Withdrawn is the record's "withdrawn" time, as written; "" when it stands.
	Withdrawn string
	File      string
	// Queries holds one query per affected entry that names a package, in
	// the record's order. Two entries for the same package (one per range,
	// as GitHub writes them) give two queries with the same Input.
	Queries []*query.Query
	// Notes says what the queries cannot do or what was left out, each note
	// naming the record and, where it concerns one, the affected entry
	// (0-based, as jq counts: affected[0]).
	Notes []string
}

// osvRecord is the part of an OSV record sbomx reads. Everything else
// (details, severity, references, database_specific, ecosystem_specific,
// credits, ...) is ignored.
type osvRecord struct {
	SchemaVersion string        `json:"schema_version"`
	ID            string        `json:"id"`
	Aliases       []string      `json:"aliases"`
	Summary       string        `json:"summary"`
	Details       string        `json:"details"`
	Withdrawn     string        `json:"withdrawn"`
	Affected      []osvAffected `json:"affected"`
}

type osvAffected struct {
	Package *struct {
		Ecosystem string `json:"ecosystem"`
		Name      string `json:"name"`
		PURL      string `json:"purl"`
	} `json:"package"`
	Ranges []struct {
		Type   string              `json:"type"`
		Repo   string              `json:"repo"`
		Events []versions.OSVEvent `json:"events"`
	} `json:"ranges"`
	Versions []string `json:"versions"`
}

// ErrGitOnly is what the matcher of a GIT-only entry answers for every
// version: the impact code reports such a component as of unknown version.
var ErrGitOnly = errors.New("the advisory gives only GIT ranges (commits), which cannot be compared with SBOM versions")

// gitOnly is the matcher of an affected entry that gives only GIT ranges.
type gitOnly struct{ label string }

// Match implements versions.Matcher: it never knows.
func (gitOnly) Match(string, string) (bool, error) { return false, ErrGitOnly }

func (g gitOnly) String() string { return g.label + ": GIT ranges only" }

// Load reads one OSV record, JSON or YAML (a name ending in .json is read as
// JSON; anything else as JSON when it starts with "{", else as YAML), and
// returns one query per affected package. name is used in errors and kept as
// File. A record without an id, or with no affected entry naming a package,
// is an error; a withdrawn record is loaded, with a note.
func Load(name string, data []byte) (*Advisory, error) {
	rec, err := decode(name, data)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	rec.ID = strings.TrimSpace(rec.ID)
	if rec.ID == "" {
		return nil, fmt.Errorf("%s: not an OSV record: no id", name)
	}
	if len(rec.Affected) == 0 {
		return nil, fmt.Errorf("%s: OSV record %s lists no affected package", name, rec.ID)
	}
	a := &Advisory{
		ID:        rec.ID,
		Aliases:   rec.Aliases,
		Summary:   summary(rec),
		Withdrawn: rec.Withdrawn,
		File:      name,
	}
	var withdrawn string
	if rec.Withdrawn != "" {
		withdrawn = rec.ID + ": withdrawn " + rec.Withdrawn + " (the record no longer stands)"
		a.Notes = append(a.Notes, withdrawn)
	}
	for i, aff := range rec.Affected {
		q, notes := entryQuery(rec.ID, i, aff)
		a.Notes = append(a.Notes, notes...)
		if q == nil {
			continue
		}
		if withdrawn != "" {
			notes = append([]string{withdrawn}, notes...)
		}
		q.Note = strings.Join(notes, "; ")
		a.Queries = append(a.Queries, q)
	}
	if len(a.Queries) == 0 {
		return nil, fmt.Errorf("%s: OSV record %s: no affected entry names a package", name, rec.ID)
	}
	return a, nil
}

func decode(name string, data []byte) (*osvRecord, error) {
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	trimmed := bytes.TrimSpace(data)
	if len(trimmed) == 0 {
		return nil, errors.New("not an OSV record: empty file")
	}
	isJSON := strings.EqualFold(filepath.Ext(name), ".json") || trimmed[0] == '{' || trimmed[0] == '['
	if !isJSON {
		// Every scalar as text: an unquoted version 1.10 must stay "1.10".
		j, err := yamlx.ToJSONStrings(data)
		if err != nil {
			return nil, fmt.Errorf("not an OSV record: %w", err)
		}
		data = j
	}
	var rec osvRecord
	if err := json.Unmarshal(data, &rec); err != nil {
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			if te.Field == "" {
				return nil, fmt.Errorf("not an OSV record: a JSON %s, not an object", te.Value)
			}
			return nil, fmt.Errorf("not an OSV record: %s is a JSON %s", te.Field, te.Value)
		}
		return nil, fmt.Errorf("not an OSV record: %w", err)
	}
	return &rec, nil
}

// summary returns the record's summary, else the first sentence (or line)
// of its details, cut at 160 bytes.
func summary(rec *osvRecord) string {
	if s := strings.TrimSpace(rec.Summary); s != "" {
		return s
	}
	d := strings.TrimSpace(rec.Details)
	if i := strings.Index(d, ". "); i >= 0 {
		d = d[:i+1]
	}
	if i := strings.IndexByte(d, '\n'); i >= 0 {
		d = d[:i]
	}
	if len(d) > 160 {
		cut := 157
		for cut > 0 && d[cut]&0xc0 == 0x80 { // not inside a UTF-8 sequence
			cut--
		}
		d = d[:cut] + "..."
	}
	return strings.TrimSpace(d)
}

// entryQuery turns affected[i] into a query, with the notes it needs; nil
// when the entry names no package.
func entryQuery(id string, i int, aff osvAffected) (*query.Query, []string) {
	where := fmt.Sprintf("affected[%d]", i)
	p := aff.Package
	if p == nil || (strings.TrimSpace(p.Name) == "" && strings.TrimSpace(p.PURL) == "") {
		return nil, []string{fmt.Sprintf("%s %s: names no package: skipped", id, where)}
	}
	eco, name := strings.TrimSpace(p.Ecosystem), strings.TrimSpace(p.Name)
	q := &query.Query{Kind: query.KindPURL, Advisory: id}
	var notes []string
	parsed := false
	if p.PURL != "" {
		if pu, ok := model.ParsePURL(strings.TrimSpace(p.PURL)); ok {
			q.Type, q.Namespace, q.Name = pu.ID.Type, pu.ID.Namespace, pu.ID.Name
			parsed = true
		} else {
			notes = append(notes, fmt.Sprintf("%s %s: package.purl %q is not a valid package URL: the ecosystem and name are used", id, where, p.PURL))
		}
	}
	if !parsed && name == "" {
		return nil, append(notes, fmt.Sprintf("%s %s: names no package: skipped", id, where))
	}
	if name == "" {
		name = q.Name
		if q.Namespace != "" {
			name = q.Namespace + "/" + q.Name
		}
	}
	label := eco + "/" + name
	if eco == "" {
		label = name
	}
	q.Input = id + " " + label
	where += " " + label
	if !parsed {
		q.Type = versions.PURLType(eco)
		q.Namespace, q.Name = splitName(q.Type, name)
		if q.Type != "" {
			q.Namespace, q.Name = model.NormalizeName(q.Type, q.Namespace, q.Name)
		} else {
			// Matched like a name or path typed by hand: in any ecosystem,
			// each component's own rules deciding.
			q.Kind = query.KindName
			if q.Namespace != "" {
				q.Kind = query.KindQualified
			}
			e := eco
			if e == "" {
				e = "(none)"
			}
			notes = append(notes, fmt.Sprintf("%s %s: sbomx knows no package URL type for ecosystem %s: matched by name in every ecosystem", id, where, e))
		}
	}

	return q, append(notes, entryVersions(q, id, where, aff)...)
}

// entryVersions sets q's versions from the entry's ranges and versions,
// with the notes on what could not be used: GIT ranges name commits, not
// the versions SBOMs record, and unknown range types are left out.
func entryVersions(q *query.Query, id, where string, aff osvAffected) []string {
	var notes []string
	aVers := &versions.Affected{Label: id, Versions: nonEmpty(aff.Versions)}
	var git, other []string
	for _, r := range aff.Ranges {
		switch t := strings.ToUpper(strings.TrimSpace(r.Type)); t {
		case "SEMVER", "ECOSYSTEM":
			aVers.Ranges = append(aVers.Ranges, versions.OSVRange{Type: t, Events: r.Events})
		case "GIT":
			if r.Repo != "" && !slices.Contains(git, r.Repo) {
				git = append(git, r.Repo)
			}
			if r.Repo == "" && len(git) == 0 {
				git = append(git, "")
			}
		default:
			if !slices.Contains(other, r.Type) {
				other = append(other, r.Type)
			}
		}
	}
	for _, t := range other {
		notes = append(notes, fmt.Sprintf("%s %s: range type %q is not an OSV range type: left out", id, where, t))
	}
	hasGit := len(git) > 0
	switch {
	case hasGit && len(aVers.Ranges) == 0 && len(aVers.Versions) == 0:
		q.Versions = gitOnly{label: id}
		q.Version = "GIT ranges only"
		notes = append(notes, fmt.Sprintf("%s %s: only GIT ranges (commits of %s), which cannot be matched against SBOM versions: every version of the package is reported, as of unknown version", id, where, repos(git)))
	case len(aVers.Ranges) == 0 && len(aVers.Versions) == 0:
		// OSV: an entry with neither ranges nor versions affects every
		// version (osv-scanner reads it so too).
		q.Versions = nil
		q.Version = ""
		if len(other) == 0 {
			notes = append(notes, fmt.Sprintf("%s %s: gives no ranges or versions: every version is taken as affected", id, where))
		} else {
			notes = append(notes, fmt.Sprintf("%s %s: no usable ranges or versions: every version is taken as affected", id, where))
		}
	default:
		q.Versions = aVers
		q.Version = describe(q.Type, aVers)
		if hasGit {
			notes = append(notes, fmt.Sprintf("%s %s: GIT ranges (commits of %s) name commits, which SBOM versions are not: left out, the other ranges and versions decide", id, where, repos(git)))
		}
	}
	return notes
}

func repos(git []string) string {
	var r []string
	for _, g := range git {
		if g == "" {
			g = "an unnamed repository"
		}
		r = append(r, g)
	}
	return strings.Join(r, ", ")
}

func nonEmpty(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// splitName splits an OSV package name into namespace and name the way the
// ecosystem's package URLs do: Maven group:artifact, npm @scope/name,
// Go and Packagist paths (golang.org/x/text: golang.org/x, text). Unknown
// ecosystems are split like a query typed by hand: at the last "/" (after
// the scope of an @scope/name). Other ecosystems have no namespace.
func splitName(typ, name string) (ns, n string) {
	switch typ {
	case "maven":
		if g, a, ok := strings.Cut(name, ":"); ok && g != "" && a != "" {
			return g, a
		}
	case "npm":
		if strings.HasPrefix(name, "@") {
			if s, n, ok := strings.Cut(name, "/"); ok && n != "" {
				return s, n
			}
		}
	case "golang", "composer", "":
		if strings.HasPrefix(name, "@") {
			if s, n, ok := strings.Cut(name, "/"); ok && n != "" {
				return s, n
			}
		}
		if i := strings.LastIndexByte(name, '/'); i > 0 && i < len(name)-1 {
			return name[:i], name[i+1:]
		}
	}
	return "", name
}

// describe renders the affected versions shortly, for Query.Version:
// ">=2.13.0,<2.16.0", "<3.9.2", "all versions" for introduced 0 alone,
// ranges joined by " || ". Listed versions the ranges do not cover are
// added ("=1.2.3"), or counted when there are more than three.
func describe(typ string, a *versions.Affected) string {
	var parts []string
	for _, r := range a.Ranges {
		var ev []string
		for _, e := range r.Events {
			switch {
			case e.Introduced != "":
				if e.Introduced != "0" && e.Introduced != "0.0.0-0" && e.Introduced != "0.0.0" {
					ev = append(ev, ">="+e.Introduced)
				}
			case e.Fixed != "":
				ev = append(ev, "<"+e.Fixed)
			case e.LastAffected != "":
				ev = append(ev, "<="+e.LastAffected)
			case e.Limit != "" && e.Limit != "*":
				ev = append(ev, "<"+e.Limit+" (limit)")
			}
		}
		s := strings.Join(ev, ",")
		if s == "" {
			s = "all versions"
		}
		if !slices.Contains(parts, s) {
			parts = append(parts, s)
		}
	}
	// Listed versions the ranges already cover say nothing more.
	var listed []string
	ranges := &versions.Affected{Ranges: a.Ranges}
	for _, v := range a.Versions {
		if ok, err := ranges.Match(typ, v); !ok || err != nil {
			listed = append(listed, v)
		}
	}
	switch n := len(listed); {
	case n > 3:
		parts = append(parts, fmt.Sprintf("%d listed versions", n))
	case n > 0:
		for _, v := range listed {
			parts = append(parts, "="+v)
		}
	}
	return strings.Join(parts, " || ")
}

// LoadPath reads the OSV records at path: a file (whatever its name), or a
// directory, walked recursively in lexical order, reading every *.json,
// *.yaml and *.yml file and skipping hidden files and directories (.git).
// It returns the records read and one error per file that could not be
// read or is not an OSV record, each naming the file; a directory holding
// no record file is an error too.
func LoadPath(path string) ([]*Advisory, []error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, []error{fmt.Errorf("advisory: %w", err)}
	}
	if !fi.IsDir() {
		a, err := loadFile(path)
		if err != nil {
			return nil, []error{err}
		}
		return []*Advisory{a}, nil
	}
	var advs []*Advisory
	var errs []error
	files := 0
	werr := filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: %w", p, err))
			if d != nil && d.IsDir() && p != path {
				return fs.SkipDir
			}
			return nil
		}
		if p != path && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		if d.IsDir() || !isRecordFile(d.Name()) {
			return nil
		}
		files++
		a, err := loadFile(p)
		if err != nil {
			errs = append(errs, err)
			return nil
		}
		advs = append(advs, a)
		return nil
	})
	if werr != nil {
		errs = append(errs, fmt.Errorf("%s: %w", path, werr))
	}
	if files == 0 && len(errs) == 0 {
		errs = append(errs, fmt.Errorf("%s: no *.json, *.yaml or *.yml file", path))
	}
	return advs, errs
}

func isRecordFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json", ".yaml", ".yml":
		return true
	}
	return false
}

func loadFile(p string) (*Advisory, error) {
	data, err := os.ReadFile(p)
	if err != nil {
		return nil, fmt.Errorf("advisory: %w", err)
	}
	return Load(p, data)
}
