# Sourced by the bench scripts: an empty database for one benchmark run.
#   fresh_database postgres|sqlite NAME   sets db_provider and db_connection (PostgreSQL database NAME, or /tmp/NAME.db)
fresh_database() {
  case "$1" in
    postgres)
      local admin psql_bin
      admin="$(./scripts/ensure-postgres.sh)"
      psql_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql
      "$psql_bin" -q -h 127.0.0.1 -p "${FACTURO_PG_PORT:-55432}" -U postgres -c "DROP DATABASE IF EXISTS $2" -c "CREATE DATABASE $2"
      db_provider=Postgres
      db_connection="$admin;Database=$2"
      ;;
    sqlite)
      rm -f "/tmp/$2.db" "/tmp/$2.db-wal" "/tmp/$2.db-shm"
      db_provider=Sqlite
      db_connection="Data Source=/tmp/$2.db"
      ;;
    *) echo "provider must be postgres or sqlite" >&2; exit 2 ;;
  esac
}
