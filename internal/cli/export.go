package cli

import (
	"fmt"
	"path/filepath"

	"github.com/spf13/cobra"

	"github.com/sbomx/sbomx/internal/export"
)

const exportLong = `Write the landscape under --dir as Parquet tables into --out, for DuckDB,
Spark, Trino or BigQuery to answer questions across many SBOMs (and, one
export per day or commit, across their history):

  services.parquet    one row per service: service_id, name, owner, owners,
                      owner_source, product, product_source, domain,
                      lifecycle, contact, sbom_files, root_names, ...
  components.parquet  one row per component of each SBOM: service_id,
                      sbom_file, node, ref, name, group, version, purl, type,
                      package_id, package_name, ecosystem, depth, relation
                      (direct, transitive, present), is_file
  edges.parquet       one row per dependency edge of each SBOM: service_id,
                      sbom_file, from_node, from_ref, to_node, to_ref,
                      inferred (node 0 is the SBOM's root)
  files.parquet       one row per file read: path, status (sbom, skipped,
                      failed), reason, service_id, format, spec_version,
                      components, root_name, root_version, warnings, ...

Every SBOM is decoded (no byte prefilter). Each table is written to a
temporary file in --out and renamed into place. With --owner or --product
only those services (and their components and edges) are written;
files.parquet lists every file read. With --at the landscape is exported
as it was at that git revision, e.g. one export per month of history.

` + exitHelp

func newExportCmd(env *Env) *cobra.Command {
	opts := &treeFlags{}
	var out string
	cmd := &cobra.Command{
		Use:     "export --out FOLDER",
		Short:   "Write the landscape as Parquet tables (services, components, edges, files)",
		Long:    exportLong,
		Example: "  sbomx export --dir testdata/landscape --out out\n  duckdb -c \"SELECT s.name, s.owners, c.version FROM 'out/components.parquet' c JOIN 'out/services.parquet' s USING (service_id) WHERE c.name = 'torchtriton'\"",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if out == "" {
				return usagef("export needs --out FOLDER")
			}
			for _, flag := range []string{"format", "output"} {
				if cmd.Flags().Changed(flag) {
					return usagef("export writes Parquet tables into --out: --%s does not apply", flag)
				}
			}
			rs, tree, filter, err := opts.resolve(cmd, env)
			defer opts.closeGits()
			if err != nil {
				return err
			}
			sum, err := export.Export(cmd.Context(), rs, tree, filter, out)
			env.stopProgress()
			if err != nil {
				return fmt.Errorf("export: %w", err)
			}
			if !opts.Quiet {
				for _, t := range []struct {
					file string
					rows int64
				}{{export.ServicesFile, sum.Services}, {export.ComponentsFile, sum.Components}, {export.EdgesFile, sum.Edges}, {export.FilesFile, sum.Files}} {
					fmt.Fprintf(env.Stdout, "%s\t%d rows\n", filepath.Join(out, t.file), t.rows)
				}
				if opts.At != "" {
					printRevisions(env, &sum.Coverage)
				}
				printNotes(env, &sum.Coverage)
			}
			return outcome(sum.Services > 0, &sum.Coverage)
		},
	}
	opts.register(cmd)
	cmd.Flags().StringVar(&out, "out", "", "folder to write the tables into (created if missing)")
	_ = cmd.Flags().MarkHidden("format")
	_ = cmd.Flags().MarkHidden("output")
	return cmd
}
