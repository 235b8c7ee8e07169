// The `process` object: an EventEmitter carrying the process's identity, argv, env, exit, clocks
// and stdio, built on first use.

const EventEmitter = require('events');
const { codes } = require('internal/errors');
const stdio = require('internal/stdio');
const state = require('internal/process/state');
const native = binding.process;

const signals = {
  SIGHUP: 1, SIGINT: 2, SIGQUIT: 3, SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9,
  SIGUSR1: 10, SIGSEGV: 11, SIGUSR2: 12, SIGPIPE: 13, SIGALRM: 14, SIGTERM: 15, SIGCHLD: 17, SIGCONT: 18,
  SIGSTOP: 19, SIGTSTP: 20, SIGTTIN: 21, SIGTTOU: 22, SIGURG: 23, SIGXCPU: 24, SIGXFSZ: 25, SIGVTALRM: 26,
  SIGPROF: 27, SIGWINCH: 28, SIGIO: 29, SIGPWR: 30, SIGSYS: 31,
};

const machine = binding.os.uname()[3];
const arch = { x86_64: 'x64', aarch64: 'arm64', armv7l: 'arm', i686: 'ia32' }[machine] || machine;

class Process extends EventEmitter {}
Object.defineProperty(Process.prototype, Symbol.toStringTag, { value: 'process', configurable: true });
Object.defineProperty(Process, 'name', { value: 'process' });

const process = new Process();
const argv = native.argv();
let exitCode;

// process.env coerces what is stored to strings. It reads and writes the process environment live (so child
// processes and workers started with SHARE_ENV see changes both ways); a worker given its own env (Node's
// default: a copy) keeps a private object instead.
function sharedEnv() {
  const describe = (value) => ({ value, writable: true, enumerable: true, configurable: true });
  return new Proxy({}, {
    get(target, key) {
      return typeof key === 'string' ? native.getEnv(key) : undefined;
    },
    set(target, key, value) {
      if (typeof key === 'symbol') return false;
      native.setEnv(key, String(value));
      return true;
    },
    has(target, key) {
      return typeof key === 'string' && native.getEnv(key) !== undefined;
    },
    deleteProperty(target, key) {
      if (typeof key === 'string') native.unsetEnv(key);
      return true;
    },
    ownKeys() {
      return native.envKeys();
    },
    getOwnPropertyDescriptor(target, key) {
      const value = typeof key === 'string' ? native.getEnv(key) : undefined;
      return value === undefined ? undefined : describe(value);
    },
    defineProperty(target, key, descriptor) {
      if (typeof key === 'symbol') return false;
      native.setEnv(key, String(descriptor.value));
      return true;
    },
  });
}

function privateEnv(values) {
  return new Proxy(values, {
    set(target, key, value) {
      if (typeof key === 'symbol') return false;
      target[key] = String(value);
      return true;
    },
  });
}

const env = native.envIsShared() ? sharedEnv() : privateEnv(native.env());

function validateExitCode(code) {
  if (code === undefined || code === null) return;
  if (typeof code === 'string' && /^-?\d+$/.test(code.trim())) return;
  if (!Number.isInteger(code)) {
    throw new codes.ERR_INVALID_ARG_TYPE('code', 'integer', code);
  }
}

function hrtime(previous) {
  const now = binding.timers.hrtimeNs();
  let seconds = Number(now / 1000000000n);
  let nanos = Number(now % 1000000000n);
  if (previous !== undefined) {
    if (!Array.isArray(previous)) throw new codes.ERR_INVALID_ARG_TYPE('time', 'Array', previous);
    seconds -= previous[0];
    nanos -= previous[1];
    if (nanos < 0) {
      seconds--;
      nanos += 1e9;
    }
  }
  return [seconds, nanos];
}
hrtime.bigint = () => binding.timers.hrtimeNs();

function memoryUsage() {
  return native.memoryUsage();
}
memoryUsage.rss = () => native.memoryUsage().rss;

const ids = native.ids();

