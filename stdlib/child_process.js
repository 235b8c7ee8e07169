// node:child_process — separate OS processes (where worker_threads are threads of this one).
// spawn/fork start a child through binding.child_process; its pipes are net.Sockets over native
// stream handles, its exit comes back as `onexit(code, signal)`. exec/execFile collect output;
// the *Sync forms block until the child ends.

'use strict';

const EventEmitter = require('events');
const { Buffer } = require('buffer');
const { codes, errnoException } = require('internal/errors');
const { signals, signalNames } = require('internal/process');
const { setupChannel } = require('internal/child_process/channel');

const native = binding.child_process;
const nativeNet = binding.net;


function signalNumber(signal) {
  if (signal === undefined || signal === null) return signals.SIGTERM;
  if (typeof signal === 'number') return signal;
  const number = signals[signal];
  if (number === undefined) throw new codes.ERR_UNKNOWN_SIGNAL(signal);
  return number;
}

function validateString(value, name) {
  if (typeof value !== 'string') throw new codes.ERR_INVALID_ARG_TYPE(name, 'string', value);
}

// The stdio option as a list of three or more slots: 'pipe', 'inherit', 'ignore', 'ipc' or an fd.
function normalizeStdio(stdio) {
  if (stdio === undefined || stdio === null) return ['pipe', 'pipe', 'pipe'];
  if (typeof stdio === 'string') return [stdio, stdio, stdio];
  const slots = Array.from(stdio, (slot) => {
    if (slot === null || slot === undefined) return 'pipe';
    if (typeof slot === 'number') return slot;
    if (typeof slot === 'object' && typeof slot.fd === 'number') return slot.fd;
    return slot;
  });
  while (slots.length < 3) slots.push('pipe');
  return slots;
}

function envPairs(env) {
  const pairs = [];
  for (const key of Object.keys(env)) {
    const value = env[key];
    if (value !== undefined) pairs.push(`${key}=${value}`);
  }
  return pairs;
}

// Node's normalizeSpawnArguments: the file, its argv (argv[0] first), and the options.
function normalizeSpawnArguments(file, args, options) {
  validateString(file, 'file');
  if (file.length === 0) throw new codes.ERR_INVALID_ARG_VALUE('file', file, 'cannot be empty');
  if (Array.isArray(args)) {
    args = args.slice();
  } else if (args === undefined || args === null) {
    args = [];
  } else if (typeof args !== 'object') {
    throw new codes.ERR_INVALID_ARG_TYPE('args', 'object', args);
  } else {
    options = args;
    args = [];
  }
  if (options === undefined || options === null) options = {};
  else if (typeof options !== 'object') throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
  options = { ...options };
  if (options.cwd !== undefined && options.cwd !== null) {
    options.cwd = typeof options.cwd === 'string' ? options.cwd : require('url').fileURLToPath(options.cwd);
  }
  if (options.shell) {
    const command = args.length > 0 ? `${file} ${args.join(' ')}` : file;
    file = typeof options.shell === 'string' ? options.shell : '/bin/sh';
    args = ['-c', command];
  }
  const argv0 = typeof options.argv0 === 'string' ? options.argv0 : file;
  return {
    file,
    args: [argv0, ...args],
    argv0,
    cwd: options.cwd ?? undefined,
    envPairs: envPairs(options.env || process.env),
    stdio: normalizeStdio(options.stdio),
    detached: Boolean(options.detached),
    options,
  };
}

// What the native process handle calls.
class ProcessHandle {
  constructor(child) {
    this.child = child;
  }
  onexit(code, signal) { onChildExit(this.child, code, signal); }
}

class ChildProcess extends EventEmitter {
  constructor() {
    super();
    this._closesNeeded = 1;
    this._closesGot = 0;
    this.connected = false;
    this.signalCode = null;
    this.exitCode = null;
    this.killed = false;
    this.spawnfile = null;
    this._handle = null;
    this.spawnargs = [];
    this.pid = undefined;
    this.stdin = null;
    this.stdout = null;
    this.stderr = null;
    this.stdio = [null, null, null];
  }

