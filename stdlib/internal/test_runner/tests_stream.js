// The stream of test events that the reporters read, as Node 20's TestsStream: an object-mode Readable
// of `{ type, data }`. 'test:enqueue' (a test asked to run), 'test:dequeue' (it starts),
// 'test:complete' (it ended) come as things happen; 'test:start', 'test:pass' / 'test:fail',
// 'test:plan', 'test:diagnostic' come in report order; 'test:stdout' / 'test:stderr' carry the output
// of files run by `rt --test`. The reporters print only some of them, but every event takes its turn
// through the pipeline, which is what spaces the report out from the tests as in Node. Each event is also emitted on the stream itself, synchronously, which
// is how the harness counts results and sets the exit code before any reporter has printed.

'use strict';

const { Readable } = require('stream');

class TestsStream extends Readable {
  #queue = [];
  #canPush = true;

  constructor() {
    super({ objectMode: true, highWaterMark: Number.MAX_SAFE_INTEGER });
  }

  _read() {
    this.#canPush = true;
    while (this.#queue.length > 0) {
      if (!this.#push(this.#queue.shift())) return;
    }
  }

  enqueue(nesting, loc, name) {
    this.emitEvent('test:enqueue', { ...loc, nesting, name });
  }

  dequeue(nesting, loc, name) {
    this.emitEvent('test:dequeue', { ...loc, nesting, name });
  }

  start(nesting, loc, name) {
    this.emitEvent('test:start', { ...loc, nesting, name });
  }

  // A finished test: `details` is `{ duration_ms, type?, error?, passed }`, `directive` is
  // `{ skip: reason | true }`, `{ todo: reason | true }` or undefined.
  result(passed, nesting, loc, testNumber, name, details, directive) {
    this.emitEvent(passed ? 'test:pass' : 'test:fail', { name, nesting, testNumber, details, ...loc, ...directive });
  }

  complete(nesting, loc, testNumber, name, details, directive) {
    this.emitEvent('test:complete', { name, nesting, testNumber, details, ...loc, ...directive });
  }

  plan(nesting, loc, count) {
    this.emitEvent('test:plan', { ...loc, nesting, count });
  }

  diagnostic(nesting, loc, message) {
    this.emitEvent('test:diagnostic', { ...loc, nesting, message });
  }

  // Output of a test file that `rt --test` ran in a child process.
  output(type, file, message) {
    this.emitEvent(type, { file, message });
  }

  emitEvent(type, data) {
    this.emit(type, data);
    this.#push({ type, data });
  }

  end() {
    this.#push(null);
  }

  #push(item) {
    if (this.#canPush) this.#canPush = this.push(item);
    else this.#queue.push(item);
    return this.#canPush;
  }
}

module.exports = { TestsStream };
