package cli

import (
	"errors"
	"fmt"
	"io"

	"github.com/sbomx/sbomx/internal/match/advisory"
	"github.com/sbomx/sbomx/pkg/query"
)

// advisoryQueries reads OSV advisories (files or directories) into queries.
// A file that cannot be read is a usage error: an advisory run that quietly
// skipped one would answer a different question. A withdrawn record is
// skipped with a notice on w, as osv-scanner does, unless includeWithdrawn;
// withdrawn counts those skipped.
func advisoryQueries(paths []string, includeWithdrawn bool, w io.Writer) (qs []*query.Query, withdrawn int, err error) {
	for _, p := range paths {
		advs, errs := advisory.LoadPath(p)
		if len(errs) > 0 {
			return nil, 0, &usageError{fmt.Errorf("--advisory: %w", errors.Join(errs...))}
		}
		for _, a := range advs {
			if a.Withdrawn != "" && !includeWithdrawn {
				fmt.Fprintf(w, "sbomx: note: %s is withdrawn (%s); skipped (--include-withdrawn reads it)\n", a.ID, a.Withdrawn)
				withdrawn++
				continue
			}
			qs = append(qs, a.Queries...)
		}
	}
	return qs, withdrawn, nil
}
