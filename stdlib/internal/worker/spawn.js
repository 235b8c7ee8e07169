// What `new Worker()` does before the thread runs: Node's argument checks, the entry (file, eval code or data:
// URL), argv/env/limits, and the clone of workerData. Only the thread that creates a Worker compiles this.

const { codes } = require('internal/errors');
const { transferListOf } = require('internal/worker/io');
const { SHARE_ENV, environmentData } = require('internal/worker/worker');
const native = binding.worker;

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

module.exports = { spawnWorker };
