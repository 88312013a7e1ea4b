package cyclonedx

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/model"
)

// forEqualDirs runs test, in a subtest each, on the repository's trees and
// on ../shared's whose CycloneDX JSON files the scanner must decode exactly
// as the slow path, or decline. A missing tree fails its subtest (but
// ../shared under -short or SBOMX_SKIP_SHARED=1, where it skips).
func forEqualDirs(t *testing.T, test func(t *testing.T, dirs ...string)) {
	t.Run("testdata", func(t *testing.T) {
		test(t, repotest.Testdata(t, "corpus"), repotest.Testdata(t, "landscape"))
	})
	t.Run("shared", func(t *testing.T) {
		test(t, repotest.Shared(t, "corpus"), repotest.Shared(t, "landscape"))
	})
}

// lenientWarning starts the warning of the slow path's lenient retry, the
// one difference the scanner is allowed (it does not see schema faults in
// fields sbomx does not read).
const lenientWarning = "read leniently, skipped fields sbomx does not use: "

// withoutLenient returns doc without the lenient-retry warning, and whether
// it had one.
func withoutLenient(doc *model.Document) (*model.Document, bool) {
	if doc == nil {
		return nil, false
	}
	var warnings []string
	found := false
	for _, w := range doc.Warnings {
		if strings.HasPrefix(w, lenientWarning) {
			found = true
			continue
		}
		warnings = append(warnings, w)
	}
	if !found {
		return doc, false
	}
	c := *doc
	c.Warnings = warnings
	return &c, true
}

// checkScan fails unless decodeScan answers like decodeSlow (but for the
// lenient-retry warning) or declines, and Decode answers as the one that
// answered; lenient says the slow path warned.
func checkScan(t *testing.T, name string, data []byte) (scanned, lenient bool) {
	t.Helper()
	want, werr := decodeSlow(data)
	got, ok := decodeScan(data, Options{})
	// The byte loops and the masks (where they are vectorised) must agree.
	for _, masks := range []bool{false, true} {
		if other, ok2 := decodeScanWith(data, Options{}, masks); ok2 != ok || !cmp.Equal(got, other) {
			t.Errorf("%s: scanner with masks %v differs: ok %v, %v", name, masks, ok2, ok)
		}
	}
	if !ok {
		doc, err := Decode(data)
		if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() || !cmp.Equal(want, doc) {
			t.Errorf("%s: scanner declined, Decode differs from slow path: %v, %v", name, err, werr)
		}
		return false, false
	}
	if werr != nil {
		t.Errorf("%s: scanner answered, slow path failed: %v", name, werr)
		return true, false
	}
	want, lenient = withoutLenient(want)
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("%s: scanner differs from slow path (-slow +scan):\n%s", name, diff)
	}
	doc, err := Decode(data)
	if err != nil || !cmp.Equal(got, doc) {
		t.Errorf("%s: Decode differs from the scanner: %v", name, err)
	}
	return true, lenient
}

func TestScanEqualsSlowCorpus(t *testing.T) { forEqualDirs(t, testScanEqualsSlowCorpus) }

