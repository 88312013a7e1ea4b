package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sbomx/sbomx/pkg/answers"
	"github.com/sbomx/sbomx/pkg/query"
)

const packagesLong = `The landscape's library catalog: every package (by normalised identity) with
its versions, how many services use each, and how many of them directly,
transitively, or with no dependency path recorded. QUERY filters it with the
same syntax as impact (sbomx packages 'log4j-core@<2.17.0').

` + exitHelp

func newPackagesCmd(env *Env) *cobra.Command {
	opts := &treeFlags{shows: "packages"}
	cmd := &cobra.Command{
		Use:     "packages [QUERY...]",
		Short:   "The library catalog: packages, versions, and the services using each",
		Long:    packagesLong,
		Example: "  sbomx packages --dir testdata/landscape\n  sbomx packages 'log4j-*' --format json | jq '.packages[] | {id, versions: [.versions[].version]}'",
		RunE: func(cmd *cobra.Command, args []string) error {
			var qs []*query.Query
			for _, a := range args {
				q, err := query.Parse(a)
				if err != nil {
					return &usageError{err}
				}
				qs = append(qs, q)
			}
			return opts.answer(cmd, env, env.renderOptions(""), func(ctx context.Context, rs []answers.Root, tree answers.TreeOptions, f answers.Filter) (answered, error) {
				res, err := answers.Packages(ctx, rs, tree, qs, f)
				if err != nil {
					return answered{}, err
				}
				summary := func() { fmt.Fprintf(env.Stderr, "sbomx: %d package(s)\n", len(res.Packages)) }
				return answered{res, &res.Coverage, len(res.Packages) > 0, summary}, nil
			})
		},
	}
	opts.register(cmd)
	return cmd
}
