// The global `console`. Printing plain strings is what most programs do, so `log`/`info`/`debug`/
// `warn`/`error` with only string arguments (and no format directives) write straight to the fd;
// the full Console (formatting, groups, tables, timers) is built on the first call that needs it.
// Once built, or once a program has touched process.stdout/stderr, everything goes through it, so
// replacing `process.stdout.write` captures console output as in Node.

const stdio = require('internal/stdio');

const sink = (fd) => ({
  write(text) {
    const stream = stdio.created(fd);
    if (stream) return stream.write(text);
    binding.process.writeFd(fd, text);
    return true;
  },
});

let full;
const getFull = () => (full ??= require('internal/console').createGlobalConsole({ stdout: sink(1), stderr: sink(2) }));

function isPlain(args) {
  for (let i = 0; i < args.length; i++) {
    if (typeof args[i] !== 'string') return false;
  }
  return args.length < 2 || !args[0].includes('%');
}

const methods = ['log', 'warn', 'dir', 'time', 'timeEnd', 'timeLog', 'trace', 'assert', 'clear', 'count', 'countReset',
  'group', 'groupEnd', 'table', 'debug', 'info', 'dirxml', 'error', 'groupCollapsed'];
const fastFd = { log: 1, info: 1, debug: 1, warn: 2, error: 2 };

const console = {};
for (const name of methods) {
  const fd = fastFd[name];
  const method = fd === undefined
    ? { [name](...args) { return getFull()[name](...args); } }[name]
    : {
      [name](...args) {
        if (full === undefined && stdio.created(fd) === undefined && isPlain(args)) {
          binding.process.writeFd(fd, `${args.join(' ')}\n`);
          return;
        }
        return getFull()[name](...args);
      },
    }[name];
  Object.defineProperty(console, name, { value: method, writable: true, enumerable: true, configurable: true });
}
Object.defineProperty(console, Symbol.toStringTag, { value: 'console', writable: false, enumerable: false, configurable: true });
Object.defineProperty(console, 'Console', {
  get: () => require('internal/console').Console,
  enumerable: false,
  configurable: true,
});

module.exports = console;
