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
# The commands run as in Production, which keeps its files in a data directory it is given.
export Facturo__DataDirectory="${Facturo__DataDirectory:-$(mktemp -d /tmp/facturo-bench-data.XXXXXX)}"

source bench/bench-database.sh
fresh_database "$provider" facturo_bench
db=(--provider "$db_provider" --connection-string "$db_connection")

start=$(date +%s)
"${facturo[@]}" sizing-data --demo-biller --accounts "$accounts" --charges-per-account "$charges" --period "$period" "${db[@]}" | tail -n 1
echo "Loaded in $(( $(date +%s) - start )) s."
"${facturo[@]}" bill-run --period "$period" --batch-size "$batch" "${db[@]}" | grep -v '^progress:'
