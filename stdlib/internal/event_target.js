// Event, CustomEvent and EventTarget with Node 20's semantics (lib/internal/event_target.js behaviour), including
// its quirks where they are observable: a dispatch only marks the event "being dispatched" until the first
// listener returns (so later listeners see `currentTarget === null` and `eventPhase === 0`), `passive` does not
// stop preventDefault(), and removeEventListener only honours `{ capture: true }`, not a bare `true`.
//
// Listener exceptions do not propagate out of dispatchEvent(): Node rethrows them on a later tick as uncaught
// exceptions (process.nextTick). Here they are rethrown from a queued microtask, which reaches the runtime's
// uncaught-exception path the same way; swap in process's own path once it exists.

const kCustomInspect = Symbol.for('nodejs.util.inspect.custom');
// Passed in an Event's options by runtime code (AbortSignal) to create an event whose isTrusted is true.
const kTrustEvent = Symbol('kTrustEvent');
// addEventListener option used by runtime code: the listener still runs after stopImmediatePropagation().
const kResistStopPropagation = Symbol('kResistStopPropagation');

const trustedEvents = new WeakSet();

function errors() {
  return require('internal/errors').codes;
}

function validateObjectOption(options, name) {
  if (options === null || typeof options !== 'object' || Array.isArray(options)) {
    throw new (errors().ERR_INVALID_ARG_TYPE)(name, 'object', options);
  }
}

// WebIDL DOMString conversion as Node does it: symbols are rejected with ERR_INVALID_ARG_VALUE.
function toDOMString(value) {
  if (typeof value === 'symbol') throw new (errors().ERR_INVALID_ARG_VALUE)('value', value);
  return `${value}`;
}

// Node measures timeStamp with performance.now(): milliseconds since the process started.
const fallbackOrigin = Date.now();
function now() {
  const perf = globalThis.performance;
  if (perf !== undefined && typeof perf.now === 'function') return perf.now();
  return Date.now() - fallbackOrigin;
}

function reportListenerError(err) {
  queueMicrotask(() => {
    throw err;
  });
}

function emitProcessWarning(warning) {
  if (typeof process === 'object' && process !== null && typeof process.emitWarning === 'function') {
    process.emitWarning(warning);
  }
}

// Accessors into Event's private state for EventTarget's dispatch loop; set in Event's static block.
let isEvent;
let eventInternals;

class Event {
  #type;
  #cancelable = false;
  #bubbles = false;
  #composed = false;
  #defaultPrevented = false;
  #timeStamp = now();
  #propagationStopped = false;
  #immediateStopped = false;
  #target = null;
  #dispatching = false;

  constructor(type, options = undefined) {
    if (arguments.length === 0) throw new (errors().ERR_MISSING_ARGS)('type');
    if (options != null) validateObjectOption(options, 'options');
    this.#bubbles = Boolean(options?.bubbles);
    this.#cancelable = Boolean(options?.cancelable);
    this.#composed = Boolean(options?.composed);
    this.#type = `${type}`;
    if (options?.[kTrustEvent]) trustedEvents.add(this);
  }

  initEvent(type, bubbles = false, cancelable = false) {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    if (arguments.length === 0) throw new (errors().ERR_MISSING_ARGS)('type');
    if (this.#dispatching) return;
    this.#type = `${type}`;
    this.#bubbles = Boolean(bubbles);
    this.#cancelable = Boolean(cancelable);
  }

  // Node: `Event { type: 'x', defaultPrevented: false, cancelable: false, timeStamp: 12.3 }`, or just the
  // class name once past the inspection depth.
  [kCustomInspect](depth, options, inspect) {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    const name = this.constructor.name;
    if (depth < 0) return name;
    const opts = { ...options, depth: Number.isInteger(options.depth) ? options.depth - 1 : options.depth };
    return `${name} ${inspect({
      type: this.#type,
      defaultPrevented: this.#defaultPrevented,
      cancelable: this.#cancelable,
      timeStamp: this.#timeStamp,
    }, opts)}`;
  }

  stopImmediatePropagation() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    this.#propagationStopped = true;
    this.#immediateStopped = true;
  }

