package gitsrc

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
)

// A commit as git writes it, signed and merging a signed tag: the
// continuation lines of gpgsig and mergetag are not headers.
const signedMerge = `tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904
parent 1111111111111111111111111111111111111111
parent 2222222222222222222222222222222222222222
author Jane Q. Dev <jane@example.com> 1672129200 +0100
committer GitHub <noreply@github.com> 1672132800 -0530
mergetag object 2222222222222222222222222222222222222222
 type commit
 tag v1.2.3
 tagger Rel <rel@example.com> 1672129000 +0000
 
 release
 -----BEGIN PGP SIGNATURE-----
 parent 3333333333333333333333333333333333333333
 -----END PGP SIGNATURE-----
gpgsig -----BEGIN PGP SIGNATURE-----
 
 iQEzBAABCAAdFiEE
 tree 5555555555555555555555555555555555555555
 -----END PGP SIGNATURE-----

Merge pull request #42 from acme/feature` + "\r" + `

Body.
`

func TestParseCommit(t *testing.T) {
	h := plumbing.NewHash("abababababababababababababababababababab")
	c, err := parseCommit(h, []byte(signedMerge))
	if err != nil {
		t.Fatal(err)
	}
	if c.tree.String() != "4b825dc642cb6eb9a060e54bf8d69288fbee4904" ||
		!slices.Equal(c.Parents, []string{"1111111111111111111111111111111111111111", "2222222222222222222222222222222222222222"}) ||
		c.Author != "Jane Q. Dev" || c.Email != "jane@example.com" || c.Subject != "Merge pull request #42 from acme/feature" {
		t.Errorf("%+v", c)
	}
	if want := time.Date(2022, 12, 27, 9, 20, 0, 0, time.UTC); !c.Time.Equal(want) {
		t.Errorf("Time = %v, want %v", c.Time, want)
	}
	if _, off := c.Time.Zone(); off != -(5*3600 + 30*60) {
		t.Errorf("committer zone offset %d", off)
	}
	if _, off := c.AuthorTime.Zone(); off != 3600 || c.AuthorTime.Unix() != 1672129200 {
		t.Errorf("AuthorTime = %v", c.AuthorTime)
	}

	for _, bad := range []string{"", "parent 1111111111111111111111111111111111111111\n", "tree xyz\n", "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\nparent nope\n"} {
		if _, err := parseCommit(h, []byte(bad)); !errors.Is(err, errMalformed) {
			t.Errorf("parseCommit(%q) = %v", bad, err)
		}
	}
}

func TestSignature(t *testing.T) {
	for _, tc := range []struct {
		in, name, email string
		unix            int64
		off             int
	}{
		{"A B <a@b> 100 +0000", "A B", "a@b", 100, 0},
		{"A <b> <a@b> 100 -0130", "A <b>", "a@b", 100, -5400},
		{"<a@b> 100 +0200", "", "a@b", 100, 7200},
		{"A <a@b>", "A", "a@b", 0, 0},
		{"A <a@b> x +0100", "A", "a@b", 0, 0},
		{"no email", "no email", "", 0, 0},
	} {
		name, email, when := signature(tc.in)
		_, off := when.Zone()
		if name != tc.name || email != tc.email || (tc.unix != 0 && when.Unix() != tc.unix) || (tc.unix == 0 && !when.IsZero()) || off != tc.off {
			t.Errorf("signature(%q) = %q %q %v", tc.in, name, email, when)
		}
	}
}

func TestParseTree(t *testing.T) {
	h := func(b byte) string { return string(slices.Repeat([]byte{b}, 20)) }
	raw := "100644 a.json\x00" + h(1) + "40000 a\x00" + h(2) + "120000 l\x00" + h(3) + "160000 sub\x00" + h(4) + "100664 old\x00" + h(5)
	got, err := parseTree([]byte(raw))
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		name string
		mode filemode.FileMode
	}{{"a.json", filemode.Regular}, {"a", filemode.Dir}, {"l", filemode.Symlink}, {"sub", filemode.Submodule}, {"old", filemode.Regular}}
	if len(got) != len(want) {
		t.Fatalf("%d entries", len(got))
	}
	for i, w := range want {
		if got[i].name != w.name || got[i].mode != w.mode || got[i].hash[0] != byte(i+1) {
			t.Errorf("entry %d = %+v, want %v", i, got[i], w)
		}
	}
	for _, bad := range []string{"100644 a", "100644 a\x00short", "abc a\x00" + h(1), "100644a\x00" + h(1)} {
		if _, err := parseTree([]byte(bad)); err == nil {
			t.Errorf("parseTree(%q) succeeded", bad)
		}
	}
}

func TestTagTarget(t *testing.T) {
	h := plumbing.NewHash("abababababababababababababababababababab")
	target, typ, name, err := tagTarget(h, []byte("object 4b825dc642cb6eb9a060e54bf8d69288fbee4904\ntype tree\ntag t\ntagger A <a@b> 1 +0000\n\nmsg\n"))
	if err != nil || target.String() != "4b825dc642cb6eb9a060e54bf8d69288fbee4904" || typ != "tree" || name != "t" {
		t.Errorf("%v %q %q %v", target, typ, name, err)
	}
	if _, _, _, err := tagTarget(h, []byte("type commit\n")); !errors.Is(err, errMalformed) {
		t.Errorf("a tag without object: %v", err)
	}
}
