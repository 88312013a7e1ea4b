// Package model holds the format-neutral SBOM types every other package shares:
// a Document decoded from one file, its Components, and the edges between them.
//
// Invariants (decoders must keep them, the graph package relies on them):
//   - Component.Ref is the component's identity inside its own document only
//     (CycloneDX bom-ref, SPDX SPDXID, SPDX 3 spdxId). It never means anything
//     across documents; across documents identity is Component.ID.
//   - Dependencies edges point dependent -> dependency ("From depends on To").
//   - Containment edges point container -> contained ("From contains To").
//   - Document.Root is not part of Document.Components.
package model

import "errors"

// Format names the concrete encoding a Document was read from.
type Format string

// Formats sbomx reads.
const (
	CycloneDXJSON Format = "cyclonedx-json"
	CycloneDXXML  Format = "cyclonedx-xml"
	SPDXJSON      Format = "spdx-json"
	SPDXTagValue  Format = "spdx-tag-value"
	SPDXYAML      Format = "spdx-yaml"
	SPDXXML       Format = "spdx-xml"
	SPDXRDF       Format = "spdx-rdf-xml"
	SPDX3JSON     Format = "spdx3-json"
)

// Document is one SBOM file after decoding.
type Document struct {
	Format      Format
	SpecVersion string // "1.6", "SPDX-2.3", "3.0.1"
	// Root is the component the SBOM describes (CycloneDX metadata.component,
	// the SPDX package the document DESCRIBES). Nil when the SBOM names none.
	Root       *Component
	Components []Component
	// Dependencies are "From depends on To" edges between Refs (Root.Ref included).
	Dependencies []Edge
	// Containment are "From contains To" edges: CycloneDX nested components,
	// SPDX CONTAINS / CONTAINED_BY. Containment is not dependency.
	Containment []Edge
	// Meta carries what the SBOM says about who made the thing it describes.
	Meta Meta
	// Warnings are problems the decoder saw but read past (an unknown enum,
	// a relationship to an element that is not a package).
	Warnings []string
}

// Edge links two components of one document by Ref.
type Edge struct {
	From, To string
}

// Component is one package (library, application, OS package, ...).
type Component struct {
	Ref     string
	Name    string // as written in the SBOM
	Group   string // CycloneDX group (Maven groupId, npm scope, Go module prefix); "" in SPDX
	Version string
	PURL    string // as written in the SBOM, "" when none
	Type    string // CycloneDX type / SPDX primaryPackagePurpose, lower case; may be ""
	ID      PkgID  // normalised identity, from PURL when it parses, else from Group/Name
	// Hashes as "alg:hex", lower case alg (sha256, sha1, sha512, md5, ...).
	Hashes []string
	// VersionFromName: the purl wrote the version into its name
	// ("pkg:nuget/Semver%402.2.0"), and IdentifyComponent split it off.
	VersionFromName bool
	// Sources are where the SBOM says the package came from: purl
	// repository_url / download_url qualifiers, CycloneDX distribution
	// references, SPDX downloadLocation. Empty means "source unknown".
	Sources []string
}

// Meta is what an SBOM says about who is responsible for the thing it
// describes, each value with the field it was read from. What the SBOM says
// about its own making (CycloneDX metadata.authors, metadata.tools,
// metadata.manufacturer; SPDX creationInfo.creators) is kept apart in
// Creators and is never an owner: real generators name themselves or their
// maintainer there (cdxgen writes its author into metadata.authors).
type Meta struct {
	Supplier     Party    // CycloneDX metadata.component.supplier; SPDX described package's supplier
	Manufacturer Party    // CycloneDX metadata.component.manufacturer
	Authors      []Party  // CycloneDX metadata.component.authors and .author; SPDX described package's originator
	Creators     []string // who or what wrote the SBOM: informational only
	// Properties are name/value pairs of the document and of its root
	// component (CycloneDX properties such as "acme:owner").
	Properties []Property
}

// Party is a person or organisation an SBOM names, and the field naming it
// ("metadata.component.supplier"), for the owner's source.
type Party struct {
	Name, Field string
}

// Property is a CycloneDX-style name/value pair; Field is where it was
// written ("metadata.properties", "metadata.component.properties").
type Property struct {
	Name, Value, Field string
}

// IsFile reports whether c is a file rather than a package: CycloneDX type
// "file" with no purl (syft and cdxgen list the files they scanned, with
// their hashes). Files stay in the graph but are never a package of an
// answer.
func (c *Component) IsFile() bool { return c.Type == "file" && c.PURL == "" }

// DisplayName is the name people expect to read in a path: group:name for
// Maven, group/name where the SBOM gives a group, else the name as written.
func (c *Component) DisplayName() string {
	switch {
	case c.Group != "" && c.ID.Type == "maven":
		return c.Group + ":" + c.Name
	case c.Group != "":
		return c.Group + "/" + c.Name
	case c.ID.Type == "maven" && c.ID.Namespace != "":
		return c.ID.Namespace + ":" + c.Name
	}
	return c.Name
}

// ErrNotSBOM is returned by decoders for input that is well-formed but not an
// SBOM of their format (a package.json, a Kubernetes manifest). The corpus
// counts such files as skipped, not failed.
var ErrNotSBOM = errors.New("not an SBOM")
