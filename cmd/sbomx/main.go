// Command sbomx answers which services contain a package, how it got in, who
// owns them and which products rely on them. See pkg/cli.
package main

import (
	"os"

	"github.com/sbomx/sbomx/pkg/cli"
)

func main() {
	os.Exit(cli.Run(os.Args[1:], os.Stdout, os.Stderr, os.Getenv))
}
