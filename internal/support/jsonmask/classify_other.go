//go:build !amd64

package jsonmask

// Fast reports whether Compute runs vectorised; here it does not.
var Fast = false

func classify(data []byte, stop, hi, ws []byte) (ascii bool) {
	return classifyGeneric(data, stop, hi, ws)
}
