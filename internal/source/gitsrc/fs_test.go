package gitsrc_test

import (
	"bytes"
	"compress/gzip"
	"context"
	"errors"
	"io"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/source"
	"github.com/sbomx/sbomx/internal/source/gitsrc"
	"github.com/sbomx/sbomx/internal/source/gitsrc/gittest"
)

// Every commit's tree passes fstest.TestFS and holds exactly the files
// written, with their bytes.
func TestFSEveryCommit(t *testing.T) {
	for _, bare := range []bool{false, true} {
		h := newHistory(t, bare)
		r := open(t, h.Dir)
		if r.Bare() != bare {
			t.Errorf("Bare() = %v", r.Bare())
		}
		for hash, files := range h.state {
			c := resolve(t, r, hash)
			fsys := r.FS(c)
			if fsys.Commit() != c {
				t.Error("FS.Commit() is not the commit")
			}
			paths := slices.Sorted(maps.Keys(files))
			if err := fstest.TestFS(fsys, paths...); err != nil {
				t.Errorf("%s: %v", h.name(hash), err)
			}
			got := map[string]string{}
			err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
				if err != nil || d.IsDir() {
					return err
				}
				b, err := fs.ReadFile(fsys, p)
				got[p] = string(b)
				return err
			})
			if err != nil {
				t.Fatal(err)
			}
			want := map[string]string{}
			for p, f := range files {
				want[p] = string(f.Data)
			}
			if diff := cmp.Diff(want, got); diff != "" {
				t.Errorf("%s: files (-want +got)\n%s", h.name(hash), diff)
			}
			st, err := fs.Stat(fsys, "tools/check.sh")
			if err != nil || st.Mode() != 0o755 || !st.ModTime().Equal(c.Time) || st.Size() != int64(len(files["tools/check.sh"].Data)) {
				t.Errorf("%s: Stat(tools/check.sh) = %v, %v", h.name(hash), st, err)
			}
		}
	}
}

// BlobHash is the git blob hash of the bytes: the same wherever and
// whenever the bytes are the same, another when they change.
func TestBlobHash(t *testing.T) {
	h := newHistory(t, false)
	r := open(t, h.Dir)
	at := func(c string) *gitsrc.FS { return r.FS(resolve(t, r, c)) }
	hash := func(fsys *gitsrc.FS, p string) string {
		t.Helper()
		s, ok := fsys.BlobHash(p)
		if !ok {
			t.Fatalf("BlobHash(%s) = false", p)
		}
		return s
	}
	web := hash(at(h.c1), "services/web/sbom.cdx.json")
	if web != gittest.BlobHash([]byte(sbom("web", "3.1.0"))) {
		t.Errorf("BlobHash is not the blob's git hash")
	}
	for _, c := range []string{h.c2, h.c3, h.s1, h.s2} {
		if got := hash(at(c), "services/web/sbom.cdx.json"); got != web {
			t.Errorf("%s: web's unchanged SBOM has another hash", h.name(c))
		}
	}
	if hash(at(h.c4), "services/web/sbom.cdx.json") == web {
		t.Error("web's changed SBOM has the same hash")
	}
	if hash(at(h.c7), "apps/api/sbom.cdx.json") != hash(at(h.c6), "services/api/sbom.cdx.json") {
		t.Error("a renamed folder's file changed hash")
	}
	var bh gitsrc.BlobHasher = at(h.c1)
	for _, p := range []string{".", "services", "services/nothere.json", "../x", "README.md/x"} {
		if s, ok := bh.BlobHash(p); ok {
			t.Errorf("BlobHash(%q) = %s, true", p, s)
		}
	}
}

