package cli

import (
	"context"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"github.com/sbomx/sbomx/internal/render"
	"github.com/sbomx/sbomx/internal/source/gitsrc"
	"github.com/sbomx/sbomx/pkg/answers"
	"github.com/sbomx/sbomx/pkg/query"
)

// historyDir opens the one --dir an answer over several commits reads:
// a window or a diff compares one repository with itself.
func (t *treeFlags) historyDir(flag string) (*gitDir, error) {
	if len(t.dirs) != 1 {
		return nil, usagef("%s reads one repository's history: give one --dir (%d given)", flag, len(t.dirs))
	}
	g, err := openGit(t.dirs[0], false, flag)
	if err != nil {
		return nil, err
	}
	t.gits = append(t.gits, g)
	return g, nil
}

// checkHistoryFlags refuses flags an answer over several commits cannot
// honour.
func (t *treeFlags) checkHistoryFlags(cmd *cobra.Command, flag string) error {
	if cmd.Flags().Changed("at") {
		return usagef("--at and %s: give one (--at reads one commit, %s several)", flag, flag)
	}
	return nil
}

// runWindow answers impact over a window of history (--since, --until).
func runWindow(cmd *cobra.Command, env *Env, opts *impactOptions, qs []*query.Query) error {
	if err := opts.checkHistoryFlags(cmd, "--since"); err != nil {
		return err
	}
	if opts.By != "service" {
		return usagef("--by %s: an exposure window is listed by service and package (the JSON names owners then and at the end)", opts.By)
	}
	if opts.AllPaths {
		return usagef("--all-paths: an exposure window lists when packages came and went, not their paths (sbomx why --at REV draws them)")
	}
	opts.shows = "window"
	return opts.answer(cmd, env, env.renderOptions(""), func(ctx context.Context, _ []answers.Root, tree answers.TreeOptions, f answers.Filter) (answered, error) {
		g, err := opts.historyDir("--since")
		if err != nil {
			return answered{}, err
		}
		start, commits, missing, err := g.window(opts.Since, opts.Until)
		if err != nil {
			return answered{}, err
		}
		wo := answers.WindowOptions{
			Options: answers.Options{TreeOptions: tree, Queries: qs, Filter: f, From: opts.From, NotFrom: opts.NotFrom, NoPrefilter: opts.NoPrefilter},
			Since:   opts.Since, Until: opts.Until, Missing: missing,
		}
		prevTop := ""
		if start != nil {
			r, top, err := g.root(start, "")
			if err != nil {
				return answered{}, err
			}
			wo.Start = &answers.Snapshot{Revision: *r.Revision, Roots: []answers.Root{r}}
			prevTop = top
		}
		if wo.Commits, err = g.snapshots(start, prevTop, commits); err != nil {
			return answered{}, err
		}
		res, err := answers.Window(ctx, wo)
		if err != nil {
			return answered{}, err
		}
		opts.history = &res.History
		return answered{res: res, coverage: &res.Coverage, found: len(res.Exposures) > 0, summary: func() { windowSummary(env, res, opts) }}, nil
	})
}

// windowSummary says on stderr what window was read and what it found.
func windowSummary(env *Env, res *answers.WindowResult, opts *impactOptions) {
	w := env.Stderr
	for _, n := range res.Notes {
		fmt.Fprintf(w, "sbomx: note: %s\n", n)
	}
	win := res.Window
	start := "before the first commit (nothing there then)"
	if win.Start != nil {
		start = fmt.Sprintf("on %s (%s, the last commit before it)", win.Start.Short(), win.Start.Date)
		if !gitsrc.IsDate(win.Since) {
			start = fmt.Sprintf("on %s (%s), --since itself", win.Start.Short(), win.Start.Date)
		}
	}
	fmt.Fprintf(w, "sbomx: window %s .. %s: opens %s, closes on %s (%s); %d commit(s) in it\n",
		win.Since, cmpStr(win.Until, "HEAD"), start, win.End.Short(), win.End.Date, res.History.Commits)
	if len(res.Exposures) == 0 {
		fmt.Fprintf(w, "sbomx: no service had %s in the window\n", strings.Join(queryInputs(res.Queries), ", "))
		return
	}
	if opts.Format != "table" {
		return
	}
	s := res.Summary
	fmt.Fprintf(w, "sbomx: %d service(s) exposed: %d present at the start, %d came in, %d gone by the end, %d still there; owners: %s\n",
		s.Services, s.PresentAtStart, s.Appeared, s.Left, s.PresentAtEnd, listOrNone(s.Owners))
	if len(s.UnownedServices) > 0 {
		fmt.Fprintf(w, "sbomx: no known owner: %s\n", env.list(s.UnownedServices))
	}
}

// printRevisions says which commit each --dir was read at (--at).
func printRevisions(env *Env, c *answers.Coverage) {
	for _, d := range c.Dirs {
		if r := d.Revision; r != nil {
			fmt.Fprintf(env.Stderr, "sbomx: --dir %s read at %s (%s, %s: %s)\n", d.Dir, r.Short(), r.Date, r.Author, r.Subject)
		}
	}
}

// printHistory says what reading history could not see, and with -v what
// it cost.
func printHistory(env *Env, h *answers.HistoryStats) {
	if h == nil {
		return
	}
	w := env.Stderr
	if h.Missing != "" {
		fmt.Fprintf(w, "sbomx: %s\n", h.Missing)
	}
	for i, f := range h.Failed {
		if i == maxListed && !env.Verbose {
			fmt.Fprintf(w, "sbomx: and %d more file(s) failed in earlier commits (-v lists them)\n", len(h.Failed)-i)
			break
		}
		fmt.Fprintf(w, "sbomx: failed at %s (%s): %s: %s\n", short(f.Commit), f.Date, f.File, firstLine(f.Message))
	}
	if env.Verbose {
		fmt.Fprintf(w, "sbomx: history: %s\n", render.HistoryLine(h))
	}
}

func short(hash string) string {
	if len(hash) > 12 {
		return hash[:12]
	}
	return hash
}

func cmpStr(s, or string) string {
	if s == "" {
		return or
	}
	return s
}

func queryInputs(qs []*query.Query) []string {
	out := make([]string, len(qs))
	for i, q := range qs {
		out[i] = q.Input
	}
	return out
}
