#!/usr/bin/env bash
# IP set arithmetic: `stackscope ip --aggregate --file F` vs Python's ipaddress.collapse_addresses
# over the same 1,000,000 random IPv4 /32s and /24s (seeded), in one hyperfine run; the two
# outputs are compared first. Usage: bench/ip-set.sh [RUNS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
command -v hyperfine >/dev/null || { echo "bench/ip-set.sh: hyperfine not installed" >&2; exit 1; }
work=target/bench-ip-set
mkdir -p "$work"
input=$work/nets-1m.txt
if [ ! -s "$input" ]; then
  python3 - "$input" <<'PY'
import random, sys
random.seed(11)
with open(sys.argv[1], "w") as f:
    for _ in range(1_000_000):
        # clustered in 10.0.0.0/8 and 100.64.0.0/10 so that blocks touch, nest and merge
        base = random.choice([10 << 24, (100 << 24) | (64 << 16)])
        v = base | random.getrandbits(22)
        if random.random() < 0.3:
            f.write("%d.%d.%d.0/24\n" % (v >> 24, (v >> 16) & 255, (v >> 8) & 255))
        else:
            f.write("%d.%d.%d.%d\n" % (v >> 24, (v >> 16) & 255, (v >> 8) & 255, v & 255))
PY
fi
cat > "$work/collapse.py" <<'PY'
import ipaddress, sys
nets = [ipaddress.ip_network(l.strip()) for l in open(sys.argv[1]) if l.strip()]
sys.stdout.write("".join(str(n) + "\n" for n in ipaddress.collapse_addresses(nets)))
PY
./stackscope --version >/dev/null   # build once, outside the measurement
./stackscope ip --aggregate --file "$input" > "$work/ours.txt"
python3 "$work/collapse.py" "$input" > "$work/python.txt"
cmp "$work/ours.txt" "$work/python.txt" && echo "same $(wc -l < "$work/ours.txt") blocks as Python"
hyperfine --warmup 1 --runs "$runs" --export-json "$work/result.json" \
  -n "stackscope ip --aggregate" "./stackscope ip --aggregate --file $input > /dev/null" \
  -n "python3 collapse_addresses" "python3 $work/collapse.py $input > /dev/null"
python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
s = r["stackscope ip --aggregate"]["median"]; p = r["python3 collapse_addresses"]["median"]
print(f"median wall: stackscope {s:.2f} s, python3 {p:.2f} s: {p/s:.1f}x faster (target >= 10x)")
PY
