package jsonmask

import (
	"math/rand/v2"
	"testing"
)

// bit reports bit i of mask, the slow way.
func bit(mask []byte, i int) bool { return mask[i/8]>>(uint(i)%8)&1 == 1 }

// want is the definition of each class, byte by byte (NUL past the end).
func want(data []byte, i int) (stop, hi, ws bool) {
	var c byte
	if i < len(data) {
		c = data[i]
	}
	return c == '"' || c == '\\' || c < 0x20, c >= 0x80, c == ' ' || c == '\t' || c == '\n' || c == '\r'
}

// alphabet mixes every class with plain bytes.
var alphabet = []byte("\"\\\x00\x01\x1f\x20\t\n\r \x7f\x80\xc3\xa9\xffab{}[]:,0")

func randomText(r *rand.Rand, n int) []byte {
	b := make([]byte, n)
	for i := range b {
		if r.IntN(3) == 0 {
			b[i] = byte(r.IntN(256))
		} else {
			b[i] = alphabet[r.IntN(len(alphabet))]
		}
	}
	return b
}

func check(t *testing.T, data []byte) {
	t.Helper()
	var m Masks
	m.Compute(data)
	n := 8*(len(data)/64) + 24
	if len(m.Stop) != n || len(m.Hi) != n || len(m.WS) != n {
		t.Fatalf("len %d: mask lengths %d %d %d, want %d", len(data), len(m.Stop), len(m.Hi), len(m.WS), n)
	}
	for i := 0; i < 8*n; i++ {
		s, h, w := want(data, i)
		if i >= 64*(len(data)/64+1) {
			s = true // the final word and the slack
		}
		if bit(m.Stop, i) != s || bit(m.Hi, i) != h || bit(m.WS, i) != w {
			t.Fatalf("len %d, byte %d (%q): got stop/hi/ws %v %v %v, want %v %v %v", len(data), i, data[min(i, len(data)-1):min(i+1, len(data))], bit(m.Stop, i), bit(m.Hi, i), bit(m.WS, i), s, h, w)
		}
	}
	ascii := true
	for i := range len(data) {
		ascii = ascii && data[i] < 0x80
	}
	if m.ASCII != ascii {
		t.Fatalf("len %d: ASCII = %v", len(data), m.ASCII)
	}
	for i := 0; i <= 8*(n-8); i++ {
		var w uint64
		for j := 0; j < Valid; j++ {
			if bit(m.Stop, i+j) {
				w |= 1 << uint(j)
			}
		}
		if got := Window(m.Stop, i) & Low; got != w {
			t.Fatalf("len %d: Window(%d) = %#x, want %#x", len(data), i, got, w)
		}
	}
	for i := 0; i <= len(data); i++ {
		j := i
		for !bit(m.Stop, j) {
			j++
		}
		if got := NextSet(m.Stop, i); got != j {
			t.Fatalf("len %d: NextSet(%d) = %d, want %d", len(data), i, got, j)
		}
		if j > len(data) {
			t.Fatalf("len %d: NextSet(%d) = %d, past the end", len(data), i, j)
		}
		j = i
		for bit(m.WS, j) {
			j++
		}
		if got := NextClear(m.WS, i); got != j {
			t.Fatalf("len %d: NextClear(%d) = %d, want %d", len(data), i, got, j)
		}
		for _, to := range []int{i, i + 1, i + 55, i + 56, i + 57, i + 63, i + 64, i + 65, i + 130, len(data)} {
			if to < i || to > len(data) {
				continue
			}
			any := false
			for k := i; k < to; k++ {
				any = any || bit(m.Hi, k)
			}
			if got := Any(m.Hi, i, to); got != any {
				t.Fatalf("len %d: Any(%d, %d) = %v, want %v", len(data), i, to, got, any)
			}
		}
	}
}

func TestCompute(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for n := 0; n <= 300; n++ {
		check(t, randomText(r, n))
	}
	for range 20 {
		check(t, randomText(r, 1000+r.IntN(3000)))
	}
	// Every byte value, at every position of a block.
	all := make([]byte, 256*2)
	for i := range all {
		all[i] = byte(i)
	}
	check(t, all)
	check(t, all[1:])
}

// TestReuse checks that a Masks reused for a shorter text has no stale
// bits.
func TestReuse(t *testing.T) {
	var m Masks
	long := make([]byte, 500)
	for i := range long {
		long[i] = ' '
	}
	m.Compute(long)
	short := []byte(`{"a": 1}`)
	m.Compute(short)
	if got := NextClear(m.WS, 5); got != 6 {
		t.Errorf("NextClear = %d, want 6", got)
	}
	if got := NextClear(m.WS, 8); got != 8 {
		t.Errorf("NextClear past the end = %d, want 8", got)
	}
	if got := NextSet(m.Stop, 2); got != 3 {
		t.Errorf("NextSet = %d, want 3", got)
	}
}

// TestGenericEqualsFast compares the vectorised classifier with the byte
// loop directly (on amd64 with AVX2; elsewhere both are the byte loop).
func TestGenericEqualsFast(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	for range 200 {
		data := randomText(r, 64*(1+r.IntN(20)))
		k := len(data) / 8
		s1, h1, w1 := make([]byte, k), make([]byte, k), make([]byte, k)
		s2, h2, w2 := make([]byte, k), make([]byte, k), make([]byte, k)
		classify(data, s1, h1, w1)
		classifyGeneric(data, s2, h2, w2)
		for i := range k {
			if s1[i] != s2[i] || h1[i] != h2[i] || w1[i] != w2[i] {
				t.Fatalf("mask byte %d differs", i)
			}
		}
	}
}

func FuzzCompute(f *testing.F) {
	f.Add([]byte(`{"a": "b\"c\\", "d": [1, 2]}`))
	f.Add([]byte("\x00\x80\xff \t\r\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 4096 {
			return
		}
		check(t, data)
	})
}

func BenchmarkCompute(b *testing.B) {
	r := rand.New(rand.NewPCG(5, 6))
	data := randomText(r, 600<<10)
	var m Masks
	b.SetBytes(int64(len(data)))
	for b.Loop() {
		m.Compute(data)
	}
}
