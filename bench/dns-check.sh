#!/usr/bin/env bash
# bench/dns-check.sh — `dns check` of a zone with 4 nameservers × 2 addresses (IPv4 and IPv6),
# 20 ms added to every query (root, parent and the zone's servers alike) by the delaying relay of
# bench/dns.sh in front of NSD (this kernel has no netem), inside a network namespace of its own.
# Issue 20's target: ≤ 0.5 s, the servers being asked in parallel. The peer in the same run:
# `dig +nssearch` (the SOA of every nameserver of the zone: a small part of what dns check asks),
# pointed at one of the zone's servers, the nameservers' addresses from the namespace's hosts file.
# Needs root, ip, nsd, dig, hyperfine, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-20}
delay_ms=${DELAY_MS:-20}

[ "$(id -u)" = 0 ] || { echo "bench/dns-check.sh: needs root (ip netns)" >&2; exit 2; }
for t in ip nsd dig hyperfine python3; do
  command -v "$t" >/dev/null || { echo "bench/dns-check.sh: $t absent (apt-get install nsd bind9-dnsutils hyperfine)" >&2; exit 2; }
done
. bench/lib.sh
./stackscope --version >/dev/null   # builds the jar (and its CDS archive) outside the timing

ns=ss-dnscheck-bench-$$
work=$(mktemp -d /tmp/stackscope-dnscheck-bench.XXXXXX)
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
# dig +nssearch looks the nameservers' addresses up through the C library: a hosts file of the
# namespace's own answers, and a resolv.conf that points nowhere, so no query leaves loopback
echo "nameserver 127.0.0.1" > "/etc/netns/$ns/resolv.conf"
for i in 11 12 13 14; do
  ip netns exec "$ns" ip -6 addr add "fd53::$i/128" dev lo nodad
  printf '127.53.0.%s ns%s.bench.test\nfd53::%s ns%s.bench.test\n' "$i" "$i" "$i" "$i" >> "/etc/netns/$ns/hosts"
done

# the fronts (relay) are 127.53.0.x and fd53::x; the NSDs behind them 127.53.1.x
cat > "$work/root.zone" <<Z
\$TTL 86400
. SOA a.root. h.root. 1 3600 600 86400 3600
. NS a.root.
a.root. A 127.53.0.1
test. NS ns.test.
ns.test. A 127.53.0.2
Z
{
  printf '$TTL 86400\ntest. SOA ns.test. h.test. 1 3600 600 86400 3600\ntest. NS ns.test.\nns.test. A 127.53.0.2\n'
  for i in 11 12 13 14; do
    printf 'bench.test. NS ns%s.bench.test.\nns%s.bench.test. A 127.53.0.%s\nns%s.bench.test. AAAA fd53::%s\n' "$i" "$i" "$i" "$i" "$i"
  done
} > "$work/test.zone"
{
  printf '$TTL 3600\nbench.test. SOA ns11.bench.test. h.bench.test. 1 3600 600 1209600 3600\n'
  for i in 11 12 13 14; do
    printf 'bench.test. 86400 NS ns%s.bench.test.\nns%s.bench.test. A 127.53.0.%s\nns%s.bench.test. AAAA fd53::%s\n' "$i" "$i" "$i" "$i" "$i"
  done
  printf 'www.bench.test. A 192.0.2.1\n'
} > "$work/bench.zone"

nsd_for() { # host origin file
  cat > "$work/nsd$1.conf" <<CONF
server:
  ip-address: 127.53.1.$1
  port: 53
  do-ip6: no
  server-count: 1
  username: ""
  chroot: ""
  zonesdir: "$work"
  database: ""
  pidfile: "$work/nsd$1.pid"
  xfrdfile: "$work/nsd$1.xfrd"
  zonelistfile: "$work/nsd$1.zonelist"
  logfile: "$work/nsd$1.log"
remote-control:
  control-enable: no
zone:
  name: "$2"
  zonefile: "$3"
CONF
  ip netns exec "$ns" nsd -d -c "$work/nsd$1.conf" > "$work/nsd$1.out" 2>&1 &
  pids+=($!)
}
nsd_for 1 . root.zone
nsd_for 2 test. test.zone
nsd_for 3 bench.test. bench.zone
pairs=(127.53.0.1=127.53.1.1 127.53.0.2=127.53.1.2)
for i in 11 12 13 14; do
  pairs+=("127.53.0.$i=127.53.1.3" "fd53::$i=127.53.1.3")
done
ip netns exec "$ns" python3 bench/dns-relay.py "$delay_ms" "$work/count" "${pairs[@]}" > "$work/relay.out" 2>&1 &
pids+=($!)
printf '.  3600000  NS  a.root.\na.root.  3600000  A  127.53.0.1\n' > "$work/root.hints"

for i in $(seq 1 100); do
  ip netns exec "$ns" dig +short +time=1 +tries=1 @fd53::14 bench.test SOA 2>/dev/null | grep -q . \
    && ip netns exec "$ns" dig +short +time=1 +tries=1 @127.53.0.1 . SOA 2>/dev/null | grep -q . && break
  sleep 0.2
  [ "$i" = 100 ] && { echo "bench/dns-check.sh: servers did not come up" >&2; cat "$work"/*.out >&2; exit 1; }
done

check="dns check bench.test --root-hints $work/root.hints"
cmd_warm="ip netns exec $ns env STACKSCOPE_SERVER=require ./stackscope $check"
cmd_cold="ip netns exec $ns env STACKSCOPE_SERVER=off ./stackscope $check"
cmd_dig="ip netns exec $ns dig +nssearch @127.53.0.11 bench.test"
cmd_floor="ip netns exec $ns env STACKSCOPE_SERVER=off ./stackscope --version"

queries() { # command → queries that reached the servers during one run
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
warm_server ip netns exec "$ns"
bash -c "$cmd_warm" > "$work/check.out" || { echo "dns check found something:" >&2; cat "$work/check.out" >&2; exit 1; }
[ "$(grep -c 'answered' "$work/check.out")" = 8 ] || { echo "dns check did not ask 8 addresses:" >&2; cat "$work/check.out" >&2; exit 1; }
q_check=$(queries "$cmd_warm")
q_dig=$(queries "$cmd_dig")

hyperfine -N --warmup 2 --runs "$runs" --style basic \
  --export-json "$work/hyperfine.json" \
  -n "stackscope dns check (warm server)" "$cmd_warm" \
  -n "stackscope dns check (fresh JVM)" "$cmd_cold" \
  -n "dig +nssearch" "$cmd_dig" \
  -n "stackscope --version (fresh JVM start-up, no DNS)" "$cmd_floor" 2>&1 | grep -v '^\s*$' >&2 || true

python3 - "$work/hyperfine.json" "$q_check" "$q_dig" <<'PY'
import json, sys
res = json.load(open(sys.argv[1]))["results"]
q = {"stackscope dns check (warm server)": sys.argv[2], "stackscope dns check (fresh JVM)": sys.argv[2],
     "dig +nssearch": sys.argv[3], "stackscope --version (fresh JVM start-up, no DNS)": "0"}
print("| tool | median wall | queries at the servers |")
print("| --- | ---: | ---: |")
for r in res:
    print("| %s | %.0f ms | %s |" % (r["command"], r["median"] * 1000, q[r["command"]]))
PY