func testScanEqualsSlowCorpus(t *testing.T, dirs ...string) {
	files, scanned, lenient := 0, 0, 0
	for _, dir := range dirs {
		err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
				return err
			}
			data, err := os.ReadFile(path)
			if err != nil {
				return err
			}
			if f, _ := Sniff(data); f != model.CycloneDXJSON && !strings.Contains(path, "cyclonedx-spec") {
				return nil
			}
			files++
			ok, len := checkScan(t, path, data)
			switch {
			case ok:
				scanned++
				if len {
					lenient++
					if testing.Verbose() {
						t.Logf("scanner, slow path lenient: %s", path)
					}
				}
			case testing.Verbose():
				t.Logf("scanner declined: %s", path)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if files == 0 {
		t.Fatal("no CycloneDX JSON files found")
	}
	t.Logf("%d CycloneDX JSON files compared: %d answered by the scanner (%d of them read leniently by the slow path), %d by the slow path",
		files, scanned, lenient, files-scanned)
}

// edgeCases are documents on which a fast reader could part from the slow
// path: key case and duplicates, odd specVersion and bomFormat values, JSON
// kinds cyclonedx-go rejects in fields sbomx does not read, escapes, invalid
// UTF-8, deep nesting, broken JSON. The first three are plain.
func edgeCases() []string {
	const comp = `{"bom-ref":"a","type":"library","name":"n","version":"1","purl":"pkg:npm/n@1","hashes":[{"alg":"SHA-256","content":"AB"}],"externalReferences":[{"type":"distribution","url":"https://x"}]}`
	cases := []string{
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[` + comp + `]}`,
		`{"bomFormat":"CycloneDX","components":[` + comp + `]}`,
		`{"bomFormat":"cyclonedx ","specVersion":"1.5","components":[` + comp + `]}`,
		`{"bomFormat":"SPDX","specVersion":"1.5"}`,
		`{"BomFormat":"CycloneDX","specVersion":"1.5"}`,
		`{"bomformat":"CycloneDX","bomFormat":"CycloneDX","specVersion":"1.5"}`,
		`{"bomFormat":"CycloneDX","bomFormat":"SPDX","specVersion":"1.5"}`,
		`{"bomFormat":"CycloneDX","BOMFORMAT":"SPDX","specVersion":"1.5"}`,
		`{"b\u006fmFormat":"CycloneDX","specVersion":"1.5"}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","SPECVERSION":"2.0"}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","SpecVersion":null}`,
		`{"bomFormat":"CycloneDX","specversion":"1.5"}`,
		`{"bomFormat":"CycloneDX","specVersion":" 1.5"}`,
		`{"bomFormat":"CycloneDX","specVersion":1.5}`,
		`{"bomFormat":"CycloneDX","specVersion":"9.9"}`,
		`{"bomFormat":"CycloneDX","specVersion":null}`,
		`{"bomFormat":1,"specVersion":"1.5"}`,
		`{"bomFormat":null,"specVersion":"1.5"}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"a","description":1}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"a","Description":[]}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"a","licenses":[{"license":{"id":5}}]}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"a","licenses":{}}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"a","supplier":"acme"}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"a","properties":[{"name":"x","value":2}]}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"a","modified":"yes"}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"a","tags":[1]}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"a","externalReferences":[{"url":"u","type":"distribution","comment":{}}]}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"a","NAME":"b","Components":[{"name":"c"}]}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"a"}],"components":[{"bom-ref":"b"}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"name":"r","bom-ref":"r"}},"metadata":{"timestamp":"t"}}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","version":"1"}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","services":{}}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"tools":[{"name":"t","version":"1"}]}}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"tools":{"components":[{"name":"t"}]}}}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"tools":5}}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"name":"r","bom-ref":"a"}},"components":[{"bom-ref":"a","components":[{"name":"x"}]},{"name":"y"}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"name":"r"}},"components":[{"bom-ref":"sbomx:root","name":"x"},{"name":"y"},{"bom-ref":"sbomx:component:1"}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","dependencies":[{"ref":"a","dependsOn":["b",""]},{"dependsOn":["c"]},{"ref":"x"}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","dependencies":[{"ref":"a","dependsOn":[1]}]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"\ud800 \u00e9 \" \\"}]}`,
		"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"components\":[{\"name\":\"a\xff\xfe\"}]}",
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"a"}]`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":[{"name":"a"},]}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5"} x`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","x":` + strings.Repeat("[", 10001) + strings.Repeat("]", 10001) + `}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":` + strings.Repeat(`[{"components":`, 3000) + `[]` + strings.Repeat(`}]`, 3000) + `}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","components":` + strings.Repeat(`[{"components":`, 6000) + `[]` + strings.Repeat(`}]`, 6000) + `}`,
		`["bomFormat"]`,
		`{}`,
		``,
		`{"bomFormat"`,
		"\xef\xbb\xbf  {\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.4\"}",
	}
	return cases
}

