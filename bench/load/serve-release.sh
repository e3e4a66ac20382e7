# Sourced by the wrk scripts: publishes a Release build into WORK/app and serves DATA on
# 127.0.0.1:$PORT with background embedding off (the figures measure the serving path), logging to
# WORK/server.log. Sets $server to the site's PID, stops it and removes WORK on exit, and returns
# once /healthz answers (within WAIT seconds; a first run imports the demo catalog).
#   serve_release WORK DATA WAIT
serve_release() {
  local work=$1 data=$2 wait=$3
  dotnet publish src/DailyPapers -c Release -o "$work/app" >/dev/null
  ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Search__EmbedInBackground=false \
    dotnet "$work/app/dailypapers.dll" serve --urls "http://127.0.0.1:$PORT" --data "$data" >"$work/server.log" 2>&1 &
  server=$!
  # shellcheck disable=SC2064 # expand now: the trap must remove this work directory
  trap "kill $server 2>/dev/null; wait $server 2>/dev/null; rm -rf '$work'" EXIT
  for _ in $(seq 1 $((wait * 2))); do curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null 2>&1 && return 0; sleep 0.5; done
  curl -fs "http://127.0.0.1:$PORT/healthz" >/dev/null || { cat "$work/server.log"; exit 1; }
}
