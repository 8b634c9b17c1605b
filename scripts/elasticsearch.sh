#!/usr/bin/env bash
# A single-node Elasticsearch 8.14 on 127.0.0.1 for tests and local runs, built from Maven
# Central artifacts (scripts/elasticsearch/: the server, its Netty4 HTTP plugin and our own
# analysis plugin in one JVM). Data, log and pid file live in .elasticsearch/ (ES_DIR).
#   scripts/elasticsearch.sh install    install Java and Maven if missing (apt-get, as root), resolve
#                                       the artifacts and build the launcher
#   scripts/elasticsearch.sh start      build if needed, start the node, wait until it is healthy;
#                                       prints ELASTICSEARCH_URL (already running: prints it again)
#   scripts/elasticsearch.sh stop       stop the node this checkout started
#   scripts/elasticsearch.sh status     say whether it runs; exit 1 when it does not
#   scripts/elasticsearch.sh available  exit 0 when Java 17+ and Maven are installed
# Environment: ES_PORT (HTTP port, default 9200), ES_HEAP (maximum heap, default 1g; the
# initial heap is 512m or ES_HEAP if smaller), ES_START_TIMEOUT (seconds, default 120),
# ES_DIR (data, log and pid file; default .elasticsearch).
set -euo pipefail
cd "$(dirname "$0")/.."

ES_PORT=${ES_PORT:-9200}
ES_HEAP=${ES_HEAP:-1g}
ES_START_TIMEOUT=${ES_START_TIMEOUT:-120}

PROJECT=scripts/elasticsearch
BUILT=$PROJECT/target/classpath.txt
HOME_DIR=$(realpath -m "${ES_DIR:-.elasticsearch}")
PID_FILE=$HOME_DIR/elasticsearch.pid
PORT_FILE=$HOME_DIR/elasticsearch.port
LOG_FILE=$HOME_DIR/elasticsearch.log
URL=http://127.0.0.1:$ES_PORT

java_major() {
  java -version 2>&1 | awk -F'"' '/version/ {split($2, v, "."); print (v[1] == "1" ? v[2] : v[1]); exit}'
}

available() {
  command -v java >/dev/null && command -v mvn >/dev/null && [[ $(java_major) -ge 17 ]]
}

install() {
  if ! available && command -v apt-get >/dev/null && [[ $(id -u) -eq 0 ]]; then
    echo "Installing Java 17 and Maven from Debian's packages..." >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >&2
    apt-get install -y -qq openjdk-17-jdk-headless maven >&2
  fi
  if ! available; then
    echo "Elasticsearch needs Java 17+ and Maven (Debian: apt-get install openjdk-17-jdk-headless maven)" >&2
    return 1
  fi
  echo "Building the Elasticsearch launcher (Maven)..." >&2
  mvn -q -B -Dstyle.color=never -f "$PROJECT/pom.xml" compile >&2
  touch "$BUILT"
}

# Builds when nothing was built yet or a source changed since.
build() {
  if [[ ! -f $BUILT ]] || [[ -n $(find "$PROJECT/pom.xml" "$PROJECT/src" -newer "$BUILT" -print -quit) ]]; then
    install
  fi
}

megabytes() {
  case $1 in
    *[gG]) echo $(( ${1%?} * 1024 )) ;;
    *[mM]) echo "${1%?}" ;;
    *) echo "ES_HEAP must be a size in m or g (like 512m or 1g), got '$1'" >&2; return 1 ;;
  esac
}

running_pid() {
  [[ -f $PID_FILE ]] || return 1
  local pid
  pid=$(cat "$PID_FILE")
  if kill -0 "$pid" 2>/dev/null && grep -q storefront.elasticsearch.Launcher "/proc/$pid/cmdline" 2>/dev/null; then
    echo "$pid"
  else
    return 1
  fi
}

healthy() {
  curl -sf -o /dev/null "$URL/_cluster/health?wait_for_status=yellow&timeout=1s"
}

start() {
  build
  local pid
  if pid=$(running_pid); then
    if [[ $(cat "$PORT_FILE" 2>/dev/null) != "$ES_PORT" ]]; then
      echo "Elasticsearch already runs from this checkout on port $(cat "$PORT_FILE" 2>/dev/null); stop it first to use port $ES_PORT" >&2
      return 1
    fi
    wait_until_healthy "$pid"
    echo "$URL"
    return 0
  fi
  if curl -s -o /dev/null "$URL/" 2>/dev/null; then
    echo "Port $ES_PORT already answers, but not for a node this checkout started; choose another with ES_PORT" >&2
    return 1
  fi
  local heap initial
  heap=$(megabytes "$ES_HEAP")
  initial=$(( heap < 512 ? heap : 512 ))
  mkdir -p "$HOME_DIR/tmp"
  echo '*' > "$HOME_DIR/.gitignore"
  # The netty and log4j properties are the ones Elasticsearch's own launcher sets.
  nohup java -Xms"${initial}m" -Xmx"${heap}m" -XX:+UseG1GC -Xss1m \
    -Djava.io.tmpdir="$HOME_DIR/tmp" -Dfile.encoding=UTF-8 \
    -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0 \
    -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true \
    -cp "$PROJECT/target/classes:$(cat "$BUILT")" storefront.elasticsearch.Launcher "$HOME_DIR" "$ES_PORT" \
    >"$LOG_FILE" 2>&1 </dev/null &
  pid=$!
  echo "$pid" > "$PID_FILE"
  echo "$ES_PORT" > "$PORT_FILE"
  wait_until_healthy "$pid"
  echo "$URL"
}

wait_until_healthy() {
  local pid=$1 deadline=$((SECONDS + ES_START_TIMEOUT))
  until healthy; do
    if ! kill -0 "$pid" 2>/dev/null; then
      echo "Elasticsearch exited while starting; the end of $LOG_FILE:" >&2
      tail -n 30 "$LOG_FILE" >&2
      rm -f "$PID_FILE"
      return 1
    fi
    if (( SECONDS >= deadline )); then
      echo "Elasticsearch was not healthy after ${ES_START_TIMEOUT}s (see $LOG_FILE); stopping it" >&2
      stop
      return 1
    fi
    sleep 1
  done
}

stop() {
  local pid
  if ! pid=$(running_pid); then
    rm -f "$PID_FILE"
    return 0
  fi
  kill -TERM "$pid"
  for _ in $(seq 1 30); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then
    echo "Elasticsearch (pid $pid) did not stop within 30s; killing it" >&2
    kill -KILL "$pid"
  fi
  rm -f "$PID_FILE" "$PORT_FILE"
}

status() {
  local pid
  if pid=$(running_pid); then
    echo "Elasticsearch is running at http://127.0.0.1:$(cat "$PORT_FILE" 2>/dev/null) (pid $pid, log $LOG_FILE)"
  else
    echo "Elasticsearch is not running"
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
