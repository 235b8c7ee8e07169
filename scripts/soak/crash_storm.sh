#!/usr/bin/env bash
# Crash storm, rt beside node: scripts/soak/crash_storm.mjs (a cluster of 2 workers, each dying on every 10th
# request it receives, the primary forking replacements) under load, R runs per runtime, interleaved. Each run
# is two storms on a fresh cluster each:
#   1. `wrk -t1 -c20 -d10s`: requests completed, wrk's socket errors (connect/read/write/timeout), non-2xx;
#   2. scripts/soak/storm_client.py, 20 keep-alive connections for as long: charges every failed request to
#      the worker that held its connection, so failures on connections of workers that never crashed
#      (collateral damage) are counted apart from those "in flight to the crashing worker".
# Both also report the primary's restarts, its 'error' events on cluster Workers and its open fds at the
# start and the end. After each storm the primary (SIGTERM) and its process group must be gone within 5 s;
# what is left is killed and counted.
#
# Note on wrk's counters: a refused connect shows as a *write* error (wrk connects without blocking and only
# the first write fails), and a connection closed with FIN before its answer is not counted at all (wrk just
# reconnects); a reset (RST) is a read error.
#
# Usage: scripts/soak/crash_storm.sh [runs=3] [seconds=10]
# Environment:
#   RT=path/to/rt          default target/release/rt
#   RUNTIMES="rt node"     only these runtimes;   TOOLS="wrk client" only these loads
#   MODE=abort|answer      abort: die without answering the 10th request (default); answer: answer it, then die
#   STEADY=1               the first worker never crashes (one worker always alive)
#   CLOSE=1                every request on a new connection (`Connection: close`), so the primary keeps
#                          handing new connections to the crashing workers too
#   CRASH_EVERY=10  WORKERS=2  CONNECTIONS=20  PORT=18090
# Needs wrk (apt-get install wrk) and python3. Exit 1 when a storm left a process behind or could not start.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
runs=${1:-3}
seconds=${2:-10}
port=${PORT:-18090}
connections=${CONNECTIONS:-20}
export MODE=${MODE:-abort} CRASH_EVERY=${CRASH_EVERY:-10} WORKERS=${WORKERS:-2} STEADY=${STEADY:-0} CLOSE=${CLOSE:-0} PORT=$port
command -v wrk >/dev/null || { echo "wrk not found (apt-get install wrk)" >&2; exit 1; }
rt=${RT:-$here/../../target/release/rt}
declare -A bins=([rt]="$rt" [node]="$(command -v node || true)")

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
results=$work/results.jsonl
failed=0

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

