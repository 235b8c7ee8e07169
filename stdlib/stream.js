// node:stream. `module.exports` is the legacy Stream class, carrying Readable, Writable, Duplex, Transform,
// PassThrough, pipeline, finished & co. as properties, as in Node. The implementation lives in
// internal/streams/*.

const Stream = require('internal/streams/legacy').Stream;
const utils = require('internal/streams/utils');
const { pipeline } = require('internal/streams/pipeline');
const eos = require('internal/streams/end_of_stream');
const { destroyer } = require('internal/streams/destroy');
const { addAbortSignal } = require('internal/streams/add_abort_signal');
const { getDefaultHighWaterMark, setDefaultHighWaterMark } = require('internal/streams/state');
const { Buffer } = require('buffer');

module.exports = Stream;

Stream.isDestroyed = utils.isDestroyed;
Stream.isDisturbed = utils.isDisturbed;
Stream.isErrored = utils.isErrored;
Stream.isReadable = utils.isReadable;
Stream.isWritable = utils.isWritable;

Stream.Readable = require('internal/streams/readable');
installOperators(Stream.Readable);
Stream.Writable = require('internal/streams/writable');
Stream.Duplex = require('internal/streams/duplex');
Stream.Transform = require('internal/streams/transform');
Stream.PassThrough = require('internal/streams/passthrough');
Stream.duplexPair = function duplexPair(options) {
  return require('internal/streams/duplexpair')(options);
};
Stream.pipeline = pipeline;
Stream.addAbortSignal = addAbortSignal;
Stream.finished = eos;
Stream.destroy = destroyer;
Stream.compose = function compose(...streams) {
  return require('internal/streams/compose')(...streams);
};
Stream.setDefaultHighWaterMark = setDefaultHighWaterMark;
Stream.getDefaultHighWaterMark = getDefaultHighWaterMark;

let promises;
Object.defineProperty(Stream, 'promises', {
  configurable: true,
  enumerable: true,
  get() {
    return (promises ??= require('stream/promises'));
  },
});

// util.promisify(pipeline) / util.promisify(finished) give the promise forms.
const kCustomPromisify = Symbol.for('nodejs.util.promisify.custom');
Object.defineProperty(pipeline, kCustomPromisify, {
  enumerable: true,
  get() {
    return Stream.promises.pipeline;
  },
});
Object.defineProperty(eos, kCustomPromisify, {
  enumerable: true,
  get() {
    return Stream.promises.finished;
  },
});

// Backwards compatibility with node 0.4.
Stream.Stream = Stream;

Stream._isArrayBufferView = ArrayBuffer.isView;
Stream._isUint8Array = require('internal/types').isUint8Array;
Stream._uint8ArrayToBuffer = function _uint8ArrayToBuffer(chunk) {
  return Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
};

// Readable.prototype.map, filter, toArray... (non-enumerable, as in Node), with their Node names and lengths.
// internal/streams/operators is compiled on the first call. The stream-returning ones wrap their result in
// Readable.from().
function installOperators(Readable) {
  const streamReturning = { asIndexedPairs: 0, drop: 1, filter: 2, flatMap: 2, map: 2, take: 1, compose: 2 };
  const promiseReturning = { every: 1, forEach: 2, reduce: 3, toArray: 1, some: 1, find: 2 };
  const define = (key, length, returnsStream) => {
    function method(...args) {
      if (new.target) throw new (require('internal/errors').codes.ERR_ILLEGAL_CONSTRUCTOR)();
      const operators = require('internal/streams/operators');
      if (!returnsStream) return Reflect.apply(operators.promiseReturningOperators[key], this, args);
      return Readable.from(Reflect.apply(operators.streamReturningOperators[key], this, args));
    }
    Object.defineProperty(method, 'name', { value: key });
    Object.defineProperty(method, 'length', { value: length });
    Object.defineProperty(Readable.prototype, key, {
      value: method, enumerable: false, configurable: true, writable: true,
    });
  };
  for (const key of Object.keys(streamReturning)) define(key, streamReturning[key], true);
  for (const key of Object.keys(promiseReturning)) define(key, promiseReturning[key], false);
}
