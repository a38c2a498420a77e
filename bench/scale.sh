#!/usr/bin/env bash
# Scale (issue 14, section 4): stackscope at tens of thousands of processes and sockets, against
# pstree and ss in the same hyperfine run, with the load made by bench/scale-load.c:
#   tree    TREE_N=30000 sleeping processes (a 30-ary tree): tree, tree -p vs pstree, pstree -p
#   chain   CHAIN_N=5000 processes, each the parent of the next: tree, tree -p, tree --json vs pstree
#   ports   PORT_LISTENERS=10000 listeners + PORT_PAIRS=20000 connected pairs = 50,000 TCP
#           sockets: ports vs ss -tulpn, ports --all vs ss -tuanp
#   stack   STACK_N=10000 processes holding STACK_CONNS=20000 connections to STACK_SERVERS=100
#           server processes: stack vs ss -tanp + ps -eo
# stackscope both through the warm server (./stackscope, as typed; the server runs with -Xmx256m)
# and in a fresh JVM (STACKSCOPE_SERVER=off); then each command once more in a fresh JVM with
# -Xmx256m and a GC log, for its peak heap, and its row count against the peer's.
# Every address is on 127.0.0.0/8. For the run it raises kernel.pid_max (when the processes would
# not fit; restored on exit); the sockets are spread over processes of at most 15,000 each (the
# open-file limit's hard cap here is 20,000). Every process it started is killed on exit.
# Usage: bench/scale.sh [runs] (default 5; WARMUP=1 warm-up runs); PARTS="tree ports" for some parts
# only. The chain part is slow to set up on a loaded machine (each link waits for a CPU).
# Needs root, hyperfine, pstree (psmisc), ss (iproute2), python3, a C compiler.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
parts=${PARTS:-tree chain ports stack}
TREE_N=${TREE_N:-30000} CHAIN_N=${CHAIN_N:-5000}
PORT_LISTENERS=${PORT_LISTENERS:-10000} PORT_PAIRS=${PORT_PAIRS:-20000}
STACK_N=${STACK_N:-10000} STACK_CONNS=${STACK_CONNS:-20000} STACK_SERVERS=${STACK_SERVERS:-100}

