#!/usr/bin/env bash
# Load test of the day page and the daily_papers API on 127.0.0.1 with wrk (-t2 -c64 -d20s by default).
# Builds Release, starts the site on a fresh data directory (the first run imports the demo catalog),
# (background embedding off, so the figures are the serving path alone), warms up, then runs wrk against each URL RUNS times and prints every run plus the median.
# Each run also reports the site's own CPU time per request (user + system, from /proc), which a
# busy shared machine disturbs far less than req/s: it says what the site costs, not what it got.
#   bench/load/wrk-pages.sh            # RUNS=3 DURATION=20s CONNECTIONS=64 WARMUP=30s
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${RUNS:-3}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-64}
PORT=${PORT:-5391}
WARMUP=${WARMUP:-30s}
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)"; exit 2; }

data=$(mktemp -d /tmp/dailypapers-wrk.XXXXXX)
source bench/load/serve-release.sh
serve_release "$data" "$data/site" 120

day=$(curl -fs "http://127.0.0.1:$PORT/api/daily_papers?limit=1" | sed -nE 's/.*"submittedOnDailyAt":"([0-9]{4}-[0-9]{2}-[0-9]{2}).*/\1/p' | head -n 1)
day=${day:-2026-08-21}
urls=("/papers/date/$day" "/api/daily_papers?date=$day")
echo "site: $(nproc) cores, day $day, wrk -t2 -c$CONNECTIONS -d$DURATION, $RUNS runs each"

for url in "${urls[@]}"; do
  # Warm-up: caches, and the JIT's tiered compilation, which on a busy machine takes tens of seconds
  # to reach steady state (the site's CPU per request kept falling across 20 s runs after a 10 s warm-up).
  wrk -t2 -c"$CONNECTIONS" -d"$WARMUP" "http://127.0.0.1:$PORT$url" >/dev/null
  rps=(); p99=(); cpu=()
  for run in $(seq 1 "$RUNS"); do
    cpu_before=$(awk '{print $14 + $15}' "/proc/$server/stat")
    out=$(wrk -t2 -c"$CONNECTIONS" -d"$DURATION" --latency "http://127.0.0.1:$PORT$url")
    cpu_after=$(awk '{print $14 + $15}' "/proc/$server/stat")
    r=$(printf '%s\n' "$out" | awk '/Requests\/sec/ {print $2}')
    n=$(printf '%s\n' "$out" | awk '/requests in/ {print $1}')
    us=$(( (cpu_after - cpu_before) * 1000000 / $(getconf CLK_TCK) / n ))
    l=$(printf '%s\n' "$out" | awk '$1 == "99%" {print $2}')
    errors=$(printf '%s\n' "$out" | grep -E 'Non-2xx|Socket errors' || true)
    echo "$url run $run: $r req/s, p99 $l, site CPU ${us} us/request, load $(cut -d' ' -f1 /proc/loadavg) ${errors:+($errors)}"
    rps+=("$r"); p99+=("$l"); cpu+=("$us")
  done
  median_rps=$(printf '%s\n' "${rps[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  median_cpu=$(printf '%s\n' "${cpu[@]}" | sort -g | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  echo "$url MEDIAN: $median_rps req/s, site CPU $median_cpu us/request (p99 per run: ${p99[*]})"
done
