#!/usr/bin/env bash
# URL parsing throughput: stackscope url --get '{host}' vs Node's URL (ada) vs Python's urllib.parse,
# over the same generated corpus of realistic URLs, in the same hyperfine run; then peak RSS.
# Usage: bench/url.sh [COUNT]   (default 1000000)
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-1000000}
work=${TMPDIR:-/tmp}/stackscope-bench-url
mkdir -p "$work"
corpus=$work/urls-$count.txt

if [ ! -s "$corpus" ]; then
  python3 - "$count" "$corpus" <<'PY'
import random, sys
n, path = int(sys.argv[1]), sys.argv[2]
rnd = random.Random(42)
words = ["api", "www", "cdn", "static", "img", "shop", "blog", "mail", "app", "docs", "auth", "v2",
         "users", "orders", "search", "assets", "login", "products", "items", "news"]
tlds = ["com", "org", "net", "io", "co.uk", "de", "fr", "com.au", "github.io", "dev", "jp", "info"]
schemes = ["https"] * 8 + ["http"] * 3 + ["wss", "ftp"]
with open(path, "w") as f:
    for i in range(n):
        s = rnd.choice(schemes)
        host = ".".join(rnd.sample(words, rnd.randint(0, 2)) + [f"site{rnd.randint(1, 50000)}", rnd.choice(tlds)])
        r = rnd.random()
        if r < 0.03:
            host = f"{rnd.randint(1,223)}.{rnd.randint(0,255)}.{rnd.randint(0,255)}.{rnd.randint(1,254)}"
        elif r < 0.04:
            host = f"[2001:db8::{rnd.randint(1, 65535):x}]"
        auth = "user:secret@" if rnd.random() < 0.02 else ""
        port = f":{rnd.choice([8080, 8443, 3000, 443, 80])}" if rnd.random() < 0.1 else ""
        path = "/" + "/".join(rnd.choice(words) for _ in range(rnd.randint(0, 4)))
        if rnd.random() < 0.2:
            path += f"/{rnd.randint(1, 10**6)}"
        q = ""
        if rnd.random() < 0.5:
            q = "?" + "&".join(f"{rnd.choice(words)}={rnd.randint(0, 999)}" for _ in range(rnd.randint(1, 3)))
        frag = "#" + rnd.choice(words) if rnd.random() < 0.1 else ""
        f.write(f"{s}://{auth}{host}{port}{path}{q}{frag}\n")
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
cat > "$work/host.py" <<'PY'
# Prints urllib.parse.urlsplit(line).netloc's host part for each line (buffered).
import sys
from urllib.parse import urlsplit
out = sys.stdout
with open(sys.argv[1], encoding="utf-8") as f:
    for line in f:
        line = line.rstrip("\n")
        if not line:
            continue
        try:
            p = urlsplit(line)
            host = p.hostname or ""
            out.write(f"{host}:{p.port}\n" if p.port else host + "\n")
        except ValueError:
            out.write("\n")
PY

[ -f target/stackscope.jar ] || ./stackscope --version >/dev/null
echo "corpus: $corpus ($(wc -l < "$corpus") URLs); node $(node --version); $(python3 --version)"
hyperfine --warmup 1 --runs "${RUNS:-5}" --export-markdown "$work/url.md" \
  -n stackscope "./stackscope url --get '{host}' --url-file $corpus > /dev/null" \
  -n node "node $work/host.js $corpus > /dev/null" \
  -n python "python3 $work/host.py $corpus > /dev/null"

echo "peak RSS (KiB):"
for cmd in "./stackscope url --get {host} --url-file $corpus" "node $work/host.js $corpus" "python3 $work/host.py $corpus"; do
  rss=$( { /usr/bin/time -v $cmd > /dev/null; } 2>&1 | awk -F': ' '/Maximum resident/ {print $2}')
  echo "  $rss  $cmd"
done
echo "agreement on {host} (stackscope vs node):"
diff <(./stackscope url --get '{host}' --url-file "$corpus") <(node "$work/host.js" "$corpus") > /dev/null \
  && echo "  identical" || echo "  DIFFERENT"
