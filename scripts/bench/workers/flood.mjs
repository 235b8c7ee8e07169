// On 'go', posts workerData.count small messages (the numbers 0..count-1) one way, as fast as it
// can, in one synchronous loop (used by worker_throughput).
import { parentPort, workerData } from 'node:worker_threads';

const { count } = workerData;
parentPort.once('message', () => {
  for (let i = 0; i < count; i++) {
    parentPort.postMessage(i);
  }
});
parentPort.postMessage('ready');
