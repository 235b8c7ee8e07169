// Sums the integers in [from, to] and reports which part it handled.
import { parentPort, workerData } from 'node:worker_threads';

const { part, from, to } = workerData;
let sum = 0;
for (let i = from; i <= to; i++) {
  sum += i;
}
parentPort.postMessage({ part, from, to, sum });
