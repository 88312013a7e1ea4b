#!/bin/sh
# scripts/release-assets.sh [VERSION]: the shell completions and man pages
# that go into every release archive, generated from sbomx's own command
# tree (goreleaser's before hook runs it; it can be run by hand too).
#
#   completions/sbomx.bash, sbomx.zsh, sbomx.fish, sbomx.ps1
#   manpages/sbomx.1.gz, sbomx-impact.1.gz, ... (one per command)
#
# They are the same on every platform: the host's build writes them. The
# man pages' date is the commit's (SOURCE_DATE_EPOCH), so a rebuild of the
# same commit writes the same bytes.
set -eu
cd "$(dirname "$0")/.."
version=${1:-dev}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
CGO_ENABLED=0 go build -trimpath \
  -ldflags "-X github.com/sbomx/sbomx/internal/buildinfo.Version=$version" \
  -o "$tmp/sbomx" ./cmd/sbomx
rm -rf completions manpages
mkdir -p completions manpages
"$tmp/sbomx" completion bash > completions/sbomx.bash
"$tmp/sbomx" completion zsh > completions/sbomx.zsh
"$tmp/sbomx" completion fish > completions/sbomx.fish
"$tmp/sbomx" completion powershell > completions/sbomx.ps1
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)} \
  "$tmp/sbomx" man --dir manpages
gzip -9n manpages/*.1
