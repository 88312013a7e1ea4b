package answers

import (
	"context"
	"crypto/sha1"
	"encoding/hex"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sbomx/sbomx/internal/source"
	"github.com/sbomx/sbomx/pkg/query"
)

// hashedTree is a MapFS whose files carry a hash of their bytes, as a git
// commit's tree does.
type hashedTree struct{ fstest.MapFS }

func (h hashedTree) BlobHash(name string) (string, bool) {
	f, ok := h.MapFS[name]
	if !ok || f.Mode.IsDir() {
		return "", false
	}
	sum := sha1.Sum(f.Data)
	return hex.EncodeToString(sum[:]), true
}

func (h hashedTree) ReadDir(name string) ([]fs.DirEntry, error) { return h.MapFS.ReadDir(name) }

const (
	withTriton    = `{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"bom-ref":"r","name":"%s"}},"components":[{"bom-ref":"t","name":"torchtriton","version":"2.0.0","purl":"pkg:pypi/torchtriton@2.0.0"}],"dependencies":[{"ref":"r","dependsOn":["t"]}]}`
	withoutTriton = `{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"bom-ref":"r","name":"%s"}},"components":[{"bom-ref":"q","name":"requests","version":"2.31.0","purl":"pkg:pypi/requests@2.31.0"}],"dependencies":[{"ref":"r","dependsOn":["q"]}]}`
)

func sbomOf(format, name string) *fstest.MapFile {
	return &fstest.MapFile{Data: []byte(strings.ReplaceAll(format, "%s", name))}
}

func snapshotOf(commit string, files fstest.MapFS, changed ...string) Snapshot {
	rev := Revision{Commit: commit, Date: "2022-12-2" + commit[len(commit)-1:] + "T00:00:00Z"}
	land := fstest.MapFS{}
	for name, f := range files {
		if name != "CODEOWNERS" {
			name = "land/" + name
		}
		land[name] = f
	}
	for i, c := range changed {
		changed[i] = "land/" + c
	}
	return Snapshot{Revision: rev, Roots: []Root{{FS: hashedTree{land}, Dir: "land", Name: "land", Revision: &rev}}, Changed: changed, ChangedKnown: changed != nil}
}

// TestWindowAcrossAMove: a folder renamed with its bytes unchanged is the
// same service holding the same package, read from the cache, and the
// paths said are each commit's own; a commit changing nothing read costs
// nothing.
func TestWindowAcrossAMove(t *testing.T) {
	codeowners := &fstest.MapFile{Data: []byte("/land/services/api/ @acme/a\n/land/apps/api/ @acme/b\n")}
	a := snapshotOf("c1", fstest.MapFS{"CODEOWNERS": codeowners, "services/api/bom.json": sbomOf(withTriton, "api")})
	b := snapshotOf("c2", fstest.MapFS{"CODEOWNERS": codeowners, "apps/api/bom.json": sbomOf(withTriton, "api"),
		"apps/web/bom.json": sbomOf(withTriton, "web")}, "services/api/bom.json", "apps/api/bom.json", "apps/web/bom.json")
	same := b
	same.Revision = Revision{Commit: "c3", Date: "2022-12-23T00:00:00Z"}
	same.Changed = []string{"docs/notes.txt"} // outside the folder read
	c := snapshotOf("c4", fstest.MapFS{"CODEOWNERS": codeowners, "apps/api/bom.json": sbomOf(withoutTriton, "api"),
		"apps/web/bom.json": sbomOf(withTriton, "web")}, "apps/api/bom.json")
	q, err := query.Parse("torchtriton")
	if err != nil {
		t.Fatal(err)
	}
	cache := source.NewCache()
	res, err := Window(context.Background(), WindowOptions{Options: Options{Queries: []*query.Query{q}, TreeOptions: TreeOptions{Cache: cache}},
		Start: &a, Commits: []Snapshot{b, same, c}})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Exposures) != 2 {
		t.Fatalf("exposures %+v", res.Exposures)
	}
	api, web := res.Exposures[0], res.Exposures[1]
	if !api.PresentAtStart || api.PresentAtEnd || api.Left == nil || api.Left.Revision.Commit != "c4" {
		t.Errorf("api: %+v", api)
	}
	// What api held at c2 came from the cache (made for services/), and
	// is said at apps/, where c2 had it.
	if !slices.Equal(api.Left.SBOMs, []string{"apps/api/bom.json"}) {
		t.Errorf("api left from %v, want apps/api/bom.json", api.Left.SBOMs)
	}
	if len(api.Events) != 1 || deref(api.OwnerThen.Owner) != "a" || deref(api.OwnerAtEnd.Owner) != "b" {
		t.Errorf("api: events %+v, owners %v then, %v at the end", api.Events, deref(api.OwnerThen.Owner), deref(api.OwnerAtEnd.Owner))
	}
	if web.PresentAtStart || web.Appeared == nil || web.Appeared.Revision.Commit != "c2" || !web.PresentAtEnd ||
		!slices.Equal(web.Appeared.SBOMs, []string{"apps/web/bom.json"}) {
		t.Errorf("web: %+v", web)
	}
	h := res.History
	if h.Commits != 3 || h.CommitsRead != 2 || h.Trees != 3 {
		t.Errorf("history %+v: want 3 commits, 2 read (c3 changed nothing read), 3 trees", h)
	}
	// c1: api; c2: web (api reused); c4: the new api (web reused).
	// CODEOWNERS, above the folder, is read apart.
	if h.BlobsRead != 3 || h.BlobsReused != 2 {
		t.Errorf("blobs: %d read, %d reused; want 3 and 2", h.BlobsRead, h.BlobsReused)
	}
	if res.Coverage.Dirs[0].Revision == nil || res.Coverage.Dirs[0].Revision.Commit != "c4" {
		t.Errorf("coverage's revision %+v, want c4", res.Coverage.Dirs[0].Revision)
	}

	d, err := Diff(context.Background(), DiffOptions{From: a, To: c})
	if err != nil {
		t.Fatal(err)
	}
	if len(d.Services) != 2 || d.Services[0].Service != "api" || d.Services[0].MovedFrom != "services/api" || d.Services[0].ServiceID != "apps/api" ||
		d.Services[1].Change != ServiceAdded {
		t.Errorf("diff: %+v", d.Services)
	}
}
