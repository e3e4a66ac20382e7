#!/usr/bin/env bash
# A DailyPapers cluster on loopback: one PostgreSQL, N app nodes from the published build (each with
# its own data directory and port), and nginx in front. Meant to be read as the recipe for a real
# deployment (docs/deploy.md) and used by the cluster tests.
#
#   scripts/cluster.sh up                 publish, start PostgreSQL, import the catalog, start the nodes and nginx
#   scripts/cluster.sh down               stop everything `up` started (pid files in the state folder)
#   scripts/cluster.sh status             what runs, on which port, and whether it answers
#   scripts/cluster.sh stop|kill|start NODE   stop (SIGTERM), kill -9, or (re)start one node (node1, node2, ...)
#   scripts/cluster.sh restart-db         restart PostgreSQL under the running nodes
#   scripts/cluster.sh cli VERB ARGS...   run a dailypapers verb (import, admin, ...) against the cluster's database
#   scripts/cluster.sh env                the settings as shell assignments (for scripts and tests)
#
# Settings (environment):
#   DAILYPAPERS_CLUSTER_DIR      state folder (default ./cluster): pgdata/, node1/, nginx/, app/, cluster.env
#   DAILYPAPERS_CLUSTER_NODES    app nodes to start at `up` (default 2)
#   DAILYPAPERS_CLUSTER_APP      an already published build to use instead of publishing into STATE/app
#   DAILYPAPERS_CLUSTER_PUBLISH  dotnet publish options (default: -c Release)
#   DAILYPAPERS_CLUSTER_CATALOG  file to import at the first `up` (default: the bundled demo catalog)
#   DAILYPAPERS_CLUSTER_SMTP     HOST:PORT of an SMTP server without TLS; default: each node's DATA/outbox/
# Anything else in the environment (Mail__ComposeInterval=00:00:05, Search__RefreshInterval=...)
# reaches every node and CLI run as ordinary configuration.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
STATE=$(mkdir -p "${DAILYPAPERS_CLUSTER_DIR:-$ROOT/cluster}" && cd "${DAILYPAPERS_CLUSTER_DIR:-$ROOT/cluster}" && pwd)
PGBIN=/usr/lib/postgresql/15/bin
DATABASE=dailypapers

say() { echo "cluster: $*" >&2; }
fail() { say "$*"; exit 1; }
as_postgres() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

source "$ROOT/scripts/free-port.sh"

# Ports and paths are chosen once and kept in cluster.env, so `down` then `up` gives the same addresses.
load_env() {
  # Only cluster.env sets these: a caller's NODES=1 or APP=... in the environment must not leak in.
  unset PG_PORT PROXY_PORT NODES APP
  if [ -f "$STATE/cluster.env" ]; then
    # shellcheck disable=SC1091
    . "$STATE/cluster.env"
  fi
  : "${PG_PORT:=$(free_port)}" "${PROXY_PORT:=$(free_port)}" "${NODES:=}"
  APP=${DAILYPAPERS_CLUSTER_APP:-${APP:-$STATE/app}}
}
save_env() {
  local node
  {
    echo "PG_PORT=$PG_PORT"
    echo "PROXY_PORT=$PROXY_PORT"
    echo "APP=$APP"
    echo "NODES='$NODES'"
    for node in $NODES; do echo "PORT_$node=$(node_port "$node")"; done
  } >"$STATE/cluster.env"
}
node_port() { local var="PORT_$1"; echo "${!var:-}"; }
add_node() {
  local node=$1
  case " $NODES " in *" $node "*) return ;; esac
  NODES="${NODES:+$NODES }$node"
  printf -v "PORT_$node" '%s' "$(free_port)"
}

connection_string() { echo "Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=$DATABASE"; }

