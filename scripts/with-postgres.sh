#!/usr/bin/env bash
# Runs a command beside a throwaway PostgreSQL server: a new cluster in a temporary folder, on a free
# loopback port, trust authentication for this user only over the folder's socket and 127.0.0.1; its
# address is in MYTHO_TEST_POSTGRES_URL. The server is stopped and the folder removed afterwards, however
# the command ends.   Usage: scripts/with-postgres.sh <command> [args...]
set -euo pipefail

bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "with-postgres: no PostgreSQL server here; run scripts/setup.sh test (Debian's postgresql)" >&2
  exit 1
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/mytho-pg.XXXXXX")
# PostgreSQL refuses to run as root: then the server runs as Debian's `postgres` user.
as_owner=()
user=$(id -un)
if [ "$(id -u)" = 0 ]; then
  user=postgres
  chown "$user" "$dir"
  as_owner=(runuser -u "$user" --)
fi
stop() {
  "${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$dir"
}
trap stop EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 --no-locale >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
# Tests need speed, not durability: a crash loses a throwaway cluster anyway. Benchmarks set
# MYTHO_PG_DURABLE=1 to measure a server that syncs its commits, as a city's does.
fast="-c fsync=off -c synchronous_commit=off -c full_page_writes=off"
[ "${MYTHO_PG_DURABLE:-}" = 1 ] && fast=""
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
  -o "-c listen_addresses=127.0.0.1 -p $port -k $dir $fast -c max_connections=200" \
  start >/dev/null || { cat "$dir/server.log" >&2; exit 1; }
"$bin/createdb" -h 127.0.0.1 -p "$port" -U "$user" mytho_test

export MYTHO_TEST_POSTGRES_URL="postgres://$user@127.0.0.1:$port/mytho_test"
echo "with-postgres: PostgreSQL $("$bin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port (stopped afterwards)"
"$@"
