// Posts 'ready' as soon as its top level runs, then stays alive answering nothing
// until the main thread terminates it (used by worker_spawn and worker_memory).
import { parentPort } from 'node:worker_threads';

parentPort.on('message', () => {});
parentPort.postMessage('ready');
