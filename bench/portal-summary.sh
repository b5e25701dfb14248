#!/usr/bin/env bash
# Account summary under load: one account with N invoices (default 1,000) and a signed-in portal
# user; wrk hits /summary on 127.0.0.1 with that user's session for 30 s at 64 connections.
#
#   bench/portal-summary.sh postgres [invoices] [connections] [seconds]
#   bench/portal-summary.sh sqlite   [invoices] [connections] [seconds]
set -euo pipefail
cd "$(dirname "$0")/.."
provider="${1:?postgres or sqlite}"
invoices="${2:-1000}"
connections="${3:-64}"
seconds="${4:-30}"
port=5099

command -v wrk >/dev/null || { sudo apt-get update -qq && sudo apt-get install -y -qq wrk; }
dotnet build bench/Facturo.PortalLoad -c Release -v quiet -nologo >/dev/null

source bench/bench-database.sh
fresh_database "$provider" facturo_portal_load
db=("$db_provider" "$db_connection")

log=$(mktemp)
ASPNETCORE_ENVIRONMENT=Production dotnet bench/Facturo.PortalLoad/bin/Release/net10.0/Facturo.PortalLoad.dll "${db[@]}" "$invoices" "$port" >"$log" 2>&1 &
server=$!
trap 'kill $server 2>/dev/null; wait $server 2>/dev/null; rm -f "$log"' EXIT
for _ in $(seq 1 120); do
  grep -q '^ready' "$log" && break
  kill -0 $server 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 1
done
grep -q '^ready' "$log" || { echo "server did not start" >&2; cat "$log" >&2; exit 1; }
grep '^loaded:' "$log"
# A live database has been vacuumed and analysed by autovacuum; a freshly loaded one not yet.
[ "$provider" = postgres ] && "$psql_bin" -q -h 127.0.0.1 -p "${FACTURO_PG_PORT:-55432}" -U postgres -d facturo_portal_load -c "VACUUM ANALYZE"
cookie=$(sed -n 's/^cookie: //p' "$log")

# The page must be the signed-in summary, not a redirect to the sign-in form.
status=$(curl -s -o /tmp/facturo-summary.html -w '%{http_code}' -H "Cookie: $cookie" "http://127.0.0.1:$port/summary")
[ "$status" = 200 ] && grep -q 'data-testid="total-due"' /tmp/facturo-summary.html || { echo "summary answered $status without totals" >&2; exit 1; }
echo "summary page: $(wc -c </tmp/facturo-summary.html) bytes, total due $(grep -o 'data-testid="total-due">[^<]*' /tmp/facturo-summary.html | cut -d'>' -f2)"

wrk -t2 -c10 -d5s -H "Cookie: $cookie" "http://127.0.0.1:$port/summary" >/dev/null  # warm-up: JIT, connection pools
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Cookie: $cookie" "http://127.0.0.1:$port/summary"
