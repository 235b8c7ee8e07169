// A worker whose error nobody listens for: the main thread's report shows the error (rebuilt from the worker's)
// without the hint Node gives only for thrown primitives.
const { Worker } = require('node:worker_threads');
new Worker('function f() { throw new TypeError("bad thing"); }\nf();', { eval: true });
