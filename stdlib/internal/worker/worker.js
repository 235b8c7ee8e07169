// The Worker class (Node's lib/internal/worker.js): validates its arguments as Node does, starts the thread
// natively (runtime/worker), and turns the thread's events into 'online', 'message', 'error' and 'exit'.

// Loaded on the first error: every worker compiles this file.
const codes = new Proxy({}, { get: (_, name) => require('internal/errors').codes[name] });
const { initPort } = require('internal/worker/io');
const native = binding.worker;

const kHandle = Symbol('kHandle');
const kPort = Symbol('kPort');
const kLimits = Symbol('kLimits');
const kTerminateTimer = Symbol('kTerminateTimer');
const kStdio = Symbol('kStdio');
const kCaptured = Symbol('kCaptured');

const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');

// How long terminate() waits for a worker to stop before giving up on it. A worker spinning in a loop that
// never yields cannot be interrupted in Boa 0.22; it is then reported as exited (code 1), stops keeping the
// process alive, and dies with the process.
const TERMINATE_GRACE_MS = 100;

// Shared with worker_threads' setEnvironmentData/getEnvironmentData.
const environmentData = new Map();

function limitsObject(values) {
  return {
    maxYoungGenerationSizeMb: values[0],
    maxOldGenerationSizeMb: values[1],
    codeRangeSizeMb: values[2],
    stackSizeMb: values[3],
  };
}

// Worker is an EventEmitter, linked to it when the first Worker is made: a worker thread exports this class but
// rarely uses it, and node:events is the largest file it would otherwise compile.
let EventEmitter;
function linkEventEmitter() {
  EventEmitter = require('internal/events/emitter').EventEmitter;
  Object.setPrototypeOf(Worker.prototype, EventEmitter.prototype);
  Object.setPrototypeOf(Worker, EventEmitter);
}

class Worker {
  constructor(filename, options = {}) {
    if (EventEmitter === undefined) linkEventEmitter();
    EventEmitter.call(this);
    const { threadId, port, limits, stdin } = require('internal/worker/spawn').spawnWorker(this, filename, options);
    this[kLimits] = limits;
    this[kHandle] = { threadId };
    // The worker's own channel: the Worker object (not the port) keeps the loop alive.
    this[kPort] = initPort(port);
    // Messages on the worker's channel are emitted by the Worker itself.
    native.setMessageTarget(this[kPort], this);
    this[kPort].on('messageerror', (error) => this.emit('messageerror', error));
    this[kPort].start();
    this.stdin = stdin === null ? null : writableStdio(stdin);
    this[kStdio] = [undefined, undefined];
    this[kCaptured] = [Boolean(options?.stdout), Boolean(options?.stderr)];
  }

  // Made on first use: a worker whose streams nobody touches writes straight to the process's output.
  get stdout() {
    return stdioStream(this, 0);
  }

  get stderr() {
    return stdioStream(this, 1);
  }

  get threadId() {
    return this[kHandle] === null ? -1 : this[kHandle].threadId;
  }

  get resourceLimits() {
    return this[kHandle] === null ? {} : limitsObject(this[kLimits]);
  }

  postMessage(...args) {
    if (this[kHandle] === null) return;
    this[kPort].postMessage(...args);
  }

  ref() {
    if (this[kHandle] !== null) native.setWorkerRef(this[kHandle].threadId, true);
  }

  unref() {
    if (this[kHandle] !== null) native.setWorkerRef(this[kHandle].threadId, false);
  }

  terminate(callback) {
    if (typeof callback === 'function') {
      process.emitWarning('Passing a callback to worker.terminate() is deprecated. It returns a Promise instead.',
        'DeprecationWarning', 'DEP0132');
      this.once('exit', (exitCode) => callback(null, exitCode));
    }
    if (this[kHandle] === null) return Promise.resolve();
    const threadId = this[kHandle].threadId;
    native.terminate(threadId);
    if (this[kTerminateTimer] === undefined) {
      this[kTerminateTimer] = setTimeout(() => {
        // A worker that did stop in time may not have been heard yet: when this thread was busy past the grace
        // period, its exit (and the messages it posted before it, which must come first) waits in this turn's
        // poll phase, after the timers. Decide in the check phase, after that poll.
        setImmediate(() => {
          if (this[kHandle] === null) return;
          native.forgetWorker(threadId);
          onExit(this, 1, undefined);
        });
      }, TERMINATE_GRACE_MS);
    }
    return new Promise((resolve) => this.once('exit', resolve));
  }

  getHeapSnapshot() {
    return Promise.reject(new codes.ERR_METHOD_NOT_IMPLEMENTED('getHeapSnapshot'));
  }
}

// Node's ReadableWorkerStdio: what the worker writes to its process.stdout (index 0) or stderr (1). Without
// `stdout: true` Node pipes it on to the parent's own stream; rt starts capturing the worker's output only now,
// and forwards it the same way.
let ReadableWorkerStdio;
function stdioStream(worker, index) {
  const streams = worker[kStdio];
  if (streams[index] !== undefined) return streams[index];
  ReadableWorkerStdio ??= class ReadableWorkerStdio extends require('stream').Readable {
    _read() {}
  };
  const stream = new ReadableWorkerStdio();
  streams[index] = stream;
  if (worker[kHandle] === null) {
    stream.push(null);
  } else if (!worker[kCaptured][index]) {
    native.captureStdio(worker[kHandle].threadId, index + 1);
    const target = index === 0 ? process.stdout : process.stderr;
    stream.on('data', (chunk) => target.write(chunk));
  }
  return stream;
}

// Node's WritableWorkerStdio: worker.stdin with `stdin: true`; each write reaches the worker's process.stdin
// as one chunk, and end() ends it.
function writableStdio(port) {
  const { Writable } = require('stream');
  class WritableWorkerStdio extends Writable {
    _write(chunk, encoding, callback) {
      port.postMessage(chunk);
      callback();
    }

    _final(callback) {
      port.postMessage(null);
      callback();
    }
  }
  return new WritableWorkerStdio();
}

function onExit(worker, code, error) {
  if (worker[kHandle] === null) return;
  if (error !== undefined) {
    // Node emits the error and the exit from separate callbacks: an 'error' without a listener becomes the
    // main thread's uncaught exception, and if that is handled, 'exit' still follows.
    process.nextTick(finishExit, worker, code);
    worker.emit('error', require('internal/worker/error_serdes').deserializeError(error));
    return;
  }
  finishExit(worker, code);
}

function finishExit(worker, code) {
  if (worker[kHandle] === null) return;
  worker[kHandle] = null;
  if (worker[kTerminateTimer] !== undefined) clearTimeout(worker[kTerminateTimer]);
  for (const stream of worker[kStdio]) stream?.push(null);
  worker[kPort].close();
  worker.emit('exit', code);
  worker.removeAllListeners();
}

// Called by the event loop with what the worker's thread reported.
function onWorkerEvent(worker, kind, code, error) {
  if (kind === 'online') {
    if (worker[kHandle] !== null) worker.emit('online');
  } else if (kind === 'stdio') {
    // (fd, chunk) ride in the code and error slots.
    stdioStream(worker, code === 2 ? 1 : 0).push(error);
  } else {
    onExit(worker, code, error);
  }
}

module.exports = { Worker, SHARE_ENV, environmentData, onWorkerEvent, limitsObject };
