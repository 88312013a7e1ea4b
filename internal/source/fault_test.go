package source

import (
	"bytes"
	"compress/gzip"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/sbomx/sbomx/internal/graph"
	"github.com/sbomx/sbomx/pkg/model"
)

// faultFS injects the failures a real tree has on a bad day: files that
// cannot be opened (permissions), files that vanish between the walk and the
// read, and directories that cannot be listed. (Tests run as root in CI,
// where chmod 000 does not stop a read, so the faults are injected.)
type faultFS struct {
	fstest.MapFS
	denied   map[string]bool // open fails with permission denied
	vanished map[string]bool // listed by the walk, gone when read
	badDirs  map[string]bool // listing fails
	panicOn  map[string]bool // reading panics (a broken FS driver)
}

func (f *faultFS) Open(name string) (fs.File, error) {
	switch {
	case f.denied[name]:
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	case f.vanished[name]:
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
	case f.panicOn[name]:
		panic("driver fault reading " + name)
	}
	return f.MapFS.Open(name)
}

func (f *faultFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if f.badDirs[name] {
		return nil, &fs.PathError{Op: "readdirent", Path: name, Err: fs.ErrPermission}
	}
	return f.MapFS.ReadDir(name)
}

func (f *faultFS) Stat(name string) (fs.FileInfo, error) {
	if f.vanished[name] {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrNotExist}
	}
	return f.MapFS.Stat(name)
}

func (f *faultFS) ReadFile(name string) ([]byte, error) {
	file, err := f.Open(name)
	if err != nil {
		return nil, err
	}
	file.Close()
	return f.MapFS.ReadFile(name)
}

func sbom(i int) []byte {
	return []byte(fmt.Sprintf(`{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"bom-ref":"r","name":"svc-%d"}},
"components":[{"bom-ref":"a","name":"pkg-%d","version":"1.0.0","purl":"pkg:npm/pkg-%d@1.0.0"},{"bom-ref":"c","name":"common","version":"2.0.0","purl":"pkg:npm/common@2.0.0"}],
"dependencies":[{"ref":"r","dependsOn":["a"]},{"ref":"a","dependsOn":["c"]}]}`, i, i, i))
}

// TestThousandsOfFilesSomeBroken: every good file is answered and every bad
// one is listed with its reason; the walk never stops.
func TestThousandsOfFilesSomeBroken(t *testing.T) {
	const n = 3000
	ffs := &faultFS{MapFS: fstest.MapFS{}, denied: map[string]bool{}, vanished: map[string]bool{}, badDirs: map[string]bool{}, panicOn: map[string]bool{}}
	for i := range n {
		ffs.MapFS[fmt.Sprintf("p%02d/svc-%04d/sbom.cdx.json", i%20, i)] = &fstest.MapFile{Data: sbom(i)}
	}
	broken := map[string]string{
		"p00/svc-0000/sbom.cdx.json": "truncated",
		"p01/svc-0001/sbom.cdx.json": "denied",
		"p02/svc-0002/sbom.cdx.json": "vanished",
		"p03/svc-0003/sbom.cdx.json": "panics",
		"p04/svc-0004/sbom.cdx.json": "gzip bomb",
	}
	ffs.MapFS["p00/svc-0000/sbom.cdx.json"].Data = sbom(0)[:100]
	ffs.denied["p01/svc-0001/sbom.cdx.json"] = true
	ffs.vanished["p02/svc-0002/sbom.cdx.json"] = true
	ffs.panicOn["p03/svc-0003/sbom.cdx.json"] = true
	ffs.MapFS["p04/svc-0004/sbom.cdx.json"].Data = gz(t, bytes.Repeat([]byte(" "), 4<<20))
	ffs.MapFS["p05/locked/sbom.cdx.json"] = &fstest.MapFile{Data: sbom(9999)}
	ffs.badDirs["p05/locked"] = true

	var visited int64
	c, err := testLoad(ffs, topt{MaxFileSize: 1 << 20, Visit: func(string, *model.Document, *graph.Graph) any {
		return true
	}})
	if err != nil {
		t.Fatal(err)
	}
	failed := map[string]string{}
	for _, f := range c.Files {
		switch f.Status {
		case StatusSBOM:
			visited++
			if f.Result != true {
				t.Errorf("%s: not visited", f.Path)
			}
		case StatusFailed:
			failed[f.Path] = f.Reason
		default:
			t.Errorf("%s: %s %s", f.Path, f.Status, f.Reason)
		}
	}
	if want := int64(n - len(broken)); visited != want {
		t.Errorf("read %d SBOMs, want %d", visited, want)
	}
	wantReason := map[string]string{
		"p00/svc-0000/sbom.cdx.json": "malformed json",
		"p01/svc-0001/sbom.cdx.json": "permission denied",
		"p02/svc-0002/sbom.cdx.json": "file does not exist",
		"p03/svc-0003/sbom.cdx.json": "panic: driver fault",
		"p04/svc-0004/sbom.cdx.json": "expands past the 1048576-byte limit",
		"p05/locked":                 "permission denied",
	}
	if len(failed) != len(wantReason) {
		t.Errorf("failed = %v", failed)
	}
	for file, reason := range wantReason {
		if !strings.Contains(failed[file], reason) {
			t.Errorf("%s: reason %q, want it to say %q", file, failed[file], reason)
		}
	}
	t.Logf("%d files: %d read, %d failed (%v)", len(c.Files), visited, len(failed), broken)
}

