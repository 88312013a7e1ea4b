// Command sbomx answers which services contain a package, how it got in, who
// owns them and which products rely on them. See internal/cli.
package main

import (
	"os"
	"runtime/debug"

	"github.com/sbomx/sbomx/cmd/sbomx/internal/gctune"
	"github.com/sbomx/sbomx/internal/cli"
)

// heapTarget is the heap the collector's pace aims at (see gctune): peak RSS
// stays under 256 MiB unless the SBOMs being decoded at once need more.
const heapTarget = 192 << 20

func main() {
	switch {
	case os.Getenv("GOGC") != "":
		// the user's
	case os.Getenv("GOMEMLIMIT") != "":
		// The user's limit bounds the heap; collect rarely below it.
		debug.SetGCPercent(gctune.Max)
	default:
		gctune.Start(heapTarget)
	}
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}
