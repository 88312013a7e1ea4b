package cli

import (
	"fmt"
	"os"
	"time"

	"github.com/sbomx/sbomx/internal/source"
)

// progress returns a counter the walk keeps up to date, and starts a
// goroutine that prints it on stderr once a walk has taken a second, when
// stderr is a terminal. Env.stopProgress ends the line.
func (env *Env) progress() *source.Progress {
	f, ok := env.Stderr.(*os.File)
	if !ok || env.Getenv("TERM") == "dumb" {
		return nil
	}
	if st, err := f.Stat(); err != nil || st.Mode()&os.ModeCharDevice == 0 {
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

// stopProgress clears the progress line, if one was started.
func (env *Env) stopProgress() {
	if env.stop != nil {
		env.stop()
		env.stop = nil
	}
}
