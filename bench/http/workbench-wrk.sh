#!/usr/bin/env bash
# Measures requests/s and p99 of the login page, a signed-in trivial page (/Accounts/Password: sign-in check and layout
# only), the bare bytes behind the sign-in alone (/bench/bare-signed-in: cookie, session check, no page), a bureau
# officer's workbench (待办), the unit list and the people
# CSV export with a synthetic portfolio of [units] units, each next to the bare endpoint serving the same number of
# bytes, in the same run, with wrk on 127.0.0.1. Usage: bench/http/workbench-wrk.sh [units] [seconds] [rounds]
# Run it at 5000, 50000 and 500000 to see how each figure grows with the portfolio (docs/performance.md).
set -euo pipefail
cd "$(dirname "$0")/../.."
units=${1:-50000}; seconds=${2:-15}; rounds=${3:-2}
command -v wrk >/dev/null || { echo "需要 wrk：apt-get install wrk" >&2; exit 2; }
work=$(mktemp -d /tmp/techcenters-wrk.XXXXXX)
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
dotnet build -c Release src/TechCenters.Web -nologo -v q >/dev/null
bin="$(pwd)/src/TechCenters.Web/bin/Release/net10.0/TechCenters.Web"
export ConnectionStrings__Default="Data Source=$work/bench.db" Demo__Enabled=true \
       Bench__BareEndpoint=true Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Development
# Development only so the auth cookie is accepted over plain HTTP on loopback; the pipeline is otherwise the same.
cd src/TechCenters.Web
"$bin" seed --demo >/dev/null
# One start in demo mode first, so the demo's cases and centers (the workbench's 待办) are in place before the units.
"$bin" --urls "$base" >"$work/first.log" 2>&1 &
first=$!
for _ in $(seq 300); do curl -sf -o /dev/null "$base/healthz" && break; sleep 1; done
kill $first; wait $first 2>/dev/null || true
started=$(date +%s)
"$bin" seed --synthetic --units "$units" | tail -1
echo "seeded $units units in $(( $(date +%s) - started )) s"
# The measured start runs without demo mode (the demo's key file named instead): demo mode re-runs the demo seeders at
# every start, which at 500,000 units kept the app from answering within the wait (a run that ended without a figure).
Demo__Enabled=false Crypto__KeyFile="$(pwd)/App_Data/keys/platform-keys.json" "$bin" --urls "$base" >"$work/server.log" 2>&1 &
server=$!
trap 'status=$?; kill $server 2>/dev/null; [ $status = 0 ] || { echo "failed ($status); the server said:" >&2; tail -20 "$work/server.log" >&2; }; rm -rf "$work"' EXIT
for _ in $(seq 900); do curl -sf -o /dev/null "$base/healthz" && break; sleep 1; done
curl -sf -o /dev/null "$base/healthz" || { echo "the app did not start" >&2; exit 1; }
jar="$work/jar"
token=$(curl -s -c "$jar" -b "$jar" "$base/Accounts/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
curl -s -c "$jar" -b "$jar" -o /dev/null -X POST --data-urlencode "Input.UserName=xpcc-bureau" \
  --data-urlencode "Input.Password=Demo@2026tc" --data-urlencode "__RequestVerificationToken=$token" "$base/Accounts/Login"
cookie=$(awk '!/^#/ || /^#HttpOnly_/ {sub(/^#HttpOnly_/,""); if (NF>=7) printf "%s=%s; ", $6, $7}' "$jar")
size() { curl -s -H "$2" -o /dev/null -w "%{http_code} %{size_download}\n" "$base$1"; }
read -r code login_bytes < <(size /Accounts/Login "X-Bench: 1"); [ "$code" = 200 ] || { echo "login page: $code" >&2; exit 1; }
read -r code wb_bytes < <(size /Inbox "Cookie: $cookie"); [ "$code" = 200 ] || { echo "workbench: $code (not signed in?)" >&2; exit 1; }
# The authenticated trivial page (sign-in check, layout, bell; no page data): what any signed-in page costs at least.
read -r code pw_bytes < <(size /Accounts/Password "Cookie: $cookie"); [ "$code" = 200 ] || { echo "password page: $code" >&2; exit 1; }
read -r code _ < <(size "/bench/bare-signed-in/$wb_bytes" "Cookie: $cookie"); [ "$code" = 200 ] || { echo "bare signed in: $code" >&2; exit 1; }
read -r code list_bytes < <(size /Units "Cookie: $cookie"); [ "$code" = 200 ] || { echo "unit list: $code" >&2; exit 1; }
read -r code csv_bytes < <(size "/Units/People?handler=Csv" "Cookie: $cookie"); [ "$code" = 200 ] || { echo "people export: $code" >&2; exit 1; }
run() { # name path header -> "rps p99"
  local out; out=$(wrk -t2 -c32 -d"${seconds}s" --timeout 30s --latency -H "$3" "$base$2")
  echo "$(grep Requests/sec <<<"$out" | awk '{print $2}') $(grep ' 99%' <<<"$out" | awk '{print $2}')"
}
units_in_scope=$(curl -s "$base/bench/query/units?jurisdiction=xpcc-12th-division" | head -1)
echo "units in 第十二师's scope: $units_in_scope"
printf '%-6s %-34s %10s %10s\n' round target req/s p99
for r in $(seq "$rounds"); do
  for t in "bare-$login_bytes|/bench/bare/$login_bytes|X-Bench: 1" "login($login_bytes B)|/Accounts/Login|X-Bench: 1" \
           "bare-$pw_bytes|/bench/bare/$pw_bytes|X-Bench: 1" "signed-in trivial page($pw_bytes B)|/Accounts/Password|Cookie: $cookie" \
           "bare-$wb_bytes|/bench/bare/$wb_bytes|X-Bench: 1" "bare signed in($wb_bytes B)|/bench/bare-signed-in/$wb_bytes|Cookie: $cookie" \
           "workbench($wb_bytes B)|/Inbox|Cookie: $cookie" \
           "bare-$list_bytes|/bench/bare/$list_bytes|X-Bench: 1" "unit list($list_bytes B)|/Units|Cookie: $cookie" \
           "bare query: unit page|/bench/query/units?jurisdiction=xpcc-12th-division|X-Bench: 1"; do
    IFS='|' read -r name path header <<<"$t"
    read -r rps p99 < <(run "$name" "$path" "$header")
    printf '%-6s %-34s %10s %10s\n' "$r" "$name" "$rps" "$p99"
  done
  # The workbench must still have been served signed in (a redirect would measure the wrong page).
  read -r code _ < <(size /Inbox "Cookie: $cookie"); [ "$code" = 200 ] || { echo "workbench answered $code after the run" >&2; exit 1; }
done
# The export (up to 50,000 rows, megabytes) is timed one request at a time: median of 3, next to the bare query of the same rows.
median() { sort -n | sed -n 2p; }
t_csv=$(for _ in 1 2 3; do curl -s -o /dev/null -w "%{time_total}\n" -H "Cookie: $cookie" "$base/Units/People?handler=Csv"; done | median)
t_bare=$(for _ in 1 2 3; do curl -s -o /dev/null -w "%{time_total}\n" "$base/bench/query/people?jurisdiction=xpcc-12th-division"; done | median)
printf '%-6s %-34s %10s %10s\n' "-" "people csv export ($csv_bytes B), s" "$t_csv" ""
printf '%-6s %-34s %10s %10s\n' "-" "bare query: people csv, s" "$t_bare" ""
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
