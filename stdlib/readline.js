// node:readline — line-by-line reading of a stream (internal/readline/interface.js), the callback form
// of question(), and the cursor helpers for terminals. `readline.promises` is node:readline/promises.

const { Interface: BaseInterface, InterfaceConstructor, kQuestion, kQuestionCancel } =
  require('internal/readline/interface');
const { cursorTo, moveCursor, clearLine, clearScreenDown } = require('internal/readline/callbacks');
const { validateAbortSignal, abortError } = require('internal/readline/utils');

// Callable with or without `new`, as Node's is.
function Interface(input, output, completer, terminal) {
  if (!(this instanceof Interface)) return new Interface(input, output, completer, terminal);
  InterfaceConstructor.call(this, input, output, completer, terminal);
}
Object.setPrototypeOf(Interface.prototype, BaseInterface.prototype);
Object.setPrototypeOf(Interface, BaseInterface);

// question(query[, options], callback): the answer goes to `callback`; an aborted signal drops the
// question (and an already aborted one never asks).
Interface.prototype.question = function question(query, options, cb) {
  cb = typeof options === 'function' ? options : cb;
  if (options === null || typeof options !== 'object') options = {};
  const { signal } = options;
  if (signal) {
    validateAbortSignal(signal, 'options.signal');
    if (signal.aborted) return;
    const onAbort = () => this[kQuestionCancel]();
    signal.addEventListener('abort', onAbort, { once: true });
    const cleanup = () => signal.removeEventListener('abort', onAbort);
    const answer = cb;
    cb = typeof answer === 'function' ? (line) => {
      cleanup();
      return answer(line);
    } : cleanup;
  }
  if (typeof cb === 'function') this[kQuestion](query, cb);
};

// util.promisify(rl.question) resolves with the answer and rejects with an AbortError on abort.
Interface.prototype.question[Symbol.for('nodejs.util.promisify.custom')] = function question(query, options) {
  if (options === null || typeof options !== 'object') options = {};
  const { signal } = options;
  if (signal && signal.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    let cb = resolve;
    if (signal) {
      const onAbort = () => reject(abortError(signal));
      signal.addEventListener('abort', onAbort, { once: true });
      cb = (answer) => {
        signal.removeEventListener('abort', onAbort);
        resolve(answer);
      };
    }
    this.question(query, options, cb);
  });
};

// The key decoder is loaded when first used (terminal mode loads it too).
function emitKeypressEvents(stream, iface = {}) {
  return require('internal/readline/keypress').emitKeypressEvents(stream, iface);
}

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

module.exports = {
  Interface,
  clearLine,
  clearScreenDown,
  createInterface,
  cursorTo,
  emitKeypressEvents,
  moveCursor,
};

Object.defineProperty(module.exports, 'promises', {
  enumerable: true,
  configurable: true,
  get: () => require('readline/promises'),
});
