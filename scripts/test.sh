#!/usr/bin/env bash
# The whole test suite: once on SQLite (the embedded default) and once on PostgreSQL.
# PostgreSQL is required in CI (CI=true) and installed if missing; locally the
# PostgreSQL run happens when a server is installed (scripts/postgres.sh install).
# The PostgreSQL run also has a real Elasticsearch node (ELASTICSEARCH_URL, for the tests
# marked `elasticsearch`): required in CI, started locally when Java and Maven are installed
# (scripts/elasticsearch.sh available), and stopped at the end unless it was already running.
# Extra arguments go to pytest, e.g. scripts/test.sh -k stores -x
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
CI=${CI:-}

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

PYTEST_ARGS=("$@")

# Tests marked `postgres` exercise what only PostgreSQL does (concurrent writers) and those
# marked `elasticsearch` need the node; they run in the PostgreSQL pass and are left out of
# the SQLite one rather than skipped.
run_suite "SQLite" DATABASE_URL= ELASTICSEARCH_URL= -m "not postgres and not elasticsearch"

if [[ -n "$CI" ]] || scripts/postgres.sh available; then
  DATABASE_URL_PG=$(scripts/postgres.sh start)
  ELASTICSEARCH_URL_PG=
  if [[ -n "$CI" ]] || scripts/elasticsearch.sh available; then
    # A node that was already running is left running; one started here is stopped at the end.
    scripts/elasticsearch.sh status >/dev/null || trap 'scripts/elasticsearch.sh stop' EXIT
    ELASTICSEARCH_URL_PG=$(scripts/elasticsearch.sh start)
  else
    echo "=== Java 17+ or Maven missing: tests marked elasticsearch are skipped (see README: Elasticsearch on this machine) ==="
  fi
  run_suite "PostgreSQL" DATABASE_URL="$DATABASE_URL_PG" ELASTICSEARCH_URL="$ELASTICSEARCH_URL_PG"
else
  echo "=== PostgreSQL not installed: the PostgreSQL run is left out (install it with: scripts/postgres.sh install) ==="
fi

# --- Browser tests (scripts/browser.sh): the reference storefront in headless Chromium.
# Mandatory in CI (installed when missing); locally they run when chromium and
# playwright-core are installed, else this says how to install them.
echo "=== Browser tests ==="
if [[ -n "$CI" ]]; then
  scripts/browser.sh available || scripts/browser.sh install
  PYTHON="$PYTHON" scripts/browser.sh test
elif scripts/browser.sh available; then
  PYTHON="$PYTHON" scripts/browser.sh test
else
  echo "=== Browser tests left out: install chromium and playwright-core with scripts/browser.sh install (or make browser-test) ==="
fi
