#!/bin/bash
# The PostgreSQL image's entrypoint. First start: a cluster that checks passwords (scram-sha-256 over
# TCP; the postgres user only through the local socket), the database $POSTGRES_DB [cutover] with
# postgis and pg_stat_statements. Every start: sql/control/roles.sql (the services' roles and the
# targets' reader), each role's password from /run/secrets/postgres/<role> when that file exists, the
# databases named in $POSTGRES_TARGETS (comma-separated, with postgis) for demo targets. Ready (the
# health check) once that is done.
set -euo pipefail
BIN=/usr/lib/postgresql/15/bin
DB=${POSTGRES_DB:-cutover}
SECRETS=/run/secrets/postgres
READY=/var/lib/cutover-postgres/ready
say() { printf 'cutover-postgres: %s\n' "$*"; }
sql() { "$BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h /var/run/postgresql -U postgres "$@"; }

rm -f "$READY"
if [[ ! -s $PGDATA/PG_VERSION ]]; then
  say "initialising $PGDATA"
  "$BIN/initdb" -D "$PGDATA" -U postgres --auth-local=peer --auth-host=scram-sha-256 -E UTF8 --locale=C.UTF-8 >/dev/null
  printf '%s\n' "local all postgres peer" "host all all 0.0.0.0/0 scram-sha-256" "host all all ::/0 scram-sha-256" \
    >"$PGDATA/pg_hba.conf"
fi

"$BIN/postgres" -D "$PGDATA" -c listen_addresses='*' -c shared_preload_libraries=pg_stat_statements \
  -c unix_socket_directories=/var/run/postgresql &
server=$!
trap 'kill -INT $server' TERM INT
until "$BIN/pg_isready" -q -h /var/run/postgresql; do
  kill -0 "$server" 2>/dev/null || { say "the server exited before it was ready"; exit 1; }
  sleep 0.5
done

database() {
  [[ -n $(sql -d postgres -c "SELECT 1 FROM pg_database WHERE datname = '$1'") ]] || sql -d postgres -c "CREATE DATABASE \"$1\""
  sql -d "$1" -c "CREATE EXTENSION IF NOT EXISTS postgis" -c "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"
}
database "$DB"
sql -d "$DB" -f /opt/cutover/roles.sql
if [[ -d $SECRETS ]]; then
  for secret in "$SECRETS"/*; do
    [[ -f $secret ]] || continue
    role=$(basename "$secret")
    # the password reaches psql in its environment (\getenv), quoted by psql, never on a command line
    printf '%s\n' '\getenv password CUTOVER_ROLE_PASSWORD' \
      "SELECT format('ALTER ROLE %I PASSWORD %L', :'role', :'password') \\gexec" |
      CUTOVER_ROLE_PASSWORD=$(tr -d '\n' <"$secret") sql -d postgres -v role="$role" >/dev/null
    say "password set for $role"
  done
fi
IFS=, read -r -a targets <<<"${POSTGRES_TARGETS:-}"
for target in "${targets[@]}"; do [[ -n $target ]] && database "$target"; done
touch "$READY"
say "ready: database $DB${POSTGRES_TARGETS:+, targets $POSTGRES_TARGETS}"
wait "$server"
