package spdx

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/model"
)

// rawOpts compares raw forms field by field.
var rawOpts = cmp.AllowUnexported(raw{}, pkgInfo{}, rel{})

// checkScan2 fails unless the scanner reads data (SPDX JSON, its byte order
// mark removed) into the raw form decodeJSONSlow reads, or declines, with
// the masks and with the byte loops alike, and unless parse answers as the
// one that answered.
func checkScan2(t *testing.T, name string, data []byte) (scanned bool) {
	t.Helper()
	want, werr := decodeJSONSlow(data)
	got, ok := scanJSON2(data)
	for _, masks := range []bool{false, true} {
		if other, ok2 := scanJSON2With(data, masks); ok2 != ok || !cmp.Equal(got, other, rawOpts) {
			t.Errorf("%s: scanner with masks %v differs: ok %v, %v", name, masks, ok2, ok)
		}
	}
	if ok {
		if werr != nil {
			t.Errorf("%s: scanner answered, encoding/json failed: %v", name, werr)
			return true
		}
		if diff := cmp.Diff(want, got, rawOpts); diff != "" {
			t.Errorf("%s: scanner differs from encoding/json (-slow +scan):\n%s", name, diff)
		}
	} else {
		got, ok = want, werr == nil
	}
	parsed, err := decodeJSON(data)
	if (err == nil) != (werr == nil || ok) || !cmp.Equal(got, parsed, rawOpts) {
		t.Errorf("%s: decodeJSON differs: %v", name, err)
	}
	return ok
}

