// Inputs that must end in a JavaScript error, never a Rust panic (tests/cli.rs).
import { Worker, MessageChannel, receiveMessageOnPort } from 'node:worker_threads';

const attempts = {
  // Node makes this worker (and then dies of a RangeError); rt caps the depth and the thread's stack.
  'infinite stack': () => new Worker('1', { eval: true, resourceLimits: { stackSizeMb: Infinity } }).threadId > 0,
  'deep nesting': () => {
    let nested = [];
    for (let i = 0; i < 6000; i++) nested = [nested];
    structuredClone(nested);
  },
  'closed port': () => {
    const { port1 } = new MessageChannel();
    port1.close();
    port1.postMessage(1);
    return receiveMessageOnPort(port1);
  },
  'throwing getter': () => structuredClone({ get x() { throw new Error('getter'); } }),
};
for (const [name, attempt] of Object.entries(attempts)) {
  try {
    console.log(name, 'returned', attempt());
  } catch (error) {
    console.log(name, 'threw', error.name);
  }
}