  preventDefault() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    this.#defaultPrevented = true;
  }

  get target() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    return this.#target;
  }

  get currentTarget() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    return this.#dispatching ? this.#target : null;
  }

  get srcElement() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    return this.#target;
  }

  get type() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    return this.#type;
  }

  get cancelable() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    return this.#cancelable;
  }

  get defaultPrevented() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    return this.#cancelable && this.#defaultPrevented;
  }

  get timeStamp() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    return this.#timeStamp;
  }

  // Node has no event tree: the path is the target alone while dispatching.
  composedPath() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    return this.#dispatching ? [this.#target] : [];
  }

  get returnValue() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    return !this.#cancelable || !this.#defaultPrevented;
  }

  get bubbles() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    return this.#bubbles;
  }

  get composed() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    return this.#composed;
  }

  get eventPhase() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    return this.#dispatching ? Event.AT_TARGET : Event.NONE;
  }

  get cancelBubble() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    return this.#propagationStopped;
  }

  set cancelBubble(value) {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    if (value) this.#propagationStopped = true;
  }

  stopPropagation() {
    if (!isEvent(this)) throw new (errors().ERR_INVALID_THIS)('Event');
    this.#propagationStopped = true;
  }

  static {
    isEvent = (value) => value !== null && typeof value === 'object' && #type in value;
    eventInternals = {
      startDispatch(event, target) {
        event.#target = target;
        event.#dispatching = true;
      },
      endDispatch(event) {
        event.#dispatching = false;
      },
      isDispatching: (event) => event.#dispatching,
      immediateStopped: (event) => event.#immediateStopped,
    };
  }
}

const enumerable = { enumerable: true };
Object.defineProperties(Event.prototype, {
  [Symbol.toStringTag]: { value: 'Event', writable: false, enumerable: false, configurable: true },
  initEvent: enumerable,
  stopImmediatePropagation: enumerable,
  preventDefault: enumerable,
  target: enumerable,
  currentTarget: enumerable,
  srcElement: enumerable,
  type: enumerable,
  cancelable: enumerable,
  defaultPrevented: enumerable,
  timeStamp: enumerable,
  composedPath: enumerable,
  returnValue: enumerable,
  bubbles: enumerable,
  composed: enumerable,
  eventPhase: enumerable,
  cancelBubble: enumerable,
  stopPropagation: enumerable,
  // Node keeps isTrusted on the prototype (not LegacyUnforgeable per instance), but non-configurable.
  isTrusted: {
    get: Object.getOwnPropertyDescriptor({
      get isTrusted() {
        return trustedEvents.has(this);
      },
    }, 'isTrusted').get,
    enumerable: true,
    configurable: false,
  },
});

['NONE', 'CAPTURING_PHASE', 'AT_TARGET', 'BUBBLING_PHASE'].forEach((name, value) => {
  Object.defineProperty(Event, name, { value, writable: false, enumerable: true, configurable: false });
});

let isCustomEvent;

class CustomEvent extends Event {
  #detail;

  constructor(type, options = undefined) {
    if (arguments.length === 0) throw new (errors().ERR_MISSING_ARGS)('type');
    super(type, options);
    this.#detail = options?.detail ?? null;
  }

  get detail() {
    if (!isCustomEvent(this)) throw new (errors().ERR_INVALID_THIS)('CustomEvent');
    return this.#detail;
  }

  static {
    isCustomEvent = (value) => value !== null && typeof value === 'object' && #detail in value;
  }
}

Object.defineProperties(CustomEvent.prototype, {
  [Symbol.toStringTag]: { value: 'CustomEvent', writable: false, enumerable: false, configurable: true },
  detail: enumerable,
});

// One registered listener, kept in a doubly linked list per event type so that listeners added during a
// dispatch are reached by it and removed ones are skipped.
class Listener {
  constructor(previous, listener, once, capture, passive, resistStopPropagation) {
    this.previous = previous;
    this.next = undefined;
    previous.next = this;
    this.listener = listener;
    this.once = once;
    this.capture = capture;
    this.passive = passive;
    this.resistStopPropagation = resistStopPropagation;
    this.removed = false;
  }

  same(listener, capture) {
    return this.listener === listener && this.capture === capture;
  }

  remove() {
    this.previous.next = this.next;
    if (this.next !== undefined) this.next.previous = this.previous;
    this.removed = true;
  }

  // Object listeners have their handleEvent looked up at call time, as in Node.
  call(target, event) {
    const listener = this.listener;
    if (typeof listener === 'function') return listener.call(target, event);
    const handleEvent = listener.handleEvent;
    if (handleEvent) return Reflect.apply(handleEvent, listener, [event]);
    return undefined;
  }
}

// Node accepts functions, objects (handleEvent is checked lazily) and ignores null/undefined with a warning.
function checkListener(listener) {
  if (typeof listener === 'function' || (listener !== null && typeof listener === 'object')) return true;
  if (listener == null) return false;
  throw new (errors().ERR_INVALID_ARG_TYPE)('listener', 'EventListener', listener);
}

function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new (errors().ERR_INVALID_ARG_TYPE)(name, 'AbortSignal', signal);
  }
}

// A promise returned by a listener that later rejects is also reported as an uncaught exception.
function catchRejection(result) {
  const then = result.then;
  if (typeof then === 'function') then.call(result, undefined, reportListenerError);
}

let stateOf;

class EventTarget {
  // Node marks EventTarget classes with this well-known symbol so that checks work across realms
  // (node:events uses it to tell EventTargets from EventEmitters).
  static [Symbol.for('nodejs.event_target')] = true;

