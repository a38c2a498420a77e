#!/usr/bin/env bash
# stackscope stack with the replication analysis (this build) vs without it (BASELINE_JAR: a build
# of the commit before it, e.g. the branch's merge base), alternating in the same run, fresh JVMs,
# on a postgres primary + pg_basebackup replica and a redis primary + --replicaof replica, with an
# app connected to both postgres servers and about 600 processes on the host.
# Usage: BASELINE_JAR=/path/to/stackscope.jar bench/stack-replication.sh [runs]
#        (needs root, postgresql, redis-server, python3-psycopg2)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-20}
: "${BASELINE_JAR:?set BASELINE_JAR to a stackscope.jar built without the replication analysis}"
tmp=$(mktemp -d)
chmod 755 "$tmp"
pids=()
cleanup() {
  for p in "${pids[@]}"; do pkill -TERM -P "$p" 2>/dev/null || true; kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$tmp"
}
trap cleanup EXIT
./stackscope --version >/dev/null   # builds target/stackscope.jar if needed
port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
wait_port() { for _ in $(seq 150); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return; sleep 0.2; done; echo "port $1 never opened" >&2; exit 1; }
P=$(port); Q=$(port); R=$(port); S=$(port)
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
mkdir -p "$tmp/p" "$tmp/r" "$tmp/sock"
chown postgres:postgres "$tmp/p" "$tmp/r" "$tmp/sock"; chmod 700 "$tmp/p" "$tmp/r"
runuser -u postgres -- "$pgbin/initdb" -D "$tmp/p" -A trust -U postgres >/dev/null
runuser -u postgres -- "$pgbin/postgres" -D "$tmp/p" -c listen_addresses=127.0.0.1 -p "$P" \
  -c unix_socket_directories="$tmp/sock" >"$tmp/p.log" 2>&1 & pids+=($!)
wait_port "$P"
runuser -u postgres -- "$pgbin/pg_basebackup" -h 127.0.0.1 -p "$P" -U postgres -D "$tmp/r" -R -X stream -c fast
runuser -u postgres -- "$pgbin/postgres" -D "$tmp/r" -c listen_addresses=127.0.0.1 -p "$Q" \
  -c unix_socket_directories="$tmp/sock" >"$tmp/r.log" 2>&1 & pids+=($!)
redis-server --port "$R" --bind 127.0.0.1 --save '' --daemonize no --dir "$tmp" >/dev/null & pids+=($!)
redis-server --port "$S" --bind 127.0.0.1 --save '' --daemonize no --dir "$tmp" --dbfilename r.rdb \
  --replicaof 127.0.0.1 "$R" >/dev/null & pids+=($!)
wait_port "$Q"; wait_port "$R"; wait_port "$S"
cat >"$tmp/app.py" <<PY
import time, psycopg2
p = psycopg2.connect(host="127.0.0.1", port=$P, user="postgres", dbname="postgres"); p.autocommit = True
r = psycopg2.connect(host="127.0.0.1", port=$Q, user="postgres", dbname="postgres")
p.cursor().execute("create table t as select generate_series(1, 20000) n")
time.sleep(3600)
PY
/usr/bin/python3 "$tmp/app.py" & pids+=($!)
nprocs() { local p=(/proc/[0-9]*); echo ${#p[@]}; }
now=$(nprocs)
while [ "$now" -lt 600 ]; do sleep 3600 & pids+=($!); now=$((now + 1)); done
sleep 3
echo "== $(nprocs) processes; stack:"
java -jar target/stackscope.jar stack --color=never | grep -E 'primary|replica|follows' || true
# The two alternate run by run (hyperfine runs one command's runs, then the other's: on a shared
# machine the load drifts between the blocks by more than the difference measured here).
python3 - "$runs" "$BASELINE_JAR" <<'PY'
import statistics, subprocess, sys, time
runs, baseline = int(sys.argv[1]), sys.argv[2]
cmds = {"with": ["java", "-jar", "target/stackscope.jar", "stack"], "without": ["java", "-jar", baseline, "stack"]}
times = {k: [] for k in cmds}
for i in range(runs + 2):
    for k, c in (cmds.items() if i % 2 == 0 else reversed(list(cmds.items()))):
        t = time.monotonic()
        subprocess.run(c, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
        if i >= 2:  # two warm-up rounds (page cache)
            times[k].append(time.monotonic() - t)
a, b = statistics.median(times["with"]), statistics.median(times["without"])
print(f"{runs} alternating runs, fresh JVMs, medians: with the replication analysis {a*1000:.0f} ms,"
      f" without {b*1000:.0f} ms: {a/b:.2f}x (target <= 1.1x)")
PY
