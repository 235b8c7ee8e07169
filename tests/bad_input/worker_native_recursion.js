// Deep recursion through native code in a worker (forEach callbacks, toJSON) must end in a RangeError — caught
// by the worker, or its 'error' event — and never take the process down.
const { Worker } = require('worker_threads');

const body = `
  const kinds = {
    forEach() { [1].forEach(kinds.forEach); },
    toJSON() { JSON.stringify({ toJSON: kinds.toJSON }); },
  };
  for (const kind of Object.keys(kinds)) {
    try { kinds[kind](); } catch (e) { console.log('worker', kind, 'caught', e.name); }
  }
  kinds.forEach();
`;
(async () => {
  for (const resourceLimits of [undefined, { stackSizeMb: 1 }]) {
    await new Promise((resolve) => {
      const worker = new Worker(body, { eval: true, resourceLimits });
      worker.on('error', (e) => console.log('error event', e.name, e.message));
      worker.on('exit', (code) => {
        console.log('exit', code);
        resolve();
      });
    });
  }
  console.log('main thread still running');
})();
