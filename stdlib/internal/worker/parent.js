// The parent's side of a Worker (the class itself is a shell, internal/worker/worker): what `new Worker()` does
// before the thread runs — Node's argument checks, the entry (file, eval code or data: URL), argv/env/limits, the
// clone of workerData — and the Worker's life after: messages, stdio streams, terminate, and the events its thread
// reports. Only a thread that creates a Worker compiles this.

const { codes } = require('internal/errors');
const { initPort } = require('internal/worker/io');
const { transferListOf } = require('internal/worker/transfer_list');
const { Worker, SHARE_ENV, environmentData, limitsObject } = require('internal/worker/worker');
const { EventEmitter } = require('internal/events/emitter');
const native = binding.worker;

const kHandle = Symbol('kHandle');
const kPort = Symbol('kPort');
const kLimits = Symbol('kLimits');
const kTerminateTimer = Symbol('kTerminateTimer');
const kStdio = Symbol('kStdio');
const kCaptured = Symbol('kCaptured');
const kStdin = Symbol('kStdin');

// How long terminate() waits for a worker to stop before giving up on it. A worker spinning in a loop that
// never yields cannot be interrupted in Boa 0.22; it is then reported as exited (code 1), stops keeping the
// process alive, and dies with the process.
const TERMINATE_GRACE_MS = 100;

// A Worker is an EventEmitter, linked here: node:events is the largest file a worker thread would otherwise
// compile for a class it rarely uses.
Object.setPrototypeOf(Worker.prototype, EventEmitter.prototype);
Object.setPrototypeOf(Worker, EventEmitter);

function decodeDataURL(url) {
  const text = url.href.slice('data:'.length);
  const comma = text.indexOf(',');
  const meta = text.slice(0, comma);
  const body = text.slice(comma + 1);
  const { Buffer } = require('buffer');
  if (meta.endsWith(';base64')) return Buffer.from(decodeURIComponent(body), 'base64').toString('utf8');
  return Buffer.from(decodeURIComponent(body), 'latin1').toString('utf8');
}

// './x' or '../x' (or with backslashes), the relative forms Node accepts.
const relativePath = /^\.\.?[\\/]/;

