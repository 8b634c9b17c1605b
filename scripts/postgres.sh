#!/usr/bin/env bash
# PostgreSQL for tests and local runs, from Debian's packages, on 127.0.0.1 only.
#   scripts/postgres.sh install   install the server if it is missing (apt-get)
#   scripts/postgres.sh start     start a cluster and create the role and database; prints DATABASE_URL
#   scripts/postgres.sh stop      stop the cluster
#   scripts/postgres.sh available exit 0 when a server is installed
set -euo pipefail

PG_USER=${PG_USER:-storefront}
PG_PASSWORD=${PG_PASSWORD:-storefront}
PG_DATABASE=${PG_DATABASE:-storefront}
PG_PORT=${PG_PORT:-5432}

server_version() {
  ls /usr/lib/postgresql 2>/dev/null | sort -n | tail -1
}

available() {
  local version
  version=$(server_version)
  [[ -n "$version" && -x "/usr/lib/postgresql/$version/bin/postgres" ]] && command -v pg_ctlcluster >/dev/null
}

install() {
  if available; then
    return 0
  fi
  echo "Installing PostgreSQL from Debian's packages..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
}

as_postgres() {
  if [[ $(id -u) -eq 0 ]]; then
    su postgres -c "$*"
  else
    sudo -u postgres sh -c "$*"
  fi
}

start() {
  install
  local version cluster
  version=$(server_version)
  cluster=$(pg_lsclusters --no-header 2>/dev/null | awk -v v="$version" '$1 == v {print $2; exit}')
  if [[ -z "$cluster" ]]; then
    cluster=main
    pg_createcluster "$version" "$cluster" --port "$PG_PORT" >&2
  fi
  local port
  port=$(pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {print $3}')
  if ! pg_lsclusters --no-header | awk -v v="$version" -v c="$cluster" '$1 == v && $2 == c {print $4}' | grep -q online; then
    pg_ctlcluster "$version" "$cluster" start >&2
  fi
  for _ in $(seq 1 30); do
    as_postgres "pg_isready -q -h 127.0.0.1 -p $port" && break
    sleep 1
  done
  as_postgres "psql -q -p $port -v ON_ERROR_STOP=1 -tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$PG_USER'\"" | grep -q 1 \
    || as_postgres "psql -q -p $port -v ON_ERROR_STOP=1 -c \"CREATE ROLE $PG_USER LOGIN CREATEDB PASSWORD '$PG_PASSWORD'\"" >&2
  as_postgres "psql -q -p $port -tAc \"SELECT 1 FROM pg_database WHERE datname = '$PG_DATABASE'\"" | grep -q 1 \
    || as_postgres "createdb -p $port -O $PG_USER $PG_DATABASE" >&2
  echo "postgres://$PG_USER:$PG_PASSWORD@127.0.0.1:$port/$PG_DATABASE"
}

stop() {
  local version
  version=$(server_version)
  pg_lsclusters --no-header | awk -v v="$version" '$1 == v {print $2}' | while read -r cluster; do
    pg_ctlcluster "$version" "$cluster" stop || true
  done
}

case "${1:-}" in
  install) install ;;
  start) start ;;
  stop) stop ;;
  available) available ;;
  *) echo "usage: $0 install|start|stop|available" >&2; exit 2 ;;
esac