Object.assign(process, {
  title: 'rt',
  version: 'v20.20.2',
  versions: { node: '20.20.2', rt: '0.1.0', boa: '0.22.0' },
  release: { name: 'node', sourceUrl: '', headersUrl: '' },
  platform: 'linux',
  arch,
  argv,
  argv0: 'rt',
  execArgv: native.execArgv(),
  execPath: native.execPath(),
  env,
  pid: native.pid(),
  ppid: native.ppid(),
  config: { variables: {} },
  features: { inspector: false, ipv6: true, tls: false },
  cwd: native.cwd,
  chdir(directory) {
    if (typeof directory !== 'string') throw new codes.ERR_INVALID_ARG_TYPE('directory', 'string', directory);
    native.chdir(directory);
  },
  umask: native.umask,
  uptime: () => binding.timers.performanceNow() / 1000,
  hrtime,
  memoryUsage,
  cpuUsage: native.cpuUsage,
  getuid: () => ids.uid,
  geteuid: () => ids.euid,
  getgid: () => ids.gid,
  getegid: () => ids.egid,
  nextTick(callback, ...args) {
    if (typeof callback !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
    binding.timers.queueTick(callback, ...args);
  },
  exit(code) {
    if (code !== undefined) process.exitCode = code;
    if (!process._exiting) {
      process._exiting = true;
      process.emit('exit', Number(process.exitCode ?? 0));
    }
    native.reallyExit(Number(process.exitCode ?? 0));
  },
  reallyExit(code) {
    native.reallyExit(Number(code ?? 0));
  },
  abort() {
    native.kill(process.pid, signals.SIGABRT);
  },
  kill(pid, signal = 'SIGTERM') {
    if (!Number.isInteger(pid)) throw new codes.ERR_INVALID_ARG_TYPE('pid', 'number', pid);
    let number = signal;
    if (typeof signal === 'string') {
      number = signals[signal];
      if (number === undefined) throw new codes.ERR_UNKNOWN_SIGNAL(signal);
    }
    return native.kill(pid, number);
  },
  emitWarning(warning, type, code) {
    if (type !== null && typeof type === 'object') ({ type, code } = type);
    if (typeof warning === 'string') {
      warning = new Error(warning);
      warning.name = typeof type === 'string' ? type : 'Warning';
      if (code !== undefined) warning.code = code;
    } else if (!(warning instanceof Error)) {
      throw new codes.ERR_INVALID_ARG_TYPE('warning', ['Error', 'string'], warning);
    }
    if (warning.name === 'DeprecationWarning' && process.noDeprecation) return;
    process.nextTick(() => {
      process.emit('warning', warning);
      if (process.listenerCount('warning') > 1) return;
      const prefix = warning.code ? `[${warning.code}] ` : '';
      stdio.stderr().write(`(rt:${process.pid}) ${prefix}${warning.name}: ${warning.message}\n`);
    });
  },
  binding(name) {
    throw new Error(`No such module: ${name}`);
  },
});

// The default 'warning' listener is implicit: Node prints unless another listener exists.
process.on('warning', () => {});

Object.defineProperty(process, 'exitCode', {
  enumerable: true,
  configurable: false,
  get: () => exitCode,
  set(code) {
    validateExitCode(code);
    exitCode = code === undefined || code === null ? code : Number(code);
  },
});
Object.defineProperty(process, 'stdout', { enumerable: true, configurable: true, get: stdio.stdout });
Object.defineProperty(process, 'stderr', { enumerable: true, configurable: true, get: stdio.stderr });
Object.defineProperty(process, 'stdin', {
  enumerable: true,
  configurable: true,
  // A worker's stdin is fed by its parent's worker.stdin (internal/worker/stdin), never the process's.
  get: () => (binding.process.isMainThread() ? require('internal/stdin') : require('internal/worker/stdin')).stdin(),
});

// Signals: the first listener for a signal routes it to the loop, the last one removed restores the
// default action (Node's startListeningIfSignal / stopListeningIfSignal). Only the main thread
// hears signals, as in Node.
const signalNames = Object.fromEntries(Object.entries(signals).map(([name, number]) => [number, name]));
const signalTarget = {
  onsignals(numbers) {
    for (const number of numbers) {
      const name = signalNames[number];
      if (name !== undefined) process.emit(name, name, Number(number));
    }
  },
};
if (native.isMainThread()) {
  process.on('newListener', (event) => {
    if (typeof event === 'string' && signals[event] !== undefined && process.listenerCount(event) === 0 &&
        event !== 'SIGKILL' && event !== 'SIGSTOP') {
      native.watchSignal(signalTarget, signals[event], true);
    }
  });
  process.on('removeListener', (event) => {
    if (typeof event === 'string' && signals[event] !== undefined && process.listenerCount(event) === 0 &&
        event !== 'SIGKILL' && event !== 'SIGSTOP') {
      native.watchSignal(signalTarget, signals[event], false);
    }
  });
}

state.process = process;
module.exports = { process, signals, signalNames };
