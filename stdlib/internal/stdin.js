// process.stdin: reading standard input arrives with streams (node:stream); until then it is an
// EventEmitter that reports end-of-input when read from.

let stdin;

function create() {
  const EventEmitter = require('events');
  const stream = new EventEmitter();
  Object.assign(stream, {
    fd: 0,
    isTTY: binding.process.isatty(0) || undefined,
    readable: true,
    setEncoding() { return this; },
    resume() { return this; },
    pause() { return this; },
    ref() { return this; },
    unref() { return this; },
  });
  return stream;
}

module.exports = { stdin: () => (stdin ??= create()) };
