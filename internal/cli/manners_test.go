package cli

import (
	"bytes"
	"os"
	"testing"

	"github.com/sbomx/sbomx/internal/render"
)

// TestPlainInPipes: a table written to a pipe, a file or a buffer is whole
// and without colour, NO_COLOR or not; so is the progress line's absence.
func TestPlainInPipes(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	devnull, err := os.OpenFile(os.DevNull, os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer devnull.Close()
	for name, out := range map[string]any{"pipe": w, "buffer": new(bytes.Buffer), "/dev/null (a character device, not a terminal)": devnull} {
		for _, noColor := range []string{"", "1"} {
			env := &Env{Getenv: func(k string) string {
				if k == "NO_COLOR" {
					return noColor
				}
				return ""
			}}
			switch o := out.(type) {
			case *os.File:
				env.Stdout, env.Stderr = o, o
			case *bytes.Buffer:
				env.Stdout, env.Stderr = o, o
			}
			if got := env.renderOptions("owner"); got != (render.Options{By: "owner"}) {
				t.Errorf("%s, NO_COLOR=%q: %+v, want plain", name, noColor, got)
			}
			if p := env.progress(); p != nil {
				t.Errorf("%s: a progress line outside a terminal", name)
			}
		}
	}
}
