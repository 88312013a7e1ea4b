package gitsrc_test

import (
	"context"
	"fmt"
	"io"
	"io/fs"
	"math/rand/v2"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/sbomx/sbomx/internal/source"
	"github.com/sbomx/sbomx/internal/source/gitsrc"
	"github.com/sbomx/sbomx/internal/source/gitsrc/gittest"
)

const (
	benchFiles   = 500
	benchCommits = 200
	benchTouched = 3 // files changed by each commit after the first
)

// benchSBOM is a small CycloneDX file (about 2 KiB) whose components
// depend on seed.
func benchSBOM(svc int, seed uint64) string {
	rng := rand.New(rand.NewPCG(uint64(svc), seed))
	var b strings.Builder
	fmt.Fprintf(&b, `{"bomFormat":"CycloneDX","specVersion":"1.5","metadata":{"component":{"type":"application","name":"svc%03d","version":"1.%d.0"}},"components":[`, svc, seed)
	for i := range 20 {
		if i > 0 {
			b.WriteByte(',')
		}
		n := rng.IntN(400)
		fmt.Fprintf(&b, `{"type":"library","name":"lib%03d","version":"%d.%d.%d","purl":"pkg:npm/lib%03d@%d.%d.%d"}`,
			n, n%7, n%11, n%5, n, n%7, n%11, n%5)
	}
	b.WriteString("]}\n")
	return b.String()
}

// benchHistory builds benchCommits commits over benchFiles SBOMs in 100
// folders of 5 services each (services/gNN/svcNNN/sbom.cdx.json), plus a
// CODEOWNERS; each commit after the first rewrites benchTouched SBOMs.
func benchHistory(b *testing.B, packed bool) (*gittest.Repo, []string) {
	b.Helper()
	start := time.Now()
	g := gittest.Init(b, false)
	name := func(svc int) string { return fmt.Sprintf("services/g%02d/svc%03d/sbom.cdx.json", svc/5, svc) }
	var owners strings.Builder
	for svc := range benchFiles {
		g.Write(name(svc), benchSBOM(svc, 0))
		fmt.Fprintf(&owners, "/services/g%02d/svc%03d/ @acme/team%d\n", svc/5, svc, svc%17)
	}
	g.Write("CODEOWNERS", owners.String())
	when := gittest.Date(b, "2022-06-01T00:00:00Z")
	commits := []string{g.Commit("init", when)}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 1; i < benchCommits; i++ {
		for range benchTouched {
			svc := rng.IntN(benchFiles)
			g.Write(name(svc), benchSBOM(svc, uint64(i)))
		}
		commits = append(commits, g.Commit(fmt.Sprint("commit ", i), when.Add(time.Duration(i)*time.Hour)))
	}
	if packed {
		g.Repack()
	}
	b.Logf("built %d commits of %d files in %v (packed %v)", benchCommits, benchFiles+1, time.Since(start), packed)
	return g, commits
}

// walkRead walks a tree and reads every file as internal/source reads
// one: Open, Stat, read.
func walkRead(fsys fs.FS) (files int, bytes int64, err error) {
	buf := make([]byte, 64<<10)
	err = fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		f, err := fsys.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		if _, err := f.Stat(); err != nil {
			return err
		}
		for {
			n, err := f.Read(buf)
			bytes += int64(n)
			if err == io.EOF {
				break
			}
			if err != nil {
				return err
			}
		}
		files++
		return nil
	})
	return files, bytes, err
}

// BenchmarkWalkHead: walking HEAD's tree and reading every file, with a
// newly opened repository (cold: every tree decoded) and with one whose
// trees are cached (warm).
func BenchmarkWalkHead(b *testing.B) {
	for _, packed := range []bool{false, true} {
		g, _ := benchHistory(b, packed)
		for _, warm := range []bool{false, true} {
			b.Run(fmt.Sprintf("packed=%v/warm=%v", packed, warm), func(b *testing.B) {
				r := open(b, g.Dir)
				if warm {
					head, _ := r.Resolve("HEAD")
					walkRead(r.FS(head)) // every tree decoded once, untimed
				}
				var total int64
				for b.Loop() {
					if !warm {
						b.StopTimer()
						r.Close()
						r = open(b, g.Dir)
						b.StartTimer()
					}
					head, err := r.Resolve("HEAD")
					if err != nil {
						b.Fatal(err)
					}
					n, bytes, err := walkRead(r.FS(head))
					if err != nil || n != benchFiles+1 {
						b.Fatal(n, err)
					}
					total += bytes
				}
				b.ReportMetric(float64(total)/float64(b.N)/1024, "KiB/op")
			})
		}
	}
}

