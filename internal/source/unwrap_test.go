package source

import (
	"archive/tar"
	"archive/zip"
	"bytes"
	"compress/flate"
	"compress/gzip"
	"fmt"
	"hash/crc32"
	"io"
	"io/fs"
	"os"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"
	"github.com/klauspost/compress/zstd"
	"github.com/ulikunitz/xz"

	"github.com/sbomx/sbomx/internal/support/repotest"
)

// wrappedDir holds the SBOMs of testdata/corpus/real compressed, archived
// and re-encoded by the real tools (gzip, zstd, xz, bzip2, zip, GNU tar,
// iconv, 7-Zip), made by its make.sh.
func wrappedDir(t testing.TB) string {
	t.Helper()
	return repotest.Testdata(t, "wrapped")
}

// The SBOMs testdata/wrapped was made from, by what they decode to.
var (
	sbomA = "28 root"      // gradle-java-test-app-cdxgen.cdx.json
	sbomB = "16 ../sbomqs" // go-sbomqs-trivy.spdx
	sbomC = "30 "          // go-sbomqs-syft.spdx
)

// TestWrappedFixtures is issue 14 §2 item by item: every file of
// testdata/wrapped, read with a 2 MiB limit, and what became of it, in the
// order the coverage block lists them. A wrapped SBOM must decode to what
// the SBOM it was made from decodes to.
func TestWrappedFixtures(t *testing.T) {
	originals, err := testLoad(os.DirFS(repotest.Testdata(t, "corpus/real")), topt{})
	if err != nil {
		t.Fatal(err)
	}
	decoded := map[string]string{}
	for _, f := range originals.Files {
		if f.SBOM != nil {
			decoded[f.Path] = fmt.Sprintf("%d %s", f.SBOM.Components, f.SBOM.RootName)
		}
	}
	if decoded["gradle-java-test-app-cdxgen.cdx.json"] != sbomA || decoded["go-sbomqs-trivy.spdx"] != sbomB || decoded["go-sbomqs-syft.spdx"] != sbomC {
		t.Fatalf("the originals decode differently now: %q %q %q", decoded["gradle-java-test-app-cdxgen.cdx.json"], decoded["go-sbomqs-trivy.spdx"], decoded["go-sbomqs-syft.spdx"])
	}

	c, err := testLoad(os.DirFS(wrappedDir(t)), topt{MaxFileSize: 2 << 20, inMemory: 256 << 10})
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Path, NamedAs, Status, Reason, Decoded string }
	var got []row
	for _, f := range c.Files {
		r := row{f.Path, f.NamedAs, string(f.Status), f.Reason, ""}
		if f.SBOM != nil {
			r.Decoded = fmt.Sprintf("%d %s", f.SBOM.Components, f.SBOM.RootName)
		}
		got = append(got, r)
	}
	const sbom, skipped, failed = "sbom", "skipped", "failed"
	want := []row{
		{"PROVENANCE.md", "", skipped, "not an SBOM", ""},
		{"README.md", "", skipped, "not an SBOM", ""},
		// Bombs: 16 MiB of zeros, over the limit whatever the wrapping.
		{"bombs/zero.json.bz2", "", failed, "bzip2: expands past the 2097152-byte limit", ""},
		{"bombs/zero.json.gz", "", failed, "gzip: expands past the 2097152-byte limit", ""},
		{"bombs/zero.json.xz", "", failed, "xz: expands past the 2097152-byte limit", ""},
		{"bombs/zero.json.zst", "", failed, "zstd: expands past the 2097152-byte limit", ""},
		{"bombs/zero.tar.gz!zero.json", "bombs/zero.json", failed, "file is 16777216 bytes, over the 2097152-byte limit", ""},
		{"bombs/zero.tar.gz", "", failed, "tar: gzip: expands past the 2097152-byte limit (after 1 member(s); the rest is not read)", ""},
		{"bombs/zero.zip!zero.json", "bombs/zero.json", failed, "file is 16777216 bytes, over the 2097152-byte limit", ""},
		// Compression, recognised by its bytes: gzip/bom.json is gzip.
		{"bzip2/bom.json.bz2", "", sbom, "", sbomA},
		// Recognised, not unwrapped, or broken: failed, never skipped.
		{"failing/bom.json.lz4", "", failed, "lz4: sbomx does not unwrap it (decompress it first)", ""},
		{"failing/bom.json.lzma", "", failed, "lzma: sbomx does not unwrap it (decompress it first)", ""},
		{"failing/bzip2-method.zip!svc-a/bom.cdx.json", "failing/svc-a/bom.cdx.json", failed, "zip member compressed with method 12: sbomx does not unwrap it (extract it first)", ""},
		{"failing/deep.json.gz", "", failed, "gzip inside 4 other wrappings (archives, compression): sbomx unwraps 4 and stops there", ""},
		{"failing/dupes.zip!bom.json", "failing/bom.json", sbom, "", sbomA},
		{"failing/dupes.zip!bom.json", "failing/bom.json", failed, "another member of the archive has the same name (only the first is read)", ""},
		{"failing/encrypted.zip!svc-a/bom.cdx.json", "failing/svc-a/bom.cdx.json", failed, "encrypted zip member: sbomx does not decrypt it (extract it first)", ""},
		{"failing/odd-utf16.json", "", failed, "UTF-16LE text of odd length (31179 bytes): cut short", ""},
		{"failing/sboms.7z", "", failed, "7z archive: sbomx does not unwrap it (extract it first)", ""},
		{"failing/sboms.rar", "", failed, "RAR archive: sbomx does not unwrap it (extract it first)", ""},
		{"failing/surrogate-utf16.json", "", failed, "UTF-16LE: unpaired surrogate 0xd800 at byte 14", ""},
		// A .tar.gz cut inside its second member: the first is read.
		{"failing/truncated.tar.gz!svc-c/bom.cdx.json", "failing/svc-c/bom.cdx.json", sbom, "", sbomA},
		{"failing/truncated.tar.gz", "", failed, "tar: svc-d/bom.spdx: gzip: cut short (unexpected end of data) (after 1 member(s); the rest is not read)", ""},
		{"failing/utf32.json", "", failed, "UTF-32 text: sbomx does not read it (convert it to UTF-8)", ""},
		// A flat folder's SBOMs kept in one archive: named as if extracted.
		{"flat/landscape.zip!java-app.cdx.json", "flat/java-app.cdx.json", sbom, "", sbomA},
		{"flat/landscape.zip!sbomqs-trivy.spdx", "flat/sbomqs-trivy.spdx", sbom, "", sbomB},
		{"flat/landscape.zip!sbomqs-syft.spdx", "flat/sbomqs-syft.spdx", sbom, "", sbomC},
		{"gzip/bom.json", "", sbom, "", sbomA},
		{"make.sh", "", skipped, "not an SBOM", ""},
		// gzip > tar > zip > gzip: four wrappings, the most unwrapped.
		{"nested/outer.tar.gz!dir/inner.zip!c.spdx.gz", "nested/dir/c.spdx.gz", sbom, "", sbomB},
		// Real files as published (real/PROVENANCE.md): Red Hat's .json.bz2
		// and .json.xz (1.18 MB expanded: past the in-memory threshold),
		// guac's .zst, UTF-16LE and UTF-8 with byte order marks.
		{"real/busybox-image-syft-0.58.0.cdx.json.zst", "", sbom, "", "1 docker.io/library/busybox"},
		{"real/rh-ansible-automation-platform-2.0-rhel8-redhat.spdx.json.xz", "", sbom, "", "950 ANSIBLE-AUTOMATION-PLATFORM-2.0-RHEL-8"},
		{"real/rpm-ubi8-micro-8.8-7-redhat.spdx.json.bz2", "", sbom, "", "68 ubi8-micro-container"},
		{"real/spdx-example-v2.2-utf16le-bom.spdx", "", sbom, "", "4 SPDX-Tools-v2.0"},
		{"real/spdx-example-v2.2-utf16le-bom.spdx.json", "", sbom, "", "4 SPDX-Tools-v2.0"},
		{"real/spdx-tools-example-v2.0-utf8-bom.spdx", "", sbom, "", "1 "},
		{"skipped/empty.zip", "", skipped, "zip archive with no files", ""},
		{"skipped/pixel.png", "", skipped, "not an SBOM", ""},
		{"tar/sboms.tar.gz!svc-c/bom.cdx.json", "tar/svc-c/bom.cdx.json", sbom, "", sbomA},
		{"tar/sboms.tar.gz!svc-d/bom.spdx", "tar/svc-d/bom.spdx", sbom, "", sbomB},
		{"tar/sboms.tar.gz!svc-d/link.json", "tar/svc-d/link.json", skipped, "symbolic link (not followed inside an archive)", ""},
		// Text encodings, transcoded to UTF-8 before anything reads them.
		{"utf16be/bom.json", "", sbom, "", sbomA},
		{"utf16le/bom.json", "", sbom, "", sbomA},
		{"utf16le-nobom/bom.spdx", "", sbom, "", sbomB},
		{"utf8-bom/bom.json", "", sbom, "", sbomA},
		{"xz/bom.json.xz", "", sbom, "", sbomA},
		// Members in the archive's order; its directories are not files.
		{"zip/sboms.zip!svc-a/bom.cdx.json", "zip/svc-a/bom.cdx.json", sbom, "", sbomA},
		{"zip/sboms.zip!svc-b/bom.spdx", "zip/svc-b/bom.spdx", sbom, "", sbomB},
		{"zip/sboms.zip!notes.txt", "zip/notes.txt", skipped, "not an SBOM", ""},
		{"zstd/bom.json.zst", "", sbom, "", sbomA},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

func TestSniff(t *testing.T) {
	u16 := func(s string, be bool) []byte {
		var b []byte
		for _, c := range []byte(s) {
			if be {
				b = append(b, 0, c)
			} else {
				b = append(b, c, 0)
			}
		}
		return b
	}
	block := "\x31\x41\x59\x26\x53\x59"
	tarHeader := make([]byte, 512)
	copy(tarHeader[257:], "ustar\x0000")
	gnuTar := make([]byte, 512)
	copy(gnuTar[257:], "ustar  \x00")
	for _, tt := range []struct {
		name string
		data []byte
		want wrapping
	}{
		{"gzip", []byte{0x1f, 0x8b, 8, 0}, gzipped},
		{"zstd", []byte{0x28, 0xb5, 0x2f, 0xfd, 0}, zstded},
		{"xz", []byte("\xfd7zXZ\x00\x00\x04"), xzed},
		{"bzip2", []byte("BZh9" + block), bzip2ed},
		{"bzip2, empty stream", []byte("BZh1\x17\x72\x45\x38\x50\x90\x00\x00\x00\x00"), bzip2ed},
		{"BZh9 as text", []byte("BZh9 is not bzip2 without its block magic"), plain},
		{"zip", []byte("PK\x03\x04\x14\x00"), zipArchive},
		{"zip, empty", []byte("PK\x05\x06" + strings.Repeat("\x00", 18)), zipArchive},
		{"tar, POSIX", tarHeader, tarArchive},
		{"tar, GNU", gnuTar, tarArchive},
		{"ustar in text", append(bytes.Repeat([]byte(" "), 257), "ustar00 and no NUL"...), plain},
		{"7z", []byte{'7', 'z', 0xbc, 0xaf, 0x27, 0x1c, 0, 4}, sevenZip},
		{"rar 4", []byte("Rar!\x1a\x07\x00"), rarArchive},
		{"rar 5", []byte("Rar!\x1a\x07\x01\x00"), rarArchive},
		{"lz4", []byte{0x04, 0x22, 0x4d, 0x18, 0x64}, lz4ed},
		{"lzip", []byte("LZIP\x01\x0c"), lzipped},
		{"lzma", []byte("\x5d\x00\x00\x80\x00\xff\xff\xff\xff\xff\xff\xff\xff\x00"), lzmaAlone},
		{"lzma, size known", []byte("\x5d\x00\x00\x00\x01\x10\x27\x00\x00\x00\x00\x00\x00\x00"), lzmaAlone},
		{"lzma-like, odd dictionary", []byte("\x5d\x01\x02\x03\x04\xff\xff\xff\xff\xff\xff\xff\xff\x00"), plain},
		{"compress (.Z)", []byte{0x1f, 0x9d, 0x90, 0x7b}, unixCompress},
		{"UTF-8 BOM", []byte("\xef\xbb\xbf{}"), utf8BOM},
		{"UTF-16LE BOM", []byte("\xff\xfe{\x00"), utf16LE},
		{"UTF-16BE BOM", []byte("\xfe\xff\x00{"), utf16BE},
		{"UTF-32LE BOM", []byte("\xff\xfe\x00\x00{\x00\x00\x00"), utf32},
		{"UTF-32BE BOM", []byte("\x00\x00\xfe\xff\x00\x00\x00{"), utf32},
		{"UTF-16LE JSON, no BOM", u16(`{"bomFormat"`, false), utf16LE},
		{"UTF-16BE JSON, no BOM", u16(`{"bomFormat"`, true), utf16BE},
		{"UTF-16LE XML after white space", u16("\r\n  <?xml", false), utf16LE},
		{"UTF-16BE XML", u16("<bom", true), utf16BE},
		{"UTF-16LE tag-value", u16("SPDXVersion: SPDX-2.3", false), utf16LE},
		{"UTF-16LE other text", u16("Some notes", false), plain},
		{"JSON", []byte(`{"bomFormat":"CycloneDX"}`), plain},
		{"XML", []byte(`<?xml version="1.0"?><bom/>`), plain},
		{"empty", nil, plain},
		{"PNG", []byte("\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), plain},
		{"ELF", []byte("\x7fELF\x02\x01\x01\x00"), plain},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := sniff(tt.data); got != tt.want {
				t.Errorf("sniff = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestFromUTF16(t *testing.T) {
	for _, tt := range []struct {
		name  string
		data  []byte
		order wrapping
		want  string
		err   string
	}{
		{"LE with BOM", []byte("\xff\xfeh\x00i\x00"), utf16LE, "hi", ""},
		{"BE without BOM", []byte("\x00h\x00i"), utf16BE, "hi", ""},
		{"two and three byte characters", []byte("\xe9\x00\xac\x20"), utf16LE, "é€", ""},
		{"surrogate pair", []byte("\x3d\xd8\x00\xde"), utf16LE, "😀", ""},
		{"odd length", []byte("\xff\xfeh\x00i"), utf16LE, "", "UTF-16LE text of odd length (5 bytes): cut short"},
		{"lone low surrogate", []byte("h\x00\x00\xdc"), utf16LE, "", "UTF-16LE: unpaired surrogate 0xdc00 at byte 2"},
		{"high surrogate at the end", []byte("h\x00\x3d\xd8"), utf16LE, "", "UTF-16LE: unpaired surrogate 0xd83d at byte 2"},
		{"high surrogate then a letter", []byte("\xd8\x3d\x00h"), utf16BE, "", "UTF-16BE: unpaired surrogate 0xd83d at byte 0"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got, err := fromUTF16(nil, tt.data, tt.order)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || string(got) != tt.want {
				t.Fatalf("got %q, %v; want %q", got, err, tt.want)
			}
			if n := utf8Size(tt.data, tt.order); n < len(got) {
				t.Errorf("utf8Size = %d, less than the %d bytes written", n, len(got))
			}
		})
	}
}

func TestMemberName(t *testing.T) {
	for in, want := range map[string]string{
		"svc/bom.json":       "svc/bom.json",
		"./svc/bom.json":     "svc/bom.json",
		"/abs/bom.json":      "abs/bom.json",
		"../../etc/bom.json": "etc/bom.json",
		"a/../b/bom.json":    "b/bom.json",
		"dir/":               "dir",
		"./":                 "",
		"":                   "",
	} {
		if got := memberName(in); got != want {
			t.Errorf("memberName(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestTextEncodings: UTF-8 with a byte order mark and UTF-16 in either
// order, with a mark or without one, are read as the UTF-8 SBOM they hold,
// and the prefilter is shown that UTF-8.
func TestTextEncodings(t *testing.T) {
	doc := sbom(1)
	utf16 := func(bigEndian, mark bool) []byte {
		var b []byte
		if mark {
			b = []byte{0xff, 0xfe}
			if bigEndian {
				b = []byte{0xfe, 0xff}
			}
		}
		for _, c := range doc { // ASCII: one unit each
			if bigEndian {
				b = append(b, 0, c)
			} else {
				b = append(b, c, 0)
			}
		}
		return b
	}
	fsys := fstest.MapFS{
		"p/utf8-bom/bom.json":   {Data: append([]byte{0xef, 0xbb, 0xbf}, doc...)},
		"p/utf16le/bom.json":    {Data: utf16(false, true)},
		"p/utf16be/bom.json":    {Data: utf16(true, true)},
		"p/utf16le-no/bom.json": {Data: utf16(false, false)},
		"p/utf16be-no/bom.json": {Data: utf16(true, false)},
	}
	var seen [][]byte
	c, err := testLoad(fsys, topt{Workers: 1, Prefilter: func(data []byte) bool {
		seen = append(seen, bytes.Clone(data))
		return true // "maybe": decode it
	}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range c.Files {
		if f.Status != StatusSBOM || f.SBOM.Components != 2 || f.SBOM.RootName != "svc-1" {
			t.Errorf("%s: %s %q %+v", f.Path, f.Status, f.Reason, f.SBOM)
		}
	}
	if len(seen) != len(fsys) {
		t.Fatalf("the prefilter saw %d files, want %d", len(seen), len(fsys))
	}
	for _, data := range seen {
		if !bytes.Equal(data, doc) {
			t.Errorf("the prefilter saw %q..., not the UTF-8 text", data[:min(len(data), 16)])
		}
	}
}

// xzOf compresses data with the xz library's writer.
func xzOf(t testing.TB, data []byte, cfg xz.WriterConfig) []byte {
	t.Helper()
	var b bytes.Buffer
	w, err := cfg.NewWriter(&b)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestXzPrepare: the size an xz file's indexes claim, over one or several
// blocks and streams; the files whose index or dictionary is refused; and
// dictionaries lowered to what their block holds, so that decoding a small
// file compressed with xz -9 does not allocate 64 MiB.
func TestXzPrepare(t *testing.T) {
	text := bytes.Repeat([]byte(`{"name":"left-pad","version":"1.3.0"},`), 4000)
	one := xzOf(t, text, xz.WriterConfig{})
	blocks := xzOf(t, text, xz.WriterConfig{BlockSize: 20000})
	big := xzOf(t, text[:1000], xz.WriterConfig{DictCap: 96 << 20})
	fixture, err := os.ReadFile(repotest.Testdata(t, "wrapped/xz/bom.json.xz")) // xz -9: a 64 MiB dictionary
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		data []byte
		want int64
		dict int64 // of the first block, after
		err  string
	}{
		{"one block", one, int64(len(text)), 192 << 10, ""},
		{"several blocks", blocks, int64(len(text)), 24 << 10, ""},
		{"two streams and padding", append(append(append([]byte{}, blocks...), 0, 0, 0, 0), one...), 2 * int64(len(text)), 24 << 10, ""},
		{"xz -9 (fixture)", fixture, 15588, 16 << 10, ""},
		{"a dictionary of 96 MiB for 1000 bytes", big, 1000, 4 << 10, ""},
		{"cut short", one[:len(one)-1], 0, 0, "xz: cut short (no stream footer)"},
		{"no blocks where the index says", one[20:], 0, 0, "xz: index does not match the stream"},
		{"header only", magicXz, 0, 0, "xz: cut short (no stream footer)"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			data := bytes.Clone(tt.data)
			got, err := xzPrepare(data)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil || got != tt.want {
				t.Fatalf("xzPrepare = %d, %v; want %d", got, err, tt.want)
			}
			if dict := lzma2Dict(data[12+4]); dict != tt.dict { // after the stream header: size, flags, filter id, props size
				t.Errorf("first block's dictionary = %d, want %d", dict, tt.dict)
			}
			r, err := xz.ReaderConfig{DictCap: 4096}.NewReader(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			out, err := io.ReadAll(r)
			if err != nil || int64(len(out)) != tt.want {
				t.Errorf("the rewritten file decodes to %d bytes, %v; want %d", len(out), err, tt.want)
			}
		})
	}
	// A block that holds more than 64 MiB and asks for a dictionary that
	// large is refused (its header is tested alone: 96 MiB of test data
	// would take seconds to compress).
	header := bytes.Clone(big[12 : 12+(int(big[12])+1)*4])
	if err := xzBlockHeader(header, 80<<20); err == nil || err.Error() != "xz: a block needs a dictionary of 96 MiB, over the 64 MiB sbomx allocates" {
		t.Errorf("80 MiB block, 96 MiB dictionary: %v", err)
	}
}

// bigSBOM is a valid CycloneDX document of about n bytes.
func bigSBOM(n int) ([]byte, int) {
	var b bytes.Buffer
	b.WriteString(`{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"bom-ref":"app","name":"big"}},"components":[`)
	i := 0
	for ; b.Len() < n; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"bom-ref":"c%d","name":"pkg-%d","version":"1.0.%d","purl":"pkg:npm/pkg-%d@1.0.%d"}`, i, i, i, i, i)
	}
	b.WriteString(`]}`)
	return b.Bytes(), i
}

func gzipOf(t testing.TB, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	w, _ := gzip.NewWriterLevel(&b, gzip.BestCompression)
	w.Write(data)
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func zstdOf(t testing.TB, data []byte) []byte {
	t.Helper()
	e, err := zstd.NewWriter(nil, zstd.WithWindowSize(1<<20))
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	return e.EncodeAll(data, nil)
}

// zipOf archives members (name, content) in order; lie, when set, is the
// uncompressed size written in the headers instead of the true one.
func zipOf(t testing.TB, lie uint64, members ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for i := 0; i+1 < len(members); i += 2 {
		name, content := members[i], []byte(members[i+1])
		if lie == 0 {
			w, err := zw.Create(name)
			if err != nil {
				t.Fatal(err)
			}
			w.Write(content)
			continue
		}
		var deflated bytes.Buffer
		fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
		fw.Write(content)
		fw.Close()
		w, err := zw.CreateRaw(&zip.FileHeader{Name: name, Method: zip.Deflate, CRC32: crc32.ChecksumIEEE(content),
			CompressedSize64: uint64(deflated.Len()), UncompressedSize64: lie})
		if err != nil {
			t.Fatal(err)
		}
		w.Write(deflated.Bytes())
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func tarOf(t testing.TB, members ...string) []byte {
	t.Helper()
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for i := 0; i+1 < len(members); i += 2 {
		if err := tw.WriteHeader(&tar.Header{Name: members[i], Mode: 0o644, Size: int64(len(members[i+1])), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		tw.Write([]byte(members[i+1]))
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestExpansionBound: an expansion past the in-memory threshold is
// counted, not held: a bomb fails having allocated a fraction of the limit,
// and an SBOM between the threshold and the limit is read whole (expanded
// twice). Allocation is measured, not timed.
func TestExpansionBound(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: compresses 64 MiB of zeros five ways (seconds plain, minutes under -race, where .ci/run passes -short)")
	}
	const limit, inMemory = 16 << 20, 1 << 20
	zeros := make([]byte, 64<<20)
	bz2, err := os.ReadFile(repotest.Testdata(t, "wrapped/bombs/zero.json.bz2")) // 16 MiB; no bzip2 writer in Go
	if err != nil {
		t.Fatal(err)
	}
	doc, components := bigSBOM(3 << 20) // above the threshold, under the limit
	tarred := string(tarOf(t, "svc/bom.json", string(doc)))
	var halfMiB []string // 40 members of 512 KiB: past the limit in all
	for i := range 40 {
		halfMiB = append(halfMiB, fmt.Sprintf("zero-%d.bin", i), string(zeros[:512<<10]))
	}
	for _, tt := range []struct {
		name, file string
		data       []byte
		reason     string // "" means read as the SBOM
	}{
		{"gzip bomb", "b/bom.json.gz", gzipOf(t, zeros), "gzip: expands past the 16777216-byte limit"},
		{"zstd bomb", "b/bom.json.zst", zstdOf(t, zeros), "zstd: expands past the 16777216-byte limit"},
		{"xz bomb", "b/bom.json.xz", xzOf(t, zeros, xz.WriterConfig{DictCap: 1 << 20}), "xz: expands past the 16777216-byte limit"},
		{"bzip2 bomb (16 MiB)", "b/bom.json.bz2", append(bz2, bz2...), "bzip2: expands past the 16777216-byte limit"},
		{"zip member lying about its size", "b/bombs.zip!zero.json", zipOf(t, 1000, "zero.json", string(zeros[:1<<20])), "zip: member does not match its header (1000 bytes, CRC a738ea1c)"},
		{"tar.gz bomb", "b/bombs.tar.gz", gzipOf(t, tarOf(t, halfMiB...)), "tar: zero-31.bin: gzip: expands past the 16777216-byte limit (after 31 member(s); the rest is not read)"},
		{"gzip SBOM past the threshold", "s/bom.json.gz", gzipOf(t, doc), ""},
		{"zstd SBOM past the threshold", "s/bom.json.zst", zstdOf(t, doc), ""},
		{"zip member past the threshold", "s/sboms.zip!svc/bom.json", zipOf(t, 0, "svc/bom.json", string(doc)), ""},
		{"tar member past the threshold", "s/sboms.tar!svc/bom.json", []byte(tarred), ""},
		{"tar.gz past the threshold, streamed", "s/sboms.tar.gz!svc/bom.json", gzipOf(t, []byte(tarred)), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			name, _, _ := strings.Cut(tt.file, "!")
			fsys := fstest.MapFS{name: {Data: tt.data}}
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			c, err := testLoad(fsys, topt{MaxFileSize: limit, inMemory: inMemory, Workers: 1})
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			var f *File
			for i := range c.Files {
				if c.Files[i].Path == tt.file {
					f = &c.Files[i]
				}
			}
			if f == nil {
				t.Fatalf("no %s in %+v", tt.file, c.Files)
			}
			allocated := after.TotalAlloc - before.TotalAlloc
			if tt.reason != "" {
				if f.Status != StatusFailed || f.Reason != tt.reason {
					t.Errorf("got %s %q, want failed %q", f.Status, f.Reason, tt.reason)
				}
				// The file, decoders' state and the threshold's buffer:
				// well under the limit the expansion passed.
				if allocated > limit/2 {
					t.Errorf("allocated %d bytes failing a bomb, want at most %d", allocated, limit/2)
				}
				return
			}
			if f.Status != StatusSBOM || f.SBOM.Components != components {
				t.Errorf("got %s %q with %+v, want an SBOM of %d components", f.Status, f.Reason, f.SBOM, components)
			}
		})
	}
}

// TestArchiveBudget: an archive of archives of bombs (42.zip) stops once
// it has expanded four times the limit in all, keeping what it read.
func TestArchiveBudget(t *testing.T) {
	zeros := string(make([]byte, 900<<10))
	var members []string
	for i := range 10 {
		members = append(members, fmt.Sprintf("zero-%d.bin", i), zeros)
	}
	fsys := fstest.MapFS{"a/bombs.zip": {Data: zipOf(t, 0, members...)}, "b/bom.json": {Data: sbom(1)}}
	c, err := testLoad(fsys, topt{MaxFileSize: 1 << 20})
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Path, Status, Reason string }
	var got []row
	for _, f := range c.Files {
		got = append(got, row{f.Path, string(f.Status), f.Reason})
	}
	want := []row{
		{"a/bombs.zip!zero-0.bin", "skipped", "not an SBOM"},
		{"a/bombs.zip!zero-1.bin", "skipped", "not an SBOM"},
		{"a/bombs.zip!zero-2.bin", "skipped", "not an SBOM"},
		{"a/bombs.zip!zero-3.bin", "skipped", "not an SBOM"},
		{"a/bombs.zip", "failed", "zip: expands past 4194304 bytes in all (4 times the size limit), the most read from one file (after 4 member(s); the rest is not read)"},
		{"b/bom.json", "sbom", ""},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

// TestArchiveMembersAndThePrefilter: members are never ruled out by the
// prefilter, which sees unwrapped UTF-8; and an SBOM it ruled out is
// decoded after all when an archive's members turn out to share its
// folder (it is then named by its content, which the prefilter skipped).
func TestArchiveMembersAndThePrefilter(t *testing.T) {
	var seen [][]byte
	var mu = make(chan struct{}, 1)
	utf16 := []byte{0xff, 0xfe}
	for _, c := range sbom(3) {
		utf16 = append(utf16, c, 0)
	}
	fsys := fstest.MapFS{
		"p/svc/bom.json":      {Data: sbom(1)},
		"p/svc/more.zip":      {Data: zipOf(t, 0, "a.json", string(sbom(4)), "b.json", string(sbom(5)))},
		"p/alone/bom.json.gz": {Data: gzipOf(t, sbom(2))},
		"p/utf16/bom.json":    {Data: utf16},
	}
	c, err := testLoad(fsys, topt{Workers: 1, Prefilter: func(data []byte) bool {
		mu <- struct{}{}
		seen = append(seen, bytes.Clone(data))
		<-mu
		return false // rule out all it may
	}})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]bool{}
	for _, f := range c.Files {
		if f.SBOM == nil {
			t.Fatalf("%s: %s %s", f.Path, f.Status, f.Reason)
		}
		got[f.Path] = f.SBOM.Prefiltered
	}
	want := map[string]bool{
		"p/alone/bom.json.gz":   true,
		"p/utf16/bom.json":      true,
		"p/svc/bom.json":        false, // three SBOMs in p/svc once more.zip is open
		"p/svc/more.zip!a.json": false,
		"p/svc/more.zip!b.json": false,
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("prefiltered (-want +got):\n%s", diff)
	}
	for _, data := range seen {
		if !bytes.HasPrefix(data, []byte(`{"bomFormat"`)) {
			t.Errorf("the prefilter saw %q..., not the unwrapped text", data[:min(len(data), 16)])
		}
	}
	if len(seen) != 3 {
		t.Errorf("the prefilter saw %d files, want 3 (p/svc/bom.json before its folder was known to hold more)", len(seen))
	}
}

// TestZipMemberModes: a zip member's data is read whatever special mode
// zip recorded for it (zip records a member read from a pipe, "zip - -",
// as a named pipe), except a symbolic link's, which is only a path.
func TestZipMemberModes(t *testing.T) {
	var b bytes.Buffer
	zw := zip.NewWriter(&b)
	for _, m := range []struct {
		name string
		mode fs.FileMode
		data string
	}{
		{"piped.json", fs.ModeNamedPipe | 0o644, string(sbom(1))},
		{"link.json", fs.ModeSymlink | 0o777, "piped.json"},
		{"dir/", fs.ModeDir | 0o755, ""},
	} {
		h := &zip.FileHeader{Name: m.name, Method: zip.Deflate}
		h.SetMode(m.mode)
		w, err := zw.CreateHeader(h)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(m.data))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	c, err := testLoad(fstest.MapFS{"a.zip": {Data: b.Bytes()}}, topt{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Path, Status, Reason string }
	var got []row
	for _, f := range c.Files {
		got = append(got, row{f.Path, string(f.Status), f.Reason})
	}
	want := []row{
		{"a.zip!piped.json", "sbom", ""},
		{"a.zip!link.json", "skipped", "symbolic link (not followed inside an archive)"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

// TestTarMemberTypes: a tar's regular files are read, its links skipped
// with a reason (a hard link's target is read as itself), its directories
// not listed, as in a tree.
func TestTarMemberTypes(t *testing.T) {
	var b bytes.Buffer
	tw := tar.NewWriter(&b)
	for _, h := range []*tar.Header{
		{Name: "svc/", Typeflag: tar.TypeDir, Mode: 0o755},
		{Name: "svc/bom.json", Typeflag: tar.TypeReg, Mode: 0o644, Size: int64(len(sbom(1)))},
		{Name: "svc/soft.json", Typeflag: tar.TypeSymlink, Linkname: "bom.json"},
		{Name: "svc/hard.json", Typeflag: tar.TypeLink, Linkname: "svc/bom.json"},
		{Name: "svc/pipe", Typeflag: tar.TypeFifo, Mode: 0o644},
	} {
		if err := tw.WriteHeader(h); err != nil {
			t.Fatal(err)
		}
		if h.Typeflag == tar.TypeReg {
			tw.Write(sbom(1))
		}
	}
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	c, err := testLoad(fstest.MapFS{"a.tar": {Data: b.Bytes()}}, topt{})
	if err != nil {
		t.Fatal(err)
	}
	type row struct{ Path, Status, Reason string }
	var got []row
	for _, f := range c.Files {
		got = append(got, row{f.Path, string(f.Status), f.Reason})
	}
	want := []row{
		{"a.tar!svc/bom.json", "sbom", ""},
		{"a.tar!svc/soft.json", "skipped", "symbolic link (not followed inside an archive)"},
		{"a.tar!svc/hard.json", "skipped", "hard link to another member (read as that member)"},
		{"a.tar!svc/pipe", "skipped", "not a regular file"},
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
}

// TestZstdWindowCap: a zstd frame that asks for a window over 128 MiB (the
// history its decoder must keep) fails before any is allocated. The frame
// is written by hand: an encoder with such a window would allocate it.
func TestZstdWindowCap(t *testing.T) {
	frame := []byte{0x28, 0xb5, 0x2f, 0xfd, // magic
		0x00,       // frame header: no single segment, no checksum, no sizes
		18 << 3,    // window descriptor: exponent 18, no mantissa: 2^(10+18) = 256 MiB
		0x11, 0, 0, // last block, raw, 2 bytes
		'h', 'i'}
	c, err := testLoad(fstest.MapFS{"bom.json.zst": {Data: frame}}, topt{})
	if err != nil {
		t.Fatal(err)
	}
	if f := c.Files[0]; f.Status != StatusFailed || f.Reason != "zstd: its window is over the 128 MiB sbomx allocates (recompress it without --long=28 or more)" {
		t.Errorf("got %s %q, want a zstd window failure", f.Status, f.Reason)
	}
	frame[5] = 10 << 3 // 1 MiB: within the cap
	if c, err = testLoad(fstest.MapFS{"bom.json.zst": {Data: frame}}, topt{}); err != nil {
		t.Fatal(err)
	}
	if f := c.Files[0]; f.Status != StatusSkipped || f.Reason != "not an SBOM" {
		t.Errorf("1 MiB window: got %s %q, want the 2 bytes read (not an SBOM)", f.Status, f.Reason)
	}
}
