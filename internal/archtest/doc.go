// Package archtest holds no code, only a test: the import-direction check
// of the pipeline (ARCHITECTURE.md). Every package of the module is given a
// stage (source, decode, graph, inventory, match and query, answers,
// render and export, cli, cmd), and a package may import only its own
// stage, earlier stages and the foundation (pkg/model, internal/support/*,
// internal/buildinfo). A new package fails the test until it is placed in
// the stage table of imports_test.go.
package archtest
