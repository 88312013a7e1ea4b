package cyclonedx

import (
	"bufio"
	"bytes"
	"encoding/json"
	"encoding/xml"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/sbomx/sbomx/internal/support/repotest"
	"github.com/sbomx/sbomx/pkg/model"
)

// The trees the tests read; each fails the test when it is missing (but
// ../shared under -short or SBOMX_SKIP_SHARED=1, where it skips).
func specDir(t testing.TB) string {
	t.Helper()
	return repotest.Testdata(t, "corpus/cyclonedx-spec")
}

func realDir(t testing.TB) string {
	t.Helper()
	return repotest.Testdata(t, "corpus/real")
}

func landscapeDir(t testing.TB) string {
	t.Helper()
	return repotest.Testdata(t, "landscape")
}

func sharedDir(t testing.TB) string {
	t.Helper()
	return repotest.Shared(t, "corpus")
}

// decodeNoPanic decodes a file, failing the test (not the binary) on panic.
func decodeNoPanic(t *testing.T, data []byte) (doc *model.Document, err error) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			t.Errorf("Decode panicked: %v", p)
			err = errors.New("panic")
		}
	}()
	return Decode(data)
}

// countComponents counts a BOM's components independently of the decoder:
// components[] and nested components, metadata.component and its children
// excluded, the root listed again in components excluded (its children not).
func countComponents(t *testing.T, path string, data []byte) int {
	t.Helper()
	if strings.HasSuffix(path, ".xml") {
		return countXMLComponents(t, data)
	}
	var bom struct {
		Metadata struct {
			Component struct {
				BOMRef string `json:"bom-ref"`
			} `json:"component"`
		} `json:"metadata"`
		Components []jsonComponent `json:"components"`
	}
	if err := json.Unmarshal(data, &bom); err != nil {
		// Schema-invalid shapes (e.g. metadata as a string): count nothing.
		return -1
	}
	var count func([]jsonComponent) int
	count = func(list []jsonComponent) int {
		n := 0
		for _, c := range list {
			if bom.Metadata.Component.BOMRef == "" || c.BOMRef != bom.Metadata.Component.BOMRef {
				n++
			}
			n += count(c.Components)
		}
		return n
	}
	return count(bom.Components)
}

type jsonComponent struct {
	BOMRef     string          `json:"bom-ref"`
	Components []jsonComponent `json:"components"`
}

// countXMLComponents counts <component> elements on the path
// bom/components/component(/components/component)*.
func countXMLComponents(t *testing.T, data []byte) int {
	t.Helper()
	dec := xml.NewDecoder(bytes.NewReader(data))
	var stack []string
	var rootRef string
	var refs []string
	for {
		tok, err := dec.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("counting components: %v", err)
		}
		switch e := tok.(type) {
		case xml.StartElement:
			stack = append(stack, e.Name.Local)
			ref := ""
			for _, a := range e.Attr {
				if a.Name.Local == "bom-ref" {
					ref = a.Value
				}
			}
			path := strings.Join(stack, "/")
			if path == "bom/metadata/component" {
				rootRef = ref
			}
			if e.Name.Local == "component" && isComponentPath(stack) {
				refs = append(refs, ref)
			}
		case xml.EndElement:
			stack = stack[:len(stack)-1]
		}
	}
	n := 0
	for _, r := range refs {
		if rootRef == "" || r != rootRef {
			n++
		}
	}
	return n
}

func isComponentPath(stack []string) bool {
	if len(stack) < 3 || stack[0] != "bom" || len(stack)%2 == 0 {
		return false
	}
	for i := 1; i < len(stack); i++ {
		want := "components"
		if i%2 == 0 {
			want = "component"
		}
		if stack[i] != want {
			return false
		}
	}
	return true
}

// rootDescendants counts the components contained, directly or not, in the
// root (metadata.component.components).
func rootDescendants(doc *model.Document) int {
	if doc.Root == nil {
		return 0
	}
	children := map[string][]string{}
	for _, e := range doc.Containment {
		children[e.From] = append(children[e.From], e.To)
	}
	n := 0
	var visit func(string)
	visit = func(ref string) {
		for _, c := range children[ref] {
			n++
			visit(c)
		}
	}
	visit(doc.Root.Ref)
	return n
}

// listedComponents is the number of components decoded from components[],
// i.e. without those nested in the root.
func listedComponents(doc *model.Document) int {
	return len(doc.Components) - rootDescendants(doc)
}

