// Runs on its own thread. It gets its input from `workerData` (a copy of what
// the main thread passed in) and sends its answer back with `parentPort`.
import { parentPort, workerData } from 'node:worker_threads';

const { limit } = workerData;

// A CPU-bound loop: on the main thread this would block everything else.
let sum = 0;
for (let i = 1; i <= limit; i++) {
  sum += i;
}

parentPort.postMessage(sum);
