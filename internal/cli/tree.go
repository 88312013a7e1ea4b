package cli

import (
	"bufio"
	"cmp"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sbomx/sbomx/internal/inventory"
	"github.com/sbomx/sbomx/internal/render"
	"github.com/sbomx/sbomx/pkg/answers"
)

// treeFlags are the flags every command that reads a tree shares.
type treeFlags struct {
	shows       string // what the command shows: "impact", "services", "packages"
	Dirs        []string
	Format      string // one of render.Formats()
	Hidden      bool
	Config      string   // --config FILE, replaces .sbomx.yaml
	Layout      string   // --layout, replaces the configuration's layout
	Inventories []string // --inventory FILE...
	Owners      []string
	Products    []string
	MaxFileSize string
	Output      string // --output FILE
	Quiet       bool
	// At reads each --dir as it was at this git revision (--at).
	At string
	// dirs are the --dir values once SBOMX_DIR and the default applied.
	dirs []string
	// gits are the repositories opened for --at, closed once answered.
	gits []*gitDir
	// history, set by an answer read from git history over several
	// commits, says what that cost and what could not be read in them.
	history *answers.HistoryStats
}

func (t *treeFlags) register(cmd *cobra.Command) {
	f := cmd.Flags()
	f.StringArrayVarP(&t.Dirs, "dir", "C", nil, "directory of SBOMs to search, or one SBOM file (default ., env SBOMX_DIR); repeatable: several are read as one landscape")
	f.StringVarP(&t.Format, "format", "o", "table", "output format: "+strings.Join(render.Formats(), ", "))
	f.BoolVar(&t.Hidden, "hidden", false, "also search directories whose name starts with . (.git never)")
	f.StringVar(&t.Config, "config", "", "configuration file to use instead of .sbomx.yaml")
	f.StringVar(&t.Layout, "layout", "", `which folders name product and service, e.g. "{product}/{service}"; replaces the configuration's layout`)
	f.StringArrayVar(&t.Inventories, "inventory", nil, "inventory file (CSV or YAML: service, owner, product, contact, sbom glob); repeatable")
	f.StringArrayVar(&t.Owners, "owner", nil, "only services owned by this team (any of their owners); repeatable: any of the teams; a team no service has is an error")
	f.StringArrayVar(&t.Products, "product", nil, "only services of this product; repeatable: any of the products; a product no service has is an error")
	f.StringVar(&t.Output, "output", "", "write the answer to FILE (atomically: a temporary file renamed when complete) instead of standard output")
	f.BoolVarP(&t.Quiet, "quiet", "q", false, "print nothing but errors; the exit status still answers")
	f.StringVar(&t.At, "at", "", "read each --dir as it was at this git revision, from the repository's objects (no checkout): a commit, short hash, branch, tag, HEAD~N, or a date or date-time (the last commit at or before it, first parent; 2022-12-28 is up to that day's end, UTC unless a zone is given)")
	f.StringVar(&t.MaxFileSize, "max-file-size", "1GiB", "largest file read, and most a compressed file or archive member may expand to; larger ones are listed as failed (e.g. 512MiB, 2GB)")
}

