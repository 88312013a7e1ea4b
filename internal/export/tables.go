package export

// The four tables, one Go type per row. Column names are the contract of
// the export (README "Export"): snake_case, as the JSON output names them.
// A string column marked optional is NULL where the SBOM or the inventory
// says nothing (never the empty string), so that SQL's IS NULL asks "not
// known". Those fields are pointers: parquet-go's writer has flipped
// between releases on whether an optional field's zero value is NULL, and
// v0.32.1 writes some "" as empty strings after a value in the same batch.
//
// Every column is PLAIN-encoded and the pages snappy-compressed, which any
// Parquet reader reads: parquet-go's dictionary encoding costs a hash
// lookup per value (a third more CPU for the whole export), and the long
// runs of one service_id and sbom_file compress twentyfold anyway.

// Service is a row of services.parquet: one service of the landscape, as
// "sbomx services" lists it.
type Service struct {
	ServiceID  string `parquet:"service_id"`
	Name       string `parquet:"name"`
	NameSource string `parquet:"name_source"`
	// Owner is the primary owner; Owners every team that owns the service.
	Owner             *string  `parquet:"owner,optional"`
	Owners            []string `parquet:"owners,list"`
	OwnerSource       *string  `parquet:"owner_source,optional"`
	Product           *string  `parquet:"product,optional"`
	ProductSource     *string  `parquet:"product_source,optional"`
	Domain            *string  `parquet:"domain,optional"`
	Lifecycle         *string  `parquet:"lifecycle,optional"`
	Contact           *string  `parquet:"contact,optional"`
	Claimed           bool     `parquet:"claimed"` // an inventory row or catalog entry names it
	SBOMFiles         []string `parquet:"sbom_files,list"`
	RootNames         []string `parquet:"root_names,list"`
	Formats           []string `parquet:"sbom_formats,list"`
	Components        int64    `parquet:"components"`
	HasDependencyData bool     `parquet:"has_dependency_data"`
}

// Component is a row of components.parquet: one component of one SBOM
// (the SBOM's root, the service itself, is in files.parquet, not here).
type Component struct {
	ServiceID string `parquet:"service_id"`
	SBOMFile  string `parquet:"sbom_file"`
	// Node is the component's node in its SBOM's dependency graph: its
	// position in the SBOM, from 1 (0 is the root). (sbom_file, node)
	// is the key edges.parquet refers to.
	Node    int32   `parquet:"node"`
	Ref     *string `parquet:"ref,optional"` // bom-ref or SPDXID, meaningful inside its SBOM only
	Name    string  `parquet:"name"`         // as the SBOM writes it
	Group   *string `parquet:"group,optional"`
	Version *string `parquet:"version,optional"`
	PURL    *string `parquet:"purl,optional"`
	Type    *string `parquet:"type,optional"` // CycloneDX type or SPDX purpose, lower case
	// PackageID is the normalised identity "sbomx packages" groups by (a
	// version-less purl, or the name), PackageName the name people read
	// (group:name for Maven), Ecosystem the purl type ("" unknown: NULL).
	PackageID   string  `parquet:"package_id"`
	PackageName string  `parquet:"package_name"`
	Ecosystem   *string `parquet:"ecosystem,optional"`
	// Depth is the length of the shortest dependency path from the root:
	// 1 direct, more transitive, -1 when the SBOM proves no path.
	Depth    int32  `parquet:"depth"`
	Relation string `parquet:"relation"` // "direct", "transitive" or "present"
	// IsFile: a scanned file (CycloneDX type file with no purl), never a
	// package of an answer.
	IsFile bool `parquet:"is_file"`
}

// Edge is a row of edges.parquet: "from depends on to" in one SBOM's
// dependency graph, as sbomx reads it (refs resolved, duplicates and
// self-edges dropped, an edge to a ref that several components share
// attached to each).
type Edge struct {
	ServiceID string  `parquet:"service_id"`
	SBOMFile  string  `parquet:"sbom_file"`
	FromNode  int32   `parquet:"from_node"` // 0: the root
	FromRef   *string `parquet:"from_ref,optional"`
	ToNode    int32   `parquet:"to_node"`
	ToRef     *string `parquet:"to_ref,optional"`
	// Inferred: a root edge sbomx inferred (the SBOM records dependencies
	// but none from its root), not one the SBOM records.
	Inferred bool `parquet:"inferred"`
}

// File is a row of files.parquet: every file of the walk (and archive
// member) and what became of it, so that an answer over the export can say
// what it covers.
type File struct {
	Path        string  `parquet:"path"`
	Status      string  `parquet:"status"`          // "sbom", "skipped" or "failed"
	Reason      *string `parquet:"reason,optional"` // why skipped or failed
	ServiceID   *string `parquet:"service_id,optional"`
	Format      *string `parquet:"format,optional"`
	SpecVersion *string `parquet:"spec_version,optional"`
	// Components counts the SBOM's components (its root not included).
	Components        int64    `parquet:"components"`
	HasDependencyData bool     `parquet:"has_dependency_data"`
	RootEdgesInferred bool     `parquet:"root_edges_inferred"`
	RootRef           *string  `parquet:"root_ref,optional"`
	RootName          *string  `parquet:"root_name,optional"`
	RootGroup         *string  `parquet:"root_group,optional"`
	RootVersion       *string  `parquet:"root_version,optional"`
	RootPURL          *string  `parquet:"root_purl,optional"`
	Warnings          []string `parquet:"warnings,list"` // duplicate or dangling refs, lenient reads
}
