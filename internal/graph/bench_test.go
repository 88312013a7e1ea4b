package graph

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/sbomx/sbomx/internal/decode"
	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/model"
)

// benchDocs decodes real SBOMs from the repository's corpus.
func benchDocs(b *testing.B) []*model.Document {
	files, _ := filepath.Glob(filepath.Join(repotest.Testdata(b, "corpus/real"), "*.cdx.json"))
	docs := decodeFiles(b, files)
	if len(docs) == 0 {
		b.Fatal("no CycloneDX JSON file in testdata/corpus/real")
	}
	return docs
}

func decodeFiles(b *testing.B, files []string) []*model.Document {
	var docs []*model.Document
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		doc, err := decode.Decode(data)
		if err != nil {
			b.Fatal(err)
		}
		docs = append(docs, doc)
	}
	return docs
}

// BenchmarkBuild builds the graphs of the real CycloneDX SBOMs in testdata
// (root inference, cycle detection, BFS included).
func BenchmarkBuild(b *testing.B) {
	docs := benchDocs(b)
	n := 0
	for _, d := range docs {
		n += len(d.Components)
	}
	b.ReportMetric(float64(n), "components/op")
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			New(d, "f")
		}
	}
}

// BenchmarkShortestPaths asks for the path to every component of every
// graph: the work of a query matching everything.
func BenchmarkShortestPaths(b *testing.B) {
	docs := benchDocs(b)
	var gs []*Graph
	for _, d := range docs {
		gs = append(gs, New(d, "f"))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, g := range gs {
			for i := 1; i < len(g.Nodes); i++ {
				g.ShortestPath(i)
			}
		}
	}
}

// BenchmarkAllPaths asks for up to 5 paths to every component.
func BenchmarkAllPaths(b *testing.B) {
	docs := benchDocs(b)
	var gs []*Graph
	for _, d := range docs {
		gs = append(gs, New(d, "f"))
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, g := range gs {
			for i := 1; i < len(g.Nodes); i += 10 {
				g.Paths(i, 5)
			}
		}
	}
}

// BenchmarkBuildLarge builds the graphs of the first 20 SBOMs of the tree
// $SBOMX_BENCH_SMALL names (genlandscape -services 500 -components 300
// -seed 42; scripts/bench.sh makes it and sets the variable): npm-, Maven-
// and PyPI-shaped trees of about 300 components. Skipped when it is unset.
func BenchmarkBuildLarge(b *testing.B) {
	dir := os.Getenv("SBOMX_BENCH_SMALL")
	if dir == "" {
		b.Skip("SBOMX_BENCH_SMALL not set (scripts/bench.sh sets it to $BENCH_ROOT/small)")
	}
	if _, err := os.Stat(dir); err != nil {
		b.Fatal(err)
	}
	var files []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "bom.cdx.json" && len(files) < 20 {
			files = append(files, path)
		}
		return nil
	})
	docs := decodeFiles(b, files)
	if len(docs) == 0 {
		b.Fatalf("no bom.cdx.json under %s", dir)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			New(d, "f")
		}
	}
}
