package answers

import (
	"context"
	"encoding/json"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/query"
)

// TestPrefilterSameAnswers: the answers on the corpora and landscapes are
// identical with and without the byte prefilter (the coverage differs only
// in what it could count without decoding).
func TestPrefilterSameAnswers(t *testing.T) {
	queries := [][]string{
		{"torchtriton"}, {"log4j-core"}, {"lodash"}, {"golang.org/x/net"}, {"flatmap-stream"},
		{"org.apache.logging.log4j:log4j-core@<2.17.0"}, {"@types/node"}, {"pkg:npm/%40angular/core"},
		{"Django"}, {"PyYAML"}, {"log4j-*"}, {"openssl"}, {"github.com/Sirupsen/logrus"}, {"jackson-databind@>=2.0"},
		{"urllib3", "requests", "express"}, {"sha256:" + "0000000000000000000000000000000000000000000000000000000000000000"},
	}
	// The corpora and the shared copies are larger: there, one run with every query at once
	// (the prefilter then keeps a file when any query may match) and the
	// rare single queries, which rule the most files out.
	var all []string
	for _, qs := range queries {
		all = append(all, qs...)
	}
	shared := [][]string{all, {"torchtriton"}, {"org.apache.logging.log4j:log4j-core@<2.17.0"}, {"flatmap-stream"}}
	// A missing tree fails its subtests (but ../shared under -short or
	// SBOMX_SKIP_SHARED=1, where they skip).
	trees := []struct {
		name string
		path func(testing.TB, string) string
		rel  string
	}{
		{"testdata/landscape", repotest.Testdata, "landscape"},
		{"testdata/corpus", repotest.Testdata, "corpus"},
		{"shared/landscape", repotest.Shared, "landscape"},
		{"shared/corpus", repotest.Shared, "corpus"},
	}
	for _, tree := range trees {
		set := queries
		if tree.name != "testdata/landscape" {
			set = shared
		}
		for _, qs := range set {
			t.Run(tree.name+" "+qs[0], func(t *testing.T) {
				if testing.Short() && strings.HasPrefix(tree.name, "shared/") {
					t.Skip("-short: the shared trees take seconds plain, minutes under -race (where .ci/run passes -short)")
				}
				dir := tree.path(t, tree.rel)
				var parsed []*query.Query
				for _, s := range qs {
					q, err := query.Parse(s)
					if err != nil {
						t.Fatal(err)
					}
					parsed = append(parsed, q)
				}
				answer := func(noPrefilter bool) (string, *Result) {
					res, err := Run(context.Background(), []Root{{FS: os.DirFS(dir), Name: tree.name}}, Options{Queries: parsed, NoPrefilter: noPrefilter})
					if err != nil {
						t.Fatal(err)
					}
					b, _ := json.MarshalIndent(struct {
						Hits      []Hit
						ByOwner   []OwnerGroup
						ByProduct []ProductGroup
						Summary   Summary
						Failed    []FileNote
					}{res.Hits, res.ByOwner, res.ByProduct, res.Summary, res.Coverage.Failed}, "", " ")
					return string(b), res
				}
				with, res := answer(false)
				without, all := answer(true)
				if diff := cmp.Diff(without, with); diff != "" {
					t.Errorf("answers differ (-decode everything +prefilter):\n%s", diff)
				}
				checkCounts(t, &res.Coverage, &all.Coverage)
				t.Logf("%d hits; %d of %d SBOMs ruled out by the byte search", len(res.Hits), res.Coverage.SBOMsPrefiltered, res.Coverage.SBOMsRead)
			})
		}
	}
}

// checkCounts: the coverage counts do not depend on the prefilter. The
// files seen, read, skipped and failed and the services are the same; read
// is ruled out plus decoded, and seen is read plus skipped plus failed.
func checkCounts(t *testing.T, with, without *Coverage) {
	t.Helper()
	type counts struct{ Seen, Read, Skipped, Failed, Services int }
	of := func(c *Coverage) counts {
		return counts{c.FilesSeen, c.SBOMsRead, c.FilesSkipped, c.FilesFailed, c.Services}
	}
	if diff := cmp.Diff(of(without), of(with)); diff != "" {
		t.Errorf("counts differ (-decode everything +prefilter):\n%s", diff)
	}
	for _, c := range []*Coverage{with, without} {
		if c.SBOMsRead != c.SBOMsPrefiltered+c.SBOMsDecoded || c.FilesSeen != c.SBOMsRead+c.FilesSkipped+c.FilesFailed {
			t.Errorf("counts do not add up: %+v", of(c))
		}
	}
	if without.SBOMsPrefiltered != 0 || without.SBOMsDecoded != without.SBOMsRead {
		t.Errorf("--no-prefilter ruled %d out", without.SBOMsPrefiltered)
	}
}
