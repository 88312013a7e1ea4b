package jsonmask

import "golang.org/x/sys/cpu"

// Fast reports whether Compute runs vectorised (AVX2); without it a scanner
// is better off with its own byte loops.
var Fast = cpu.X86.HasAVX2

// classifyAVX2 classifies blocks 64-byte blocks at data.
//
//go:noescape
func classifyAVX2(data *byte, blocks int, stop, hi, ws *byte)

func classify(data []byte, stop, hi, ws []byte) {
	blocks := len(data) / 64
	if blocks == 0 {
		return
	}
	if !Fast {
		classifyGeneric(data, stop, hi, ws)
		return
	}
	_, _, _ = stop[8*blocks-1], hi[8*blocks-1], ws[8*blocks-1]
	classifyAVX2(&data[0], blocks, &stop[0], &hi[0], &ws[0])
}
