// The EventEmitter class itself, without node:events' static helpers (events.js adds those). MessagePort and
// Worker build on it, and every worker thread compiles it, so it is kept apart from the larger statics.
//
// The observable layout matters because user code and inspect() see it: instances carry `_events` (a
// null-prototype object whose values are either one listener function or an array of them), `_eventsCount`,
// `_maxListeners` and the `shapeMode`/`kCapture` symbols, exactly as Node's do.

// internal/errors is loaded on the first error: every worker compiles this file, and most never throw.
let errorsModule;
const errors = () => (errorsModule ??= require('internal/errors'));

const kCapture = Symbol('kCapture');
const kShapeMode = Symbol('shapeMode');
const kErrorMonitor = Symbol('events.errorMonitor');
const kRejection = Symbol.for('nodejs.rejection');
const kMaxEventTargetListeners = Symbol('events.maxEventTargetListeners');
const kMaxEventTargetListenersWarned = Symbol('events.maxEventTargetListenersWarned');
const kWatermarkData = Symbol.for('nodejs.watermarkData');
// An internal option of events.on(): yield each event's first argument instead of the argument array (Node's
// readline iterates its 'line' events with it).
const kFirstEventParam = Symbol('kFirstEventParam');

// Loaded only when a max-listeners warning needs to describe its emitter.
let inspectFn;
function inspect(value, options) {
  if (inspectFn === undefined) inspectFn = require('internal/inspect').inspect;
  return inspectFn(value, options);
}

// ---- validation, with Node's error codes and wording ----

function validateFunction(value, name) {
  if (typeof value !== 'function') throw new (errors().codes.ERR_INVALID_ARG_TYPE)(name, 'Function', value);
}

function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw new (errors().codes.ERR_INVALID_ARG_TYPE)(name, 'boolean', value);
}

// Node's validateNumber(value, name, 0): a number, not NaN, >= 0.
function validateNonNegativeNumber(value, name) {
  if (typeof value !== 'number') throw new (errors().codes.ERR_INVALID_ARG_TYPE)(name, 'number', value);
  if (value < 0 || Number.isNaN(value)) throw new (errors().codes.ERR_OUT_OF_RANGE)(name, '>= 0', value);
}

function validateInteger(value, name, min) {
  if (typeof value !== 'number') throw new (errors().codes.ERR_INVALID_ARG_TYPE)(name, 'number', value);
  if (!Number.isInteger(value)) throw new (errors().codes.ERR_OUT_OF_RANGE)(name, 'an integer', value);
  if (value < min || value > Number.MAX_SAFE_INTEGER) {
    throw new (errors().codes.ERR_OUT_OF_RANGE)(name, `>= ${min} && <= ${Number.MAX_SAFE_INTEGER}`, value);
  }
}

// Node accepts anything object-like with an `aborted` property as a signal.
function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)(name, 'AbortSignal', signal);
  }
}

// EventTarget support (brand check, listener list, per-target limits) lives with the EventTarget implementation;
// loaded only when an EventTarget is involved.
let eventTargetModule;
function lazyEventTarget() {
  if (eventTargetModule === undefined) eventTargetModule = require('internal/event_target');
  return eventTargetModule;
}

function isEventTarget(value) {
  return lazyEventTarget().isEventTarget(value);
}

// addEventListener options for the helpers' internal listeners: once, and not stoppable by the user's
// stopImmediatePropagation(), as in Node.
function internalListenerFlags() {
  return { once: true, [lazyEventTarget().kResistStopPropagation]: true };
}

function getProcess() {
  return globalThis.process;
}

function nextTick(fn, ...args) {
  const proc = getProcess();
  if (proc !== undefined && typeof proc.nextTick === 'function') proc.nextTick(fn, ...args);
  else queueMicrotask(() => fn(...args));
}

function emitWarning(warning) {
  const proc = getProcess();
  if (proc !== undefined && typeof proc.emitWarning === 'function') proc.emitWarning(warning);
}

// ---- EventEmitter ----

