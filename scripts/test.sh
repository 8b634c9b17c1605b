#!/usr/bin/env bash
# The whole test suite: once on SQLite (the embedded default) and once on PostgreSQL.
# PostgreSQL is required in CI (CI=true) and installed if missing; locally the
# PostgreSQL run happens when a server is installed (scripts/postgres.sh install).
# Extra arguments go to pytest, e.g. scripts/test.sh -k stores -x
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
CI=${CI:-}

run_suite() {
  local name=$1 database_url=$2
  shift 2
  echo "=== Test suite on $name ==="
  env "$database_url" "$PYTHON" -m pytest "$@" "${PYTEST_ARGS[@]}"
}

PYTEST_ARGS=("$@")

# Tests marked `postgres` exercise what only PostgreSQL does (concurrent writers); they
# run in the PostgreSQL pass and are left out of the SQLite one rather than skipped.
run_suite "SQLite" DATABASE_URL= -m "not postgres"

if [[ -n "$CI" ]] || scripts/postgres.sh available; then
  DATABASE_URL_PG=$(scripts/postgres.sh start)
  run_suite "PostgreSQL" DATABASE_URL="$DATABASE_URL_PG"
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
