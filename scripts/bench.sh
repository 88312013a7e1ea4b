#!/usr/bin/env bash
# scripts/bench.sh: sbomx against the tools people use without it, on the
# same data, in one run, interleaved, warm cache.
#
#   scripts/bench.sh                 # generate (once) and measure small + medium
#   SIZES="small" scripts/bench.sh   # just the 500-service landscape
#   SBOMX_BENCH_DIR=/data/sboms scripts/bench.sh   # measure an existing tree
#   RUNS=5 scripts/bench.sh          # runs per measurement (median kept; default 3)
#   JQ=0 scripts/bench.sh            # without the jq one-liner (a minute per package on medium)
#   SIZES=bombs scripts/bench.sh     # decompression bombs: peak RSS and time (issue 14)
#   SIZES=flat scripts/bench.sh      # 2,000 SBOMs in one folder, named by content (issue 14)
#   SIZES=real scripts/bench.sh      # ~1 GB of real generators' SBOMs (issue 14)
#   SIZES=history scripts/bench.sh   # a 200-commit git history of the small landscape (issue 16)
#
# Every tree also gets a full pass by sbomx packages, and sbomx export
# (Parquet) timed beside one impact lodash full pass.
#
# Landscapes come from ../shared/tools/genlandscape (seed 42), written under
# $BENCH_ROOT (default /tmp/sbomx-bench; the medium one is 2.8 GB, the large
# one 22 GB: SIZES="small medium large"). For each tree and each package
# (rare torchtriton, mid log4j-core, common lodash) it times
#   sbomx impact PKG --format json         (the full answer: services, paths, owners)
#   rg -l PKG / rg -c PKG                  (files that mention it, as bytes)
#   grep -rl PKG                           (the same with grep)
#   jq one-liner over every SBOM           (select(any(.components[]?; .name == PKG)))
# and prints median wall time, peak RSS (/usr/bin/time), and the ratios.
# It installs what it needs (ripgrep, jq, GNU time) with apt-get when missing.
# Then it prints the decoders' speed, MB/s on one core (go test -bench): the
# CycloneDX JSON scanner and cyclonedx-go, the SPDX 2 JSON scanner and
# encoding/json, on the real SBOMs of testdata and ../shared/corpus/real,
# and (Large) on 20 SBOMs of the small landscape (DECODE=0 skips this part).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
RUNS=${RUNS:-3}
BENCH_ROOT=${BENCH_ROOT:-/tmp/sbomx-bench}
SIZES=${SIZES:-small medium}

need=()
command -v rg >/dev/null || need+=(ripgrep)
command -v jq >/dev/null || need+=(jq)
[ -x /usr/bin/time ] || need+=(time)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}" >&2
  { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need[@]}"; } >/dev/null
fi

echo "building sbomx" >&2
go build -trimpath -o "$BENCH_ROOT/sbomx" ./cmd/sbomx 2>/dev/null || { mkdir -p "$BENCH_ROOT"; go build -trimpath -o "$BENCH_ROOT/sbomx" ./cmd/sbomx; }
SBOMX=$BENCH_ROOT/sbomx

declare -A FLAGS=(
  [small]="-services 500 -components 300"
  [medium]="-services 5000 -components 500"
  [large]="-services 20000 -components 1000"
  [flat]="-services 2000 -components 300"
)

