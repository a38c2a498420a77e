#!/usr/bin/env bash
# ps with the UNIT and CONTAINER columns against ps without them (issue 16: at most 1.3x), in the
# same hyperfine run: BEFORE_DIR is a copy of the tree before the columns with its jar built (for
# example: git archive OLD | tar -x -C /tmp/before && (cd /tmp/before && mvn -o -q package
# -DskipTests)). With podman installed and root, N containers (busybox httpd, default 10) run
# during the measurement so that the columns are filled from real cgroups and state files; they
# are removed at the end. Each tree runs through its own warm server and in a fresh JVM.
# Usage: BEFORE_DIR=/tmp/before bench/containers-ps.sh [runs] [containers]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-15}
n=${2:-10}
before=${BEFORE_DIR:?BEFORE_DIR=/path/to/the/older/tree, its target/stackscope.jar built}
tmp=$(mktemp -d)
export CONTAINERS_CONF=$tmp/containers.conf
names=()
cleanup() {
  for c in "${names[@]}"; do podman rm -f -t 0 "$c" >/dev/null 2>&1 || true; done
  podman rmi -f localhost/ssbench-bb:local >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

. bench/lib.sh
if command -v podman >/dev/null && [ -x /bin/busybox ] && [ "$(id -u)" = 0 ]; then
  printf '[containers]\ndefault_ulimits = ["nofile=20000:20000", "nproc=32768:32768"]\n[engine]\nruntime = "runc"\n' \
    > "$CONTAINERS_CONF"
  r=$tmp/rootfs; mkdir -p "$r/bin" "$r/etc" "$r/www" "$r/proc" "$r/sys" "$r/dev" "$r/tmp"
  cp /bin/busybox "$r/bin/"
  for a in $(/bin/busybox --list); do [ "$a" = busybox ] || ln -sf busybox "$r/bin/$a"; done
  echo 'root:x:0:0:root:/:/bin/sh' > "$r/etc/passwd"; echo 'root:x:0:' > "$r/etc/group"
  tar -C "$r" -c . | podman import - localhost/ssbench-bb:local >/dev/null
  for i in $(seq "$n"); do
    names+=("ssbench-$$-$i")
    podman run -d --name "ssbench-$$-$i" --memory 64m localhost/ssbench-bb:local \
      /bin/busybox httpd -f -p 8080 -h /www >/dev/null
  done
  echo "bench: $n podman containers running"
else
  echo "bench: no podman (or not root): measuring without containers" >&2
fi
for d in . "$before"; do
  (cd "$d" && env STACKSCOPE_SERVER=off ./stackscope --version >/dev/null)
  (cd "$d" && warm_server)
done
echo "processes: $(ls -d /proc/[0-9]* | wc -l)"
cmd="ps --interval 0"
hyperfine -N -w 3 -r "$runs" --export-json "$tmp/ps.json" \
  -n "before (warm server)" "env STACKSCOPE_SERVER=require $before/stackscope $cmd" \
  -n "after (warm server)" "env STACKSCOPE_SERVER=require ./stackscope $cmd" \
  -n "after --units --containers (warm server)" \
  "env STACKSCOPE_SERVER=require ./stackscope $cmd --units --containers" \
  -n "before (fresh JVM)" "env STACKSCOPE_SERVER=off $before/stackscope $cmd" \
  -n "after (fresh JVM)" "env STACKSCOPE_SERVER=off ./stackscope $cmd" \
  -n "after --units --containers (fresh JVM)" \
  "env STACKSCOPE_SERVER=off ./stackscope $cmd --units --containers" >/dev/null
python3 - "$tmp/ps.json" <<'PY'
import json, sys
res = {x["command"]: x["median"] * 1000 for x in json.load(open(sys.argv[1]))["results"]}
for mode in ("warm server", "fresh JVM"):
    b = res[f"before ({mode})"]
    for what in ("after", "after --units --containers"):
        a = res[f"{what} ({mode})"]
        print(f"{mode:12} before {b:7.1f} ms  {what:27} {a:7.1f} ms  {a / b:.2f}x")
PY
