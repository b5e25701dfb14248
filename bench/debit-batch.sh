#!/usr/bin/env bash
# Debit-batch benchmark, end to end through the real commands: N accounts billed, a submitted bank
# debit for each invoice, then `facturo debit-batch` (read the debits, decrypt the account numbers,
# write the CPA-005 file, move every payment to "sent to bank" in one transaction, write the file to
# the outbox), then `facturo import-returns` of a bank return file with R of those debits returned
# (reversal postings, failed-payment queue rows and emails to the payers), in a fresh process and in a warm one.
#
# With USD, the accounts bill in US dollars and pay from US bank accounts: the batch writes a NACHA file
# (the returns step is CPA-005 only, so it is skipped).
#
#   bench/debit-batch.sh postgres [debits] [returns] [CAD|USD]
#   bench/debit-batch.sh sqlite   [debits] [returns] [CAD|USD]
set -euo pipefail
cd "$(dirname "$0")/.."
provider="${1:?postgres or sqlite}"
debits="${2:-100000}"
returns="${3:-10000}"
currency="${4:-CAD}"
period=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)
work=/tmp/facturo-debit-bench

dotnet build src/Facturo -c Release -v quiet -nologo >/dev/null
dotnet build bench/Facturo.Bench -c Release -v quiet -nologo >/dev/null
facturo=(dotnet src/Facturo/bin/Release/net10.0/facturo.dll)
# The commands run as in Production, which keeps its files in a data directory it is given.
export Facturo__DataDirectory="${Facturo__DataDirectory:-$(mktemp -d /tmp/facturo-bench-data.XXXXXX)}"
rm -rf "$work" && mkdir -p "$work"

source bench/bench-database.sh
fresh_database "$provider" facturo_bench
db=(--provider "$db_provider" --connection-string "$db_connection")

start=$(date +%s)
"${facturo[@]}" sizing-data --demo-biller --accounts "$debits" --charges-per-account 1 --period "$period" --currency "$currency" "${db[@]}" | tail -n 1
"${facturo[@]}" bill-run --period "$period" "${db[@]}" | grep -v '^progress:' | head -n 1
"${facturo[@]}" sizing-debits --currency "$currency" "${db[@]}" | tail -n 1
echo "Loaded in $(( $(date +%s) - start )) s."

echo "== debit-batch"
start=$(date +%s%N)
"${facturo[@]}" debit-batch --out "$work/outbox" "${db[@]}" | grep -v '^progress:'
echo "debit-batch took $(( ($(date +%s%N) - start) / 1000000 )) ms (the whole command, start-up included)"
[ "$currency" = USD ] && exit 0
sent=$(ls "$work"/outbox/cpa005-*.txt)
bank=(dotnet bench/Facturo.Bench/bin/Release/net10.0/Facturo.Bench.dll --cpa005-returns "$sent")
# Three files returning different debits: one imported by a fresh process (cold: the first query of each kind is compiled
# then), and a small one then the same size again in one process, as the server imports them day after day (warm).
"${bank[@]}" "$returns" 901 "$work/returns.txt"
"${bank[@]}" 100 901 "$work/returns-small.txt" "$returns"
"${bank[@]}" "$returns" 901 "$work/returns-next.txt" $((returns + 100))

echo "== import-returns, cold"
start=$(date +%s%N)
"${facturo[@]}" import-returns "$work/returns.txt" "${db[@]}"
echo "import-returns took $(( ($(date +%s%N) - start) / 1000000 )) ms (the whole command, start-up included)"
echo "== import-returns, warm (the second file's Took)"
"${facturo[@]}" import-returns "$work/returns-small.txt" "$work/returns-next.txt" "${db[@]}"
