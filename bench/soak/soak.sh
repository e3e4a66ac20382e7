#!/usr/bin/env bash
# Soak: MINUTES minutes of mixed traffic (bench/soak/mix.lua: reads, searches, votes, subscriptions)
# through nginx on a loopback cluster of NODES nodes (scripts/cluster.sh, Release build, the whole
# demo catalog), after a WARMUP. Reports per minute p50/p99 and answers by status class, and samples
# each node's RSS every 10 s. Not part of CI: it takes MINUTES + a few minutes of both cores.
#
#   bench/soak/soak.sh                  # NODES=2 MINUTES=10 WARMUP=120 CONNECTIONS=16
#   NODES=1 bench/soak/soak.sh          # the same on one node
#   KILL=1 bench/soak/soak.sh           # 3 minutes on 2 nodes; node2 is killed with SIGKILL after 60 s, restarted after 120 s
#   SOAK_READS_ONLY=1 bench/soak/soak.sh  # the votes and subscriptions replaced by front-page reads
#
# Goals (issue 13): no answer >= 500; p99 of the last minute within +-20% of the first minute
# after warm-up; each node's RSS flat within +-10% after warm-up. Output: OUT (default a temp folder)
# holds minute-N.txt (wrk's output), rss.csv and summary.txt.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
NODE_COUNT=${NODES:-2}
MINUTES=${MINUTES:-10}
WARMUP=${WARMUP:-120}
CONNECTIONS=${CONNECTIONS:-16}
KILL=${KILL:-0}
OUT=${OUT:-$(mktemp -d -t dailypapers-soak.XXXXXX)}
mkdir -p "$OUT"
command -v wrk >/dev/null || { echo "soak: wrk is not installed (apt-get install wrk)"; exit 2; }
if [ "$KILL" = 1 ]; then NODE_COUNT=2; MINUTES=3; fi

export DAILYPAPERS_CLUSTER_DIR=${DAILYPAPERS_CLUSTER_DIR:-$OUT/cluster} DAILYPAPERS_CLUSTER_NODES=$NODE_COUNT
# Every subscribe post is a real write; the per-address and per-client limits would answer 429 instead.
export Mail__SubscribesPerClientPerMinute=100000 Mail__SubscribesPerAddressPerHour=100000
cluster() { "$ROOT/scripts/cluster.sh" "$@"; }
trap 'cluster down' EXIT
cluster up
settings=$(cluster env) && eval "$settings"    # PROXY_PORT, NODES (their names), ...
site="http://127.0.0.1:$PROXY_PORT"
credentials=$("$ROOT/bench/soak/member.py" "$site" "$DAILYPAPERS_CLUSTER_DIR") && eval "$credentials"
export SOAK_TOKEN SOAK_FORM_FIELD SOAK_FORM_TOKEN SOAK_COOKIE SOAK_QUERIES="$ROOT/bench/search/latency-topics.txt"
SOAK_DAY=$(curl -fs "$site/api/daily_papers?limit=1" | sed -nE 's/.*"submittedOnDailyAt":"([0-9]{4}-[0-9]{2}-[0-9]{2}).*/\1/p' | head -n 1)
SOAK_PAPERS=$(curl -fs "$site/api/daily_papers?date=$SOAK_DAY&limit=100" | grep -oE '"paper":\{"id":"[^"]+"' | cut -d'"' -f6 | paste -sd,)
export SOAK_DAY SOAK_PAPERS
echo "soak: $NODE_COUNT node(s), $MINUTES min after ${WARMUP}s warm-up, wrk -t2 -c$CONNECTIONS, day $SOAK_DAY, $(echo "$SOAK_PAPERS" | tr ',' '\n' | wc -l) papers; output in $OUT"

sample_rss() {
  # RssAnon is the process's own memory (GC heap, native HNSW graph); RssFile is the part of
  # mapped files it has touched, mostly the keyword index's segments (memory-mapped), which the
  # kernel can drop at any time and which grows as searches reach more of the index.
  echo "seconds,node,rss_kib,anon_kib,file_kib" >"$OUT/rss.csv"
  local started=$SECONDS node pid
  while :; do
    for node in $NODES; do
      pid=$(cat "$DAILYPAPERS_CLUSTER_DIR/$node.pid" 2>/dev/null || true)
      [ -n "$pid" ] && awk -v s=$((SECONDS - started)) -v n="$node" '/^VmRSS/ {r = $2} /^RssAnon/ {a = $2} /^RssFile/ {f = $2} END {print s "," n "," r "," a "," f}' "/proc/$pid/status" >>"$OUT/rss.csv" 2>/dev/null || true
    done
    sleep 10
  done
}

wrk -t2 -c"$CONNECTIONS" -d"${WARMUP}s" -s "$ROOT/bench/soak/mix.lua" "$site" >"$OUT/warmup.txt"
sample_rss & sampler=$!
if [ "$KILL" = 1 ]; then
  measured=$SECONDS
  ( sleep 60; cluster kill node2; echo "killed node2 at $((SECONDS - measured)) s" >>"$OUT/events.txt"
    sleep 60; cluster start node2 >/dev/null 2>&1; echo "node2 answering again at $((SECONDS - measured)) s" >>"$OUT/events.txt" ) &
fi
for minute in $(seq 1 "$MINUTES"); do
  wrk -t2 -c"$CONNECTIONS" -d60s --latency -s "$ROOT/bench/soak/mix.lua" "$site" >"$OUT/minute-$minute.txt"
  echo "minute $minute: $(grep '^SOAK' "$OUT/minute-$minute.txt" | cut -d' ' -f2-) load $(cut -d' ' -f1 /proc/loadavg)" | tee -a "$OUT/summary.txt"
done
kill "$sampler" 2>/dev/null || true
wait 2>/dev/null || true

{
  awk '/^SOAK/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == "5xx") e += kv[2]; if (kv[1] == "socket_errors") s += kv[2]; if (kv[1] == "requests") r += kv[2] } }
       END { printf "total: %d requests, %d answers >= 500, %d socket errors\n", r, e, s }' "$OUT"/minute-*.txt
  first=$(sed -nE 's/.*p99_ms=([0-9.]+).*/\1/p' "$OUT/minute-1.txt"); last=$(sed -nE 's/.*p99_ms=([0-9.]+).*/\1/p' "$OUT/minute-$MINUTES.txt")
  awk -v f="$first" -v l="$last" 'BEGIN { printf "p99 first minute %.1f ms, last minute %.1f ms (%+.0f%%)\n", f, l, (l - f) * 100 / f }'
  # RSS after warm-up: the first and last sample of each node, and the range in between; then the
  # same for its anonymous and file-backed parts.
  for column in 3:RSS 4:anon 5:file; do
    awk -F, -v c="${column%%:*}" -v label="${column#*:}" \
      'NR > 1 { v = $c; if (!($2 in first)) first[$2] = v; last[$2] = v; if (!($2 in lo) || v < lo[$2]) lo[$2] = v; if (v > hi[$2]) hi[$2] = v }
       END { for (n in first) printf "%s %s %d -> %d MiB (min %d, max %d; %+.0f%%)\n", n, label, first[n] / 1024, last[n] / 1024, lo[n] / 1024, hi[n] / 1024, (last[n] - first[n]) * 100 / first[n] }' "$OUT/rss.csv"
  done
  [ -f "$OUT/events.txt" ] && cat "$OUT/events.txt"
} | tee -a "$OUT/summary.txt"
