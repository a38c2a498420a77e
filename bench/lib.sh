# Shared by the bench scripts (sourced): the warm server (README: "Start-up").
# Commands are measured both ways in the same hyperfine run:
#   "(warm server)"  env STACKSCOPE_SERVER=require ./stackscope ...   (fails if not served)
#   "(fresh JVM)"    env STACKSCOPE_SERVER=off ./stackscope ...       (a JVM per run, as before)
# ports.sh also measures plain ./stackscope ... (as typed: no env process in front), and checks
# with same_server_still_serves that one server served the whole run.

# Starts the warm server for this build if none runs (the launcher does that on a first run)
# and waits until it serves and has finished its own JIT warm-up. Extra arguments are a command
# prefix (e.g. ip netns exec NS) for servers in another namespace.
warm_server() {
  "$@" ./stackscope proc $$ >/dev/null 2>&1 || true
  local i
  for i in $(seq 120); do
    if "$@" env STACKSCOPE_SERVER=require ./stackscope proc $$ >/dev/null 2>&1; then
      sleep "${WARM_UP_SECONDS:-15}"   # the server's own warm-up rounds (cli/Training)
      return 0
    fi
    sleep 0.5
  done
  echo "bench: the warm server did not come up (is there a C compiler?)" >&2
  return 1
}

# The PIDs of this build's servers (main namespace), one per line.
server_pids() {
  pgrep -f -- "-Dstackscope.serve=$PWD/target/stackscope.jar" | sort
}

# Fails unless the servers running now are the ones given (server_pids before the run) and the
# server still serves: plain ./stackscope runs in between were served, not fresh JVMs that would
# have started a new server.
same_server_still_serves() {
  local before=$1
  if [ -z "$before" ] || [ "$before" != "$(server_pids)" ] ||
    ! env STACKSCOPE_SERVER=require ./stackscope proc $$ >/dev/null 2>&1; then
    echo "bench: the warm server changed or stopped during the run (before: ${before:-none}," \
      "now: $(server_pids | tr '\n' ' ')): the plain figures are not all served runs" >&2
    return 1
  fi
  echo "served: every plain ./stackscope run went to server PID $before"
}
