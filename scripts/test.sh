#!/usr/bin/env bash
# The whole test suite: on SQLite (the embedded default), on PostgreSQL with a real
# Elasticsearch node and a real Varnish, and the reference storefront in headless Chromium.
#
# PostgreSQL, the Elasticsearch node, Varnish and the browser are required in CI (CI=true)
# and installed/started when missing. Locally each part runs when it is installed
# (scripts/postgres.sh, scripts/elasticsearch.sh, scripts/varnish.sh, scripts/browser.sh:
# `available`), and a node started here is stopped at the end (one that was already running
# is left alone). The tests marked `varnish` start their own Varnish instances.
#
# The machine has two cores, so the work runs in two lanes side by side, each printed when
# it ends:
#   lane 1: SQLite pass, then the tests marked `elasticsearch` on PostgreSQL, then browsers
#   lane 2: every other test on PostgreSQL (in a database of its own), those through Varnish
#           (marked `varnish`: a live app server on the test database) included
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
    echo "=== Java 17+ or Maven missing: tests marked elasticsearch are skipped (see README: Elasticsearch on this machine) ==="
  fi
fi

if [[ -n "$CI" ]]; then
  scripts/varnish.sh available || scripts/varnish.sh install
  export VARNISH_REQUIRED=1  # a test marked varnish fails instead of being skipped
elif [[ -n "$DATABASE_URL_PG" ]] && ! scripts/varnish.sh available; then
  echo "=== Varnish not installed: tests marked varnish are skipped (install it with: scripts/varnish.sh install) ==="
fi

# --- Lanes
lane_one() {
  # Tests marked `postgres` exercise what only PostgreSQL does (concurrent writers), those
  # marked `elasticsearch` need the node and those marked `varnish` run in lane 2 (the
  # production shape); they are left out of the SQLite pass, not skipped.
  run_suite "SQLite" DATABASE_URL= ELASTICSEARCH_URL= -m "not postgres and not elasticsearch and not varnish"
  if [[ -n "$DATABASE_URL_PG" ]]; then
    run_suite "PostgreSQL with Elasticsearch (tests marked elasticsearch)" \
      DATABASE_URL="${DATABASE_URL_PG%/*}/storefront_es" ELASTICSEARCH_URL="$ELASTICSEARCH_URL_PG" -m elasticsearch
  fi
  browser_tests
}

lane_two() {
  if [[ -n "$DATABASE_URL_PG" ]]; then
    run_suite "PostgreSQL (all other tests)" \
      DATABASE_URL="$DATABASE_URL_PG" ELASTICSEARCH_URL= -m "not elasticsearch"
  fi
}

LOGS=$(mktemp -d)
started=$SECONDS
lane_one >"$LOGS/lane1.log" 2>&1 &
lane1=$!
lane_two >"$LOGS/lane2.log" 2>&1 &
lane2=$!
echo "=== Running two lanes (logs in $LOGS) ==="

status1=0
wait "$lane1" || status1=$?
cat "$LOGS/lane1.log"
status2=0
wait "$lane2" || status2=$?
cat "$LOGS/lane2.log"

echo "=== Lane 1 (SQLite, Elasticsearch, browsers): exit $status1; lane 2 (PostgreSQL): exit $status2; $((SECONDS - started)) s ==="
[[ $status1 -eq 0 && $status2 -eq 0 ]]
