#!/usr/bin/env bash
# worker_threads benchmarks: runs each scripts/bench/worker_*.mjs R times under every runtime found
# (rt, node, and bun/deno when $PEERS is a folder with `npm install bun deno` done in it), collects
# the one JSON line each run prints, and shows the median per runtime with the ratio to node.
#
# Usage: scripts/bench/workers.sh [runs=5] [bench ...]      e.g. workers.sh 3 worker_spawn worker_memory
# Environment:
#   RT=path/to/rt               default target/release/rt
#   PEERS=/tmp/peers            adds bun and deno from $PEERS/node_modules/.bin
#   RUNTIMES="rt node"          only these runtimes (default: all that are found)
#   ARGS_worker_speedup="300000"   extra argv for one benchmark, passed to every runtime alike
#   TIMEOUT=300                 seconds before one run is abandoned
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-5}
[ $# -gt 0 ] && shift
benches=("$@")
[ ${#benches[@]} -eq 0 ] && benches=(worker_spawn worker_roundtrip worker_throughput worker_memory worker_speedup)

rt=${RT:-$here/../../target/release/rt}
declare -A bins=([rt]="$rt" [node]="$(command -v node || true)")
if [ -n "${PEERS:-}" ]; then
  bins[bun]="$PEERS/node_modules/.bin/bun"
  bins[deno]="$PEERS/node_modules/.bin/deno"
fi

specs=()
for name in ${RUNTIMES:-rt node bun deno}; do
  bin=${bins[$name]:-}
  if [ -z "$bin" ] || [ ! -x "$bin" ]; then
    [ -n "${bins[$name]+set}" ] && echo "skipping $name: not found${bin:+ at $bin}" >&2
    continue
  fi
  case $name in
    deno) specs+=("$name=$bin run -A") ;;
    *)    specs+=("$name=$bin") ;;
  esac
done
if [ ${#specs[@]} -eq 0 ]; then echo "no runtime found" >&2; exit 1; fi

cd "$here/../.."
python3 - "$here" "$runs" "${#specs[@]}" "${specs[@]}" "${benches[@]}" <<'PY'
import json, os, shlex, statistics, subprocess, sys

here, runs, nspecs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
specs = [s.split("=", 1) for s in sys.argv[4:4 + nspecs]]
runtimes = [(name, shlex.split(cmd)) for name, cmd in specs]
benches = sys.argv[4 + nspecs:]
timeout = float(os.environ.get("TIMEOUT", "300"))

# The figures shown per benchmark, and whether lower or higher is better.
METRICS = {
    "worker_spawn": [("spawn_ms", "lower"), ("parallel_ms_per_worker", "lower")],
    "worker_roundtrip": [("roundtrip_us", "lower")],
    "worker_throughput": [("msgs_per_s", "higher")],
    "worker_memory": [("mb_per_worker", "lower")],
    "worker_speedup": [("one_worker_ms", "lower"), ("two_workers_ms", "lower"), ("speedup", "higher")],
}

def run_once(cmd, script, extra):
    try:
        proc = subprocess.run(cmd + [script] + extra, capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"timed out after {timeout:.0f}s"
    except OSError as err:
        return None, str(err)
    lines = [l for l in proc.stdout.splitlines() if l.strip().startswith("{")]
    if proc.returncode != 0 or not lines:
        tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
        return None, f"exit {proc.returncode}: {tail}"
    try:
        return json.loads(lines[-1]), None
    except ValueError as err:
        return None, f"bad JSON: {err}"

# results[bench][runtime] = list of JSON objects
results = {}
for bench in benches:
    script = os.path.join(here, bench + ".mjs")
    if not os.path.exists(script):
        print(f"no such benchmark: {script}", file=sys.stderr)
        continue
    extra = shlex.split(os.environ.get("ARGS_" + bench, ""))
    results[bench] = {}
    for name, cmd in runtimes:
        samples = []
        for i in range(runs):
            data, err = run_once(cmd, script, extra)
            if err:
                print(f"{bench} under {name}: run {i + 1} failed: {err}", file=sys.stderr)
                if not samples:
                    break  # a runtime that fails straight away would fail every time
                continue
            samples.append(data)
            print(f"{bench} {name}: {json.dumps(data)}", file=sys.stderr)
        results[bench][name] = samples

names = [name for name, _ in runtimes]
def cell(bench, name, key):
    values = [s[key] for s in results[bench].get(name, []) if isinstance(s.get(key), (int, float))]
    return statistics.median(values) if values else None

def fmt(x):
    if x is None:
        return "-"
    return f"{x:,.0f}" if abs(x) >= 1000 else f"{x:.2f}"

width = 22
print(f"\nmedians of {runs} runs; ratio is runtime / node")
header = f"{'benchmark':<20} {'figure':<30}" + "".join(f"{n:>{width}}" for n in names)
print(header)
print("-" * len(header))
for bench, per in results.items():
    keys = METRICS.get(bench)
    if keys is None:  # unknown benchmark: show every number it printed
        first = next((s[0] for s in per.values() if s), {})
        keys = [(k, "?") for k, v in first.items() if isinstance(v, (int, float))]
    for key, better in keys:
        node = cell(bench, "node", key)
        row = f"{bench:<20} {key + ' (' + better + ')':<30}"
        for name in names:
            value = cell(bench, name, key)
            text = fmt(value)
            if value is not None and node and name != "node":
                text += f" ({value / node:.2f}x)"
            row += f"{text:>{width}}"
        print(row)
PY
