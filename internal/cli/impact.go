package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sbomx/sbomx/pkg/answers"
	"github.com/sbomx/sbomx/pkg/query"
)

type impactOptions struct {
	treeFlags
	Queries    []string
	Files      []string // -f: one query per line
	Hashes     []string
	Advisories []string
	// IncludeWithdrawn reads withdrawn OSV records too.
	IncludeWithdrawn bool
	From             []string
	NotFrom          []string
	AllPaths         bool
	MaxPaths         int
	// NoPrefilter decodes every SBOM (slower; every SBOM's warnings shown).
	NoPrefilter bool
	By          string // "service" | "owner" | "product"
	// Since and Until ask for an exposure window over git history.
	Since, Until string
}

const impactLong = `Find every service whose SBOMs contain a package.

QUERY forms (one or more; a hit names the queries that found it):
  torchtriton                           a name, in any ecosystem
  torchtriton@2.0.0+0d7e753227          name@version: one exact version
  @angular/core                         npm scope/name
  org.apache.logging.log4j:log4j-core   Maven groupId:artifactId (a third :part is a version)
  golang.org/x/net                      a path: Go module, namespace/name
  pkg:pypi/torchtriton                  a package URL, with or without @version

VERSION after @: one version, or a range in the package's ecosystem's syntax
(the purl type's; for a bare name, each component's own). Quote it.
  lodash@4.17.20                        one version (PEP 440: @2.0.0 also matches 2.0.0+local)
  log4j-core@<2.17.0                    comparisons < <= > >= = == !=, in every ecosystem
  lodash@'>=4.0.0,<4.17.21'             "," or a space: and
  x@'<1.0 || >=2.0,<2.5'                "||": or (Composer: "|" too)
  log4j-core@'[2.0-beta9,2.17.0)'       intervals, every ecosystem: [ ] inclusive, ( ) exclusive
  log4j-core@'[1.0,1.2),[1.5,)'         a list of intervals: a union
  lodash@^4.17.0                        npm, Cargo, Pub caret (^0.2.3 is >=0.2.3 <0.3.0)
  lodash@~4.17.0                        npm, Cargo, Pub tilde: >=4.17.0 <4.18.0
  lodash@4.17.x                         x-range (also 4.x, 4.17, *)
  lodash@'4.17.0 - 4.17.20'             hyphen range (npm, Cargo, Pub, Composer)
  pkg:composer/laravel/framework@~7.12  Composer: ~7.12 is >=7.12 <8.0
  requests@~=2.28                       PEP 440 compatible release: >=2.28,==2.*
  torch@==2.0.*                         PEP 440 prefix match (!=2.0.* excludes it)
  torchtriton@===2.0.0+0d7e753227       PEP 440 arbitrary equality
  rails@'~> 7.0'                        RubyGems pessimistic: >= 7.0, < 8
  golang.org/x/net@'<v0.7.0'            Go: with or without v
  x@vers:npm/>=1.0.0|<2.0.0             a purl vers: range
Pre-releases count by their place in the order (npm includePrerelease,
pip prereleases=True). A version sbomx cannot compare (NOASSERTION, (devel),
${x.version}, 2.x, no purl) is reported as version unknown, never dropped. A
range sbomx cannot read (latest, <foo) is a usage error (exit 2).

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

History (the --dir is read from its git repository's objects, no checkout):
  --at REV               the landscape as it was at a commit, branch, tag,
                         HEAD~N or date (the last commit at or before it)
  --since DATE [--until DATE]
                         the exposure window: per service and package, when
                         it came in and left (commit, date, author, versions),
                         whether it was there at the start and is still there,
                         who owned the service then and at the end
Dates are committer dates on the branch's first parents, UTC unless a zone is
written; --at 2022-12-28 and --until 2022-12-28 mean up to that day's end,
--since 2022-12-25 from its start.

` + exitHelp

const impactExample = `  sbomx impact torchtriton --dir testdata/landscape
  sbomx impact 'log4j-core@2.14.1' org.apache.logging.log4j:log4j-api
  sbomx impact log4j-core --by owner
  sbomx impact pkg:npm/lodash --format json | jq -r '.hits[].owner // "unowned"' | sort -u
  SBOMX_DIR=/srv/sboms sbomx impact golang.org/x/net --all-paths --product payments
  sbomx impact torchtriton --dir sboms --since 2022-12-25 --until 2022-12-30
  sbomx impact log4j-core --dir sboms --at v2.0`

