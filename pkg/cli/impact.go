package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sbomx/sbomx/pkg/impact"
	"github.com/sbomx/sbomx/pkg/query"
	"github.com/sbomx/sbomx/pkg/report"
)

type impactOptions struct {
	Queries  []string
	Dir      string
	Format   string // "table" | "json"
	AllPaths bool
	MaxPaths int
	Verbose  bool
	Hidden   bool
}

const impactLong = `Find every service whose SBOMs contain a package.

QUERY forms (one or more; a hit names the queries that found it):
  torchtriton                           a name, in any ecosystem
  torchtriton@2.0.0+0d7e753227          name@version: one exact version
  @angular/core                         npm scope/name
  org.apache.logging.log4j:log4j-core   Maven groupId:artifactId
  golang.org/x/net                      a path: Go module, namespace/name
  pkg:pypi/torchtriton                  a package URL, with or without @version

Names compare as their ecosystem defines them: PyPI by PEP 503
(Torch_Triton = torch.triton = torch-triton), npm and NuGet case-insensitively,
Maven and Go exactly. A bare name never matches an npm-scoped package
(lodash is not @types/lodash).

For each hit sbomx prints the service, its owner and product, the package and
version, the relation (direct, transitive with depth, or present: in the SBOM
but with no dependency path recorded), and the shortest path from the
service's root. Every file under --dir is accounted for; the coverage line on
stderr (and the JSON "coverage" block) says what was read, skipped and failed.

Exit status:
  0  at least one match
  1  no match, and every SBOM was read
  2  usage or fatal error (bad query, missing directory)
  3  no match, but some file could not be read (coverage incomplete)`

const impactExample = `  sbomx impact torchtriton --dir testdata/landscape
  sbomx impact 'log4j-core@2.14.1' org.apache.logging.log4j:log4j-api
  sbomx impact pkg:npm/lodash --format json | jq -r '.hits[].owner // "unowned"' | sort -u
  SBOMX_DIR=/srv/sboms sbomx impact golang.org/x/net --all-paths`

func newImpactCmd(env *Env) *cobra.Command {
	opts := &impactOptions{}
	cmd := &cobra.Command{
		Use:     "impact QUERY...",
		Short:   "Which services contain a package, by what path, and who owns them",
		Long:    impactLong,
		Example: impactExample,
		Args: func(_ *cobra.Command, args []string) error {
			if len(args) == 0 {
				return usagef("impact needs at least one QUERY (a name, group:artifact, @scope/name or pkg: URL)")
			}
			return nil
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Queries = args
			if !cmd.Flags().Changed("dir") {
				if d := env.Getenv("SBOMX_DIR"); d != "" {
					opts.Dir = d
				}
			}
			if cmd.Flags().Changed("max-paths") {
				opts.AllPaths = true
			}
			return runImpact(cmd, env, opts)
		},
	}
	f := cmd.Flags()
	f.StringVarP(&opts.Dir, "dir", "C", ".", "directory of SBOMs to search (env SBOMX_DIR)")
	f.StringVarP(&opts.Format, "format", "o", "table", "output format: table or json")
	f.BoolVar(&opts.AllPaths, "all-paths", false, "show up to --max-paths paths per hit, shortest first")
	f.IntVar(&opts.MaxPaths, "max-paths", 5, "paths per hit with --all-paths")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "list skipped files and every warning on stderr")
	f.BoolVar(&opts.Hidden, "hidden", false, "also search directories whose name starts with . (.git never)")
	return cmd
}

func runImpact(cmd *cobra.Command, env *Env, opts *impactOptions) error {
	if opts.Format != "table" && opts.Format != "json" {
		return usagef("--format %q: want table or json", opts.Format)
	}
	if opts.MaxPaths < 1 {
		return usagef("--max-paths %d: want 1 or more", opts.MaxPaths)
	}
	var qs []*query.Query
	for _, a := range opts.Queries {
		q, err := query.Parse(a)
		if err != nil {
			return &usageError{err}
		}
		qs = append(qs, q)
	}
	st, err := os.Stat(opts.Dir)
	if err != nil {
		return fmt.Errorf("--dir: %w", err)
	}
	if !st.IsDir() {
		return fmt.Errorf("--dir %s: not a directory", opts.Dir)
	}
	io := impact.Options{Queries: qs, Hidden: opts.Hidden}
	if opts.AllPaths {
		io.MaxPaths = opts.MaxPaths
	}
	res, err := impact.Run(cmd.Context(), os.DirFS(opts.Dir), io)
	if err != nil {
		if errors.Is(err, fs.ErrPermission) || errors.Is(err, fs.ErrNotExist) {
			return fmt.Errorf("--dir %s: %w", opts.Dir, err)
		}
		return err
	}

	switch opts.Format {
	case "json":
		err = report.JSON(env.Stdout, res)
	default:
		err = report.ImpactTable(env.Stdout, res)
	}
	if err != nil {
		return err
	}
	printCoverage(env, res, opts)
	switch {
	case len(res.Hits) > 0:
		return nil
	case !res.Coverage.Complete():
		return &exitError{ExitIncomplete}
	default:
		return &exitError{ExitNoMatch}
	}
}

// printCoverage writes the account of the run to stderr: what was read, what
// failed (always, by name), what was skipped and warned about (with -v).
func printCoverage(env *Env, res *impact.Result, opts *impactOptions) {
	w := env.Stderr
	c := &res.Coverage
	if len(res.Hits) == 0 {
		qs := make([]string, len(res.Queries))
		for i, q := range res.Queries {
			qs[i] = q.Input
		}
		fmt.Fprintf(w, "sbomx: no service contains %s\n", strings.Join(qs, ", "))
	} else if opts.Format == "table" {
		s := res.Summary
		fmt.Fprintf(w, "sbomx: %d service(s) hit (%d direct, %d transitive, %d present only); owners: %s; products: %s\n",
			s.Services, s.Direct, s.Transitive, s.Present, listOrNone(s.Owners), listOrNone(s.Products))
		if len(s.UnownedServices) > 0 {
			fmt.Fprintf(w, "sbomx: no known owner: %s\n", strings.Join(s.UnownedServices, ", "))
		}
	}
	fmt.Fprintf(w, "sbomx: %s\n", report.CoverageLine(c))
	for _, f := range c.Failed {
		fmt.Fprintf(w, "sbomx: failed: %s: %s\n", f.File, firstLine(f.Message))
	}
	if opts.Verbose {
		for _, f := range c.Skipped {
			fmt.Fprintf(w, "sbomx: skipped: %s: %s\n", f.File, f.Message)
		}
		for _, f := range c.Warnings {
			fmt.Fprintf(w, "sbomx: warning: %s: %s\n", f.File, f.Message)
		}
	} else if n := len(c.Warnings); n > 0 {
		fmt.Fprintf(w, "sbomx: %d warning(s) about the data (duplicate or dangling refs, ownership files); -v lists them\n", n)
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
