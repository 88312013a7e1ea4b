package source

import (
	"bytes"
	stdgzip "compress/gzip"
	"io"
	"os"
	"testing"

	"github.com/klauspost/compress/gzip"

	"github.com/sbomx/sbomx/internal/support/repotest"
	"path/filepath"
)

// BenchmarkInflate is why gzip and zip's deflate are read with
// klauspost/compress rather than the standard library: on SBOM text (three
// real SBOMs of testdata/corpus, repeated to 32 MiB) it inflates a third to
// a half faster (go1.26, this project's 2-core machine, two runs: 895-903
// MB/s against 592-676).
func BenchmarkInflate(b *testing.B) {
	var text []byte
	for _, f := range []string{"maven-dependency-track-4.5.0-cyclonedx-maven-plugin.cdx.json", "deb-go-mongo-image-syft.cdx.json", "nuget-sbom-tool-sample-sbom-tool.spdx.json"} {
		data, err := os.ReadFile(filepath.Join(repotest.Testdata(b, "corpus/real"), f))
		if err != nil {
			b.Fatal(err)
		}
		text = append(text, data...)
	}
	for len(text) < 32<<20 {
		text = append(text, text...)
	}
	compressed := gzipOf(b, text)
	for _, tt := range []struct {
		name string
		open func(io.Reader) (io.Reader, error)
	}{
		{"std", func(r io.Reader) (io.Reader, error) { return stdgzip.NewReader(r) }},
		{"klauspost", func(r io.Reader) (io.Reader, error) { return gzip.NewReader(r) }},
	} {
		b.Run(tt.name, func(b *testing.B) {
			b.SetBytes(int64(len(text)))
			for b.Loop() {
				r, err := tt.open(bytes.NewReader(compressed))
				if err != nil {
					b.Fatal(err)
				}
				if n, err := io.Copy(io.Discard, r); err != nil || n != int64(len(text)) {
					b.Fatalf("%d bytes, %v", n, err)
				}
			}
		})
	}
}
