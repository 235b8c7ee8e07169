#!/usr/bin/env bash
# The floor of rt's HTTP path: one process, a server whose only per-request JavaScript is a bare callback over
# binding.http.serve (scripts/bench/http_floor/bare_serve.js, loaded as a stdlib overlay through RT_STDLIB_DIR),
# beside rt's node:http and node's node:http with the same handler. wrk -t1 -c50, median req/s of R runs.
# Usage: scripts/bench/http_floor.sh [runs=3] [seconds=3]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-3}; seconds=${2:-3}; port=${PORT:-18090}
rt=${RT:-$here/../../target/release/rt}
overlay=$(mktemp -d)
trap 'rm -rf "$overlay"' EXIT
cp -r "$here/../../stdlib/." "$overlay/"
cp "$here/http_floor/bare_serve.js" "$overlay/bare_serve.js"
measure() {
  PORT=$port "$@" >/dev/null 2>&1 &
  local pid=$!
  sleep 0.6
  wrk -t1 -c50 -d"${seconds}s" "http://127.0.0.1:$port/" | awk '/Requests\/sec/ {print $2}'
  kill "$pid"; wait "$pid" 2>/dev/null || true
  sleep 0.3
}
declare -A results=()
for _ in $(seq 1 "$runs"); do
  results[rt_bare]+=" $(RT_STDLIB_DIR=$overlay measure "$rt" "$here/http_floor/server.mjs")"
  results[rt_http]+=" $(measure "$rt" "$here/http_floor/node_server.mjs")"
  results[node_http]+=" $(measure node "$here/http_floor/node_server.mjs")"
done
for name in rt_bare rt_http node_http; do
  echo "$name:${results[$name]}" | python3 -c "import sys,statistics; n,v=sys.stdin.read().split(':'); v=[float(x) for x in v.split()]; print(f'{n:10} median {statistics.median(v):9.0f} req/s   runs {\" \".join(f\"{x:.0f}\" for x in v)}')"
done
