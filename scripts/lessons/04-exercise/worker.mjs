// The tiny worker from the exercise: count the primes below workerData.limit.
import { parentPort, workerData } from 'node:worker_threads';

function isPrime(n) {
  if (n < 2) return false;
  for (let d = 2; d * d <= n; d++) {
    if (n % d === 0) return false;
  }
  return true;
}

let count = 0;
for (let n = 2; n < workerData.limit; n++) {
  if (isPrime(n)) count++;
}

// Blank 2 was here:  parentPort.postMessage(___);
parentPort.postMessage(count);