# What every node and CLI run shares: the database and the public address. Mail goes to SMTP when
# one is given, else to each node's own outbox folder.
shared_settings() {
  export Database__Provider=Postgres
  export Database__ConnectionString
  Database__ConnectionString=$(connection_string)
  export Site__BaseUrl="http://127.0.0.1:$PROXY_PORT"
  # The catalog is imported once by `up`, not by whichever node starts first.
  export DemoData__Enabled=false
  # Two C allocator arenas instead of one per thread that ever allocated: memory freed into an arena
  # stays there, and with the thread pool's threads coming and going a node's native memory kept
  # growing under steady traffic (docs/benchmarks.md, "Cluster soak"; docs/deploy.md).
  export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
  if [ -n "${DAILYPAPERS_CLUSTER_SMTP:-}" ]; then
    export Mail__Transport=smtp Mail__Smtp__Host=${DAILYPAPERS_CLUSTER_SMTP%:*} Mail__Smtp__Port=${DAILYPAPERS_CLUSTER_SMTP##*:} Mail__Smtp__Security=none
  fi
}

publish() {
  if [ -x "$APP/dailypapers" ]; then return; fi
  [ -z "${DAILYPAPERS_CLUSTER_APP:-}" ] || fail "DAILYPAPERS_CLUSTER_APP=$APP holds no published dailypapers"
  # The tests publish the build they were compiled against (DAILYPAPERS_CLUSTER_PUBLISH="-c Debug --no-build"),
  # which copies instead of compiling Release from scratch.
  local how=${DAILYPAPERS_CLUSTER_PUBLISH:--c Release}
  say "publishing into $APP ($how)"
  # shellcheck disable=SC2086
  dotnet publish "$ROOT/src/DailyPapers" $how -o "$APP" --nologo -v quiet >"$STATE/publish.log" 2>&1 \
    || { cat "$STATE/publish.log" >&2; fail "publish failed"; }
}

# PostgreSQL: initdb refuses root and there is no service manager, so it runs as `postgres` with its
# data in the state folder (which postgres must be able to reach).
start_db() {
  [ -x "$PGBIN/initdb" ] || fail "PostgreSQL 15 is missing (apt-get install postgresql-15)"
  chmod a+rx "$STATE"
  if [ ! -f "$STATE/pgdata/PG_VERSION" ]; then
    mkdir -p "$STATE/pgdata" && chown postgres "$STATE/pgdata" && chmod 700 "$STATE/pgdata"
    as_postgres "$PGBIN/initdb" -D "$STATE/pgdata" -U postgres --auth=trust -E UTF8 --no-locale >/dev/null
  fi
  if ! as_postgres "$PGBIN/pg_ctl" -D "$STATE/pgdata" status >/dev/null 2>&1; then
    as_postgres "$PGBIN/pg_ctl" -D "$STATE/pgdata" -l "$STATE/pgdata/server.log" -w start \
      -o "-h 127.0.0.1 -p $PG_PORT -k $STATE/pgdata -c max_connections=300" >/dev/null
  fi
  if ! as_postgres "$PGBIN/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc "select 1 from pg_database where datname='$DATABASE'" | grep -q 1; then
    as_postgres "$PGBIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres "$DATABASE"
  fi
}

cli() { (shared_settings; cd "$STATE" && "$APP/dailypapers" "$@" --data "$STATE/cli"); }

# The first `up` imports the catalog through the CLI, as an operator would, before any node serves;
# the bundled demo embeddings go in too (only papers whose text matches take them), so nodes build
# their vector indexes from stored vectors instead of running the model.
import_catalog() {
  [ -f "$STATE/imported" ] && return
  local catalog=${DAILYPAPERS_CLUSTER_CATALOG:-$APP/DemoData/hf-daily-papers.jsonl.gz}
  say "importing $catalog"
  cli import "$catalog" >"$STATE/import.log" 2>&1 || { cat "$STATE/import.log" >&2; fail "import failed"; }
  cli embeddings import "$APP/DemoData/demo-embeddings.bin.gz" >>"$STATE/import.log" 2>&1 || { cat "$STATE/import.log" >&2; fail "embeddings import failed"; }
  touch "$STATE/imported"
}

start_node() {
  local node=$1 port
  add_node "$node"
  port=$(node_port "$node")
  save_env
  if alive "$STATE/$node.pid"; then return; fi
  mkdir -p "$STATE/$node"
  (
    shared_settings
    cd "$STATE/$node"
    exec "$APP/dailypapers" serve --urls "http://127.0.0.1:$port" --data "$STATE/$node"
  ) >>"$STATE/$node.log" 2>&1 </dev/null &
  echo $! >"$STATE/$node.pid"
  say "$node: pid $(cat "$STATE/$node.pid"), http://127.0.0.1:$port, data $STATE/$node"
}

# /readyz (database reachable, ready to serve) when the build has it, else /healthz (the process serves).
ready_code() {
  local url=$1 code
  code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url/readyz" || true)
  if [ "$code" = 404 ]; then code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$url/healthz" || true); fi
  echo "$code"
}
wait_ready() {
  local node=$1 url="http://127.0.0.1:$(node_port "$1")" waited=0
  until [ "$(ready_code "$url")" = 200 ]; do
    alive "$STATE/$node.pid" || { tail -n 30 "$STATE/$node.log" >&2; fail "$node exited while starting"; }
    [ $waited -lt 180 ] || fail "$node not ready after 180 s (log: $STATE/$node.log)"
    sleep 0.5; waited=$((waited + 1))
  done
}

write_nginx_conf() {
  local dir=$STATE/nginx servers="" node
  mkdir -p "$dir/tmp"
  for node in $NODES; do servers+="${servers:+$'\n    '}server 127.0.0.1:$(node_port "$node");"; done
  sed -e "/^ *#/!s|@LISTEN@|127.0.0.1:$PROXY_PORT|" -e "/^ *#/!s|@SERVERS@|${servers//$'\n'/\\n}|" "$ROOT/deploy/nginx.conf" >"$dir/dailypapers.conf"
  # Without a service manager nginx runs with its own prefix: pid, logs and temp files stay in here.
  cat >"$dir/nginx.conf" <<EOF
worker_processes 1;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 4096; }
http {
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    include $dir/dailypapers.conf;
    access_log $dir/access.log dailypapers;
}
EOF
}
nginx_cmd() { nginx -c "$STATE/nginx/nginx.conf" -p "$STATE/nginx" "$@"; }
start_proxy() {
  command -v nginx >/dev/null || fail "nginx is missing (apt-get install nginx)"
  write_nginx_conf
  if alive "$STATE/nginx/nginx.pid"; then nginx_cmd -s reload; else nginx_cmd; fi
}

