#!/usr/bin/env bash
# Warm commands in one `stackscope shell` session vs whole-process runs of the peers.
#
# For each command: the wall of its 2nd..10th run inside one shell session (reported per line by
# `shell --time`), against hyperfine's whole-process medians of `./stackscope CMD` and of the peer
# (pstree for tree, ss -tulpn for ports), all in the same run. Commands not yet in this build
# (tree, ports before they merge) are skipped with a note; `completion bash` and `--help` stand in
# as the shell's own overhead figures.
set -euo pipefail
cd "$(dirname "$0")/.."
command -v hyperfine >/dev/null || { echo "bench/shell.sh: hyperfine is not installed" >&2; exit 1; }
./stackscope --version >/dev/null # builds the jar when needed

runs=10
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "processes: $(ls -d /proc/[0-9]* | wc -l); $(nproc) cores; $(date -u '+%Y-%m-%d %H:%M UTC')"

has_command() { ./stackscope "$1" --help 2>/dev/null | grep -q "^Usage: stackscope $1"; }

# warm CMD...: median/min/max ms of runs 2..N of CMD in one shell session
warm() {
  local line="$*" i
  for ((i = 0; i < runs; i++)); do echo "$line"; done \
    | ./stackscope shell --time >/dev/null 2>"$tmp/times" || true
  grep -o 'time [0-9.]* ms' "$tmp/times" | awk '{print $2}' | tail -n +2 | sort -n > "$tmp/warm"
  python3 - "$tmp/warm" <<'PY'
import statistics, sys
v = [float(x) for x in open(sys.argv[1]) if x.strip()]
print(f"{statistics.median(v):.1f} {min(v):.1f} {max(v):.1f}" if v else "nan nan nan")
PY
}

# whole NAME CMD: hyperfine median in ms of a whole-process command
whole() {
  hyperfine -N --warmup 2 --runs "$runs" --export-json "$tmp/h.json" "$1" >/dev/null 2>&1 || { echo nan; return; }
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["results"][0]; print("%.1f" % (r["median"]*1000))' "$tmp/h.json"
}

printf '%-16s %12s %10s %16s %-12s %10s %12s\n' COMMAND "WARM MEDIAN" "WARM MIN" "WHOLE PROCESS" PEER "PEER" "WARM/PEER"
row() { # row CMD PEER
  local cmd=$1 peer=$2 w p s
  read -r w wmin _ < <(warm "$cmd")
  s=$(whole "./stackscope $cmd")
  p=$(whole "$peer")
  printf '%-16s %9s ms %7s ms %13s ms %-12s %7s ms %12s\n' "$cmd" "$w" "$wmin" "$s" "$peer" "$p" \
    "$(python3 -c "import sys; w,p=map(float,sys.argv[1:]); print(f'{w/p:.2f}')" "$w" "$p" 2>/dev/null || echo -)"
}

for pair in "tree:pstree" "ports:ss -tulpn"; do
  cmd=${pair%%:*}; peer=${pair#*:}
  if has_command "$cmd"; then
    row "$cmd" "$peer"
  else
    echo "($cmd: not in this build yet; its row appears once the command is merged)"
  fi
done
row "completion bash" "pstree"
row "--help" "ss -tulpn"
