#!/usr/bin/env bash
# containers: 'stackscope ports --all-netns' against what users do today, a loop of
# 'nsenter -t PID -n ss -tlnp' over one PID per network namespace, on a host with 20 network
# namespaces ('ip netns add' + a busybox httpd listening in each: cheap stand-ins for containers,
# whose namespaces the kernel shows alike) and about 600 processes (sleeps); plain 'ports' beside.
# stackscope both through the warm server and in a fresh JVM (bench/lib.sh). Everything made here
# is removed on exit (namespaces, httpds, sleeps).
# BEFORE=/path/to/older/stackscope.jar adds that jar's plain 'ports' and this tree's, run the same
# way (fresh JVMs, same flags), to the same hyperfine run.
# Needs root, hyperfine, iproute2 (ip, ss), util-linux (nsenter), busybox.
set -euo pipefail
cd "$(dirname "$0")/.."
. bench/lib.sh
N=${N:-20}
PROCS=${PROCS:-600}
RUNS=${RUNS:-20}
jvm="java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -Dpicocli.disable.closures=true"
tag=ssbench-$$
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for i in $(seq "$N"); do ip netns del "$tag-$i" 2>/dev/null || true; done
}
trap cleanup EXIT
trap "exit 130" INT TERM
./stackscope --version >/dev/null
warm_server

holders=()
for i in $(seq "$N"); do
  ip netns add "$tag-$i"
  ip netns exec "$tag-$i" ip link set lo up
  ip netns exec "$tag-$i" busybox httpd -f -p 127.0.0.1:8080 -h /tmp &
  pids+=($!)
  holders+=($!)
done
procs=(/proc/[0-9]*); have=${#procs[@]}
for _ in $(seq $((PROCS > have ? PROCS - have : 0))); do sleep 3600 & pids+=($!); done
sleep 1
echo "namespaces: $N made here (+ those already on the host); processes: $(find /proc -maxdepth 1 -name "[0-9]*" | wc -l)"
# the peer: one PID per namespace other than ours (found before the run, as a user would have them
# at hand), then nsenter + ss in each
own=$(readlink /proc/self/ns/net)
targets=$(for f in /proc/[0-9]*/ns/net; do l=$(readlink "$f" 2>/dev/null) || continue
  if [ "$l" != "$own" ]; then echo "$l ${f%/ns/net}"; fi; done | sort -u -k1,1 | cut -d/ -f3 | tr '\n' ' ')
echo "namespaces with a process other than ours: $(echo $targets | wc -w)"
loop="for p in $targets; do nsenter -t \$p -n ss -tlnp; done"
listeners=$(./stackscope ports --all-netns -t 2>/dev/null | grep -c ' 127.0.0.1:8080 ' || true)
echo "ports --all-netns lists $listeners of the $N httpd listeners"
extra=()
if [ -n "${BEFORE:-}" ]; then
  extra=(-n "before: ports (fresh JVM, $BEFORE)" "$jvm -jar $BEFORE ports"
    -n "this tree: ports (fresh JVM, same flags)" "$jvm -jar target/stackscope.jar ports")
fi
before=$(server_pids)
hyperfine -N --warmup 3 --runs "$RUNS" --export-markdown /tmp/containers-bench.$$.md \
  -n "ports --all-netns (warm)" "./stackscope ports --all-netns" \
  -n "ports --all-netns (fresh JVM)" "env STACKSCOPE_SERVER=off ./stackscope ports --all-netns" \
  -n "nsenter -n ss -tlnp loop" "bash -c '$loop'" \
  -n "ports (warm)" "./stackscope ports" \
  "${extra[@]}"
same_server_still_serves "$before"
cat /tmp/containers-bench.$$.md
rm -f /tmp/containers-bench.$$.md
