#!/usr/bin/env bash
# bench/dns.sh — a full trace of a 4-level name with a glueless delegation
# (www.deep.glueless.test: root → test. → glueless.test., whose nameserver ns.example.lab has no
# glue → deep.glueless.test.) on the NSD hierarchy of the tests, inside a network namespace of its
# own, with 20 ms added to every query by a delaying relay in front of each server (this kernel has
# no netem). Compares `stackscope dns trace` with `dig +trace` (Unbound as the namespace's
# resolver, cache flushed before every run) and `drill -T -r HINTS`: wall time (hyperfine) and the number
# of queries that reached the authoritative servers (counted at the relay).
# Needs root, ip, nsd, unbound, unbound-control, dig, drill, hyperfine, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
name=${NAME:-www.deep.glueless.test}
runs=${RUNS:-10}
delay_ms=${DELAY_MS:-20}

[ "$(id -u)" = 0 ] || { echo "bench/dns.sh: needs root (ip netns)" >&2; exit 2; }
for t in ip nsd unbound unbound-control dig drill hyperfine python3; do
  command -v "$t" >/dev/null || { echo "bench/dns.sh: $t absent (apt-get install nsd unbound bind9-dnsutils ldnsutils hyperfine)" >&2; exit 2; }
done
. bench/lib.sh
./stackscope --version >/dev/null   # builds the jar (and its CDS archive) outside the timing

ns=ss-dns-bench-$$
work=$(mktemp -d /tmp/stackscope-dns-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  ip netns pids "$ns" 2>/dev/null | xargs -r kill 2>/dev/null || true   # the namespace's warm server
  wait 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "/etc/netns/$ns" "$work"
}
trap cleanup EXIT
ip netns add "$ns"
ip netns exec "$ns" ip link set lo up
mkdir -p "/etc/netns/$ns"
echo "nameserver 127.53.0.53" > "/etc/netns/$ns/resolv.conf"

zones=src/test/resources/dev/stackscope/dns/hierarchy
# host number: origin=file ... (mirrors TestHierarchy; .7, the silent one, is left out)
servers=(
  "1 .=root.zone"
  "2 test.=test.zone"
  "3 lab.=lab.zone"
  "4 example.test.=example.test.zone lame.test.=lame.test.zone timeout.test.=timeout.test.zone 0.0.127.in-addr.arpa.=0.0.127.in-addr.arpa.zone"
  "5 example.lab.=example.lab.zone glueless.test.=glueless.test.zone"
  "6 unrelated.lab.=unrelated.lab.zone"
  "8 test.=loop-server.test.zone"
  "9 sub.example.test.=sub.example.test.zone deep.glueless.test.=deep.glueless.test.zone"
)
pairs=()
for s in "${servers[@]}"; do
  set -- $s
  host=$1; shift
  conf=$work/nsd$host.conf
  cat > "$conf" <<CONF
server:
  ip-address: 127.53.1.$host
  port: 53
  do-ip6: no
  server-count: 1
  username: ""
  chroot: ""
  zonesdir: "$work"
  database: ""
  pidfile: "$work/nsd$host.pid"
  xfrdfile: "$work/nsd$host.xfrd"
  zonelistfile: "$work/nsd$host.zonelist"
  logfile: "$work/nsd$host.log"
remote-control:
  control-enable: no
