#!/usr/bin/env bash
# Measures each list of a bureau at [rows] rows — 事项 (cases), 技术创新中心 (centers), 专家库 (experts), 审计日志 (audit) and
# one evaluation campaign of [rows] centers — next to a bare query of the same rows through the same DbContext
# (/bench/query/<list>, Bench:BareEndpoint), in the same run, with wrk on 127.0.0.1: the first page in req/s, and each
# list's XLSX export timed one request at a time (median of 3) against the bare query of all its rows.
# Usage: [LISTS_DB=/tmp/lists-50k.db] [LISTS_ONLY=campaign] bench/http/lists-wrk.sh [rows] [seconds] [rounds]
# (LISTS_ONLY: measure only the lists named, space-separated, e.g. "campaign" or "cases centers")
# (docs/performance.md, "Lists and exports at 50,000 rows")
set -euo pipefail
cd "$(dirname "$0")/../.."
rows=${1:-50000}; seconds=${2:-10}; rounds=${3:-1}
j=cangzhou
command -v wrk >/dev/null || { echo "需要 wrk：apt-get install wrk" >&2; exit 2; }
work=$(mktemp -d /tmp/techcenters-lists.XXXXXX)
port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
dotnet build -c Release src/TechCenters.Web -nologo -v q >/dev/null
bin="$(pwd)/src/TechCenters.Web/bin/Release/net10.0/TechCenters.Web"
export ConnectionStrings__Default="Data Source=$work/bench.db" Demo__Enabled=true \
       Bench__BareEndpoint=true Logging__LogLevel__Default=Warning ASPNETCORE_ENVIRONMENT=Development
# Development only so the auth cookie is accepted over plain HTTP on loopback; the pipeline is otherwise the same.
cd src/TechCenters.Web
# LISTS_DB=<file>: keep the seeded database there and reuse it on the next run (seeding 50,000 of each takes minutes);
# the run itself always works on a copy, migrated to the current schema first.
if [ -n "${LISTS_DB:-}" ] && [ -f "$LISTS_DB" ]; then
  cp "$LISTS_DB" "$work/bench.db"; "$bin" migrate >/dev/null; echo "reusing the seeded database $LISTS_DB"
else
  "$bin" seed --demo >/dev/null
  # One start first, so the demo's cases, centers and evaluation rounds are in place before the synthetic rows.
  "$bin" --urls "$base" >"$work/first.log" 2>&1 &
  first=$!
  for _ in $(seq 300); do curl -sf -o /dev/null "$base/healthz" && break; sleep 1; done
  kill $first; wait $first 2>/dev/null || true
  started=$(date +%s)
  "$bin" seed --synthetic --units "$rows" --lists "$rows" --lists-jurisdiction "$j" | tail -2
  echo "seeded $rows units and $rows cases, centers, experts, audit rows and campaign results in $(( $(date +%s) - started )) s"
  if [ -n "${LISTS_DB:-}" ]; then sqlite3 "$work/bench.db" "PRAGMA wal_checkpoint(TRUNCATE);" >/dev/null; cp "$work/bench.db" "$LISTS_DB"; fi
fi
# The measured start runs without demo mode: demo mode re-runs the demo seeders at every start, which over 50,000 centers
# takes many minutes (it is what kept the app from answering in the first runs); the demo's key file is named instead.
Demo__Enabled=false Crypto__KeyFile="$(pwd)/App_Data/keys/platform-keys.json" "$bin" --urls "$base" >"$work/server.log" 2>&1 &
server=$!
trap 'status=$?; kill $server 2>/dev/null; [ $status = 0 ] || { echo "failed ($status); the server said:" >&2; tail -20 "$work/server.log" >&2; }; rm -rf "$work"' EXIT
for _ in $(seq 900); do curl -sf -o /dev/null "$base/healthz" && break; sleep 1; done
curl -sf -o /dev/null "$base/healthz" || { echo "the app did not start" >&2; exit 1; }
login() { # user -> cookie header value
  local jar="$work/jar-$1" token
  token=$(curl -s -c "$jar" -b "$jar" "$base/Accounts/Login" | grep -o 'name="__RequestVerificationToken" type="hidden" value="[^"]*"' | sed 's/.*value="//;s/"$//')
  curl -s -c "$jar" -b "$jar" -o /dev/null -X POST --data-urlencode "Input.UserName=$1" \
    --data-urlencode "Input.Password=Demo@2026tc" --data-urlencode "__RequestVerificationToken=$token" "$base/Accounts/Login"
  awk '!/^#/ || /^#HttpOnly_/ {sub(/^#HttpOnly_/,""); if (NF>=7) printf "%s=%s; ", $6, $7}' "$jar"
}
bureau="Cookie: $(login cz-bureau)"; auditor="Cookie: $(login auditadmin)"
campaign=$(curl -s "$base/bench/query/campaign-id?jurisdiction=$j&year=2020")
[ -n "$campaign" ] || { echo "synthetic campaign not found" >&2; exit 1; }
check() { local code; code=$(curl -s -o /dev/null -w "%{http_code}" -H "$2" "$base$1"); [ "$code" = 200 ] || { echo "$1 answered $code" >&2; exit 1; }; }
# name | page | its cookie | bare query of its first page | export | bare query of the export's rows
lists=(
  "cases|/Lists/Cases|$bureau|/bench/query/cases?jurisdiction=$j|/Lists/Cases?handler=Xlsx|/bench/query/cases?jurisdiction=$j&all=true"
  "centers|/Lists/Centers|$bureau|/bench/query/centers?jurisdiction=$j|/Lists/Centers?handler=Xlsx|/bench/query/centers?jurisdiction=$j&all=true"
  "experts|/Experts|$bureau|/bench/query/experts?jurisdiction=$j|/Experts?handler=Xlsx|/bench/query/experts?jurisdiction=$j&all=true"
  "audit|/Audit|$auditor|/bench/query/audit|/Audit?handler=Xlsx|/bench/query/audit?all=true"
  "campaign|/Evaluations/Campaign?id=$campaign|$bureau|/bench/query/campaign?id=$campaign|/Evaluations/Campaign?id=$campaign&handler=Export|/bench/query/campaign?id=$campaign&all=true"
)
if [ -n "${LISTS_ONLY:-}" ]; then
  kept=(); for l in "${lists[@]}"; do case " $LISTS_ONLY " in *" ${l%%|*} "*) kept+=("$l");; esac; done; lists=("${kept[@]}")
