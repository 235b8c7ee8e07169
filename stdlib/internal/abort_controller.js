// AbortController / AbortSignal as in Node 20: the signal is an EventTarget that dispatches one trusted `abort`
// Event, `onabort` is an event-handler attribute, the default reason is a DOMException named AbortError, and
// AbortSignal.timeout / AbortSignal.any build signals aborted by a timer or by any of several sources.
//
// Differences from Node kept on purpose: signals from AbortSignal.any() are held strongly by their sources
// (Node holds them weakly), and the timer behind AbortSignal.timeout() is not cleared when its signal is
// garbage collected (it is unref'd, so it never keeps the process alive either way).

const {
  EventTarget,
  Event,
  defineEventHandler,
  kTrustEvent,
} = require('internal/event_target');

const kCustomInspect = Symbol.for('nodejs.util.inspect.custom');
// Only this module may construct an AbortSignal: `new AbortSignal()` from user code is an illegal constructor.
const kCreateSignal = Symbol('kCreateSignal');

function errors() {
  return require('internal/errors').codes;
}

function abortError() {
  const { DOMException } = require('internal/dom_exception');
  return new DOMException('This operation was aborted', 'AbortError');
}

function stylizeSpecial(options, text) {
  return options && typeof options.stylize === 'function' ? options.stylize(text, 'special') : text;
}

function nestedOptions(options) {
  return { ...options, depth: options.depth === null ? null : options.depth - 1 };
}

function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new (errors().ERR_INVALID_ARG_TYPE)(name, 'AbortSignal', signal);
  }
}

// Node's validateUint32(delay, 'delay'): a number, an integer, within [0, 2^32 - 1].
function validateDelay(delay) {
  if (typeof delay !== 'number') throw new (errors().ERR_INVALID_ARG_TYPE)('delay', 'number', delay);
  if (!Number.isInteger(delay)) throw new (errors().ERR_OUT_OF_RANGE)('delay', 'an integer', delay);
  if (delay < 0 || delay > 4294967295) {
    throw new (errors().ERR_OUT_OF_RANGE)('delay', '>= 0 && <= 4294967295', delay);
  }
}

let isAbortSignal;
let abortSignal;
let signalInternals;

class AbortSignal extends EventTarget {
  #aborted = false;
  #reason = undefined;
  // For a signal made by AbortSignal.any(): the plain (non-composite) signals it follows.
  #sources = null;
  // Signals made by AbortSignal.any() that follow this one, aborted right after this one's own listeners ran.
  #dependents = null;

  constructor(key = undefined) {
    if (key !== kCreateSignal) throw new (errors().ERR_ILLEGAL_CONSTRUCTOR)();
    super();
  }

  get aborted() {
    if (!isAbortSignal(this)) throw new (errors().ERR_INVALID_THIS)('AbortSignal');
    return this.#aborted;
  }

  get reason() {
    if (!isAbortSignal(this)) throw new (errors().ERR_INVALID_THIS)('AbortSignal');
    return this.#reason;
  }

  throwIfAborted() {
    if (!isAbortSignal(this)) throw new (errors().ERR_INVALID_THIS)('AbortSignal');
    if (this.#aborted) throw this.#reason;
  }

  // `AbortSignal { aborted: false }`; past the inspection depth Node prints `[AbortSignal]`.
  [kCustomInspect](depth, options, inspect) {
    if (depth < 0) return stylizeSpecial(options, `[${this.constructor.name}]`);
    return `${this.constructor.name} ${inspect({ aborted: this.aborted }, nestedOptions(options))}`;
  }

  static abort(reason = abortError()) {
    const signal = new AbortSignal(kCreateSignal);
    signal.#aborted = true;
    signal.#reason = reason;
    return signal;
  }

  static timeout(delay) {
    validateDelay(delay);
    const signal = new AbortSignal(kCreateSignal);
    const timer = setTimeout(() => {
      const { DOMException } = require('internal/dom_exception');
      abortSignal(signal, new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    }, delay);
    if (timer !== null && typeof timer === 'object' && typeof timer.unref === 'function') timer.unref();
    return signal;
  }

  static any(signals) {
    if (!Array.isArray(signals)) throw new (errors().ERR_INVALID_ARG_TYPE)('signals', 'Array', signals);
    for (let i = 0; i < signals.length; i++) validateAbortSignal(signals[i], `signals[${i}]`);
    const result = new AbortSignal(kCreateSignal);
    // Already aborted: take the first aborted signal's reason, no event (nobody can be listening yet).
    for (const signal of signals) {
      if (signal.aborted) {
        result.#aborted = true;
        result.#reason = signal.reason;
        return result;
      }
    }
    result.#sources = new Set();
    for (const signal of signals) {
      // Following a composite signal means following its sources directly.
      const sources = isAbortSignal(signal) && signal.#sources !== null ? signal.#sources : [signal];
      for (const source of sources) {
        if (!isAbortSignal(source) || result.#sources.has(source)) continue;
        result.#sources.add(source);
        if (source.#dependents === null) source.#dependents = new Set();
        source.#dependents.add(result);
      }
    }
    return result;
  }

  static {
    isAbortSignal = (value) => value !== null && typeof value === 'object' && #aborted in value;
    abortSignal = (signal, reason) => {
      if (signal.#aborted) return;
      signal.#aborted = true;
      signal.#reason = reason;
      signal.dispatchEvent(new Event('abort', { [kTrustEvent]: true }));
      const dependents = signal.#dependents;
      if (dependents === null) return;
      signal.#dependents = null;
      for (const dependent of dependents) abortSignal(dependent, reason);
    };
    signalInternals = { create: () => new AbortSignal(kCreateSignal) };
  }
}

defineEventHandler(AbortSignal.prototype, 'abort');

// Node makes only `aborted` (and `onabort`) enumerable on AbortSignal.prototype.
Object.defineProperties(AbortSignal.prototype, {
  aborted: { enumerable: true },
  [Symbol.toStringTag]: { value: 'AbortSignal', writable: false, enumerable: false, configurable: true },
});

class AbortController {
  #signal = signalInternals.create();

  get signal() {
    return this.#signal;
  }

  abort(reason = abortError()) {
    abortSignal(this.#signal, reason);
  }

  // `AbortController { signal: AbortSignal { aborted: false } }`; past the depth Node prints `AbortController {}`.
  [kCustomInspect](depth, options, inspect) {
    if (depth < 0) return `${this.constructor.name} {}`;
    return `${this.constructor.name} ${inspect({ signal: this.signal }, nestedOptions(options))}`;
  }
}

Object.defineProperties(AbortController.prototype, {
  signal: { enumerable: true },
  abort: { enumerable: true },
  [Symbol.toStringTag]: { value: 'AbortController', writable: false, enumerable: false, configurable: true },
});

// For other built-ins: abort a signal they created, or make a fresh one without an AbortController.
function createAbortSignal() {
  return signalInternals.create();
}

module.exports = {
  AbortController,
  AbortSignal,
  abortSignal: (signal, reason) => abortSignal(signal, reason),
  createAbortSignal,
  isAbortSignal: (value) => isAbortSignal(value),
};
