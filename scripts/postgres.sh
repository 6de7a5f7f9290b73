#!/usr/bin/env bash
# Shared by test.sh: a throw-away PostgreSQL cluster on a free loopback port, trust auth on 127.0.0.1 only.
# Usage: source scripts/postgres.sh; start_postgres DIR PORT (sets POSTGRES_BIN, POSTGRES_DATA); stop_postgres
# Debian keeps initdb and pg_ctl off PATH, under /usr/lib/postgresql/<version>/bin.
postgres_bin() {
  local dir
  dir="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
  [ -n "$dir" ] && [ -x "$dir/pg_ctl" ] && echo "$dir"
}

# As root the server must run as another user: postgres (made by the Debian package) owns the data.
as_pg_user() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

start_postgres() {
  local dir="$1" port="$2"
  POSTGRES_BIN="$(postgres_bin)" || return 1
  POSTGRES_DATA="$dir/data"
  mkdir -p "$dir"
  if [ "$(id -u)" = 0 ]; then chown postgres: "$dir"; fi
  as_pg_user "$POSTGRES_BIN/initdb" -D "$POSTGRES_DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; return 1; }
  as_pg_user "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DATA" -l "$dir/server.log" -w -t 30 \
    -o "-c listen_addresses=127.0.0.1 -p $port -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null || { cat "$dir/server.log" >&2; return 1; }
}

stop_postgres() {
  [ -n "${POSTGRES_DATA:-}" ] && [ -d "$POSTGRES_DATA" ] || return 0
  as_pg_user "$POSTGRES_BIN/pg_ctl" -D "$POSTGRES_DATA" -m immediate -w stop >/dev/null 2>&1 || true
}

postgres_connection_string() { echo "Host=127.0.0.1;Port=$1;Username=postgres;Database=postgres;Pooling=true"; }
