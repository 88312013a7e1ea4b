package foldscan

import (
	"os"
	"strings"
	"testing"
)

// TestVectorPath prints which path this run of the package takes and holds
// it to what was asked: GODEBUG=cpu.avx2=off (or cpu.all=off), which
// golang.org/x/sys/cpu honours, must give the pure-Go byte loops, and
// SBOMX_WANT_AVX2=1 or 0 (.ci/run sets it) asks for the AVX2 code or the
// byte loops outright. CI runs the assembly-backed packages' tests both
// ways, so that both paths are held to the same tests.
func TestVectorPath(t *testing.T) {
	path := "pure Go (byte loops)"
	if useAVX2 {
		path = "AVX2 assembly"
	}
	t.Logf("foldscan path: %s (GODEBUG=%q)", path, os.Getenv("GODEBUG"))
	off := false
	for _, f := range strings.Split(os.Getenv("GODEBUG"), ",") {
		switch f {
		case "cpu.avx2=off", "cpu.all=off":
			off = true
		case "cpu.avx2=on", "cpu.all=on":
			off = false
		}
	}
	if off && useAVX2 {
		t.Errorf("GODEBUG turns AVX2 off, and the AVX2 code is in use")
	}
	switch want := os.Getenv("SBOMX_WANT_AVX2"); want {
	case "":
	case "1", "0":
		if useAVX2 != (want == "1") {
			t.Errorf("SBOMX_WANT_AVX2=%s, and the path in use is %s", want, path)
		}
	default:
		t.Errorf("SBOMX_WANT_AVX2=%q: want 1, 0 or nothing", want)
	}
}
