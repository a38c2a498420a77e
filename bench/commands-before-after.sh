#!/usr/bin/env bash
# bench/commands-before-after.sh BEFORE.jar AFTER.jar — the same commands through two builds in the
# same hyperfine run (fresh JVMs, the launcher's JVM flags, no CDS archive), against loopback
# peers only: a DNS responder that answers every query NXDOMAIN (bench/nxdomain-responder.py) and
# a TCP listener (python3 -m http.server). Used to check that a refactoring made no command slower
# (issue 15: at most 1.1x). Both jars need their lib/ directory beside them (target/lib).
# Needs hyperfine and python3.
set -euo pipefail
[ $# = 2 ] || { echo "usage: $0 BEFORE.jar AFTER.jar" >&2; exit 2; }
before=$(realpath "$1")
after=$(realpath "$2")
here=$(cd "$(dirname "$0")" && pwd)
runs=${RUNS:-15}
dns_port=${DNS_PORT:-53999}
tcp_port=${TCP_PORT:-18999}
work=$(mktemp -d /tmp/stackscope-before-after.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
python3 "$here/nxdomain-responder.py" "$dns_port" & pids+=($!)
python3 -m http.server "$tcp_port" --bind 127.0.0.1 >/dev/null 2>&1 & pids+=($!)
printf '. 3600 NS a.root.bench.\na.root.bench. 3600 A 127.0.0.1\n' > "$work/hints"
sleep 1
java="java -XX:+UseSerialGC -XX:-UsePerfData -XX:TieredStopAtLevel=1 -Dpicocli.disable.closures=true"
commands=(
  "dns resolve x.test --server 127.0.0.1:$dns_port --json"
  "dns trace x.test --root-hints $work/hints --port $dns_port"
  "explain 127.0.0.1:$tcp_port --connect"
  "explain x.test --server 127.0.0.1:$dns_port --json"
)
for c in "${commands[@]}"; do
  hyperfine -N -i --warmup 2 --runs "$runs" --export-json "$work/r.json" \
    -n "before: $c" "$java -jar $before $c" \
    -n "after:  $c" "$java -jar $after $c" >/dev/null
  python3 - "$work/r.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))["results"]
b, a = (x["median"] * 1000 for x in r)
print(f"{r[0]['command'][8:]:<60} before {b:7.1f} ms  after {a:7.1f} ms  ratio {a / b:.2f}")
PY
done
