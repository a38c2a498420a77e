#!/usr/bin/env bash
# stack on a mini stack with Unix-socket edges (issue 17) vs `ss -tanp` + `ss -xp` +
# `ps -eo pid,ppid,comm,args` back to back: nginx → gunicorn (gthread, keep-alive 30) over
# unix:DIR/g.sock, the app → postgres over its Unix socket directory (psycopg2) and → redis over
# TCP, postgres also on a loopback port. stackscope through the warm server with the default
# 200 ms CPU sample, with `--sample 0` (one snapshot, no CPU figure), and in a fresh JVM; all in one
# hyperfine run.
# Usage: bench/stack-unix.sh [runs]   (needs root, hyperfine and the Debian packages in .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
tmp=$(mktemp -d)
chmod 755 "$tmp"
pids=()
cleanup() {
  for p in "${pids[@]}"; do pkill -TERM -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT

. bench/lib.sh
./stackscope --version >/dev/null   # builds the jar if needed
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.2; done; echo "port $1 never opened" >&2; exit 1; }
N=$(port); P=$(port); R=$(port)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

mkdir -p "$tmp/pg" "$tmp/sock" "$tmp/nginx"
chown postgres:postgres "$tmp/pg" "$tmp/sock"; chmod 700 "$tmp/pg"
runuser -u postgres -- "$pgbin/initdb" -D "$tmp/pg" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pgbin/postgres" -D "$tmp/pg" -c listen_addresses=127.0.0.1 -p "$P" \
  -c unix_socket_directories="$tmp/sock" >"$tmp/pg.log" 2>&1 & pids+=($!)
redis-server --port "$R" --bind 127.0.0.1 --save '' --daemonize no --dir "$tmp" >/dev/null & pids+=($!)
wait_port "$P"; wait_port "$R"
cat >"$tmp/app.py" <<PY
import psycopg2, redis
PG = psycopg2.connect(host="$tmp/sock", port=$P, user="postgres", dbname="postgres")
REDIS = redis.Redis(host="127.0.0.1", port=$R); REDIS.ping()
def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok\n"]
PY
gunicorn --bind "unix:$tmp/g.sock" --worker-class gthread --threads 2 --keep-alive 30 \
  --chdir "$tmp" app:application 2>/dev/null & pids+=($!)
cat >"$tmp/nginx/nginx.conf" <<CONF
worker_processes 1; pid $tmp/nginx/nginx.pid; error_log $tmp/nginx/error.log;
events { worker_connections 64; }
http { access_log off; client_body_temp_path $tmp/nginx/cb; proxy_temp_path $tmp/nginx/px;
  fastcgi_temp_path $tmp/nginx/fc; uwsgi_temp_path $tmp/nginx/uw; scgi_temp_path $tmp/nginx/sc;
  upstream app { server unix:$tmp/g.sock; keepalive 4; }
  server { listen 127.0.0.1:$N; location / { proxy_pass http://app; proxy_http_version 1.1;
    proxy_set_header Connection ""; } } }
CONF
nginx -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -g 'daemon off;' & pids+=($!)
wait_port "$N"
for _ in $(seq 50); do [ -S "$tmp/g.sock" ] && break; sleep 0.2; done
# keep nginx's upstream connection open (keep-alive 30 s) through the run
( while true; do python3 -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:$N/').read()" 2>/dev/null; sleep 10; done ) & pids+=($!)
sleep 2
echo "== $(ss -xH | wc -l) Unix connections, $(ss -tanH | wc -l) TCP sockets; stack:"
./stackscope stack --color=never | head -40
warm_server
before=$(server_pids)

hyperfine -N -w 3 -r "$runs" --export-markdown "$tmp/stack.md" --export-json "$tmp/stack.json" \
  -n "stackscope stack (warm server)" "env STACKSCOPE_SERVER=require ./stackscope stack" \
  -n "stackscope stack --sample 0 (warm server)" "env STACKSCOPE_SERVER=require ./stackscope stack --sample 0" \
  -n "stackscope stack (fresh JVM)" "env STACKSCOPE_SERVER=off ./stackscope stack" \
  -n "ss -tanp + ss -xp + ps -eo" "sh -c 'ss -tanp >/dev/null; ss -xp >/dev/null; ps -eo pid,ppid,comm,args >/dev/null'" >/dev/null
same_server_still_serves "$before"
cat "$tmp/stack.md"
python3 - "$tmp/stack.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
p = r["ss -tanp + ss -xp + ps -eo"]
for k, v in r.items():
    print(f"  median {v*1000:7.1f} ms  {v/p:5.2f}x the peer  {k}")
PY
