#!/usr/bin/env bash
# Customer-account import benchmark, through the real command: a CSV of N accounts in the documented columns
# (bench/import-accounts.py writes it), then `facturo import-accounts` as a dry run, as the import (N accounts
# created and N audit entries, in one transaction), and the same file again (nothing to change).
#
#   bench/import-accounts.sh postgres [rows]
#   bench/import-accounts.sh sqlite   [rows]
set -euo pipefail
cd "$(dirname "$0")/.."
provider="${1:?postgres or sqlite}"
rows="${2:-100000}"
work=/tmp/facturo-import-bench
staff=bench-importer@facturo.example

dotnet build src/Facturo -c Release -v quiet -nologo >/dev/null
facturo=(dotnet src/Facturo/bin/Release/net10.0/facturo.dll)
rm -rf "$work" && mkdir -p "$work"
python3 bench/import-accounts.py "$rows" > "$work/accounts.csv"
echo "$(wc -c < "$work/accounts.csv") bytes, $rows accounts"

source bench/bench-database.sh
fresh_database "$provider" facturo_import_bench
db=(--provider "$db_provider" --connection-string "$db_connection")
# A biller and one sizing account (number 1000000000), so the database is set up as for the other benchmarks.
"${facturo[@]}" sizing-data --demo-biller --accounts 1 --charges-per-account 1 --period "$(date +%Y-%m)" "${db[@]}" | tail -n 1
"${facturo[@]}" add-staff --email "$staff" --name "Bench Importer" --role CustomerRelations --password "Import-Bench-Password-2026" "${db[@]}" | tail -n 1

run() {
  local label=$1; shift
  local start
  start=$(date +%s%N)
  "${facturo[@]}" import-accounts "$work/accounts.csv" "$@" "${db[@]}" | tail -n 2
  echo "$label took $(( ($(date +%s%N) - start) / 1000000 )) ms (the whole command, start-up included)"
}
echo "== dry run";          run "dry run" --dry-run
echo "== import";           run "import" --staff "$staff"
echo "== same file again";  run "second import" --staff "$staff"
