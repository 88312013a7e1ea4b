#!/usr/bin/env bash
# Usage: scripts/oracle/run.sh ECO MODE < in.tsv > out.tsv
#   ECO  = npm | pypi | maven | gem | composer | cargo | golang | deb | rpm
#   MODE = range | compare | valid | version (prints the tool and its version)
# Dev tool only (never run in CI). See scripts/oracle/README.md for installing the tools.
# Tools built or installed outside the repository live under $ORACLE_SCRATCH
# (default /work/oracle-scratch): node_modules for npm, the cargo and go binaries.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
scratch=${ORACLE_SCRATCH:-/work/oracle-scratch}
eco=${1:?usage: run.sh ECO MODE}
mode=${2:?usage: run.sh ECO MODE}

has_mode() { # has_mode "modes the ecosystem has": exit 2 unless $mode is one of them (or "version")
  [[ $mode == version || " $1 " == *" $mode "* ]] && return 0
  echo "run.sh: $eco has no $mode mode (has: $1)" >&2
  exit 2
}

case $eco in
  npm)
    has_mode "range compare valid"
    [[ -d $scratch/npm/node_modules/semver ]] || { echo "run.sh: npm install semver@7 in $scratch/npm first (README)" >&2; exit 3; }
    ORACLE_NPM_DIR=$scratch/npm exec node "$here/npm/oracle.js" "$mode" ;;
  pypi)
    has_mode "range compare valid"
    exec /usr/bin/python3 "$here/pypi/oracle.py" "$mode" ;;
  maven)
    has_mode "range compare valid"
    cp=/usr/share/maven/lib/maven-artifact-3.x.jar:/usr/share/maven/lib/commons-lang3.jar
    exec java -cp "$cp" "$here/maven/Oracle.java" "$mode" ;;
  gem)
    has_mode "range compare valid"
    exec /usr/bin/ruby "$here/gem/oracle.rb" "$mode" ;;
  composer)
    has_mode "range compare valid"
    exec php "$here/composer/oracle.php" "$mode" ;;
  cargo)
    has_mode "range compare valid"
    bin=$scratch/cargo-target/release/sbomx-cargo-oracle
    if [[ ! -x $bin || $here/cargo/src/main.rs -nt $bin ]]; then
      (cd "$here/cargo" && CARGO_TARGET_DIR=$scratch/cargo-target cargo build --release --offline -q) >&2
    fi
    exec "$bin" "$mode" ;;
  golang)
    has_mode "compare valid"
    bin=$scratch/golang-oracle
    if [[ ! -x $bin || $here/golang/main.go -nt $bin || $here/golang/go.mod -nt $bin ]]; then
      (cd "$here/golang" && go build -o "$bin" .) >&2
    fi
    exec "$bin" "$mode" ;;
  deb)
    has_mode "compare valid"
    exec /usr/bin/python3 "$here/deb/oracle.py" "$mode" ;;
  rpm)
    has_mode "compare valid"
    exec /usr/bin/python3 "$here/rpm/oracle.py" "$mode" ;;
  *) echo "run.sh: unknown ecosystem $eco (nuget and pub have no runnable tool: see README)" >&2; exit 2 ;;
esac
