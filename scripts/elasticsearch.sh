#!/usr/bin/env bash
# Elasticsearch 8.14 on 127.0.0.1 for tests and local runs, built from Maven Central artifacts
# (scripts/elasticsearch/: the server, its Netty4 HTTP/transport plugin and our own analysis
# plugin in one JVM per node): a single node by default, or a cluster of several nodes.
#   scripts/elasticsearch.sh install    install Java and Maven if missing (apt-get, as root), resolve
#                                       the artifacts and build the launcher
#   scripts/elasticsearch.sh start [--nodes N]
#                                       build if needed, start the node (or the N nodes of a cluster,
#                                       those not running yet), wait until every node answers and the
#                                       cluster has them all; prints ELASTICSEARCH_URL (for a cluster
#                                       the nodes' URLs, comma-separated; already running: prints it again)
#   scripts/elasticsearch.sh stop       stop every node this checkout started (in ES_DIR)
#   scripts/elasticsearch.sh status     say which nodes run; exit 1 when none does, or not all of a cluster
#   scripts/elasticsearch.sh available  exit 0 when Java 17+ and Maven are installed
# Environment: ES_NODES (nodes, default 1; --nodes wins), ES_PORT (HTTP port of the first node,
# default 9200; node i listens on ES_PORT+i-1), ES_TRANSPORT_PORT (transport port of the first
# node of a cluster, default ES_PORT+100; a single node picks a free one in 9300-9399), ES_HEAP
# (maximum heap per node, default 1g for a single node and 512m for a cluster's nodes; the
# initial heap is 512m or ES_HEAP if smaller), ES_START_TIMEOUT (seconds, default 120 and 60
# more per extra node), ES_DIR (data, log, pid and port files, default .elasticsearch; a
# cluster's nodes each have a folder of their own in it, node-1, node-2, ...).
set -euo pipefail
cd "$(dirname "$0")/.."

ES_PORT=${ES_PORT:-9200}
ES_NODES=${ES_NODES:-1}
ACTION=${1:-}
shift || true
while (( $# )); do
  case $1 in
    --nodes) ES_NODES=${2:-}; shift 2 || { echo "--nodes needs a number" >&2; exit 2; } ;;
    --nodes=*) ES_NODES=${1#--nodes=}; shift ;;
    *) echo "unknown option '$1'" >&2; exit 2 ;;
  esac
done
if ! [[ $ES_NODES =~ ^[1-9][0-9]*$ ]]; then
  echo "ES_NODES / --nodes must be a whole number of nodes (1 or more), got '$ES_NODES'" >&2
  exit 2
fi
ES_TRANSPORT_PORT=${ES_TRANSPORT_PORT:-$((ES_PORT + 100))}
if (( ES_NODES > 1 )); then
  ES_HEAP=${ES_HEAP:-512m}
else
  ES_HEAP=${ES_HEAP:-1g}
fi
ES_START_TIMEOUT=${ES_START_TIMEOUT:-$((120 + 60 * (ES_NODES - 1)))}

PROJECT=scripts/elasticsearch
BUILT=$PROJECT/target/classpath.txt
ES_HOME=$(realpath -m "${ES_DIR:-.elasticsearch}")
# How many nodes the cluster started in ES_HOME has (absent for a single node).
CLUSTER_FILE=$ES_HOME/cluster-nodes

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

# --- one node: its folder holds data/, logs/, elasticsearch.pid, .port and .log -------------

node_home() {  # node_home N: the folder of node N (a single node: ES_HOME itself)
  if (( ES_NODES > 1 )); then echo "$ES_HOME/node-$1"; else echo "$ES_HOME"; fi
}

running_pid() {  # running_pid HOME: the pid of the node started in HOME, if it runs
  local pid_file=$1/elasticsearch.pid pid
  [[ -f $pid_file ]] || return 1
  pid=$(cat "$pid_file")
  if kill -0 "$pid" 2>/dev/null && grep -q storefront.elasticsearch.Launcher "/proc/$pid/cmdline" 2>/dev/null; then
    echo "$pid"
  else
    return 1
  fi
}

launch() {  # launch HOME HTTP_PORT [launcher options]: starts the JVM in the background
  local home=$1 port=$2 heap initial pid
  shift 2
  heap=$(megabytes "$ES_HEAP")
  initial=$(( heap < 512 ? heap : 512 ))
  mkdir -p "$home/tmp"
  echo '*' > "$ES_HOME/.gitignore"
  # The netty and log4j properties are the ones Elasticsearch's own launcher sets.
  nohup java -Xms"${initial}m" -Xmx"${heap}m" -XX:+UseG1GC -Xss1m \
    -Djava.io.tmpdir="$home/tmp" -Dfile.encoding=UTF-8 \
    -Dio.netty.noUnsafe=true -Dio.netty.noKeySetOptimization=true -Dio.netty.recycler.maxCapacityPerThread=0 \
    -Dlog4j.shutdownHookEnabled=false -Dlog4j2.disable.jmx=true \
    -cp "$PROJECT/target/classes:$(cat "$BUILT")" storefront.elasticsearch.Launcher "$home" "$port" "$@" \
    >"$home/elasticsearch.log" 2>&1 </dev/null &
  pid=$!
  echo "$pid" > "$home/elasticsearch.pid"
  echo "$port" > "$home/elasticsearch.port"
}

stop_homes() {  # stop_homes HOME...: SIGTERM to each running node, then wait (SIGKILL after 30 s)
  local home pid pids=()
  for home in "$@"; do
    if pid=$(running_pid "$home"); then
      kill -TERM "$pid"
      pids+=("$pid")
    fi
  done
  for _ in $(seq 1 30); do
    local alive=0
    for pid in "${pids[@]}"; do kill -0 "$pid" 2>/dev/null && alive=1; done
    (( alive )) || break
    sleep 1
  done
  for pid in "${pids[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      echo "Elasticsearch (pid $pid) did not stop within 30s; killing it" >&2
      kill -KILL "$pid"
    fi
  done
  for home in "$@"; do rm -f "$home/elasticsearch.pid" "$home/elasticsearch.port"; done
}

