#!/usr/bin/env bash
# Runs every test on a fresh machine: installs what the tests need (Debian packages, dotnet tools),
# starts a throwaway PostgreSQL server on loopback, runs `dotnet test`, and stops the server.
# Idempotent; extra arguments go to `dotnet test` (for example --filter).
set -euo pipefail
cd "$(dirname "$0")/.."

sudo_if_needed() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

missing=()
[ -x /usr/lib/postgresql/15/bin/initdb ] || missing+=(postgresql-15)
[ -x /usr/bin/chromium ] || missing+=(chromium)
dpkg -s libgomp1 >/dev/null 2>&1 || missing+=(libgomp1)
# The cluster lane (tests/DailyPapers.ClusterTests): nginx in front of two nodes, curl for the
# script's readiness checks, sqlite3 for the online-backup test. It starts its own PostgreSQL
# through scripts/cluster.sh, since it restarts that server mid-test.
[ -x /usr/sbin/nginx ] || missing+=(nginx)
[ -x /usr/bin/curl ] || missing+=(curl)
[ -x /usr/bin/sqlite3 ] || missing+=(sqlite3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "test.sh: installing ${missing[*]}"
  sudo_if_needed apt-get update -qq
  sudo_if_needed env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
dotnet tool restore >/dev/null

source scripts/free-port.sh

# PostgreSQL: initdb refuses root and there is no service manager, so run it as `postgres` in a temp dir.
PGDATA=$(mktemp -d /tmp/dailypapers-pg.XXXXXX)
PGPORT=$(free_port)
PGBIN=/usr/lib/postgresql/15/bin
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
sudo_if_needed chown postgres "$PGDATA"
as_postgres "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -o "-h 127.0.0.1 -p $PGPORT -k $PGDATA -c fsync=off -c max_connections=300" \
  -l "$PGDATA/server.log" -w start >/dev/null
stop_services() {
  as_postgres "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true
  sudo_if_needed rm -rf "$PGDATA"
}
trap stop_services EXIT

export DAILYPAPERS_TEST_PG="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres"
export DAILYPAPERS_CHROMIUM=/usr/bin/chromium
# Every lane must run here: a missing service fails the run instead of skipping.
export CI=true

dotnet test --solution DailyPapers.slnx "$@"