func newImpactCmd(env *Env) *cobra.Command {
	opts := &impactOptions{treeFlags: treeFlags{shows: "impact"}}
	cmd := &cobra.Command{
		Use:     "impact QUERY...",
		Short:   "Which services contain a package, by what path, and who owns them",
		Long:    impactLong,
		Example: impactExample,
		Args: func(cmd *cobra.Command, args []string) error {
			f := cmd.Flags()
			if len(args) == 0 && !f.Changed("file") && !f.Changed("hash") && !f.Changed("advisory") {
				return usagef("impact needs at least one QUERY (a name, group:artifact, @scope/name or pkg: URL), -f FILE, --hash or --advisory")
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
	f.StringArrayVarP(&opts.Files, "file", "f", nil, "read queries from FILE, one per line (# comments); - reads standard input; repeatable")
	f.StringArrayVar(&opts.Hashes, "hash", nil, "match components whose SBOM hashes include ALG:HEX (sha256, sha1, sha512, md5, ...); repeatable")
	f.StringArrayVar(&opts.Advisories, "advisory", nil, "OSV advisory file (JSON or YAML) or directory of them; its affected packages and ranges are the query; repeatable")
	f.BoolVar(&opts.IncludeWithdrawn, "include-withdrawn", false, "also read OSV records that are withdrawn (skipped, with a notice, by default)")
	f.StringArrayVar(&opts.From, "from", nil, "only packages whose recorded source (purl repository_url, distribution reference, download location) contains this; repeatable")
	f.BoolVar(&opts.NoPrefilter, "no-prefilter", false, "decode every SBOM, also those a byte search rules out (slower; reports every SBOM's data warnings)")
	f.StringVar(&opts.Since, "since", "", "exposure window over the git history of --dir: when each matched package came into each service and left, from this date (or revision) on; see sbomx help impact")
	f.StringVar(&opts.Until, "until", "", "end of the --since window: a date (up to its end) or a revision (default HEAD)")
	f.StringArrayVar(&opts.NotFrom, "not-from", nil, "drop packages whose recorded source contains this (e.g. download.pytorch.org); repeatable")
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
	if opts.Until != "" && opts.Since == "" {
		return usagef("--until ends a --since window: give --since too")
	}
	qs, err := opts.queries(env.Stdin, env.Stderr)
	if err != nil {
		return err
	}
	if cmd.Flags().Changed("since") {
		if strings.TrimSpace(opts.Since) == "" {
			return usagef("--since is empty: want a date (2022-12-25) or a revision")
		}
		return runWindow(cmd, env, opts, qs)
	}
	return opts.answer(cmd, env, env.renderOptions(opts.By), func(ctx context.Context, rs []answers.Root, tree answers.TreeOptions, f answers.Filter) (answered, error) {
		iopt := answers.Options{TreeOptions: tree, Queries: qs, Filter: f, From: opts.From, NotFrom: opts.NotFrom, NoPrefilter: opts.NoPrefilter}
		if opts.AllPaths {
			iopt.MaxPaths = opts.MaxPaths
		}
		res, err := answers.Run(ctx, rs, iopt)
		if err != nil {
			return answered{}, err
		}
		return answered{res, &res.Coverage, len(res.Hits) > 0, func() { printImpactSummary(env, res, opts) }}, nil
	})
}

// readQueryFile reads a -f file; "-" is standard input, which can be read
// only once.
func readQueryFile(file string, stdin io.Reader, stdinRead *bool) ([]byte, error) {
	if file != "-" {
		return os.ReadFile(file)
	}
	if *stdinRead {
		return nil, errors.New("- (standard input) given twice")
	}
	*stdinRead = true
	if stdin == nil {
		return nil, errors.New("no standard input")
	}
	return io.ReadAll(stdin)
}

// queryFileName names a -f file in messages.
func queryFileName(file string) string {
	if file == "-" {
		return "<stdin>"
	}
	return file
}

// queries gathers every query: arguments, -f files, --hash, --advisory.
func (opts *impactOptions) queries(stdin io.Reader, stderr io.Writer) ([]*query.Query, error) {
	var qs []*query.Query
	for _, a := range opts.Queries {
		q, err := query.Parse(a)
		if err != nil {
			return nil, &usageError{err}
		}
		qs = append(qs, q)
	}
	stdinRead := false
	for _, file := range opts.Files {
		data, err := readQueryFile(file, stdin, &stdinRead)
		if err != nil {
			return nil, &usageError{fmt.Errorf("-f: %w", err)}
		}
		fq, err := query.ParseFile(data)
		if err != nil {
			return nil, &usageError{fmt.Errorf("%s:%w", queryFileName(file), err)}
		}
		qs = append(qs, fq...)
	}
	for _, h := range opts.Hashes {
		q, err := query.ParseHash(h)
		if err != nil {
			return nil, &usageError{fmt.Errorf("--hash: %w", err)}
		}
		qs = append(qs, q)
	}
	aqs, withdrawn, err := advisoryQueries(opts.Advisories, opts.IncludeWithdrawn, stderr)
	if err != nil {
		return nil, err
	}
	qs = append(qs, aqs...)
	switch {
	case len(qs) == 0 && withdrawn > 0:
		// Nothing is left to look for: answering "not found" would read
		// as "not affected".
		return nil, usagef("no query: every advisory given is withdrawn (--include-withdrawn reads them)")
	case len(qs) == 0:
		return nil, usagef("no query: the files given hold none")
	}
	return qs, nil
}

func printImpactSummary(env *Env, res *answers.Result, opts *impactOptions) {
	w := env.Stderr
	for _, n := range res.Notes {
		fmt.Fprintf(w, "sbomx: note: %s\n", n)
	}
	if len(res.Hits) == 0 {
		if res.Coverage.SBOMsRead == 0 {
			return // "no SBOM found" says it all; "no service contains" would read as clean
		}
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
	r := s.ServicesByRelation
	unknown := ""
	if s.VersionUnknown > 0 {
		unknown = fmt.Sprintf("; %d of version unknown", s.VersionUnknown)
	}
	fmt.Fprintf(w, "sbomx: %d service(s) hit: %d direct, %d transitive, %d present only (closest relation per service); %d hit(s) (service × package version)%s; owners: %s; products: %s\n",
		s.Services, r.Direct, r.Transitive, r.Present, s.Hits, unknown, listOrNone(s.Owners), listOrNone(s.Products))
	if len(s.UnownedServices) > 0 {
		fmt.Fprintf(w, "sbomx: no known owner: %s\n", env.list(s.UnownedServices))
	}
}
