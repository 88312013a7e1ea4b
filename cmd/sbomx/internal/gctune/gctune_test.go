package gctune

import (
	"runtime"
	"runtime/debug"
	"testing"
	"time"
)

func TestPercent(t *testing.T) {
	const mb = 1 << 20
	for _, c := range []struct {
		live, target uint64
		want         int
	}{
		{10 * mb, 200 * mb, Max},  // small heap: the fast pace
		{40 * mb, 200 * mb, Max},  // 4x headroom exactly
		{50 * mb, 200 * mb, 300},  // grows to the target
		{100 * mb, 200 * mb, 100}, // Go's default
		{150 * mb, 200 * mb, Min}, // 33% would thrash: Min
		{400 * mb, 200 * mb, Min}, // past the target: Min, never a standstill
		{0, 200 * mb, Min},
	} {
		if got := Percent(c.live, c.target); got != c.want {
			t.Errorf("Percent(%d MB, %d MB) = %d, want %d", c.live/mb, c.target/mb, got, c.want)
		}
	}
}

// TestTunes: after a collection with a large live heap the pace tightens,
// and loosens again once the heap is freed.
func TestTunes(t *testing.T) {
	defer debug.SetGCPercent(debug.SetGCPercent(100))
	type tuning struct {
		live    uint64
		percent int
	}
	ch := make(chan tuning, 100)
	start(64<<20, func(live uint64, p int) {
		select {
		case ch <- tuning{live, p}:
		default:
		}
	})
	// wait collects until a tuning reports a live heap on the right side
	// of 32 MB (finalizers run on their own goroutine, after the cycle).
	wait := func(big bool) tuning {
		for range 50 {
			runtime.GC()
			select {
			case tu := <-ch:
				if tu.live > 32<<20 == big {
					return tu
				}
			case <-time.After(100 * time.Millisecond):
			}
		}
		t.Fatalf("no tuning with big=%v", big)
		return tuning{}
	}
	keep := make([]byte, 48<<20) // live: 48 MB of a 64 MB target
	for i := range keep {
		keep[i] = byte(i)
	}
	if tu := wait(true); tu.percent != Min {
		t.Errorf("%d MB live of a 64 MB target: GOGC %d, want %d", tu.live>>20, tu.percent, Min)
	}
	if got := debug.SetGCPercent(Min); got != Min {
		t.Errorf("the runtime's GOGC is %d, want %d", got, Min)
	}
	runtime.KeepAlive(keep)
	keep = nil
	if tu := wait(false); tu.percent <= Min {
		t.Errorf("%d MB live of a 64 MB target: GOGC %d, want more than %d", tu.live>>20, tu.percent, Min)
	}
}
