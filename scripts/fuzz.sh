#!/usr/bin/env bash
# Runs every Go native fuzz target of the module, one after the other.
#
#   scripts/fuzz.sh 60s        # each target for 60 s (the issue's bar; ~17 min for 16 targets)
#   scripts/fuzz.sh 3s         # what CI runs: each target for a few seconds
#   FUZZTIME=5m scripts/fuzz.sh
#   FUZZ_PARALLEL=2 scripts/fuzz.sh 60s   # -parallel for go test (default: GOMAXPROCS)
#   FUZZ_MATCH=Decode scripts/fuzz.sh 10s # only targets whose "pkg.Name" matches this (grep -E)
#   FUZZ_MINIMIZETIME=60s scripts/fuzz.sh # -fuzzminimizetime (default here 5s; go test's is 60s,
#                                         # which can spend most of a 60 s run minimizing new
#                                         # inputs, with "execs: N (0/sec)" lines meanwhile)
#
# Targets are discovered with `go test -list '^Fuzz' ./...`, so a new Fuzz
# function in any package is picked up without editing this script. Each
# target runs as
#
#   go test -run '^$' -fuzz "^Name$" -fuzztime DURATION -fuzzminimizetime 5s PKG
#
# and gets one summary line: package.Name, wall time, ok/FAIL and the last
# execs count go test printed. The script exits non-zero if any target failed.
# The fuzzing cache (the generated corpus) lives in $GOCACHE/fuzz, not in the
# repository. A failing input is written by go test to
# <pkg>/testdata/fuzz/<Name>/<hash>: after fixing the bug, keep it there as a
# regression seed (plain `go test` runs it from then on).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

dur="${1:-${FUZZTIME:-60s}}"
match="${FUZZ_MATCH:-}"
minimize="${FUZZ_MINIMIZETIME:-5s}"
parallel=()
if [[ -n "${FUZZ_PARALLEL:-}" ]]; then
	parallel=(-parallel "$FUZZ_PARALLEL")
fi

# "go test -list" prints the matching names of a package, then "ok  <pkg> ...".
targets=()
names=()
while IFS= read -r line; do
	case "$line" in
	Fuzz*) names+=("$line") ;;
	ok*)
		pkg=$(awk '{print $2}' <<<"$line")
		for n in "${names[@]+"${names[@]}"}"; do
			targets+=("$pkg $n")
		done
		names=()
		;;
	esac
done < <(go test -list '^Fuzz' ./... 2>&1 | grep -v 'no test files')

if [[ -n "$match" ]]; then
	filtered=()
	for t in "${targets[@]}"; do
		if grep -Eq -- "$match" <<<"${t/ /.}"; then
			filtered+=("$t")
		fi
	done
	targets=("${filtered[@]+"${filtered[@]}"}")
fi

if [[ ${#targets[@]} -eq 0 ]]; then
	echo "fuzz.sh: no fuzz targets found" >&2
	exit 1
fi

echo "fuzz.sh: ${#targets[@]} target(s), ${dur} each"
logdir=$(mktemp -d "${TMPDIR:-/tmp}/sbomx-fuzz.XXXXXX")
failed=0
summary=()
start_all=$SECONDS
for t in "${targets[@]}"; do
	pkg=${t% *}
	name=${t#* }
	log="$logdir/${pkg//\//_}.$name.log"
	start=$SECONDS
	status=FAIL
	for attempt in 1 2 3; do
		if go test -run '^$' -fuzz "^${name}\$" -fuzztime "$dur" -fuzzminimizetime "$minimize" "${parallel[@]+"${parallel[@]}"}" "$pkg" >"$log" 2>&1; then
			status=ok
			break
		fi
		# go1.26's fuzz coordinator can fail a target with a bare "context
		# deadline exceeded" when -fuzztime ends while a worker is mid-call
		# (golang/go#75804, fixed in Go 1.27): no input is written, nothing
		# failed. Such a run is retried (twice at most); any other failure,
		# or a written failing input, fails the target at once.
		if grep -q 'Failing input written\|failure while testing seed corpus\|panic:\|_test.go:[0-9]' "$log" ||
			! grep -q '^    context deadline exceeded$' "$log"; then
			break
		fi
		echo "retry  ${pkg#github.com/sbomx/sbomx/}.$name: bare 'context deadline exceeded' at the -fuzztime boundary (golang/go#75804)"
		cp "$log" "$log.deadline$attempt"
	done
	if [[ $status == FAIL ]]; then
		failed=$((failed + 1))
	fi
	execs=$( (grep -o 'execs: [0-9]*' "$log" || true) | tail -1 | awk '{print $2}')
	line=$(printf '%-6s %-50s %5ss  execs %s' "$status" "${pkg#github.com/sbomx/sbomx/}.$name" "$((SECONDS - start))" "${execs:-?}")
	echo "$line"
	summary+=("$line")
	if [[ $status == FAIL ]]; then
		sed 's/^/    /' "$log" | tail -40
	fi
done

echo
echo "fuzz.sh: summary (${dur} per target, $((SECONDS - start_all))s in all; logs in $logdir)"
printf '%s\n' "${summary[@]}"
if [[ $failed -gt 0 ]]; then
	echo "fuzz.sh: $failed of ${#targets[@]} target(s) FAILED" >&2
	exit 1
fi
echo "fuzz.sh: all ${#targets[@]} target(s) ok"
