package foldscan

import (
	"math/rand/v2"
	"slices"
	"testing"
)

// escapes lists EachEscape's positions, collecting them all.
func escapes(data []byte) []int {
	var out []int
	EachEscape(data, func(p int) bool { out = append(out, p); return false })
	return out
}

// escapesNaive is the definition.
func escapesNaive(data []byte) []int {
	var out []int
	for p := 0; p+2 < len(data); p++ {
		if escCandidate(data, p) {
			out = append(out, p)
		}
	}
	return out
}

func checkEscapes(t testing.TB, data []byte) {
	t.Helper()
	if got, want := escapes(data), escapesNaive(data); !slices.Equal(got, want) {
		t.Fatalf("EachEscape(%q) = %v, want %v", clip(data), got, want)
	}
	// Stopping at the first one.
	want := escapesNaive(data)
	var first []int
	stopped := EachEscape(data, func(p int) bool { first = append(first, p); return true })
	if stopped != (len(want) > 0) || len(want) > 0 && !slices.Equal(first, want[:1]) {
		t.Fatalf("EachEscape(%q) stopping: %v %v, want %v", clip(data), stopped, first, want)
	}
}

func TestEscapeDefinition(t *testing.T) {
	for s, want := range map[string]bool{
		"%30": true, "%41": true, "%5a": true, "%7A": true, "%7z": true, // candidates; fn checks
		"%40": false, "%2F": false, "%20": false, "%80": false, "%": false, "%3": false,
		`\u0041`: true, `\n`: false, `\u`: false, `\u0`: true,
	} {
		if got := len(escapes([]byte(s))) > 0; got != want {
			t.Errorf("%q: candidate %v, want %v", s, got, want)
		}
	}
}

// TestEscapeEveryOffset plants each kind of candidate (and near misses) at
// every offset of buffers up to 160 bytes, in noise made of their bytes.
func TestEscapeEveryOffset(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 8))
	noise := []byte(`%\u0347@aF/`)
	for _, plant := range []string{"%41", "%40", "%3a", "%2F", `\u00`, `\\`, "%7", `\u`} {
		for n := 0; n <= 160; n++ {
			for off := 0; off+len(plant) <= n; off++ {
				data := make([]byte, n)
				for i := range data {
					data[i] = noise[r.IntN(len(noise))]
				}
				copy(data[off:], plant)
				checkEscapes(t, data)
				// A sub-slice: nothing outside it may count.
				if n >= 4 {
					checkEscapes(t, data[1:n-1])
				}
			}
		}
	}
}

func FuzzEachEscape(f *testing.F) {
	f.Add([]byte(`{"purl": "pkg:npm/%40types/node@1%2B2", "x": "\u0041"}`))
	f.Fuzz(func(t *testing.T, data []byte) { checkEscapes(t, data) })
}

func BenchmarkEachEscape(b *testing.B) {
	r := rand.New(rand.NewPCG(9, 10))
	data := make([]byte, 600<<10)
	for i := range data {
		const alphabet = "abcdefghij \n\":,{}[]0123456789"
		data[i] = alphabet[r.IntN(len(alphabet))]
	}
	// an npm purl's "%40" every 2 KB, and nothing to find
	for i := 0; i+3 < len(data); i += 2048 {
		copy(data[i:], "%40")
	}
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		if EachEscape(data, func(int) bool { return true }) {
			b.Fatal("found one")
		}
	}
}