func gz(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w := gzip.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestGzipSBOM(t *testing.T) {
	fsys := fstest.MapFS{
		"a/sbom.cdx.json.gz": {Data: gz(t, sbom(1))},
		"b/bom.gz":           {Data: []byte{0x1f, 0x8b, 8, 0, 1, 2, 3}}, // corrupt
	}
	c, err := testLoad(fsys, topt{})
	if err != nil {
		t.Fatal(err)
	}
	if f := c.Files[0]; f.Status != StatusSBOM || f.SBOM.Components != 2 {
		t.Errorf("gzip SBOM: %s %q", f.Status, f.Reason)
	}
	if f := c.Files[1]; f.Status != StatusFailed || !strings.HasPrefix(f.Reason, "gzip: ") {
		t.Errorf("corrupt gzip: %s %q", f.Status, f.Reason)
	}
}

// TestVisitorPanicIsolated: a panic in the per-file work (decoder, graph,
// visitor) fails that file only.
func TestVisitorPanicIsolated(t *testing.T) {
	fsys := fstest.MapFS{"a/sbom.json": {Data: sbom(1)}, "b/sbom.json": {Data: sbom(2)}}
	c, err := testLoad(fsys, topt{Visit: func(file string, _ *model.Document, _ *graph.Graph) any {
		if file == "a/sbom.json" {
			panic("boom")
		}
		return "ok"
	}})
	if err != nil {
		t.Fatal(err)
	}
	if f := c.Files[0]; f.Status != StatusFailed || !strings.Contains(f.Reason, "panic: boom") {
		t.Errorf("a: %s %q", f.Status, f.Reason)
	}
	if f := c.Files[1]; f.Status != StatusSBOM || f.Result != "ok" {
		t.Errorf("b: %s %q", f.Status, f.Reason)
	}
}

// TestSymlinks on a real directory: a loop and a link to a directory are
// reported, not followed forever and not silently dropped.
func TestSymlinks(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "svc"), 0o755))
	must(os.WriteFile(filepath.Join(dir, "svc", "sbom.json"), sbom(1), 0o644))
	must(os.Symlink("loop-b", filepath.Join(dir, "loop-a")))
	must(os.Symlink("loop-a", filepath.Join(dir, "loop-b")))
	must(os.Symlink("svc", filepath.Join(dir, "svc-link")))
	must(os.Symlink("svc/sbom.json", filepath.Join(dir, "file-link.json")))
	// A pipe, and a link to it: opening either would block the run.
	fifo := mkfifo(filepath.Join(dir, "pipe"))
	if fifo {
		must(os.Symlink("pipe", filepath.Join(dir, "pipe-link.json")))
	}
	c, err := testLoad(os.DirFS(dir), topt{})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range c.Files {
		got[f.Path] = string(f.Status) + ": " + f.Reason
	}
	for file, want := range map[string]string{
		"loop-a":         "failed: cannot read",
		"loop-b":         "failed: cannot read",
		"svc-link":       "skipped: symbolic link to a directory (not followed)",
		"file-link.json": "sbom: ",
		"svc/sbom.json":  "sbom: ",
	} {
		if !strings.HasPrefix(got[file], want) {
			t.Errorf("%s: %q, want %q...", file, got[file], want)
		}
	}
	if !fifo {
		return
	}
	for file, want := range map[string]string{
		"pipe":           "skipped: not a regular file",
		"pipe-link.json": "skipped: not a regular file",
	} {
		if !strings.HasPrefix(got[file], want) {
			t.Errorf("%s: %q, want %q...", file, got[file], want)
		}
	}
}