// TestScanEqualsSlowEdges runs the scanner on the edge cases and on its
// own: kept keys in odd spellings, duplicated or null, odd
// JSON kinds, escapes and invalid UTF-8 in kept strings, dependsOn before
// ref, broken JSON in skipped values.
func TestScanEqualsSlowEdges(t *testing.T) {
	const (
		head = `{"bomFormat":"CycloneDX","specVersion":"1.6",`
		c    = `{"bom-ref":"a","type":"library","name":"n","version":"1","purl":"pkg:npm/n@1"}`
	)
	cases := append(edgeCases(),
		head+`"components":[{"bom-ref":"a","Bom-Ref":"b"}]}`,
		head+`"components":[{"bom-ref":"a","nAme":"b"}]}`,
		head+`"components":[{"bom-ref":"a","n\u0061me":"b"}]}`,
		head+`"components":[{"bom-ref":"a","ver\u017fion":"b"}]}`,
		head+"\"components\":[{\"bom-ref\":\"a\",\"ver\xc5\xbfion\":\"b\"}]}",
		head+`"components":[{"bom-ref":"a","name":"b","name":"c"}]}`,
		head+`"components":[{"bom-ref":"a","name":"b","name":null}]}`,
		head+`"components":[{"bom-ref":"a","hashes":[{"alg":"MD5","content":"a"}],"hashes":[{"alg":"SHA-1","content":"b"}]}]}`,
		head+`"components":[{"bom-ref":"a","components":[{"name":"x"}],"components":[{"bom-ref":"y"}]}]}`,
		head+`"components":[{"bom-ref":null,"type":null,"name":null,"group":null,"version":null,"purl":null,"hashes":null,"externalReferences":null,"components":null}]}`,
		head+`"components":[null]}`,
		head+`"components":[{"name":"a","hashes":[null,{"alg":null,"content":"x"},{"alg":"x"},{"alg":" - ","content":"x"},{"alg":"Sha-256 ","content":" AbC "}]}]}`,
		head+`"components":[{"name":"a","hashes":[{"alg":"SHA-256","content":"ab","ALG":"x"}]}]}`,
		head+`"components":[{"name":"a","hashes":[{"alg":"SH\u0041-256","content":"\u00c9"}]}]}`,
		head+`"components":[{"name":"a","hashes":[{"alg":"SHA-256","content":1}]}]}`,
		head+`"components":[{"name":"a","hashes":{}}]}`,
		head+`"components":[{"name":"a","externalReferences":[null,{"type":"distribution"},{"url":" https://a "},{"url":"https://b","type":"distribution-intake"},{"type":"Distribution","url":"c"},{"type":"distribution","url":"https://b"},{"type":"distribution","url":"NONE"}]}]}`,
		head+`"components":[{"name":"a","externalReferences":[{"type":"distrib\u0075tion","url":"https:\/\/x"}]}]}`,
		head+`"components":[{"name":"a","externalReferences":[{"type":"distribution","url":"u","URL":"v"}]}]}`,
		head+`"components":[{"name":"a","externalReferences":[{"type":5,"url":"u"}]}]}`,
		head+`"components":[{"name":"a","purl":"pkg:npm/a@1?download_url=https://d","externalReferences":[{"type":"distribution","url":"https://e"}]}]}`,
		head+`"components":[{"type":" LIBRARY ","name":"  spaced\t","group":"\u00a0g\u00a0","version":"\n1\n"}]}`,
		head+`"components":[{"type":"Ünïcode","name":"\u0085x\u0085","purl":"pkg:npm/%C3%A9@1"}]}`,
		head+"\"components\":[{\"name\":\"\xc3\x28\",\"bom-ref\":\"\xed\xa0\x80\"}]}",
		head+`"components":[{"name":"\ud83d\ude00 \ud83d x \udc00"}]}`,
		head+`"components":[{"name":"a\x"}]}`,
		head+`"components":[{"name":"a\u12"}]}`,
		head+"\"components\":[{\"name\":\"a\tb\"}]}",
		head+"\"components\":[{\"name\":\"a\",\"description\":\"x\ny\"}]}",
		head+`"components":[{"name":"a","description":"\q"}]}`,
		head+`"components":[{"name":"a","x":[1,-0,0.5e+3,-1E9,true,false,null,{"a":{}},[]]}]}`,
		head+`"components":[{"name":"a","x":01}]}`,
		head+`"components":[{"name":"a","x":1.}]}`,
		head+`"components":[{"name":"a","x":-}]}`,
		head+`"components":[{"name":"a","x":.5}]}`,
		head+`"components":[{"name":"a","x":1e}]}`,
		head+`"components":[{"name":"a","x":tru}]}`,
		head+`"components":[{"name":"a","x":nul}]}`,
		head+`"components":[{"name":"a","x":[1,]}]}`,
		head+`"components":[{"name":"a","x":{"a":1,}}]}`,
		head+`"components":[{"name":"a","x":{"a" 1}}]}`,
		head+`"components":[{"name":"a","x":{1:1}}]}`,
		head+`"components":[{"name":"a",}]}`,
		head+`"components":[{"name":"a"}],}`,
		head+`"components":[{"name":"a"}]}}`,
		head+`"components":[{"name":"a"}]`,
		head+`"components":[{"name":"a"`,
		head+`"components":[{"name":"a`,
		head+`"components":{}}`,
		head+`"components":"x"}`,
		head+`"components":null,"dependencies":null,"metadata":null}`,
		head+"\"components\":[]\f}",
		head+`"components":[],"Components":[]}`,
		head+`"components":[],"components":[]}`,
		head+`"dependencies":[],"dependencies":[]}`,
		head+`"metadata":{},"metadata":{}}`,
		head+`"Metadata":{}}`,
		head+`"metadata":"x"}`,
		head+`"metadata":{"component":{"name":"r","bom-ref":"a"},"supplier":{"name":"\u00e9 s"}},"components":[`+c+`]}`,
		head+"\"metadata\":{\"authors\":[{\"name\":\"\xff\"}]}}",
		head+`"metadata":{"component":{"name":"r","components":[{"name":"rc"},{"bom-ref":"sbomx:component:1"}]}},"components":[{"name":"x"},{"bom-ref":"sbomx:root"}]}`,
		head+`"metadata":{"component":{"name":"r","bom-ref":"r","components":[{"bom-ref":"rc","name":"rc"}]}},"components":[{"bom-ref":"r","name":"again","components":[{"name":"k"}]},{"bom-ref":"z","components":[{"bom-ref":"r"}]}]}`,
		head+`"metadata":{"component":{"name":"r","bom-ref":"r"}},"components":[{"bom-ref":"r"}]}`,
		head+`"components":[`+c+`],"metadata":{"component":{"name":"r","bom-ref":"a"}}}`,
		head+`"dependencies":[{"dependsOn":["b"],"ref":"a"},{"dependsOn":[],"ref":""},{"dependsOn":["x"]},{"ref":"q","dependsOn":null},{"ref":"r","dependsOn":["",null,"s"]},null,{"ref":"t","provides":["u"]}]}`,
		head+`"dependencies":[{"dependsOn":[1]}]}`,
		head+`"dependencies":[{"dependsOn":[1],"ref":"a"}]}`,
		head+`"dependencies":[{"ref":"a","dependsOn":["b"],"DependsOn":["c"]}]}`,
		head+`"dependencies":[{"ref":"a","dependsOn":["b"],"dependsOn":["c"]}]}`,
		head+`"dependencies":[{"ref":"\u0061","dependsOn":["\u0062"]}]}`,
		head+`"dependencies":[{"ref":"a","dependsOn":"b"}]}`,
		head+`"dependencies":[{"ref":1,"dependsOn":["b"]}]}`,
		head+`"dependencies":["a"]}`,
		`{"bomFormat":"Cyclone\u0044X","specVersion":"1.\u0035"}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","bomFormat":"CycloneDX"}`,
		"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}\n\t ",
		"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\"}\x00",
		"{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.5\",\"\xc5\xbfpecVersion\":\"1.5\"}",
		`{"bomFormat":"CycloneDX","specVersion":"1.5","x":`+strings.Repeat("[", 9998)+strings.Repeat("]", 9998)+`}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","x":`+strings.Repeat("[", 9999)+strings.Repeat("]", 9999)+`}`,
		`{"bomFormat":"CycloneDX","specVersion":"1.5","x":`+strings.Repeat("[", 10000)+strings.Repeat("]", 10000)+`}`,
	)
	scanned := 0
	for i, c := range cases {
		name := c
		if len(name) > 60 {
			name = name[:60]
		}
		if ok, _ := checkScan(t, name, []byte(c)); ok {
			if testing.Verbose() && i >= len(edgeCases()) {
				t.Logf("scanned: %.90s", c[min(len(c), 42):])
			}
			scanned++
		} else if i < 3 {
			t.Errorf("%s: scanner declined a plain document", name)
		}
	}
	t.Logf("%d cases, %d answered by the scanner", len(cases), scanned)
}

