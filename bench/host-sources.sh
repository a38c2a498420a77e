#!/usr/bin/env bash
# ps, tree and ports before and after a change (issue 15: "no command slower than 1.1x before"),
# in the same hyperfine run: BEFORE_DIR is a copy of the older tree with its jar built (for
# example: git archive OLD | tar -x -C /tmp/before && (cd /tmp/before && mvn -o -q package
# -DskipTests)). Each tree runs through its own warm server and in a fresh JVM (its own
# class-data-sharing archive, made before the run).
# Usage: BEFORE_DIR=/tmp/before bench/host-sources.sh [runs]   (needs hyperfine, a JDK, Maven)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
before=${BEFORE_DIR:?BEFORE_DIR=/path/to/the/older/tree, its target/stackscope.jar built}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

. bench/lib.sh
archive_ready() {   # waits until the tree's launcher has made its start-up archive
  local i
  for i in $(seq 240); do
    if compgen -G "$1/target/cds/*.jsa" >/dev/null || compgen -G "$1/target/cds/*.aot" >/dev/null; then
      return 0
    fi
    sleep 1
  done
  echo "bench: no start-up archive in $1/target/cds: fresh-JVM figures lack it" >&2
}
for d in . "$before"; do
  (cd "$d" && env STACKSCOPE_SERVER=off ./stackscope --version >/dev/null && archive_ready .)
  (cd "$d" && warm_server)
done

for cmd in "ps --interval 0" "tree" "ports"; do
  name=${cmd%% *}
  hyperfine -N -w 3 -r "$runs" --export-json "$tmp/$name.json" \
    -n "before: $cmd (warm server)" "env STACKSCOPE_SERVER=require $before/stackscope $cmd" \
    -n "after: $cmd (warm server)" "env STACKSCOPE_SERVER=require ./stackscope $cmd" \
    -n "before: $cmd (fresh JVM)" "env STACKSCOPE_SERVER=off $before/stackscope $cmd" \
    -n "after: $cmd (fresh JVM)" "env STACKSCOPE_SERVER=off ./stackscope $cmd" >/dev/null
  python3 - "$tmp/$name.json" "$cmd" <<'PY'
import json, sys
res = {x["command"]: x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
cmd = sys.argv[2]
for mode in ("warm server", "fresh JVM"):
    b, a = res[f"before: {cmd} ({mode})"], res[f"after: {cmd} ({mode})"]
    print(f"{cmd:16} {mode:12} before {b:7.1f} ms  after {a:7.1f} ms  after/before {a / b:.2f}x")
PY
done