// What the thread runs: [kind, entry] with kind 'file', 'eval' or 'module'.
function resolveEntry(filename, options) {
  const { isURL, fileURLToPath } = require('internal/url');
  if (options.eval) {
    if (typeof filename !== 'string') {
      throw new codes.ERR_INVALID_ARG_VALUE('options.eval', options.eval, "must be false when 'filename' is not a string");
    }
    return ['eval', filename];
  }
  if (isURL(filename)) {
    const href = filename.href;
    if (href.startsWith('data:')) return ['module', decodeDataURL(filename)];
    // The usual `new URL('./worker.mjs', import.meta.url)`: a local file URL with nothing to decode is its path.
    // (String tests, not a regular expression: Boa compiles a regex literal each time it is evaluated.)
    if (href.startsWith('file:///') && !href.includes('%') && !href.includes('?') && !href.includes('#')) {
      return ['file', href.slice('file://'.length)];
    }
    return ['file', fileURLToPath(filename)];
  }
  if (typeof filename !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('filename', ['string', 'URL'], filename);
  const path = require('path');
  if (path.isAbsolute(filename) || relativePath.test(filename)) return ['file', path.resolve(filename)];
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

// Starts the thread for `worker`; returns its thread id, this side of its channel and its resource limits.
function spawnWorker(worker, filename, options) {
  // Node checks execArgv, argv and name only when they are truthy: `argv: null`, `name: ''` or `name: 0` are
  // the defaults, not errors.
  if (options.execArgv && !Array.isArray(options.execArgv)) {
    throw new codes.ERR_INVALID_ARG_TYPE('options.execArgv', 'Array', options.execArgv);
  }
  let argv = [];
  if (options.argv) {
    if (!Array.isArray(options.argv)) throw new codes.ERR_INVALID_ARG_TYPE('options.argv', 'Array', options.argv);
    argv = options.argv.map(String);
  }
  const [kind, entry] = resolveEntry(filename, options);

  let env;
  if (typeof options.env === 'object' && options.env !== null) {
    env = envPairs(options.env);
  } else if (options.env == null) {
    // A copy of process.env. Where it is the process environment (kept in step with the OS's), the native side
    // copies that: walking process.env from JavaScript costs ~25 µs a variable in Boa.
    env = binding.process.envIsShared() ? 'copy' : envPairs(process.env);
  } else if (options.env === SHARE_ENV) {
    env = null;
  } else {
    throw new codes.ERR_INVALID_ARG_TYPE('options.env',
      ['object', 'undefined', 'null', 'worker_threads.SHARE_ENV'], options.env);
  }
  let name = '';
  if (options.name) {
    if (typeof options.name !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('options.name', 'string', options.name);
    name = options.name.trim();
  }
  const execPath = process.execPath;
  const script = kind === 'file' ? entry : '[worker eval]';
  const limits = resourceLimitsArray(options.resourceLimits);

  // Node spreads a truthy transferList with an array iterator: array-likes count, a Set or a number give
  // nothing, a string gives its characters (which are then not transferable).
  const transferList = options.transferList
    ? transferListOf([...Array.prototype.values.call(options.transferList)])
    : [];
  const data = [options.workerData, environmentData];
  let stdin = null;
  if (options.stdin) {
    // worker.stdin's writes travel on a channel of their own to the worker's process.stdin.
    const { port1, port2 } = new (require('internal/worker/io').MessageChannel)();
    port1.unref();
    data.push(port2);
    transferList.push(port2);
    stdin = port1;
  }
  const [threadId, port] = native.spawn(worker, kind, entry, data, transferList, {
    argv: [execPath, script, ...argv],
    execArgv: options.execArgv ?? [],
    env,
    name,
    resourceLimits: limits,
    stdout: Boolean(options.stdout),
    stderr: Boolean(options.stderr),
  });
  return { threadId, port, limits, stdin };
}

function construct(worker, filename, options) {
  EventEmitter.call(worker);
  const { threadId, port, limits, stdin } = spawnWorker(worker, filename, options);
  worker[kLimits] = limits;
  worker[kHandle] = { threadId };
  // The worker's own channel: the Worker object (not the port) keeps the loop alive.
  worker[kPort] = initPort(port);
  // Messages on the worker's channel are emitted by the Worker itself; the loop may call a lone 'message'
  // listener directly unless the Worker captures rejections (which emit() handles).
  native.setMessageTarget(worker[kPort], worker, EventEmitter.captureRejections !== true);
  worker[kPort].on('messageerror', (error) => worker.emit('messageerror', error));
  worker[kPort].start();
  worker[kStdin] = stdin === null ? null : writableStdio(stdin);
  worker[kStdio] = [undefined, undefined];
  worker[kCaptured] = [Boolean(options?.stdout), Boolean(options?.stderr)];
}

function threadIdOf(worker) {
  return worker[kHandle] === null ? -1 : worker[kHandle].threadId;
}

function stdinOf(worker) {
  return worker[kStdin] ?? null;
}

function resourceLimitsOf(worker) {
  return worker[kHandle] === null ? {} : limitsObject(worker[kLimits]);
}

// worker.postMessage is a hot path: once the first Worker has loaded this module, this method replaces the shell's
// forwarding one (internal/worker/worker), saving a call per message.
const workerMethods = {
  postMessage(...args) {
    if (this[kHandle] === null) return;
    this[kPort].postMessage(...args);
  },
};
Object.defineProperty(Worker.prototype, 'postMessage', { value: workerMethods.postMessage });

function postMessage(worker, args) {
  workerMethods.postMessage.apply(worker, args);
}

function setRef(worker, refed) {
  if (worker[kHandle] !== null) native.setWorkerRef(worker[kHandle].threadId, refed);
}

function terminate(worker, callback) {
  if (typeof callback === 'function') {
    process.emitWarning('Passing a callback to worker.terminate() is deprecated. It returns a Promise instead.',
      'DeprecationWarning', 'DEP0132');
    worker.once('exit', (exitCode) => callback(null, exitCode));
  }
  if (worker[kHandle] === null) return Promise.resolve();
  const threadId = worker[kHandle].threadId;
  native.terminate(threadId);
  if (worker[kTerminateTimer] === undefined) {
    worker[kTerminateTimer] = setTimeout(() => {
      // A worker that did stop in time may not have been heard yet: when this thread was busy past the grace
      // period, its exit (and the messages it posted before it, which must come first) waits in this turn's
      // poll phase, after the timers. Decide in the check phase, after that poll.
      setImmediate(() => {
        if (worker[kHandle] === null) return;
        native.forgetWorker(threadId);
        onExit(worker, 1, undefined);
      });
    }, TERMINATE_GRACE_MS);
  }
  return new Promise((resolve) => worker.once('exit', resolve));
}

function getHeapSnapshot() {
  return Promise.reject(new codes.ERR_METHOD_NOT_IMPLEMENTED('getHeapSnapshot'));
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

module.exports = {
  construct,
  threadIdOf,
  stdinOf,
  resourceLimitsOf,
  postMessage,
  setRef,
  terminate,
  getHeapSnapshot,
  stdioStream,
  onWorkerEvent,
};
