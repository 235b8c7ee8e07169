// Unref'd timers do not keep the process alive once the last ref'd timer, interval or worker is done: this
// script ends in well under a second under Node (tests/bad_input.rs kills it after 20 s).
const { Worker } = require('worker_threads');

for (let i = 0; i < 10000; i++) setTimeout(() => console.log('unref timer fired'), 3600e3 + i).unref();
setInterval(() => console.log('unref interval fired'), 3600e3).unref();

let ticks = 0;
const interval = setInterval(() => {
  if (++ticks === 3) clearInterval(interval);
}, 1);
// The last ref'd handle is a timer that fires after the worker and the interval are done.
setTimeout(() => console.log('last ref timer'), 300);

const worker = new Worker('1', { eval: true });
worker.on('exit', (code) => console.log('worker exit', code));
process.on('exit', () => console.log('process exit, interval ticks', ticks));
