#!/usr/bin/env bash
# stackscope stack vs `ss -tanp` + `ps -eo pid,ppid,comm,args` back to back, on a mini stack
# (haproxy → nginx → gunicorn → postgres, redis, memcached, plus a job runner on redis, all on
# loopback ports) with about 600 processes on the host (sleepers spawned for the run); stackscope
# both through the warm server and in a fresh JVM (bench/lib.sh), with `./stackscope --version`
# (fresh JVM) in the same hyperfine run as the start-up floor.
# Usage: bench/stack.sh [runs]   (needs root, hyperfine and the Debian packages in .ci/run)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
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
H=$(port); N=$(port); G=$(port); P=$(port); R=$(port); M=$(port)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

mkdir -p "$tmp/pg" "$tmp/sock" "$tmp/nginx"
chown postgres:postgres "$tmp/pg" "$tmp/sock"; chmod 700 "$tmp/pg"
runuser -u postgres -- "$pgbin/initdb" -D "$tmp/pg" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pgbin/postgres" -D "$tmp/pg" -c listen_addresses=127.0.0.1 -p "$P" \
  -c unix_socket_directories="$tmp/sock" >"$tmp/pg.log" 2>&1 & pids+=($!)
redis-server --port "$R" --bind 127.0.0.1 --save '' --daemonize no --dir "$tmp" >/dev/null & pids+=($!)
memcached -u memcache -l 127.0.0.1 -p "$M" & pids+=($!)
wait_port "$P"; wait_port "$R"; wait_port "$M"
cat >"$tmp/app.py" <<PY
import psycopg2, redis
from pymemcache.client.base import Client
PG = psycopg2.connect(host="127.0.0.1", port=$P, user="postgres", dbname="postgres")
REDIS = redis.Redis(host="127.0.0.1", port=$R); REDIS.ping()
MC = Client(("127.0.0.1", $M)); MC.set("k", "v")
def application(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok\n"]
PY
cat >"$tmp/jobrunner.py" <<PY
import redis
r = redis.Redis(host="127.0.0.1", port=$R)
while True:
    r.blpop("jobs", timeout=1)
PY
gunicorn -b "127.0.0.1:$G" -w 2 --chdir "$tmp" app:application 2>/dev/null & pids+=($!)
/usr/bin/python3 "$tmp/jobrunner.py" 2>/dev/null & pids+=($!)
cat >"$tmp/nginx/nginx.conf" <<CONF
worker_processes 2; pid $tmp/nginx/nginx.pid; error_log $tmp/nginx/error.log;
events { worker_connections 64; }
http { access_log off; client_body_temp_path $tmp/nginx/cb; proxy_temp_path $tmp/nginx/px;
  fastcgi_temp_path $tmp/nginx/fc; uwsgi_temp_path $tmp/nginx/uw; scgi_temp_path $tmp/nginx/sc;
  server { listen 127.0.0.1:$N; location / { proxy_pass http://127.0.0.1:$G; } } }
CONF
nginx -p "$tmp/nginx" -c "$tmp/nginx/nginx.conf" -g 'daemon off;' & pids+=($!)
printf 'defaults\n mode http\n timeout connect 5s\n timeout client 30s\n timeout server 30s\nfrontend f\n bind 127.0.0.1:%s\n default_backend b\nbackend b\n server n 127.0.0.1:%s\n' "$H" "$N" >"$tmp/haproxy.cfg"
haproxy -f "$tmp/haproxy.cfg" -db >/dev/null 2>&1 & pids+=($!)
wait_port "$G"; wait_port "$N"; wait_port "$H"

nprocs() { local p=(/proc/[0-9]*); echo ${#p[@]}; }   # a glob: ls fails when a process exits mid-listing
now=$(nprocs)
while [ "$now" -lt 600 ]; do sleep 3600 & pids+=($!); now=$((now + 1)); done
sleep 1
echo "== $(nprocs) processes; stack:"
./stackscope stack --color=never | head -40
warm_server

hyperfine -N -w 3 -r "$runs" --export-markdown "$tmp/stack.md" --export-json "$tmp/stack.json" \
  -n "stackscope stack (warm server)" "env STACKSCOPE_SERVER=require ./stackscope stack" \
  -n "stackscope stack (fresh JVM)" "env STACKSCOPE_SERVER=off ./stackscope stack" \
  -n "ss -tanp + ps -eo" "sh -c 'ss -tanp >/dev/null; ps -eo pid,ppid,comm,args >/dev/null'" \
  -n "stackscope --version (fresh JVM)" "env STACKSCOPE_SERVER=off ./stackscope --version" >/dev/null
cat "$tmp/stack.md"
python3 - "$tmp/stack.json" <<'PY'
import json, sys
r = {x["command"]: x["median"] for x in json.load(open(sys.argv[1]))["results"]}
w, c, p = r["stackscope stack (warm server)"], r["stackscope stack (fresh JVM)"], r["ss -tanp + ps -eo"]
v = r["stackscope --version (fresh JVM)"]
print(f"medians: stackscope stack warm {w*1000:.0f} ms, fresh JVM {c*1000:.0f} ms, ss -tanp + ps -eo {p*1000:.0f} ms;"
      f" warm/peer {w/p:.2f}x, fresh/peer {c/p:.2f}x (target <= 2x)")
print(f"start-up floor: --version {v*1000:.0f} ms; stack's own work in a fresh JVM {(c-v)*1000:.0f} ms ({c/v:.2f}x --version)")
PY