  spawn(options) {
    this.spawnfile = options.file;
    this.spawnargs = options.args;
    const request = { file: options.file, args: options.args.slice(1), argv0: options.argv0, cwd: options.cwd,
      envPairs: options.envPairs, stdio: options.stdio, detached: options.detached };
    const result = native.spawn(new ProcessHandle(this), request);
    if (typeof result === 'number') {
      // The program could not start: Node reports it on the next tick as 'error', then closes.
      const err = errnoException(result, `spawn ${options.file}`);
      err.path = options.file;
      err.spawnargs = options.args.slice(1);
      // Node made the pipes before trying, so they exist (and are closed) after a failed spawn.
      const net = require('net');
      for (let i = 0; i < 3; i++) {
        if (options.stdio[i] !== 'pipe') continue;
        const socket = new net.Socket({ readable: i !== 0, writable: i === 0 });
        socket.destroy();
        this.stdio[i] = socket;
      }
      [this.stdin, this.stdout, this.stderr] = this.stdio;
      process.nextTick(() => {
        this.exitCode = result;
        this.emit('error', err);
        this.emit('close', result, null);
      });
      return err;
    }
    const [pid, stdinId, stdoutId, stderrId, channelId] = result;
    this.pid = pid;
    this._handle = pid;
    const net = require('net');
    const ids = [stdinId, stdoutId, stderrId];
    for (let i = 0; i < 3; i++) {
      if (ids[i] < 0) continue;
      // The child's stdin is ours to write; its stdout and stderr are ours to read.
      const socket = new net.Socket({ handle: ids[i], allowHalfOpen: true, readable: i !== 0, writable: i === 0 });
      if (i !== 0) {
        this._closesNeeded++;
        socket.on('close', () => maybeClose(this));
      }
      this.stdio[i] = socket;
    }
    [this.stdin, this.stdout, this.stderr] = this.stdio;
    if (channelId >= 0) {
      setupChannel(this, channelId);
      this.channel = { ref: () => this._setChannelRef(true), unref: () => this._setChannelRef(false) };
      this._closesNeeded++;
      this.once('disconnect', () => maybeClose(this));
    }
    process.nextTick(() => this.emit('spawn'));
    return null;
  }

  kill(signal) {
    const number = signalNumber(signal);
    if (this._handle === null) return false;
    try {
      process.kill(this.pid, number);
      this.killed = true;
      return true;
    } catch (err) {
      if (err.code === 'ESRCH') return false;
      throw err;
    }
  }

  ref() {
    if (this._handle !== null) native.setRef(this.pid, true);
  }

  unref() {
    if (this._handle !== null) native.setRef(this.pid, false);
  }

  [Symbol.dispose]() {
    if (!this.killed) this.kill();
  }
}

function onChildExit(child, code, signal) {
  const signalName = signal === null ? null : signalNames[signal] ?? null;
  child.exitCode = code;
  child.signalCode = signalName;
  child._handle = null;
  if (child.stdin) child.stdin.destroy();
  child.emit('exit', child.exitCode, child.signalCode);
  // Node's flushStdio: output nobody reads is drained so the pipes can end and 'close' can come.
  for (const stream of [child.stdout, child.stderr]) {
    if (stream && stream.readable && !stream._readableState.readableListening && stream.readableFlowing !== true) {
      stream.resume();
    }
  }
  // Output still in the pipes is read before 'close' (each pipe's own 'close' counts down).
  process.nextTick(() => maybeClose(child));
}

function maybeClose(child) {
  child._closesGot++;
  if (child._closesGot === child._closesNeeded) child.emit('close', child.exitCode, child.signalCode);
}

function spawn(file, args, options) {
  const normalized = normalizeSpawnArguments(file, args, options);
  const child = new ChildProcess();
  child.spawn(normalized);
  if (normalized.options.timeout > 0) {
    const timer = setTimeout(() => child.kill(normalized.options.killSignal), normalized.options.timeout);
    timer.unref();
    child.once('exit', () => clearTimeout(timer));
  }
  return child;
}

function fork(modulePath, args, options) {
  if (typeof modulePath !== 'string' && !(modulePath instanceof URL)) {
    throw new codes.ERR_INVALID_ARG_TYPE('modulePath', ['string', 'URL'], modulePath);
  }
  if (modulePath instanceof URL) modulePath = require('url').fileURLToPath(modulePath);
  if (args !== undefined && args !== null && !Array.isArray(args)) {
    options = args;
    args = [];
  }
  options = { ...(options ?? {}) };
  const execArgv = options.execArgv ?? process.execArgv;
  let stdio = options.stdio;
  if (stdio === undefined) stdio = options.silent ? ['pipe', 'pipe', 'pipe', 'ipc'] : [0, 1, 2, 'ipc'];
  else if (typeof stdio === 'string') stdio = [stdio, stdio, stdio, 'ipc'];
  else if (!stdio.includes('ipc')) throw new codes.ERR_CHILD_PROCESS_IPC_REQUIRED('options.stdio');
  options.stdio = stdio;
  const file = options.execPath ?? process.execPath;
  return spawn(file, [...execArgv, modulePath, ...(args ?? [])], options);
}

// ---- exec / execFile ------------------------------------------------------------------------------

function normalizeExecArgs(command, options, callback) {
  if (typeof options === 'function') {
    callback = options;
    options = undefined;
  }
  options = { ...(options ?? {}) };
  options.shell = typeof options.shell === 'string' ? options.shell : true;
  return { file: command, options, callback };
}

function exec(command, options, callback) {
  const normalized = normalizeExecArgs(command, options, callback);
  return execFile(normalized.file, normalized.options, normalized.callback);
}

