// Package release holds no code: its tests check the promises of the
// repository's .goreleaser.yaml against the source (every target, static
// builds, -X names that exist in internal/buildinfo, archives, checksums and
// the SBOM of sbomx itself), so that a release never finds out at tag time.
package release
