#!/usr/bin/env bash
# ip --grep throughput: `stackscope ip --grep F` vs `grep -oE` with an IPv4 pattern over the same
# ~100 MB of generated log lines (seeded: access-log and syslog shapes, X-Forwarded-For chains,
# IPv6, timestamps, version strings), in one hyperfine run. Every command writes its finds into a
# pipe (`| cat > /dev/null`): GNU grep stops at the first match when its output is /dev/null.
# Usage: bench/ip-grep.sh [RUNS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
command -v hyperfine >/dev/null || { echo "bench/ip-grep.sh: hyperfine not installed" >&2; exit 1; }
work=target/bench-ip-grep
mkdir -p "$work"
log=$work/log-100mb.txt
if [ ! -s "$log" ]; then
  python3 - "$log" <<'PY'
import random, sys
rnd = random.Random(21)
def v4():
    return "%d.%d.%d.%d" % (rnd.randint(1, 223), rnd.randint(0, 255), rnd.randint(0, 255), rnd.randint(0, 255))
def v6():
    return "2001:db8:%x::%x" % (rnd.randint(0, 65535), rnd.randint(1, 65535))
paths = ["/", "/index.html", "/api/v2/users", "/static/app.js", "/login", "/search?q=abc"]
agents = ["Mozilla/5.0 (X11; Linux x86_64) Firefox/120.0", "curl/8.5.0", "Go-http-client/1.1"]
size = 0
with open(sys.argv[1], "w") as f:
    while size < 100_000_000:
        r = rnd.random()
        if r < 0.6:
            line = '%s - - [05/Dec/2026:12:%02d:%02d +0000] "GET %s HTTP/1.1" 200 %d "-" "%s" xff="%s, %s"\n' % (
                v4(), rnd.randint(0, 59), rnd.randint(0, 59), rnd.choice(paths), rnd.randint(100, 99999),
                rnd.choice(agents), v4(), v4())
        elif r < 0.8:
            line = "Dec  5 12:%02d:%02d host sshd[%d]: Accepted publickey for deploy from %s port %d ssh2\n" % (
                rnd.randint(0, 59), rnd.randint(0, 59), rnd.randint(100, 99999), v6() if rnd.random() < 0.3 else v4(),
                rnd.randint(1024, 65535))
        else:
            line = "Dec  5 12:%02d:%02d host app[%d]: worker started, version 1.%d.%d.%d, build %x\n" % (
                rnd.randint(0, 59), rnd.randint(0, 59), rnd.randint(100, 99999), rnd.randint(0, 9),
                rnd.randint(0, 20), rnd.randint(0, 99), rnd.getrandbits(48))
        f.write(line)
        size += len(line)
PY
fi
pattern='[0-9]{1,3}(\.[0-9]{1,3}){3}'
. bench/lib.sh
./stackscope --version >/dev/null   # build once, outside the measurement
warm_server
echo "input: $log ($(du -m "$log" | cut -f1) MB, $(wc -l < "$log") lines)"
echo "finds: stackscope $(./stackscope ip --grep "$log" | wc -l) (IPv4 and IPv6), grep -oE $(LC_ALL=C grep -oE "$pattern" "$log" | wc -l) (IPv4 pattern)"
hyperfine --warmup 1 --runs "$runs" --export-json "$work/result.json" \
  -n "stackscope ip --grep (warm server)" "env STACKSCOPE_SERVER=require ./stackscope ip --grep $log | cat > /dev/null" \
  -n "stackscope ip --grep (fresh JVM)" "env STACKSCOPE_SERVER=off ./stackscope ip --grep $log | cat > /dev/null" \
  -n "grep -oE (LC_ALL=C)" "LC_ALL=C grep -oE '$pattern' $log | cat > /dev/null" \
  -n "grep -noE (UTF-8 locale)" "LC_ALL=C.UTF-8 grep -noE '$pattern' $log | cat > /dev/null"
python3 - "$work/result.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
g = r["grep -oE (LC_ALL=C)"]
for name, t in r.items():
    print(f"{name}: median {t:.2f} s ({g / t:.2f}x grep -oE's throughput)")
PY
