// Part 1 — a first worker thread.
//
// The heavy loop lives in worker.mjs. Here we start it, wrap its events in a
// Promise, and await the answer while the main thread carries on.
import { Worker } from 'node:worker_threads';

function runWorker(workerData) {
  return new Promise((resolve, reject) => {
    // new URL(..., import.meta.url) finds worker.mjs next to this file,
    // whatever the current directory is.
    const worker = new Worker(new URL('./worker.mjs', import.meta.url), { workerData });
    worker.on('message', resolve);
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`worker stopped with exit code ${code}`));
    });
  });
}

const limit = 1_000_000;
console.log(`starting a worker to sum 1..${limit}`);
const pending = runWorker({ limit });

// These lines run straight away: new Worker() does not wait for the loop.
console.log('main thread is free while the worker computes');
Promise.resolve().then(() => console.log('...and its microtasks still run too'));

const sum = await pending;
console.log(`the worker says: sum = ${sum}`);
console.log(`check with the formula n(n+1)/2: ${(limit * (limit + 1)) / 2}`);

// Expected output:
// starting a worker to sum 1..1000000
// main thread is free while the worker computes
// ...and its microtasks still run too
// the worker says: sum = 500000500000
// check with the formula n(n+1)/2: 500000500000
