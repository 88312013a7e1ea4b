// Package cli is the sbomx command line: the cobra command tree, flag
// validation, and the mapping from outcomes to exit codes. Run is the whole
// program; main only calls it.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/spf13/cobra"

	"github.com/sbomx/sbomx/internal/buildinfo"
	"github.com/sbomx/sbomx/pkg/answers"
)

// Exit codes, the same on every command; documented in --help and the
// README.
const (
	ExitMatch      = 0 // found something (a hit, a service, a package)
	ExitNoMatch    = 1 // found nothing, and every SBOM was read
	ExitError      = 2 // usage or fatal error
	ExitIncomplete = 3 // found nothing, and some file failed or some --dir held no SBOM
)

// exitHelp is the exit status table of every command's --help.
const exitHelp = `Exit status (the same on every command):
  0  found something (a hit; for services and packages, something listed)
  1  found nothing, every file was read and every --dir held SBOMs: a true "no"
  2  usage or fatal error (bad query or flag, a filter that names nothing,
     missing directory)
  3  found nothing, but the answer is incomplete: some file could not be
     read, or some --dir holds no SBOM at all`

// outcome is the exit status of a command that found something or not.
func outcome(found bool, c *answers.Coverage) error {
	switch {
	case found:
		return nil
	case !c.Complete():
		return &exitError{ExitIncomplete}
	default:
		return &exitError{ExitNoMatch}
	}
}

// exitError carries an exit code for an outcome that is not a failure of
// the program (no match, incomplete coverage).
type exitError struct{ code int }

func (e *exitError) Error() string { return fmt.Sprintf("exit %d", e.code) }

// usageError is a bad flag, argument or query.
type usageError struct{ err error }

func (e *usageError) Error() string { return e.err.Error() }
func (e *usageError) Unwrap() error { return e.err }

func usagef(format string, a ...any) error { return &usageError{fmt.Errorf(format, a...)} }

// Env is what the program may read of its environment.
type Env struct {
	Getenv func(string) string
	Stdin  io.Reader // read only for "-f -"
	Stdout io.Writer
	Stderr io.Writer
	// Verbose (-v, on every command) lists every warning, skipped file and
	// name that stderr otherwise only counts.
	Verbose bool
	stop    func() // ends the progress line
}

// Run runs sbomx with args (without the program name) and returns the exit code.
func Run(args []string, stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) int {
	env := &Env{Getenv: getenv, Stdin: stdin, Stdout: stdout, Stderr: stderr}
	root := newRootCmd(env)
	root.SetArgs(append([]string{}, args...)) // never nil: cobra would read os.Args
	err := root.ExecuteContext(context.Background())
	env.stopProgress()
	var ee *exitError
	switch {
	case err == nil:
		return ExitMatch
	case errors.As(err, &ee):
		return ee.code
	default:
		var fe *answers.FilterError
		if errors.As(err, &fe) {
			// A filter that names nothing is a mistake, said with the
			// names it was likely meant to be.
			fmt.Fprintf(stderr, "sbomx: --%v\n", fe)
			return ExitError
		}
		fmt.Fprintf(stderr, "sbomx: %v\n", err)
		var ue *usageError
		if errors.As(err, &ue) {
			fmt.Fprintln(stderr, "Run 'sbomx --help' for usage.")
		}
		return ExitError
	}
}

func newRootCmd(env *Env) *cobra.Command {
	root := &cobra.Command{
		Use:   "sbomx",
		Short: "Which of our services contain this package, how did it get in, who owns them?",
		Long: `sbomx answers the first question of a supply-chain incident from a directory
(or git checkout) of SBOMs: which services contain a package, directly or
transitively and by what path, who owns them, and which products rely on them.

It reads CycloneDX (JSON, XML; 1.0-1.7) and SPDX (2.2/2.3 JSON and tag-value,
3.0 JSON-LD), recognised by content, with no server and no ingestion step;
compressed (gzip, zstd, xz, bzip2), in zip or tar archives, or in UTF-16.`,
		Version:       buildinfo.String(),
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.SetOut(env.Stdout)
	root.SetErr(env.Stderr)
	root.SetVersionTemplate("sbomx version {{.Version}}\n")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &usageError{err} })
	// Declared on the root so that "sbomx -v impact x" works too; cobra then
	// gives --version no -v shorthand, so -v means verbose everywhere.
	root.PersistentFlags().BoolVarP(&env.Verbose, "verbose", "v", false, "list every warning, skipped file and name that stderr otherwise counts")
	root.AddCommand(newImpactCmd(env), newServicesCmd(env), newPackagesCmd(env), newWhyCmd(env))
	root.AddCommand(newDiffCmd(env))
	root.AddCommand(newExportCmd(env), newManCmd())
	return root
}