// links is a tree with symbolic links (good and bad), a submodule, an
// executable, a gzipped SBOM, and a folder "a" beside a file "a.json" (git
// orders them the other way round).
func links(t testing.TB) (*gittest.Repo, string, string) {
	g := gittest.Init(t, true)
	g.Write("README.md", "read me\n")
	g.Write("a.json", "{}")
	g.Write("a/x.json", `{"x":1}`)
	g.Write("a-b", "dash")
	g.Write("services/api/sbom.json", `{"api":1}`)
	var gz bytes.Buffer
	w := gzip.NewWriter(&gz)
	w.Write([]byte(`{"old":1}`))
	w.Close()
	g.WriteBytes("services/old/sbom.json.gz", gz.Bytes())
	g.Symlink("docs/readme", "../README.md")
	g.Symlink("current", "services/api")
	g.Symlink("chain", "current/./sbom.json")
	g.Symlink("services/api/self", ".")
	g.WriteExec("bin/run", "#!/bin/sh\n")
	g.Submodule("vendor/lib", "1111111111111111111111111111111111111111")
	good := g.Commit("good", gittest.Date(t, "2022-01-01T00:00:00Z"))
	g.Symlink("abs", "/etc/passwd")
	g.Symlink("up", "../outside")
	g.Symlink("deep/up", "../../x")
	g.Symlink("loop1", "loop2")
	g.Symlink("loop2", "loop1")
	g.Symlink("dangling", "nothere")
	g.Symlink("empty", "")
	bad := g.Commit("bad", gittest.Date(t, "2022-01-02T00:00:00Z"))
	return g, good, bad
}

func TestFSLinksAndKinds(t *testing.T) {
	g, good, bad := links(t)
	r := open(t, g.Dir)
	fsys := r.FS(resolve(t, r, good))
	if err := fstest.TestFS(fsys, "README.md", "a.json", "a/x.json", "docs/readme", "chain", "bin/run", "vendor/lib"); err != nil {
		t.Error(err)
	}

	ents, err := fs.ReadDir(fsys, ".")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range ents {
		got = append(got, fs.FormatDirEntry(e))
	}
	want := []string{"- README.md", "d a/", "- a-b", "- a.json", "d bin/", "L chain", "L current", "d docs/", "d services/", "d vendor/"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("ReadDir(.) (-want +got)\n%s", diff)
	}

	for _, tc := range []struct {
		name  string
		stat  string // fs.FormatFileInfo's mode and size
		lstat string
		data  string
	}{
		{"docs/readme", "-rw-r--r-- 8", "Lrwxrwxrwx 12", "read me\n"},
		{"chain", "-rw-r--r-- 9", "Lrwxrwxrwx 19", `{"api":1}`},
		{"current", "drwxr-xr-x 0", "Lrwxrwxrwx 12", ""},
		{"current/sbom.json", "-rw-r--r-- 9", "-rw-r--r-- 9", `{"api":1}`},
		{"services/api/self/self/sbom.json", "-rw-r--r-- 9", "-rw-r--r-- 9", `{"api":1}`},
		{"bin/run", "-rwxr-xr-x 10", "-rwxr-xr-x 10", "#!/bin/sh\n"},
		{"vendor/lib", "?--------- 0", "?--------- 0", ""},
	} {
		st, err := fsys.Stat(tc.name)
		if err != nil {
			t.Errorf("Stat(%s): %v", tc.name, err)
			continue
		}
		lst, err := fsys.Lstat(tc.name)
		if err != nil {
			t.Errorf("Lstat(%s): %v", tc.name, err)
			continue
		}
		short := func(fi fs.FileInfo) string { return fi.Mode().String() + " " + itoa(fi.Size()) }
		if short(st) != tc.stat || short(lst) != tc.lstat || st.Name() != lst.Name() || !strings.HasSuffix(tc.name, st.Name()) {
			t.Errorf("%s: Stat %s %q, Lstat %s %q; want %s, %s", tc.name, short(st), st.Name(), short(lst), lst.Name(), tc.stat, tc.lstat)
		}
		if !st.IsDir() {
			b, err := fsys.ReadFile(tc.name)
			if err != nil || string(b) != tc.data {
				t.Errorf("ReadFile(%s) = %q, %v; want %q", tc.name, b, err, tc.data)
			}
		}
	}
	if target, err := fsys.ReadLink("chain"); err != nil || target != "current/./sbom.json" {
		t.Errorf("ReadLink(chain) = %q, %v", target, err)
	}
	if _, err := fsys.ReadLink("README.md"); !errors.Is(err, fs.ErrInvalid) {
		t.Errorf("ReadLink of a file: %v", err)
	}
	if sub, err := fs.ReadDir(fsys, "current"); err != nil || len(sub) != 2 || sub[0].Name() != "sbom.json" || sub[1].Name() != "self" {
		t.Errorf("ReadDir through a link: %v, %v", sub, err)
	}
	if h, ok := fsys.BlobHash("chain"); !ok || h != gittest.BlobHash([]byte(`{"api":1}`)) {
		t.Errorf("BlobHash(chain) = %s, %v; want the target's", h, ok)
	}
	if _, ok := fsys.BlobHash("vendor/lib"); ok {
		t.Error("a submodule has a blob hash")
	}
	if b, err := fsys.ReadFile("vendor/lib"); err != nil || len(b) != 0 {
		t.Errorf("ReadFile(submodule) = %q, %v", b, err)
	}

	// What fails, and how.
	fsys = r.FS(resolve(t, r, bad))
	for _, tc := range []struct {
		name    string
		want    error
		lstatOK bool // the link itself is there
	}{
		{"abs", gitsrc.ErrLinkOutside, true},
		{"up", gitsrc.ErrLinkOutside, true},
		{"deep/up", gitsrc.ErrLinkOutside, true},
		{"empty", gitsrc.ErrLinkOutside, true},
		{"loop1", nil, true},
		{"dangling", fs.ErrNotExist, true},
		{"nothere", fs.ErrNotExist, false},
		{"README.md/x", fs.ErrNotExist, false},
		{"vendor/lib/x", fs.ErrNotExist, false},
		{"loop1/x", nil, false},
		{"/README.md", fs.ErrInvalid, false},
		{"a/../README.md", fs.ErrInvalid, false},
		{"a/", fs.ErrInvalid, false},
	} {
		_, err := fsys.Stat(tc.name)
		var pe *fs.PathError
		if !errors.As(err, &pe) || pe.Path != tc.name || (tc.want != nil && !errors.Is(err, tc.want)) {
			t.Errorf("Stat(%q) = %v, want a *PathError for it wrapping %v", tc.name, err, tc.want)
		}
		if strings.HasPrefix(tc.name, "loop1") && (err == nil || !strings.Contains(err.Error(), "too many levels")) {
			t.Errorf("Stat(loop1) = %v", err)
		}
		if _, err := fsys.Open(tc.name); err == nil {
			t.Errorf("Open(%q) succeeded", tc.name)
		}
		if _, err := fsys.Lstat(tc.name); (err == nil) != tc.lstatOK {
			t.Errorf("Lstat(%q) = %v", tc.name, err)
		}
	}
	if _, err := fsys.ReadDir("README.md"); err == nil {
		t.Error("ReadDir of a file succeeded")
	}
	if _, err := fsys.ReadFile("a"); err == nil {
		t.Error("ReadFile of a folder succeeded")
	}
}

