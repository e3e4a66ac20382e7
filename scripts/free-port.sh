# Sourced by scripts/test.sh and scripts/cluster.sh: prints a loopback TCP port nothing listens on.
free_port() {
  local port
  while :; do
    port=$((20000 + RANDOM % 20000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
