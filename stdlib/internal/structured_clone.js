// structuredClone for the main thread. Workers share the native encoder (runtime/clone); until the
// global is wired to it this follows the HTML structured-clone algorithm in JavaScript.

function dataCloneError(message) {
  const { DOMException } = require('internal/dom_exception');
  return new DOMException(message, 'DataCloneError');
}

function cloneValue(value, seen) {
  if (typeof value === 'symbol') throw dataCloneError(`${String(value)} could not be cloned.`);
  if (typeof value === 'function') throw dataCloneError(`${value.toString()} could not be cloned.`);
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value)) return seen.get(value);
  const tag = Object.prototype.toString.call(value);
  let copy;
  switch (tag) {
    case '[object Date]': copy = new Date(value.getTime()); break;
    case '[object RegExp]': copy = new RegExp(value.source, value.flags); break;
    case '[object Boolean]': copy = Object(Boolean.prototype.valueOf.call(value)); break;
    case '[object Number]': copy = Object(Number.prototype.valueOf.call(value)); break;
    case '[object String]': copy = Object(String.prototype.valueOf.call(value)); break;
    case '[object BigInt]': copy = Object(BigInt.prototype.valueOf.call(value)); break;
    case '[object ArrayBuffer]': copy = value.slice(0); break;
    case '[object SharedArrayBuffer]': copy = value; break;
    case '[object Map]':
      copy = new Map();
      seen.set(value, copy);
      for (const [k, v] of value) copy.set(cloneValue(k, seen), cloneValue(v, seen));
      return copy;
    case '[object Set]':
      copy = new Set();
      seen.set(value, copy);
      for (const v of value) copy.add(cloneValue(v, seen));
      return copy;
    case '[object Array]':
      copy = new Array(value.length);
      seen.set(value, copy);
      for (const key of Object.keys(value)) copy[key] = cloneValue(value[key], seen);
      return copy;
    case '[object Error]': {
      const Ctor = { EvalError, RangeError, ReferenceError, SyntaxError, TypeError, URIError }[value.name] || Error;
      copy = Object.create(Ctor.prototype);
      seen.set(value, copy);
      Object.defineProperty(copy, 'message', { value: String(value.message), writable: true, configurable: true });
      Object.defineProperty(copy, 'stack', { value: value.stack, writable: true, configurable: true });
      if ('cause' in value) Object.defineProperty(copy, 'cause', { value: cloneValue(value.cause, seen), writable: true, configurable: true });
      return copy;
    }
    case '[object Object]':
      if (Object.getPrototypeOf(value) !== Object.prototype && Object.getPrototypeOf(value) !== null
        && typeof value.then === 'function') {
        throw dataCloneError('#<Promise> could not be cloned.');
      }
      copy = {};
      seen.set(value, copy);
      for (const key of Object.keys(value)) copy[key] = cloneValue(value[key], seen);
      return copy;
    default:
      if (ArrayBuffer.isView(value)) {
        const buffer = cloneValue(value.buffer, seen);
        const Ctor = value.constructor;
        copy = value instanceof DataView
          ? new DataView(buffer, value.byteOffset, value.byteLength)
          : new Ctor(buffer, value.byteOffset, value.length);
        break;
      }
      throw dataCloneError(`${tag === '[object Object]' ? '#<Object>' : tag.slice(8, -1)} object could not be cloned.`);
  }
  seen.set(value, copy);
  return copy;
}

function structuredClone(value, options) {
  if (arguments.length === 0) {
    const { codes } = require('internal/errors');
    throw new codes.ERR_MISSING_ARGS('value');
  }
  void options;
  return cloneValue(value, new Map());
}

module.exports = { structuredClone };