# storm NAME BIN RUN TOOL: one storm; appends a JSON row to $results.
storm() {
  local name=$1 bin=$2 run=$3 tool=$4
  local log=$work/$name.$run.$tool.crashes
  : >"$log"
  if port_open; then echo "port $port is busy" >&2; exit 1; fi
  CRASH_LOG=$log setsid "$bin" "$here/crash_storm.mjs" >"$work/out" 2>"$work/err" &
  local leader=$!
  for _ in $(seq 1 100); do port_open && break; sleep 0.1; done
  if ! port_open; then
    echo "run $run $name $tool: the cluster did not start: $(tail -3 "$work/err")" >&2
    kill -KILL -- "-$leader" 2>/dev/null || true; wait "$leader" 2>/dev/null || true
    failed=1; return
  fi
  sleep 0.5
  : >"$work/load"
  if [ "$tool" = wrk ]; then
    local close_header=()
    [ "$CLOSE" = 1 ] && close_header=(-H "Connection: close")
    wrk -t1 -c"$connections" -d"${seconds}s" "${close_header[@]}" "http://127.0.0.1:$port/" >"$work/load" 2>&1 || true
  else
    python3 "$here/storm_client.py" "$port" "$seconds" "$connections" "$log" >"$work/load" 2>&1 || true
  fi
  local primary_alive=1
  kill -TERM "$leader" 2>/dev/null || primary_alive=0
  wait "$leader" 2>/dev/null || true
  local left="" waited=0
  for waited in $(seq 1 50); do
    left=$(pgrep -g "$leader" || true)
    [ -z "$left" ] && break
    sleep 0.1
  done
  if [ -n "$left" ]; then
    echo "run $run $name $tool: processes left behind after 5 s: $(echo $left)" >&2
    kill -KILL -- "-$leader" 2>/dev/null || true
    failed=1
  fi
  [ $primary_alive = 1 ] || { echo "run $run $name $tool: the primary died during the storm: $(grep -m1 -A2 Error "$work/err")" >&2; failed=1; }
  python3 - "$name" "$run" "$tool" "$work/load" "$work/out" "$log" "${left:+1}" "$primary_alive" >>"$results" <<'PY'
import json, re, sys
name, run, tool, load_path, out_path, log_path, left, alive = sys.argv[1:9]
load = open(load_path).read()
primary = next((json.loads(l) for l in open(out_path) if l.startswith("{")), {})
crashes = [dict(kv.split("=") for kv in l.split()[1:]) for l in open(log_path) if l.startswith("crash ")]
row = {"runtime": name, "run": int(run), "tool": tool}
if tool == "wrk":
    def num(pattern):
        m = re.search(pattern, load)
        return float(m.group(1)) if m else 0
    e = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", load)
    connect, read, write, timeout = (int(x) for x in e.groups()) if e else (0, 0, 0, 0)
    row.update(requests=int(num(r"(\d+) requests in")), rps=num(r"Requests/sec:\s+([\d.]+)"),
               connect=connect, read=read, write=write, timeout=timeout,
               non2xx=int(num(r"Non-2xx or 3xx responses: (\d+)")))
else:
    line = next((l for l in load.splitlines() if l.startswith("{")), None)
    row.update(json.loads(line) if line else {"client_failed": load[-300:]})
row.update(restarts=primary.get("restarts"), crashes=len(crashes),
           restart_ms=primary.get("restart_ms_median"), restart_ms_max=primary.get("restart_ms_max"),
           cut_bound=sum(int(c["open"]) for c in crashes),
           worker_errors=sum(primary.get("worker_errors", {}).values()),
           primary_fds_start=primary.get("primary_fds_start"), primary_fds_end=primary.get("primary_fds_end"),
           primary_survived=alive == "1", left_behind=bool(left),
           load1=float(open("/proc/loadavg").read().split()[0]))
print(json.dumps(row))
PY
  echo "run $run $name $tool: $(tail -1 "$results")" >&2
  sleep 0.5
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores; MODE=$MODE CRASH_EVERY=$CRASH_EVERY STEADY=$STEADY CLOSE=$CLOSE" >&2
for run in $(seq 1 "$runs"); do
  for name in ${RUNTIMES:-rt node}; do
    bin=${bins[$name]:-}
    [ -n "$bin" ] && [ -x "$bin" ] || { echo "skipping $name: not found" >&2; continue; }
    for tool in ${TOOLS:-wrk client}; do storm "$name" "$bin" "$run" "$tool"; done
  done
done

python3 - "$results" "$connections" "$seconds" <<'PY'
import json, statistics, sys
rows = [json.loads(l) for l in open(sys.argv[1])]
names = list(dict.fromkeys(r["runtime"] for r in rows))
TABLES = {
    "wrk": ("wrk -t1 -c{c} -d{s}s", [
        ("requests", "requests completed"), ("rps", "requests/s"), ("restarts", "restarts (forks by the primary)"),
        ("connect", "socket errors: connect"), ("read", "socket errors: read (reset)"),
        ("write", "socket errors: write (refused connects)"), ("timeout", "socket errors: timeout"),
        ("non2xx", "non-2xx responses"), ("cut_bound", "connections held by dying workers"),
    ]),
    "client": ("storm_client.py, {c} connections, {s} s", [
        ("requests", "requests completed"), ("rps", "requests/s"), ("restarts", "restarts (forks by the primary)"),
        ("failed", "failed requests, all"), ("to_crashed", "failed: in flight to a crashing worker"), ("to_survivor", "failed: to a worker that lived"),
        ("fresh", "failed: before a connection's 1st answer"), ("timeouts", "  of all failures, 2 s timeouts"),
        ("refused", "connects refused (no listener)"), ("non2xx", "non-2xx responses"),
        ("cut_bound", "connections held by dying workers"),
    ]),
}
COMMON = [("restart_ms", "restart: 'exit' to 'listening', median ms"),
          ("restart_ms_max", "restart: slowest, ms"), ("worker_errors", "'error' events on cluster Workers"), ("primary_fds_start", "primary's fds, start"),
          ("primary_fds_end", "primary's fds, end"), ("load1", "load average (1 min) after")]
def cell(tool, name, key):
    values = [r[key] for r in rows if r["runtime"] == name and r["tool"] == tool and isinstance(r.get(key), (int, float))
              and not isinstance(r.get(key), bool)]
    if not values:
        return "-"
    m = statistics.median(values)
    return f"{m:,.0f}" if abs(m) >= 100 or float(m).is_integer() else f"{m:.2f}"
runs = max(r["run"] for r in rows)
for tool, (title, keys) in TABLES.items():
    if not any(r["tool"] == tool for r in rows):
        continue
    print(f"\n{title.format(c=sys.argv[2], s=sys.argv[3])}: medians of {runs} run(s)")
    print(f"{'':44}" + "".join(f"{n:>12}" for n in names))
    for key, label in keys + COMMON:
        print(f"{label:44}" + "".join(f"{cell(tool, n, key):>12}" for n in names))
print()
for name in names:
    mine = [r for r in rows if r["runtime"] == name]
    print(f"{name}: storms {len(mine)}, primary died in {sum(not r['primary_survived'] for r in mine)}, "
          f"processes left behind in {sum(r['left_behind'] for r in mine)}, "
          f"collateral failures (to a worker that lived) {sum(r.get('to_survivor', 0) for r in mine)}")
PY
exit $failed
