// Sends every message straight back (used by worker_roundtrip).
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (value) => {
  parentPort.postMessage(value);
});