# --- the whole set ----------------------------------------------------------------------------

started_homes() {  # every node folder of ES_HOME with a pid file (a single node, or a cluster's)
  [[ -f $ES_HOME/elasticsearch.pid ]] && echo "$ES_HOME"
  local home
  for home in "$ES_HOME"/node-*; do
    [[ -f $home/elasticsearch.pid ]] && echo "$home"
  done
  return 0
}

urls() {
  local i list=()
  for (( i = 0; i < ES_NODES; i++ )); do list+=("http://127.0.0.1:$((ES_PORT + i))"); done
  (IFS=,; echo "${list[*]}")
}

# Every node answers and sees all ES_NODES nodes in a cluster that is at least yellow.
healthy() {
  local i
  for (( i = 0; i < ES_NODES; i++ )); do
    curl -sf -o /dev/null \
      "http://127.0.0.1:$((ES_PORT + i))/_cluster/health?wait_for_status=yellow&wait_for_nodes=$ES_NODES&timeout=1s" || return 1
  done
}

wait_until_healthy() {
  local deadline=$((SECONDS + ES_START_TIMEOUT)) i home
  until healthy; do
    for (( i = 1; i <= ES_NODES; i++ )); do
      home=$(node_home "$i")
      if ! running_pid "$home" >/dev/null; then
        echo "Elasticsearch node $i exited while starting; the end of $home/elasticsearch.log:" >&2
        tail -n 30 "$home/elasticsearch.log" >&2
        rm -f "$home/elasticsearch.pid"
        return 1
      fi
    done
    if (( SECONDS >= deadline )); then
      echo "Elasticsearch was not healthy with $ES_NODES node(s) after ${ES_START_TIMEOUT}s (see the logs in $ES_HOME); stopping it" >&2
      stop
      return 1
    fi
    sleep 1
  done
}

start() {
  build
  local running=0 home recorded=1
  while read -r home; do
    if running_pid "$home" >/dev/null; then running=$((running + 1)); fi
  done < <(started_homes)
  [[ -f $CLUSTER_FILE ]] && recorded=$(cat "$CLUSTER_FILE")
  if (( running > 0 )) && [[ $recorded != "$ES_NODES" ]]; then
    echo "Elasticsearch already runs from $ES_HOME with $recorded node(s); stop it first to start $ES_NODES" >&2
    return 1
  fi
  local seeds=() names=() i
  for (( i = 0; i < ES_NODES; i++ )); do
    seeds+=("127.0.0.1:$((ES_TRANSPORT_PORT + i))")
    names+=("storefront-$((i + 1))")
  done
  for (( i = 1; i <= ES_NODES; i++ )); do
    local home port
    home=$(node_home "$i")
    port=$((ES_PORT + i - 1))
    if running_pid "$home" >/dev/null; then
      if [[ $(cat "$home/elasticsearch.port" 2>/dev/null) != "$port" ]]; then
        echo "Elasticsearch already runs from this checkout on port $(cat "$home/elasticsearch.port" 2>/dev/null); stop it first to use port $ES_PORT" >&2
        return 1
      fi
      continue
    fi
    if curl -s -o /dev/null "http://127.0.0.1:$port/" 2>/dev/null; then
      echo "Port $port already answers, but not for a node this checkout started; choose another with ES_PORT" >&2
      return 1
    fi
    if (( ES_NODES == 1 )); then
      launch "$home" "$port"
    else
      local options=(--node-name "storefront-$i" --transport-port "$((ES_TRANSPORT_PORT + i - 1))"
        --seed-hosts "$(IFS=,; echo "${seeds[*]}")")
      # Only a node without data bootstraps: one that belonged to the cluster rejoins it.
      if [[ -z $(ls -A "$home/data" 2>/dev/null) ]]; then
        options+=(--initial-master-nodes "$(IFS=,; echo "${names[*]}")")
      fi
      mkdir -p "$home"
      launch "$home" "$port" "${options[@]}"
    fi
  done
  if (( ES_NODES > 1 )); then echo "$ES_NODES" > "$CLUSTER_FILE"; else rm -f "$CLUSTER_FILE"; fi
  wait_until_healthy
  urls
}

stop() {
  local homes
  mapfile -t homes < <(started_homes)
  (( ${#homes[@]} )) && stop_homes "${homes[@]}"
  return 0
}

status() {
  local homes home pid running=0 expected=1
  [[ -f $CLUSTER_FILE ]] && expected=$(cat "$CLUSTER_FILE")
  mapfile -t homes < <(started_homes)
  for home in "${homes[@]}"; do
    local name=Elasticsearch
    [[ $home == "$ES_HOME" ]] || name="Elasticsearch node ${home##*/node-}"
    if pid=$(running_pid "$home"); then
      echo "$name is running at http://127.0.0.1:$(cat "$home/elasticsearch.port" 2>/dev/null) (pid $pid, log $home/elasticsearch.log)"
      running=$((running + 1))
    else
      echo "$name is not running (log $home/elasticsearch.log)"
    fi
  done
  if (( running == 0 )); then
    echo "Elasticsearch is not running"
    return 1
  fi
  if (( running < expected )); then
    echo "$running of the cluster's $expected nodes are running"
    return 1
  fi
}

case "$ACTION" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  status) status ;;
  available) available ;;
  *) echo "usage: $0 install|start [--nodes N]|stop|status|available" >&2; exit 2 ;;
esac