// BenchmarkLoadHead: internal/source.Load (parallel, reads everything but
// decodes nothing) over HEAD's tree, against the same files checked out
// in a folder.
func BenchmarkLoadHead(b *testing.B) {
	g, _ := benchHistory(b, true)
	g.SyncWorktree()
	load := func(b *testing.B, fsys fs.FS) {
		c, err := source.Load(context.Background(), fsys, source.Options{Hidden: false})
		if err != nil || len(c.Files) != benchFiles+1 {
			b.Fatal(len(c.Files), err)
		}
	}
	b.Run("git", func(b *testing.B) {
		for b.Loop() {
			b.StopTimer()
			r, err := gitsrc.Open(g.Dir)
			if err != nil {
				b.Fatal(err)
			}
			head, err := r.Resolve("HEAD")
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			load(b, r.FS(head))
			r.Close()
		}
	})
	b.Run("dir", func(b *testing.B) {
		for b.Loop() {
			load(b, os.DirFS(g.Dir))
		}
	})
}

// BenchmarkChanges: the changes between each pair of consecutive commits
// (per pair), on a newly opened repository (cold) and on one that has
// walked the history once (warm).
func BenchmarkChanges(b *testing.B) {
	for _, packed := range []bool{false, true} {
		g, hashes := benchHistory(b, packed)
		for _, warm := range []bool{false, true} {
			b.Run(fmt.Sprintf("packed=%v/warm=%v", packed, warm), func(b *testing.B) {
				r := open(b, g.Dir)
				commits := make([]*gitsrc.Commit, len(hashes))
				for i, h := range hashes {
					commits[i] = resolve(b, r, h)
				}
				if warm {
					for i := 1; i < len(commits); i++ {
						r.Changes(commits[i-1], commits[i]) // every tree decoded once, untimed
					}
				}
				pairs, changes := 0, 0
				for b.Loop() {
					if !warm {
						b.StopTimer()
						r.Close()
						r = open(b, g.Dir)
						b.StartTimer()
					}
					for i := 1; i < len(commits); i++ {
						cs, err := r.Changes(commits[i-1], commits[i])
						if err != nil {
							b.Fatal(err)
						}
						pairs++
						changes += len(cs)
					}
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(pairs), "ns/pair")
				b.ReportMetric(float64(changes)/float64(pairs), "changes/pair")
			})
		}
	}
}

// BenchmarkWindow: what a window over the whole history costs at the
// source, against one walk of HEAD: the first-parent log, the first
// commit's tree read in full, then for each later commit its changes and
// the blobs changed (each distinct blob read once, as a cache keyed by
// blob hash would decode it once).
func BenchmarkWindow(b *testing.B) {
	g, _ := benchHistory(b, true)
	var walk time.Duration
	b.Run("head", func(b *testing.B) {
		for b.Loop() {
			r := open(b, g.Dir)
			head, err := r.Resolve("HEAD")
			if err != nil {
				b.Fatal(err)
			}
			if _, _, err := walkRead(r.FS(head)); err != nil {
				b.Fatal(err)
			}
			r.Close()
		}
		walk = b.Elapsed() / time.Duration(b.N)
	})
	b.Run("window", func(b *testing.B) {
		blobs := 0
		for b.Loop() {
			r := open(b, g.Dir)
			log, err := r.FirstParentLog(nil, nil, time.Time{})
			if err != nil || len(log) != benchCommits {
				b.Fatal(len(log), err)
			}
			seen := map[string]bool{}
			if _, _, err := walkRead(r.FS(log[0])); err != nil {
				b.Fatal(err)
			}
			for i := 1; i < len(log); i++ {
				cs, err := r.Changes(log[i-1], log[i])
				if err != nil {
					b.Fatal(err)
				}
				fsys := r.FS(log[i])
				for _, c := range cs {
					if c.NewHash == "" || seen[c.NewHash] {
						continue
					}
					seen[c.NewHash] = true
					if _, err := fsys.ReadFile(c.Path); err != nil {
						b.Fatal(err)
					}
				}
			}
			blobs = len(seen)
			r.Close()
		}
		per := b.Elapsed() / time.Duration(b.N)
		b.ReportMetric(float64(blobs), "changed-blobs")
		if walk > 0 {
			b.ReportMetric(float64(per)/float64(walk), "x-head-walk")
		}
	})
}
