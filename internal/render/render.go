// Package render is the last step of the pipeline: it writes an answer of
// pkg/answers (impact, services, packages) in one output format. There is
// one renderer per format, shared by every command, so that a format means
// the same on each. Renderers are functions of the answer: they decide
// nothing (no filtering, no counting), and they never read the tree.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/pkg/answers"
)

// Options are the choices of presentation a command passes through.
type Options struct {
	// By groups the impact table: "service" (default), "owner" or "product".
	By string
	// MaxCell, when above 0, shortens table cells longer than that in the
	// middle (Middle); the last column is never shortened. The CLI sets it
	// on a terminal only: piped tables stay whole for grep.
	MaxCell int
	// Color: ANSI colour in tables. The CLI sets it on a terminal only,
	// and never with NO_COLOR.
	Color bool
}

// format renders each kind of answer; a format that cannot show one (a
// graph of the package catalog, say) returns an errUnsupported.
type format interface {
	shows(answer string) bool // "impact", "services", "packages"
	impact(w io.Writer, res *answers.Result, o Options) error
	services(w io.Writer, res *answers.ServicesResult, o Options) error
	packages(w io.Writer, res *answers.PackagesResult, o Options) error
}

var formats = map[string]format{
	"table":    tableFormat{},
	"json":     jsonFormat{},
	"ndjson":   ndjsonFormat{},
	"csv":      csvFormat{},
	"dot":      dotFormat{},
	"mermaid":  mermaidFormat{},
	"markdown": markdownFormat{},
	"sarif":    sarifFormat{},
}

// Formats are the names --format accepts, sorted.
func Formats() []string {
	names := make([]string, 0, len(formats))
	for name := range formats {
		names = append(names, name)
	}
	slices.Sort(names)
	return names
}

// FormatError is a format that does not exist, or cannot show this answer.
type FormatError struct {
	Format, Answer string
}

func (e *FormatError) Error() string {
	if e.Answer == "" {
		return fmt.Sprintf("--format %q: want one of %s", e.Format, strings.Join(Formats(), ", "))
	}
	var can []string
	for _, name := range Formats() {
		if shows(formats[name], e.Answer) {
			can = append(can, name)
		}
	}
	return fmt.Sprintf("--format %s cannot show %s: want one of %s", e.Format, e.Answer, strings.Join(can, ", "))
}

// Check reports whether name is a format that can show answer ("impact",
// "services", "packages"), before any work is done.
func Check(name, answer string) error {
	f, ok := formats[name]
	if !ok {
		return &FormatError{Format: name}
	}
	if !shows(f, answer) {
		return &FormatError{Format: name, Answer: answer}
	}
	return nil
}

func shows(f format, answer string) bool {
	switch answer {
	case "why":
		_, ok := f.(whyFormat)
		return ok
	case "window":
		_, ok := f.(windowFormat)
		return ok
	case "diff":
		_, ok := f.(diffFormat)
		return ok
	}
	return f.shows(answer)
}

// every is embedded by the formats that show every answer.
type every struct{}

func (every) shows(string) bool { return true }

// Write renders answer, one of *answers.Result, *answers.ServicesResult
// and *answers.PackagesResult, in the named format.
func Write(w io.Writer, name string, answer any, o Options) error {
	f, ok := formats[name]
	if !ok {
		return &FormatError{Format: name}
	}
	var err error
	switch a := answer.(type) {
	case *answers.Result:
		err = f.impact(w, a, o)
	case *answers.ServicesResult:
		err = f.services(w, a, o)
	case *answers.PackagesResult:
		err = f.packages(w, a, o)
	case *answers.WhyResult:
		wf, ok := f.(whyFormat)
		if !ok {
			return &FormatError{Format: name, Answer: "why"}
		}
		err = wf.why(w, a, o)
	case *answers.WindowResult:
		wf, ok := f.(windowFormat)
		if !ok {
			return &FormatError{Format: name, Answer: "window"}
		}
		err = wf.window(w, a, o)
	case *answers.DiffResult:
		df, ok := f.(diffFormat)
		if !ok {
			return &FormatError{Format: name, Answer: "diff"}
		}
		err = df.diff(w, a, o)
	default:
		return fmt.Errorf("render: no renderer for %T", answer)
	}
	var fe *FormatError
	if errors.As(err, &fe) {
		fe.Format = name
	}
	return err
}

// Middle shortens s to at most n characters by cutting its middle, so that
// both the start (a scope, a group) and the end (the artifact, the
// version) stay readable: "@acme/very-long-…-admin-console".
func Middle(s string, n int) string {
	r := []rune(s)
	if n < 5 || len(r) <= n {
		return s
	}
	head := (n - 1) / 2
	tail := n - 1 - head
	return string(r[:head]) + "…" + string(r[len(r)-tail:])
}

const (
	bold   = "\x1b[1m"
	yellow = "\x1b[33m"
	reset  = "\x1b[0m"
)

// paint colours one laid-out line of a table: the header bold, the "(?)"
// of a version sbomx could not compare yellow.
func paint(line []byte, header bool) []byte {
	body := bytes.TrimSuffix(line, []byte("\n"))
	if header {
		return append(append([]byte(bold), body...), reset+"\n"...)
	}
	if !bytes.Contains(body, []byte("(?)")) {
		return line
	}
	body = bytes.ReplaceAll(body, []byte("(?)"), []byte(yellow+"(?)"+reset))
	return append(body, '\n')
}

// CoverageLine is the one-line account of a run, the same on stderr and
// in a markdown summary.
func CoverageLine(c *answers.Coverage) string {
	s := fmt.Sprintf("read %d SBOM(s) of %d service(s) in %d file(s); %d skipped (not SBOMs), %d failed",
		c.SBOMsRead, c.Services, c.FilesSeen, c.FilesSkipped, c.FilesFailed)
	if n := len(c.WithoutDependencyData); n > 0 {
		s += fmt.Sprintf("; %d without dependency data", n)
	}
	if c.SBOMsPrefiltered > 0 {
		s += fmt.Sprintf("; %d ruled out by a byte search, not decoded (--no-prefilter decodes them)", c.SBOMsPrefiltered)
	}
	return s
}
