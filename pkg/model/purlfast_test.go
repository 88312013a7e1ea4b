package model

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/support/repotest"
)

// corpusPURLs collects every purl-looking string of the files under roots.
func corpusPURLs(t testing.TB, roots ...string) []string {
	re := regexp.MustCompile(`pkg:[A-Za-z0-9.+-]+/[^"'<>\s]+`)
	seen := map[string]bool{}
	var out []string
	for _, root := range roots {
		err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			data, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			for _, m := range re.FindAll(data, -1) {
				s := strings.ReplaceAll(string(m), `\u0026`, "&")
				if !seen[s] {
					seen[s] = true
					out = append(out, s)
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	return out
}

// TestParsePURLFastEqualsPackageurlGo: on every purl of the corpora (the
// repository's test data, then ../shared's), the fast parser gives what
// packageurl-go gives, or hands the purl over.
func TestParsePURLFastEqualsPackageurlGo(t *testing.T) {
	t.Run("testdata", func(t *testing.T) {
		testParsePURLFast(t, 1000, repotest.Testdata(t, ""))
	})
	t.Run("shared", func(t *testing.T) {
		testParsePURLFast(t, 1000, repotest.Shared(t, "corpus"), repotest.Shared(t, "landscape"))
	})
}

func testParsePURLFast(t *testing.T, atLeast int, roots ...string) {
	purls := corpusPURLs(t, roots...)
	if len(purls) < atLeast {
		t.Fatalf("only %d purls found", len(purls))
	}
	handled := 0
	for _, s := range purls {
		fast, ok, h := parsePURLFast(s)
		if !h {
			continue
		}
		handled++
		slow, sok := parsePURLSlow(s)
		if ok != sok {
			t.Errorf("%s: fast ok=%v, packageurl-go ok=%v", s, ok, sok)
			continue
		}
		if diff := cmp.Diff(slow, fast); diff != "" {
			t.Errorf("%s (-packageurl-go +fast):\n%s", s, diff)
		}
	}
	t.Logf("%d distinct purls, %d parsed by the fast path, all equal to packageurl-go's", len(purls), handled)
}

func FuzzParsePURLFast(f *testing.F) {
	for _, s := range []string{
		"pkg:npm/%40angular/core@16.0.0", "pkg:pypi/Torch_Triton@2.0.0%2B0d7e753227?x=1&repository_url=https://pypi.org",
		"pkg:golang/github.com/Sirupsen/logrus@v1.0.0?type=module", "pkg:maven/org.apache.logging.log4j/log4j-core@2.14.1?type=jar",
		"pkg:rpm/RedHat/OpenSSL@1.1?arch=x86_64&epoch=1", "pkg:npm/@scope/name", "pkg:deb/Debian/Curl@7", "pkg://npm//a//b@1",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		fast, ok, h := parsePURLFast(s)
		if !h {
			return
		}
		slow, sok := parsePURLSlow(s)
		if ok != sok {
			t.Fatalf("%q: fast ok=%v, packageurl-go ok=%v (%+v)", s, ok, sok, slow)
		}
		if ok {
			if diff := cmp.Diff(slow, fast); diff != "" {
				t.Fatalf("%q (-packageurl-go +fast):\n%s", s, diff)
			}
		}
	})
}
