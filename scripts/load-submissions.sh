#!/usr/bin/env bash
# Submission load test (docs/performance.md, "Submissions"): starts the app (Release, demo data, Bench:Enabled) on a
# fresh database, runs bench/TechCenters.Load against it, stops it. Usage: scripts/load-submissions.sh sqlite|postgres [count] [concurrency] [warmup]
# warmup: submissions and bare inserts made first and not counted (default 1500), so both are measured on a warm process.
# PostgreSQL: set TECHCENTERS_LOAD_POSTGRES to an admin connection string (a database is created and dropped).
set -euo pipefail
provider=${1:-sqlite}; count=${2:-1000}; concurrency=${3:-100}; warmup=${4:-1500}
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
port=${PORT:-5080}
dotnet build -c Release "$root/src/TechCenters.Web" -v q -nologo >/dev/null
dotnet build -c Release "$root/bench/TechCenters.Load" -v q -nologo >/dev/null
if [ "$provider" = postgres ]; then
  admin=${TECHCENTERS_LOAD_POSTGRES:?set TECHCENTERS_LOAD_POSTGRES}
  db="techcenters_load_$(date +%s)"
  psql "$(echo "$admin" | sed -E 's/Host=([^;]+);Port=([^;]+);Username=([^;]+);Password=([^;]+)/host=\1 port=\2 user=\3 password=\4/')" -qc "CREATE DATABASE $db"
  args=(--Database:Provider=Postgres "--ConnectionStrings:Default=$admin;Database=$db;Maximum Pool Size=50")
else
  args=(--Database:Provider=Sqlite "--ConnectionStrings:Default=Data Source=$work/load.db")
fi
(cd "$root/src/TechCenters.Web" && exec dotnet bin/Release/net10.0/TechCenters.Web.dll --urls "http://127.0.0.1:$port" --environment Production \
  "${args[@]}" --Demo:Enabled=true --Bench:Enabled=true --Logging:LogLevel:Default=Warning \
  "--Attachments:Path=$work/files" >"$work/app.log" 2>&1) &
app=$!
trap 'kill $app 2>/dev/null || true; wait $app 2>/dev/null || true; [ "$provider" = postgres ] && psql "$(echo "$admin" | sed -E "s/Host=([^;]+);Port=([^;]+);Username=([^;]+);Password=([^;]+)/host=\1 port=\2 user=\3 password=\4/")" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)"; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 1; done
dotnet "$root/bench/TechCenters.Load/bin/Release/net10.0/TechCenters.Load.dll" --url "http://127.0.0.1:$port" --count "$count" --concurrency "$concurrency" --warmup "$warmup" --pid "$app"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
