#!/usr/bin/env bash
# unix: stackscope ports --unix vs ss -xp (issue 17), with about 2,000 Unix sockets: a Python
# helper binds one listener and makes 1,000 connected pairs through it (plus an abstract listener
# and a socketpair); it is killed on exit. stackscope through the warm server ('./stackscope', as
# typed; the script checks one server served every run) and in a fresh JVM (which loads JNA for
# netlink: ~140 ms), all in the same hyperfine run:
#   ports -x -a      vs  ss -xap     (every Unix socket with holders)
#   ports -x         vs  ss -xlp     (those waiting for peers)
#   ports -x --state established  vs  ss -xp  (the connections: ss's default)
# Needs hyperfine, python3, ss (iproute2), a C compiler (the launcher's client).
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
./stackscope --version >/dev/null   # builds the jar and its CDS archive on first use
warm_server

helper=$(mktemp)
dir=$(mktemp -d)
pid=
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$helper" "$dir"; }
trap cleanup EXIT
cat > "$helper" <<'PY'
import os, resource, signal, socket, sys
pairs, path = int(sys.argv[1]), sys.argv[2]
soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
resource.setrlimit(resource.RLIMIT_NOFILE, (min(hard, max(soft, 2 * pairs + 100)), hard))
server = socket.socket(socket.AF_UNIX); server.bind(path); server.listen(4096)
socks = [server]
abstract = socket.socket(socket.AF_UNIX); abstract.bind("\0stackscope-bench"); abstract.listen(8)
socks += [abstract, *socket.socketpair()]
for _ in range(pairs):
    c = socket.socket(socket.AF_UNIX); c.connect(path); a, _ = server.accept(); socks += [c, a]
print(len(socks), flush=True)
signal.pause()
PY

python3 "$helper" "${PAIRS:-1000}" "$dir/app.sock" > "$dir/ready" &
pid=$!
until [ -s "$dir/ready" ]; do sleep 0.1; done
echo "== $(cat "$dir/ready") sockets in the helper; $(ss -xaH | wc -l) Unix sockets on the host"
before=$(server_pids)
hyperfine -N --warmup 3 --runs "${RUNS:-20}" --export-json /tmp/unix-bench.json \
  -n 'stackscope ports -x -a (warm server)' './stackscope ports -x -a' \
  -n 'ss -xap' 'ss -xap' \
  -n 'stackscope ports -x (warm server)' './stackscope ports -x' \
  -n 'ss -xlp' 'ss -xlp' \
  -n 'stackscope ports -x --state established (warm server)' './stackscope ports -x --state established' \
  -n 'ss -xp' 'ss -xp' \
  -n 'stackscope ports -x -a (fresh JVM)' 'env STACKSCOPE_SERVER=off ./stackscope ports -x -a'
same_server_still_serves "$before"
python3 - /tmp/unix-bench.json <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
for x in r.values():
    cpu = (x["user"] + x["system"]) * 1000
    print(f"  median {x['median'] * 1000:8.1f} ms  cpu {cpu:6.0f} ms  {x['command']}")
for ours, peer in [("stackscope ports -x -a (warm server)", "ss -xap"),
                   ("stackscope ports -x (warm server)", "ss -xlp"),
                   ("stackscope ports -x --state established (warm server)", "ss -xp")]:
    print(f"  {ours} / {peer} = {r[ours]['median'] / r[peer]['median']:.2f}")
PY
