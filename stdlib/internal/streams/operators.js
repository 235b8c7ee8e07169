// The iterator-helper-like methods of Readable: map, filter, flatMap, drop, take, asIndexedPairs, compose give
// async iterables that node:stream wraps in new Readables (Readable.from); forEach, toArray, some, every, find,
// reduce return promises. node:stream installs them on Readable.prototype and loads this file on first use.
// map() (and filter/forEach/some/every/find built on it) runs up to `concurrency` calls at once and yields their
// results in input order, reading at most `highWaterMark` results ahead.

const { AbortError, codes } = require('internal/errors');
const { ERR_INVALID_ARG_TYPE, ERR_MISSING_ARGS, ERR_OUT_OF_RANGE } = codes;

const kEmpty = Symbol('kEmpty'); // "skip this value" (filter, forEach)
const kEof = Symbol('kEof');

function validateFunction(fn, name) {
  if (typeof fn !== 'function') throw new ERR_INVALID_ARG_TYPE(name, ['Function', 'AsyncFunction'], fn);
}

function validateOptions(options) {
  if (options == null) return;
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
  }
  const signal = options.signal;
  if (signal != null && (typeof signal !== 'object' || !('aborted' in signal))) {
    throw new ERR_INVALID_ARG_TYPE('options.signal', 'AbortSignal', signal);
  }
}