tmp=$(mktemp -d)
load=
pid_max_was=$(cat /proc/sys/kernel/pid_max)
pid_max_set=
stop_load() {
  if [ -n "$load" ]; then
    kill -KILL -- "-$load" 2>/dev/null || true
    wait "$load" 2>/dev/null || true
    # children die with their parents (PR_SET_PDEATHSIG); wait until the group is gone
    local i
    for i in $(seq 600); do
      pgrep -g "$load" >/dev/null || break
      kill -KILL -- "-$load" 2>/dev/null || true
      sleep 0.2
    done
    load=
  fi
}
cleanup() {
  stop_load
  if [ -n "$pid_max_set" ] && [ "$(cat /proc/sys/kernel/pid_max)" = "$pid_max_set" ]; then
    echo "$pid_max_was" > /proc/sys/kernel/pid_max   # unless someone else changed it since
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

. bench/lib.sh
./stackscope --version >/dev/null   # builds the jar if needed
cc -O2 -o "$tmp/scale-load" bench/scale-load.c
java=${JAVA_HOME:+$JAVA_HOME/bin/}java
jvm="$java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Dpicocli.disable.closures=true"

nprocs() { local p=(/proc/[0-9]*); echo ${#p[@]}; }
threads() { ps -eLo lwp --no-headers | wc -l; }

# Room for $1 more processes: pid_max raised for the run if they would not fit with 8,000 spare.
room_for() {
  local want=$(($(threads) + $1 + 8000))
  if [ "$want" -gt "$(cat /proc/sys/kernel/pid_max)" ]; then
    echo "(kernel.pid_max $(cat /proc/sys/kernel/pid_max) -> 65536 for the run)"
    echo 65536 > /proc/sys/kernel/pid_max
    pid_max_set=65536
  fi
}

start_load() {   # scale-load ARGS...: starts it and waits for "ready"
  "$tmp/scale-load" "$@" > "$tmp/ready" &
  load=$!
  local i
  for i in $(seq 1200); do
    [ -s "$tmp/ready" ] && return 0
    kill -0 "$load" 2>/dev/null || { echo "scale-load $* failed" >&2; load=; return 1; }
    sleep 0.1
  done
  echo "scale-load $* not ready after 120 s" >&2
  return 1
}

# heap NAME ARGS...: a fresh JVM with -Xmx256m; prints its exit code, wall time and peak heap
# (the largest occupancy before a collection or at exit, from the GC log).
heap() {
  local name=$1
  shift
  local log=$tmp/gc-$name.log start end rc=0
  start=$(date +%s%N)
  $jvm -Xmx256m "-Xlog:gc,gc+heap+exit:file=$log" -jar target/stackscope.jar "$@" > "$tmp/out-$name" 2> "$tmp/err-$name" || rc=$?
  end=$(date +%s%N)
  python3 - "$log" "$name" "$rc" "$(((end - start) / 1000000))" "$tmp/err-$name" <<'PY'
import re, sys
log, name, rc, ms, err = sys.argv[1:]
peak = 0.0
units = {"K": 1 / 1024, "M": 1, "G": 1024}
text = open(log).read()
for m in re.finditer(r"Pause \w+ \([^)]*\) (\d+)([KMG])->", text):
    peak = max(peak, int(m.group(1)) * units[m.group(2)])
used = 0.0
for m in re.finditer(r"generation +total \d+[KMG], used (\d+)([KMG])", text):   # at exit
    used += int(m.group(1)) * units[m.group(2)]
gcs = len(re.findall(r"Pause ", text))
msg = open(err).read().strip().splitlines()
print(f"  {name}: -Xmx256m exit {rc}, {ms} ms, peak heap {max(peak, used):.0f} MB ({gcs} collections)"
      + (f"; stderr: {msg[0][:160]}" if msg else ""))
PY
}

count_json() {   # count_json FILE KIND: tree nodes / array rows in a JSON output
  python3 - "$1" "$2" <<'PY'
import json, sys
doc = json.load(open(sys.argv[1]))
kind = sys.argv[2]
if kind == "tree":
    todo, n = [doc] if isinstance(doc, dict) else list(doc), 0
    while todo:
        node = todo.pop()
        n += 1
        todo.extend(node["children"])
    print(n)
elif kind == "rows":
    print(len(doc) if isinstance(doc, list) else len(doc.get("sockets", doc.get("rows", []))))
else:
    print(json.dumps({k: (len(v) if isinstance(v, list) else v) for k, v in doc.items()}))
PY
}

bench() {   # bench NAME hyperfine-args...
  local name=$1
  shift
  hyperfine -N --warmup "${WARMUP:-1}" --runs "$runs" --export-json "$tmp/$name.json" "$@" >/dev/null
  python3 - "$tmp/$name.json" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
for r in res:
    print(f"  median {r['median'] * 1000:9.1f} ms  (min {r['min'] * 1000:8.1f}, max {r['max'] * 1000:8.1f})"
          f"  cpu {(r['user'] + r['system']) * 1000:7.0f} ms  {r['command']}")
PY
}

header() {
  echo "== $1: $(nprocs) processes, $(threads) threads, $(ss -tanH | wc -l) TCP sockets," \
    "load average $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +'%F %H:%M') UTC"
}

warm_server
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(uname -r); $($java -version 2>&1 | head -1)"

for part in $parts; do
  case $part in
    tree | chain)
      if [ "$part" = tree ]; then n=$TREE_N; args=(tree "$TREE_N" 30); else n=$CHAIN_N; args=(chain "$CHAIN_N"); fi
      room_for "$n"
      start_load "${args[@]}"
      header "$part, $n processes spawned"
      # complete and count: every spawned process (and the spawner) is in the tree under the spawner
      ./stackscope tree "$load" --json > "$tmp/tree.json"
      echo "  served tree $load --json: $(count_json "$tmp/tree.json" tree) processes;" \
        "ps: $(pgrep -c -g "$load") in the spawner's group"
      ./stackscope tree -p > "$tmp/tree-p.txt"
      pstree -p > "$tmp/pstree-p.txt"
      echo "  lines: tree -p $(wc -l < "$tmp/tree-p.txt"), pstree -p $(wc -l < "$tmp/pstree-p.txt")"
      heap "$part-tree" tree
      heap "$part-tree-p" tree -p
      heap "$part-tree-json" tree --json
      bench "$part" \
        -n 'stackscope tree (warm server)' './stackscope tree' \
        -n 'stackscope tree (fresh JVM)' 'env STACKSCOPE_SERVER=off ./stackscope tree' \
        -n 'pstree' 'pstree' \
        -n 'stackscope tree -p (warm server)' './stackscope tree -p' \
        -n 'stackscope tree -p (fresh JVM)' 'env STACKSCOPE_SERVER=off ./stackscope tree -p' \
        -n 'pstree -p' 'pstree -p' \
        -n 'ps -e' 'ps -e'
      stop_load
      ;;
    ports)
      start_load sockets "$PORT_LISTENERS" "$PORT_PAIRS"
      header "ports, $PORT_LISTENERS listeners + $PORT_PAIRS connected pairs"
      ./stackscope ports --json > "$tmp/ports.json"
      ./stackscope ports --all --json > "$tmp/ports-all.json"
      echo "  served ports --json: $(count_json "$tmp/ports.json" rows) rows; ss -tulnH: $(ss -tulnH | wc -l)"
      echo "  served ports --all --json: $(count_json "$tmp/ports-all.json" rows) rows; ss -tuanH: $(ss -tuanH | wc -l)"
      heap ports ports
      heap ports-all ports --all
      bench ports \
        -n 'stackscope ports (warm server)' './stackscope ports' \
        -n 'stackscope ports (fresh JVM)' 'env STACKSCOPE_SERVER=off ./stackscope ports' \
        -n 'ss -tulpn' 'ss -tulpn' \
        -n 'stackscope ports --all (warm server)' './stackscope ports --all' \
        -n 'stackscope ports --all (fresh JVM)' 'env STACKSCOPE_SERVER=off ./stackscope ports --all' \
        -n 'ss -tuanp' 'ss -tuanp'
      stop_load
      ;;
    stack)
      room_for "$STACK_N"
      start_load stack "$STACK_N" "$STACK_CONNS" "$STACK_SERVERS"
      header "stack, $STACK_N processes with $STACK_CONNS connections to $STACK_SERVERS servers"
      ./stackscope stack --json > "$tmp/stack.json"
      echo "  served stack --json: $(count_json "$tmp/stack.json" keys);" \
        "ss -tanH state established: $(ss -tanH state established | wc -l)"
      heap stack stack
      heap stack-json stack --json
      bench stack \
        -n 'stackscope stack (warm server)' './stackscope stack' \
        -n 'stackscope stack (fresh JVM)' 'env STACKSCOPE_SERVER=off ./stackscope stack' \
        -n 'ss -tanp + ps -eo' "sh -c 'ss -tanp >/dev/null; ps -eo pid,ppid,comm,args >/dev/null'"
      stop_load
      ;;
    *) echo "unknown part: $part" >&2; exit 2 ;;
  esac
done
