#!/usr/bin/env bash
# stackscope tree vs pstree and ps -ef --forest, with about 600 and about 5,000 processes
# (sleepers spawned for the run and killed afterwards), in the same hyperfine run; stackscope
# both through the warm server and in a fresh JVM (bench/lib.sh).
# Usage: bench/tree.sh [runs]   (needs hyperfine, pstree from psmisc, a JDK and Maven)
# BEFORE=/path/to/older/stackscope.jar adds that jar's 'tree' (same JVM flags as the launcher, no
# start-up archive) to the same hyperfine run, with this tree's jar run the same way, so a change
# can be compared with what it replaced; the older jar needs its lib/ directory beside it.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
tmp=$(mktemp -d)
sleepers=()
cleanup() {
  if [ ${#sleepers[@]} -gt 0 ]; then kill "${sleepers[@]}" 2>/dev/null || true; fi
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

. bench/lib.sh
./stackscope --version >/dev/null   # builds the jar if needed (and the start-up archive, if any)
sleep 2

count() {   # processes now (a glob, not ls: processes come and go while it runs)
  local p=(/proc/[0-9]*)
  echo ${#p[@]}
}

spawn_to() {   # spawn sleepers until the system has about $1 processes
  local target=$1 now
  now=$(count)
  while [ "$now" -lt "$target" ]; do
    sleep 3600 &
    sleepers+=($!)
    now=$((now + 1))
  done
  sleep 1
}

jvm="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Dpicocli.disable.closures=true"
extra=()
if [ -n "${BEFORE:-}" ]; then
  extra=(-n "before: java -jar $BEFORE tree" "$jvm -jar $BEFORE tree"
         -n "after: java -jar target/stackscope.jar tree" "$jvm -jar target/stackscope.jar tree")
fi

for n in 600 5000; do
  spawn_to "$n"
  warm_server
  echo "== $(count) processes"
  hyperfine -N -w 3 -r "$runs" --export-markdown "$tmp/tree-$n.md" --export-json "$tmp/tree-$n.json" \
    -n "stackscope tree (warm server)" "env STACKSCOPE_SERVER=require ./stackscope tree" \
    -n "stackscope tree (fresh JVM)" "env STACKSCOPE_SERVER=off ./stackscope tree" \
    -n "pstree" "pstree" \
    -n "ps -ef --forest" "ps -ef --forest" \
    -n "stackscope --version (fresh JVM start-up alone)" "env STACKSCOPE_SERVER=off ./stackscope --version" \
    "${extra[@]}" >/dev/null
  cat "$tmp/tree-$n.md"
  python3 - "$tmp/tree-$n.json" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
r = {x["command"]: x["median"] for x in res}
cpu = {x["command"]: x["user"] + x["system"] for x in res}
w, c = r["stackscope tree (warm server)"], r["stackscope tree (fresh JVM)"]
p, f = r["pstree"], r["ps -ef --forest"]
print(f"wall medians: stackscope warm {w*1000:.0f} ms, fresh JVM {c*1000:.0f} ms, pstree {p*1000:.0f} ms,"
      f" ps -ef --forest {f*1000:.0f} ms; warm/pstree {w/p:.2f}x, fresh/pstree {c/p:.2f}x, warm/ps {w/f:.2f}x")
print("cpu (user+sys, mean): " + ", ".join(f"{k} {v*1000:.0f} ms" for k, v in cpu.items()))
PY
done
