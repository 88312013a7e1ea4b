package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sbomx/sbomx/pkg/answers"
	"github.com/sbomx/sbomx/pkg/query"
)

const diffLong = `Compare the landscape at two revisions of its git repository: per service,
the packages added, removed and changed in version, and the services added
and removed, each with its owners (at REV2, or at REV1 for a service gone).
Both trees are read from the repository's objects (no checkout); SBOMs the
two share are read once.

REV1 REV2, or REV1..REV2; REV1 alone compares it with HEAD. A revision is a
commit, short hash, branch, tag, HEAD~N, or a date or date-time: the last
commit at or before it on the current branch, first parent (2022-12-28 is up
to that day's end, UTC unless a zone is given).

--query (repeatable, the syntax of impact) compares only the packages it
matches, and lists the services that still have one unchanged (kept):
"which services still have log4j-core < 2.17.0 since last week".

` + exitHelp

type diffOptions struct {
	treeFlags
	Queries []string
}

func newDiffCmd(env *Env) *cobra.Command {
	opts := &diffOptions{treeFlags: treeFlags{shows: "diff"}}
	cmd := &cobra.Command{
		Use:   "diff REV1 [REV2]",
		Short: "What changed between two revisions: packages added, removed, changed, per service",
		Long:  diffLong,
		Example: "  sbomx diff snapshot-2022-10 snapshot-2022-12 --dir landscape\n" +
			"  sbomx diff HEAD~5..HEAD --format json | jq '.services[] | select(.change != \"changed\")'\n" +
			"  sbomx diff 2024-06-01 --query 'log4j-core@<2.17.0'",
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runDiff(cmd, env, opts, args)
		},
	}
	opts.register(cmd)
	cmd.Flags().StringArrayVar(&opts.Queries, "query", nil, "compare only the packages this query matches (impact's syntax), and list the services that still have one; repeatable")
	return cmd
}

func runDiff(cmd *cobra.Command, env *Env, opts *diffOptions, args []string) error {
	from, to := args[0], "HEAD"
	if len(args) == 2 {
		to = args[1]
	} else if a, b, ok := strings.Cut(args[0], ".."); ok {
		from, to = a, b
		if to == "" {
			to = "HEAD"
		}
	}
	if from == "" {
		return usagef("diff: REV1 is empty")
	}
	if err := opts.checkHistoryFlags(cmd, "diff"); err != nil {
		return err
	}
	var qs []*query.Query
	for _, a := range opts.Queries {
		q, err := query.Parse(a)
		if err != nil {
			return &usageError{fmt.Errorf("--query: %w", err)}
		}
		qs = append(qs, q)
	}
	return opts.answer(cmd, env, env.renderOptions(""), func(ctx context.Context, _ []answers.Root, tree answers.TreeOptions, f answers.Filter) (answered, error) {
		g, err := opts.historyDir("diff")
		if err != nil {
			return answered{}, err
		}
		a, err := g.resolve("REV1", from)
		if err != nil {
			return answered{}, err
		}
		b, err := g.resolve("REV2", to)
		if err != nil {
			return answered{}, err
		}
		ra, _, err := g.root(a, from)
		if err != nil {
			return answered{}, err
		}
		rb, _, err := g.root(b, to)
		if err != nil {
			return answered{}, err
		}
		res, err := answers.Diff(ctx, answers.DiffOptions{TreeOptions: tree, Queries: qs, Filter: f,
			From: answers.Snapshot{Revision: *ra.Revision, Roots: []answers.Root{ra}},
			To:   answers.Snapshot{Revision: *rb.Revision, Roots: []answers.Root{rb}}})
		if err != nil {
			return answered{}, err
		}
		opts.history = &res.History
		return answered{res: res, coverage: &res.Coverage, found: res.Found(), summary: func() { diffSummary(env, res) }}, nil
	})
}

// diffSummary says on stderr what was compared and how much changed.
func diffSummary(env *Env, res *answers.DiffResult) {
	w := env.Stderr
	s := res.Summary
	fmt.Fprintf(w, "sbomx: diff %s (%s) .. %s (%s): %d service(s) added, %d removed, %d changed",
		res.From.Short(), res.From.Date, res.To.Short(), res.To.Date, s.ServicesAdded, s.ServicesRemoved, s.ServicesChanged)
	if len(res.Queries) > 0 {
		fmt.Fprintf(w, ", %d still with %s", s.ServicesKept, strings.Join(queryInputs(res.Queries), ", "))
	}
	fmt.Fprintf(w, "; packages: %d added, %d removed, %d changed in version\n", s.PackagesAdded, s.PackagesRemoved, s.PackagesChanged)
}
