package render

import (
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/sbomx/sbomx/internal/buildinfo"
	"github.com/sbomx/sbomx/pkg/answers"
)

// sarifFormat is SARIF 2.1.0, for code-scanning dashboards (GitHub code
// scanning, DefectDojo): a rule per query or advisory, a result per hit,
// located at the SBOM file that records the package. Only impact answers
// are findings.
type sarifFormat struct{ unsupported }

type sarifLog struct {
	Schema  string     `json:"$schema"`
	Version string     `json:"version"`
	Runs    []sarifRun `json:"runs"`
}

type sarifRun struct {
	Tool    sarifTool     `json:"tool"`
	Results []sarifResult `json:"results"`
}

type sarifTool struct {
	Driver struct {
		Name           string      `json:"name"`
		InformationURI string      `json:"informationUri"`
		Version        string      `json:"version"`
		Rules          []sarifRule `json:"rules"`
	} `json:"driver"`
}

type sarifRule struct {
	ID               string       `json:"id"`
	ShortDescription sarifMessage `json:"shortDescription"`
}

type sarifMessage struct {
	Text string `json:"text"`
}

type sarifResult struct {
	RuleID              string            `json:"ruleId"`
	Level               string            `json:"level"`
	Message             sarifMessage      `json:"message"`
	Locations           []sarifLocation   `json:"locations"`
	PartialFingerprints map[string]string `json:"partialFingerprints"`
	Properties          map[string]any    `json:"properties"`
}

type sarifLocation struct {
	PhysicalLocation struct {
		ArtifactLocation struct {
			URI string `json:"uri"`
		} `json:"artifactLocation"`
	} `json:"physicalLocation"`
}

func (sarifFormat) impact(w io.Writer, res *answers.Result, _ Options) error {
	run := sarifRun{Results: []sarifResult{}}
	d := &run.Tool.Driver
	d.Name, d.InformationURI, d.Version = "sbomx", "https://github.com/sbomx/sbomx", buildinfo.Version
	d.Rules = []sarifRule{}
	rules := map[string]bool{}
	for _, h := range res.Hits {
		for _, id := range ruleIDs(&h) {
			if !rules[id] {
				rules[id] = true
				d.Rules = append(d.Rules, sarifRule{ID: id, ShortDescription: sarifMessage{"Package matching " + id}})
			}
			run.Results = append(run.Results, sarifResultOf(&h, id))
		}
	}
	slices.SortFunc(d.Rules, func(a, b sarifRule) int { return strings.Compare(a.ID, b.ID) })
	return JSON(w, sarifLog{Schema: "https://json.schemastore.org/sarif-2.1.0.json", Version: "2.1.0", Runs: []sarifRun{run}})
}

// ruleIDs are the advisories a hit matches, else the queries.
func ruleIDs(h *answers.Hit) []string {
	if len(h.Advisories) > 0 {
		return h.Advisories
	}
	return h.Queries
}

func sarifResultOf(h *answers.Hit, rule string) sarifResult {
	how := h.Relation
	if len(h.Path) > 0 {
		how += " via " + strings.Join(h.Path, " > ")
	}
	level := "warning"
	if h.VersionUnknown != "" {
		level = "note" // cannot tell whether the version is affected
	}
	r := sarifResult{
		RuleID:  rule,
		Level:   level,
		Message: sarifMessage{fmt.Sprintf("%s contains %s %s (%s); owner %s, product %s", h.Service, h.Package.Name, dash(h.Package.Version), how, deref(h.Owner, "unknown"), deref(h.Product, "unknown"))},
		// A finding is the same across runs when the service, package and
		// version are: dashboards track it by this.
		PartialFingerprints: map[string]string{"sbomx/v1": h.ServiceID + "|" + h.Package.ID + "|" + h.Package.Version},
		Properties: map[string]any{
			"service": h.Service, "service_id": h.ServiceID, "owner": h.Owner, "product": h.Product,
			"package": h.Package.Name, "version": h.Package.Version, "purl": h.Package.PURL, "relation": h.Relation, "path": h.Path,
		},
	}
	if h.VersionUnknown != "" {
		r.Properties["version_unknown"] = h.VersionUnknown
	}
	for _, sbom := range h.SBOMs {
		var loc sarifLocation
		loc.PhysicalLocation.ArtifactLocation.URI = sbom
		r.Locations = append(r.Locations, loc)
	}
	return r
}