// The directory walk of internal/source reads a commit's tree as it reads
// a folder: links followed to files, not into folders, the submodule an
// irregular file, a compressed file unwrapped.
func TestSourceLoad(t *testing.T) {
	g, good, _ := links(t)
	r := open(t, g.Dir)
	c, err := source.Load(context.Background(), r.FS(resolve(t, r, good)), source.Options{
		Keep: func(string) bool { return true },
	})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range c.Files {
		got = append(got, f.Path+" "+string(f.Status)+": "+f.Reason+" "+string(f.Data))
	}
	want := []string{
		`README.md skipped: not an SBOM; read for ownership or configuration read me` + "\n",
		`a/x.json skipped: not an SBOM; read for ownership or configuration {"x":1}`,
		`a-b skipped: not an SBOM; read for ownership or configuration dash`,
		`a.json skipped: not an SBOM; read for ownership or configuration {}`,
		`bin/run skipped: not an SBOM; read for ownership or configuration #!/bin/sh` + "\n",
		`chain skipped: not an SBOM; read for ownership or configuration {"api":1}`,
		`current skipped: symbolic link to a directory (not followed) `,
		`docs/readme skipped: not an SBOM; read for ownership or configuration read me` + "\n",
		`services/api/sbom.json skipped: not an SBOM; read for ownership or configuration {"api":1}`,
		`services/api/self skipped: symbolic link to a directory (not followed) `,
		`services/old/sbom.json.gz skipped: not an SBOM; read for ownership or configuration {"old":1}`, // unwrapped
		`vendor/lib skipped: not a regular file `,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got)\n%s", diff)
	}
}

