#!/usr/bin/env bash
# url batch throughput (issue 21): `stackscope url --get '{host}' --url-file F` vs Node's `new URL`
# on 1,000,000 URLs, on two corpora, in one hyperfine run per corpus: bench/url.sh's realistic
# corpus, and one where every URL has a port, a query and a fragment. stackscope warm (served) and
# in a fresh JVM; then peak RSS of each and a check that stackscope's and Node's outputs agree.
# Usage: bench/url-batch.sh [RUNS]   (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-3}
count=1000000
command -v hyperfine >/dev/null || { echo "bench/url-batch.sh: hyperfine not installed" >&2; exit 1; }
command -v node >/dev/null || { echo "bench/url-batch.sh: node not installed" >&2; exit 1; }
work=target/bench-url-batch
mkdir -p "$work"
realistic=$work/realistic-$count.txt
full=$work/port-query-fragment-$count.txt
if [ ! -s "$realistic" ]; then
  # bench/url.sh's generator, the same seed: the same corpus
  sed -n "/^  python3 - \"\$count\" \"\$corpus\" <<'PY'$/,/^PY$/p" bench/url.sh | sed '1d;$d' > "$work/gen.py"
  python3 "$work/gen.py" "$count" "$realistic"
fi
if [ ! -s "$full" ]; then
  python3 - "$count" "$full" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(43)
words = ["api", "www", "cdn", "static", "img", "shop", "blog", "mail", "app", "docs", "auth", "v2",
         "users", "orders", "search", "assets", "login", "products", "items", "news"]
tlds = ["com", "org", "net", "io", "co.uk", "de", "fr", "com.au", "github.io", "dev", "jp", "info"]
schemes = ["https"] * 8 + ["http"] * 3 + ["wss", "ftp"]
with open(path, "w") as f:
    for i in range(n):
        s = rnd.choice(schemes)
        host = ".".join(rnd.sample(words, rnd.randint(0, 2)) + [f"site{rnd.randint(1, 50000)}", rnd.choice(tlds)])
        port = rnd.choice([8080, 8443, 3000, 9000, 5432, 443, 80, 21])
        path = "/" + "/".join(rnd.choice(words) for _ in range(rnd.randint(1, 4)))
        q = "&".join(f"{rnd.choice(words)}={rnd.randint(0, 99999)}" for _ in range(rnd.randint(1, 4)))
        frag = rnd.choice(words) + str(rnd.randint(0, 99))
        f.write(f"{s}://{host}:{port}{path}?{q}#{frag}\n")
PY
fi
cat > "$work/host.js" <<'JS'
// Prints new URL(line).host for each line of the file named by argv[2] (one buffered write).
const fs = require('fs');
const lines = fs.readFileSync(process.argv[2], 'utf8').split('\n');
const out = [];
for (const line of lines) {
  if (line === '') continue;
  try { out.push(new URL(line).host); } catch (e) { out.push(''); }
}
fs.writeSync(1, out.join('\n') + '\n');
JS
. bench/lib.sh
./stackscope --version >/dev/null   # build once, outside the measurement
warm_server
echo "node $(node --version); $(nproc) cores; load: $(cut -d' ' -f1-3 /proc/loadavg)"
for corpus in "$realistic" "$full"; do
  name=$(basename "$corpus" .txt)
  cmp <(./stackscope url --get '{host}' --url-file "$corpus") <(node "$work/host.js" "$corpus") \
    && echo "$name: stackscope and node agree on every {host}"
  hyperfine --warmup 1 --runs "$runs" --export-json "$work/$name.json" \
    -n "stackscope (warm server)" "env STACKSCOPE_SERVER=require ./stackscope url --get '{host}' --url-file $corpus > /dev/null" \
    -n "stackscope (fresh JVM)" "env STACKSCOPE_SERVER=off ./stackscope url --get '{host}' --url-file $corpus > /dev/null" \
    -n "node new URL" "node $work/host.js $corpus > /dev/null"
  python3 - "$work/$name.json" "$name" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
n = r["node new URL"]
for k, v in r.items():
    print(f"{sys.argv[2]}: {k}: median {v:.2f} s, {n / v:.2f}x node's throughput")
PY
  for cmd in "env STACKSCOPE_SERVER=off ./stackscope url --get {host} --url-file $corpus" "node $work/host.js $corpus"; do
    rss=$( { /usr/bin/time -v $cmd > /dev/null; } 2>&1 | awk -F': ' '/Maximum resident/ {print $2}')
    echo "$name: peak RSS $((rss / 1024)) MiB: $cmd"
  done
done
