#!/usr/bin/env bash
# Varnish with the xkey vmod for tests and local runs, from Debian's packages (varnish,
# varnish-modules), on 127.0.0.1 only, with the project's VCL (deploy/varnish/default.vcl).
#   scripts/varnish.sh install    install varnish and varnish-modules if missing (apt-get, as root)
#   scripts/varnish.sh start      start an instance on VARNISH_PORT in front of VARNISH_BACKEND;
#                                 prints its URL (already running: prints it again)
#   scripts/varnish.sh stop       stop the instance on VARNISH_PORT
#   scripts/varnish.sh status     say whether it runs; exit 1 when it does not
#   scripts/varnish.sh available  exit 0 when varnishd and the xkey vmod are installed
# Environment: VARNISH_PORT (default 6091; the management port is the next one),
# VARNISH_BACKEND (the app, host:port, default 127.0.0.1:8000), VARNISH_PURGERS (addresses
# allowed to purge, comma-separated, default 127.0.0.1,::1), VARNISH_MEMORY (cache size,
# default 64m), VARNISH_DIR (its VCL, work files and log; default $TMPDIR/storefront-varnish-<port>).
set -euo pipefail
cd "$(dirname "$0")/.."

VARNISH_PORT=${VARNISH_PORT:-6091}
VARNISH_ADMIN_PORT=$((VARNISH_PORT + 1))
VARNISH_BACKEND=${VARNISH_BACKEND:-127.0.0.1:8000}
VARNISH_PURGERS=${VARNISH_PURGERS:-127.0.0.1,::1}
VARNISH_MEMORY=${VARNISH_MEMORY:-64m}
DIR=$(realpath -m "${VARNISH_DIR:-${TMPDIR:-/tmp}/storefront-varnish-$VARNISH_PORT}")
PID_FILE=$DIR/varnishd.pid
URL=http://127.0.0.1:$VARNISH_PORT
VMOD_DIR=$(pkg-config --variable=vmoddir varnishapi 2>/dev/null || echo /usr/lib/x86_64-linux-gnu/varnish/vmods)
# running_pid, stop
source scripts/pidfile.sh

available() {
  command -v varnishd >/dev/null && ls "$VMOD_DIR"/libvmod_xkey.so >/dev/null 2>&1
}

install() {
  if available; then
    return 0
  fi
  if ! command -v apt-get >/dev/null || [[ $(id -u) -ne 0 ]]; then
    echo "Varnish is missing: as root, apt-get install varnish varnish-modules" >&2
    return 1
  fi
  echo "Installing Varnish and varnish-modules from Debian's packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq varnish varnish-modules >&2
}

# The shipped VCL with this instance's backend and purgers.
write_vcl() {
  local host=${VARNISH_BACKEND%:*} port=${VARNISH_BACKEND##*:} acl=""
  IFS=',' read -ra addresses <<<"$VARNISH_PURGERS"
  for address in "${addresses[@]}"; do
    acl+="    \"$address\";\n"  # awk -v turns \n into a new line
  done
  awk -v host="$host" -v port="$port" -v acl="$acl" '
    /^backend default \{/ { in_backend = 1 }
    in_backend && /\.host = / { sub(/"[^"]*"/, "\"" host "\"") }
    in_backend && /\.port = / { sub(/"[^"]*"/, "\"" port "\""); in_backend = 0 }
    /^acl purgers \{/ { print; printf "%s", acl; skipping = 1; next }
    skipping && /^\}/ { skipping = 0 }
    !skipping { print }
  ' deploy/varnish/default.vcl >"$DIR/default.vcl"
}

start() {
  install
  if running_pid >/dev/null; then
    echo "$URL"
    return 0
  fi
  mkdir -p "$DIR"
  chmod a+rx "$DIR"  # varnishd reads the VCL as its own unprivileged user
  write_vcl
  # Several instances may run side by side: each has its own work directory (-n).
  varnishd -n "$DIR/work" -a "127.0.0.1:$VARNISH_PORT" -T "127.0.0.1:$VARNISH_ADMIN_PORT" \
    -f "$DIR/default.vcl" -s "malloc,$VARNISH_MEMORY" -P "$PID_FILE" >"$DIR/varnishd.log" 2>&1 || {
    cat "$DIR/varnishd.log" >&2
    return 1
  }
  for _ in $(seq 1 50); do
    if (echo >"/dev/tcp/127.0.0.1/$VARNISH_PORT") 2>/dev/null; then
      echo "$URL"
      return 0
    fi
    sleep 0.1
  done
  echo "Varnish did not answer on $URL; see $DIR/varnishd.log" >&2
  return 1
}

status() {
  if running_pid >/dev/null; then
    echo "Varnish is running on $URL"
  else
    echo "Varnish is not running on port $VARNISH_PORT"
    return 1
  fi
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  available) available ;;
  *) echo "usage: $0 install|start|stop|status|available" >&2; exit 2 ;;
esac
