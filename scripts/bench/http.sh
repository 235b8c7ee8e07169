#!/usr/bin/env bash
# HTTP throughput of the cluster lesson (scripts/lessons/03-cluster, 2 workers) under wrk, every runtime
# found side by side in the same run, interleaved, R runs each; prints the median req/s per runtime and
# its ratio to node.
#
# Usage: scripts/bench/http.sh [runs=5] [seconds=5]
# Environment:
#   RT=path/to/rt          default target/release/rt
#   PEERS=/tmp/peers       adds bun and deno from $PEERS/node_modules/.bin (`npm install bun deno` there)
#   RUNTIMES="rt node"     only these runtimes
#   WORKERS=2              cluster workers; CONNECTIONS=50 wrk connections; PORT=18080
# Needs wrk (apt-get install wrk).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-5}
seconds=${2:-5}
port=${PORT:-18080}
lesson="$here/../lessons/03-cluster/main.mjs"
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }

rt=${RT:-$here/../../target/release/rt}
declare -A bins=([rt]="$rt" [node]="$(command -v node || true)")
if [ -n "${PEERS:-}" ]; then
  bins[bun]="$PEERS/node_modules/.bin/bun"
  bins[deno]="$PEERS/node_modules/.bin/deno"
fi

wait_for_port() {
  for _ in $(seq 1 100); do
    if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then return 0; fi
    sleep 0.1
  done
  return 1
}

declare -A results=()
for run in $(seq 1 "$runs"); do
  for name in ${RUNTIMES:-rt node bun deno}; do
    bin=${bins[$name]:-}
    [ -n "$bin" ] && [ -x "$bin" ] || continue
    case $name in
      deno) cmd=("$bin" run -A "$lesson") ;;
      *) cmd=("$bin" "$lesson") ;;
    esac
    PORT=$port WORKERS=${WORKERS:-2} setsid "${cmd[@]}" >/dev/null 2>&1 &
    leader=$!
    if wait_for_port; then
      sleep 0.3
      rps=$(wrk -t1 -c"${CONNECTIONS:-50}" -d"${seconds}s" "http://127.0.0.1:$port/" | awk '/Requests\/sec/ {print $2}')
      results[$name]="${results[$name]:-} $rps"
      echo "run $run $name: $rps req/s" >&2
    else
      echo "run $run $name: server did not start" >&2
    fi
    kill -TERM -- "-$leader" 2>/dev/null || true
    wait "$leader" 2>/dev/null || true
    sleep 0.5
  done
done

python3 - "${!results[@]}" <<PY
import statistics, sys
results = {$(for name in "${!results[@]}"; do printf '"%s": [%s], ' "$name" "$(echo ${results[$name]} | tr ' ' ',')"; done)}
node = statistics.median(results["node"]) if results.get("node") else None
print(f"{'runtime':8} {'median req/s':>14} {'vs node':>8}   runs")
for name, values in results.items():
    median = statistics.median(values)
    ratio = f"{median / node:.2f}x" if node else "-"
    print(f"{name:8} {median:14.0f} {ratio:>8}   {' '.join(f'{v:.0f}' for v in values)}")
PY