let defaultMaxListeners = 10;

function EventEmitter(opts) {
  (EventEmitter.init ?? initEmitter).call(this, opts);
}

EventEmitter.prototype._events = undefined;
EventEmitter.prototype._eventsCount = 0;
EventEmitter.prototype._maxListeners = undefined;

// captureRejections defaults to false; stored on the prototype so the static setter flips it for everyone.
Object.defineProperty(EventEmitter.prototype, kCapture, { value: false, writable: true, enumerable: false });

function getMaxListenersOf(emitter) {
  if (emitter._maxListeners === undefined) return defaultMaxListeners;
  return emitter._maxListeners;
}

EventEmitter.prototype.setMaxListeners = function setMaxListeners(n) {
  validateNonNegativeNumber(n, 'setMaxListeners');
  this._maxListeners = n;
  return this;
};

EventEmitter.prototype.getMaxListeners = function getMaxListeners() {
  return getMaxListenersOf(this);
};

// With captureRejections on, a listener returning a rejected promise turns into an 'error' event (or a call to
// the emitter's Symbol.for('nodejs.rejection') method), one tick later as Node does.
function captureRejection(emitter, result, type, args) {
  if (!emitter[kCapture]) return;
  try {
    const then = result.then; // read once: `then` may be a getter
    if (typeof then === 'function') {
      then.call(result, undefined, (err) => {
        nextTick(emitRejection, emitter, err, type, args);
      });
    }
  } catch (err) {
    emitter.emit('error', err);
  }
}

function emitRejection(emitter, err, type, args) {
  if (typeof emitter[kRejection] === 'function') {
    emitter[kRejection](err, type, ...args);
    return;
  }
  // Turn capturing off while emitting, so an 'error' listener returning a rejected promise cannot loop.
  const previous = emitter[kCapture];
  try {
    emitter[kCapture] = false;
    emitter.emit('error', err);
  } finally {
    emitter[kCapture] = previous;
  }
}

// For rt's message delivery, which calls a lone 'message' listener directly (internal/worker/io).
Object.defineProperty(EventEmitter, Symbol.for('rt.captureRejection'), { value: captureRejection });

EventEmitter.prototype.emit = function emit(type, ...args) {
  let isUnhandledError = type === 'error';
  const events = this._events;
  if (events !== undefined) {
    // errorMonitor listeners see errors before the regular 'error' listeners (and even when there are none).
    if (isUnhandledError && events[kErrorMonitor] !== undefined) this.emit(kErrorMonitor, ...args);
    isUnhandledError = isUnhandledError && events.error === undefined;
  } else if (!isUnhandledError) {
    return false;
  }

  if (isUnhandledError) {
    const er = args.length > 0 ? args[0] : undefined;
    if (er instanceof Error) {
      throw er; // Unhandled 'error' event
    }
    // A non-Error value is wrapped, its inspection in the message and the value itself as `context`.
    const err = new (errors().codes.ERR_UNHANDLED_ERROR)(er);
    err.context = er;
    throw err; // Unhandled 'error' event
  }

  const handler = events[type];
  if (handler === undefined) return false;

  if (typeof handler === 'function') {
    const result = handler.apply(this, args);
    if (result !== undefined && result !== null) captureRejection(this, result, type, args);
  } else {
    // Iterate over a copy: listeners added or removed while emitting do not affect this emit.
    const listeners = handler.slice();
    for (let i = 0; i < listeners.length; i++) {
      const result = listeners[i].apply(this, args);
      if (result !== undefined && result !== null) captureRejection(this, result, type, args);
    }
  }
  return true;
};

