// Worker start-up: time from `new Worker(...)` to the first message the worker posts from its
// top level ('ready').
//   sequential: N workers one after another (spawn, wait for 'ready', terminate, next) → median ms
//   spaced:     the same with a 20 ms pause before each spawn (a program that starts a worker per task;
//               rt then takes a warm engine built in the pause — runtime/worker/pool.rs)
//   parallel:   P workers at once, time until all P said 'ready' → ms per worker (median of 3 rounds)
// Usage: node scripts/bench/worker_spawn.mjs [N=20] [P=8]   — prints one line of JSON.
import { Worker } from 'node:worker_threads';
import process from 'node:process';

const N = Number(process.argv[2] ?? 20);
const P = Number(process.argv[3] ?? 8);
const ROUNDS = 3;
const url = new URL('./workers/ready.mjs', import.meta.url);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

// Resolves with the worker once its first message arrives.
function spawn() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    worker.once('message', () => resolve(worker));
    worker.once('error', reject);
  });
}

// One untimed spawn first, so lazily loaded runtime code is not counted against the first sample.
await (await spawn()).terminate();

const sequential = [];
for (let i = 0; i < N; i++) {
  const start = performance.now();
  const worker = await spawn();
  sequential.push(performance.now() - start);
  await worker.terminate();
}

const spaced = [];
for (let i = 0; i < N; i++) {
  await new Promise((resolve) => setTimeout(resolve, 20));
  const start = performance.now();
  const worker = await spawn();
  spaced.push(performance.now() - start);
  await worker.terminate();
}

const parallel = [];
for (let round = 0; round < ROUNDS; round++) {
  const start = performance.now();
  const workers = await Promise.all(Array.from({ length: P }, spawn));
  parallel.push(performance.now() - start);
  await Promise.all(workers.map((w) => w.terminate()));
}

const round2 = (x) => Math.round(x * 100) / 100;
console.log(JSON.stringify({
  bench: 'worker_spawn',
  sequential_n: N,
  spawn_ms: round2(median(sequential)),
  spawn_min_ms: round2(Math.min(...sequential)),
  spawn_spaced_ms: round2(median(spaced)),
  parallel_n: P,
  parallel_total_ms: round2(median(parallel)),
  parallel_ms_per_worker: round2(median(parallel) / P),
}));
