#!/usr/bin/env bash
# Start-up time of a program that only prints, fork and exec included: rt beside node (and bun/deno
# when they are on PATH or in $PEERS, a folder with `npm install bun deno` done in it).
# Usage: scripts/bench/startup.sh [runs]   — prints the median and the ratio to rt.
set -euo pipefail
runs=${1:-200}
here=$(cd "$(dirname "$0")" && pwd)
rt=${RT:-$here/../../target/release/rt}
script=$(mktemp --suffix=.mjs)
echo "console.log('hello')" > "$script"
trap 'rm -f "$script"' EXIT

median_ms() {
  python3 - "$runs" "$@" <<'PY'
import subprocess, sys, time
runs = int(sys.argv[1]); cmd = sys.argv[2:]
samples = []
for _ in range(runs):
    start = time.perf_counter()
    subprocess.run(cmd, stdout=subprocess.DEVNULL, check=True)
    samples.append((time.perf_counter() - start) * 1000)
samples.sort()
print(f"{samples[len(samples) // 2]:.2f}")
PY
}

declare -A peers=([rt]="$rt" [node]="$(command -v node || true)")
[ -n "${PEERS:-}" ] && peers[bun]="$PEERS/node_modules/.bin/bun" && peers[deno]="$PEERS/node_modules/.bin/deno"
rt_ms=$(median_ms "$rt" "$script")
printf "%-6s %8s ms\n" rt "$rt_ms"
for name in node bun deno; do
  bin=${peers[$name]:-}
  [ -n "$bin" ] && [ -x "$bin" ] || continue
  args=("$bin")
  [ "$name" = deno ] && args+=(run -A)
  ms=$(median_ms "${args[@]}" "$script")
  printf "%-6s %8s ms  (%.1fx rt)\n" "$name" "$ms" "$(python3 -c "print($ms / $rt_ms)")"
done