stop_pid() {
  local file=$1 signal=${2:-TERM}
  if alive "$file"; then
    local pid; pid=$(cat "$file")
    kill -s "$signal" "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid" 2>/dev/null || true
  fi
  rm -f "$file"
}

up() {
  load_env
  publish
  start_db
  save_env
  import_catalog
  local count=${DAILYPAPERS_CLUSTER_NODES:-2} started="" node i
  if [ -z "$NODES" ]; then for i in $(seq 1 "$count"); do add_node "node$i"; done; fi
  # All together, as after a power cut: migrations take a lock, and the first node to migrate
  # creates the Data Protection key that the others then find (Web/SharedKeyRing.cs).
  for node in $NODES; do
    start_node "$node"
    started+=" $node"
  done
  for node in $started; do wait_ready "$node"; done
  start_proxy
  say "up: http://127.0.0.1:$PROXY_PORT (nodes:$started)"
}

down() {
  local node
  load_env
  if alive "$STATE/nginx/nginx.pid"; then nginx_cmd -s stop || true; fi
  for node in $NODES; do stop_pid "$STATE/$node.pid"; done
  if [ -f "$STATE/pgdata/PG_VERSION" ]; then as_postgres "$PGBIN/pg_ctl" -D "$STATE/pgdata" -m fast stop >/dev/null 2>&1 || true; fi
  say "down"
}

status() {
  load_env
  local code node
  if as_postgres "$PGBIN/pg_ctl" -D "$STATE/pgdata" status >/dev/null 2>&1; then echo "postgres  up    127.0.0.1:$PG_PORT"; else echo "postgres  down"; fi
  for node in $NODES; do
    code=$(ready_code "http://127.0.0.1:$(node_port "$node")")
    if alive "$STATE/$node.pid"; then echo "$node     up    127.0.0.1:$(node_port "$node") pid $(cat "$STATE/$node.pid") ready=$code"; else echo "$node     down"; fi
  done
  if alive "$STATE/nginx/nginx.pid"; then echo "nginx     up    http://127.0.0.1:$PROXY_PORT"; else echo "nginx     down"; fi
}

verb=${1:-}
shift || true
case "$verb" in
  up) up ;;
  down) down ;;
  status) status ;;
  stop) load_env; stop_pid "$STATE/${1:?node}.pid" ;;
  kill) load_env; alive "$STATE/${1:?node}.pid" && kill -9 "$(cat "$STATE/$1.pid")"; rm -f "$STATE/$1.pid" ;;
  start) load_env; start_node "${1:?node}"; wait_ready "$1"; start_proxy ;;
  restart-db) load_env; as_postgres "$PGBIN/pg_ctl" -D "$STATE/pgdata" -m fast -w restart -l "$STATE/pgdata/server.log" \
      -o "-h 127.0.0.1 -p $PG_PORT -k $STATE/pgdata -c max_connections=300" >/dev/null ;;
  cli) load_env; cli "$@" ;;
  env) load_env; cat "$STATE/cluster.env"; echo "DATABASE='$(connection_string)'" ;;
  *) sed -n '2,21p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2 ;;
esac