func TestSpecCorpus(t *testing.T) {
	specDir := specDir(t)
	var valid, invalid, invalidErr, invalidLenient int
	err := filepath.WalkDir(specDir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		name := d.Name()
		if !strings.HasSuffix(name, ".json") && !strings.HasSuffix(name, ".xml") {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(specDir, path)
		doc, err := decodeNoPanic(t, data)
		switch {
		case strings.HasPrefix(name, "valid-"):
			valid++
			if err != nil {
				t.Errorf("%s: %v", rel, err)
				return nil
			}
			want := countComponents(t, path, data)
			if got := listedComponents(doc); got != want {
				t.Errorf("%s: %d components, want %d", rel, got, want)
			}
			if want > 0 && len(doc.Components) == 0 {
				t.Errorf("%s: no components decoded", rel)
			}
			if strings.Contains(strings.Join(doc.Warnings, "\n"), "leniently") {
				t.Logf("%s: lenient: %q", rel, doc.Warnings)
			}
		case strings.HasPrefix(name, "invalid-"):
			invalid++
			if err != nil {
				invalidErr++
				t.Logf("%s: error: %v", rel, err)
				return nil
			}
			if len(doc.Warnings) > 0 {
				invalidLenient++
				t.Logf("%s: decoded, %d components, warnings %q", rel, len(doc.Components), doc.Warnings)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if valid == 0 || invalid == 0 {
		t.Fatalf("found %d valid and %d invalid files", valid, invalid)
	}
	t.Logf("valid: %d decoded; invalid: %d files, %d rejected with an error, %d decoded with warnings, %d decoded silently",
		valid, invalid, invalidErr, invalidLenient, invalid-invalidErr-invalidLenient)
}

// decodeTree decodes every CycloneDX file (by name: *.cdx.json, *.cdx.xml)
// under dir and checks its component count against an independent count or
// want (keyed by path relative to dir).
func decodeTree(t *testing.T, dir string, want map[string]int) {
	t.Helper()
	files, total := 0, 0
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if !strings.Contains(d.Name(), ".cdx.") {
			return nil
		}
		rel, _ := filepath.Rel(dir, path)
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if f, ok := Sniff(data); !ok {
			t.Errorf("%s: Sniff = %q, false", rel, f)
		}
		doc, err := decodeNoPanic(t, data)
		if err != nil {
			t.Errorf("%s: %v", rel, err)
			return nil
		}
		files++
		total += len(doc.Components)
		got := listedComponents(doc)
		if n := countComponents(t, path, data); got != n {
			t.Errorf("%s: %d components, independent count %d", rel, got, n)
		}
		if n, ok := want[rel]; ok && got != n {
			t.Errorf("%s: %d components, want %d", rel, got, n)
		}
		if doc.Root == nil {
			t.Logf("%s: no root component", rel)
		}
		t.Logf("%s: spec %s, %d components (%d in root), %d dependencies, %d containment, %d warnings",
			rel, doc.SpecVersion, len(doc.Components), rootDescendants(doc), len(doc.Dependencies), len(doc.Containment), len(doc.Warnings))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if files == 0 {
		t.Fatalf("no CycloneDX files under %s", dir)
	}
	t.Logf("%d files decoded, %d components", files, total)
}

func TestRealCorpus(t *testing.T) {
	decodeTree(t, realDir(t), map[string]int{
		"apk-alpine-3.13.1-image-trivy.cdx.json":                 15,
		"deb-postgres-11.15-stretch-image-syft.cdx.xml":          137,
		"maven-dropwizard-1.3.15-cyclonedx-maven-plugin.cdx.xml": 167,
		"gem-deb-fluentd-image-trivy.cdx.json":                   161,
	})
}

func TestLandscape(t *testing.T) {
	// Counted with python: components[] and nested, metadata.component excluded.
	decodeTree(t, landscapeDir(t), map[string]int{
		"internal-tools/cost-reporter/sbom.cdx.xml":         15,
		"internal-tools/legacy-build-scripts/sbom.cdx.json": 400,
		"logistics/eta-predictor/container.cdx.json":        119,
		"storefront/web-frontend/sbom.cdx.json":             44,
		"edge-infra/base-image-bookworm/sbom.cdx.json":      89,
		"storefront/search-gateway/sbom.cdx.json":           91,
		"internal-tools/jira-sync/sbom.cdx.json":            5,
		"ml-platform/labeling-ui/sbom.cdx.json":             113,
		"data-platform/kafka-connect-sink/sbom.cdx.json":    9,
		"identity/auth-service/sbom.cdx.json":               17,
		"payments/invoice-pdf/sbom.cdx.json":                238,
		"storefront/recommendations-api/sbom.cdx.json":      22,
		"data-platform/metrics-collector/sbom.cdx.json":     12,
		"internal-tools/oncall-dashboard/sbom.cdx.json":     15,
		"logistics/shipment-tracker/sbom.cdx.json":          22,
		"ml-platform/gpu-scheduler/sbom.cdx.json":           44,
		"payments/payouts-worker/sbom.cdx.json":             26,
		"storefront/mobile-bff/sbom.cdx.json":               185,
		"storefront/price-service/sbom.cdx.json":            21,
		"storefront/checkout-api/sbom.cdx.json":             113,
		"storefront/image-resizer/sbom.cdx.json":            230,
		"storefront/reviews-service/sbom.cdx.json":          133,
		"identity/identity-admin-ui/sbom.cdx.json":          35,
		"identity/session-store/sbom.cdx.json":              10,
		"edge-infra/cert-renewer/sbom.cdx.json":             13,
		"logistics/dispatch-cli/sbom.cdx.json":              19,
		"logistics/label-printer/sbom.cdx.json":             16,
		"logistics/route-optimizer/sbom.cdx.json":           21,
		"ml-platform/embedding-service/sbom.cdx.json":       34,
		"ml-platform/inference-server/sbom.cdx.json":        20,
		"ml-platform/model-trainer/sbom.cdx.json":           53,
		"payments/fraud-scorer/sbom.cdx.json":               25,
		"payments/ledger/sbom.cdx.json":                     9,
		"payments/payment-gateway/sbom.cdx.json":            37,
		"data-platform/data-catalog-api/sbom.cdx.json":      27,
		"data-platform/etl-airflow/sbom.cdx.json":           36,
		"data-platform/stream-processor/sbom.cdx.json":      30,
		"internal-tools/admin-console/sbom.cdx.json":        24,
	})
}

// readmeCounts parses the #components column of the real/ table in the
// shared corpus README.
func readmeCounts(t *testing.T, path string) map[string]int {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	counts := map[string]int{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		cols := strings.Split(sc.Text(), "|")
		// | `file` | format | generator | ecosystems | #components | ...
		if len(cols) < 6 || !strings.HasPrefix(strings.TrimSpace(cols[1]), "`") {
			continue
		}
		name := strings.Trim(strings.TrimSpace(cols[1]), "`")
		n, err := strconv.Atoi(strings.TrimSpace(cols[5]))
		if err != nil || !strings.Contains(name, ".cdx.") {
			continue
		}
		counts[name] = n
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return counts
}

func TestSharedRealCorpus(t *testing.T) {
	shared := sharedDir(t)
	dir := filepath.Join(shared, "real")
	want := readmeCounts(t, filepath.Join(shared, "README.md"))
	if len(want) < 20 {
		t.Fatalf("parsed only %d CycloneDX rows from the README", len(want))
	}
	decodeTree(t, dir, want)
}

// TestCdxgenAuthorIsNotAnOwner reads a real cdxgen SBOM whose
// metadata.authors names cdxgen's maintainer: he wrote the generator, not
// the service, so he is one of the SBOM's creators and never an owner hint.
func TestCdxgenAuthorIsNotAnOwner(t *testing.T) {
	data, err := os.ReadFile(filepath.Join(realDir(t), "gradle-java-test-app-cdxgen.cdx.json"))
	if err != nil {
		t.Fatal(err)
	}
	doc, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	m := doc.Meta
	if m.Supplier != (model.Party{}) || m.Manufacturer != (model.Party{}) || len(m.Authors) > 0 {
		t.Errorf("owner hints from a document that names none: supplier %+v, manufacturer %+v, authors %+v", m.Supplier, m.Manufacturer, m.Authors)
	}
	want := []string{"Prabhu Subramanian", "cdxgen@5.5.6"}
	if strings.Join(m.Creators, "|") != strings.Join(want, "|") {
		t.Errorf("Creators = %q, want %q", m.Creators, want)
	}
}