  // type -> { size, next: first Listener, resistStopPropagation }, plus `on<event>` handler wrappers and the
  // MaxListenersExceededWarning bookkeeping.
  #state = { events: new Map(), handlers: new Map(), maxListeners: undefined, warned: false };

  addEventListener(type, listener, options = undefined) {
    if (!isEventTarget(this)) throw new (errors().ERR_INVALID_THIS)('EventTarget');
    if (arguments.length < 2) throw new (errors().ERR_MISSING_ARGS)('type', 'listener');

    let once = false;
    let capture = false;
    let passive = false;
    let resistStopPropagation = false;
    if (options !== undefined) {
      if (typeof options === 'boolean') {
        capture = options;
      } else if (options !== null) {
        if (typeof options !== 'object' && typeof options !== 'function') {
          throw new (errors().ERR_INVALID_ARG_TYPE)('options', 'object', options);
        }
        once = Boolean(options.once);
        capture = Boolean(options.capture);
        passive = Boolean(options.passive);
        resistStopPropagation = Boolean(options[kResistStopPropagation]);
        const signal = options.signal;
        validateAbortSignal(signal, 'options.signal');
        if (signal) {
          if (signal.aborted) return;
          // Removing uses `{ capture }` so the right registration goes away.
          const removeOptions = { capture };
          signal.addEventListener('abort', () => {
            this.removeEventListener(type, listener, removeOptions);
          }, { once: true, [kResistStopPropagation]: true });
        }
      }
    }

    if (!checkListener(listener)) {
      const warning = new Error(`addEventListener called with ${listener} which has no effect.`);
      warning.name = 'AddEventListenerArgumentTypeWarning';
      warning.target = this;
      warning.type = type;
      emitProcessWarning(warning);
      return;
    }

    type = toDOMString(type);
    const state = this.#state;
    let root = state.events.get(type);
    if (root === undefined) {
      root = { size: 0, next: undefined, resistStopPropagation: false };
      state.events.set(type, root);
    }
    let last = root;
    for (let handler = root.next; handler !== undefined; handler = handler.next) {
      if (handler.same(listener, capture)) return;
      last = handler;
    }
    new Listener(last, listener, once, capture, passive, resistStopPropagation);
    root.size++;
    if (resistStopPropagation) root.resistStopPropagation = true;
    checkMaxListeners(this, state, type, root.size);
  }

  removeEventListener(type, listener, options = undefined) {
    if (!isEventTarget(this)) throw new (errors().ERR_INVALID_THIS)('EventTarget');
    if (arguments.length < 2) throw new (errors().ERR_MISSING_ARGS)('type', 'listener');
    if (!checkListener(listener)) return;
    type = toDOMString(type);
    // Node reads only `options.capture`, so a bare boolean `true` never matches a capture listener.
    const capture = options?.capture === true;
    const events = this.#state.events;
    const root = events.get(type);
    if (root === undefined) return;
    for (let handler = root.next; handler !== undefined; handler = handler.next) {
      if (handler.same(listener, capture)) {
        handler.remove();
        root.size--;
        if (root.size === 0) events.delete(type);
        return;
      }
    }
  }

  dispatchEvent(event) {
    if (!isEventTarget(this)) throw new (errors().ERR_INVALID_THIS)('EventTarget');
    if (arguments.length < 1) throw new (errors().ERR_MISSING_ARGS)('event');
    if (!(event instanceof Event)) throw new (errors().ERR_INVALID_ARG_TYPE)('event', 'Event', event);
    if (eventInternals.isDispatching(event)) throw new (errors().ERR_EVENT_RECURSION)(event.type);

    const type = event.type;
    eventInternals.startDispatch(event, this);
    const events = this.#state.events;
    const root = events.get(type);
    let handler = root === undefined ? undefined : root.next;
    while (handler !== undefined) {
      const next = handler.next;
      // After stopImmediatePropagation() only runtime-internal listeners (signal clean-up) still run.
      if (handler.removed || (eventInternals.immediateStopped(event) && !handler.resistStopPropagation)) {
        handler = next;
        continue;
      }
      if (handler.once) {
        handler.remove();
        root.size--;
        if (root.size === 0 && events.get(type) === root) events.delete(type);
      }
      try {
        const result = handler.call(this, event);
        // Node clears the dispatch flag as soon as the first listener returns.
        eventInternals.endDispatch(event);
        if (result !== undefined && result !== null) catchRejection(result);
      } catch (err) {
        reportListenerError(err);
      }
      handler = next;
    }
    eventInternals.endDispatch(event);
    return event.defaultPrevented !== true;
  }

