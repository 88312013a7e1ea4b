package cli

import (
	"io/fs"
	"os"
)

// dirFS is the tree sbomx reads: the operating system's directory.
func dirFS(dir string) fs.FS { return os.DirFS(dir) }
