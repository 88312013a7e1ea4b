package cli

import (
	"errors"
	"fmt"

	"github.com/sbomx/sbomx/pkg/advisory"
	"github.com/sbomx/sbomx/pkg/query"
)

// advisoryQueries reads OSV advisories (files or directories) into queries.
// A file that cannot be read is a usage error: an advisory run that quietly
// skipped one would answer a different question.
func advisoryQueries(paths []string) ([]*query.Query, error) {
	var qs []*query.Query
	for _, p := range paths {
		advs, errs := advisory.LoadPath(p)
		if len(errs) > 0 {
			return nil, &usageError{fmt.Errorf("--advisory: %w", errors.Join(errs...))}
		}
		for _, a := range advs {
			qs = append(qs, a.Queries...)
		}
	}
	return qs, nil
}