function addListenerImpl(target, type, listener, prepend) {
  validateFunction(listener, 'listener');

  let events = target._events;
  let existing;
  if (events === undefined) {
    events = target._events = Object.create(null);
    target._eventsCount = 0;
  } else {
    // 'newListener' fires before the listener is added (so adding a 'newListener' listener does not see
    // itself), with the user's function rather than a once-wrapper.
    if (events.newListener !== undefined) {
      target.emit('newListener', type, listener.listener ?? listener);
      events = target._events; // the handler may have replaced it
    }
    existing = events[type];
  }

  if (existing === undefined) {
    // A single listener is stored bare; the array appears with the second one.
    events[type] = listener;
    ++target._eventsCount;
    return target;
  }

  if (typeof existing === 'function') {
    existing = events[type] = prepend ? [listener, existing] : [existing, listener];
  } else if (prepend) {
    existing.unshift(listener);
  } else {
    existing.push(listener);
  }

  const max = getMaxListenersOf(target);
  if (max > 0 && existing.length > max && !existing.warned) {
    existing.warned = true;
    const warning = new Error(
      `Possible EventEmitter memory leak detected. ${existing.length} ${String(type)} listeners ` +
      `added to ${inspect(target, { depth: -1 })}. MaxListeners is ${max}. ` +
      'Use emitter.setMaxListeners() to increase limit');
    // Plain own properties, as Node's genericNodeError assigns them.
    Object.assign(warning, {
      name: 'MaxListenersExceededWarning', emitter: target, type, count: existing.length,
    });
    emitWarning(warning);
  }
  return target;
}

EventEmitter.prototype.addListener = function addListener(type, listener) {
  return addListenerImpl(this, type, listener, false);
};

EventEmitter.prototype.on = EventEmitter.prototype.addListener;

EventEmitter.prototype.prependListener = function prependListener(type, listener) {
  return addListenerImpl(this, type, listener, true);
};

// The once-wrapper is a bound function with the original on `.listener`, so rawListeners() shows
// `[Function: bound onceWrapper] { listener: [Function] }` and removeListener(type, original) finds it.
function onceWrapper(...args) {
  if (!this.fired) {
    this.target.removeListener(this.type, this.wrapFn);
    this.fired = true;
    return this.listener.apply(this.target, args);
  }
  return undefined;
}

function wrapOnce(target, type, listener) {
  const state = { fired: false, wrapFn: undefined, target, type, listener };
  const wrapped = onceWrapper.bind(state);
  wrapped.listener = listener;
  state.wrapFn = wrapped;
  return wrapped;
}

EventEmitter.prototype.once = function once(type, listener) {
  validateFunction(listener, 'listener');
  this.on(type, wrapOnce(this, type, listener));
  return this;
};

EventEmitter.prototype.prependOnceListener = function prependOnceListener(type, listener) {
  validateFunction(listener, 'listener');
  this.prependListener(type, wrapOnce(this, type, listener));
  return this;
};

EventEmitter.prototype.removeListener = function removeListener(type, listener) {
  validateFunction(listener, 'listener');

  const events = this._events;
  if (events === undefined) return this;
  const list = events[type];
  if (list === undefined) return this;

  if (list === listener || list.listener === listener) {
    this._eventsCount -= 1;
    if (this[kShapeMode]) {
      events[type] = undefined;
    } else if (this._eventsCount === 0) {
      // Last listener gone: start from a fresh object (and, as in Node, no 'removeListener' event).
      this._events = Object.create(null);
    } else {
      delete events[type];
      if (events.removeListener) this.emit('removeListener', type, list.listener || listener);
    }
  } else if (typeof list !== 'function') {
    // The most recently added match goes first.
    let position = -1;
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i].listener === listener) {
        position = i;
        break;
      }
    }
    if (position < 0) return this;

    if (position === 0) list.shift();
    else list.splice(position, 1);

    if (list.length === 1) events[type] = list[0];

    if (events.removeListener !== undefined) this.emit('removeListener', type, listener);
  }
  return this;
};

EventEmitter.prototype.off = EventEmitter.prototype.removeListener;

