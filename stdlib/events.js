// node:events — EventEmitter (internal/events/emitter) and its static helpers, shaped like Node v20's.

const {
  EventEmitter,
  initEmitter,
  getDefaultMaxListeners,
  setDefaultMaxListeners,
  errors,
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
  kErrorMonitor,
  kRejection,
  kMaxEventTargetListeners,
  kMaxEventTargetListenersWarned,
  kWatermarkData,
  kFirstEventParam,
} = require('internal/events/emitter');

// ---- statics (set in Node's order, which is what Object.keys(require('events')) shows) ----

function getEventListeners(emitterOrTarget, type) {
  if (typeof emitterOrTarget.listeners === 'function') return emitterOrTarget.listeners(type);
  if (isEventTarget(emitterOrTarget)) return lazyEventTarget().getEventListeners(emitterOrTarget, type);
  throw new (errors().codes.ERR_INVALID_ARG_TYPE)('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

function getMaxListeners(emitterOrTarget) {
  if (typeof emitterOrTarget?.getMaxListeners === 'function') return getMaxListenersOf(emitterOrTarget);
  if (emitterOrTarget?.[kMaxEventTargetListeners]) return emitterOrTarget[kMaxEventTargetListeners];
  if (isEventTarget(emitterOrTarget)) return lazyEventTarget().getMaxListeners(emitterOrTarget);
  throw new (errors().codes.ERR_INVALID_ARG_TYPE)('emitter', ['EventEmitter', 'EventTarget'], emitterOrTarget);
}

let disposeSymbol;
function getDisposeSymbol() {
  if (disposeSymbol === undefined) disposeSymbol = Symbol.dispose || Symbol.for('nodejs.dispose');
  return disposeSymbol;
}

function addAbortListener(signal, listener) {
  if (signal === undefined) throw new (errors().codes.ERR_INVALID_ARG_TYPE)('signal', 'AbortSignal', signal);
  validateAbortSignal(signal, 'signal');
  validateFunction(listener, 'listener');
  let remove;
  if (signal.aborted) {
    queueMicrotask(() => listener());
  } else {
    signal.addEventListener('abort', listener, internalListenerFlags());
    remove = () => {
      signal.removeEventListener('abort', listener);
    };
  }
  // A null-prototype disposable, as Node returns.
  const disposable = Object.create(null);
  disposable[getDisposeSymbol()] = function () {
    remove?.();
  };
  return disposable;
}

// Works with EventEmitters (on/once/removeListener) and EventTargets (addEventListener...), as Node's helpers do.
function addListenerAnyKind(emitter, name, listener, flags) {
  if (typeof emitter.on === 'function') {
    if (flags?.once) emitter.once(name, listener);
    else emitter.on(name, listener);
  } else if (typeof emitter.addEventListener === 'function') {
    emitter.addEventListener(name, listener, flags);
  } else {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)('emitter', 'EventEmitter', emitter);
  }
}

function removeListenerAnyKind(emitter, name, listener, flags) {
  if (typeof emitter.removeListener === 'function') {
    emitter.removeListener(name, listener);
  } else if (typeof emitter.removeEventListener === 'function') {
    emitter.removeEventListener(name, listener, flags);
  } else {
    throw new (errors().codes.ERR_INVALID_ARG_TYPE)('emitter', 'EventEmitter', emitter);
  }
}

// Resolves with the event's arguments as an array; an 'error' event (EventEmitters only) rejects.
async function once(emitter, name, options = {}) {
  const signal = options?.signal;
  validateAbortSignal(signal, 'options.signal');
  if (signal?.aborted) throw new (errors().AbortError)(undefined, { cause: signal?.reason });
  return new Promise((resolve, reject) => {
    const onError = (err) => {
      emitter.removeListener(name, onEvent);
      if (signal != null) removeListenerAnyKind(signal, 'abort', onAbort);
      reject(err);
    };
    const onEvent = (...args) => {
      if (typeof emitter.removeListener === 'function') emitter.removeListener('error', onError);
      if (signal != null) removeListenerAnyKind(signal, 'abort', onAbort);
      resolve(args);
    };
    function onAbort() {
      removeListenerAnyKind(emitter, name, onEvent);
      removeListenerAnyKind(emitter, 'error', onError);
      reject(new (errors().AbortError)(undefined, { cause: signal?.reason }));
    }

    const flags = typeof emitter.on === 'function' ? { once: true } : internalListenerFlags();
    addListenerAnyKind(emitter, name, onEvent, flags);
    if (name !== 'error' && typeof emitter.once === 'function') emitter.once('error', onError);
    if (signal != null) addListenerAnyKind(signal, 'abort', onAbort, internalListenerFlags());
  });
}

let AsyncIteratorPrototype;

// An async iterator over `event`'s argument arrays. Events that arrive before next() is called are queued; with
// highWaterMark the emitter is pause()d while the queue is too long and resume()d below lowWaterMark.
// 'error' rejects the pending (or next) next() and ends the iteration; `close` names events that end it.
function on(emitter, event, options = {}) {
  const signal = options.signal;
  validateAbortSignal(signal, 'options.signal');
  if (signal?.aborted) throw new (errors().AbortError)(undefined, { cause: signal?.reason });
  const highWatermark = options.highWaterMark ?? options.highWatermark ?? Number.MAX_SAFE_INTEGER;
  validateInteger(highWatermark, 'options.highWaterMark', 1);
  const lowWatermark = options.lowWaterMark ?? options.lowWatermark ?? 1;
  validateInteger(lowWatermark, 'options.lowWaterMark', 1);

  const unconsumedEvents = [];
  const unconsumedPromises = [];
  let paused = false;
  let error = null;
  let finished = false;

  if (AsyncIteratorPrototype === undefined) {
    AsyncIteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  }

  const iterator = Object.setPrototypeOf({
    next() {
      if (unconsumedEvents.length > 0) {
        const value = unconsumedEvents.shift();
        if (paused && unconsumedEvents.length < lowWatermark) {
          emitter.resume();
          paused = false;
        }
        return Promise.resolve({ value, done: false });
      }
      // An error is reported once; after it the iterator is finished.
      if (error) {
        const rejected = Promise.reject(error);
        error = null;
        return rejected;
      }
      if (finished) return closeHandler();
      return new Promise((resolve, reject) => {
        unconsumedPromises.push({ resolve, reject });
      });
    },
    return() {
      return closeHandler();
    },
    throw(err) {
      if (!err || !(err instanceof Error)) {
        throw new (errors().codes.ERR_INVALID_ARG_TYPE)('EventEmitter.AsyncIterator', 'Error', err);
      }
      errorHandler(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
    [kWatermarkData]: {
      get size() {
        return unconsumedEvents.length;
      },
      get low() {
        return lowWatermark;
      },
      get high() {
        return highWatermark;
      },
      get isPaused() {
        return paused;
      },
    },
  }, AsyncIteratorPrototype);

  const registered = [];
  const listen = (target, name, handler) => {
    addListenerAnyKind(target, name, handler);
    registered.push([target, name, handler]);
  };

  const firstParam = options?.[kFirstEventParam] === true;
  listen(emitter, event, function (...args) {
    return eventHandler(firstParam ? args[0] : args);
  });
  if (event !== 'error' && typeof emitter.on === 'function') listen(emitter, 'error', errorHandler);
  const closeEvents = options?.close;
  if (closeEvents?.length) {
    for (let i = 0; i < closeEvents.length; i++) listen(emitter, closeEvents[i], closeHandler);
  }

  const abortDisposable = signal ? addAbortListener(signal, abortListener) : null;

  return iterator;

  function abortListener() {
    errorHandler(new (errors().AbortError)(undefined, { cause: signal?.reason }));
  }

  function eventHandler(value) {
    if (unconsumedPromises.length === 0) {
      unconsumedEvents.push(value);
      if (!paused && unconsumedEvents.length > highWatermark) {
        paused = true;
        emitter.pause();
      }
    } else {
      unconsumedPromises.shift().resolve({ value, done: false });
    }
  }

  function errorHandler(err) {
    if (unconsumedPromises.length === 0) error = err;
    else unconsumedPromises.shift().reject(err);
    closeHandler();
  }

  function closeHandler() {
    abortDisposable?.[getDisposeSymbol()]();
    while (registered.length > 0) {
      const [target, name, handler] = registered.pop();
      removeListenerAnyKind(target, name, handler);
    }
    finished = true;
    const done = { value: undefined, done: true };
    while (unconsumedPromises.length > 0) unconsumedPromises.shift().resolve(done);
    return Promise.resolve(done);
  }
}

module.exports = EventEmitter;
EventEmitter.addAbortListener = addAbortListener;
EventEmitter.once = once;
EventEmitter.on = on;
EventEmitter.getEventListeners = getEventListeners;
EventEmitter.getMaxListeners = getMaxListeners;
EventEmitter.EventEmitter = EventEmitter; // backwards compatibility with node 0.10
EventEmitter.usingDomains = false;
EventEmitter.captureRejectionSymbol = kRejection;

Object.defineProperty(EventEmitter, 'captureRejections', {
  get() {
    return EventEmitter.prototype[kCapture];
  },
  set(value) {
    validateBoolean(value, 'EventEmitter.captureRejections');
    EventEmitter.prototype[kCapture] = value;
  },
  enumerable: true,
});

// Node builds this on async_hooks; rt has no async context tracking, so it is a plain EventEmitter subclass
// with the same surface (asyncId/triggerAsyncId report 0-ish values). Built on first access.
let EventEmitterAsyncResource;
Object.defineProperty(EventEmitter, 'EventEmitterAsyncResource', {
  enumerable: true,
  configurable: true,
  get: function lazyEventEmitterAsyncResource() {
    if (EventEmitterAsyncResource === undefined) EventEmitterAsyncResource = makeEventEmitterAsyncResource();
    return EventEmitterAsyncResource;
  },
  set: undefined,
});

function makeEventEmitterAsyncResource() {
  const kResource = Symbol('kAsyncResource');
  return class EventEmitterAsyncResource extends EventEmitter {
    constructor(options = undefined) {
      let name;
      if (typeof options === 'string') {
        name = options;
        options = undefined;
      } else {
        if (new.target === EventEmitterAsyncResource && typeof options?.name !== 'string') {
          throw new (errors().codes.ERR_INVALID_ARG_TYPE)('options.name', 'string', options?.name);
        }
        name = options?.name || new.target.name;
      }
      super(options);
      const emitter = this;
      this[kResource] = {
        type: name,
        get eventEmitter() {
          return emitter;
        },
        asyncId: () => 0,
        triggerAsyncId: () => 0,
        emitDestroy() {},
        runInAsyncScope(fn, thisArg, ...args) {
          return fn.apply(thisArg, args);
        },
      };
    }

    emit(event, ...args) {
      if (this[kResource] === undefined) throw new (errors().codes.ERR_INVALID_THIS)('EventEmitterAsyncResource');
      return super.emit(event, ...args);
    }

    emitDestroy() {
      if (this[kResource] === undefined) throw new (errors().codes.ERR_INVALID_THIS)('EventEmitterAsyncResource');
    }

    get asyncId() {
      if (this[kResource] === undefined) throw new (errors().codes.ERR_INVALID_THIS)('EventEmitterAsyncResource');
      return this[kResource].asyncId();
    }

    get triggerAsyncId() {
      if (this[kResource] === undefined) throw new (errors().codes.ERR_INVALID_THIS)('EventEmitterAsyncResource');
      return this[kResource].triggerAsyncId();
    }

    get asyncResource() {
      if (this[kResource] === undefined) throw new (errors().codes.ERR_INVALID_THIS)('EventEmitterAsyncResource');
      return this[kResource];
    }
  };
}

EventEmitter.errorMonitor = kErrorMonitor;

Object.defineProperty(EventEmitter, 'defaultMaxListeners', {
  enumerable: true,
  get() {
    return getDefaultMaxListeners();
  },
  set(value) {
    validateNonNegativeNumber(value, 'defaultMaxListeners');
    setDefaultMaxListeners(value);
  },
});

Object.defineProperties(EventEmitter, {
  kMaxEventTargetListeners: { value: kMaxEventTargetListeners },
  kMaxEventTargetListenersWarned: { value: kMaxEventTargetListenersWarned },
});

// With only `n`, changes the default for every emitter; otherwise applies to the given emitters/targets.
EventEmitter.setMaxListeners = function (n = getDefaultMaxListeners(), ...eventTargets) {
  validateNonNegativeNumber(n, 'setMaxListeners');
  if (eventTargets.length === 0) {
    setDefaultMaxListeners(n);
    return;
  }
  for (let i = 0; i < eventTargets.length; i++) {
    const target = eventTargets[i];
    if (typeof target?.setMaxListeners !== 'function' && target !== null && typeof target === 'object' &&
        isEventTarget(target)) {
      lazyEventTarget().setMaxListeners(target, n);
    } else if (typeof target.setMaxListeners === 'function') {
      target.setMaxListeners(n);
    } else {
      throw new (errors().codes.ERR_INVALID_ARG_TYPE)('eventTargets', ['EventEmitter', 'EventTarget'], target);
    }
  }
};

EventEmitter.init = initEmitter;

// Deprecated static form; prefers the emitter's own method.
EventEmitter.listenerCount = function (emitter, type) {
  if (typeof emitter.listenerCount === 'function') return emitter.listenerCount(type);
  return listenerCount.call(emitter, type);
};
