package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/sbomx/sbomx/pkg/answers"
)

const servicesLong = `List the services under --dir as sbomx sees them: one row per service, with
its owner, product, domain, SBOM files, component count, whether its SBOMs
carry dependency data, the share of components with a package URL, and where
the owner came from. Services without an owner and SBOMs that no inventory row
or catalog entry claims are listed on stderr (and in the JSON), so platform
teams can fix their data.

Ownership sources, most deliberate first (.sbomx.yaml "precedence" may
reorder them): an inventory file (--inventory, or .sbomx.yaml "inventory"),
Backstage catalog-info.yaml, leanix.yaml, the .sbomx.yaml "layout" (product
only), CODEOWNERS, the SBOM's own metadata.

` + exitHelp

func newServicesCmd(env *Env) *cobra.Command {
	opts := &treeFlags{shows: "services"}
	cmd := &cobra.Command{
		Use:     "services",
		Short:   "The service inventory: owners, products and SBOMs of every service",
		Long:    servicesLong,
		Example: "  sbomx services --dir testdata/landscape\n  sbomx services --owner team-sre --format json | jq -r '.services[].name'",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return opts.answer(cmd, env, env.renderOptions(""), func(ctx context.Context, rs []answers.Root, tree answers.TreeOptions, f answers.Filter) (answered, error) {
				res, err := answers.Services(ctx, rs, tree, f)
				if err != nil {
					return answered{}, err
				}
				return answered{res, &res.Coverage, len(res.Services) > 0, func() { servicesSummary(env, res) }}, nil
			})
		},
	}
	opts.register(cmd)
	return cmd
}

// servicesSummary names on stderr the services without an owner and the
// SBOMs nothing claims, so platform teams can fix their data.
func servicesSummary(env *Env, res *answers.ServicesResult) {
	w := env.Stderr
	if len(res.Unowned) > 0 {
		fmt.Fprintf(w, "sbomx: %d service(s) without an owner: %s\n", len(res.Unowned), env.list(res.Unowned))
	}
	if len(res.Unclaimed) > 0 && env.Verbose {
		fmt.Fprintf(w, "sbomx: %d SBOM(s) no inventory row or catalog entry claims:\n", len(res.Unclaimed))
		for _, f := range res.Unclaimed {
			fmt.Fprintf(w, "sbomx: unclaimed: %s\n", f)
		}
	} else if len(res.Unclaimed) > 0 {
		fmt.Fprintf(w, "sbomx: %d SBOM(s) no inventory row or catalog entry claims: %s\n", len(res.Unclaimed), env.list(res.Unclaimed))
	}
}
