#!/usr/bin/env bash
# ports: stackscope ports vs ss -tulpn, netstat -tulpn and lsof -i -n -P, with about 100 and about
# 2,000 open sockets (and './stackscope --version', the JVM start-up floor, for reference) (a helper
# Python process opens loopback listeners, UDP sockets and connected TCP pairs; it is killed on
# exit); stackscope both through the warm server and in a fresh JVM (bench/lib.sh). The warm
# figure is plain './stackscope ports', as typed; the same through 'env STACKSCOPE_SERVER=require'
# (one more process to start) is in the run too, and the script checks that one server served
# every plain run.
# Needs hyperfine, python3, ss (iproute2), netstat (net-tools), lsof, a C compiler.
# BEFORE=/path/to/older/stackscope.jar adds that jar's 'ports' (same JVM flags as the launcher, no
# start-up archive) and this tree's jar run the same way to the same hyperfine run.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
jvm="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Dpicocli.disable.closures=true"
extra=()
if [ -n "${BEFORE:-}" ]; then
  extra=(-n "before: $BEFORE" "$jvm -jar $BEFORE ports" -n "this tree's jar" "$jvm -jar target/stackscope.jar ports")
fi
./stackscope --version >/dev/null   # builds the jar and its CDS archive on first use
warm_server

helper=$(mktemp)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -f "$helper"; }
trap cleanup EXIT
cat > "$helper" <<'PY'
import os, resource, signal, socket, sys
n = int(sys.argv[1])
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, n + 100)), hard))
socks = []
server = socket.socket(); server.bind(("127.0.0.1", 0)); server.listen(4096); socks.append(server)
while len(socks) < n:
    kind = len(socks) % 4
    if kind == 0:
        s = socket.socket(socket.AF_INET6); s.bind(("::1", 0)); s.listen(1); socks.append(s)
    elif kind == 1:
        u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(("127.0.0.1", 0)); socks.append(u)
    else:
        c = socket.socket(); c.connect(server.getsockname()); a, _ = server.accept(); socks += [c, a]
print(len(socks), flush=True)
signal.pause()
PY

for n in 100 2000; do
  python3 "$helper" "$n" > /tmp/ports-bench-ready.$$ &
  pid=$!
  until [ -s /tmp/ports-bench-ready.$$ ]; do sleep 0.1; done
  procs=(/proc/[0-9]*)
  echo "== about $n sockets: $(ss -tuanH | wc -l) TCP/UDP sockets on the host, $(ss -tulnH | wc -l) listening, ${#procs[@]} processes"
  before=$(server_pids)
  hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json "/tmp/ports-bench-$n.json" \
    -n 'stackscope ports (warm server)' './stackscope ports' \
    -n 'stackscope ports (fresh JVM)' 'env STACKSCOPE_SERVER=off ./stackscope ports' \
    -n 'ss -tulpn' 'ss -tulpn' \
    -n 'netstat -tulpn' 'netstat -tulpn' \
    -n 'lsof -i -n -P' 'lsof -i -n -P' \
    -n 'stackscope ports (warm, via env STACKSCOPE_SERVER=require)' 'env STACKSCOPE_SERVER=require ./stackscope ports' \
    -n 'stackscope --version (fresh JVM)' 'env STACKSCOPE_SERVER=off ./stackscope --version' \
    "${extra[@]}"
  same_server_still_serves "$before"
  python3 - "/tmp/ports-bench-$n.json" <<'PY'
import json, sys
results = json.load(open(sys.argv[1]))["results"]
warm, cold = results[0]["median"], results[1]["median"]
for r in results:
    cpu = (r['user'] + r['system']) * 1000
    print(f"  median {r['median'] * 1000:8.1f} ms  cpu {cpu:6.0f} ms  {r['command']:<58}"
          f" warm/this = {warm / r['median']:.2f}  fresh/this = {cold / r['median']:.2f}")
PY
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  rm -f /tmp/ports-bench-ready.$$
done
