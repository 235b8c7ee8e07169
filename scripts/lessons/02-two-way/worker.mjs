// Answers every request the main thread sends, one reply per request.
import { parentPort } from 'node:worker_threads';

parentPort.on('message', (request) => {
  const { id, op, value } = request;
  let result;
  if (op === 'square') {
    result = value * value;
  } else if (op === 'upper') {
    result = value.toUpperCase();
  } else if (op === 'tag') {
    // `value` is our own copy of the main thread's object: changing it here
    // does not change the original.
    value.seenByWorker = true;
    result = value;
  } else {
    result = `unknown op ${op}`;
  }
  parentPort.postMessage({ id, op, result });
});
