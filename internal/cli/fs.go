package cli

import (
	"cmp"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"github.com/sbomx/sbomx/pkg/answers"
)

// roots turns the --dir values into the trees to read. Several directories
// are one landscape; their paths are printed after the directory as given,
// as grep -r prints them, so a directory inside another, or one given twice,
// would print one file twice: that is a usage error.
func roots(dirs []string) ([]answers.Root, error) {
	out := make([]answers.Root, 0, len(dirs))
	real := make([]string, 0, len(dirs))
	for _, dir := range dirs {
		r, err := root(dir, len(dirs) > 1)
		if err != nil {
			return nil, err
		}
		abs := realPath(dir)
		for i, other := range real {
			if err := overlap(dirs[i], other, dir, abs); err != nil {
				return nil, err
			}
		}
		out = append(out, r)
		real = append(real, abs)
	}
	return out, nil
}

// root opens one --dir: a directory, read from the top of the repository it
// is in, or a single SBOM file, read as a tree of its own.
func root(dir string, several bool) (answers.Root, error) {
	st, err := os.Stat(dir)
	if err != nil {
		return answers.Root{}, fmt.Errorf("--dir: %w", err)
	}
	name := path.Clean(filepath.ToSlash(dir))
	r := answers.Root{Name: dir}
	if !st.IsDir() {
		// The file alone is the tree, at its top (no ownership files are
		// looked for around it); it is printed as given.
		parent, base := filepath.Split(dir)
		r.FS = oneFile{fsys: os.DirFS(cmp.Or(parent, ".")), name: base}
		if several {
			r.Prefix = path.Dir(name)
		}
		return r, nil
	}
	if several {
		r.Prefix = name
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return answers.Root{}, fmt.Errorf("--dir: %w", err)
	}
	top := findTop(abs)
	rel, err := filepath.Rel(top, abs)
	if err != nil {
		return answers.Root{}, fmt.Errorf("--dir: %w", err)
	}
	r.FS, r.Dir = os.DirFS(top), filepath.ToSlash(rel)
	return r, nil
}

// findTop finds the repository top of dir (absolute) as git finds its
// configuration: the nearest folder, dir first, holding .git (a folder, or
// a worktree's file) or .sbomx.yaml. With none up to the filesystem's root,
// dir is its own top: sbomx never reads above where it was asked to look
// unless a repository says where its top is.
func findTop(dir string) string {
	for d := dir; ; {
		for _, marker := range []string{".git", ".sbomx.yaml"} {
			if _, err := os.Stat(filepath.Join(d, marker)); err == nil {
				return d
			}
		}
		up := filepath.Dir(d)
		if up == d {
			return dir
		}
		d = up
	}
}

// realPath is dir absolute, with symbolic links resolved where possible, to
// tell whether two --dir values overlap.
func realPath(dir string) string {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return dir
	}
	if r, err := filepath.EvalSymlinks(abs); err == nil {
		return r
	}
	return abs
}

// overlap reports two --dir values that name the same files.
func overlap(dirA, realA, dirB, realB string) error {
	switch {
	case realA == realB:
		return usagef("--dir %s and --dir %s are the same: give it once", dirA, dirB)
	case within(realB, realA):
		return usagef("--dir %s is inside --dir %s: give one of them", dirB, dirA)
	case within(realA, realB):
		return usagef("--dir %s is inside --dir %s: give one of them", dirA, dirB)
	}
	return nil
}

// within reports whether path p is below dir.
func within(p, dir string) bool {
	rel, err := filepath.Rel(dir, p)
	return err == nil && rel != "." && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}

// oneFile is a tree holding a single file of fsys, at its top: "--dir FILE".
type oneFile struct {
	fsys fs.FS
	name string
}

func (o oneFile) Open(name string) (fs.File, error) {
	if name == "." || name == o.name {
		return o.fsys.Open(name)
	}
	return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
}

// ReadDir lists the one file: the walk sees nothing else of its folder.
func (o oneFile) ReadDir(name string) ([]fs.DirEntry, error) {
	if name != "." {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.New("not a directory")}
	}
	info, err := fs.Stat(o.fsys, o.name)
	if err != nil {
		return nil, err
	}
	return []fs.DirEntry{fs.FileInfoToDirEntry(info)}, nil
}
