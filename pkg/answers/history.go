package answers

import (
	"cmp"
	"errors"
	"io/fs"
	"maps"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/internal/inventory"
	"github.com/sbomx/sbomx/internal/source"
	"github.com/sbomx/sbomx/internal/support/suggest"
)

// Revision is one commit of a git repository, as an answer read from
// history names it.
type Revision struct {
	Commit string `json:"commit"` // full hash
	// Date is the committer date (when the commit landed on its branch,
	// what dates given to sbomx are compared with), RFC 3339, in UTC.
	Date    string `json:"date"`
	Author  string `json:"author"`
	Email   string `json:"email"`
	Subject string `json:"subject"`
	// Asked is the revision as it was given (--at 2022-12-28, HEAD~2),
	// when this commit is what it named.
	Asked string `json:"asked,omitempty"`
}

// Short is the commit's hash cut to 12 digits, for people.
func (r Revision) Short() string {
	if len(r.Commit) > 12 {
		return r.Commit[:12]
	}
	return r.Commit
}

// Snapshot is one commit of a history as Window and Diff read it.
type Snapshot struct {
	Revision Revision
	// Roots are the trees to read at this commit: each Root.FS is the
	// commit's tree (or the folder of it that is the repository's top for
	// sbomx) and Root.Revision says so. A root whose Dir is not in the
	// commit is read as empty: no service.
	Roots []Root
	// Changed lists the paths, relative to the roots' FS, whose files
	// differ from the previous snapshot's (added, removed or modified).
	// With ChangedKnown false anything may have changed.
	Changed      []string
	ChangedKnown bool
}

// HistoryStats say what reading a history cost and what it could not see.
type HistoryStats struct {
	// Commits is how many commits the answer covers after its start;
	// CommitsRead those whose changes touched the files read (the others
	// cost nothing: nothing that matters changed).
	Commits     int `json:"commits"`
	CommitsRead int `json:"commits_read"`
	// Trees is how many commits' trees were walked, the start included.
	Trees int `json:"trees_read"`
	// BlobsRead counts the distinct file versions (git blobs) opened and
	// handed to the decoder (the byte prefilter may still have ruled them
	// out); BlobsDecoded those of them decoded in full; BlobsReused the
	// files of a commit served from an earlier read of the same blob,
	// unread.
	BlobsRead    int `json:"blobs_read"`
	BlobsDecoded int `json:"blobs_decoded"`
	BlobsReused  int `json:"blobs_reused"`
	// Failed are the files that could not be read in some commit, each at
	// the first commit of a run of commits where it failed the same way.
	Failed []CommitNote `json:"failed"`
	// Missing says what history the repository lacks (a shallow clone):
	// the answer starts where its history does. "" when nothing is missing.
	Missing string `json:"missing,omitempty"`
}

// CommitNote is a file and what happened to it in one commit.
type CommitNote struct {
	Commit  string `json:"commit"`
	Date    string `json:"date"`
	File    string `json:"file"`
	Message string `json:"message"`
}

// Complete reports whether every file of every commit was read and no
// history was missing.
func (h *HistoryStats) Complete() bool { return len(h.Failed) == 0 && h.Missing == "" }

func (h *HistoryStats) count(c *source.Cache) {
	if c == nil {
		return
	}
	st := c.Stats()
	h.BlobsRead, h.BlobsDecoded, h.BlobsReused = st.Read, st.Decoded, st.Reused
}

// Ownership is who answered for a service at one commit.
type Ownership struct {
	Owner       *string  `json:"owner"`
	Owners      []string `json:"owners"`
	OwnerSource *string  `json:"owner_source"`
	Product     *string  `json:"product"`
}

func ownershipOf(svc *inventory.Service) Ownership {
	o := Ownership{Owners: []string{}, Product: optional(svc.Product)}
	if svc.Owner != "" {
		o.Owner, o.Owners = &svc.Owner, svc.Owners
	}
	o.OwnerSource = optional(svc.OwnerSource)
	return o
}

func (o Ownership) equal(p Ownership) bool {
	return deref(o.Owner) == deref(p.Owner) && slices.Equal(o.Owners, p.Owners) && deref(o.Product) == deref(p.Product)
}

// readable is the roots of a snapshot whose directory is in its commit;
// the others held nothing then.
func readable(roots []Root) []Root {
	var out []Root
	for _, r := range roots {
		dir := cmp.Or(r.Dir, ".")
		if st, err := fs.Stat(r.FS, dir); err == nil && st.IsDir() {
			out = append(out, r)
		}
	}
	return out
}