function execFile(file, args, options, callback) {
  if (typeof args === 'function') {
    callback = args;
    args = [];
    options = {};
  } else if (args !== null && typeof args === 'object' && !Array.isArray(args)) {
    callback = options;
    options = args;
    args = [];
  } else if (typeof options === 'function') {
    callback = options;
    options = {};
  }
  options = { encoding: 'utf8', maxBuffer: 1024 * 1024, killSignal: 'SIGTERM', ...(options ?? {}) };
  const child = spawn(file, args ?? [], { ...options, stdio: 'pipe', timeout: undefined });
  const stdout = [];
  const stderr = [];
  let exited = false;
  let killed = false;
  let timer = null;
  const decode = (chunks) => {
    const buffer = Buffer.concat(chunks);
    return options.encoding && options.encoding !== 'buffer' && Buffer.isEncoding(options.encoding)
      ? buffer.toString(options.encoding)
      : buffer;
  };
  const commandLine = [file, ...(args ?? [])].join(' ');
  function finish(code, signal, spawnError) {
    if (exited) return;
    exited = true;
    if (timer) clearTimeout(timer);
    if (typeof callback !== 'function') return;
    const out = decode(stdout);
    const err = decode(stderr);
    if (spawnError) {
      spawnError.cmd = commandLine;
      callback(spawnError, out, err);
      return;
    }
    if (code === 0 && signal === null) {
      callback(null, out, err);
      return;
    }
    const error = new Error(`Command failed: ${commandLine}\n${err}`);
    error.code = code < 0 ? errnoName(code) : code;
    error.killed = child.killed || killed;
    error.signal = signal;
    error.cmd = commandLine;
    callback(error, out, err);
  }
  if (child.stdout) child.stdout.on('data', (chunk) => stdout.push(chunk));
  if (child.stderr) child.stderr.on('data', (chunk) => stderr.push(chunk));
  child.on('close', (code, signal) => finish(code, signal));
  child.on('error', (err) => finish(null, null, err));
  if (options.timeout > 0) {
    timer = setTimeout(() => {
      killed = true;
      child.kill(options.killSignal);
    }, options.timeout);
  }
  return child;
}

function errnoName(status) {
  return binding.util.errname(status)[0];
}

// ---- synchronous forms ------------------------------------------------------------------------------

function spawnSync(file, args, options) {
  const normalized = normalizeSpawnArguments(file, args, options);
  const opts = normalized.options;
  const stdio = normalized.stdio.slice(0, 3);
  const request = { file: normalized.file, args: normalized.args.slice(1), argv0: normalized.argv0,
    cwd: normalized.cwd, envPairs: normalized.envPairs, stdio, detached: normalized.detached,
    timeout: opts.timeout, input: opts.input };
  const result = native.spawnSync(request);
  if (typeof result === 'number') {
    const err = errnoException(result, `spawnSync ${normalized.file}`);
    err.path = normalized.file;
    err.spawnargs = normalized.args.slice(1);
    return { error: err, status: null, signal: null, output: null, pid: 0, stdout: null, stderr: null };
  }
  const encoding = opts.encoding && opts.encoding !== 'buffer' ? opts.encoding : null;
  const convert = (bytes) => {
    if (bytes === null) return null;
    const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
    return encoding ? buffer.toString(encoding) : buffer;
  };
  const stdout = convert(result.stdout);
  const stderr = convert(result.stderr);
  const out = {
    status: result.status,
    signal: result.signal === null ? null : signalNames[result.signal] ?? null,
    output: [null, stdout, stderr],
    pid: result.pid,
    stdout,
    stderr,
  };
  if (result.timedOut) {
    const err = errnoException(-110, `spawnSync ${normalized.file}`);
    err.path = normalized.file;
    err.spawnargs = normalized.args.slice(1);
    out.error = err;
  }
  return out;
}

// execSync / execFileSync: stdout is returned; stderr goes to ours unless stdio says otherwise.
function checkExecSyncResult(result, options, commandLine) {
  if (options.stdio === undefined && result.stderr && result.stderr.length > 0) {
    process.stderr.write(result.stderr);
  }
  if (result.error) {
    result.error.cmd = commandLine;
    throw result.error;
  }
  if (result.status !== 0 || result.signal !== null) {
    const stderrText = result.stderr ? result.stderr.toString() : '';
    const err = new Error(`Command failed: ${commandLine}${stderrText ? `\n${stderrText}` : ''}`);
    Object.assign(err, {
      status: result.status,
      signal: result.signal,
      output: result.output,
      pid: result.pid,
      stdout: result.stdout,
      stderr: result.stderr,
    });
    throw err;
  }
  return result.stdout;
}

function execSync(command, options) {
  options = { ...(options ?? {}), shell: options?.shell ?? true };
  const result = spawnSync(command, [], { ...options, stdio: options.stdio ?? 'pipe' });
  return checkExecSyncResult(result, options, command);
}

function execFileSync(file, args, options) {
  if (args !== null && typeof args === 'object' && !Array.isArray(args)) {
    options = args;
    args = [];
  }
  options = { ...(options ?? {}) };
  const result = spawnSync(file, args ?? [], { ...options, stdio: options.stdio ?? 'pipe' });
  return checkExecSyncResult(result, options, [file, ...(args ?? [])].join(' '));
}

module.exports = {
  ChildProcess,
  exec,
  execFile,
  execFileSync,
  execSync,
  fork,
  spawn,
  spawnSync,
};