function validateInteger(value, name, min) {
  if (typeof value !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > Number.MAX_SAFE_INTEGER) {
    throw new ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${Number.MAX_SAFE_INTEGER}`, value);
  }
}

function map(fn, options) {
  validateFunction(fn, 'fn');
  validateOptions(options);
  const concurrency = options?.concurrency != null ? Math.floor(options.concurrency) : 1;
  let highWaterMark = options?.highWaterMark != null ? Math.floor(options.highWaterMark) : concurrency - 1;
  validateInteger(concurrency, 'options.concurrency', 1);
  validateInteger(highWaterMark, 'options.highWaterMark', 0);
  highWaterMark += concurrency;
  const signal = options?.signal;

  return async function* map() {
    const stream = this;
    const queue = []; // promises of results, in input order
    const fnOptions = { signal };
    let wakeConsumer = null;
    let wakeProducer = null;
    let done = false;
    let inFlight = 0;

    function maybeResume() {
      if (wakeProducer && !done && inFlight < concurrency && queue.length < highWaterMark) {
        wakeProducer();
        wakeProducer = null;
      }
    }
    function afterItem() {
      inFlight -= 1;
      maybeResume();
    }
    function onFailure() {
      done = true;
      afterItem();
    }
    function wake() {
      if (wakeConsumer) {
        wakeConsumer();
        wakeConsumer = null;
      }
    }

    // Reads the source and starts fn() calls while there is room.
    async function pump() {
      try {
        for await (const item of stream) {
          if (done) return;
          if (signal?.aborted) throw new AbortError();
          let result;
          try {
            result = fn(item, fnOptions);
            if (result === kEmpty) continue;
            result = Promise.resolve(result);
          } catch (err) {
            result = Promise.reject(err);
          }
          inFlight += 1;
          result.then(afterItem, onFailure);
          queue.push(result);
          wake();
          if (!done && (queue.length >= highWaterMark || inFlight >= concurrency)) {
            await new Promise((resolve) => {
              wakeProducer = resolve;
            });
          }
        }
        queue.push(kEof);
      } catch (err) {
        const failed = Promise.reject(err);
        failed.then(afterItem, onFailure);
        queue.push(failed);
      } finally {
        done = true;
        wake();
      }
    }

    pump();

    try {
      while (true) {
        while (queue.length > 0) {
          const value = await queue[0];
          if (value === kEof) return;
          if (signal?.aborted) throw new AbortError();
          if (value !== kEmpty) yield value;
          queue.shift();
          maybeResume();
        }
        await new Promise((resolve) => {
          wakeConsumer = resolve;
        });
      }
    } finally {
      done = true;
      if (wakeProducer) {
        wakeProducer();
        wakeProducer = null;
      }
    }
  }.call(this);
}

function filter(fn, options) {
  validateFunction(fn, 'fn');
  async function filterFn(value, opts) {
    if (await fn(value, opts)) return value;
    return kEmpty;
  }
  return map.call(this, filterFn, options);
}

function flatMap(fn, options) {
  const values = map.call(this, fn, options);
  return async function* flatMap() {
    for await (const value of values) yield* value;
  }.call(this);
}

let warnedIndexedPairs = false;
function asIndexedPairs(options = undefined) {
  if (!warnedIndexedPairs) {
    warnedIndexedPairs = true;
    process.emitWarning('readable.asIndexedPairs will be removed in a future version.', 'DeprecationWarning');
  }
  validateOptions(options);
  return async function* asIndexedPairs() {
    let index = 0;
    for await (const value of this) {
      if (options?.signal?.aborted) throw new AbortError(undefined, { cause: options.signal.reason });
      yield [index++, value];
    }
  }.call(this);
}

function toIntegerOrInfinity(number) {
  number = Number(number);
  if (Number.isNaN(number)) return 0;
  if (number < 0) throw new ERR_OUT_OF_RANGE('number', '>= 0', number);
  return number;
}

function drop(number, options = undefined) {
  validateOptions(options);
  number = toIntegerOrInfinity(number);
  return async function* drop() {
    if (options?.signal?.aborted) throw new AbortError();
    for await (const value of this) {
      if (options?.signal?.aborted) throw new AbortError();
      if (number-- <= 0) yield value;
    }
  }.call(this);
}

function take(number, options = undefined) {
  validateOptions(options);
  number = toIntegerOrInfinity(number);
  return async function* take() {
    if (options?.signal?.aborted) throw new AbortError();
    for await (const value of this) {
      if (options?.signal?.aborted) throw new AbortError();
      if (number-- > 0) yield value;
      if (number <= 0) return;
    }
  }.call(this);
}

async function some(fn, options = undefined) {
  for await (const unused of filter.call(this, fn, options)) return true; // eslint-disable-line no-unused-vars
  return false;
}

async function every(fn, options = undefined) {
  validateFunction(fn, 'fn');
  return !(await some.call(this, async (...args) => !(await fn(...args)), options));
}

async function find(fn, options) {
  for await (const result of filter.call(this, fn, options)) return result;
  return undefined;
}

async function forEach(fn, options) {
  validateFunction(fn, 'fn');
  async function forEachFn(value, opts) {
    await fn(value, opts);
    return kEmpty;
  }
  for await (const unused of map.call(this, forEachFn, options)); // eslint-disable-line no-unused-vars
}

async function reduce(reducer, initialValue, options) {
  if (typeof reducer !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('reducer', ['Function', 'AsyncFunction'], reducer);
  }
  validateOptions(options);
  let hasInitialValue = arguments.length > 1;
  if (options?.signal?.aborted) {
    const err = new AbortError(undefined, { cause: options.signal.reason });
    this.once('error', () => {}); // reported through the rejection
    await require('internal/streams/end_of_stream').finished(this.destroy(err));
    throw err;
  }
  const { AbortController } = require('internal/abort_controller');
  const ac = new AbortController();
  const signal = ac.signal;
  if (options?.signal) options.signal.addEventListener('abort', () => ac.abort(), { once: true });
  let gotAny = false;
  try {
    for await (const value of this) {
      gotAny = true;
      if (options?.signal?.aborted) throw new AbortError();
      if (!hasInitialValue) {
        initialValue = value;
        hasInitialValue = true;
      } else {
        initialValue = await reducer(initialValue, value, { signal });
      }
    }
    if (!gotAny && !hasInitialValue) {
      const err = new ERR_MISSING_ARGS('reduce');
      err.message = 'Reduce of an empty stream requires an initial value';
      throw err;
    }
  } finally {
    ac.abort();
  }
  return initialValue;
}

async function toArray(options) {
  validateOptions(options);
  const result = [];
  for await (const value of this) {
    if (options?.signal?.aborted) throw new AbortError(undefined, { cause: options.signal.reason });
    result.push(value);
  }
  return result;
}

// readable.compose(stream): this readable piped into `stream`, as one Duplex.
function compose(stream, options) {
  validateOptions(options);
  const { isNodeStream, isWritable } = require('internal/streams/utils');
  if (isNodeStream(stream) && !isWritable(stream)) {
    throw new codes.ERR_INVALID_ARG_VALUE('stream', stream, 'must be writable');
  }
  const composed = require('internal/streams/compose')(this, stream);
  if (options?.signal) {
    require('internal/streams/add_abort_signal').addAbortSignalNoValidate(options.signal, composed);
  }
  return composed;
}

const streamReturningOperators = { asIndexedPairs, drop, filter, flatMap, map, take, compose };
const promiseReturningOperators = { every, forEach, reduce, toArray, some, find };

module.exports = { streamReturningOperators, promiseReturningOperators };
