package cli

import (
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sbomx/sbomx/pkg/impact"
	"github.com/sbomx/sbomx/pkg/query"
	"github.com/sbomx/sbomx/pkg/report"
)

type impactOptions struct {
	treeFlags
	Queries  []string
	AllPaths bool
	MaxPaths int
	By       string // "service" | "owner" | "product"
}

const impactLong = `Find every service whose SBOMs contain a package.

QUERY forms (one or more; a hit names the queries that found it):
  torchtriton                           a name, in any ecosystem
  torchtriton@2.0.0+0d7e753227          name@version: one exact version
  @angular/core                         npm scope/name
  org.apache.logging.log4j:log4j-core   Maven groupId:artifactId (a third :part is a version)
  golang.org/x/net                      a path: Go module, namespace/name
  pkg:pypi/torchtriton                  a package URL, with or without @version

Names compare as their ecosystem defines them: PyPI by PEP 503
(Torch_Triton = torch.triton = torch-triton), npm and NuGet case-insensitively,
Maven and Go exactly. A bare name never matches an npm-scoped package
(lodash is not @types/lodash).

For each hit sbomx prints the service, its owner and product, the package and
version, the relation (direct, transitive with depth, or present: in the SBOM
but with no dependency path recorded), and the shortest path from the
service's root. --by owner and --by product print one row per team or
product instead; the JSON always carries all three views. Every file under
--dir is accounted for: the coverage line on stderr (and the JSON "coverage"
block) says what was read, skipped and failed.

Exit status:
  0  at least one match
  1  no match, and every SBOM was read
  2  usage or fatal error (bad query, missing directory)
  3  no match, but some file could not be read (coverage incomplete)`

const impactExample = `  sbomx impact torchtriton --dir testdata/landscape
  sbomx impact 'log4j-core@2.14.1' org.apache.logging.log4j:log4j-api
  sbomx impact log4j-core --by owner
  sbomx impact pkg:npm/lodash --format json | jq -r '.hits[].owner // "unowned"' | sort -u
  SBOMX_DIR=/srv/sboms sbomx impact golang.org/x/net --all-paths --product payments`

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
			if cmd.Flags().Changed("max-paths") {
				opts.AllPaths = true
			}
			return runImpact(cmd, env, opts)
		},
	}
	opts.register(cmd)
	f := cmd.Flags()
	f.BoolVar(&opts.AllPaths, "all-paths", false, "show up to --max-paths paths per hit, shortest first")
	f.IntVar(&opts.MaxPaths, "max-paths", 5, "paths per hit with --all-paths")
	f.StringVar(&opts.By, "by", "service", "table rows: service, owner or product")
	return cmd
}

func runImpact(cmd *cobra.Command, env *Env, opts *impactOptions) error {
	if opts.MaxPaths < 1 {
		return usagef("--max-paths %d: want 1 or more", opts.MaxPaths)
	}
	switch opts.By {
	case "service", "owner", "product":
	default:
		return usagef("--by %q: want service, owner or product", opts.By)
	}
	var qs []*query.Query
	for _, a := range opts.Queries {
		q, err := query.Parse(a)
		if err != nil {
			return &usageError{err}
		}
		qs = append(qs, q)
	}
	tree, filter, err := opts.resolve(cmd, env)
	if err != nil {
		return err
	}
	io := impact.Options{TreeOptions: tree, Queries: qs, Filter: filter}
	if opts.AllPaths {
		io.MaxPaths = opts.MaxPaths
	}
	res, err := impact.Run(cmd.Context(), dirFS(opts.Dir), io)
	if err != nil {
		return fmt.Errorf("--dir %s: %w", opts.Dir, err)
	}

	switch {
	case opts.Format == "json":
		err = report.JSON(env.Stdout, res)
	case opts.By == "owner":
		err = report.ByOwnerTable(env.Stdout, res)
	case opts.By == "product":
		err = report.ByProductTable(env.Stdout, res)
	default:
		err = report.ImpactTable(env.Stdout, res)
	}
	if err != nil {
		return err
	}
	printImpactSummary(env, res, opts)
	printNotes(env, &res.Coverage, opts.Verbose)
	switch {
	case len(res.Hits) > 0:
		return nil
	case !res.Coverage.Complete():
		return &exitError{ExitIncomplete}
	default:
		return &exitError{ExitNoMatch}
	}
}

func printImpactSummary(env *Env, res *impact.Result, opts *impactOptions) {
	w := env.Stderr
	if len(res.Hits) == 0 {
		qs := make([]string, len(res.Queries))
		for i, q := range res.Queries {
			qs[i] = q.Input
		}
		scope := ""
		if res.Filter != nil {
			scope = " of the selected owner/product"
		}
		fmt.Fprintf(w, "sbomx: no service%s contains %s\n", scope, strings.Join(qs, ", "))
		return
	}
	if opts.Format != "table" {
		return
	}
	s := res.Summary
	fmt.Fprintf(w, "sbomx: %d service(s) hit (%d direct, %d transitive, %d present only); owners: %s; products: %s\n",
		s.Services, s.Direct, s.Transitive, s.Present, listOrNone(s.Owners), listOrNone(s.Products))
	if len(s.UnownedServices) > 0 {
		fmt.Fprintf(w, "sbomx: no known owner: %s\n", strings.Join(s.UnownedServices, ", "))
	}
}