// benchFiles returns real CycloneDX JSON files for the benchmarks.
func benchFiles(b *testing.B, patterns ...string) ([][]byte, int64) {
	var out [][]byte
	var n int64
	for _, p := range patterns {
		m, _ := filepath.Glob(p)
		for _, f := range m {
			data, err := os.ReadFile(f)
			if err != nil {
				b.Fatal(err)
			}
			out = append(out, data)
			n += int64(len(data))
		}
	}
	if len(out) == 0 {
		b.Fatalf("no files match %q", patterns)
	}
	return out, n
}

// decoder names a decoding stage for the benchmarks.
type decoder int

const (
	slowPath decoder = iota
	scanPath         // the hand-written scanner
)

func benchDecode(b *testing.B, files [][]byte, n int64, how decoder) {
	for _, data := range files {
		if _, ok := decodeScan(data, Options{}); how == scanPath && !ok {
			b.Fatal("scanner declined a benchmark file")
		}
	}
	b.SetBytes(n)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		for _, data := range files {
			if how == scanPath {
				decodeScan(data, Options{})
			} else if _, err := decodeSlow(data); err != nil {
				b.Fatal(err)
			}
		}
	}
}

func realBench(b *testing.B) []string {
	return []string{realDir(b) + "/*.cdx.json", landscapeDir(b) + "/logistics/*/bom.cdx.json"}
}