// resolve applies SBOMX_DIR, validates, finds each directory's repository
// top, and reads the files named on the command line (relative to the
// working directory, not to --dir).
func (t *treeFlags) resolve(cmd *cobra.Command, env *Env) ([]answers.Root, answers.TreeOptions, answers.Filter, error) {
	var opts answers.TreeOptions
	if err := render.Check(t.Format, t.shows); err != nil {
		return nil, opts, answers.Filter{}, &usageError{err}
	}
	if t.Output != "" && t.Output != "-" {
		// Before the walk, not after it: a typo must not cost a full pass.
		if st, err := os.Stat(filepath.Dir(t.Output)); err != nil || !st.IsDir() {
			return nil, opts, answers.Filter{}, usagef("--output %s: no such directory %s", t.Output, filepath.Dir(t.Output))
		}
	}
	dirs := t.Dirs
	if len(dirs) == 0 {
		dirs = []string{cmp.Or(env.Getenv("SBOMX_DIR"), ".")}
	}
	t.dirs = dirs
	var rs []answers.Root
	var err error
	if cmd.Flags().Changed("at") {
		if strings.TrimSpace(t.At) == "" {
			return nil, opts, answers.Filter{}, usagef("--at is empty: want a revision (a commit, branch, tag, HEAD~N) or a date")
		}
		rs, t.gits, err = atRoots(dirs, t.At)
	} else {
		rs, err = roots(dirs)
	}
	if err != nil {
		return nil, opts, answers.Filter{}, err
	}
	opts.Hidden = t.Hidden
	if t.Format == "table" && !t.Quiet {
		// Never beside output meant for a program.
		opts.Progress = env.progress()
	}
	if opts.MaxFileSize, err = parseSize(t.MaxFileSize); err != nil {
		return nil, opts, answers.Filter{}, usagef("--max-file-size %q: %v", t.MaxFileSize, err)
	}
	if t.Config != "" {
		data, err := os.ReadFile(t.Config)
		if err != nil {
			return nil, opts, answers.Filter{}, fmt.Errorf("--config: %w", err)
		}
		cfg, err := inventory.ParseConfig(t.Config, data)
		if err != nil {
			return nil, opts, answers.Filter{}, fmt.Errorf("--config %s: %w", t.Config, err)
		}
		opts.Config = &cfg
	}
	if cmd.Flags().Changed("layout") {
		opts.Layout = strings.Trim(strings.TrimSpace(t.Layout), "/")
		if opts.Layout == "" {
			return nil, opts, answers.Filter{}, usagef(`--layout is empty: want folders such as "{product}/{service}"`)
		}
		if err := inventory.CheckLayout(opts.Layout); err != nil {
			return nil, opts, answers.Filter{}, usagef("--layout: %v", err)
		}
	}
	for _, f := range t.Inventories {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, opts, answers.Filter{}, fmt.Errorf("--inventory: %w", err)
		}
		opts.Inventories = append(opts.Inventories, inventory.File{Name: f, Data: data})
	}
	owners, err := filterValues("--owner", t.Owners)
	if err != nil {
		return nil, opts, answers.Filter{}, err
	}
	products, err := filterValues("--product", t.Products)
	if err != nil {
		return nil, opts, answers.Filter{}, err
	}
	return rs, opts, answers.NewFilter(owners, products), nil
}

// answered is what a command computed, ready to be shown.
type answered struct {
	res      any // an answer of pkg/answers, for render.Write
	coverage *answers.Coverage
	found    bool   // exit 0 rather than 1 or 3
	summary  func() // the command's own stderr lines, before the coverage notes
}

// answer is the one body of every command that reads a tree: resolve the
// flags, compute, render on stdout, then the summary and the account of
// what was read on stderr, and the exit status.
func (t *treeFlags) answer(cmd *cobra.Command, env *Env, ro render.Options,
	compute func(ctx context.Context, rs []answers.Root, tree answers.TreeOptions, f answers.Filter) (answered, error)) error {
	rs, tree, filter, err := t.resolve(cmd, env)
	defer t.closeGits()
	if err != nil {
		return err
	}
	a, err := compute(cmd.Context(), rs, tree, filter)
	env.stopProgress()
	var ue *usageError
	if errors.As(err, &ue) {
		return err // says what it is about (--since, REV1)
	}
	if err != nil {
		return fmt.Errorf("--dir %w", err)
	}
	if !t.Quiet {
		if err := t.write(env, a.res, ro); err != nil {
			return err
		}
		if a.summary != nil {
			a.summary()
		}
		if t.At != "" {
			printRevisions(env, a.coverage)
		}
		printNotes(env, a.coverage)
		printHistory(env, t.history)
	}
	if t.history != nil && !a.found && !t.history.Complete() {
		return &exitError{ExitIncomplete}
	}
	return outcome(a.found, a.coverage)
}

// closeGits closes the repositories --at opened.
func (t *treeFlags) closeGits() {
	for _, g := range t.gits {
		g.Close()
	}
	t.gits = nil
}

// write renders the answer on stdout, or with --output into FILE
// atomically: into a temporary file beside it, renamed over FILE once
// complete, so that a reader never sees half an answer and a failed run
// leaves the previous FILE as it was.
func (t *treeFlags) write(env *Env, res any, ro render.Options) error {
	if t.Output == "" || t.Output == "-" {
		return render.Write(env.Stdout, t.Format, res, ro)
	}
	ro.MaxCell, ro.Color = 0, false // a file is not a terminal
	tmp, err := os.CreateTemp(filepath.Dir(t.Output), "."+filepath.Base(t.Output)+".*.tmp")
	if err != nil {
		return fmt.Errorf("--output: %w", err)
	}
	defer os.Remove(tmp.Name()) // after a successful rename, there is nothing to remove
	bw := bufio.NewWriterSize(tmp, 64<<10)
	err = render.Write(bw, t.Format, res, ro)
	err = cmp.Or(err, bw.Flush(), tmp.Chmod(0o644), tmp.Close())
	if err != nil {
		tmp.Close()
		return fmt.Errorf("--output %s: %w", t.Output, err)
	}
	if err := os.Rename(tmp.Name(), t.Output); err != nil {
		return fmt.Errorf("--output: %w", err)
	}
	return nil
}