// spdxJSONFiles returns the SPDX 2 JSON files under dir (by content).
func spdxJSONFiles(t testing.TB, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if f, _ := Sniff(data); f == model.SPDXJSON {
			files[path] = trimBOM(data)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestScanEqualsSlowCorpus compares the two readers on every SPDX 2 JSON
// file of testdata and of ../shared. Real SBOMs must be read by the
// scanner.
func TestScanEqualsSlowCorpus(t *testing.T) {
	t.Run("testdata", func(t *testing.T) {
		testdata := spdxJSONFiles(t, repotest.Testdata(t, ""))
		if len(testdata) < 30 {
			t.Fatalf("%d SPDX JSON files in testdata, expected at least 30", len(testdata))
		}
		testScanEqualsSlowCorpus(t, testdata)
	})
	t.Run("shared", func(t *testing.T) {
		testScanEqualsSlowCorpus(t, spdxJSONFiles(t, repotest.Shared(t, "corpus")), spdxJSONFiles(t, repotest.Shared(t, "landscape")))
	})
}

func testScanEqualsSlowCorpus(t *testing.T, all ...map[string][]byte) {
	files, scanned := 0, 0
	for _, set := range all {
		for path, data := range set {
			files++
			if checkScan2(t, path, data) {
				scanned++
			} else if strings.Contains(path, "real") {
				t.Errorf("%s: the scanner declined a real SBOM", path)
			} else {
				t.Logf("scanner declined: %s", path)
			}
		}
	}
	t.Logf("%d SPDX JSON files compared, %d read by the scanner", files, scanned)
}

// scanEdges are documents on which the scanner could part from
// encoding/json: kept keys in other cases, escaped, non-ASCII, twice or
// null; values of the wrong JSON type; escapes, invalid UTF-8 and white
// space in kept strings; files and snippets sharing ids in either order;
// packages without SPDXID; purl references in odd spellings; checksums;
// relationships without type; broken JSON. The first two are plain.
func scanEdges() []string {
	const head = `{"spdxVersion":"SPDX-2.3","SPDXID":"SPDXRef-DOCUMENT",`
	return []string{
		head + `"name":"d","packages":[{"SPDXID":"SPDXRef-A","name":"a","versionInfo":"1","externalRefs":[{"referenceCategory":"PACKAGE-MANAGER","referenceType":"purl","referenceLocator":"pkg:npm/a@1"}],"checksums":[{"algorithm":"SHA256","checksumValue":"AB"}]}],"relationships":[{"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":"DESCRIBES","relatedSpdxElement":"SPDXRef-A"}]}`,
		"\n  " + head + `"creationInfo":{"created":"x","creators":["Tool: t"]},"documentDescribes":["SPDXRef-A"],"packages":[{"SPDXID":"SPDXRef-A","name":"a"}],"files":[{"SPDXID":"SPDXRef-F","checksums":[{"algorithm":"SHA1","checksumValue":"00"}]}]}` + "\n",
		`{"SPDXID":"SPDXRef-DOCUMENT"}`,
		`{"spdxVersion":""}`,
		`{"spdxVersion":" "}`,
		`{"spdxVersion":null}`,
		`{"spdxVersion":2.3}`,
		`{"spdxVersion":"SPDX-2.3","spdxVersion":"SPDX-2.2"}`,
		`{"spdxVersion":"SPDX-2.3","SPDXVersion":"SPDX-2.2"}`,
		`{"SpdxVersion":"SPDX-2.3"}`,
		`{"spdx\u0056ersion":"SPDX-2.3"}`,
		`{"spdxVersion":"SPDX-2.3","spdxid":"SPDXRef-X"}`,
		`{"spdxVersion":"SPDX-2.3","\u017fPDXID":"SPDXRef-X"}`,
		"{\"spdxVersion\":\"SPDX-2.3\",\"\xc5\xbfPDXID\":\"SPDXRef-X\"}",
		`{"spdxVersion":" SPDX-2.3 ","SPDXID":" SPDXRef-D ","name":" n "}`,
		`{"spdxVersion":"SPDX-2.3","name":1}`,
		`{"spdxVersion":"SPDX-2.3","@graph":[],"@context":"spdx"}`,
		head + `"documentDescribes":["a",null," b "]}`,
		head + `"documentDescribes":[]}`,
		head + `"documentDescribes":null}`,
		head + `"documentDescribes":"a"}`,
		head + `"documentDescribes":[1]}`,
		head + `"creationInfo":null}`,
		head + `"creationInfo":{}}`,
		head + `"creationInfo":{"creators":[]}}`,
		head + `"creationInfo":{"creators":null}}`,
		head + `"creationInfo":{"creators":["a",null]}}`,
		head + `"creationInfo":{"Creators":["a"]}}`,
		head + `"creationInfo":{"creators":["a"],"creators":["b"]}}`,
		head + `"creationInfo":[]}`,
		head + `"creationInfo":{"creators":"a"}}`,
		head + `"packages":null,"files":null,"snippets":null,"relationships":null}`,
		head + `"packages":[],"files":[],"snippets":[],"relationships":[]}`,
		head + `"packages":[null,{},{"name":"n"},{"name":"m"},{"SPDXID":" ","name":"o"},{"SPDXID":"SPDXRef-sbomx-no-spdxid-1","name":"p"}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":" a ","versionInfo":" 1 ","supplier":" Organization: S ","originator":" Person: O ","downloadLocation":" https://d ","primaryPackagePurpose":" LIBRARY "}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a","supplier":"NOASSERTION","originator":"","downloadLocation":"NONE","primaryPackagePurpose":"\u0130nstall"}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a","Name":"b"}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a","name":"b"}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a","versioninfo":"1"}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":1}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a","checksums":{}}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a","externalRefs":"x"}]}`,
		head + `"packages":["x"]}`,
		head + `"packages":{}}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a","checksums":[null,{},{"algorithm":"SHA-256"},{"algorithm":" sha_1 ","checksumValue":" Ab "},{"algorithm":"-","checksumValue":"x"},{"algorithm":"MD\u0035","checksumValue":"\u00c9"},{"algorithm":"SHA1","checksumValue":1}]}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a","checksums":[{"algorithm":"SHA1","checksumValue":"a","Algorithm":"MD5"}]}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a","externalRefs":[null,{"referenceType":"purl"},{"referenceType":"purl","referenceLocator":"  "},{"referenceType":"cpe23Type","referenceLocator":"cpe:x"},{"referenceType":"PURL","referenceLocator":" pkg:npm/a@1 "},{"referenceType":"purl","referenceLocator":"pkg:npm/b@2"}]}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a","externalRefs":[{"referenceType":"package-url","referenceLocator":"pkg:pypi/a@1"}]}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a","externalRefs":[{"referenceType":"pac\u212aage_url","referenceLocator":"pkg:pypi/a@1"}]}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a","externalRefs":[{"referenceType":"p\u0075rl","referenceLocator":"pkg:pypi/\u0061@1"}]}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a","externalRefs":[{"referenceCategory":1,"referenceType":"purl","referenceLocator":"pkg:npm/a@1"}]}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a","externalRefs":[{"referenceType":"purl","referenceLocator":"pkg:npm/a@1","referencetype":"cpe"}]}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a\ud800b","versionInfo":"\u00e9\"\\","downloadLocation":"https:\/\/x"}]}`,
		head + "\"packages\":[{\"SPDXID\":\"SPDXRef-\xff\",\"name\":\"a\xc3\x28\"}]}",
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a","hasFiles":["SPDXRef-F"],"licenseConcluded":{"x":[1,2.5,true,null]}}]}`,
		head + `"files":[{"SPDXID":"SPDXRef-X"}],"snippets":[{"SPDXID":"SPDXRef-X"}]}`,
		head + `"snippets":[{"SPDXID":"SPDXRef-X"}],"files":[{"SPDXID":"SPDXRef-X"},{"SPDXID":" SPDXRef-Y "},{},null,{"SPDXID":""}]}`,
		head + `"files":[{"SPDXID":"SPDXRef-X","spdxId":"SPDXRef-Y"}]}`,
		head + `"files":[{"SPDXID":1}]}`,
		head + `"files":[1]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a"}],"relationships":[null,{},{"spdxElementId":"SPDXRef-A","relatedSpdxElement":"SPDXRef-B"},{"spdxElementId":"SPDXRef-A","relationshipType":"","relatedSpdxElement":"SPDXRef-B"},{"spdxElementId":" SPDXRef-A ","relationshipType":" DEPENDS_ON ","relatedSpdxElement":" SPDXRef-B "},{"relationshipType":"CONTAINS"},{"spdxElementId":"SPDXRef-DOCUMENT","relationshipType":"DESCRIBES","relatedSpdxElement":"SPDXRef-A"}]}`,
		head + `"relationships":[{"spdxElementId":"SPDXRef-A","relationshipType":"DEPENDS_ON","relatedSpdxElement":"SPDXRef-B"}],"packages":[{"SPDXID":"SPDXRef-A","name":"a"},{"SPDXID":"SPDXRef-B","name":"b"}]}`,
		head + `"packages":[{"SPDXID":"SPDXRef-A","name":"a"}],"relationships":[{"spdxElementId":"SPDXRef-\u0041","relationshipType":"depends_on","relatedSpdxElement":"SPDXRef-A"}]}`,
		head + `"relationships":[{"spdxElementId":"SPDXRef-A","relationshipType":"DEPENDS_ON","relatedSpdxElement":"SPDXRef-B","RelationshipType":"CONTAINS"}]}`,
		head + `"relationships":[{"spdxElementId":"SPDXRef-A","relationshipType":["DEPENDS_ON"],"relatedSpdxElement":"SPDXRef-B"}]}`,
		head + `"relationships":[{"spdxElementId":"SPDXRef-A","relationshipType":"DEPENDS_ON","relatedSpdxElement":"SPDXRef-B","comment":"a\x"}]}`,
		head + `"relationships":[]`,
		head + `"relationships":[],}`,
		head + `"relationships":[]} x`,
		head + `"relationships":[]}` + "\x00",
		head + `"x":` + strings.Repeat("[", 9998) + strings.Repeat("]", 9998) + `}`,
		head + `"x":` + strings.Repeat("[", 10000) + strings.Repeat("]", 10000) + `}`,
		`[]`,
		`{}`,
		`{"spdxVersion"`,
	}
}

func TestScanEqualsSlowEdges(t *testing.T) {
	for i, c := range scanEdges() {
		name := c
		if len(name) > 70 {
			name = name[:70]
		}
		if !checkScan2(t, name, []byte(c)) && i < 2 {
			t.Errorf("%s: the scanner declined a plain document", name)
		}
	}
}

// FuzzSPDXScanEqualsSlow checks that the scanner reads any input into the
// raw form encoding/json reads, or declines, and never panics.
func FuzzSPDXScanEqualsSlow(f *testing.F) {
	for _, dir := range []string{"corpus/spdx", "corpus/real", "real-world"} {
		for _, data := range spdxJSONFiles(f, repotest.Testdata(f, dir)) {
			f.Add(shrink(data))
		}
	}
	for _, c := range scanEdges() {
		f.Add([]byte(c))
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		checkScan2(t, "fuzz input", data)
	})
}

// shrink cuts a seed's arrays to their first three elements (re-indented,
// keys sorted) when it is large: big seeds slow mutation down.
func shrink(data []byte) []byte {
	if len(data) <= fuzzSeedMax {
		return data
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if dec.Decode(&v) != nil {
		return data[:fuzzSeedMax]
	}
	var cut func(any) any
	cut = func(v any) any {
		switch v := v.(type) {
		case []any:
			v = v[:min(len(v), 3)]
			for i := range v {
				v[i] = cut(v[i])
			}
			return v
		case map[string]any:
			for k := range v {
				v[k] = cut(v[k])
			}
		}
		return v
	}
	out, _ := json.MarshalIndent(cut(v), "", "  ")
	return out
}

// benchFiles returns the SPDX 2 JSON files of the given directories for
// the benchmarks.
func benchFiles(b *testing.B, dirs ...string) ([][]byte, int64) {
	var files [][]byte
	var n int64
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if err != nil {
			b.Fatal(err)
		}
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			if err != nil {
				b.Fatal(err)
			}
			if f, _ := Sniff(data); f == model.SPDXJSON && strings.HasSuffix(e.Name(), ".json") {
				files = append(files, data)
				n += int64(len(data))
			}
		}
	}
	if len(files) == 0 {
		b.Fatalf("no SPDX JSON files in %q", dirs)
	}
	return files, n
}