// reads are the paths (relative to the root's FS) whose change can change
// an answer over the part: anything under its directory, its
// configuration, and the ownership and inventory files it read above it.
func (p *Part) reads(changed string) bool {
	r := p.Root
	switch {
	case r.walks(changed), changed == inventory.ConfigFile, p.listed[changed]:
		return true
	}
	_, above := p.Above[changed]
	if above {
		return true
	}
	return slices.Contains(p.aboveNames(), changed)
}

// affected reports whether any changed path can change what the parts
// read; a root whose directory was missing is affected by any change under
// it.
func affected(parts []*Part, roots []Root, changed []string) bool {
	for _, c := range changed {
		for _, r := range roots {
			dir := cmp.Or(r.Dir, ".")
			if dir == "." || c == dir || strings.HasPrefix(c, dir+"/") || c == inventory.ConfigFile || inventory.IsOwnershipFile(c) {
				return true
			}
		}
		for _, p := range parts {
			if p.reads(c) {
				return true
			}
		}
	}
	return false
}

// errNoSnapshot: a window or diff given nothing to read.
var errNoSnapshot = errors.New("no commit to read")

// emptyCoverage is the coverage of nothing read.
func emptyCoverage() Coverage {
	return Coverage{Failed: []FileNote{}, Skipped: []FileNote{}, WithoutDependencyData: []string{}, InferredRootEdges: []string{}, Warnings: []FileNote{}, Dirs: []DirNote{}}
}

// coverageAt is the coverage of a snapshot's tree: the roots whose folder
// was missing at that commit are listed with nothing seen.
func coverageAt(tree *Tree, s Snapshot) Coverage {
	c := emptyCoverage()
	if tree != nil {
		c = coverage(tree)
	}
	for _, r := range s.Roots {
		if !slices.ContainsFunc(c.Dirs, func(d DirNote) bool { return d.Dir == r.Name }) {
			c.Dirs = append(c.Dirs, DirNote{Dir: r.Name, Top: r.show("."), Above: []string{}, Revision: r.Revision})
		}
	}
	for i := range c.Dirs {
		c.Dirs[i].Revision = &s.Revision
	}
	return c
}

// filterSeen returns a *FilterError for the first value of f that none of
// the owners and products seen names.
func filterSeen(f Filter, owners, products map[string]bool) error {
	var os, ps []string
	for o := range owners {
		os = append(os, o)
	}
	for p := range products {
		ps = append(ps, p)
	}
	slices.Sort(os)
	slices.Sort(ps)
	for i, id := range f.ownerIDs() {
		if !slices.ContainsFunc(os, func(o string) bool { return strings.ToLower(o) == id }) {
			return &FilterError{Kind: "owner", Value: f.Owners[i], Closest: closest(id, os)}
		}
	}
	for _, p := range f.Products {
		if !slices.ContainsFunc(ps, func(q string) bool { return strings.EqualFold(p, q) }) {
			return &FilterError{Kind: "product", Value: p, Closest: closest(p, ps)}
		}
	}
	return nil
}

// serviceKeys names each service of the tree (by ID) the way it is
// matched across commits: by its name where no other service of the tree
// has it, so that a service whose folder moved (services/api to apps/api)
// stays the same service; by its ID where names repeat.
func (t *Tree) serviceKeys() map[string]string {
	names := map[string]int{}
	for _, p := range t.Parts {
		for _, svc := range p.Inventory.Services {
			names[svc.Name]++
		}
	}
	out := map[string]string{}
	for _, p := range t.Parts {
		for _, svc := range p.Inventory.Services {
			if names[svc.Name] == 1 {
				out[svc.ID] = "name:" + svc.Name
			} else {
				out[svc.ID] = "id:" + svc.ID
			}
		}
	}
	return out
}

// seen adds the owners and products of the tree's services.
func (t *Tree) seen(owners, products map[string]bool) {
	for _, p := range t.Parts {
		for _, svc := range p.Inventory.Services {
			for _, o := range svc.Owners {
				owners[o] = true
			}
			if svc.Product != "" {
				products[svc.Product] = true
			}
		}
	}
}

func closest(s string, names []string) []string { return suggest.Closest(s, names, 3) }

// sortedKeys is m's keys, sorted.
func sortedKeys[V any](m map[string]V) []string { return slices.Sorted(maps.Keys(m)) }

// versionsEqual compares two sorted version lists.
func versionsEqual(a, b []string) bool { return slices.Equal(a, b) }

// addSorted inserts v into the sorted list s, once.
func addSorted(s []string, v string) []string {
	i, ok := slices.BinarySearch(s, v)
	if ok {
		return s
	}
	return slices.Insert(s, i, v)
}
