#!/usr/bin/env bash
# bench/dns-encrypted.sh — (issue 20) `dns resolve` over TLS (DoT) and HTTPS (DoH, POST) against a
# local Unbound on 127.0.0.1, vs `kdig +tls` / `kdig +https`, warm (stackscope's warm server), one
# name and type per run. Unbound runs with an OPENSSL_CONF that sets NumTickets = 0: with TLS 1.3
# session tickets Unbound 1.17 delays each DoT reply by ~40 ms for every client, which would hide
# the clients' own cost. Target: stackscope ≤ 1.5× kdig. A part of bench/dns.sh's subject in a
# script of its own (no namespace, no relay). Needs unbound, kdig (knot-dnsutils), openssl, hyperfine.
# The stackscope figure is './stackscope …' as typed, with STACKSCOPE_SERVER=require in hyperfine's
# environment (a run the warm server did not serve fails); the same through
# 'env STACKSCOPE_SERVER=require' (one more program to start, as the figures before 2026-12-05
# evening were taken) is in the run too, as in bench/ports.sh.
# BASELINE=DIR also measures the launcher of an earlier build in DIR (a copy of a checkout's
# ./stackscope and target/) in the same run, with its own warm server: before/after figures.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${RUNS:-30}
for t in unbound kdig openssl hyperfine python3; do
  command -v "$t" >/dev/null || { echo "bench/dns-encrypted.sh: $t absent (apt-get install unbound knot-dnsutils openssl hyperfine)" >&2; exit 2; }
done
. bench/lib.sh
./stackscope --version >/dev/null   # builds the jar outside the timing

work=$(mktemp -d /tmp/stackscope-dnsenc-bench.XXXXXX)
pid=""
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
dot=$(free_port); doh=$(free_port)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$work/key.pem" \
  -out "$work/cert.pem" -days 2 -subj /CN=dns.test -addext "subjectAltName=DNS:dns.test,IP:127.0.0.1" 2>/dev/null
cat > "$work/openssl.cnf" <<CNF
openssl_conf = openssl_init
[openssl_init]
ssl_conf = ssl_sect
[ssl_sect]
system_default = system_default_sect
[system_default_sect]
NumTickets = 0
CNF
cat > "$work/unbound.conf" <<CONF
server:
  interface: 127.0.0.1@$dot
  interface: 127.0.0.1@$doh
  tls-port: $dot
  https-port: $doh
  tls-service-key: "$work/key.pem"
  tls-service-pem: "$work/cert.pem"
  do-ip6: no
  access-control: 127.0.0.0/8 allow
  username: ""
  chroot: ""
  directory: "$work"
  pidfile: "$work/unbound.pid"
  use-syslog: no
  logfile: ""
  module-config: "iterator"
  local-zone: "enc.test." static
  local-data: "www.enc.test. 300 IN A 192.0.2.1"
remote-control:
  control-enable: no
CONF
OPENSSL_CONF=$work/openssl.cnf unbound -d -c "$work/unbound.conf" > "$work/unbound.out" 2>&1 &
pid=$!
for i in $(seq 100); do
  kdig @127.0.0.1 -p "$dot" +tls +tls-ca="$work/cert.pem" +short www.enc.test A 2>/dev/null | grep -q 192.0.2.1 && break
  sleep 0.1
done
warm_server
baseline=${BASELINE:-}
if [ -n "$baseline" ]; then
  (cd "$baseline" && warm_server)
fi
ca=$work/cert.pem
s_dot="./stackscope dns resolve www.enc.test A --server 127.0.0.1:$dot --tls --cacert $ca --short"
s_doh="./stackscope dns resolve www.enc.test A --https https://127.0.0.1:$doh/dns-query --cacert $ca --short"
k_dot="kdig @127.0.0.1 -p $dot +tls +tls-ca=$ca +short www.enc.test A"
k_doh="kdig @127.0.0.1 -p $doh +https=/dns-query +tls-ca=$ca +short www.enc.test A"
e_dot="env STACKSCOPE_SERVER=require $s_dot"
e_doh="env STACKSCOPE_SERVER=require $s_doh"
export STACKSCOPE_SERVER=require
b_dot=${s_dot/.\/stackscope/$baseline/stackscope}
b_doh=${s_doh/.\/stackscope/$baseline/stackscope}
checks=("$s_dot" "$s_doh" "$k_dot" "$k_doh")
extra=()
if [ -n "$baseline" ]; then
  checks+=("$b_dot" "$b_doh")
  extra=(-n "baseline --tls (warm server)" "$b_dot" -n "baseline --https (warm server)" "$b_doh")
fi
for c in "${checks[@]}"; do
  out=$($c) && [ "$out" = 192.0.2.1 ] || { echo "bench: '$c' did not answer 192.0.2.1: $out" >&2; exit 1; }
done
echo "load average before the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
hyperfine -N --warmup 3 --runs "$runs" --style basic --export-json "$work/hyperfine.json" \
  -n "stackscope dns resolve --tls (warm server)" "$s_dot" \
  -n "kdig +tls" "$k_dot" \
  -n "stackscope dns resolve --https (warm server)" "$s_doh" \
  -n "kdig +https" "$k_doh" \
  -n "env … --tls (warm server)" "$e_dot" \
  -n "env … --https (warm server)" "$e_doh" "${extra[@]}" 2>&1 | grep -v '^\s*$' >&2 || true
echo "load average after the run: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
python3 - "$work/hyperfine.json" <<'PY'
import json, sys
res = {r["command"]: r["median"] for r in json.load(open(sys.argv[1]))["results"]}
base = "baseline --tls (warm server)" in res
print("| transport | stackscope (warm, as typed) | kdig | ratio | through env | ratio |"
      + (" baseline (warm, as typed) | ratio |" if base else ""))
print("| --- | ---: | ---: | ---: | ---: | ---: |" + (" ---: | ---: |" if base else ""))
for label, s, k, e, b in (
    ("DoT", "stackscope dns resolve --tls (warm server)", "kdig +tls",
     "env … --tls (warm server)", "baseline --tls (warm server)"),
    ("DoH (POST)", "stackscope dns resolve --https (warm server)", "kdig +https",
     "env … --https (warm server)", "baseline --https (warm server)")):
    row = "| %s | %.1f ms | %.1f ms | %.2f× | %.1f ms | %.2f× |" % (
        label, res[s] * 1000, res[k] * 1000, res[s] / res[k], res[e] * 1000, res[e] / res[k])
    if base:
        row += " %.1f ms | %.2f× |" % (res[b] * 1000, res[b] / res[k])
    print(row)
PY
