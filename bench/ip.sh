#!/usr/bin/env bash
# Classify 1,000,000 addresses from a file: stackscope ip --file vs a Python one-liner computing
# ipaddress.ip_address(x).is_private / is_global per line. Whole-process wall time, same run
# (hyperfine). Usage: bench/ip.sh [RUNS]   (default 5; the Python side takes ~13 s a run)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
command -v hyperfine >/dev/null || { echo "bench/ip.sh: hyperfine not installed (apt-get install hyperfine)" >&2; exit 1; }
command -v python3 >/dev/null || { echo "bench/ip.sh: python3 not installed" >&2; exit 1; }

work=target/bench-ip
mkdir -p "$work"
input=$work/addresses-1m.txt
if [ ! -s "$input" ]; then
  # deterministic mix: 60% random IPv4, 20% private/shared IPv4, 20% IPv6 (random and 2001:db8::/32)
  python3 - "$input" <<'PY'
import ipaddress, random, sys
random.seed(7)
with open(sys.argv[1], "w") as f:
    for _ in range(1_000_000):
        r = random.random()
        if r < 0.6:
            f.write("%d.%d.%d.%d\n" % tuple(random.randrange(256) for _ in range(4)))
        elif r < 0.8:
            f.write(random.choice(["10.1.%d.%d", "192.168.%d.%d", "172.16.%d.%d", "100.64.%d.%d"])
                    % (random.randrange(256), random.randrange(256)) + "\n")
        else:
            v = random.getrandbits(128) if random.random() < 0.5 else (0x20010DB8 << 96) | random.getrandbits(64)
            f.write(str(ipaddress.IPv6Address(v)) + "\n")
PY
fi

./stackscope --version >/dev/null   # build once, outside the measurement

py='import sys, ipaddress
w = sys.stdout.write
for line in sys.stdin:
    x = line.strip(); a = ipaddress.ip_address(x); w(f"{x}\t{a.is_private}\t{a.is_global}\n")'

hyperfine --warmup 1 --runs "$runs" --export-json "$work/result.json" \
  -n "stackscope ip --file" "./stackscope ip --file $input > /dev/null" \
  -n "python3 ipaddress" "python3 -c '$py' < $input > /dev/null"

python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
s = r["stackscope ip --file"]["median"]; p = r["python3 ipaddress"]["median"]
print(f"median wall: stackscope {s:.2f} s ({1e6/s:,.0f} addr/s), python3 {p:.2f} s ({1e6/p:,.0f} addr/s); "
      f"stackscope is {p/s:.1f}x Python's throughput (target >= 3x)")
PY
