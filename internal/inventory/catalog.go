package inventory

import (
	"fmt"
	"strings"

	"github.com/sbomx/sbomx/internal/support/yamlx"
)

// Entity is the part of a Backstage catalog entity sbomx uses.
type Entity struct {
	Kind        string
	Name        string
	Namespace   string
	Owner       string // spec.owner as written (an entity reference)
	System      string // spec.system (an entity reference)
	Domain      string // spec.domain, for System entities
	Lifecycle   string
	Annotations map[string]string
	// DisplayName and Email are a Group's spec.profile.
	DisplayName string
	Email       string
	Line        int // line of the document's first line in the file
}

type entityDoc struct {
	Kind     string `yaml:"kind"`
	Metadata struct {
		Name        string            `yaml:"name"`
		Namespace   string            `yaml:"namespace"`
		Annotations map[string]string `yaml:"annotations"`
	} `yaml:"metadata"`
	Spec struct {
		Owner     any `yaml:"owner"`
		System    any `yaml:"system"`
		Domain    any `yaml:"domain"`
		Lifecycle any `yaml:"lifecycle"`
		Profile   struct {
			DisplayName any `yaml:"displayName"`
			Email       any `yaml:"email"`
		} `yaml:"profile"`
	} `yaml:"spec"`
}

// ParseCatalog reads a Backstage catalog file, which may hold several YAML
// documents. A broken document is reported and the others are still read.
func ParseCatalog(data []byte) ([]Entity, []error) {
	if out, ok := parseCatalogFast(data); ok {
		return out, nil
	}
	return parseCatalogYAML(data)
}

// parseCatalogYAML is ParseCatalog with yaml.v3, for any file.
func parseCatalogYAML(data []byte) ([]Entity, []error) {
	var out []Entity
	var errs []error
	docs, err := yamlx.Documents(data)
	if err != nil {
		// yaml.v3 cannot resume after a syntax error.
		errs = append(errs, err)
	}
	for _, doc := range docs {
		var d entityDoc
		if err := doc.Decode(&d); err != nil {
			errs = append(errs, lineErrorf(doc.Line, "%v", err))
			continue
		}
		if d.Kind == "" && d.Metadata.Name == "" {
			continue
		}
		out = append(out, Entity{
			Kind:        d.Kind,
			Name:        d.Metadata.Name,
			Namespace:   d.Metadata.Namespace,
			Owner:       scalar(d.Spec.Owner),
			System:      scalar(d.Spec.System),
			Domain:      scalar(d.Spec.Domain),
			Lifecycle:   scalar(d.Spec.Lifecycle),
			Annotations: d.Metadata.Annotations,
			DisplayName: scalar(d.Spec.Profile.DisplayName),
			Email:       scalar(d.Spec.Profile.Email),
			Line:        doc.Line,
		})
	}
	return out, errs
}

func scalar(v any) string {
	switch v := v.(type) {
	case string:
		return strings.TrimSpace(v)
	case nil:
		return ""
	default:
		return fmt.Sprint(v)
	}
}

// EntityName returns the name part of a Backstage entity reference
// ("group:default/payments", "group:payments", "default/payments" and
// "payments" all give "payments").
func EntityName(ref string) string {
	ref = strings.TrimSpace(ref)
	if i := strings.IndexByte(ref, ':'); i >= 0 && !strings.ContainsAny(ref[:i], "/@ ") {
		ref = ref[i+1:]
	}
	if i := strings.LastIndexByte(ref, '/'); i >= 0 {
		ref = ref[i+1:]
	}
	return ref
}

// TeamID normalises the ways sources write a team: a Backstage entity
// reference, a GitHub team handle (@acme/team-x), an SPDX supplier
// ("Organization: team-x (team-x@acme.example)"), or a plain name.
func TeamID(s string) string {
	s = strings.TrimSpace(s)
	if strings.HasPrefix(s, "Tool:") {
		return "" // a tool made the SBOM; it owns nothing
	}
	for _, p := range []string{"Organization:", "Person:"} {
		if strings.HasPrefix(s, p) {
			s = strings.TrimSpace(strings.TrimPrefix(s, p))
			if i := strings.LastIndexByte(s, '('); i > 0 && strings.HasSuffix(s, ")") {
				s = strings.TrimSpace(s[:i])
			}
			return s
		}
	}
	if strings.HasPrefix(s, "@") {
		return strings.TrimPrefix(s[strings.LastIndexByte(s, '/')+1:], "@")
	}
	if strings.EqualFold(s, "NOASSERTION") {
		return ""
	}
	return EntityName(s)
}
