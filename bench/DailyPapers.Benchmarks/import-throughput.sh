#!/usr/bin/env bash
# Whole-file import throughput of the real `dailypapers import` command: N runs (default 3), each
# into a fresh SQLite data directory, timed with GNU time for wall clock and peak RSS. Prints each
# run's summary line and the median papers/s and peak RSS, plus the CPU time the process used per
# 1,000 papers (user + system), which a busy shared machine disturbs far less than wall-clock rates,
# and the whole command's rate (papers over its wall clock, startup and closing checkpoint included).
#
#   bench/DailyPapers.Benchmarks/import-throughput.sh FILE [RUNS]
set -euo pipefail
cd "$(dirname "$0")/../.."
file=$(realpath "$1")
runs=${2:-3}
dotnet build src/DailyPapers -c Release -v quiet -nologo >/dev/null
dll=src/DailyPapers/bin/Release/net10.0/dailypapers.dll

rates=(); rss=(); cpu=(); whole=()
for run in $(seq "$runs"); do
  data=$(mktemp -d)
  log=$(mktemp)
  /usr/bin/time -v dotnet "$dll" import "$file" --data "$data" >"$log" 2>&1
  summary=$(grep '^read ' "$log")
  rate=$(sed -E 's/.* ([0-9]+) papers\/s$/\1/' <<<"$summary")
  peak=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$log")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$log")
  cpu_s=$(awk -F': ' '/User time|System time/ {s += $2} END {print s}' "$log")
  papers=$(sed -E 's/^read ([0-9,]+) .*/\1/' <<<"$summary" | tr -d ,)
  ms_per_1000=$(awk -v c="$cpu_s" -v n="$papers" 'BEGIN {printf "%d", c * 1000 * 1000 / n}')
  wall_s=$(awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}' <<<"$wall")
  whole_rate=$(awk -v n="$papers" -v w="$wall_s" 'BEGIN {printf "%d", n / w}')
  echo "run $run: $summary | process wall $wall, CPU ${cpu_s} s (${ms_per_1000} ms per 1,000 papers), peak RSS $((peak / 1024)) MB, load $(cut -d' ' -f1 /proc/loadavg)"
  rates+=("$rate"); rss+=("$peak"); cpu+=("$ms_per_1000"); whole+=("$whole_rate")
  rm -rf "$data" "$log"
done
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo "median: $(median "${rates[@]}") papers/s, $(median "${cpu[@]}") ms CPU per 1,000 papers, peak RSS $(( $(median "${rss[@]}") / 1024 )) MB, whole command $(median "${whole[@]}") papers/s over $runs runs"
