#!/usr/bin/env bash
# Runs the whole test suite, every integration test on both SQLite and PostgreSQL.
# Starts a throwaway PostgreSQL cluster first and makes sure Debian's Chromium, poppler and Node.js are
# there (installing them from Debian's packages if missing).
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
./scripts/ensure-test-tools.sh
# Independent CPA-005 and NACHA implementations the bank-file tests compare with (pinned in package-lock.json).
npm ci --prefix tests/interop --silent --no-audit --no-fund
FACTURO_TEST_POSTGRES="$(./scripts/ensure-postgres.sh)"
export FACTURO_TEST_POSTGRES

# The whole solution, benchmarks included: `dotnet test` builds only what the tests need, and a benchmark that no longer
# compiles would go unnoticed until someone measures.
dotnet build Facturo.slnx -v quiet -nologo

log=$(mktemp)
status=0
dotnet test Facturo.slnx "$@" 2>&1 | tee "$log" || status=$?
# One line for people and CI to read, summed over the test projects.
grep -Eo '(Passed|Failed)!? +- +Failed: +[0-9]+, Passed: +[0-9]+, Skipped: +[0-9]+' "$log" \
  | awk -F'[:,]' '{ failed += $2; passed += $4; skipped += $6 } END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }'
rm -f "$log"
exit "$status"
