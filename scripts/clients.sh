#!/usr/bin/env bash
# Client tests: the API as frontends connect to it, with the real clients from npm (Apollo
# Client, urql, graphql-request, plain fetch), graphql-http's GraphQL-over-HTTP audit, and
# CORS in headless Chromium from a page on another origin.
#   scripts/clients.sh install    install node/npm if missing (apt-get) and the pinned packages (npm ci)
#   scripts/clients.sh available  exit 0 when node and the packages of tests/clients/package-lock.json are installed
#   scripts/clients.sh test       serve the demo site from a scratch SQLite database and run node --test tests/clients
# The CORS test drives Debian's chromium (CHROMIUM, as scripts/browser.sh); without it that
# test is skipped, except in CI, where it is required.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node_tests.sh

PYTHON=${PYTHON:-.venv/bin/python}
CHROMIUM=${CHROMIUM:-/usr/bin/chromium}
CLIENTS_DIR=tests/clients
SCRATCH=${CLIENT_TEST_DIR:-var/clients}
CI=${CI:-}
# npm ci copies the lock here; a lock changed since means the packages must be installed again.
INSTALLED_LOCK=$CLIENTS_DIR/node_modules/.installed-package-lock.json

available() {
  command -v node >/dev/null && cmp -s "$CLIENTS_DIR/package-lock.json" "$INSTALLED_LOCK"
}

install() {
  command -v npm >/dev/null || apt_install nodejs npm
  [[ -z "$CI" || -x "$CHROMIUM" ]] || apt_install chromium
  # The lock pins every package; playwright-core never downloads a browser, esbuild's binary
  # comes in its npm package.
  (cd "$CLIENTS_DIR" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$CLIENTS_DIR/package-lock.json" "$INSTALLED_LOCK"
}

free_ports() {  # $1 distinct free ports on 127.0.0.1
  "$PYTHON" -c '
import socket, sys
sockets = [socket.socket() for _ in range(int(sys.argv[1]))]
for s in sockets:
    s.bind(("127.0.0.1", 0))
print(*(s.getsockname()[1] for s in sockets))' "$1"
}

run_tests() {
  available || { echo "Client tests need node and their packages: scripts/clients.sh install" >&2; exit 1; }
  if [[ -n "$CI" && ! -x "$CHROMIUM" ]]; then
    echo "The CORS test needs chromium in CI: scripts/clients.sh install" >&2
    exit 1
  fi
  local started=$SECONDS
  scratch_site "$SCRATCH"
  echo "--- Demo site: migrate, load_demo ($SCRATCH)"
  "$PYTHON" manage.py migrate --noinput -v 0
  "$PYTHON" manage.py load_demo >/dev/null
  # A draft for the preview tests: a story's title changed in a preview only, and its token.
  local preview
  preview=$("$PYTHON" manage.py shell -v 0 -c '
from cms.core.preview import create_preview_token
from cms.stories.models import ProductStoryPage
page = ProductStoryPage.objects.live().filter(locale__language_code="en").order_by("pk").first()
page.title += " (draft)"
print(create_preview_token(page))
print(page.title)')
  PREVIEW_TOKEN=$(sed -n 1p <<<"$preview")
  PREVIEW_TITLE=$(sed -n 2p <<<"$preview")
  export PREVIEW_TOKEN PREVIEW_TITLE

  local port allowed_port denied_port
  read -r port allowed_port denied_port <<<"$(free_ports 3)"
  echo "--- Demo site ready in $((SECONDS - started)) s; serving on 127.0.0.1:$port (CORS: 127.0.0.1:$allowed_port allowed, :$denied_port not)"
  # Only the allowed port's origin may call the API from a browser (development would allow
  # any localhost port). No rate limit: the tests send a few hundred requests a minute.
  CORS_ALLOWED_ORIGINS="http://127.0.0.1:$allowed_port" GRAPHQL_RATE_LIMIT="" \
    serve_demo "$port" "$SCRATCH/server.log" "/graphql?query=%7B__typename%7D"
  local tests_started=$SECONDS status=0
  BASE_URL="http://127.0.0.1:$port" CHROMIUM="$CHROMIUM" CORS_ALLOWED_PORT=$allowed_port CORS_DENIED_PORT=$denied_port \
    node_test "$CLIENTS_DIR"/*.test.mjs || status=$?
  stop_server
  echo "--- Client tests: $((SECONDS - tests_started)) s (whole stage with the demo site: $((SECONDS - started)) s)"
  echo "--- Server log: $PWD/$SCRATCH/server.log"
  return $status
}

case "${1:-test}" in
  install) install ;;
  available) available ;;
  test) run_tests ;;
  *) echo "usage: $0 install|available|test" >&2; exit 2 ;;
esac
