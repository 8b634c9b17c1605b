#!/usr/bin/env bash
# Redis for tests and local runs, from Debian's package (redis-server), on 127.0.0.1 only:
# the shared cache, rate-limit counts and content versions of several app servers
# (REDIS_URL; docs/deployment.md "Shared state").
#   scripts/redis.sh install    install redis-server if missing (apt-get, as root)
#   scripts/redis.sh start      start an instance on REDIS_PORT; prints its URL, ready for
#                               REDIS_URL (already running: prints it again)
#   scripts/redis.sh stop       stop the instance on REDIS_PORT (its data is not kept)
#   scripts/redis.sh status     say whether it runs; exit 1 when it does not
#   scripts/redis.sh available  exit 0 when redis-server is installed
# Environment: REDIS_PORT (default 6380, not Redis's own 6379, so a system Redis may run
# beside it), REDIS_MEMORY (most memory for data, default 256mb; the least recently used keys
# are evicted beyond it), REDIS_DIR (pid file and log; default $TMPDIR/storefront-redis-<port>).
#
# It runs as a cache: nothing is saved to disk, so a restarted instance starts empty, which the
# app handles (the database is the source of truth); see docs/deployment.md.
set -euo pipefail
cd "$(dirname "$0")/.."

REDIS_PORT=${REDIS_PORT:-6380}
REDIS_MEMORY=${REDIS_MEMORY:-256mb}
DIR=$(realpath -m "${REDIS_DIR:-${TMPDIR:-/tmp}/storefront-redis-$REDIS_PORT}")
PID_FILE=$DIR/redis.pid
URL=redis://127.0.0.1:$REDIS_PORT/0
# running_pid, stop
source scripts/pidfile.sh

available() {
  command -v redis-server >/dev/null && command -v redis-cli >/dev/null
}

install() {
  if available; then
    return 0
  fi
  if ! command -v apt-get >/dev/null || [[ $(id -u) -ne 0 ]]; then
    echo "Redis is missing: as root, apt-get install redis-server" >&2
    return 1
  fi
  echo "Installing Redis from Debian's packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  # The package's own service (port 6379) is not needed: policy-rc.d may refuse to start it.
  apt-get install -y -qq redis-server >&2
}

answers() {
  [[ $(redis-cli -h 127.0.0.1 -p "$REDIS_PORT" ping 2>/dev/null) == PONG ]]
}

start() {
  install
  if running_pid >/dev/null; then
    echo "$URL"
    return 0
  fi
  mkdir -p "$DIR"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --protected-mode yes \
    --daemonize yes --pidfile "$PID_FILE" --logfile "$DIR/redis.log" --dir "$DIR" \
    --save "" --appendonly no \
    --maxmemory "$REDIS_MEMORY" --maxmemory-policy allkeys-lru || {
    cat "$DIR/redis.log" >&2 2>/dev/null || true
    return 1
  }
  for _ in $(seq 1 50); do
    if answers; then
      echo "$URL"
      return 0
    fi
    sleep 0.1
  done
  echo "Redis did not answer on $URL; see $DIR/redis.log" >&2
  return 1
}

status() {
  if running_pid >/dev/null; then
    echo "Redis is running on $URL"
  else
    echo "Redis is not running on port $REDIS_PORT"
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
