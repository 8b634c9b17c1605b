#!/usr/bin/env bash
# Browser tests: headless Chromium (Debian's package) driven by playwright-core.
#   scripts/browser.sh install    install chromium (apt-get) and playwright-core (npm, tests/browser/)
#   scripts/browser.sh available  exit 0 when both are installed
#   scripts/browser.sh test       serve the demo site from a scratch SQLite database and run the tests
# Nothing downloads a browser: playwright-core drives /usr/bin/chromium (CHROMIUM to change it).
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-.venv/bin/python}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
BROWSER_DIR=tests/browser
PORT=${BROWSER_TEST_PORT:-8765}
SCRATCH=${BROWSER_TEST_DIR:-var/browser}

available() {
  [[ -x "$CHROMIUM" ]] && [[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] && command -v node >/dev/null
}

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root to run: $*" >&2; return 1; fi
}

install() {
  if [[ ! -x "$CHROMIUM" ]]; then
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends chromium
  fi
  if ! command -v npm >/dev/null; then
    as_root apt-get update -q
    DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends nodejs npm
  fi
  # playwright-core never downloads browsers; the lock file pins the version.
  (cd "$BROWSER_DIR" && npm ci --no-audit --no-fund --loglevel=error)
}

stop_server() {
  if [[ -n "${SERVER_PID:-}" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}

run_tests() {
  available || { echo "Browser tests need chromium and playwright-core: scripts/browser.sh install" >&2; exit 1; }
  local started=$SECONDS
  rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
  export DJANGO_SETTINGS_MODULE=cms.settings.dev
  export DATABASE_URL="sqlite:///$PWD/$SCRATCH/db.sqlite3"
  export MEDIA_ROOT="$PWD/$SCRATCH/media" DOCUMENTS_ROOT="$PWD/$SCRATCH/documents" STATIC_ROOT="$PWD/$SCRATCH/static"
  # The tests move the site's "today" (seasonal themes) through THEMES_TODAY_PARAM;
  # only this runner turns it on.
  export THEMES_TODAY_PARAM=1
  echo "--- Demo site: migrate, load_demo, collectstatic ($SCRATCH)"
  "$PYTHON" manage.py migrate --noinput -v 0
  "$PYTHON" manage.py load_demo
  "$PYTHON" manage.py search_index rebuild --no-progress
  "$PYTHON" manage.py collectstatic --noinput -v 0
  # Editors for the admin tests (one English, one who switches the admin to Italian); the
  # password lives only as long as the scratch database.
  BROWSER_TEST_ADMIN_PASSWORD=$("$PYTHON" -c "import secrets; print(secrets.token_urlsafe(16))")
  export BROWSER_TEST_ADMIN_PASSWORD
  for editor in editor redattrice; do
    DEMO_ADMIN_PASSWORD=$BROWSER_TEST_ADMIN_PASSWORD "$PYTHON" manage.py ensure_admin --username "$editor" >/dev/null
  done
  echo "--- Demo site ready in $((SECONDS - started)) s; serving on 127.0.0.1:$PORT"
  "$PYTHON" manage.py runserver "127.0.0.1:$PORT" --noreload --insecure >"$SCRATCH/server.log" 2>&1 &
  SERVER_PID=$!
  trap stop_server EXIT
  for _ in $(seq 60); do
    curl -fsS -o /dev/null "http://127.0.0.1:$PORT/en/" && break
    sleep 0.5
  done
  local tests_started=$SECONDS status=0 one_at_a_time=()
  # One test file at a time where node can say so (20+; Debian 12's node 18 cannot).
  node --help | grep -q -- --test-concurrency && one_at_a_time=(--test-concurrency=1)
  BASE_URL="http://127.0.0.1:$PORT" CHROMIUM="$CHROMIUM" \
    node --test "${one_at_a_time[@]}" "$BROWSER_DIR"/*.test.mjs || status=$?
  stop_server
  echo "--- Browser tests: $((SECONDS - tests_started)) s (whole stage with the demo site: $((SECONDS - started)) s)"
  echo "--- Screenshots: $PWD/$BROWSER_DIR/screenshots/"
  echo "--- Server log: $PWD/$SCRATCH/server.log"
  return $status
}

case "${1:-test}" in
  install) install ;;
  available) available ;;
  test) run_tests ;;
  *) echo "usage: $0 install|available|test" >&2; exit 2 ;;
esac
