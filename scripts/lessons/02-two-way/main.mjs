// Part 2 — two-way messaging.
//
// main -> worker: worker.postMessage(...)      worker listens with parentPort.on('message')
// worker -> main: parentPort.postMessage(...)  main listens with worker.on('message')
import { Worker } from 'node:worker_threads';

const worker = new Worker(new URL('./worker.mjs', import.meta.url));

const requests = [
  { id: 1, op: 'square', value: 7 },
  { id: 2, op: 'square', value: 12 },
  { id: 3, op: 'upper', value: 'hello from main' },
  { id: 4, op: 'tag', value: { name: 'config', list: [1, 2, 3] } },
];

// Collect exactly one reply per request; messages on one port arrive in order.
const replies = new Promise((resolve, reject) => {
  const got = [];
  worker.on('message', (reply) => {
    got.push(reply);
    if (got.length === requests.length) resolve(got);
  });
  worker.on('error', reject);
});

for (const request of requests) {
  worker.postMessage(request);
}
console.log(`sent ${requests.length} requests`);

// Messages are copied with the structured clone algorithm: a function cannot be copied.
try {
  worker.postMessage({ op: 'square', value: () => 7 });
} catch (err) {
  console.log(`a function cannot be sent: ${err.name}`);
}

for (const { id, op, result } of await replies) {
  console.log(`reply ${id} (${op}):`, result);
}
console.log('original object is unchanged:', requests[3].value);

// The worker keeps listening forever, so stop it to let the program exit.
worker.on('exit', (code) => console.log(`'exit' event, code ${code}`));
const code = await worker.terminate();
console.log(`terminate() resolved with exit code ${code}`);

// Expected output:
// sent 4 requests
// a function cannot be sent: DataCloneError
// reply 1 (square): 49
// reply 2 (square): 144
// reply 3 (upper): HELLO FROM MAIN
// reply 4 (tag): { name: 'config', list: [ 1, 2, 3 ], seenByWorker: true }
// original object is unchanged: { name: 'config', list: [ 1, 2, 3 ] }
// 'exit' event, code 1
// terminate() resolved with exit code 1
