// Part 4 — exercise: fill in the two blanks (___).
//
// The worker file, worker.mjs, is given (it is also saved next to this file):
//
//   import { parentPort, workerData } from 'node:worker_threads';
//
//   function isPrime(n) {
//     if (n < 2) return false;
//     for (let d = 2; d * d <= n; d++) {
//       if (n % d === 0) return false;
//     }
//     return true;
//   }
//
//   let count = 0;
//   for (let n = 2; n < workerData.limit; n++) {
//     if (isPrime(n)) count++;
//   }
//
//   parentPort.postMessage(___);        // blank 2: the worker's reply
//
// In this file the worker's input is missing:
//
//   const worker = new Worker(new URL('./worker.mjs', import.meta.url), {
//     workerData: ___,                  // blank 1: the worker's input
//   });
//
// Solution: blank 1 is `{ limit }` and blank 2 is `count`.
import { Worker } from 'node:worker_threads';

function countPrimes(limit) {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.mjs', import.meta.url), {
      workerData: { limit }, // blank 1 was here: workerData: ___
    });
    worker.on('message', resolve);
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`worker stopped with exit code ${code}`));
    });
  });
}

const limit = 20_000;
const pending = countPrimes(limit);
console.log('counting primes on a worker thread...');

const count = await pending;
console.log(`there are ${count} primes below ${limit}`);

// Expected output:
// counting primes on a worker thread...
// there are 2262 primes below 20000
