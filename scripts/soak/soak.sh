#!/usr/bin/env bash
# Worker soak under rt and node side by side: runs scripts/soak/workers.mjs R times per runtime
# (interleaved), prints each run's JSON line to stderr and a table of medians. Exit 1 when a run of
# any runtime failed its leak checks (see workers.mjs for what is checked).
#
# Usage: scripts/soak/soak.sh [runs=1] [SEQ=10000] [BATCH=200] [BATCHES=5]
# Environment:
#   RT=path/to/rt          default target/release/rt
#   RUNTIMES="rt node"     only these runtimes
#   TIMEOUT=1800           seconds before one run is abandoned
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-1}
args=("${2:-10000}" "${3:-200}" "${4:-5}")
rt=${RT:-$here/../../target/release/rt}

specs=()
for name in ${RUNTIMES:-rt node}; do
  case $name in
    rt) bin=$rt ;;
    *) bin=$(command -v "$name" || true) ;;
  esac
  if [ -z "$bin" ] || [ ! -x "$bin" ]; then echo "skipping $name: not found" >&2; continue; fi
  specs+=("$name=$bin")
done
[ ${#specs[@]} -gt 0 ] || { echo "no runtime found" >&2; exit 1; }

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores" >&2
python3 - "$here/workers.mjs" "$runs" "${args[@]}" "${specs[@]}" <<'PY'
import json, os, statistics, subprocess, sys, time

script, runs = sys.argv[1], int(sys.argv[2])
args = sys.argv[3:6]
specs = [s.split("=", 1) for s in sys.argv[6:]]
timeout = float(os.environ.get("TIMEOUT", "1800"))

results = {name: [] for name, _ in specs}
failed = False
for run in range(runs):
    for name, binary in specs:
        started = time.monotonic()
        try:
            proc = subprocess.run([binary, script, *args], capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            print(f"run {run + 1} {name}: timed out after {timeout:.0f}s", file=sys.stderr)
            failed = True
            continue
        wall = time.monotonic() - started
        lines = [l for l in proc.stdout.splitlines() if l.startswith("{")]
        if not lines:
            tail = (proc.stderr.strip().splitlines() or ["(no output)"])[-1]
            print(f"run {run + 1} {name}: exit {proc.returncode}: {tail}", file=sys.stderr)
            failed = True
            continue
        data = json.loads(lines[-1])
        data["wall_s"] = round(wall, 2)
        data["load1"] = float(open("/proc/loadavg").read().split()[0])
        print(f"run {run + 1} {name} (exit {proc.returncode}): {json.dumps(data)}", file=sys.stderr)
        failed |= proc.returncode != 0 or not data.get("ok")
        results[name].append(data)

ROWS = [
    ("workers", "workers created and terminated"),
    ("total_s", "time taken, s"),
    ("sequential_ms_per_worker", "sequential: ms per worker"),
    ("batch_ms", "one batch (spawn all, terminate all), ms"),
    ("rss_before_mb", "RSS before the first worker, MB"),
    ("rss_mark_mb", "RSS after the first 100, MB"),
    ("rss_seq_end_mb", "RSS after the sequential phase, MB"),
    ("rss_batch_peak_mb", "RSS peak, a batch alive, MB"),
    ("rss_first_batch_mb", "RSS after the first batch, MB"),
    ("rss_end_mb", "RSS at the end, MB"),
    ("rss_seq_growth_pct", "growth, sequential phase, %"),
    ("rss_batch_growth_pct", "growth, batches 2..n, %"),
    ("rss_growth_pct", "end against first 100, %"),
    ("fds_before", "fds before"),
    ("fds_end", "fds at the end"),
    ("threads_before", "threads before"),
    ("threads_peak", "threads, a batch alive"),
    ("threads_end", "threads at the end"),
    ("warm_threads_allowed", "warm threads (not a leak)"),
    ("load1", "load average (1 min) after"),
]
names = [name for name, _ in specs]
def cell(name, key):
    values = [r[key] for r in results[name] if isinstance(r.get(key), (int, float))]
    if not values:
        return "-"
    m = statistics.median(values)
    return f"{m:,.0f}" if abs(m) >= 1000 else f"{m:g}" if float(m).is_integer() else f"{m:.2f}"

print(f"\nmedians of {runs} run(s); workers.mjs {' '.join(args)}")
print(f"{'':44}" + "".join(f"{n:>12}" for n in names))
for key, label in ROWS:
    print(f"{label:44}" + "".join(f"{cell(n, key):>12}" for n in names))
print(f"{'all checks passed':44}" + "".join(
    f"{('yes' if results[n] and all(r['ok'] for r in results[n]) else 'NO'):>12}" for n in names))
sys.exit(1 if failed else 0)
PY
