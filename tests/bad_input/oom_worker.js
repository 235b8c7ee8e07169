// A worker that allocates without end under resourceLimits.maxOldGenerationSizeMb: 16 gets Node's
// ERR_WORKER_OUT_OF_MEMORY 'error' event and exits; the main thread carries on. (tests/bad_input.rs runs
// this under `ulimit -v` so that a runtime without heap limits cannot take the machine's memory.)
const { Worker } = require('worker_threads');

const worker = new Worker('const keep = []; for (;;) keep.push(new Array(10000).fill({ a: 1 }));', {
  eval: true,
  resourceLimits: { maxOldGenerationSizeMb: 16 },
});
worker.on('error', (e) => console.log('error event:', e.name, e.code, e.message));
worker.on('exit', (code) => {
  console.log('exit', code);
  setTimeout(() => console.log('main thread still running'), 10);
});
