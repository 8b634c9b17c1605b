# Shared by scripts/browser.sh and scripts/clients.sh (sourced, not run): Debian packages
# installed as root, the demo site served in the background, node's test runner.

as_root() {
  if [[ $(id -u) -eq 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
    echo "Need root to run: $*" >&2; return 1; fi
}

apt_install() {  # apt_install PACKAGE...
  as_root apt-get update -q
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -q --no-install-recommends "$@"
}

# scratch_site DIR: development settings on an empty DIR holding the site's SQLite database,
# media, documents and static files (what the caller builds and serves next).
scratch_site() {
  rm -rf "$1" && mkdir -p "$1"
  export DJANGO_SETTINGS_MODULE=cms.settings.dev
  export DATABASE_URL="sqlite:///$PWD/$1/db.sqlite3"
  export MEDIA_ROOT="$PWD/$1/media" DOCUMENTS_ROOT="$PWD/$1/documents" STATIC_ROOT="$PWD/$1/static"
}

# serve_demo PORT LOG PATH: the site on 127.0.0.1:PORT (the environment chooses settings and
# database) until stop_server or the script's end; returns once PATH answers.
serve_demo() {
  "$PYTHON" manage.py runserver "127.0.0.1:$1" --noreload --insecure >"$2" 2>&1 &
  SERVER_PID=$!
  trap stop_server EXIT
  for _ in $(seq 60); do
    curl -fsS -o /dev/null "http://127.0.0.1:$1$3" && break
    sleep 0.5
  done
}

stop_server() {
  if [[ -n "${SERVER_PID:-}" ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill "$SERVER_PID"
    wait "$SERVER_PID" 2>/dev/null || true
  fi
}

# node_test FILE...: node --test, one test file at a time where node can say so (20+;
# Debian 12's node 18 cannot): the files share one server.
node_test() {
  local one_at_a_time=()
  node --help | grep -q -- --test-concurrency && one_at_a_time=(--test-concurrency=1)
  node --test "${one_at_a_time[@]}" "$@"
}