// benchDecode times decoding files into a Document, with the scanner or
// with encoding/json (decodeJSONSlow), build included.
func benchDecode(b *testing.B, files [][]byte, n int64, scan bool) {
	read := decodeJSONSlow
	if scan {
		read = func(data []byte) (*raw, error) {
			r, ok := scanJSON2(data)
			if !ok {
				b.Fatal("the scanner declined a benchmark file")
			}
			return r, nil
		}
	}
	b.SetBytes(n)
	b.ReportAllocs()
	for b.Loop() {
		for _, data := range files {
			r, err := read(data)
			if err != nil {
				b.Fatal(err)
			}
			build(r)
		}
	}
}

// The real SBOMs of testdata: syft, sbom-tool and GitHub's dependency-graph
// export, 1.8 MB in all.
func benchDirs(b *testing.B) []string {
	return []string{repotest.Testdata(b, "corpus/real"), repotest.Testdata(b, "real-world")}
}

func BenchmarkDecodeSPDXJSONScan(b *testing.B) {
	files, n := benchFiles(b, benchDirs(b)...)
	benchDecode(b, files, n, true)
}

func BenchmarkDecodeSPDXJSONSlow(b *testing.B) {
	files, n := benchFiles(b, benchDirs(b)...)
	benchDecode(b, files, n, false)
}

// The larger real SBOMs of ../shared (Red Hat product SBOMs with thousands
// of packages, syft images with thousands of files), 15 MB in all.
func largeDir(b *testing.B) string { return repotest.Shared(b, "corpus/real") }

func BenchmarkDecodeSPDXJSONLargeScan(b *testing.B) {
	files, n := benchFiles(b, largeDir(b))
	benchDecode(b, files, n, true)
}

func BenchmarkDecodeSPDXJSONLargeSlow(b *testing.B) {
	files, n := benchFiles(b, largeDir(b))
	benchDecode(b, files, n, false)
}
