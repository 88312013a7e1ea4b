package answers

import (
	"context"
	"os"
	"testing"

	"github.com/sbomx/sbomx/pkg/query"
)

func benchRun(b *testing.B, dir string, noPrefilter bool, qs ...string) {
	if _, err := os.Stat(dir); err != nil {
		b.Fatal(err)
	}
	var parsed []*query.Query
	for _, s := range qs {
		q, err := query.Parse(s)
		if err != nil {
			b.Fatal(err)
		}
		parsed = append(parsed, q)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Run(context.Background(), []Root{{FS: os.DirFS(dir), Name: dir}}, Options{Queries: parsed, NoPrefilter: noPrefilter}); err != nil {
			b.Fatal(err)
		}
	}
}

// The example landscape end to end: walk, decode, graphs, inventory.
func BenchmarkLandscapeRare(b *testing.B) {
	benchRun(b, landscapeDir(b), false, "torchtriton")
}
func BenchmarkLandscapeCommon(b *testing.B) { benchRun(b, landscapeDir(b), false, "lodash") }
func BenchmarkLandscapeNoPrefilter(b *testing.B) {
	benchRun(b, landscapeDir(b), true, "torchtriton")
}

// A genlandscape tree, when SBOMX_BENCH_DIR names one (scripts/bench.sh
// makes them).
func BenchmarkGenerated(b *testing.B) {
	dir := os.Getenv("SBOMX_BENCH_DIR")
	if dir == "" {
		b.Skip("SBOMX_BENCH_DIR not set")
	}
	for _, q := range []string{"torchtriton", "log4j-core", "lodash"} {
		b.Run(q, func(b *testing.B) { benchRun(b, dir, false, q) })
	}
}
