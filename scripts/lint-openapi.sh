#!/usr/bin/env bash
# Lints the OpenAPI document a running Facturo serves, as integrators get it: starts `facturo serve` on an empty
# SQLite database, fetches /api/v1/openapi.json, and runs Redocly's recommended rules and Spectral's OWASP ruleset
# (versions pinned in tests/openapi-lint/package-lock.json; rules switched off there, each with its reason).
# Fails on any error; warnings are printed. Usage: scripts/lint-openapi.sh [--no-build]
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
[ "${1:-}" = "--no-build" ] || dotnet build src/Facturo --nologo -v quiet
npm ci --prefix tests/openapi-lint --silent --no-audit --no-fund

work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
facturo=(dotnet src/Facturo/bin/Debug/net10.0/facturo.dll)
settings=(--Database:Provider=Sqlite "--Database:ConnectionString=Data Source=$work/facturo.db" --Email:PollInterval=01:00:00 --BankFiles:Schedule= --SalesLeads:Schedule= --ExemptionNotices:Schedule=)
# Neither Production (which wants HTTPS and a finished setup) nor Development: the document is the same in every environment.
export ASPNETCORE_ENVIRONMENT=Test Facturo__DataDirectory="$work"
"${facturo[@]}" migrate "${settings[@]}" >"$work/migrate.log" 2>&1 || { cat "$work/migrate.log"; exit 1; }
"${facturo[@]}" serve "${settings[@]}" --urls "http://127.0.0.1:$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 "$server" 2>/dev/null || { cat "$work/serve.log"; exit 1; }
  sleep 0.5
done
curl -sf "http://127.0.0.1:$port/api/v1/openapi.json" -o "$work/openapi.json"

cd tests/openapi-lint
status=0
echo "== Redocly (recommended rules, redocly.yaml)"
npx --no-install redocly lint "$work/openapi.json" --config redocly.yaml --format=stylish 2>&1 | grep -v '^ *[║╔╚]' || status=1
echo "== Spectral (OWASP ruleset, .spectral.yaml)"
npx --no-install spectral lint "$work/openapi.json" --ruleset .spectral.yaml --fail-severity error --format text || status=1
exit "$status"
