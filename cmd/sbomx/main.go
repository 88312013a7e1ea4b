// Command sbomx answers which services contain a package, how it got in, who
// owns them and which products rely on them. See pkg/cli.
package main

import (
	"os"
	"runtime/debug"

	"github.com/sbomx/sbomx/pkg/cli"
)

func main() {
	if os.Getenv("GOGC") == "" {
		// sbomx allocates about as much as it decodes and keeps little:
		// collecting a quarter as often as Go's default saves about a tenth
		// of the CPU time of a query that decodes every SBOM. The soft
		// memory limit makes the collector work harder instead of letting
		// the heap grow past it (peak RSS stays well under 256 MiB on 5,000
		// SBOMs).
		debug.SetGCPercent(400)
		if os.Getenv("GOMEMLIMIT") == "" {
			debug.SetMemoryLimit(192 << 20)
		}
	}
	os.Exit(cli.Run(os.Args[1:], os.Stdin, os.Stdout, os.Stderr, os.Getenv))
}