# bombs: a 4 GiB expansion in each wrapping, alone in a tree with three real
# SBOMs; each must fail alone ("expands past" or over the limit), the real
# SBOMs must still answer, and peak RSS stay bounded (README: 300 MiB).
bombs() {
  local dir=$BENCH_ROOT/bombs
  mkdir -p "$dir"
  gen() { [ -s "$dir/$1" ] || { echo "generating $1 (4 GiB of zeros)" >&2; head -c 4G /dev/zero | "${@:2}" > "$dir/$1.tmp" && mv "$dir/$1.tmp" "$dir/$1"; }; }
  gen zero4g.json.gz gzip -1
  gen zero4g.json.bz2 bzip2 -1
  gen zero4g.json.xz xz -T2 -1
  gen zero4g.json.zst zstd -q -3
  gen zero4g.zip sh -c 'zip -q -1 - -'          # one member, "-", whose header says 4 GiB
  gen zero4g.tar.gz sh -c "python3 -c \"import sys, tarfile
t = tarfile.open(fileobj=sys.stdout.buffer, mode='w|')
m = tarfile.TarInfo('zero.json'); m.size = 4 << 30
t.addfile(m, sys.stdin.buffer); t.close()\" | gzip -1"   # a member whose header says 4 GiB
  printf '\n== bombs: each alone with 3 real SBOMs, default --max-file-size (1 GiB), %s run(s), median\n' "$RUNS"
  printf '%-18s %10s %10s %8s  %s\n' bomb size_MB wall_s rss_MiB "how it failed"
  for b in zero4g.json.gz zero4g.json.bz2 zero4g.json.xz zero4g.json.zst zero4g.zip zero4g.tar.gz; do
    local tree=$dir/tree-$b
    rm -rf "$tree"; mkdir -p "$tree/bomb" "$tree/java" "$tree/go" "$tree/php"
    ln -s "$dir/$b" "$tree/bomb/$b"
    cp "$ROOT/testdata/corpus/real/gradle-java-test-app-cdxgen.cdx.json" "$tree/java/"
    cp "$ROOT/testdata/corpus/real/go-sbomqs-trivy.spdx" "$tree/go/"
    cp "$ROOT/testdata/corpus/real/composer-laravel-7.12.0-cyclonedx-php-composer.cdx.json" "$tree/php/"
    local walls="" rsss=""
    for run in $(seq "$RUNS"); do
      # junit is in the java SBOM: found (exit 0) despite the bomb.
      /usr/bin/time -f "%e %M" -o "$BENCH_ROOT/time.txt" "$SBOMX" impact junit:junit --dir "$tree" >/dev/null 2>"$BENCH_ROOT/stderr.txt" ||
        { echo "sbomx exited $? on $b" >&2; cat "$BENCH_ROOT/stderr.txt" >&2; }
      read -r wall rss < <(tail -n 1 "$BENCH_ROOT/time.txt")
      walls+="$wall "; rsss+="$rss "
    done
    grep -q '^sbomx: read 3 SBOM(s) of 3 service(s)' "$BENCH_ROOT/stderr.txt" || { echo "the real SBOMs were not all read next to $b" >&2; cat "$BENCH_ROOT/stderr.txt" >&2; }
    printf '%-18s %10.1f %10s %8.0f  %s\n' "$b" "$(stat -Lc %s "$dir/$b" | awk '{print $1/1e6}')" \
      "$(tr ' ' '\n' <<<"$walls" | grep . | median)" "$(tr ' ' '\n' <<<"$rsss" | grep . | median | awk '{print $1/1024}')" \
      "$(grep '^sbomx: failed: ' "$BENCH_ROOT/stderr.txt" | sed 's/^sbomx: failed: //' | paste -sd ';')"
  done
}

