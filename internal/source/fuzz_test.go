package source

import (
	"archive/zip"
	"bytes"
	"io/fs"
	"os"
	"path"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzUnwrap reads arbitrary bytes as a file of the walk and as a member
// of a zip archive, with a 256 KiB limit. The properties: no panic (a
// recovered one would show as an "internal error" reason), no hang, every
// file accounted for with a reason when it is not read, an archive
// member's path always "archive!member" with NamedAs beside the archive,
// and allocation bounded by the limits, whatever the input claims.
// Seeded with every file of testdata/wrapped.
func FuzzUnwrap(f *testing.F) {
	wrapped := wrappedDir(f)
	err := fs.WalkDir(os.DirFS(wrapped), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(path.Join(wrapped, p))
		f.Add(data)
		return err
	})
	if err != nil {
		f.Fatal(err)
	}
	f.Add([]byte("\xff\xfe{\x00\x00\xd8}\x00"))
	f.Add(sbom(1))
	const limit = 256 << 10 // the made-up seeds fit; a bomb is cut short soon
	f.Fuzz(func(t *testing.T, data []byte) {
		var member bytes.Buffer
		zw := zip.NewWriter(&member)
		w, _ := zw.Create("m/x")
		w.Write(data)
		zw.Close()
		fsys := fstest.MapFS{"d/f": {Data: data}, "d/g.zip": {Data: member.Bytes()}}

		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		c, err := testLoad(fsys, topt{MaxFileSize: limit, inMemory: 16 << 10, Workers: 1})
		runtime.ReadMemStats(&after)
		if err != nil {
			t.Fatal(err)
		}
		// The input and its copies, a decoded document, the budget of four
		// times the limit at most, decoders' state: nothing near what a
		// bomb or a header could ask for.
		if a := after.TotalAlloc - before.TotalAlloc; a > 64<<20+8*uint64(len(data)) {
			t.Errorf("allocated %d bytes reading %d", a, len(data))
		}
		sawG := false
		for _, f := range c.Files {
			switch f.Status {
			case StatusSBOM:
			case StatusSkipped, StatusFailed:
				if f.Reason == "" {
					t.Errorf("%s: %s with no reason", f.Path, f.Status)
				}
				if strings.Contains(f.Reason, "internal error") {
					t.Errorf("%s: %s", f.Path, f.Reason)
				}
			default:
				t.Errorf("%s: status %q", f.Path, f.Status)
			}
			top, rest, isMember := strings.Cut(f.Path, MemberSep)
			switch {
			case top != "d/f" && top != "d/g.zip":
				t.Errorf("path %q is not in the tree", f.Path)
			case !isMember && f.NamedAs != "":
				t.Errorf("%s: NamedAs %q, but it is no member", f.Path, f.NamedAs)
			case isMember && (rest == "" || strings.HasPrefix(rest, "/") || f.NamedAs != path.Join("d", strings.ReplaceAll(archivesIn(rest), MemberSep, "/"))):
				t.Errorf("member %q named as %q", f.Path, f.NamedAs)
			}
			sawG = sawG || top == "d/g.zip"
		}
		if !sawG {
			t.Errorf("d/g.zip is not accounted for: %+v", c.Files)
		}
	})
}

// archivesIn drops the archive names from a member path: the rest of
// "a.zip!dir/b.tar!c" after the first archive is "dir/b.tar!c", whose
// NamedAs folder part is "dir/c".
func archivesIn(rest string) string {
	parts := strings.Split(rest, MemberSep)
	for i := range len(parts) - 1 {
		parts[i] = path.Dir(parts[i])
	}
	return path.Join(parts...)
}
