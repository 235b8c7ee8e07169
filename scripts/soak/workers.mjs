// Worker soak: creates and terminates many workers and checks that nothing is left behind.
//
//   phase 1, sequential: SEQ workers one after another (spawn, wait for its 'ready' message, terminate);
//   phase 2, batches:    BATCHES times, BATCH workers at once (spawn all, wait until all are ready,
//                        terminate all).
//
// Recorded: RSS (process.memoryUsage().rss, which is VmRSS under both runtimes) after the first 100
// sequential workers (the "mark"), after the sequential phase, after the first batch and at the end; the
// entries in /proc/self/fd and the Threads: line of /proc/self/status before the first worker, at the mark
// and at the end. A terminated worker's OS thread exits shortly after 'exit' is emitted, so thread counts
// are taken after polling until they are back to the baseline or stop falling (2 s at most).
//
// The verdict (exit 1 and "ok": false when one fails):
//   rss_sequential: RSS after the sequential phase within 10% of RSS at the mark (the criterion, where
//                   RSS can show a leak: 10,000 workers leaking even 1 KB each would add 10 MB to ~23 MB);
//   fds:            no more entries in /proc/self/fd at the end than before the first worker, but for the
//                   loops of the warm threads (2 fds each: its epoll and its waker; see threads);
//   threads:        no more threads at the end than at the mark, and at most `warm` more than before the
//                   first worker. rt keeps `warm` pre-built worker threads waiting once a worker has been
//                   spawned (runtime/worker/pool.rs; RT_WARM_WORKERS, default 1): a fixed +1, not a leak.
//                   For node warm = 0.
// RSS over the batches is printed, not checked: the allocator keeps the freed memory of BATCH simultaneous
// workers (glibc does not hand a fragmented heap back to the OS), so RSS after the first batch is a
// high-water mark that later batches wander around (from +2% to +21% over 5 to 20 batches of 200 in our
// runs, node included) while the bytes in use stay flat. "rss_growth_pct" (end against the mark, the issue's
// literal figure) is printed for the record; docs/reliability.md has the evidence. SOAK_STRICT_RSS=1 checks
// that literal figure too (rss_end: RSS at the end within 10% of the mark), which only a process that hands
// its free memory back can pass.
//
// Runs unchanged under node and rt:  rt scripts/soak/workers.mjs [SEQ=10000] [BATCH=200] [BATCHES=5]
// Prints one line of JSON. SOAK_TRACE=1 prints progress to stderr; SOAK_HOLD_MS=n keeps the process alive n ms
// after that line, to look at it from outside (gdb's `call (void)malloc_stats()`: docs/reliability.md).
import { Worker } from 'node:worker_threads';
import fs from 'node:fs';
import process from 'node:process';

const SEQ = Number(process.argv[2] ?? 10000);
const BATCH = Number(process.argv[3] ?? 200);
const BATCHES = Number(process.argv[4] ?? 5);
const MARK = Math.min(100, SEQ);
const url = new URL('./ready.mjs', import.meta.url);
const MB = 1024 * 1024;
const isRt = process.versions.rt !== undefined;
const warm = isRt ? Number(process.env.RT_WARM_WORKERS ?? 1) : 0;
const trace = process.env.SOAK_TRACE ? (text) => console.error(text) : () => {};

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const fds = () => fs.readdirSync('/proc/self/fd').length;
const threads = () => Number(/^Threads:\s*(\d+)/m.exec(fs.readFileSync('/proc/self/status', 'utf8'))[1]);
const rss = () => process.memoryUsage().rss;
const round2 = (x) => Math.round(x * 100) / 100;
const mb = (bytes) => round2(bytes / MB);

// Waits until the thread count is down to `target` or has not fallen for 500 ms (2 s at most).
async function settledThreads(target) {
  let count = threads();
  let still = 0;
  for (let waited = 0; waited < 2000 && count > target && still < 50; waited += 10) {
    await sleep(10);
    const now = threads();
    still = now === count ? still + 1 : 0;
    count = now;
  }
  return count;
}

// The process's state once the threads of terminated workers are gone.
async function sample() {
  const t = await settledThreads(before.threads + warm);
  return { fds: fds(), threads: t, rss: rss() };
}

function spawn() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    worker.once('message', () => resolve(worker));
    worker.once('error', reject);
  });
}

const start = performance.now();
const before = { fds: fds(), threads: threads(), rss: rss() };
let mark = null;

const seqStart = performance.now();
for (let i = 0; i < SEQ; i++) {
  const worker = await spawn();
  await worker.terminate();
  if (i + 1 === MARK) mark = await sample();
  if ((i + 1) % 1000 === 0) trace(`${i + 1} sequential: rss ${mb(rss())} MB, threads ${threads()}, fds ${fds()}`);
}
const seqMs = performance.now() - seqStart;
const seqEnd = await sample();
mark ??= seqEnd;

const batchStart = performance.now();
let firstBatch = null;
let peak = { threads: 0, rss: 0 };
for (let b = 0; b < BATCHES; b++) {
  const workers = await Promise.all(Array.from({ length: BATCH }, spawn));
  peak = { threads: Math.max(peak.threads, threads()), rss: Math.max(peak.rss, rss()) };
  await Promise.all(workers.map((w) => w.terminate()));
  if (b === 0) firstBatch = await sample();
  trace(`batch ${b + 1}: rss ${mb(rss())} MB, threads ${threads()}, fds ${fds()}`);
}
const batchMs = performance.now() - batchStart;
const end = await sample();
firstBatch ??= end;

const growth = (from, to) => (to.rss - from.rss) / from.rss;
const checks = {
  rss_sequential: growth(mark, seqEnd) <= 0.1,
  fds: end.fds <= before.fds + 2 * warm,
  threads: end.threads <= mark.threads && end.threads <= before.threads + warm,
};
if (process.env.SOAK_STRICT_RSS === '1') checks.rss_end = growth(mark, end) <= 0.1;
const ok = Object.values(checks).every(Boolean);
console.log(JSON.stringify({
  bench: 'soak_workers',
  runtime: isRt ? 'rt' : 'node',
  ok,
  checks,
  sequential: SEQ,
  batch: BATCH,
  batches: BATCHES,
  workers: SEQ + BATCH * BATCHES,
  total_s: round2((performance.now() - start) / 1000),
  sequential_ms_per_worker: SEQ ? round2(seqMs / SEQ) : 0,
  batch_ms: BATCHES ? round2(batchMs / BATCHES) : 0,
  rss_before_mb: mb(before.rss),
  rss_mark_mb: mb(mark.rss),
  rss_seq_end_mb: mb(seqEnd.rss),
  rss_batch_peak_mb: mb(peak.rss),
  rss_first_batch_mb: mb(firstBatch.rss),
  rss_end_mb: mb(end.rss),
  rss_seq_growth_pct: round2(growth(mark, seqEnd) * 100),
  rss_batch_growth_pct: round2(growth(firstBatch, end) * 100),
  rss_growth_pct: round2(growth(mark, end) * 100),
  fds_before: before.fds,
  fds_mark: mark.fds,
  fds_end: end.fds,
  threads_before: before.threads,
  threads_mark: mark.threads,
  threads_peak: peak.threads,
  threads_end: end.threads,
  warm_threads_allowed: warm,
}));
process.exitCode = ok ? 0 : 1;
if (process.env.SOAK_HOLD_MS) await sleep(Number(process.env.SOAK_HOLD_MS));
