#!/usr/bin/env bash
# The whole test suite: on SQLite (the embedded default), on PostgreSQL with a real
# Elasticsearch node, a 3-node cluster, a real Varnish and a real Redis (three app servers
# sharing it and the database), the reference storefront in headless
# Chromium, and the API as frontends connect to it with the real npm clients (scripts/clients.sh).
#
# PostgreSQL, the Elasticsearch node, Varnish, Redis, the browser and the client tests are required in
# CI (CI=true) and installed/started when missing. Locally each part runs when it is installed
# (scripts/postgres.sh, scripts/elasticsearch.sh, scripts/varnish.sh, scripts/browser.sh:
# `available`; the client tests whenever node and npm are there, installing their pinned
# packages), and a node started here is stopped at the end (one that was already running is
# left alone). The tests marked `varnish` start their own Varnish instances, those marked
# `redis` their own Redis (scripts/redis.sh on a free port).
#
# The machine has two cores, so the work runs in two lanes side by side; a progress line per
# lane is printed every minute, and both lanes' output at the end:
#   lane 1: SQLite pass, then the tests marked `elasticsearch` on PostgreSQL, then browsers,
#           then the client tests
#   lane 2: every other test on PostgreSQL (in a database of its own), those through Varnish
#           (marked `varnish`: a live app server on the test database) and those on Redis
#           (marked `redis`: three gunicorn app servers on the test database) included, then the tests
#           marked `elasticsearch_cluster` (three Elasticsearch nodes of their own, killed and
#           frozen; in another database of its own)
# Extra arguments go to pytest, e.g. scripts/test.sh -k stores -x
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
CI=${CI:-}
export CI

PYTEST_ARGS=("$@")

run_suite() {
  local name=$1 database_url=$2 elasticsearch_url=$3
  shift 3
  echo "=== Test suite on $name ==="
  local status=0
  env "$database_url" "$elasticsearch_url" "$PYTHON" -m pytest "$@" "${PYTEST_ARGS[@]}" || status=$?
  # 5: every selected test was left out of this run (e.g. only tests marked elasticsearch).
  if [[ $status -ne 0 && $status -ne 5 ]]; then
    return "$status"
  fi
}

browser_tests() {
  echo "=== Browser tests ==="
  if [[ -n "$CI" ]]; then
    scripts/browser.sh available || scripts/browser.sh install
    PYTHON="$PYTHON" scripts/browser.sh test
  elif scripts/browser.sh available; then
    PYTHON="$PYTHON" scripts/browser.sh test
  else
    echo "=== Browser tests left out: install chromium and playwright-core with scripts/browser.sh install (or make browser-test) ==="
  fi
}

client_tests() {
  echo "=== Client tests (Apollo Client, urql, graphql-request, GraphQL-over-HTTP audit, CORS) ==="
  if [[ -n "$CI" ]] || { command -v node >/dev/null && command -v npm >/dev/null; }; then
    scripts/clients.sh available || scripts/clients.sh install
    PYTHON="$PYTHON" scripts/clients.sh test
  else
    echo "=== Client tests left out: node and npm are not installed (scripts/clients.sh install installs them) ==="
  fi
}

# --- Services
DATABASE_URL_PG=
if [[ -n "$CI" ]] || scripts/postgres.sh available; then
  DATABASE_URL_PG=$(scripts/postgres.sh start)
else
  echo "=== PostgreSQL not installed: the PostgreSQL run is left out (install it with: scripts/postgres.sh install) ==="
fi

ELASTICSEARCH_URL_PG=
if [[ -n "$DATABASE_URL_PG" ]]; then
  if [[ -n "$CI" ]] || scripts/elasticsearch.sh available; then
    # A node that was already running is left running; one started here is stopped at the end.
    scripts/elasticsearch.sh status >/dev/null || trap 'scripts/elasticsearch.sh stop' EXIT
    ELASTICSEARCH_URL_PG=$(scripts/elasticsearch.sh start)
  else
    echo "=== Java 17+ or Maven missing: tests marked elasticsearch are skipped (see docs/search.md: Elasticsearch on this machine) ==="
  fi
fi

if [[ -n "$CI" ]]; then
  scripts/varnish.sh available || scripts/varnish.sh install
  export VARNISH_REQUIRED=1  # a test marked varnish fails instead of being skipped
elif [[ -n "$DATABASE_URL_PG" ]] && ! scripts/varnish.sh available; then
  echo "=== Varnish not installed: tests marked varnish are skipped (install it with: scripts/varnish.sh install) ==="
fi