EventEmitter.prototype.removeAllListeners = function removeAllListeners(type) {
  const events = this._events;
  if (events === undefined) return this;

  // Nobody listens for 'removeListener': drop the listeners without emitting anything.
  if (events.removeListener === undefined) {
    if (arguments.length === 0) {
      this._events = Object.create(null);
      this._eventsCount = 0;
    } else if (events[type] !== undefined) {
      if (--this._eventsCount === 0) this._events = Object.create(null);
      else delete events[type];
    }
    this[kShapeMode] = false;
    return this;
  }

  // Otherwise remove one by one so each removal is announced, the 'removeListener' listeners last.
  if (arguments.length === 0) {
    for (const key of Reflect.ownKeys(events)) {
      if (key === 'removeListener') continue;
      this.removeAllListeners(key);
    }
    this.removeAllListeners('removeListener');
    this._events = Object.create(null);
    this._eventsCount = 0;
    this[kShapeMode] = false;
    return this;
  }

  const listeners = events[type];
  if (typeof listeners === 'function') {
    this.removeListener(type, listeners);
  } else if (listeners !== undefined) {
    for (let i = listeners.length - 1; i >= 0; i--) this.removeListener(type, listeners[i]);
  }
  return this;
};

function listenersOf(target, type, unwrap) {
  const events = target._events;
  if (events === undefined) return [];
  const found = events[type];
  if (found === undefined) return [];
  if (typeof found === 'function') return unwrap ? [found.listener || found] : [found];
  const copy = found.slice();
  if (unwrap) {
    for (let i = 0; i < copy.length; i++) {
      const original = copy[i].listener;
      if (typeof original === 'function') copy[i] = original;
    }
  }
  return copy;
}

EventEmitter.prototype.listeners = function listeners(type) {
  return listenersOf(this, type, true);
};

EventEmitter.prototype.rawListeners = function rawListeners(type) {
  return listenersOf(this, type, false);
};

// With a `listener`, counts only that function (or once-wrappers around it).
function listenerCount(type, listener) {
  const events = this._events;
  if (events === undefined) return 0;
  const found = events[type];
  if (typeof found === 'function') {
    if (listener != null) return listener === found || listener === found.listener ? 1 : 0;
    return 1;
  }
  if (found !== undefined) {
    if (listener != null) {
      let matching = 0;
      for (let i = 0; i < found.length; i++) {
        if (found[i] === listener || found[i].listener === listener) matching++;
      }
      return matching;
    }
    return found.length;
  }
  return 0;
}

EventEmitter.prototype.listenerCount = listenerCount;

EventEmitter.prototype.eventNames = function eventNames() {
  return this._eventsCount > 0 ? Reflect.ownKeys(this._events) : [];
};


// Also called by subclasses that do not run the constructor (Node's streams call it directly). An emitter whose
// `_events` was set up before init (by a subclass) keeps it, and is then in "shape mode": removing a listener
// sets the slot to undefined instead of deleting it.
function initEmitter(opts) {
  if (this._events === undefined || this._events === Object.getPrototypeOf(this)._events) {
    this._events = Object.create(null);
    this._eventsCount = 0;
    this[kShapeMode] = false;
  } else {
    this[kShapeMode] = true;
  }

  this._maxListeners = this._maxListeners || undefined;

  if (opts?.captureRejections) {
    validateBoolean(opts.captureRejections, 'options.captureRejections');
    this[kCapture] = Boolean(opts.captureRejections);
  } else {
    this[kCapture] = EventEmitter.prototype[kCapture];
  }
}

module.exports = {
  EventEmitter,
  initEmitter,
  getDefaultMaxListeners: () => defaultMaxListeners,
  setDefaultMaxListeners: (n) => { defaultMaxListeners = n; },
  errors,
  inspect,
  validateFunction,
  validateBoolean,
  validateNonNegativeNumber,
  validateInteger,
  validateAbortSignal,
  lazyEventTarget,
  isEventTarget,
  internalListenerFlags,
  nextTick,
  getMaxListenersOf,
  listenerCount,
  kCapture,
  kShapeMode,
  kErrorMonitor,
  kRejection,
  kMaxEventTargetListeners,
  kMaxEventTargetListenersWarned,
  kWatermarkData,
  kFirstEventParam,
};
