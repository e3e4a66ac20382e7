#!/usr/bin/env bash
# Search over HTTP on 127.0.0.1: wrk rotates the queries of QUERIES_FILE through /api/papers/search?q=
# (hybrid, the default mode) against a Release build serving DATA_DIR (a catalog prepared beforehand:
# imported, embedded, indexed; see docs/benchmarks.md). Background embedding is off, so the figures are
# the serving path. 5 s warm-up, then RUNS runs of `wrk -t2 -cCONNECTIONS -dDURATION --latency`.
#   bench/load/wrk-search.sh DATA_DIR QUERIES_FILE      # RUNS=3 DURATION=20s CONNECTIONS=16
# UNIQUE=1 varies the URLs so that the API's output cache does not answer repeats (see wrk-search.lua).
set -euo pipefail
[ $# -eq 2 ] || { echo "usage: $0 DATA_DIR QUERIES_FILE"; exit 2; }
data_dir=$(realpath "$1"); queries=$(realpath "$2")
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
PORT=${PORT:-5392}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }

app=$(mktemp -d /tmp/dailypapers-wrk-search.XXXXXX)
source bench/load/serve-release.sh
serve_release "$app" "$data_dir" 300
# The first search opens the indexes and loads the model.
curl -fs -o /dev/null "http://127.0.0.1:$PORT/api/papers/search?q=warm+up"
export UNIQUE=${UNIQUE:-0}
echo "site: $(nproc) cores, $(wc -l <"$queries") queries (unique URLs: $UNIQUE), wrk -t2 -c$CONNECTIONS -d$DURATION, $RUNS runs, load $(cut -d' ' -f1-3 /proc/loadavg)"

export QUERIES=$queries
wrk -t2 -c"$CONNECTIONS" -d5s -s bench/load/wrk-search.lua "http://127.0.0.1:$PORT" >/dev/null  # warm-up
rps=()
for run in $(seq 1 "$RUNS"); do
  out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency -s bench/load/wrk-search.lua "http://127.0.0.1:$PORT")
  r=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')
  p50=$(printf '%s\n' "$out" | awk '$1 == "50%" {print $2}')
  p99=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
  errors=$(printf '%s\n' "$out" | grep -E 'Non-2xx|Socket errors' || true)
  modes=$(printf '%s\n' "$out" | grep '^answered as:' || true)
  echo "run $run: $r req/s, p50 $p50, p99 $p99, load $(cut -d' ' -f1-3 /proc/loadavg); $modes ${errors:+($errors)}"
  rps+=("$r")
done
echo "MEDIAN: $(printf '%s\n' "${rps[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}') req/s"
echo "server peak RSS: $(grep VmHWM /proc/$server/status 2>/dev/null || echo n/a)"
