// Package buildinfo holds the build's version, commit and date. They are vars,
// not consts: the linker's -X silently ignores consts.
package buildinfo

import (
	"fmt"
	"runtime/debug"
	"strings"
)

// Set by goreleaser: -ldflags "-X github.com/sbomx/sbomx/internal/buildinfo.Version=v1.2.3 ...".
var (
	Version = "dev"
	Commit  = ""
	Date    = ""
)

// String is what "sbomx --version" prints after "sbomx version ".
func String() string {
	v, c, d := Version, Commit, Date
	if v == "dev" {
		if bi, ok := debug.ReadBuildInfo(); ok {
			if bi.Main.Version != "" && bi.Main.Version != "(devel)" {
				v = bi.Main.Version
			}
			for _, s := range bi.Settings {
				switch s.Key {
				case "vcs.revision":
					if c == "" {
						c = s.Value
					}
				case "vcs.time":
					if d == "" {
						d = s.Value
					}
				}
			}
		}
	}
	var extra []string
	if c != "" {
		extra = append(extra, "commit "+c)
	}
	if d != "" {
		extra = append(extra, "built "+d)
	}
	if len(extra) == 0 {
		return v
	}
	return fmt.Sprintf("%s (%s)", v, strings.Join(extra, ", "))
}
