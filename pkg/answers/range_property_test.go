package answers

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/sbomx/sbomx/internal/graph"
	"github.com/sbomx/sbomx/internal/match/versions"
	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/model"
	"github.com/sbomx/sbomx/pkg/query"
)

// sighting is one component of one SBOM, as the property test picks them.
type sighting struct {
	file, ref, typ, id, version string
}

// TestRangesFindTheirVersions is the property test over the bundled landscape
// and corpus: for packages picked at random (seeded), every range that
// contains the package's version, written in each syntax sbomx reads for its
// ecosystem, finds that very component (not as "version unknown"); and every
// range that leaves the version out does not find it.
func TestRangesFindTheirVersions(t *testing.T) {
	for _, rel := range []string{"landscape", "corpus"} {
		t.Run("testdata/"+rel, func(t *testing.T) {
			dir := repotest.Testdata(t, rel)
			picked := pickSightings(t, dir, 60)
			var in, out []*query.Query
			want := map[string][]sighting{} // query input -> sightings it must (in) or must not (out) find
			add := func(list *[]*query.Query, s sighting, rng string) {
				input := s.id + "@" + rng
				if _, seen := want[input]; !seen {
					q, err := query.Parse(input)
					if err != nil {
						t.Errorf("%s: %v", input, err)
						return
					}
					*list = append(*list, q)
				}
				want[input] = append(want[input], s)
			}
			for _, s := range picked {
				inside, outside := rangesAround(s.typ, s.version)
				for _, r := range inside {
					add(&in, s, r)
				}
				for _, r := range outside {
					add(&out, s, r)
				}
			}
			res, err := Run(context.Background(), []Root{{FS: os.DirFS(dir), Name: dir}}, Options{Queries: slices.Concat(in, out)})
			if err != nil {
				t.Fatal(err)
			}
			found := map[string]map[sighting]string{} // query -> sighting -> version_unknown
			for _, h := range res.Hits {
				for _, ev := range h.Evidence {
					for _, q := range ev.queries {
						if found[q] == nil {
							found[q] = map[sighting]string{}
						}
						found[q][sighting{file: ev.SBOM, ref: ev.BOMRef}] = ev.VersionUnknown
					}
				}
			}
			check := func(qs []*query.Query, mustFind bool) {
				for _, q := range qs {
					for _, s := range want[q.Input] {
						unknown, hit := found[q.Input][sighting{file: s.file, ref: s.ref}]
						switch {
						case mustFind && !hit:
							t.Errorf("%s does not find %s %s (version %s)", q.Input, s.file, s.ref, s.version)
						case mustFind && unknown != "":
							t.Errorf("%s finds %s %s as version unknown: %s", q.Input, s.file, s.ref, unknown)
						case !mustFind && hit:
							t.Errorf("%s finds %s %s (version %s), which it leaves out", q.Input, s.file, s.ref, s.version)
						}
					}
				}
			}
			check(in, true)
			check(out, false)
			t.Logf("%d components, %d ranges that contain their version, %d that do not", len(picked), len(in), len(out))
		})
	}
}

// pickSightings decodes the tree and picks n components at random (fixed
// seed) among those with a purl of an ecosystem sbomx orders and a version
// valid there.
func pickSightings(t *testing.T, dir string, n int) []sighting {
	t.Helper()
	tree, err := LoadTree(context.Background(), []Root{{FS: os.DirFS(dir), Name: dir}}, TreeOptions{}, func(file string, doc *model.Document, _ *graph.Graph) any {
		var out []sighting
		for _, c := range doc.Components {
			if c.ID.Type == "" || versions.Valid(c.ID.Type, c.Version) != nil || strings.ContainsAny(c.ID.String(), " ?#@") {
				continue
			}
			out = append(out, sighting{file: file, ref: c.Ref, typ: c.ID.Type, id: c.ID.String(), version: c.Version})
		}
		return out
	})
	if err != nil {
		t.Fatal(err)
	}
	var all []sighting
	for _, f := range tree.Files() {
		ss, _ := f.Result.([]sighting)
		all = append(all, ss...)
	}
	if len(all) < n {
		t.Fatalf("%s: only %d components with an ordered version", dir, len(all))
	}
	r := rand.New(rand.NewPCG(13, uint64(len(all))))
	r.Shuffle(len(all), func(i, j int) { all[i], all[j] = all[j], all[i] })
	return all[:n]
}

// rangesAround writes ranges that contain v and ranges that leave it out, in
// the syntaxes sbomx reads for the ecosystem.
func rangesAround(typ, v string) (inside, outside []string) {
	b := v
	if typ == "pypi" {
		b, _, _ = strings.Cut(v, "+") // PEP 440 bounds take no local label; <=, >= and == ignore the candidate's
	}
	inside = []string{v, "=" + v, ">=" + b, "<=" + b, ">=" + b + ",<=" + b, ">=" + b + " <=" + b, "[" + b + "," + b + "]", "[" + b + ",)", "(," + b + "]", "<" + b + " || >=" + b}
	outside = []string{"<" + b, ">" + b, "!=" + v, "(," + b + ")", "(" + b + ",)", "<" + b + " || >" + b}
	switch typ {
	case "npm", "cargo", "pub":
		inside = append(inside, "^"+v, "~"+v, v+" - "+v, fmt.Sprintf(">%s || %s", v, v))
		outside = append(outside, "^"+v+" <"+v)
	case "pypi":
		inside = append(inside, "=="+v, "=="+b)
		if strings.Count(strings.SplitN(b, "!", 2)[len(strings.SplitN(b, "!", 2))-1], ".") >= 1 {
			inside = append(inside, "~="+b)
		}
		outside = append(outside, "!="+b)
	case "maven", "nuget":
		inside = append(inside, "["+v+"]")
	case "gem":
		inside = append(inside, "~> "+v)
	}
	return inside, outside
}