// Many goroutines read one tree at once (source.Load does): run with -race.
func TestFSConcurrent(t *testing.T) {
	h := newHistory(t, false)
	h.Repack() // packfile reads share state in go-git
	r := open(t, h.Dir)
	var wg sync.WaitGroup
	for hash, files := range h.state {
		fsys := r.FS(resolve(t, r, hash))
		for p, f := range files {
			wg.Add(1)
			go func() {
				defer wg.Done()
				file, err := fsys.Open(p)
				if err != nil {
					t.Error(err)
					return
				}
				defer file.Close()
				if _, err := file.Stat(); err != nil {
					t.Error(err)
				}
				b, err := io.ReadAll(file)
				if err != nil || !bytes.Equal(b, f.Data) {
					t.Errorf("%s: %q, %v", p, b, err)
				}
			}()
		}
	}
	wg.Wait()
}

func TestOpen(t *testing.T) {
	h := newHistory(t, false)
	h.SyncWorktree()
	for _, dir := range []string{h.Dir, h.Dir + "/apps/api", h.Dir + "/apps/api/sbom.cdx.json", h.Dir + "/.git"} {
		r, err := gitsrc.Open(dir)
		if err != nil {
			t.Errorf("Open(%s): %v", dir, err)
			continue
		}
		if c := resolve(t, r, "HEAD"); c.Hash != h.c7 {
			t.Errorf("Open(%s): HEAD = %s", dir, c.Hash)
		}
		wantTop := h.Dir
		if strings.HasSuffix(dir, ".git") {
			wantTop = "" // the git directory itself is opened as a bare repository is
		}
		if r.Top() != wantTop {
			t.Errorf("Open(%s): Top() = %q, want %q", dir, r.Top(), wantTop)
		}
		r.Close()
	}

	b := newHistory(t, true)
	r := open(t, b.Dir)
	if !r.Bare() || r.Top() != "" || r.GitDir() != b.Dir {
		t.Errorf("bare: Bare %v Top %q GitDir %q", r.Bare(), r.Top(), r.GitDir())
	}
	if c := resolve(t, r, "HEAD~2"); c.Hash != b.m5 {
		t.Errorf("bare: HEAD~2 = %s", b.name(c.Hash))
	}

	for _, dir := range []string{t.TempDir(), h.Dir + "/../nothere"} {
		_, err := gitsrc.Open(dir)
		if err == nil {
			t.Errorf("Open(%s) succeeded", dir)
		}
		if strings.HasSuffix(dir, "nothere") != errors.Is(err, fs.ErrNotExist) || strings.HasSuffix(dir, "nothere") == errors.Is(err, gitsrc.ErrNotRepository) {
			t.Errorf("Open(%s) = %v", dir, err)
		}
	}

	// An empty repository opens; HEAD names no commit yet.
	e := gittest.Init(t, false)
	r = open(t, e.Dir)
	if _, err := r.Resolve("HEAD"); !errors.Is(err, gitsrc.ErrUnknownRevision) || !strings.Contains(err.Error(), "no commit yet") {
		t.Errorf("HEAD of an empty repository: %v", err)
	}
}

// A linked worktree (git worktree add) has a .git file naming its own git
// directory, which names the main one in commondir: HEAD is the
// worktree's, objects and refs the main repository's.
func TestOpenLinkedWorktree(t *testing.T) {
	h := newHistory(t, false)
	gitDir := h.Dir + "/.git/worktrees/wt"
	wt := t.TempDir()
	writeFile(t, gitDir+"/HEAD", "ref: refs/heads/feature\n")
	writeFile(t, gitDir+"/commondir", "../..\n")
	writeFile(t, gitDir+"/gitdir", wt+"/.git\n")
	writeFile(t, wt+"/.git", "gitdir: "+gitDir+"\n")
	r := open(t, wt)
	if r.Top() != wt {
		t.Errorf("Top() = %q", r.Top())
	}
	if c := resolve(t, r, "HEAD"); c.Hash != h.s2 {
		t.Errorf("the worktree's HEAD = %s, want s2 (feature)", h.name(c.Hash))
	}
	if c := resolve(t, r, "main"); c.Hash != h.c7 {
		t.Errorf("main = %s", h.name(c.Hash))
	}

	writeFile(t, wt+"/.git", "nonsense\n")
	if _, err := gitsrc.Open(wt); !errors.Is(err, gitsrc.ErrNotRepository) {
		t.Errorf("a .git file without gitdir: %v", err)
	}
}

func writeFile(t testing.TB, p, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