# history: the small landscape imported into a bare git repository, then
# 200 commits (COMMITS), one an hour, each re-issuing three SBOMs and some
# adding or removing torchtriton, built with go-git by a test helper
# (internal/cli TestBenchHistoryRepo) and packed as a clone is. It times
# the exposure window over all of them against one --at HEAD query and
# the working tree on disk, wall and CPU seconds, and says how many blobs
# each commit cost.
history() {
  local src=$BENCH_ROOT/small repo=$BENCH_ROOT/history-${COMMITS:-200}
  if [ ! -f "$src/TRUTH.json" ]; then
    echo "generating small landscape (${FLAGS[small]}) in $src" >&2
    rm -rf "$src"
    (cd "$ROOT/../shared/tools/genlandscape" && go run . ${FLAGS[small]} -seed 42 -out "$src" >/dev/null)
  fi
  if [ ! -f "$repo/packed-refs" ] && [ ! -d "$repo/objects/pack" ]; then
    echo "building the history in $repo (go-git, then a repack: a minute or two)" >&2
    rm -rf "$repo"
    SBOMX_BENCH_HISTORY_SRC=$src SBOMX_BENCH_HISTORY_OUT=$repo SBOMX_BENCH_HISTORY_COMMITS=${COMMITS:-200} \
      go test -count=1 -run '^TestBenchHistoryRepo$' ./internal/cli >&2
  fi
  printf '\n== history: %s (%s commits after the import, %s MB packed), %s run(s), median\n' "$repo" "${COMMITS:-200}" "$(du -sm "$repo" | cut -f1)" "$RUNS"
  printf '%-44s %8s %8s %8s\n' "query" wall_s cpu_s rss_MiB
  local name args
  for name in disk at-head window; do
    case $name in
      disk)    args=(impact torchtriton --dir "$src" --format json) ;;
      at-head) args=(impact torchtriton --dir "$repo" --at HEAD --format json) ;;
      window)  args=(impact torchtriton --dir "$repo" --since 2023-01-01T00:30 --format json -v) ;;
    esac
    local walls="" cpus="" rsss=""
    for run in $(seq "$RUNS"); do
      /usr/bin/time -f "%e %U %S %M" -o "$BENCH_ROOT/time.txt" "$SBOMX" "${args[@]}" >/dev/null 2>"$BENCH_ROOT/stderr-$name.txt" || true
      read -r wall user sys rss < <(tail -n 1 "$BENCH_ROOT/time.txt")
      walls+="$wall "; cpus+="$(awk -v u="$user" -v s="$sys" 'BEGIN{print u+s}') "; rsss+="$rss "
    done
    eval "W_${name//-/_}=$(tr ' ' '\n' <<<"$walls" | grep . | median)"
    eval "C_${name//-/_}=$(tr ' ' '\n' <<<"$cpus" | grep . | median)"
    printf '%-44s %8s %8s %8.0f\n' "sbomx ${args[*]:0:2} ${name}" "$(eval echo "\$W_${name//-/_}")" "$(eval echo "\$C_${name//-/_}")" \
      "$(tr ' ' '\n' <<<"$rsss" | grep . | median | awk '{print $1/1024}')"
  done
  awk -v w="$W_window" -v a="$W_at_head" -v cw="$C_window" -v ca="$C_at_head" 'BEGIN {
    printf "window / --at HEAD: %.2fx wall, %.2fx CPU\n", w / a, cw / ca }'
  # "history: N commit(s) after the start, R read ..., T tree(s) walked; B blob(s) read (D decoded in full ...), U file(s) reused unread"
  sed -n 's/^sbomx: history: //p' "$BENCH_ROOT/stderr-window.txt"
  sed -n 's/^sbomx: history: //p' "$BENCH_ROOT/stderr-window.txt" | awk -v files="$(find "$src" -type f | wc -l)" '{
    for (i = 1; i <= NF; i++) { if ($(i+1) == "commit(s)") c = $i; if ($(i+1) == "blob(s)") b = $i }
    printf "blobs read per commit after the start: %.1f (%d read, less the %d files of the first tree)\n", (b - files) / c, b, files }'
}

trees=()
if [ "$SIZES" = history ]; then
  : # measured below, once the helpers are defined
elif [ "$SIZES" = bombs ]; then
  : # measured below, once the helpers are defined
elif [ -n "${SBOMX_BENCH_DIR:-}" ]; then
  trees+=("custom=$SBOMX_BENCH_DIR")
else
  for size in $SIZES; do
    dir=$BENCH_ROOT/$size
    if [ "$size" = real ]; then
      # real: the real SBOMs of ../shared/corpus/real and testdata/real-world
      # (syft, trivy, cdxgen, cyclonedx plugins, sbom-tool, GitHub exports,
      # Red Hat, pub.dev; JSON, XML, tag-value, RDF, compressed), 24 copies
      # in folders of about 60, each file named by its content: 1,416
      # files, about 1 GB, a stand-in for a crawl of public SBOMs
      if [ ! -d "$dir" ]; then
        for i in $(seq -w 1 24); do
          mkdir -p "$dir.tmp/batch-$i"
          cp "$ROOT/../shared/corpus/real/"* "$ROOT/testdata/real-world/"* "$dir.tmp/batch-$i/"
          rm -f "$dir.tmp/batch-$i/PROVENANCE.md"
        done
        mv "$dir.tmp" "$dir"
      fi
      trees+=("$size=$dir")
      continue
    fi
    src=$dir
    [ "$size" = flat ] && src=$BENCH_ROOT/flat-src
    if [ ! -f "$src/TRUTH.json" ]; then
      echo "generating $size landscape (${FLAGS[$size]}) in $src" >&2
      rm -rf "$src"
      (cd "$ROOT/../shared/tools/genlandscape" && go run . ${FLAGS[$size]} -seed 42 -out "$src" >/dev/null)
    fi
    if [ "$size" = flat ] && [ ! -d "$dir" ]; then
      # flat: every SBOM in one folder as SERVICE.cdx.json, no catalog, as
      # bom-shelter and export jobs lay them out: each file's service is
      # its root component's name, so the prefilter must peek at the root
      mkdir -p "$dir.tmp"
      find "$src" -type f -name 'bom.*' | while read -r f; do
        cp "$f" "$dir.tmp/$(basename "$(dirname "$f")").${f##*/bom.}"
      done
      mv "$dir.tmp" "$dir"
    fi
    trees+=("$size=$dir")
  done
