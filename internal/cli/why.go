package cli

import (
	"context"
	"errors"

	"github.com/spf13/cobra"

	"github.com/sbomx/sbomx/pkg/answers"
	"github.com/sbomx/sbomx/pkg/query"
)

const whyLong = `Explain how PACKAGE got into SERVICE, as npm explain and go mod why do: for
each component of the service's SBOMs that PACKAGE matches, every dependency
path from the SBOM's root to it, as an indented tree with the version at each
hop. Paths are shortest first; --max-paths bounds how many are drawn, and the
ones left out are counted.

SERVICE is a service's name or, when names repeat, its id (the service_id of
sbomx services). PACKAGE is a query as for impact: a name, a purl, name@range.

` + exitHelp

type whyOptions struct {
	treeFlags
	MaxPaths int
}

func newWhyCmd(env *Env) *cobra.Command {
	opts := &whyOptions{treeFlags: treeFlags{shows: "why"}}
	cmd := &cobra.Command{
		Use:     "why SERVICE PACKAGE",
		Short:   "Every path by which a package gets into one service",
		Long:    whyLong,
		Example: "  sbomx why model-trainer torchtriton --dir testdata/landscape\n  sbomx why payments/payment-gateway 'log4j-core@<2.17.0' --format json",
		Args:    cobra.ExactArgs(2),
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.MaxPaths < 1 {
				return usagef("--max-paths %d: want 1 or more", opts.MaxPaths)
			}
			q, err := query.Parse(args[1])
			if err != nil {
				return &usageError{err}
			}
			err = opts.answer(cmd, env, env.renderOptions(""), func(ctx context.Context, rs []answers.Root, tree answers.TreeOptions, _ answers.Filter) (answered, error) {
				res, err := answers.Why(ctx, rs, tree, args[0], q, opts.MaxPaths)
				if err != nil {
					return answered{}, err
				}
				return answered{res, &res.Coverage, len(res.Matches) > 0, nil}, nil
			})
			var se *answers.ServiceError
			if errors.As(err, &se) {
				return &usageError{se} // a SERVICE that names nothing is a mistake, as a filter is
			}
			return err
		},
	}
	opts.register(cmd)
	cmd.Flags().IntVar(&opts.MaxPaths, "max-paths", 10, "most paths drawn per match (the rest are counted)")
	return cmd
}
