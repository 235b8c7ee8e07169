// Part 5 — challenge.
//
// Brief:
//   Sum the integers from 1 to 1,000,000 using several worker threads at once.
//   Split the range into equal parts, give each worker its part through
//   `workerData`, have each worker send its partial sum back with
//   `parentPort.postMessage`, and combine the parts on the main thread.
//
// Outline:
//   1. worker.mjs: read { part, from, to } from workerData, loop from..to,
//      post { part, from, to, sum }.
//   2. main.mjs: a runWorker(data) function returning a Promise (resolve on
//      'message', reject on 'error' and on a non-zero 'exit' code).
//   3. Build the parts, start one worker per part, `await Promise.all(...)`.
//   4. Print each part (in order) and the total, and compare the total with
//      n(n+1)/2.
//
// Example output:
//   splitting 1..1000000 over 4 workers
//   part 1: 1..250000 = 31250125000
//   part 2: 250001..500000 = 93750125000
//   part 3: 500001..750000 = 156250125000
//   part 4: 750001..1000000 = 218750125000
//   total = 500000500000
//   expected n(n+1)/2 = 500000500000
//   correct: true
import { Worker } from 'node:worker_threads';

function runWorker(workerData) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.mjs', import.meta.url), { workerData });
    worker.on('message', resolve);
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`worker stopped with exit code ${code}`));
    });
  });
}

const n = 1_000_000;
const workers = 4;
const size = n / workers;

const parts = [];
for (let part = 1; part <= workers; part++) {
  parts.push({ part, from: (part - 1) * size + 1, to: part * size });
}

console.log(`splitting 1..${n} over ${workers} workers`);
// Promise.all keeps the order of its input, whichever worker finishes first.
const results = await Promise.all(parts.map(runWorker));

let total = 0;
for (const { part, from, to, sum } of results) {
  console.log(`part ${part}: ${from}..${to} = ${sum}`);
  total += sum;
}
const expected = (n * (n + 1)) / 2;
console.log(`total = ${total}`);
console.log(`expected n(n+1)/2 = ${expected}`);
console.log(`correct: ${total === expected}`);

// Expected output:
// splitting 1..1000000 over 4 workers
// part 1: 1..250000 = 31250125000
// part 2: 250001..500000 = 93750125000
// part 3: 500001..750000 = 156250125000
// part 4: 750001..1000000 = 218750125000
// total = 500000500000
// expected n(n+1)/2 = 500000500000
// correct: true
