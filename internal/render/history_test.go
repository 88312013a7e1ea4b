package render

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/sbomx/sbomx/internal/source/gitsrc"
	"github.com/sbomx/sbomx/internal/source/gitsrc/gittest"
	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/answers"
	"github.com/sbomx/sbomx/pkg/query"
)

// historyAnswers are the window and diff answers over the bundled
// landscape's history (shared/landscape/make-git.sh's, built with go-git):
// torchtriton and log4j-core < 2.17.0 since before the first commit, and
// what changed from the first snapshot to the last for torch, torchtriton
// and log4j-core.
func historyAnswers(t *testing.T) map[string]any {
	t.Helper()
	repo, _ := gittest.Landscape(t, repotest.Shared(t, "landscape"), true)
	r, err := gitsrc.Open(repo.Dir)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { r.Close() })
	snap := func(c *gitsrc.Commit) answers.Snapshot {
		rev := answers.Revision{Commit: c.Hash, Date: c.Time.UTC().Format(time.RFC3339), Author: c.Author, Email: c.Email, Subject: c.Subject}
		return answers.Snapshot{Revision: rev, Roots: []answers.Root{{FS: r.FS(c), Name: "landscape", Revision: &rev}}}
	}
	commits, err := r.FirstParentLog(nil, nil, time.Time{})
	if err != nil {
		t.Fatal(err)
	}
	var snaps []answers.Snapshot
	for _, c := range commits {
		snaps = append(snaps, snap(c))
	}
	parse := func(s ...string) []*query.Query {
		var qs []*query.Query
		for _, in := range s {
			q, err := query.Parse(in)
			if err != nil {
				t.Fatal(err)
			}
			qs = append(qs, q)
		}
		return qs
	}
	ctx := context.Background()
	window, err := answers.Window(ctx, answers.WindowOptions{
		Options: answers.Options{Queries: parse("torchtriton", "log4j-core@<2.17.0")},
		Since:   "2022-10-01", Commits: snaps,
	})
	if err != nil {
		t.Fatal(err)
	}
	diff, err := answers.Diff(ctx, answers.DiffOptions{Queries: parse("torch", "torchtriton", "log4j-core"),
		From: snaps[0], To: snaps[len(snaps)-1]})
	if err != nil {
		t.Fatal(err)
	}
	return map[string]any{"window": window, "diff": diff}
}

// TestHistoryGoldens: every format of the window and diff answers, byte
// for byte (go test ./internal/render -update rewrites them); a format
// that cannot show them says so, as Check does; the JSON goldens and the
// ndjson lines match the schema.
func TestHistoryGoldens(t *testing.T) {
	checkGoldens(t, historyAnswers(t), "window", "diff")
	c := schemaCompiler(t)
	for file, def := range map[string]string{"window.json": "WindowResult", "diff.json": "DiffResult", "window.ndjson": "Exposure", "diff.ndjson": "ServiceDiff"} {
		s, err := c.Compile(schemaURL + "#/$defs/" + def)
		if err != nil {
			t.Fatal(err)
		}
		data, err := os.ReadFile(filepath.Join("testdata", "golden", file))
		if err != nil {
			t.Fatal(err)
		}
		for i, line := range bytes.Split(bytes.TrimSpace(data), []byte("\n")) {
			if filepath.Ext(file) == ".json" {
				line = data
			}
			v, err := jsonschema.UnmarshalJSON(bytes.NewReader(line))
			if err != nil {
				t.Fatalf("%s: %v", file, err)
			}
			if err := s.Validate(v); err != nil {
				t.Errorf("%s:%d does not match the schema: %v", file, i+1, err)
			}
			if filepath.Ext(file) == ".json" {
				break
			}
		}
	}
}