  [kCustomInspect](depth, options, inspect) {
    if (!isEventTarget(this)) throw new (errors().ERR_INVALID_THIS)('EventTarget');
    const name = this.constructor.name;
    if (depth < 0) return name;
    const opts = { ...options, depth: Number.isInteger(options.depth) ? options.depth - 1 : options.depth };
    return `${name} ${inspect({}, opts)}`;
  }

  static {
    stateOf = (value) => (value !== null && typeof value === 'object' && #state in value ? value.#state : undefined);
  }
}

function isEventTarget(value) {
  return stateOf(value) !== undefined;
}

Object.defineProperties(EventTarget.prototype, {
  addEventListener: enumerable,
  removeEventListener: enumerable,
  dispatchEvent: enumerable,
  [Symbol.toStringTag]: { value: 'EventTarget', writable: false, enumerable: false, configurable: true },
});

// Node warns once per target when one event type gets more listeners than events.defaultMaxListeners (or the
// limit set with events.setMaxListeners(n, target)).
function checkMaxListeners(target, state, type, size) {
  if (state.warned) return;
  let max = state.maxListeners;
  if (max === undefined) {
    if (size <= 10) return;
    max = require('events').defaultMaxListeners;
  }
  if (max > 0 && size > max) {
    state.warned = true;
    let shown = target.constructor.name;
    const custom = target[kCustomInspect];
    if (typeof custom === 'function') {
      const text = custom.call(target, -1, {}, () => '');
      if (typeof text === 'string') shown = text;
    }
    const warning = new Error(`Possible EventTarget memory leak detected. ${size} ${type} listeners added to ${shown}. `
      + `MaxListeners is ${max}. Use events.setMaxListeners() to increase limit`);
    warning.name = 'MaxListenersExceededWarning';
    warning.target = target;
    warning.type = type;
    warning.count = size;
    emitProcessWarning(warning);
  }
}

// Defines the `on<name>` attribute (e.g. AbortSignal's onabort). Like Node (and the DOM), the handler is one
// listener registered the first time the attribute is set; assigning again swaps the function in place, so it
// keeps its position among the other listeners.
function defineEventHandler(prototype, name, eventType = name) {
  const property = `on${name}`;
  function get() {
    const state = stateOf(this);
    if (state === undefined) throw new (errors().ERR_INVALID_ARG_TYPE)('this', 'EventTarget', this);
    const wrapper = state.handlers.get(eventType);
    return wrapper === undefined ? null : (wrapper.handler ?? null);
  }
  function set(value) {
    const state = stateOf(this);
    if (state === undefined) throw new (errors().ERR_INVALID_ARG_TYPE)('this', 'EventTarget', this);
    let wrapper = state.handlers.get(eventType);
    if (wrapper !== undefined) {
      const root = state.events.get(eventType);
      if (root !== undefined) {
        if (typeof wrapper.handler === 'function') root.size--;
        if (typeof value === 'function') root.size++;
      }
      wrapper.handler = value;
    } else {
      wrapper = function eventHandler(...args) {
        if (typeof wrapper.handler !== 'function') return undefined;
        return Reflect.apply(wrapper.handler, this, args);
      };
      wrapper.handler = value;
      state.handlers.set(eventType, wrapper);
      this.addEventListener(eventType, wrapper);
    }
  }
  Object.defineProperty(get, 'name', { value: `get ${property}` });
  Object.defineProperty(set, 'name', { value: `set ${property}` });
  Object.defineProperty(prototype, property, { get, set, enumerable: true, configurable: true });
}

// Hooks for node:events (getEventListeners / setMaxListeners / getMaxListeners on EventTargets).
function getEventListeners(target, type) {
  const state = stateOf(target);
  if (state === undefined) return [];
  const root = state.events.get(`${type}`);
  const listeners = [];
  if (root !== undefined) {
    for (let handler = root.next; handler !== undefined; handler = handler.next) listeners.push(handler.listener);
  }
  return listeners;
}

function setMaxListeners(target, n) {
  const state = stateOf(target);
  if (state !== undefined) {
    state.maxListeners = n;
    state.warned = false;
  }
}

function getMaxListeners(target) {
  const state = stateOf(target);
  if (state === undefined) return undefined;
  return state.maxListeners ?? require('events').defaultMaxListeners;
}

if (binding.modules.isLoaded('internal/worker/io')) require('internal/worker/io').linkEventTarget(EventTarget);

// For event sources outside this file (MessagePort): mark an event as dispatched by `target`.
function dispatchFrom(event, target, callback) {
  eventInternals.startDispatch(event, target);
  try {
    callback(event);
  } finally {
    eventInternals.endDispatch(event);
  }
}

module.exports = {
  Event,
  dispatchFrom,
  CustomEvent,
  EventTarget,
  defineEventHandler,
  isEventTarget,
  getEventListeners,
  setMaxListeners,
  getMaxListeners,
  kTrustEvent,
  kResistStopPropagation,
};
