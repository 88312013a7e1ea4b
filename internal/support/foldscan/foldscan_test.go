package foldscan

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
)

// naive is the definition: some i with data[i+j]|0x20 == needle[j] for all j.
func naive(data []byte, needle string) bool {
	for i := 0; i+len(needle) <= len(data); i++ {
		if equalFold(data[i:i+len(needle)], needle) {
			return true
		}
	}
	return false
}

// check compares every implementation with the definition.
func check(t testing.TB, data []byte, needle string) {
	t.Helper()
	n := New(needle)
	want := naive(data, needle)
	if got := n.In(data); got != want {
		t.Fatalf("In(%q) in %q = %v, want %v", needle, clip(data), got, want)
	}
	if got := n.inAnchor(data, nil); got != want {
		t.Fatalf("inAnchor(%q) in %q = %v, want %v", needle, clip(data), got, want)
	}
	if useAVX2 {
		if got := n.inPair(data, nil); got != want {
			t.Fatalf("inPair(%q) in %q = %v, want %v", needle, clip(data), got, want)
		}
	}
	// At offers every occurrence to where, each once.
	var all []int
	for i := 0; i+len(needle) <= len(data); i++ {
		if equalFold(data[i:i+len(needle)], needle) {
			all = append(all, i)
		}
	}
	for name, at := range map[string]func([]byte, func(int) bool) bool{"At": n.At, "inAnchor": n.inAnchor, "inPair": n.inPair} {
		if name == "inPair" && !useAVX2 {
			continue
		}
		seen := map[int]bool{}
		if at(data, func(i int) bool { seen[i] = true; return false }) {
			t.Fatalf("%s(%q) with where always false found one", name, needle)
		}
		for _, i := range all {
			if !seen[i] {
				t.Fatalf("%s(%q) in %q never offered position %d (offered %v)", name, needle, clip(data), i, seen)
			}
		}
		if len(seen) != len(all) {
			t.Fatalf("%s(%q) in %q offered %v, want %v", name, needle, clip(data), seen, all)
		}
	}
}

func clip(b []byte) string {
	if len(b) > 200 {
		return string(b[:200]) + "..."
	}
	return string(b)
}

func TestTable(t *testing.T) {
	for _, c := range []struct {
		data, needle string
		want         bool
	}{
		{"", "a", false},
		{"a", "a", true},
		{"A", "a", true},
		{"pkg:pypi/TorchTriton@2.0.0", "torchtriton", true},
		{"pkg:pypi/torch-triton@2.0.0", "torchtriton", false},
		{`"name": "TORCHTRITON"`, "torchtriton", true},
		{"log4J", "log4j", true},
		{"log\x14j", "log4j", true}, // 0x14|0x20 == '4': a harmless extra "maybe"
		{"log5j", "log4j", false},
		{strings.Repeat("x", 100) + "lodash", "lodash", true},
		{strings.Repeat("x", 100) + "lodas", "lodash", false},
		{"lodash" + strings.Repeat("x", 100), "lodash", true},
		{strings.Repeat("hd", 1000), "lodash", false},
	} {
		n := New(c.needle)
		if got := n.In([]byte(c.data)); got != c.want {
			t.Errorf("In(%q) in %q = %v, want %v", c.needle, c.data, got, c.want)
		}
		check(t, []byte(c.data), c.needle)
	}
}

// TestEveryOffset plants the needle, in random case, at every offset of
// buffers of many lengths around the 32-byte block size, in noise made of the
// needle's own bytes (the worst case for false starts).
func TestEveryOffset(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, needle := range []string{"a", "q1", "log4j", "torchtriton", "lodash", "core", "zz", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab", "0123456789abcdef0123456789abcdef0123456789"} {
		for size := len(needle); size < 160; size++ {
			noise := make([]byte, size)
			for i := range noise {
				noise[i] = needle[r.IntN(len(needle))] &^ byte(r.IntN(2)<<5)
				if r.IntN(3) == 0 {
					noise[i] = byte(r.IntN(256))
				}
			}
			check(t, noise, needle)
			for at := 0; at+len(needle) <= size; at++ {
				data := bytes.Clone(noise)
				for j := 0; j < len(needle); j++ {
					c := needle[j]
					if 'a' <= c && c <= 'z' && r.IntN(2) == 0 {
						c -= 'a' - 'A'
					}
					data[at+j] = c
				}
				check(t, data, needle)
			}
		}
	}
}

// TestWindowEdges runs the search over sub-slices of a larger buffer: the
// vector loop must never read, or match, outside the slice it is given.
func TestWindowEdges(t *testing.T) {
	buf := []byte(strings.Repeat("lodash", 40))
	for lo := 0; lo < 40; lo++ {
		for hi := lo; hi <= len(buf); hi += 7 {
			check(t, buf[lo:hi], "lodash")
			check(t, buf[lo:hi], "shlo")
		}
	}
}

func TestRarest(t *testing.T) {
	n := New("torchtriton")
	if n.s[n.ka] != 'h' || n.k1 >= n.k2 {
		t.Errorf("New(torchtriton) = %+v, want the rarest byte h and two ordered offsets", n)
	}
	if n := New("x"); n.k1 != 0 || n.k2 != 0 || n.ka != 0 {
		t.Errorf("New(x) = %+v", n)
	}
}

func FuzzFoldscan(f *testing.F) {
	f.Add([]byte("pkg:npm/%40types/LoDash@4.17.21"), "lodash")
	f.Add([]byte(strings.Repeat("torch", 20)+"TRITON"), "torchtriton")
	f.Fuzz(func(t *testing.T, data []byte, needle string) {
		var b strings.Builder
		for i := 0; i < len(needle) && b.Len() < 64; i++ {
			if c := needle[i] | 0x20; 'a' <= c && c <= 'z' || '0' <= c && c <= '9' {
				b.WriteByte(c)
			}
		}
		if b.Len() == 0 {
			return
		}
		check(t, data, b.String())
	})
}

var benchData = func() []byte {
	// Pretty-printed SBOM-like text with none of the needle in it.
	var b bytes.Buffer
	for i := 0; b.Len() < 600<<10; i++ {
		b.WriteString(`    {
      "bom-ref": "pkg:npm/%40acme/chart-helper@1.2.` + string(rune('0'+i%10)) + `",
      "type": "library",
      "name": "chart-helper",
      "version": "1.2.3",
      "hashes": [{"alg": "SHA-256", "content": "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"}],
      "purl": "pkg:npm/%40acme/chart-helper@1.2.3",
      "externalReferences": [{"type": "vcs", "url": "https://github.com/acme/chart-helper"}]
    },
`)
	}
	return b.Bytes()
}()

func BenchmarkIn(b *testing.B) {
	for _, needle := range []string{"torchtriton", "log4j", "core", "lodash"} {
		n := New(needle)
		b.Run(needle+"/pair", func(b *testing.B) {
			if !useAVX2 {
				b.Skip("no AVX2")
			}
			b.SetBytes(int64(len(benchData)))
			for b.Loop() {
				n.inPair(benchData, nil)
			}
		})
		b.Run(needle+"/anchor", func(b *testing.B) {
			b.SetBytes(int64(len(benchData)))
			for b.Loop() {
				n.inAnchor(benchData, nil)
			}
		})
	}
}