fi

# measure NAME CMD...: runs CMD (stdout discarded), prints "wall_s rss_kb".
measure() {
  /usr/bin/time -f "%e %M" -o "$BENCH_ROOT/time.txt" "$@" >/dev/null 2>"$BENCH_ROOT/stderr.txt" || {
    rc=$?
    # sbomx and grep exit 1 on "no match": not a failure here.
    if [ $rc -ne 1 ]; then echo "command failed ($rc): $*" >&2; cat "$BENCH_ROOT/stderr.txt" >&2; fi
  }
  tail -n 1 "$BENCH_ROOT/time.txt"
}

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

if [ "$SIZES" = bombs ]; then
  bombs
  exit 0
fi
if [ "$SIZES" = history ]; then
  history
  exit 0
fi

printf '\nmachine: %s, %s cores, %s; %s\n' "$(uname -m)" "$(nproc)" "$(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)" "$(go version | cut -d' ' -f3)"
printf 'runs per measurement: %s (median), interleaved, warm cache\n\n' "$RUNS"

for tree in "${trees[@]}"; do
  name=${tree%%=*}; dir=${tree#*=}
  files=$(find "$dir" -type f ! -name catalog-info.yaml ! -name TRUTH.json | wc -l)
  bytes=$(du -sb "$dir" | cut -f1)
  mapfile -t sboms < <(find "$dir" -type f \( -name 'bom.*' -o -name '*.cdx.json' -o -name '*.spdx.json' \) | sort)
  printf '%s\n' "${sboms[@]}" > "$BENCH_ROOT/sboms.txt"
  # warm the page cache: every file of the tree (rg and sbomx also read the
  # catalog files), again before each timed command, so that no tool pays
  # for what the one before it (jq's long run, say) pushed out of the cache
  warm() { find "$dir" -type f -print0 | xargs -0 cat > /dev/null; }
  warm
  echo "== $name: $dir ($files SBOM files, $((bytes / 1000000)) MB)"
  printf '%-12s %-10s %10s %10s %10s %10s %12s %14s %14s\n' package tool wall_s rss_MiB "" "" "" "sbomx/rg -l" "jq/sbomx"
  for pkg in torchtriton log4j-core lodash; do
    declare -A t=() r=()
    tools="sbomx rg-l rg-c grep-rl"
    [ "${JQ:-1}" = 0 ] || tools+=" jq"   # JQ=0: leave out jq's minute-long passes
    for tool in sbomx rg-l rg-c grep-rl jq; do t[$tool]=""; r[$tool]=""; done
    for run in $(seq "$RUNS"); do
      for tool in $tools; do
        warm
        case $tool in
          sbomx)   out=$(measure "$SBOMX" impact "$pkg" --dir "$dir" --format json) ;;
          rg-l)    out=$(measure rg -l --no-ignore --hidden "$pkg" "$dir") ;;
          rg-c)    out=$(measure rg -c --no-ignore --hidden "$pkg" "$dir") ;;
          grep-rl) out=$(measure grep -rl "$pkg" "$dir") ;;
          jq)      out=$(measure sh -c "xargs -d '\n' jq -r --arg p '$pkg' 'select(any(.components[]?; .name == \$p)) | input_filename' < '$BENCH_ROOT/sboms.txt'") ;;
        esac
        t[$tool]+="${out% *} "; r[$tool]+="${out#* } "
      done
    done
    W_jq=0
    for tool in $tools; do
      wall=$(tr ' ' '\n' <<<"${t[$tool]}" | grep . | median)
      rss=$(tr ' ' '\n' <<<"${r[$tool]}" | grep . | median)
      eval "W_$(tr - _ <<<"$tool")=$wall"
      printf '%-12s %-10s %10s %10.0f\n' "$pkg" "$tool" "$wall" "$(awk -v k="$rss" 'BEGIN{print k/1024}')"
    done
    awk -v s="$W_sbomx" -v rg="$W_rg_l" -v jq="$W_jq" -v p="$pkg" 'BEGIN {
      printf "%-12s %-10s %43s %14.2f %14.1f\n", p, "ratios", "", (rg > 0 ? s / rg : 0), (s > 0 ? jq / s : 0) }'
    if [ "$pkg" = lodash ]; then
      # lodash is in nearly every generated SBOM: every file is decoded,
      # every path found
      awk -v s="$W_sbomx" -v b="$bytes" 'BEGIN { printf "full pass (lodash): %.2f s per GB of tree\n", s / (b / 1e9) }'
    fi
  done
  # sbomx packages: every SBOM decoded, every package counted, on any tree
  walls="" rsss=""
  for run in $(seq "$RUNS"); do
    warm
    out=$(measure "$SBOMX" packages --dir "$dir" --format json)
    walls+="${out% *} "; rsss+="${out#* } "
  done
  wall=$(tr ' ' '\n' <<<"$walls" | grep . | median)
  rss=$(tr ' ' '\n' <<<"$rsss" | grep . | median)
  awk -v s="$wall" -v k="$rss" -v b="$bytes" 'BEGIN { printf "full pass (sbomx packages): %s s, %.2f s per GB of tree, %.0f MiB\n", s, s / (b / 1e9), k / 1024 }'
  # sbomx export (Parquet, issue 17) beside one impact lodash full pass,
  # interleaved; the goal is export within 1.5x of the impact pass
  ew="" er="" iw="" ir=""
  for run in $(seq "$RUNS"); do
    warm
    rm -rf "$BENCH_ROOT/export-out"
    out=$(measure "$SBOMX" export --dir "$dir" --out "$BENCH_ROOT/export-out")
    ew+="${out% *} "; er+="${out#* } "
    warm
    out=$(measure "$SBOMX" impact lodash --dir "$dir" --format json)
    iw+="${out% *} "; ir+="${out#* } "
  done
  awk -v ew="$(tr ' ' '\n' <<<"$ew" | grep . | median)" -v er="$(tr ' ' '\n' <<<"$er" | grep . | median)" \
      -v iw="$(tr ' ' '\n' <<<"$iw" | grep . | median)" -v ir="$(tr ' ' '\n' <<<"$ir" | grep . | median)" \
      -v mb="$(du -sm "$BENCH_ROOT/export-out" | cut -f1)" 'BEGIN {
    printf "export (Parquet, %d MB): %s s, %.0f MiB; impact lodash full pass: %s s, %.0f MiB; export/impact %.2fx (goal 1.5x)\n", mb, ew, er / 1024, iw, ir / 1024, (iw > 0 ? ew / iw : 0) }'
  rm -rf "$BENCH_ROOT/export-out"
  echo
done

if [ "${DECODE:-1}" != 0 ]; then
  # One core each, the median of RUNS: MB/s per core, decoding a file into
  # the document (the graph not included).
  echo "== decoders: MB/s per core (go test -bench -cpu 1, median of $RUNS)"
  # The Large benchmarks read $SBOMX_BENCH_SMALL (no default path in the
  # tests): the small landscape, when this run or an earlier one made it.
  small=()
  [ -d "$BENCH_ROOT/small" ] && small=("SBOMX_BENCH_SMALL=$BENCH_ROOT/small")
  env "${small[@]+"${small[@]}"}" \
    go test -run '^$' -bench 'Decode(JSON|SPDXJSON)(Large)?(Scan|Slow)$' -benchtime 1s -cpu 1 -count "$RUNS" \
    ./internal/decode/cyclonedx ./internal/decode/spdx 2>/dev/null |
    awk '/^Benchmark/ { for (i = 1; i <= NF; i++) if ($i == "MB/s") print $1, $(i-1) }' |
    sort -k1,1 -k2,2n |
    awk '{ n[$1]++; v[$1, n[$1]] = $2 } END { for (b in n) printf "%-36s %8.0f MB/s\n", b, v[b, int((n[b]+1)/2)] }' |
    sort
fi
