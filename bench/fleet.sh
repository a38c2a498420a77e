#!/usr/bin/env bash
# stackscope fleet over 200 generated snapshots of 50 components each (a component per port,
# a third of them clients of the next host's components, some external endpoints), warm server
# and fresh JVM, against jq reading the same files (the floor: parsing them, no join), in one
# hyperfine run; then the heap: the same fleet run in a fresh JVM capped at -Xmx256m must succeed.
# Usage: bench/fleet.sh [runs] [hosts] [components]   (needs hyperfine and jq)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
hosts=${2:-200}
per=${3:-50}
tmp=$(mktemp -d)
out=$(mktemp -d)
trap 'rm -rf "$tmp" "$out"' EXIT
. bench/lib.sh
./stackscope --version >/dev/null   # builds the jar if needed

python3 - "$tmp" "$hosts" "$per" <<'PY'
import json, sys
out, hosts, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
roles = ["load-balancer", "web", "app", "cache", "database", "queue", "worker"]
def addr(h): return "10.%d.%d.%d" % (h // 65536 % 256, h // 256 % 256, h % 256 or 1)
for h in range(hosts):
    comps, ext = [], []
    for c in range(per):
        comps.append({"id": "svc%d" % c, "role": roles[c % len(roles)], "program": "svc%d" % c,
                      "pids": [1000 + c * 3, 1001 + c * 3], "user": "app", "rule": "program svc",
                      "confidence": "high",
                      "listeners": [{"protocol": "tcp", "address": "0.0.0.0", "port": 10000 + c,
                                     "scope": "all interfaces"}],
                      "replication": None, "ruleSource": None})
        if c % 3 == 0:   # a client of the next host's component c+1
            ext.append({"component": "svc%d" % c, "direction": "out", "address": addr(h + 1 if h + 1 < hosts else 0),
                        "port": 10000 + (c + 1) % per, "count": 2})
        if c % 10 == 0:  # an API somewhere else
            ext.append({"component": "svc%d" % c, "direction": "out", "address": "203.0.113.%d" % (c + 1),
                        "port": 443, "count": 1})
    edges = [{"from": "svc%d" % c, "to": "svc%d" % (c + 1), "port": 10001 + c, "count": 1, "kind": "client"}
             for c in range(0, per - 1, 5)]
    doc = {"schemaVersion": 1,
           "host": {"name": "host%03d" % h, "machineId": "%032x" % (h + 1),
                    "addresses": [addr(h), "127.0.0.1", "::1"], "time": "2026-12-05T12:00:00Z", "version": "0.1.0"},
           "components": comps, "edges": edges, "external": ext, "unixEdges": []}
    with open("%s/host%03d.json" % (out, h), "w") as f:
        json.dump(doc, f, indent=2)
PY
echo "snapshots: $hosts × $per components, $(du -sh "$tmp" | cut -f1) in $tmp"
warm_server
hyperfine --warmup 2 --runs "$runs" -N \
  -n "stackscope fleet (warm server)" "env STACKSCOPE_SERVER=require ./stackscope fleet --json $tmp" \
  -n "stackscope fleet (fresh JVM)" "env STACKSCOPE_SERVER=off ./stackscope fleet --json $tmp" \
  -n "jq -s (parse only)" "sh -c 'jq -s \"[.[].components[]] | length\" $tmp/*.json'"

# the heap: a fresh JVM capped at 256 MB does the whole run, and how much of it was used
jar=target/stackscope.jar
STACKSCOPE_SERVER=off java -Xmx256m -XX:+UseSerialGC -Xlog:gc:file="$out/gc.log" -cp "$jar" \
  dev.stackscope.Main fleet --json "$tmp" >"$out/out.json"
echo "-Xmx256m: exit 0, $(python3 -c "import json,sys; m=json.load(open(sys.argv[1])); print(len(m['components']), 'components,', sum(e['crossHost'] for e in m['edges']), 'edges across hosts')" "$out/out.json")"
python3 -c "import re,sys; u=[int(a) for a in re.findall(r'(\d+)M->', open(sys.argv[1]).read())]; print('heap used at most', max(u) if u else 0, 'MB before a collection;', len(u), 'collections')" "$out/gc.log"
