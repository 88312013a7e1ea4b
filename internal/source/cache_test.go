package source

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"io/fs"
	"testing"
	"testing/fstest"

	"github.com/sbomx/sbomx/internal/graph"
	"github.com/sbomx/sbomx/pkg/model"
)

// hashedMap is a MapFS whose files carry a hash of their bytes, as a git
// tree's do; opened counts the files opened.
type hashedMap struct {
	fstest.MapFS
	opened map[string]int
}

func (h hashedMap) BlobHash(name string) (string, bool) {
	f, ok := h.MapFS[name]
	if !ok || f.Mode.IsDir() {
		return "", false
	}
	sum := sha1.Sum(f.Data)
	return hex.EncodeToString(sum[:]), true
}

func (h hashedMap) Open(name string) (fs.File, error) {
	h.opened[name]++
	return h.MapFS.Open(name)
}

const cacheSBOM = `{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"name":"app"}},"components":[{"name":"lodash","version":"4.17.20","purl":"pkg:npm/lodash@4.17.20"}]}`

// TestCacheReusesBlobs: across two trees, a file whose bytes were read
// before is not opened again and keeps its result; the path is each
// tree's; a changed file, or the same bytes read another way, is read.
func TestCacheReusesBlobs(t *testing.T) {
	visits := 0
	cache := NewCache()
	load := func(m fstest.MapFS) (*Corpus, hashedMap) {
		h := hashedMap{MapFS: m, opened: map[string]int{}}
		c, err := Load(context.Background(), h, Options{
			Read: testReader(nil, func(string, *model.Document, *graph.Graph) any {
				visits++
				return "seen"
			}),
			Cache:   cache,
			Workers: 1,
			Keep:    func(f string) bool { return f == "CODEOWNERS" },
		})
		if err != nil {
			t.Fatal(err)
		}
		return c, h
	}
	c1, _ := load(fstest.MapFS{
		"a/bom.json":  {Data: []byte(cacheSBOM)},
		"CODEOWNERS":  {Data: []byte("/a/ @team\n")},
		"broken.json": {Data: []byte(`{"bomFormat":"CycloneDX",`)},
	})
	if visits != 1 || c1.Files[1].Result != "seen" {
		t.Fatalf("first tree: %d visits, files %+v", visits, c1.Files)
	}
	// The same bytes under a renamed folder, the ownership file unchanged,
	// the broken file unchanged, one new SBOM.
	c2, h2 := load(fstest.MapFS{
		"b/bom.json":  {Data: []byte(cacheSBOM)},
		"CODEOWNERS":  {Data: []byte("/a/ @team\n")},
		"broken.json": {Data: []byte(`{"bomFormat":"CycloneDX",`)},
		"c/bom.json":  {Data: []byte(cacheSBOM[:len(cacheSBOM)-1] + `,"version":1}`)},
	})
	if visits != 2 {
		t.Errorf("second tree: %d visits in all, want 2 (only the new SBOM)", visits)
	}
	for _, name := range []string{"b/bom.json", "CODEOWNERS", "broken.json"} {
		if h2.opened[name] != 0 {
			t.Errorf("%s opened again", name)
		}
	}
	byPath := map[string]File{}
	for _, f := range c2.Files {
		byPath[f.Path] = f
	}
	if f := byPath["b/bom.json"]; f.Status != StatusSBOM || f.Result != "seen" {
		t.Errorf("b/bom.json: %+v", f)
	}
	if f := byPath["CODEOWNERS"]; string(f.Data) != "/a/ @team\n" {
		t.Errorf("CODEOWNERS data not kept: %+v", f)
	}
	if f := byPath["broken.json"]; f.Status != StatusFailed || f.Reason == "" {
		t.Errorf("broken.json: %+v", f)
	}
	st := cache.Stats()
	if st.Read != 4 || st.Reused != 3 || st.Decoded != 2 {
		t.Errorf("stats %+v, want 4 read, 2 decoded, 3 reused", st)
	}
	// Sub keeps the hashes.
	sub, err := Sub(h2, "b")
	if err != nil {
		t.Fatal(err)
	}
	if got, ok := sub.(BlobHasher).BlobHash("bom.json"); !ok || got == "" {
		t.Errorf("Sub lost BlobHash")
	}
}
