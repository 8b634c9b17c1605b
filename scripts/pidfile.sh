# Sourced by the scripts that run a daemon with a pid file (varnish.sh, redis.sh); they set
# PID_FILE first.

# The daemon's pid, when it runs (exit 1 otherwise).
running_pid() {
  [[ -f $PID_FILE ]] || return 1
  local pid
  pid=$(cat "$PID_FILE")
  kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Stop the daemon (SIGTERM), waiting up to 5 s for it to exit, and forget its pid.
stop() {
  local pid
  if pid=$(running_pid); then
    kill "$pid"
    for _ in $(seq 1 50); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
  fi
  rm -f "$PID_FILE"
}
