#!/usr/bin/env bash
# Bill-run benchmark: N commercial accounts x M on-account charges, billed in one run (invoices,
# lines, taxes and ledger postings; no PDFs). Prints the load time, then the bill run's own report:
# elapsed time, invoices per second and the process's peak memory.
#
#   bench/bill-run.sh postgres [accounts] [charges-per-account] [batch-size]
#   bench/bill-run.sh sqlite   [accounts] [charges-per-account] [batch-size]
set -euo pipefail
cd "$(dirname "$0")/.."
provider="${1:?postgres or sqlite}"
accounts="${2:-100000}"
charges="${3:-10}"
batch="${4:-500}"
period=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)

dotnet build src/Facturo -c Release -v quiet -nologo >/dev/null
facturo=(dotnet src/Facturo/bin/Release/net10.0/facturo.dll)

case "$provider" in
  postgres)
    admin="$(./scripts/ensure-postgres.sh)"
    psql_bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/psql
    "$psql_bin" -q -h 127.0.0.1 -p "${FACTURO_PG_PORT:-55432}" -U postgres -c "DROP DATABASE IF EXISTS facturo_bench" -c "CREATE DATABASE facturo_bench"
    db=(--provider Postgres --connection-string "$admin;Database=facturo_bench")
    ;;
  sqlite)
    rm -f /tmp/facturo-bench.db /tmp/facturo-bench.db-wal /tmp/facturo-bench.db-shm
    db=(--provider Sqlite --connection-string "Data Source=/tmp/facturo-bench.db")
    ;;
  *) echo "provider must be postgres or sqlite" >&2; exit 2 ;;
esac

start=$(date +%s)
"${facturo[@]}" sizing-data --accounts "$accounts" --charges-per-account "$charges" --period "$period" "${db[@]}" | tail -n 1
echo "Loaded in $(( $(date +%s) - start )) s."
"${facturo[@]}" bill-run --period "$period" --batch-size "$batch" "${db[@]}" | grep -v '^progress:'
