package query_test

// Go native fuzz target for the query parser (scripts/fuzz.sh runs it for a
// while; `go test` runs only the seeds). The property: Parse, ParseHash and
// ParseFile never panic or hang, and a parsed query matches components
// without panicking.

import (
	"strings"
	"testing"

	"github.com/sbomx/sbomx/pkg/model"
	"github.com/sbomx/sbomx/pkg/query"
)

// fuzzComponents are fixed components of several ecosystems, with and
// without purls and versions.
func fuzzComponents() []*model.Component {
	cs := []*model.Component{
		{Name: "torchtriton", Version: "2.0.0+0d7e753227", PURL: "pkg:pypi/torchtriton@2.0.0%2B0d7e753227"},
		{Name: "log4j-core", Group: "org.apache.logging.log4j", Version: "2.14.1", PURL: "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1"},
		{Name: "core", Group: "@angular", Version: "16.0.0", PURL: "pkg:npm/%40angular/core@16.0.0"},
		{Name: "lodash", Version: "4.17.20", PURL: "pkg:npm/lodash@4.17.20"},
		{Name: "golang.org/x/net", Version: "v0.4.0", PURL: "pkg:golang/golang.org/x/net@v0.4.0"},
		{Name: "openssl", Version: "1:1.1.1n-0+deb11u3", PURL: "pkg:deb/debian/openssl@1:1.1.1n-0+deb11u3"},
		{Name: "no-purl", Group: "grp", Version: "1.0"},
		{Name: "Some_Thing", Version: ""},
		{Name: "", Version: "weird version"},
	}
	for _, c := range cs {
		model.IdentifyComponent(c)
	}
	cs[0].Hashes = []string{"sha256:" + strings.Repeat("ab", 32)}
	return cs
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		"torchtriton",
		"torchtriton@2.0.0+0d7e753227",
		"@angular/core",
		"@angular/core@16.0.0",
		"org.apache.logging.log4j:log4j-core",
		"org.apache.logging.log4j:log4j-core:2.14.1",
		"golang.org/x/net@v0.4.0",
		"pkg:pypi/torchtriton",
		"pkg:npm/lodash@4.17.20",
		"pkg:npm/@scope/name@>=1.0.0,<2",
		"log4j-core@<2.17.0",
		"lodash@>=4.0.0,<4.17.21",
		"x@<1.0 || >=2.0,<2.5",
		"pkg:maven/org.apache.logging.log4j/log4j-core@vers:maven/>=2.0-beta9|<2.17.0",
		"pkg:deb/debian/openssl?arch=amd64#sub@vers:deb/*",
		"log4j-*",
		"@acme/*",
		"golang.org/x/*@[",
		"sha256:" + strings.Repeat("ab", 32),
		"# comment\nlodash\n\nx@ # trailing\r\npkg:\n",
	} {
		f.Add(s)
	}
	cs := fuzzComponents()
	f.Fuzz(func(t *testing.T, s string) {
		if q, err := query.Parse(s); err == nil {
			if q == nil {
				t.Fatal("Parse returned neither a query nor an error")
			}
			_ = q.String()
			for _, c := range cs {
				q.Matches(c)
				q.MatchesName(c)
			}
		}
		if q, err := query.ParseHash(s); err == nil {
			for _, c := range cs {
				q.Matches(c)
			}
		}
		if qs, err := query.ParseFile([]byte(s)); err == nil {
			for _, q := range qs {
				for _, c := range cs {
					q.Matches(c)
				}
			}
		}
	})
}
