// Command golang-oracle answers version questions with golang.org/x/mod/semver,
// the package the go command uses for module versions. Go has no range syntax,
// so there is no range mode.
//
//	compare mode: "a\tb" -> "a\tb\t-1|0|1|bad-version\tnote"  (semver.Compare, both must be semver.IsValid)
//	valid   mode: "v"    -> "v\tvalid|bad-version\tnote"     (semver.IsValid)
//
// x/mod/semver requires the leading "v". A version given without it is tried
// with "v" prepended; the note column then says "v-prefixed" (the answer is for
// "v"+input), otherwise "as-is".
package main

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"runtime/debug"
	"strings"

	"golang.org/x/mod/semver"
)

func norm(s string) (string, bool, string) {
	if semver.IsValid(s) {
		return s, true, "as-is"
	}
	if !strings.HasPrefix(s, "v") && semver.IsValid("v"+s) {
		return "v" + s, true, "v-prefixed"
	}
	return s, false, "as-is"
}

func main() {
	mode := "valid"
	if len(os.Args) > 1 {
		mode = os.Args[1]
	}
	if mode == "version" {
		if bi, ok := debug.ReadBuildInfo(); ok {
			for _, d := range bi.Deps {
				if d.Path == "golang.org/x/mod" {
					fmt.Println(d.Path, d.Version)
				}
			}
		}
		return
	}
	data, err := io.ReadAll(os.Stdin)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	lines := strings.Split(string(data), "\n")
	if len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	w := bufio.NewWriter(os.Stdout)
	defer w.Flush()
	for _, line := range lines {
		line = strings.TrimSuffix(line, "\r")
		f := strings.SplitN(line, "\t", 3)
		a := f[0]
		b := ""
		if len(f) > 1 {
			b = f[1]
		}
		switch mode {
		case "valid":
			_, ok, note := norm(a)
			d := "bad-version"
			if ok {
				d = "valid"
			}
			fmt.Fprintf(w, "%s\t%s\t%s\n", a, d, note)
		case "compare":
			na, oka, notea := norm(a)
			nb, okb, noteb := norm(b)
			note := "as-is"
			if notea == "v-prefixed" || noteb == "v-prefixed" {
				note = "v-prefixed"
			}
			if !oka || !okb {
				fmt.Fprintf(w, "%s\t%s\tbad-version\t%s\n", a, b, note)
				continue
			}
			fmt.Fprintf(w, "%s\t%s\t%d\t%s\n", a, b, semver.Compare(na, nb), note)
		default:
			fmt.Fprintln(os.Stderr, "unknown mode", mode)
			os.Exit(2)
		}
	}
}