// filterValues trims the values of a repeated filter flag; an empty one
// would name nothing.
func filterValues(flag string, vals []string) ([]string, error) {
	var out []string
	for _, v := range vals {
		v = strings.TrimSpace(v)
		if v == "" {
			return nil, usagef("%s is empty", flag)
		}
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out, nil
}

// parseSize reads sizes such as 1048576, 512MiB, 2GB, 100K.
func parseSize(s string) (int64, error) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		mult   int64
	}{{"KiB", 1 << 10}, {"MiB", 1 << 20}, {"GiB", 1 << 30}, {"TiB", 1 << 40}, {"KB", 1e3}, {"MB", 1e6}, {"GB", 1e9}, {"TB", 1e12}, {"K", 1 << 10}, {"M", 1 << 20}, {"G", 1 << 30}, {"B", 1}}
	mult := int64(1)
	for _, u := range units {
		if strings.HasSuffix(strings.ToUpper(s), strings.ToUpper(u.suffix)) {
			s, mult = strings.TrimSpace(s[:len(s)-len(u.suffix)]), u.mult
			break
		}
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 {
		return 0, fmt.Errorf("want a positive size such as 512MiB")
	}
	return n * mult, nil
}

// maxListed is how many names a stderr line gives before "and N more":
// a landscape can have hundreds of unowned services or failed files, and
// the line must stay readable; -v lists them all.
const maxListed = 5

// list renders names for one stderr line: all of them with -v or when they
// are few, else the first maxListed and how many more.
func (env *Env) list(names []string) string {
	if env.Verbose || len(names) <= maxListed {
		return strings.Join(names, ", ")
	}
	return fmt.Sprintf("%s, and %d more (-v lists them)", strings.Join(names[:maxListed], ", "), len(names)-maxListed)
}

// printNotes writes the account of a run to stderr: what was read, what
// failed (by name, the first few without -v), what was skipped and warned
// about (with -v).
func printNotes(env *Env, c *answers.Coverage) {
	w := env.Stderr
	for _, d := range c.NoSBOM() {
		fmt.Fprintf(w, "sbomx: no SBOM found under %s (%d files looked at)\n", d.Dir, d.FilesSeen)
	}
	fmt.Fprintf(w, "sbomx: %s\n", render.CoverageLine(c))
	for i, f := range c.Failed {
		if i == maxListed && !env.Verbose {
			fmt.Fprintf(w, "sbomx: and %d more failed file(s) (-v lists them)\n", len(c.Failed)-i)
			break
		}
		fmt.Fprintf(w, "sbomx: failed: %s: %s\n", f.File, firstLine(f.Message))
	}
	if c.SBOMsRead == 0 && len(c.Skipped) > 0 && !env.Verbose {
		// Looking at nothing: say what was there instead.
		names := make([]string, len(c.Skipped))
		for i, f := range c.Skipped {
			names[i] = f.File
		}
		fmt.Fprintf(w, "sbomx: %d file(s) skipped (not SBOMs): %s\n", len(names), env.list(names))
	}
	if env.Verbose {
		for _, d := range c.Dirs {
			if len(d.Above) > 0 {
				fmt.Fprintf(w, "sbomx: %s: read from its repository's top (%s): %s\n", d.Dir, d.Top, strings.Join(d.Above, ", "))
			}
		}
		for _, f := range c.Skipped {
			fmt.Fprintf(w, "sbomx: skipped: %s: %s\n", f.File, f.Message)
		}
		for _, f := range c.Warnings {
			at := f.File
			if f.Line > 0 {
				at = fmt.Sprintf("%s:%d", f.File, f.Line)
			}
			fmt.Fprintf(w, "sbomx: warning: %s: %s\n", at, f.Message)
		}
		return
	}
	if c.OwnershipWarnings > 0 {
		fmt.Fprintf(w, "sbomx: %d warning(s) about ownership files (bad lines, rows naming no SBOM); -v lists them\n", c.OwnershipWarnings)
	}
	if n := len(c.Warnings) - c.OwnershipWarnings; n > 0 {
		fmt.Fprintf(w, "sbomx: %d warning(s) about the SBOMs (duplicate or dangling refs, lenient reads); -v lists them\n", n)
	}
}

func listOrNone(s []string) string {
	if len(s) == 0 {
		return "none known"
	}
	return strings.Join(s, ", ")
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
