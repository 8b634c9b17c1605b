#!/usr/bin/env bash
# Browser tests: headless Chromium (Debian's package) driven by playwright-core.
#   scripts/browser.sh install    install chromium (apt-get) and playwright-core (npm, tests/browser/)
#   scripts/browser.sh available  exit 0 when both are installed
#   scripts/browser.sh test [FILE...]  serve the demo site from a scratch SQLite database and run
#                                 the tests (every tests/browser/*.test.mjs, or the files named)
# Nothing downloads a browser: playwright-core drives /usr/bin/chromium (CHROMIUM to change it).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node_tests.sh

PYTHON=${PYTHON:-.venv/bin/python}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
BROWSER_DIR=tests/browser
PORT=${BROWSER_TEST_PORT:-8765}
SCRATCH=${BROWSER_TEST_DIR:-var/browser}

available() {
  [[ -x "$CHROMIUM" ]] && [[ -d "$BROWSER_DIR/node_modules/playwright-core" ]] && command -v node >/dev/null
}

install() {
  [[ -x "$CHROMIUM" ]] || apt_install chromium
  command -v npm >/dev/null || apt_install nodejs npm
  # playwright-core never downloads browsers; the lock file pins the version.
  (cd "$BROWSER_DIR" && npm ci --no-audit --no-fund --loglevel=error)
}

run_tests() {
  available || { echo "Browser tests need chromium and playwright-core: scripts/browser.sh install" >&2; exit 1; }
  local started=$SECONDS
  scratch_site "$SCRATCH"
  # The tests move the site's "today" (seasonal themes) through THEMES_TODAY_PARAM;
  # only this runner turns it on.
  export THEMES_TODAY_PARAM=1
  echo "--- Demo site: compilemessages, migrate, load_demo, collectstatic ($SCRATCH)"
  "$PYTHON" manage.py compilemessages -v 0
  "$PYTHON" manage.py migrate --noinput -v 0
  # The site's address is the one served below, so QR codes and full URLs point at it.
  "$PYTHON" manage.py load_demo --site-url "http://127.0.0.1:$PORT"
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
  serve_demo "$PORT" "$SCRATCH/server.log" /en/
  local tests_started=$SECONDS status=0
  local files=("$@")
  [[ ${#files[@]} -gt 0 ]] || files=("$BROWSER_DIR"/*.test.mjs)
  BASE_URL="http://127.0.0.1:$PORT" CHROMIUM="$CHROMIUM" node_test "${files[@]}" || status=$?
  stop_server
  echo "--- Browser tests: $((SECONDS - tests_started)) s (whole stage with the demo site: $((SECONDS - started)) s)"
  echo "--- Screenshots: $PWD/$BROWSER_DIR/screenshots/"
  echo "--- Server log: $PWD/$SCRATCH/server.log"
  return $status
}

case "${1:-test}" in
  install) install ;;
  available) available ;;
  test) shift; run_tests "$@" ;;
  *) echo "usage: $0 install|available|test [FILE...]" >&2; exit 2 ;;
esac
