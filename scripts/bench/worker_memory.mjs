// Memory per idle worker: RSS before, spawn K workers that each post 'ready' and then wait on
// parentPort.on('message'), wait until all K are ready (plus a short settle), RSS again;
// report (after - before) / K in MB, then terminate them all.
// Usage: node scripts/bench/worker_memory.mjs [K=20]
import { Worker } from 'node:worker_threads';
import process from 'node:process';

const K = Number(process.argv[2] ?? 20);
const url = new URL('./workers/ready.mjs', import.meta.url);
const MB = 1024 * 1024;

function spawn() {
  return new Promise((resolve, reject) => {
    const worker = new Worker(url);
    worker.once('message', () => resolve(worker));
    worker.once('error', reject);
  });
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

await sleep(50);
const before = process.memoryUsage().rss;
const workers = await Promise.all(Array.from({ length: K }, spawn));
await sleep(200);
const after = process.memoryUsage().rss;
await Promise.all(workers.map((w) => w.terminate()));

const round2 = (x) => Math.round(x * 100) / 100;
console.log(JSON.stringify({
  bench: 'worker_memory',
  workers: K,
  rss_before_mb: round2(before / MB),
  rss_after_mb: round2(after / MB),
  mb_per_worker: round2((after - before) / MB / K),
}));
