// node:readline/promises — the readline Interface whose question() returns a promise, and Readline, a
// batch of cursor moves for a terminal.

const { Interface: BaseInterface, kQuestion, kQuestionCancel, kQuestionReject } = require('internal/readline/interface');
const { Readline } = require('internal/readline/promises');
const { validateAbortSignal, abortError } = require('internal/readline/utils');

class Interface extends BaseInterface {
  // Resolves with the answer; rejects with ERR_USE_AFTER_CLOSE once closed, or an AbortError when
  // `options.signal` aborts (the question is then withdrawn) or Ctrl+C / Ctrl+D close a terminal.
  // Closing otherwise (the input's end, close()) leaves it pending, as in Node.
  question(query, options = {}) {
    return new Promise((resolve, reject) => {
      let cb = resolve;
      const signal = options?.signal;
      if (signal) {
        validateAbortSignal(signal, 'options.signal');
        if (signal.aborted) {
          reject(abortError(signal));
          return;
        }
        const onAbort = () => {
          this[kQuestionCancel]();
          reject(abortError(signal));
        };
        signal.addEventListener('abort', onAbort, { once: true });
        cb = (answer) => {
          signal.removeEventListener('abort', onAbort);
          resolve(answer);
        };
      }
      this[kQuestionReject] = reject;
      this[kQuestion](query, cb);
    });
  }
}

function createInterface(input, output, completer, terminal) {
  return new Interface(input, output, completer, terminal);
}

module.exports = { Interface, Readline, createInterface };
