// readline/promises' Readline: collects cursor and clear actions for a TTY stream and writes them in one
// go on commit() (or each on the next tick with autoCommit).

const { codes } = require('internal/errors');
const {
  kClearScreenDown, cursorToSequence, moveCursorSequence, clearLineSequence, validateInteger,
} = require('internal/readline/utils');

class Readline {
  #autoCommit = false;
  #stream;
  #todo = [];

  constructor(stream, options = undefined) {
    if (stream === null || typeof stream !== 'object' || typeof stream.write !== 'function' ||
        typeof stream.on !== 'function') {
      throw new codes.ERR_INVALID_ARG_TYPE('stream', 'Writable', stream);
    }
    this.#stream = stream;
    if (options?.autoCommit != null) {
      if (typeof options.autoCommit !== 'boolean') {
        throw new codes.ERR_INVALID_ARG_TYPE('options.autoCommit', 'boolean', options.autoCommit);
      }
      this.#autoCommit = options.autoCommit;
    }
  }

  #queue(data) {
    if (this.#autoCommit) process.nextTick(() => this.#stream.write(data));
    else this.#todo.push(data);
  }

  cursorTo(x, y = undefined) {
    validateInteger(x, 'x');
    if (y != null) validateInteger(y, 'y');
    this.#queue(cursorToSequence(x, y ?? undefined));
    return this;
  }

  moveCursor(dx, dy) {
    if (dx || dy) {
      validateInteger(dx, 'dx');
      validateInteger(dy, 'dy');
      this.#queue(moveCursorSequence(dx, dy));
    }
    return this;
  }

  // dir -1: to the line's start, 1: to its end, 0: the whole line.
  clearLine(dir) {
    validateInteger(dir, 'dir', -1, 1);
    this.#queue(clearLineSequence(dir));
    return this;
  }

  clearScreenDown() {
    this.#queue(kClearScreenDown);
    return this;
  }

  commit() {
    return new Promise((resolve) => {
      this.#stream.write(this.#todo.join(''), resolve);
      this.#todo = [];
    });
  }

  rollback() {
    this.#todo = [];
    return this;
  }
}

module.exports = { Readline };
