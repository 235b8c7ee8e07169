// The soak's worker: says 'ready' from its top level, then waits (a 'message' listener keeps it
// alive) until the main thread terminates it.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => {});
parentPort.postMessage('ready');
