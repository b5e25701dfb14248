#!/usr/bin/env bash
# Bill-run throughput of this tree against an earlier commit, on the same machine in the same run:
# both builds bill the same sizing data, alternately, ROUNDS times each, so a busy machine slows
# both alike. Prints each run's invoices per second and the ratio of the medians (this / base).
#
#   bench/bill-run-compare.sh BASE-COMMIT postgres|sqlite [accounts] [charges-per-account] [rounds]
set -euo pipefail
cd "$(dirname "$0")/.."
base="${1:?base commit}"
provider="${2:?postgres or sqlite}"
accounts="${3:-20000}"
charges="${4:-10}"
rounds="${5:-3}"
period=$(date -d "$(date +%Y-%m-01) -1 month" +%Y-%m)

base_tree=$(mktemp -d /tmp/facturo-base.XXXXXX)
trap 'git worktree remove --force "$base_tree"' EXIT
git worktree add -q --detach "$base_tree" "$base"
dotnet build src/Facturo -c Release -v quiet -nologo >/dev/null
dotnet build "$base_tree/src/Facturo" -c Release -v quiet -nologo >/dev/null

source bench/bench-database.sh
# The commands run as in Production, which keeps its files in a data directory it is given.
export Facturo__DataDirectory="${Facturo__DataDirectory:-$(mktemp -d /tmp/facturo-bench-data.XXXXXX)}"
run() { # build-root label
  fresh_database "$provider" facturo_compare
  local facturo=(dotnet "$1/src/Facturo/bin/Release/net10.0/facturo.dll")
  local db=(--provider "$db_provider" --connection-string "$db_connection")
  # Builds from before biller setup have no --demo-biller and load the demo biller anyway.
  local demo_biller=()
  if "${facturo[@]}" sizing-data --help | grep -q -- --demo-biller; then demo_biller=(--demo-biller); fi
  "${facturo[@]}" sizing-data "${demo_biller[@]}" --accounts "$accounts" --charges-per-account "$charges" --period "$period" "${db[@]}" >/dev/null
  "${facturo[@]}" bill-run --period "$period" "${db[@]}" | grep -o '[0-9.,]* invoices/s' | head -n 1 | tr -d ',' | cut -d' ' -f1 | sed "s/^/$2 /"
}
results=()
for round in $(seq "$rounds"); do
  results+=("$(run "$base_tree" base)")
  results+=("$(run . this)")
done
printf '%s\n' "${results[@]}"
median() { printf '%s\n' "${results[@]}" | awk -v l="$1" '$1 == l { print $2 }' | sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'; }
echo "median base $(median base) invoices/s, this $(median this) invoices/s, ratio $(echo "scale=3; $(median this) / $(median base)" | bc)"
