#!/usr/bin/env bash
# Starts a throwaway PostgreSQL cluster for the tests on 127.0.0.1:${FACTURO_PG_PORT:-55432} and prints
# the admin connection string. Installs PostgreSQL from Debian's packages first if it is missing.
set -euo pipefail
port="${FACTURO_PG_PORT:-55432}"
dir="${FACTURO_PG_DIR:-/tmp/facturo-test-pg}"

if ! ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; then
  echo "Installing PostgreSQL (apt-get)..." >&2
  sudo_cmd=""; [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq postgresql >&2
fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)

# initdb refuses to run as root, so the cluster belongs to the postgres user when we are root.
run_as() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }

if ! run_as "$bin/pg_isready -h 127.0.0.1 -p $port -q"; then
  if [ ! -f "$dir/PG_VERSION" ]; then
    mkdir -p "$dir"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$dir"
    run_as "$bin/initdb -D $dir -U postgres -A trust -E UTF8 --locale=C.UTF-8" >/dev/null
  fi
  # Durability off: a test cluster that dies is simply made again.
  run_as "$bin/pg_ctl -D $dir -l $dir/server.log -w -o \"-p $port -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200\" start" >/dev/null
fi
echo "Host=127.0.0.1;Port=$port;Username=postgres;Pooling=true"
