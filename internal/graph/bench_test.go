package graph

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/sbomx/sbomx/internal/decode"
	"github.com/sbomx/sbomx/pkg/model"
)

// benchDocs decodes real SBOMs from the repository's corpus.
func benchDocs(b *testing.B) []*model.Document {
	files, _ := filepath.Glob("../../testdata/corpus/real/*.cdx.json")
	docs := decodeFiles(b, files)
	if len(docs) == 0 {
		b.Skip("no corpus")
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

// BenchmarkBuildLarge builds the graphs of the first 20 SBOMs of
// /work/bench/small (genlandscape -services 500 -components 300 -seed 42,
// see scripts/bench.sh), when it exists: npm-, Maven- and PyPI-shaped trees
// of about 300 components.
func BenchmarkBuildLarge(b *testing.B) {
	const dir = "/work/bench/small"
	var files []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "bom.cdx.json" && len(files) < 20 {
			files = append(files, path)
		}
		return nil
	})
	docs := decodeFiles(b, files)
	if len(docs) == 0 {
		b.Skip(dir + " absent")
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, d := range docs {
			New(d, "f")
		}
	}
}
