#!/usr/bin/env bash
# Runs every test of TechCenters (policy, web on SQLite and PostgreSQL, browser) and ends with
# a plain line "N passed, N failed". Installs missing Debian packages (chromium, fonts-noto-cjk,
# poppler-utils, postgresql) and starts a throwaway PostgreSQL cluster on a free loopback port, stopped on exit.
# If TECHCENTERS_TEST_POSTGRES already holds a connection string, that server is used instead.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$(pwd)

as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "需要 root 权限安装: $*" >&2; return 1; fi; }

# 1. System packages the tests need.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -qi 'Noto Sans CJK' || missing+=(fonts-noto-cjk)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)   # reads generated PDFs back
# PostgreSQL's programs are needed even with TECHCENTERS_TEST_POSTGRES set: the process-level tests start clusters of
# their own (a database stopped mid-burst, a standby promoted) and back up with pg_dump.
if ! ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1; then
  missing+=(postgresql)
fi
if [ ${#missing[@]} -gt 0 ]; then
  echo "==> installing ${missing[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. A throwaway PostgreSQL cluster on a free loopback port.
pgdir=""
cleanup() {
  if [ -n "$pgdir" ]; then
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
    run_pg "$pgbin/pg_ctl" -D "$pgdir/data" -m immediate stop >/dev/null 2>&1 || true
    rm -rf "$pgdir"
  fi
}
run_pg() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
trap cleanup EXIT
if [ -z "${TECHCENTERS_TEST_POSTGRES:-}" ]; then
  pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  pgdir=$(mktemp -d /tmp/techcenters-pg.XXXXXX)
  [ "$(id -u)" = 0 ] && chown postgres "$pgdir"
  port=$(python3 -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])')
  echo "==> starting PostgreSQL on 127.0.0.1:$port"
  run_pg "$pgbin/initdb" -D "$pgdir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  run_pg "$pgbin/pg_ctl" -D "$pgdir/data" -w -l "$pgdir/log" \
    -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=300" start >/dev/null
  export TECHCENTERS_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Password=unused"
fi

# 3. Build once, then run every test project; results as TRX.
results="$root/TestResults"
rm -rf "$results"; mkdir -p "$results"
export TECHCENTERS_TEST_ARTIFACTS="$results"
status=0
dotnet build TechCenters.slnx -c Release -nologo -v q || status=$?
if [ $status -eq 0 ]; then
  dotnet test TechCenters.slnx -c Release --no-build -nologo \
    --logger "trx" --results-directory "$results" || status=$?
fi

# 4. The closing line CI reads, counted from the TRX files.
passed=0; failed=0
for f in "$results"/*.trx; do
  [ -e "$f" ] || continue
  c=$(grep -o '<Counters [^>]*>' "$f" | head -1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$c"); passed=$((passed + ${p:-0}))
  for k in failed error timeout aborted; do
    v=$(sed -n "s/.* $k=\"\([0-9]*\)\".*/\1/p" <<<"$c"); failed=$((failed + ${v:-0}))
  done
done
# A build failure or a crashed test host counts as a failure even without a TRX line.
if [ $status -ne 0 ] && [ $failed -eq 0 ]; then failed=1; fi
echo "Screenshots and results: TestResults/"
echo "$passed passed, $failed failed"
[ $failed -eq 0 ] && [ $status -eq 0 ]
