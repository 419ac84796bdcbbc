#!/usr/bin/env bash
# A real PostgreSQL 17 with pgvector for the postgres-store tests, from Debian's own packages.
#
# Debian 12 (this machine) has no pgvector; Debian 13 (trixie) has postgresql-17-pgvector. So trixie is
# debootstrapped into a directory (about a minute; reused when it is already there) and PostgreSQL runs
# inside it as the postgres user, listening on 127.0.0.1 only.
#
#   eval "$(.ci/postgres.sh start)"   # prints `export QUIRE_TEST_DATABASE_URL=…` on stdout, logs on stderr
#   .ci/postgres.sh stop
#
# QUIRE_PG_ROOT (default /var/tmp/quire-pg-root) is the chroot; QUIRE_PG_PORT (default 55432) the port.
set -euo pipefail

ROOT="${QUIRE_PG_ROOT:-/var/tmp/quire-pg-root}"
PORT="${QUIRE_PG_PORT:-55432}"
BIN=/usr/lib/postgresql/17/bin
DATA=/var/lib/quire-pg/data
USER_NAME=quire
DB_NAME=quire_test
# A test-only password, present so that the tests also check it is never echoed.
PASSWORD=quire-test-secret

say() { echo "postgres.sh: $*" >&2; }
in_root() { chroot "$ROOT" runuser -u postgres -- env PGPASSWORD="$PASSWORD" "$@"; }

mirror() {
  # The Debian mirror apt already uses here (first URIs: line of the deb822 sources).
  local uri
  uri=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  echo "${uri:-http://deb.debian.org/debian}"
}

ensure_root() {
  if [ -x "$ROOT$BIN/postgres" ] && [ -f "$ROOT/usr/share/postgresql/17/extension/vector.control" ]; then
    say "reusing $ROOT"
    return
  fi
  if ! command -v debootstrap >/dev/null; then
    apt-get update >&2
    DEBIAN_FRONTEND=noninteractive apt-get install -y debootstrap >&2
  fi
  say "debootstrapping trixie with postgresql-17-pgvector into $ROOT from $(mirror)"
  rm -rf "$ROOT"
  debootstrap --variant=minbase --include=postgresql-17-pgvector trixie "$ROOT" "$(mirror)" >&2
}

stop() {
  if [ -f "$ROOT$DATA/postmaster.pid" ]; then
    in_root "$BIN/pg_ctl" -D "$DATA" -m fast -w stop >&2 || true
  fi
}

start() {
  ensure_root
  stop
  # A fresh cluster every run: the tests start from an empty server (initdb takes a second or two).
  rm -rf "$ROOT$DATA"
  mkdir -p "$ROOT$DATA"
  chroot "$ROOT" chown -R postgres:postgres /var/lib/quire-pg
  printf '%s\n' "$PASSWORD" >"$ROOT/var/lib/quire-pg/pwfile"
  chroot "$ROOT" chown postgres:postgres /var/lib/quire-pg/pwfile
  in_root "$BIN/initdb" -D "$DATA" -U "$USER_NAME" --pwfile=/var/lib/quire-pg/pwfile -A scram-sha-256 --no-sync -E UTF8 --locale=C.UTF-8 >&2
  rm -f "$ROOT/var/lib/quire-pg/pwfile"
  cat >>"$ROOT$DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = ''
fsync = off
synchronous_commit = off
full_page_writes = off
max_connections = 200
EOF
  in_root "$BIN/pg_ctl" -D "$DATA" -l /var/lib/quire-pg/server.log -w -t 60 start >&2
  if ! in_root "$BIN/pg_isready" -h 127.0.0.1 -p "$PORT" -q; then
    say "PostgreSQL does not answer on 127.0.0.1:$PORT"
    cat "$ROOT/var/lib/quire-pg/server.log" >&2 || true
    exit 1
  fi
  in_root "$BIN/psql" -h 127.0.0.1 -p "$PORT" -U "$USER_NAME" -d postgres -v ON_ERROR_STOP=1 -q \
    -c "CREATE DATABASE $DB_NAME" -c "\\c $DB_NAME" -c "CREATE EXTENSION vector" >&2
  say "PostgreSQL $(in_root "$BIN/postgres" --version | awk '{print $3}') with pgvector listening on 127.0.0.1:$PORT"
  echo "export QUIRE_TEST_DATABASE_URL=postgres://$USER_NAME:$PASSWORD@127.0.0.1:$PORT/$DB_NAME"
}

case "${1:-start}" in
  start) start ;;
  stop) stop ;;
  *) say "usage: $0 start|stop"; exit 64 ;;
esac