func BenchmarkDecodeJSONScan(b *testing.B) {
	files, n := benchFiles(b, realBench(b)...)
	benchDecode(b, files, n, scanPath)
}

func BenchmarkDecodeJSONSlow(b *testing.B) {
	files, n := benchFiles(b, realBench(b)...)
	benchDecode(b, files, n, slowPath)
}

// largeFiles are the first 20 BOMs of the tree $SBOMX_BENCH_SMALL names
// (genlandscape -services 500 -components 300 -seed 42; scripts/bench.sh
// makes it and sets the variable). The benchmark is skipped when it is
// unset.
func largeFiles(b *testing.B) ([][]byte, int64) {
	dir := os.Getenv("SBOMX_BENCH_SMALL")
	if dir == "" {
		b.Skip("SBOMX_BENCH_SMALL not set (scripts/bench.sh sets it to $BENCH_ROOT/small)")
	}
	if _, err := os.Stat(dir); err != nil {
		b.Fatal(err)
	}
	var paths []string
	filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && d.Name() == "bom.cdx.json" && len(paths) < 20 {
			paths = append(paths, path)
		}
		return nil
	})
	return benchFiles(b, paths...)
}

func BenchmarkDecodeJSONLargeScan(b *testing.B) {
	files, n := largeFiles(b)
	benchDecode(b, files, n, scanPath)
}

func BenchmarkDecodeJSONLargeSlow(b *testing.B) {
	files, n := largeFiles(b)
	benchDecode(b, files, n, slowPath)
}

// FuzzScanEqualsSlow checks that the scanner answers like the slow path (but
// for the lenient-retry warning), or declines, on any input, and never
// panics.
func FuzzScanEqualsSlow(f *testing.F) {
	f.Add([]byte(`{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"name":"r","bom-ref":"a"}},"components":[{"bom-ref":"a","components":[{"name":"x","hashes":[{"alg":"SHA-1","content":"AB"}]}]},{"name":"y","licenses":[{"license":{"id":"MIT"}}]}],"dependencies":[{"ref":"a","dependsOn":["y"]}]}`))
	f.Add([]byte(`{"bomFormat":"CycloneDX","specVersion":"1.4","components":[{"type":"library","name":"n","purl":"pkg:npm/n@1?download_url=x","externalReferences":[{"type":"distribution","url":"u"},{"url":"v","type":"vcs"}]}]}`))
	f.Add([]byte(`{"bomFormat":"CycloneDX","specVersion":"1.6","components":[{"name":" \u00e9\ud800 ","type":"LIB","group":null,"x":[1,-2.5e3,true,{"a":null}]}],"dependencies":[{"dependsOn":["b",""],"ref":"a"},{"dependsOn":[]}]}`))
	f.Add([]byte(`{"bomFormat":"CycloneDX","specVersion":"1.6","metadata":{"component":{"name":"r","components":[{"name":"c"}]}},"components":[{"bom-ref":"sbomx:component:1","components":[{"name":"d"}]},{"bom-ref":"sbomx:root"}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		checkScan(t, "fuzz input", data)
	})
}
