// One-way message throughput: once the worker is up it waits for 'go'; main notes the time and
// sends 'go'; the worker posts M numbers in one synchronous loop; main counts them until the last
// arrives. Both ends of the interval are taken on the main thread's clock.
// Usage: node scripts/bench/worker_throughput.mjs [M=200000]
import { Worker } from 'node:worker_threads';
import process from 'node:process';

const M = Number(process.argv[2] ?? 200_000);

const worker = new Worker(new URL('./workers/flood.mjs', import.meta.url), { workerData: { count: M } });
worker.on('error', (err) => { console.error(err); process.exitCode = 1; });

await new Promise((resolve) => worker.once('message', resolve)); // 'ready'

const timing = await new Promise((resolve, reject) => {
  let received = 0;
  let firstMs = 0;
  let start = 0;
  worker.on('message', (value) => {
    if (value !== received) return reject(new Error(`message ${received} was ${value}`));
    if (received === 0) firstMs = performance.now() - start;
    if (++received === M) resolve({ total: performance.now() - start, first: firstMs });
  });
  start = performance.now();
  worker.postMessage('go');
});
await worker.terminate();

const round2 = (x) => Math.round(x * 100) / 100;
console.log(JSON.stringify({
  bench: 'worker_throughput',
  messages: M,
  total_ms: round2(timing.total),
  first_message_ms: round2(timing.first),
  msgs_per_s: Math.round(M / (timing.total / 1000)),
}));
