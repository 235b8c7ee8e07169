// The Worker class (Node's lib/internal/worker.js): validates its arguments as Node does, starts the thread
// natively (runtime/worker), and turns the thread's events into 'online', 'message', 'error' and 'exit'.

// Loaded on the first error: every worker compiles this file.
const codes = new Proxy({}, { get: (_, name) => require('internal/errors').codes[name] });
const { initPort, kMessageTarget, transferListOf } = require('internal/worker/io');
const native = binding.worker;

const kHandle = Symbol('kHandle');
const kPort = Symbol('kPort');
const kLimits = Symbol('kLimits');
const kTerminateTimer = Symbol('kTerminateTimer');

const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');

// How long terminate() waits for a worker to stop before giving up on it. A worker spinning in a loop that
// never yields cannot be interrupted in Boa 0.22; it is then reported as exited (code 1), stops keeping the
// process alive, and dies with the process.
const TERMINATE_GRACE_MS = 100;

// Shared with worker_threads' setEnvironmentData/getEnvironmentData.
const environmentData = new Map();

function decodeDataURL(url) {
  const text = url.href.slice('data:'.length);
  const comma = text.indexOf(',');
  const meta = text.slice(0, comma);
  const body = text.slice(comma + 1);
  const { Buffer } = require('buffer');
  if (meta.endsWith(';base64')) return Buffer.from(decodeURIComponent(body), 'base64').toString('utf8');
  return Buffer.from(decodeURIComponent(body), 'latin1').toString('utf8');
}

// What the thread runs: [kind, entry] with kind 'file', 'eval' or 'module'.
function resolveEntry(filename, options) {
  const { isURL, fileURLToPath } = require('internal/url');
  if (options.eval) {
    if (typeof filename !== 'string') {
      throw new codes.ERR_INVALID_ARG_VALUE('options.eval', options.eval, "must be false when 'filename' is not a string");
    }
    return ['eval', filename];
  }
  if (isURL(filename) && filename.protocol === 'data:') return ['module', decodeDataURL(filename)];
  if (isURL(filename)) return ['file', fileURLToPath(filename)];
  if (typeof filename !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('filename', ['string', 'URL'], filename);
  const path = require('path');
  if (path.isAbsolute(filename) || /^\.\.?[\\/]/.test(filename)) return ['file', path.resolve(filename)];
  throw new codes.ERR_WORKER_PATH(filename);
}

function envPairs(env) {
  const pairs = [];
  for (const [key, value] of Object.entries(env)) pairs.push(key, `${value}`);
  return pairs;
}

function resourceLimitsArray(limits) {
  const values = [48, 4096, 0, 4];
  if (limits === undefined) return values;
  const names = ['maxYoungGenerationSizeMb', 'maxOldGenerationSizeMb', 'codeRangeSizeMb', 'stackSizeMb'];
  names.forEach((name, index) => {
    if (typeof limits[name] === 'number' && limits[name] > 0) values[index] = limits[name];
  });
  return values;
}

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
    if (options.execArgv !== undefined && !Array.isArray(options.execArgv)) {
      throw new codes.ERR_INVALID_ARG_TYPE('options.execArgv', 'Array', options.execArgv);
    }
    let argv = [];
    if (options.argv !== undefined) {
      if (!Array.isArray(options.argv)) throw new codes.ERR_INVALID_ARG_TYPE('options.argv', 'Array', options.argv);
      argv = options.argv.map(String);
    }
    const [kind, entry] = resolveEntry(filename, options);

    let env;
    if (typeof options.env === 'object' && options.env !== null) {
      env = envPairs(options.env);
    } else if (options.env == null) {
      env = envPairs(process.env);
    } else if (options.env === SHARE_ENV) {
      env = null;
    } else {
      throw new codes.ERR_INVALID_ARG_TYPE('options.env',
        ['object', 'undefined', 'null', 'worker_threads.SHARE_ENV'], options.env);
    }
    if (options.name !== undefined && typeof options.name !== 'string') {
      throw new codes.ERR_INVALID_ARG_TYPE('options.name', 'string', options.name);
    }
    const execPath = process.execPath;
    const script = kind === 'file' ? entry : '[worker eval]';
    const limits = resourceLimitsArray(options.resourceLimits);
    this[kLimits] = limits;

    const transferList = transferListOf(options.transferList) ?? [];
    const data = [options.workerData, environmentData];
    const [threadId, port] = native.spawn(this, kind, entry, data, transferList, {
      argv: [execPath, script, ...argv],
      execArgv: options.execArgv ?? [],
      env,
      name: options.name === undefined ? '' : `${options.name}`,
      resourceLimits: limits,
    });
    this[kHandle] = { threadId };
    // The worker's own channel: the Worker object (not the port) keeps the loop alive.
    this[kPort] = initPort(port);
    // Messages on the worker's channel are emitted by the Worker itself.
    this[kPort][kMessageTarget] = this;
    this[kPort].on('messageerror', (error) => this.emit('messageerror', error));
    this[kPort].start();
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
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
        if (this[kHandle] === null) return;
        native.forgetWorker(threadId);
        onExit(this, 1, undefined);
      }, TERMINATE_GRACE_MS);
    }
    return new Promise((resolve) => this.once('exit', resolve));
  }

  getHeapSnapshot() {
    return Promise.reject(new codes.ERR_METHOD_NOT_IMPLEMENTED('getHeapSnapshot'));
  }
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
  worker[kPort].close();
  worker.emit('exit', code);
  worker.removeAllListeners();
}

// Called by the event loop with what the worker's thread reported.
function onWorkerEvent(worker, kind, code, error) {
  if (kind === 'online') {
    if (worker[kHandle] !== null) worker.emit('online');
  } else {
    onExit(worker, code, error);
  }
}

module.exports = { Worker, SHARE_ENV, environmentData, onWorkerEvent, limitsObject };
