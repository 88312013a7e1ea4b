package cli

import "github.com/sbomx/sbomx/pkg/query"

// advisoryQueries reads OSV advisories into queries.
func advisoryQueries(paths []string) ([]*query.Query, error) {
	if len(paths) > 0 {
		return nil, usagef("--advisory: not built yet")
	}
	return nil, nil
}
