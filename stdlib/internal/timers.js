// setTimeout/setInterval/setImmediate over the loop's native timer heap and immediate queue.
// The loop calls `runTimer`/`runImmediate` back when one is due (Node's listOnTimeout/processImmediate).

const { timers } = binding;
const TIMEOUT_MAX = 2 ** 31 - 1;
const kId = Symbol('timerId');
const kRefed = Symbol('refed');
const knownTimersById = new Map();
let nextId = 1;

function validateCallback(callback) {
  if (typeof callback !== 'function') {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
  }
}

class Timeout {
  constructor(callback, after, args, isRepeat) {
    after *= 1;
    if (!(after >= 1 && after <= TIMEOUT_MAX)) {
      if (after > TIMEOUT_MAX) {
        process.emitWarning(`${after} does not fit into a 32-bit signed integer.\nTimeout duration was set to 1.`,
          'TimeoutOverflowWarning');
      }
      after = 1;
    }
    this._idleTimeout = after;
    this._onTimeout = callback;
    this._timerArgs = args;
    this._repeat = isRepeat ? after : null;
    this._destroyed = false;
    this[kRefed] = true;
    this[kId] = nextId++;
    timers.arm(this[kId], after, this);
  }

  refresh() {
    if (!this._destroyed) timers.arm(this[kId], this._idleTimeout, this);
    return this;
  }

  ref() {
    this[kRefed] = true;
    timers.setRef(this[kId], true);
    return this;
  }

  unref() {
    this[kRefed] = false;
    timers.setRef(this[kId], false);
    return this;
  }

  hasRef() {
    return this[kRefed];
  }

  close() {
    clearTimeout(this);
    return this;
  }

  // A Timeout coerces to its id, which clearTimeout also accepts (Node keeps the same map).
  [Symbol.toPrimitive]() {
    knownTimersById.set(this[kId], this);
    return this[kId];
  }
}

function runTimer(timer) {
  if (timer._destroyed) return;
  const callback = timer._onTimeout;
  const args = timer._timerArgs;
  if (timer._repeat === null) destroy(timer);
  try {
    if (args === undefined) callback.call(timer);
    else callback.apply(timer, args);
  } finally {
    if (timer._repeat !== null && !timer._destroyed) timers.arm(timer[kId], timer._repeat, timer);
  }
}

function destroy(timer) {
  timer._destroyed = true;
  knownTimersById.delete(timer[kId]);
}

function setTimeout(callback, after, ...args) {
  validateCallback(callback);
  return new Timeout(callback, after, args.length > 0 ? args : undefined, false);
}

function setInterval(callback, repeat, ...args) {
  validateCallback(callback);
  return new Timeout(callback, repeat, args.length > 0 ? args : undefined, true);
}

function clearTimeout(timer) {
  if (timer && timer._onTimeout) {
    timers.cancel(timer[kId]);
    destroy(timer);
    return;
  }
  if (typeof timer === 'number' || typeof timer === 'string') {
    const known = knownTimersById.get(Number(timer));
    if (known) clearTimeout(known);
  }
}

class Immediate {
  constructor(callback, args) {
    this._onImmediate = callback;
    this._argv = args;
    this._destroyed = false;
    this[kRefed] = true;
    this[kId] = nextId++;
    timers.immediate(this[kId], this);
  }

  ref() {
    this[kRefed] = true;
    timers.setImmediateRef(this[kId], true);
    return this;
  }

  unref() {
    this[kRefed] = false;
    timers.setImmediateRef(this[kId], false);
    return this;
  }

  hasRef() {
    return this[kRefed];
  }
}

function runImmediate(immediate) {
  if (immediate._destroyed) return;
  immediate._destroyed = true;
  const args = immediate._argv;
  if (args === undefined) immediate._onImmediate();
  else immediate._onImmediate(...args);
}

function setImmediate(callback, ...args) {
  validateCallback(callback);
  return new Immediate(callback, args.length > 0 ? args : undefined);
}

function clearImmediate(immediate) {
  if (!immediate || immediate._destroyed) return;
  immediate._destroyed = true;
  timers.cancelImmediate(immediate[kId]);
}

module.exports = {
  Timeout, Immediate, runTimer, runImmediate,
  setTimeout, clearTimeout, setInterval, clearInterval: clearTimeout, setImmediate, clearImmediate,
};
