package cli

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/sbomx/sbomx/internal/source/gitsrc/gittest"
)

// TestBenchHistoryRepo writes the repository scripts/bench.sh SIZES=history
// measures, with go-git (no git binary): the generated landscape
// SBOMX_BENCH_HISTORY_SRC imported in a first commit (2023-01-01T00:00Z),
// then SBOMX_BENCH_HISTORY_COMMITS commits (default 200), one an hour,
// each re-issuing three SBOMs (their BOM version bumped: new bytes, the
// same packages) and every fifth adding torchtriton to one service, every
// fifth but two taking it out of one that had it. The bare repository is
// written to SBOMX_BENCH_HISTORY_OUT (a new folder) and packed, as a clone
// is. Skipped unless both are set.
func TestBenchHistoryRepo(t *testing.T) {
	src, out := os.Getenv("SBOMX_BENCH_HISTORY_SRC"), os.Getenv("SBOMX_BENCH_HISTORY_OUT")
	if src == "" || out == "" {
		t.Skip("SBOMX_BENCH_HISTORY_SRC and SBOMX_BENCH_HISTORY_OUT not set (scripts/bench.sh SIZES=history sets them)")
	}
	n := 200
	if s := os.Getenv("SBOMX_BENCH_HISTORY_COMMITS"); s != "" {
		var err error
		if n, err = strconv.Atoi(s); err != nil {
			t.Fatal(err)
		}
	}
	r := gittest.InitAt(t, out, true)
	r.Name, r.Email = "Bench", "bench@acme.example"
	r.CopyDir(src, "")
	var sboms []string
	for p := range r.Files() {
		if filepath.Base(p) == "bom.cdx.json" {
			sboms = append(sboms, p)
		}
	}
	slices.Sort(sboms)
	if len(sboms) == 0 {
		t.Fatalf("no bom.cdx.json under %s", src)
	}
	base := gittest.Date(t, "2023-01-01T00:00:00Z")
	r.Commit("import the landscape", base)

	rng := rand.New(rand.NewPCG(42, 16))
	original := map[string][]byte{} // SBOMs holding torchtriton: their content before
	var holders []string
	const component = `
    {
      "bom-ref": "pkg:pypi/torchtriton@2.0.0%2B0d7e753227",
      "type": "library",
      "name": "torchtriton",
      "version": "2.0.0+0d7e753227",
      "purl": "pkg:pypi/torchtriton@2.0.0%2B0d7e753227"
    },`
	for i := 1; i <= n; i++ {
		for range 3 {
			p := sboms[rng.IntN(len(sboms))]
			r.WriteBytes(p, bumpBOMVersion(t, r.Files()[p].Data, i))
		}
		switch {
		case i%5 == 0:
			p := sboms[rng.IntN(len(sboms))]
			if _, ok := original[p]; !ok {
				data := r.Files()[p].Data
				original[p] = data
				holders = append(holders, p)
				r.WriteBytes(p, bytes.Replace(data, []byte("\n  \"components\": ["), []byte("\n  \"components\": ["+component), 1))
			}
		case i%5 == 3 && len(holders) > 0:
			k := rng.IntN(len(holders))
			p := holders[k]
			holders = slices.Delete(holders, k, k+1)
			r.WriteBytes(p, original[p])
			delete(original, p)
		}
		r.Commit(fmt.Sprintf("commit %d: three SBOMs re-issued", i), base.Add(time.Duration(i)*time.Hour))
	}
	r.Repack()
	fmt.Printf("history: %d SBOMs, %d commits after the import, %d services hold torchtriton at the end\n", len(sboms), n, len(holders))
}

// bumpBOMVersion sets the BOM's own version (the top-level "version",
// which a producer bumps when it re-issues a BOM) to v.
func bumpBOMVersion(t *testing.T, data []byte, v int) []byte {
	const key = "\n  \"version\": "
	i := bytes.Index(data, []byte(key))
	if i < 0 {
		t.Fatal("no top-level version in a generated SBOM")
	}
	j := bytes.IndexByte(data[i+len(key):], ',')
	if j < 0 || strings.ContainsAny(string(data[i+len(key):i+len(key)+j]), "\n{") {
		t.Fatal("unexpected top-level version in a generated SBOM")
	}
	out := append([]byte{}, data[:i+len(key)]...)
	out = strconv.AppendInt(out, int64(v+1), 10)
	return append(out, data[i+len(key)+j:]...)
}
