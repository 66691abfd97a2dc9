#!/usr/bin/env bash
# Makes sure a local PostgreSQL runs with what Pravesh needs: installs it with apt where missing,
# starts the installed cluster, turns on prepared transactions (XA), creates the role and the
# databases given as arguments. Idempotent and quiet when all is already there.
# Usage: scripts/postgres.sh ensure DB... | scripts/postgres.sh recreate DB
set -euo pipefail

DB_USER=${TICKETING_DB_USER:-pravesh}
DB_PASSWORD=${TICKETING_DB_PASSWORD:-pravesh}

as_root() { if [[ $(id -u) -eq 0 ]]; then "$@"; else sudo "$@"; fi; }
as_postgres() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
psql_admin() { as_postgres psql -X -q -v ON_ERROR_STOP=1 -p "$PGPORT" "$@"; }

install_if_missing() {
  if ! command -v pg_lsclusters > /dev/null 2>&1; then
    echo "Installing PostgreSQL (apt)..."
    as_root apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql > /dev/null
  fi
}

start_cluster() {
  local line
  line=$(pg_lsclusters --no-header | head -n 1)
  if [[ -z "$line" ]]; then
    local version
    version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
    as_root pg_createcluster "$version" main > /dev/null
    line=$(pg_lsclusters --no-header | head -n 1)
  fi
  read -r PG_VERSION PG_CLUSTER PGPORT status _ <<< "$line"
  export PGPORT
  if [[ "$status" != online* ]]; then
    as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" start
  fi
  for _ in $(seq 1 60); do
    pg_isready -q -h localhost -p "$PGPORT" && break
    sleep 0.5
  done
  pg_isready -q -h localhost -p "$PGPORT" || { echo "PostgreSQL did not start" >&2; exit 1; }
}

# XA needs prepared transactions (one per connection may be in doubt), and a local cluster needs
# connections: a development server, the test server and two cluster nodes have pools of up to 40.
# pg_stat_statements counts the statements run (the live statistics test counts its queries with it,
# and operators want it anyway).
enable_prepared_transactions() {
  local prepared connections preload
  prepared=$(psql_admin -At -c "show max_prepared_transactions")
  connections=$(psql_admin -At -c "show max_connections")
  preload=$(psql_admin -At -c "show shared_preload_libraries")
  if (( prepared < 300 || connections < 300 )) || [[ ",${preload// /}," != *,pg_stat_statements,* ]]; then
    echo "Setting PostgreSQL to 300 connections and prepared transactions (XA), with pg_stat_statements, and restarting it..."
    psql_admin -c "alter system set max_connections = 300"
    psql_admin -c "alter system set max_prepared_transactions = 300"
    if [[ ",${preload// /}," != *,pg_stat_statements,* ]]; then
      psql_admin -c "alter system set shared_preload_libraries = '${preload:+$preload,}pg_stat_statements'"
    fi
    as_root pg_ctlcluster "$PG_VERSION" "$PG_CLUSTER" restart
    pg_isready -q -t 30 -h localhost -p "$PGPORT"
  fi
}

ensure_role() {
  if [[ -z $(psql_admin -At -c "select 1 from pg_roles where rolname = '$DB_USER'") ]]; then
    psql_admin -c "create role \"$DB_USER\" login createdb password '$DB_PASSWORD'"
  fi
}

ensure_database() {
  if [[ -z $(psql_admin -At -c "select 1 from pg_database where datname = '$1'") ]]; then
    psql_admin -c "create database \"$1\" owner \"$DB_USER\" encoding 'UTF8' template template0"
  fi
  psql_admin -d "$1" -c "create extension if not exists pg_stat_statements"
}

command=${1:-ensure}
shift || true
install_if_missing
start_cluster
enable_prepared_transactions
ensure_role
case "$command" in
  ensure) for db in "$@"; do ensure_database "$db"; done ;;
  recreate)
    for db in "$@"; do
      # Prepared transactions left by a killed server would block the drop.
      for gid in $(psql_admin -d "$db" -At -c "select gid from pg_prepared_xacts where database = '$db'" 2> /dev/null); do
        psql_admin -d "$db" -c "rollback prepared '$gid'"
      done
      psql_admin -c "drop database if exists \"$db\" with (force)"
      ensure_database "$db"
    done ;;
  *) echo "usage: $0 ensure|recreate DB..." >&2; exit 2 ;;
esac
echo "PostgreSQL $PG_VERSION on port $PGPORT: ready (databases: $*)"
