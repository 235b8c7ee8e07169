// The global `console`. Printing strings and other primitives is what most programs do, so `log`/`info`/
// `debug`/`warn`/`error` with only such arguments (and no format directives) write straight to the fd;
// the full Console (formatting, groups, tables, timers) is built on the first call that needs it.
// Once built, or once a program has touched process.stdout/stderr, everything goes through it, so
// replacing `process.stdout.write` captures console output as in Node.

// process.stdout/stderr exist only once internal/stdio is loaded: until then none can have been replaced, and a
// print-only program does not compile it.
const createdStream = (fd) =>
  (binding.modules.isLoaded('internal/stdio') ? require('internal/stdio').created(fd) : undefined);

const sink = (fd) => ({
  write(text) {
    const stream = createdStream(fd);
    if (stream) return stream.write(text);
    binding.process.writeFd(fd, text);
    return true;
  },
});

let full;
const getFull = () => (full ??= require('internal/console').createGlobalConsole({ stdout: sink(1), stderr: sink(2) }));

// A primitive as inspect() prints it at the top level of console.log; undefined for anything else.
function plainText(value) {
  switch (typeof value) {
    case 'string': return value;
    case 'number': return Object.is(value, -0) ? '-0' : `${value}`;
    case 'bigint': return `${value}n`;
    case 'boolean': case 'undefined': return `${value}`;
    case 'object': return value === null ? 'null' : undefined;
    default: return undefined;
  }
}

// The whole line, when every argument is a primitive and there are no format directives.
function plainLine(args) {
  if (args.length > 1 && typeof args[0] === 'string' && args[0].includes('%')) return undefined;
  let line = '';
  for (let i = 0; i < args.length; i++) {
    const text = plainText(args[i]);
    if (text === undefined) return undefined;
    line = i === 0 ? text : `${line} ${text}`;
  }
  return `${line}\n`;
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
        if (full === undefined && createdStream(fd) === undefined) {
          const line = plainLine(args);
          if (line !== undefined) {
            binding.process.writeFd(fd, line);
            return;
          }
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