CONF
  for z in "$@"; do
    origin=${z%%=*}; file=${z#*=}
    cp "$zones/$file" "$work/$host-$file"
    printf 'zone:\n  name: "%s"\n  zonefile: "%s"\n' "$origin" "$host-$file" >> "$conf"
  done
  ip netns exec "$ns" nsd -d -c "$conf" > "$work/nsd$host.out" 2>&1 &
  pids+=($!)
  pairs+=("127.53.0.$host=127.53.1.$host")
done

ip netns exec "$ns" python3 bench/dns-relay.py "$delay_ms" "$work/count" "${pairs[@]}" > "$work/relay.out" 2>&1 &
pids+=($!)

printf '.  3600000  NS  a.root-servers.test.\na.root-servers.test.  3600000  A  127.53.0.1\n' > "$work/root.hints"
cat > "$work/unbound.conf" <<CONF
server:
  interface: 127.53.0.53
  port: 53
  do-ip6: no
  access-control: 127.0.0.0/8 allow
  username: ""
  chroot: ""
  directory: "$work"
  pidfile: "$work/unbound.pid"
  use-syslog: no
  logfile: ""
  root-hints: "$work/root.hints"
  do-not-query-localhost: no
  module-config: "iterator"
  local-zone: "test." nodefault
remote-control:
  control-enable: yes
  control-interface: "$work/unbound.ctl"
  control-use-cert: no
CONF
ip netns exec "$ns" unbound -d -c "$work/unbound.conf" > "$work/unbound.out" 2>&1 &
pids+=($!)

for i in $(seq 1 100); do
  ip netns exec "$ns" dig +short +time=1 +tries=1 @127.53.0.53 "$name" A 2>/dev/null | grep -q . && break
  sleep 0.2
  [ "$i" = 100 ] && { echo "bench/dns.sh: hierarchy did not come up" >&2; cat "$work"/*.out >&2; exit 1; }
done

cat > "$work/flush.sh" <<FLUSH
for what in "flush_zone ." "flush_infra all" "flush_requestlist"; do
  ip netns exec $ns unbound-control -c $work/unbound.conf \$what >/dev/null
done
FLUSH
flush="bash $work/flush.sh"
trace="dns trace $name --root-hints $work/root.hints -4"
cmd_stackscope="ip netns exec $ns env STACKSCOPE_SERVER=require ./stackscope $trace"
cmd_cold="ip netns exec $ns env STACKSCOPE_SERVER=off ./stackscope $trace"
cmd_dig="ip netns exec $ns dig -4 +trace $name"
cmd_floor="ip netns exec $ns env STACKSCOPE_SERVER=off ./stackscope --version"
cmd_drill="ip netns exec $ns drill -4 -T -r $work/root.hints $name"

queries() { # command → queries that reached the hierarchy during one cold run
  $flush
  local before after
  before=$(cat "$work/count")
  bash -c "$1" > "$work/last.out" 2>&1 || true
  after=$(cat "$work/count")
  echo $((after - before))
}
if [ -n "${HOLD:-}" ]; then # keep the namespace up for manual runs until killed
  echo "namespace $ns ready; root hints $work/root.hints; count $work/count" >&2
  sleep infinity & pids+=($!); wait $! || true
fi
warm_server ip netns exec "$ns"   # a server of the namespace's own (the socket name includes it)
grep -q "127.0.0.60" <(bash -c "$cmd_stackscope") || { echo "stackscope did not find the answer" >&2; exit 1; }
q_stackscope=$(queries "$cmd_stackscope")
q_dig=$(queries "$cmd_dig")
q_drill=$(queries "$cmd_drill")

hyperfine -N --warmup 1 --runs "$runs" --prepare "$flush" --style basic \
  --export-json "$work/hyperfine.json" \
  -n "stackscope dns trace (warm server)" "$cmd_stackscope" \
  -n "stackscope dns trace (fresh JVM)" "$cmd_cold" \
  -n "dig +trace" "$cmd_dig" \
  -n "drill -T" "$cmd_drill" \
  -n "stackscope --version (fresh JVM start-up, no DNS)" "$cmd_floor" 2>&1 | grep -v '^\s*$' >&2 || true

python3 - "$work/hyperfine.json" "$q_stackscope" "$q_dig" "$q_drill" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
q = dict(zip(["stackscope dns trace (warm server)", "dig +trace", "drill -T"], sys.argv[2:5]))
q["stackscope dns trace (fresh JVM)"] = sys.argv[2]
q["stackscope --version (fresh JVM start-up, no DNS)"] = "0"
base = res[0]["median"]
print("| tool | median wall | vs stackscope | queries at the servers |")
print("| --- | ---: | ---: | ---: |")
for r in res:
    print("| %s | %.0f ms | %.2f× | %s |" % (r["command"], r["median"] * 1000, r["median"] / base, q[r["command"]]))
PY
