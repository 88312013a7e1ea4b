package jsonmask

import "golang.org/x/sys/cpu"

// Fast reports whether Compute runs vectorised (AVX2); without it a scanner
// is better off with its own byte loops.
var Fast = cpu.X86.HasAVX2

// classifyAVX2 classifies blocks 64-byte blocks at data; hiAny is the OR
// of the hi masks.
//
//go:noescape
func classifyAVX2(data *byte, blocks int, stop, hi, ws *byte) (hiAny uint64)

func classify(data []byte, stop, hi, ws []byte) (ascii bool) {
	blocks := len(data) / 64
	if blocks == 0 {
		return true
	}
	if !Fast {
		return classifyGeneric(data, stop, hi, ws)
	}
	_, _, _ = stop[8*blocks-1], hi[8*blocks-1], ws[8*blocks-1]
	return classifyAVX2(&data[0], blocks, &stop[0], &hi[0], &ws[0]) == 0
}
