package cli

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/sbomx/sbomx/internal/support/repotest"
)

// landscapeDir is the example landscape of the repository.
func landscapeDir(t testing.TB) string {
	t.Helper()
	return repotest.Testdata(t, "landscape")
}

type listedService struct {
	Name    string   `json:"name"`
	Owner   *string  `json:"owner"`
	Owners  []string `json:"owners"`
	Product *string  `json:"product"`
	Domain  string   `json:"domain"`
	SBOMs   []string `json:"sboms"`
}

// services runs "sbomx services --format json" with args and returns the list.
func services(t *testing.T, args ...string) []listedService {
	t.Helper()
	var out, errb bytes.Buffer
	if code := Run(append([]string{"services", "--format", "json"}, args...), nil, &out, &errb, func(string) string { return "" }); code != ExitMatch {
		t.Fatalf("sbomx services %s: exit %d\n%s", strings.Join(args, " "), code, errb.String())
	}
	var res struct {
		Services []listedService `json:"services"`
	}
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatal(err)
	}
	return res.Services
}

// TestOwnershipFromAnyFolder: --dir on a product's folder of the bundled
// landscape gives each service the owners, product and domain it has when
// the whole landscape is read (CODEOWNERS and .sbomx.yaml are at its top).
func TestOwnershipFromAnyFolder(t *testing.T) {
	landscape := landscapeDir(t)
	entries, err := os.ReadDir(landscape)
	if err != nil {
		t.Fatal(err)
	}
	whole := map[string]listedService{}
	for _, s := range services(t, "--dir", landscape) {
		whole[strings.Join(s.SBOMs, ",")] = s
	}
	products, compared := 0, 0
	for _, e := range entries {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") {
			continue
		}
		products++
		t.Run(e.Name(), func(t *testing.T) {
			for _, s := range services(t, "--dir", filepath.Join(landscape, e.Name())) {
				for i, f := range s.SBOMs {
					s.SBOMs[i] = e.Name() + "/" + f // as printed from the top
				}
				want, ok := whole[strings.Join(s.SBOMs, ",")]
				if !ok {
					t.Errorf("%s: no such service when the whole landscape is read", s.Name)
					continue
				}
				compared++
				if diff := cmp.Diff(want, s); diff != "" {
					t.Errorf("%s (-whole landscape +product folder):\n%s", s.Name, diff)
				}
			}
		})
	}
	if products < 8 || compared != len(whole) {
		t.Errorf("compared %d services in %d product folders; the landscape has %d services in 8", compared, products, len(whole))
	}
}