if [[ -n "$CI" ]]; then
  scripts/redis.sh available || scripts/redis.sh install
  export REDIS_REQUIRED=1  # a test marked redis fails instead of being skipped
elif [[ -n "$DATABASE_URL_PG" ]] && ! scripts/redis.sh available; then
  echo "=== Redis not installed: tests marked redis are skipped (install it with: scripts/redis.sh install) ==="
fi

# --- Lanes
lane_one() {
  # Tests marked `postgres` exercise what only PostgreSQL does (concurrent writers), those
  # marked `elasticsearch` need the node, those marked `varnish` and `redis` run in lane 2 (the
  # production shape) and the cluster tests in a run of their own; they are left out of the
  # SQLite pass, not skipped.
  # Every stage runs even after one failed, so one run reports every failure; the lane
  # fails with the first failure's status.
  local status=0
  run_suite "SQLite" DATABASE_URL= ELASTICSEARCH_URL= \
    -m "not postgres and not elasticsearch and not varnish and not redis and not elasticsearch_cluster" || status=$?
  if [[ -n "$DATABASE_URL_PG" ]]; then
    run_suite "PostgreSQL with Elasticsearch (tests marked elasticsearch)" \
      DATABASE_URL="${DATABASE_URL_PG%/*}/storefront_es" ELASTICSEARCH_URL="$ELASTICSEARCH_URL_PG" -m elasticsearch \
      || ((status = status ? status : $?))
  fi
  browser_tests || ((status = status ? status : $?))
  client_tests || ((status = status ? status : $?))
  return "$status"
}

lane_two() {
  local status=0
  if [[ -n "$DATABASE_URL_PG" ]]; then
    run_suite "PostgreSQL (all other tests)" \
      DATABASE_URL="$DATABASE_URL_PG" ELASTICSEARCH_URL= -m "not elasticsearch and not elasticsearch_cluster" || status=$?
    cluster_tests || ((status = status ? status : $?))
  fi
  return "$status"
}

cluster_tests() {
  # The tests start their nodes with scripts/elasticsearch.sh on free ports of their own and
  # stop them at the end; after lane two's PostgreSQL run, which ends before lane one.
  if [[ -n "$CI" ]] || scripts/elasticsearch.sh available; then
    ES_CLUSTER_TESTS=1 run_suite "Elasticsearch cluster: nodes killed and frozen (tests marked elasticsearch_cluster)" \
      DATABASE_URL="${DATABASE_URL_PG%/*}/storefront_cluster" ELASTICSEARCH_URL= -m elasticsearch_cluster
  else
    echo "=== Java 17+ or Maven missing: the Elasticsearch cluster tests are left out ==="
  fi
}

# A line per running lane every PROGRESS_SECONDS: its stage (the last "=== … ===" heading it
# printed) and how far pytest has got in it, so a long run is never silent.
progress() {
  local lane log heading stage done_so_far
  while sleep "${PROGRESS_SECONDS:-60}"; do
    for lane in 1 2; do
      log="$LOGS/lane$lane.log"
      [[ -e "$LOGS/lane$lane.done" ]] && continue
      heading=$(grep -nE '^=== .* ===$' "$log" | tail -1 || true)
      stage=$(sed -e 's/^[0-9]*:=== //' -e 's/ ===$//' <<<"$heading")
      # pytest's "[ 45%]" since that heading
      done_so_far=$(tail -n +"${heading%%:*}" "$log" 2>/dev/null | grep -oE '\[ *[0-9]+%\]' | tail -1 | tr -d '[] ' || true)
      echo "... $((SECONDS - started)) s: lane $lane at ${stage:-its start}${done_so_far:+, $done_so_far of its pytest run}"
    done
  done
}

LOGS=$(mktemp -d)
started=$SECONDS
{ lane_one >"$LOGS/lane1.log" 2>&1; status=$?; touch "$LOGS/lane1.done"; exit $status; } &
lane1=$!
{ lane_two >"$LOGS/lane2.log" 2>&1; status=$?; touch "$LOGS/lane2.done"; exit $status; } &
lane2=$!
echo "=== Running two lanes (logs in $LOGS) ==="
progress &
ticker=$!

status1=0
wait "$lane1" || status1=$?
status2=0
wait "$lane2" || status2=$?
kill "$ticker" 2>/dev/null || true
cat "$LOGS/lane1.log" "$LOGS/lane2.log"

echo "=== Lane 1 (SQLite, Elasticsearch, browsers, clients): exit $status1; lane 2 (PostgreSQL): exit $status2; $((SECONDS - started)) s ==="
[[ $status1 -eq 0 && $status2 -eq 0 ]]