fi
for l in "${lists[@]}"; do IFS='|' read -r name page cookie bare export bare_all <<<"$l"; check "$page" "$cookie"; check "$export" "$cookie"; done
echo "rows in 沧州's lists: cases $(curl -s "$base/bench/query/cases?jurisdiction=$j" | head -1), centers $(curl -s "$base/bench/query/centers?jurisdiction=$j" | head -1), experts $(curl -s "$base/bench/query/experts?jurisdiction=$j" | head -1), audit $(curl -s "$base/bench/query/audit" | head -1), campaign $(curl -s "$base/bench/query/campaign?id=$campaign" | head -1)"
# wrk prints no Requests/sec line (or 0.00) when no request completed in the time given; that is shown as "—", never divided by.
rps() { local r; r=$(wrk -t2 -c32 -d"${seconds}s" --timeout 30s -H "$2" "$base$1" | awk '/Requests\/sec/ {print $2}'); echo "${r:-0}"; }
ratio() { python3 -c "import sys; a, b, unit = float(sys.argv[1] or 0), float(sys.argv[2] or 0), sys.argv[3]; print(f'{a/b:.2f}{unit}' if a > 0 and b > 0 else '—')" "$1" "$2" "${3:-}"; }
shown() { python3 -c "import sys; print(sys.argv[1] if float(sys.argv[1] or 0) > 0 else '—')" "$1"; }
median() { sort -n | sed -n 2p; }
timed() { for _ in 1 2 3; do curl -s -o /dev/null -w "%{time_total}\n" -H "$2" "$base$1"; done | median; }
printf '%-6s %-10s %12s %12s %8s %12s %12s %8s\n' round list "page req/s" "bare req/s" ratio "export s" "bare s" ratio
for r in $(seq "$rounds"); do
  for l in "${lists[@]}"; do
    IFS='|' read -r name page cookie bare export bare_all <<<"$l"
    p=$(rps "$page" "$cookie"); b=$(rps "$bare" "X-Bench: 1")
    e=$(timed "$export" "$cookie"); eb=$(timed "$bare_all" "X-Bench: 1")
    printf '%-6s %-10s %12s %12s %8s %12s %12s %8s\n' "$r" "$name" "$(shown "$p")" "$(shown "$b")" "$(ratio "$p" "$b")" "$e" "$eb" "$(ratio "$e" "$eb" x)"
    if [ "$(shown "$p")" = — ]; then echo "       $name: no request of the page completed within ${seconds} s at 32 connections (— above)"; fi
    # One request at a time (median of 3): what a user waits for, when 32 connections on a shared machine time out.
    echo "       $name: one request at a time, page $(timed "$page" "$cookie") s, bare query $(timed "$bare" "X-Bench: 1") s"
    if [ "$(shown "$b")" = — ]; then echo "       $name: no request of the bare query completed within ${seconds} s at 32 connections (— above)"; fi
  done
  # What every signed-in page pays before its own work (session check, header, layout): the trivial page of the same run.
  t=$(rps /Accounts/Password "$bureau")
  echo "       signed-in trivial page /Accounts/Password: $(shown "$t") req/s"
  # The exports' bare rows written as XLSX by the same writer (no names, masking or audit): what the workbook itself costs.
  for l in "${lists[@]}"; do
    IFS='|' read -r name page cookie bare export bare_all <<<"$l"
    echo "       $name: bare rows as XLSX $(timed "$bare_all&xlsx=true" "X-Bench: 1") s"
  done
  check /Lists/Cases "$bureau" # still signed in after the round
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg); cores: $(nproc)"
