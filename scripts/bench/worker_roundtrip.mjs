// Ping-pong latency: main posts a number, the worker posts it straight back, main posts the next
// one on receipt. WARMUP round trips first, then BATCHES batches of COUNT round trips; each batch
// gives total time / COUNT, and the median of the batches is reported in µs per round trip.
// Usage: node scripts/bench/worker_roundtrip.mjs [COUNT=20000] [BATCHES=5] [WARMUP=1000]
import { Worker } from 'node:worker_threads';
import process from 'node:process';

const COUNT = Number(process.argv[2] ?? 20_000);
const BATCHES = Number(process.argv[3] ?? 5);
const WARMUP = Number(process.argv[4] ?? 1_000);

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const worker = new Worker(new URL('./workers/echo.mjs', import.meta.url));
worker.on('error', (err) => { console.error(err); process.exitCode = 1; });

let onReply = null;
worker.on('message', (value) => onReply(value));

// `count` sequential round trips; resolves with the elapsed ms.
function pingPong(count) {
  return new Promise((resolve, reject) => {
    let sent = 0;
    const start = performance.now();
    onReply = (value) => {
      if (value !== sent) return reject(new Error(`expected ${sent}, got ${value}`));
      if (sent === count) return resolve(performance.now() - start);
      worker.postMessage(++sent);
    };
    worker.postMessage(0);
  });
}

await pingPong(WARMUP);
const perTripUs = [];
for (let b = 0; b < BATCHES; b++) {
  perTripUs.push(((await pingPong(COUNT)) * 1000) / (COUNT + 1));
}
await worker.terminate();

const round2 = (x) => Math.round(x * 100) / 100;
console.log(JSON.stringify({
  bench: 'worker_roundtrip',
  count: COUNT,
  batches: BATCHES,
  roundtrip_us: round2(median(perTripUs)),
  roundtrip_min_us: round2(Math.min(...perTripUs)),
  roundtrips_per_s: Math.round(1e6 / median(perTripUs)),
}));
