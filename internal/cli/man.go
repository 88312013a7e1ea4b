package cli

import (
	"fmt"
	"os"
	"time"

	"github.com/spf13/cobra"
	"github.com/spf13/cobra/doc"

	"github.com/sbomx/sbomx/internal/buildinfo"
)

// newManCmd is "sbomx man --dir DIR": a man page per command, generated
// from the command tree (the release's before hook runs it). Hidden: it
// is for packagers, not for incidents.
func newManCmd() *cobra.Command {
	var dir string
	cmd := &cobra.Command{
		Use:    "man",
		Short:  "Write a man page for each command into --dir",
		Args:   cobra.NoArgs,
		Hidden: true,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if dir == "" {
				return usagef("man needs --dir DIR")
			}
			if err := os.MkdirAll(dir, 0o755); err != nil {
				return err
			}
			root := cmd.Root()
			root.DisableAutoGenTag = true // the same pages from the same tree
			hdr := &doc.GenManHeader{Section: "1", Source: "sbomx " + buildinfo.Version, Manual: "sbomx manual"}
			// The build's date when -X set it; else cobra takes
			// SOURCE_DATE_EPOCH, else now.
			if d, err := time.Parse(time.RFC3339, buildinfo.Date); err == nil {
				hdr.Date = &d
			}
			if err := doc.GenManTree(root, hdr, dir); err != nil {
				return fmt.Errorf("man pages: %w", err)
			}
			return nil
		},
	}
	cmd.Flags().StringVar(&dir, "dir", "", "folder to write the man pages into (created if missing)")
	return cmd
}
