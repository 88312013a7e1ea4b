package cli

import (
	"fmt"
	"io"
	"os"
	"time"

	"golang.org/x/term"

	"github.com/sbomx/sbomx/internal/render"
	"github.com/sbomx/sbomx/internal/source"
)

// progress returns a counter the walk keeps up to date, and starts a
// goroutine that prints it on stderr once a walk has taken a second, when
// stderr is a terminal. Env.stopProgress ends the line.
func (env *Env) progress() *source.Progress {
	f, ok := env.Stderr.(*os.File)
	if !ok || !env.terminal(f) {
		return nil
	}
	p := &source.Progress{}
	done := make(chan struct{})
	stopped := make(chan struct{})
	env.stop = func() {
		close(done)
		<-stopped
	}
	go func() {
		defer close(stopped)
		start := time.Now()
		tick := time.NewTicker(200 * time.Millisecond)
		defer tick.Stop()
		shown := false
		for {
			select {
			case <-done:
				if shown {
					fmt.Fprint(f, "\r\033[K")
				}
				return
			case <-tick.C:
				if time.Since(start) < time.Second {
					continue
				}
				shown = true
				fmt.Fprintf(f, "\r\033[Ksbomx: read %d/%d files, %d MB", p.Done.Load(), p.Total.Load(), p.Bytes.Load()>>20)
			}
		}
	}()
	return p
}

// terminal reports whether w is a terminal sbomx may draw on, and TERM is
// not "dumb". golang.org/x/term asks the terminal driver (a character
// device such as /dev/null is not a terminal), on Unix and Windows alike;
// this is its one home.
func (env *Env) terminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && env.Getenv("TERM") != "dumb" && term.IsTerminal(int(f.Fd()))
}

// renderOptions are the table's manners: on a terminal, long cells are
// shortened in the middle and colour is used unless NO_COLOR is set to
// anything but "" (https://no-color.org); in a pipe the table is whole
// and plain.
func (env *Env) renderOptions(by string) render.Options {
	o := render.Options{By: by}
	if env.terminal(env.Stdout) {
		o.MaxCell = maxCell
		o.Color = env.Getenv("NO_COLOR") == ""
	}
	return o
}

// maxCell is the widest table cell on a terminal: wide enough for nearly
// every package and service name, narrow enough that a row fits.
const maxCell = 48

// stopProgress clears the progress line, if one was started.
func (env *Env) stopProgress() {
	if env.stop != nil {
		env.stop()
		env.stop = nil
	}
}
