// CPU-bound speed-up: count the primes below X on 1 worker, then on 2 workers sharing the same
// range (blocks dealt round-robin, see workers/primes.mjs). Workers are started and ready before
// the clock starts, so the times are computation plus messaging, not start-up.
// The two set-ups alternate for ROUNDS rounds and the fastest time of each is kept (a busy
// machine only ever adds time).
// Usage: node scripts/bench/worker_speedup.mjs [X=3000000] [ROUNDS=3]   (X=3e6 is about 300 ms for
// 1 worker on node; a slower runtime wants a smaller X — the ratio is what matters)
import { Worker } from 'node:worker_threads';
import os from 'node:os';
import process from 'node:process';

const X = Number(process.argv[2] ?? 3_000_000);
const ROUNDS = Number(process.argv[3] ?? 3);
const BLOCK = 1024;
const url = new URL('./workers/primes.mjs', import.meta.url);

function spawn() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    worker.once('message', () => resolve(worker));
    worker.once('error', reject);
  });
}

function job(worker, message) {
  return new Promise((resolve) => {
    worker.once('message', resolve);
    worker.postMessage(message);
  });
}

// Returns { ms, primes } for the whole range split over `n` workers.
async function run(n) {
  const workers = await Promise.all(Array.from({ length: n }, spawn));
  const start = performance.now();
  const counts = await Promise.all(workers.map((w, index) => job(w, { limit: X, index, of: n, block: BLOCK })));
  const ms = performance.now() - start;
  await Promise.all(workers.map((w) => w.terminate()));
  return { ms, primes: counts.reduce((a, b) => a + b, 0) };
}

const oneMs = [];
const twoMs = [];
let primes = -1;
for (let round = 0; round < ROUNDS; round++) {
  for (const [n, times] of [[1, oneMs], [2, twoMs]]) {
    const result = await run(n);
    if (primes !== -1 && result.primes !== primes) throw new Error(`prime counts differ: ${primes} vs ${result.primes}`);
    primes = result.primes;
    times.push(result.ms);
  }
}
const one = Math.min(...oneMs);
const two = Math.min(...twoMs);

const round2 = (x) => Math.round(x * 100) / 100;
console.log(JSON.stringify({
  bench: 'worker_speedup',
  limit: X,
  rounds: ROUNDS,
  primes,
  cpus: os.availableParallelism(),
  one_worker_ms: round2(one),
  two_workers_ms: round2(two),
  speedup: round2(one / two),
}));
