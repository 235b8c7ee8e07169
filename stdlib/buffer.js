// node:buffer. A Buffer is a Uint8Array whose prototype is Buffer.prototype: as in Node, instances are made by
// an internal `FastBuffer extends Uint8Array` class and `Buffer` itself is a plain function (callable with or
// without `new`) that shares FastBuffer's prototype. Byte <-> string conversion is native
// (`binding.buffer.encode/decode/byteLength`, always called with a normalised encoding name); argument handling,
// error codes and messages follow Node v20 and live here.

const {
  ERR_BUFFER_OUT_OF_BOUNDS,
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  ERR_INVALID_BUFFER_SIZE,
  ERR_INVALID_STATE,
  ERR_OUT_OF_RANGE,
  ERR_UNKNOWN_ENCODING,
} = require('internal/errors').codes;
const { isAnyArrayBuffer, isArrayBufferView, isTypedArray, isUint8Array } = require('internal/types');
// The same functions as the atob/btoa globals, as in Node.
const { atob, btoa } = require('internal/base64');

const nativeBuffer = binding.buffer;

// Node's values on 64-bit platforms (V8's limits), reported as-is so code that checks them behaves the same.
const kMaxLength = 2 ** 32;
const kStringMaxLength = 2 ** 29 - 24;

const customInspectSymbol = Symbol.for('nodejs.util.inspect.custom');

let lazyInspect;
function utilInspect(value, options) {
  if (lazyInspect === undefined) lazyInspect = require('internal/inspect').inspect;
  return lazyInspect(value, options);
}

// ---------------------------------------------------------------------------------------------------------------
// Encodings

// Every spelling Node accepts (case-insensitively), mapped to the name the native side understands.
const encodingNames = Object.assign(Object.create(null), {
  'utf8': 'utf8',
  'utf-8': 'utf8',
  'ucs2': 'utf16le',
  'ucs-2': 'utf16le',
  'utf16le': 'utf16le',
  'utf-16le': 'utf16le',
  'latin1': 'latin1',
  'binary': 'latin1',
  'ascii': 'ascii',
  'base64': 'base64',
  'base64url': 'base64url',
  'hex': 'hex',
});

// Like Node's getEncodingOps(): the argument is stringified first, '' and unknown names give undefined.
function lookupEncoding(encoding) {
  encoding = `${encoding}`;
  const name = encodingNames[encoding];
  if (name !== undefined) return name;
  return encodingNames[encoding.toLowerCase()];
}

// Like Node's internal normalizeEncoding() (used by fill() and isEncoding()): null, undefined and '' mean utf8 and
// non-strings are not stringified.
function normalizeEncoding(encoding) {
  if (encoding == null || encoding === '') return 'utf8';
  if (typeof encoding !== 'string') return undefined;
  return lookupEncoding(encoding);
}

// Node estimates base64 lengths from the text instead of decoding it: drop up to two '=' and take 3/4.
function base64ByteLength(str) {
  let bytes = str.length;
  if (str.charCodeAt(bytes - 1) === 0x3D) bytes--;
  if (bytes > 1 && str.charCodeAt(bytes - 1) === 0x3D) bytes--;
  return (bytes * 3) >>> 2;
}

function stringByteLength(string, encoding) {
  switch (encoding) {
    case 'utf16le': return string.length * 2;
    case 'latin1':
    case 'ascii': return string.length;
    case 'base64':
    case 'base64url': return base64ByteLength(string);
    case 'hex': return string.length >>> 1;
    default: return nativeBuffer.byteLength(string, 'utf8');
  }
}

// Errors thrown by Node's C++ layer carry a code but a bare message (no 'The "x" argument ...' wording).
function nativeError(Base, code, message) {
  const err = new Base(message);
  err.code = code;
  return err;
}

// Writes `string` into `buf` at `offset`, at most `length` bytes, the way Node's native *Write() methods do:
// never a partial UTF-8 character or half a UTF-16 code unit. Returns the number of bytes written.
function writeString(buf, string, offset, length, encoding) {
  if (typeof string !== 'string') {
    throw nativeError(TypeError, 'ERR_INVALID_ARG_TYPE', 'argument must be a string');
  }
  const bufLength = buf.length;
  offset = offset === undefined ? 0 : toArrayIndex(offset);
  if (offset > bufLength) {
    throw nativeError(RangeError, 'ERR_BUFFER_OUT_OF_BOUNDS', '"offset" is outside of buffer bounds');
  }
  let max = bufLength - offset;
  if (length !== undefined) max = Math.min(max, toArrayIndex(length));
  if (max <= 0 || string.length === 0) return 0;

  // Avoid encoding text that cannot fit: every code unit is at least one byte (two in UTF-16). One extra unit is
  // kept so a cut surrogate pair still shows up as "does not fit" below.
  if (encoding === 'utf8' || encoding === 'latin1' || encoding === 'ascii') {
    if (string.length > max + 1) string = string.slice(0, max + 1);
  } else if (encoding === 'utf16le') {
    if (string.length > (max >>> 1)) string = string.slice(0, max >>> 1);
  }
  let bytes = nativeBuffer.encode(string, encoding);
  let count = bytes.length;
  if (count > max) {
    count = max;
    if (encoding === 'utf8') {
      // Back up to the first byte of the character that does not fit.
      while (count > 0 && (bytes[count] & 0xC0) === 0x80) count--;
    } else if (encoding === 'utf16le') {
      count -= count & 1;
    }
    bytes = bytes.subarray(0, count);
  }
  Uint8Array.prototype.set.call(buf, bytes, offset);
  return count;
}

// Node's ParseArrayIndex for the native slice/write helpers: integers >= 0, negative is a RangeError.
function toArrayIndex(value) {
  const n = Math.trunc(+value) || 0;
  if (n < 0) throw nativeError(RangeError, 'ERR_OUT_OF_RANGE', 'Index out of range');
  return n;
}

function sliceString(buf, encoding, start, end) {
  const len = buf.length;
  start = start === undefined ? 0 : toArrayIndex(start);
  end = end === undefined ? len : toArrayIndex(end);
  if (end < start) end = start;
  if (end > len) throw nativeError(RangeError, 'ERR_OUT_OF_RANGE', 'Index out of range');
  if (start === end) return '';
  return nativeBuffer.decode(buf, encoding, start, end);
}

// ---------------------------------------------------------------------------------------------------------------
// Validation helpers (Node's internal/validators wording)

function validateNumber(value, name, min, max) {
  if (typeof value !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
  if ((min != null && value < min) || (max != null && value > max) ||
      ((min != null || max != null) && Number.isNaN(value))) {
    const low = min != null ? `>= ${min}` : '';
    const both = min != null && max != null ? ' && ' : '';
    const high = max != null ? `<= ${max}` : '';
    throw new ERR_OUT_OF_RANGE(name, `${low}${both}${high}`, value);
  }
}

function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) throw new ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
}

// Offsets into a buffer: integers in [min, max], max defaulting to kMaxLength.
function validateOffset(value, name, min = 0, max = kMaxLength) {
  validateInteger(value, name, min, max);
}

function validateSize(size) {
  validateNumber(size, 'size', 0, kMaxLength);
}

// ---------------------------------------------------------------------------------------------------------------
// The Buffer function and its allocation pool

class FastBuffer extends Uint8Array {}

// Small unsafe allocations and small from() results are carved out of a shared 8 KiB ArrayBuffer, as in Node
// (so `buf.buffer` may be larger than the buffer and `buf.byteOffset` non-zero).
let poolSize;
let poolOffset;
let allocPool;

function createPool() {
  poolSize = Buffer.poolSize;
  allocPool = new ArrayBuffer(poolSize);
  poolOffset = 0;
}

function alignPool() {
  // Keep slices 8-byte aligned.
  if (poolOffset & 0x7) {
    poolOffset |= 0x7;
    poolOffset++;
  }
}

// Returns a FastBuffer of `size` bytes from the pool (creating the pool on first use).
function allocFromPool(size) {
  if (allocPool === undefined || size > poolSize - poolOffset) createPool();
  const buf = new FastBuffer(allocPool, poolOffset, size);
  poolOffset += size;
  alignPool();
  return buf;
}

function allocate(size) {
  if (size <= 0) return new FastBuffer();
  if (size < (Buffer.poolSize >>> 1)) return allocFromPool(size);
  return new FastBuffer(size);
}

// `Buffer(...)`/`new Buffer(...)` is deprecated (DEP0005) but still works. Node prints the deprecation warning
// only for code outside node_modules, which needs the call stack; rt does not print it.
function Buffer(arg, encodingOrOffset, length) {
  if (typeof arg === 'number') {
    if (typeof encodingOrOffset === 'string') {
      throw new ERR_INVALID_ARG_TYPE('string', 'string', arg);
    }
    return Buffer.alloc(arg);
  }
  return Buffer.from(arg, encodingOrOffset, length);
}

FastBuffer.prototype.constructor = Buffer;
Buffer.prototype = FastBuffer.prototype;
Object.setPrototypeOf(Buffer, Uint8Array);

// Typed array methods that build a new array (map, filter, subarray of a plain Uint8Array call...) go through
// Symbol.species; Node points it at FastBuffer so they return Buffers without calling the deprecated constructor.
Object.defineProperty(Buffer, Symbol.species, {
  enumerable: false,
  configurable: true,
  get() { return FastBuffer; },
});

Buffer.poolSize = 8 * 1024;

function fromString(string, encoding) {
  let name;
  if (!encoding || encoding === 'utf8' || typeof encoding !== 'string') {
    name = 'utf8';
  } else {
    name = lookupEncoding(encoding);
    if (name === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  }
  if (string.length === 0) return new FastBuffer();
  const bytes = nativeBuffer.encode(string, name);
  const length = bytes.length;
  if (length === 0) return new FastBuffer();
  if (length < (Buffer.poolSize >>> 1)) {
    const buf = allocFromPool(length);
    buf.set(bytes);
    return buf;
  }
  return new FastBuffer(bytes.buffer, bytes.byteOffset, length);
}

function fromArrayBuffer(arrayBuffer, byteOffset, length) {
  if (byteOffset === undefined) {
    byteOffset = 0;
  } else {
    byteOffset = +byteOffset;
    if (Number.isNaN(byteOffset)) byteOffset = 0;
  }
  const maxLength = arrayBuffer.byteLength - byteOffset;
  if (maxLength < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS('offset');
  if (length === undefined) {
    length = maxLength;
  } else {
    length = +length;
    if (length > 0) {
      if (length > maxLength) throw new ERR_BUFFER_OUT_OF_BOUNDS('length');
    } else {
      length = 0;
    }
  }
  return new FastBuffer(arrayBuffer, byteOffset, length);
}

// Copies an array or array-like (typed arrays included: their elements go through ToUint8, as with set()).
function fromArrayLike(obj) {
  const length = obj.length;
  if (length <= 0) return new FastBuffer();
  if (length < (Buffer.poolSize >>> 1)) {
    const buf = allocFromPool(length);
    buf.set(obj, 0);
    return buf;
  }
  return new FastBuffer(obj);
}

function fromObject(obj) {
  if (obj.length !== undefined || isAnyArrayBuffer(obj.buffer)) {
    if (typeof obj.length !== 'number') return new FastBuffer();
    return fromArrayLike(obj);
  }
  // The shape produced by buf.toJSON().
  if (obj.type === 'Buffer' && Array.isArray(obj.data)) return fromArrayLike(obj.data);
  return undefined;
}

Buffer.from = function from(value, encodingOrOffset, length) {
  if (typeof value === 'string') return fromString(value, encodingOrOffset);

  if (typeof value === 'object' && value !== null) {
    if (isAnyArrayBuffer(value)) return fromArrayBuffer(value, encodingOrOffset, length);

    // Boxed strings, and objects whose valueOf() yields a string or another source object.
    const valueOf = value.valueOf && value.valueOf();
    if (valueOf != null && valueOf !== value &&
        (typeof valueOf === 'string' || typeof valueOf === 'object')) {
      return from(valueOf, encodingOrOffset, length);
    }

    const buf = fromObject(value);
    if (buf) return buf;

    if (typeof value[Symbol.toPrimitive] === 'function') {
      const primitive = value[Symbol.toPrimitive]('string');
      if (typeof primitive === 'string') return fromString(primitive, encodingOrOffset);
    }
  }

  throw new ERR_INVALID_ARG_TYPE('first argument',
    ['string', 'Buffer', 'ArrayBuffer', 'Array', 'Array-like Object'], value);
};

// Copies the bytes a typed array view covers (not its element values) into a new Buffer.
Buffer.copyBytesFrom = function copyBytesFrom(view, offset, length) {
  if (!isTypedArray(view)) throw new ERR_INVALID_ARG_TYPE('view', ['TypedArray'], view);
  const viewLength = view.length;
  if (viewLength === 0) return Buffer.alloc(0);
  if (offset !== undefined || length !== undefined) {
    if (offset !== undefined) {
      validateInteger(offset, 'offset', 0);
      if (offset >= viewLength) return Buffer.alloc(0);
    } else {
      offset = 0;
    }
    let end;
    if (length !== undefined) {
      validateInteger(length, 'length', 0);
      end = offset + length;
    } else {
      end = viewLength;
    }
    view = view.subarray(offset, end);
  }
  return fromArrayLike(new Uint8Array(view.buffer, view.byteOffset, view.byteLength));
};

// Like %TypedArray%.of, without going through the deprecated constructor. An arrow function, so not a constructor.
Buffer.of = (...items) => {
  const buf = new FastBuffer(items.length);
  for (let i = 0; i < items.length; i++) buf[i] = items[i];
  return buf;
};

Buffer.alloc = function alloc(size, fill, encoding) {
  validateSize(size);
  if (fill !== undefined && fill !== 0 && size > 0) {
    const buf = new FastBuffer(size);
    return fillBuffer(buf, fill, 0, buf.length, encoding);
  }
  return new FastBuffer(size);
};

// rt has no uninitialised memory to hand out: "unsafe" buffers are zero-filled, only pooled.
Buffer.allocUnsafe = function allocUnsafe(size) {
  validateSize(size);
  return allocate(size);
};

Buffer.allocUnsafeSlow = function allocUnsafeSlow(size) {
  validateSize(size);
  return new FastBuffer(size);
};

// Deprecated (DEP0030). Returns a Buffer; `new SlowBuffer(n)` works too since the function returns an object.
function SlowBuffer(size) {
  validateSize(size);
  return new FastBuffer(size);
}
Object.setPrototypeOf(SlowBuffer.prototype, Uint8Array.prototype);
Object.setPrototypeOf(SlowBuffer, Uint8Array);

Buffer.isBuffer = function isBuffer(b) {
  return b instanceof Buffer;
};

Buffer.isEncoding = function isEncoding(encoding) {
  return typeof encoding === 'string' && encoding.length !== 0 && normalizeEncoding(encoding) !== undefined;
};

Buffer.byteLength = function byteLength(string, encoding) {
  if (typeof string !== 'string') {
    if (isArrayBufferView(string) || isAnyArrayBuffer(string)) return string.byteLength;
    throw new ERR_INVALID_ARG_TYPE('string', ['string', 'Buffer', 'ArrayBuffer'], string);
  }
  if (string.length === 0) return 0;
  if (!encoding || encoding === 'utf8') return nativeBuffer.byteLength(string, 'utf8');
  // Node falls back to UTF-8 for unknown encodings here instead of throwing.
  const name = lookupEncoding(encoding);
  return stringByteLength(string, name === undefined ? 'utf8' : name);
};

// Lexicographic byte comparison of a[aStart, aEnd) and b[bStart, bEnd): -1, 0 or 1 (a shorter prefix sorts
// first). Long ranges are compared as latin1 strings, one char per byte, which orders exactly like the bytes and
// runs natively instead of as a byte-by-byte loop in the interpreter.
function compareBytes(a, b, aStart, aEnd, bStart, bEnd) {
  const aLength = aEnd - aStart;
  const bLength = bEnd - bStart;
  const n = Math.min(aLength, bLength);
  if (n >= 32) {
    const x = nativeBuffer.decode(a, 'latin1', aStart, aEnd);
    const y = nativeBuffer.decode(b, 'latin1', bStart, bEnd);
    if (x === y) return 0;
    return x < y ? -1 : 1;
  }
  for (let i = 0; i < n; i++) {
    const x = a[aStart + i];
    const y = b[bStart + i];
    if (x !== y) return x < y ? -1 : 1;
  }
  if (aLength === bLength) return 0;
  return aLength < bLength ? -1 : 1;
}

Buffer.compare = function compare(buf1, buf2) {
  if (!isUint8Array(buf1)) throw new ERR_INVALID_ARG_TYPE('buf1', ['Buffer', 'Uint8Array'], buf1);
  if (!isUint8Array(buf2)) throw new ERR_INVALID_ARG_TYPE('buf2', ['Buffer', 'Uint8Array'], buf2);
  if (buf1 === buf2) return 0;
  return compareBytes(buf1, buf2, 0, buf1.length, 0, buf2.length);
};

Buffer.concat = function concat(list, length) {
  if (!Array.isArray(list)) throw new ERR_INVALID_ARG_TYPE('list', 'Array', list);
  if (list.length === 0) return new FastBuffer();

  if (length === undefined) {
    length = 0;
    for (let i = 0; i < list.length; i++) {
      if (list[i].length) length += list[i].length;
    }
  } else {
    validateOffset(length, 'length');
  }

  const result = Buffer.allocUnsafe(length);
  let pos = 0;
  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    if (!isUint8Array(buf)) {
      throw new ERR_INVALID_ARG_TYPE(`list[${i}]`, ['Buffer', 'Uint8Array'], buf);
    }
    pos += copyBytes(buf, result, pos, 0, buf.length);
  }
  // A `length` larger than the total leaves zeros at the end (pooled memory may be reused, so clear it).
  if (pos < length) result.fill(0, pos, length);
  return result;
};

// ---------------------------------------------------------------------------------------------------------------
// Prototype: strings

const proto = Buffer.prototype;

// The per-encoding helpers Node exposes on Buffer.prototype (utf8Slice, hexWrite, ...).
for (const [prefix, encoding] of [['ascii', 'ascii'], ['base64', 'base64'], ['base64url', 'base64url'],
  ['latin1', 'latin1'], ['hex', 'hex'], ['ucs2', 'utf16le'], ['utf8', 'utf8']]) {
  const slice = function (start, end) {
    return sliceString(this, encoding, start, end);
  };
  const write = function (string, offset, length) {
    return writeString(this, string, offset, length, encoding);
  };
  Object.defineProperty(slice, 'name', { value: `${prefix}Slice` });
  Object.defineProperty(write, 'name', { value: `${prefix}Write` });
  proto[`${prefix}Slice`] = slice;
  proto[`${prefix}Write`] = write;
}

proto.toString = function toString(encoding, start, end) {
  if (arguments.length === 0) return nativeBuffer.decode(this, 'utf8', 0, this.length);

  // Out-of-range start/end are clamped rather than rejected, unlike the other methods.
  const len = this.length;
  if (start <= 0) start = 0;
  else if (start >= len) return '';
  else start = Math.trunc(start) || 0;

  if (end === undefined || end > len) end = len;
  else end = Math.trunc(end) || 0;

  if (end <= start) return '';

  let name = 'utf8';
  if (encoding !== undefined) {
    name = lookupEncoding(encoding);
    if (name === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  }
  return nativeBuffer.decode(this, name, start, end);
};

proto.toLocaleString = proto.toString;

proto.write = function write(string, offset, length, encoding) {
  if (offset === undefined) return writeString(this, string, 0, this.length, 'utf8');

  if (length === undefined && typeof offset === 'string') {
    // write(string, encoding)
    encoding = offset;
    length = this.length;
    offset = 0;
  } else {
    // write(string, offset[, length][, encoding])
    validateOffset(offset, 'offset', 0, this.length);
    const remaining = this.length - offset;
    if (length === undefined) {
      length = remaining;
    } else if (typeof length === 'string') {
      encoding = length;
      length = remaining;
    } else {
      validateOffset(length, 'length', 0, this.length);
      if (length > remaining) length = remaining;
    }
  }

  let name = 'utf8';
  if (encoding && encoding !== 'utf8') {
    name = lookupEncoding(encoding);
    if (name === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
  }
  return writeString(this, string, offset, length, name);
};

proto.toJSON = function toJSON() {
  const data = new Array(this.length);
  for (let i = 0; i < this.length; i++) data[i] = this[i];
  return { type: 'Buffer', data };
};

// Legacy aliases for .buffer / .byteOffset (only meaningful on Buffers).
Object.defineProperty(proto, 'parent', {
  enumerable: true,
  configurable: true,
  get() {
    if (!(this instanceof Buffer)) return undefined;
    return this.buffer;
  },
});
Object.defineProperty(proto, 'offset', {
  enumerable: true,
  configurable: true,
  get() {
    if (!(this instanceof Buffer)) return undefined;
    return this.byteOffset;
  },
});

// ---------------------------------------------------------------------------------------------------------------
// Prototype: comparing, copying, searching, filling

proto.equals = function equals(otherBuffer) {
  if (!isUint8Array(otherBuffer)) {
    throw new ERR_INVALID_ARG_TYPE('otherBuffer', ['Buffer', 'Uint8Array'], otherBuffer);
  }
  if (this === otherBuffer) return true;
  const len = this.byteLength;
  if (len !== otherBuffer.byteLength) return false;
  return compareBytes(this, otherBuffer, 0, len, 0, len) === 0;
};

proto.compare = function compare(target, targetStart, targetEnd, sourceStart, sourceEnd) {
  if (!isUint8Array(target)) throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);
  if (arguments.length === 1) return compareBytes(this, target, 0, this.length, 0, target.length);

  if (targetStart === undefined) targetStart = 0;
  else validateOffset(targetStart, 'targetStart');
  if (targetEnd === undefined) targetEnd = target.length;
  else validateOffset(targetEnd, 'targetEnd', 0, target.length);
  if (sourceStart === undefined) sourceStart = 0;
  else validateOffset(sourceStart, 'sourceStart');
  if (sourceEnd === undefined) sourceEnd = this.length;
  else validateOffset(sourceEnd, 'sourceEnd', 0, this.length);

  if (sourceStart >= sourceEnd) return targetStart >= targetEnd ? 0 : -1;
  if (targetStart >= targetEnd) return 1;

  // Node's native compareOffset rejects starts past the end with this bare message.
  if (sourceStart > this.length) {
    throw nativeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "sourceStart" is out of range.');
  }
  if (targetStart > target.length) {
    throw nativeError(RangeError, 'ERR_OUT_OF_RANGE', 'The value of "targetStart" is out of range.');
  }
  return compareBytes(this, target, sourceStart, sourceEnd, targetStart, targetEnd);
};

// Node's toInteger for copy(): numbers are floored, anything unusable becomes `defaultVal`.
function toInteger(n, defaultVal) {
  n = +n;
  if (!Number.isNaN(n) && n >= Number.MIN_SAFE_INTEGER && n <= Number.MAX_SAFE_INTEGER) {
    return n % 1 === 0 ? n : Math.floor(n);
  }
  return defaultVal;
}

// Copies source[sourceStart, sourceEnd) to target[targetStart...], clipped to both ends. Overlap is fine
// (TypedArray#set copies through a temporary when both share a buffer). Returns the number of bytes copied.
function copyBytes(source, target, targetStart, sourceStart, sourceEnd) {
  if (sourceEnd - sourceStart > target.length - targetStart) {
    sourceEnd = sourceStart + target.length - targetStart;
  }
  let nb = sourceEnd - sourceStart;
  const sourceLen = source.length - sourceStart;
  if (nb > sourceLen) nb = sourceLen;
  if (nb <= 0) return 0;
  if (sourceStart !== 0 || nb < source.length) {
    source = new Uint8Array(source.buffer, source.byteOffset + sourceStart, nb);
  }
  Uint8Array.prototype.set.call(target, source, targetStart);
  return nb;
}

proto.copy = function copy(target, targetStart, sourceStart, sourceEnd) {
  if (!isUint8Array(this)) throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], this);
  if (!isUint8Array(target)) throw new ERR_INVALID_ARG_TYPE('target', ['Buffer', 'Uint8Array'], target);

  if (targetStart === undefined) {
    targetStart = 0;
  } else {
    targetStart = Number.isInteger(targetStart) ? targetStart : toInteger(targetStart, 0);
    if (targetStart < 0) throw new ERR_OUT_OF_RANGE('targetStart', '>= 0', targetStart);
  }
  if (sourceStart === undefined) {
    sourceStart = 0;
  } else {
    sourceStart = Number.isInteger(sourceStart) ? sourceStart : toInteger(sourceStart, 0);
    if (sourceStart < 0 || sourceStart > this.length) {
      throw new ERR_OUT_OF_RANGE('sourceStart', `>= 0 && <= ${this.length}`, sourceStart);
    }
  }
  if (sourceEnd === undefined) {
    sourceEnd = this.length;
  } else {
    sourceEnd = Number.isInteger(sourceEnd) ? sourceEnd : toInteger(sourceEnd, 0);
    if (sourceEnd < 0) throw new ERR_OUT_OF_RANGE('sourceEnd', '>= 0', sourceEnd);
  }

  if (targetStart >= target.length || sourceStart >= sourceEnd) return 0;
  return copyBytes(this, target, targetStart, sourceStart, sourceEnd);
};

// Node's IndexOfOffset: where a search starts, or -1 when it cannot match.
function searchStart(length, offset, needleLength, forward) {
  if (offset < 0) {
    if (offset + length >= 0) return length + offset; // counts back from the end
    if (forward || needleLength === 0) return 0;
    return -1;
  }
  if (offset + needleLength <= length) return offset;
  if (needleLength === 0) return length;
  return forward ? -1 : length - 1;
}

// First (forward) or last (backward) position p, stepping by `step` from `start`, where haystack[p...] begins
// with the first `count` bytes of needle; positions never exceed `last`. -1 when there is none. Candidates are
// found with the native TypedArray indexOf/lastIndexOf on the first byte, so a miss costs no interpreted loop.
function scan(haystack, needle, count, start, last, step, forward) {
  const first = needle[0];
  let pos = forward ? start : Math.min(start, last);
  while (forward ? pos <= last : pos >= 0) {
    pos = forward ? uint8IndexOf.call(haystack, first, pos) : uint8LastIndexOf.call(haystack, first, pos);
    if (pos === -1 || (forward && pos > last)) return -1;
    if (pos % step !== 0) {
      // UTF-16 matches start on even offsets only.
      pos += forward ? 1 : -1;
      continue;
    }
    let j = 1;
    while (j < count && haystack[pos + j] === needle[j]) j++;
    if (j >= count) return pos;
    pos += forward ? step : -step;
  }
  return -1;
}

const uint8IndexOf = Uint8Array.prototype.indexOf;
const uint8LastIndexOf = Uint8Array.prototype.lastIndexOf;

// Node's indexOfString/indexOfBuffer/indexOfNumber. `wide` is the UTF-16 mode: the search moves in whole
// two-byte units from the start of the buffer (an odd-length needle loses its last byte), and a miss inside an
// odd-length buffer is reported as its last even offset when `oddMissQuirk` is set, as Node's native code does
// for Buffer needles.
function search(haystack, needle, offset, forward, wide, oddMissQuirk) {
  const hLength = haystack.length;
  const nLength = needle.length;
  const start = searchStart(hLength, offset, nLength, forward);
  if (nLength === 0) return start;
  if (hLength === 0 || start <= -1) return -1;
  if ((forward && nLength + start > hLength) || nLength > hLength) return -1;
  if (!wide) return scan(haystack, needle, nLength, start, hLength - nLength, 1, forward);

  if (hLength < 2 || nLength < 2) return -1;
  const units = nLength >>> 1;
  const last = ((hLength >>> 1) - units) * 2;
  const found = scan(haystack, needle, units * 2, start - (start & 1), last, 2, forward);
  if (found === -1 && oddMissQuirk && (hLength & 1) === 1) return hLength - 1;
  return found;
}

function indexOfImpl(buffer, value, byteOffset, encoding, forward) {
  if (!isArrayBufferView(buffer)) {
    throw new ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
  }
  if (!isUint8Array(buffer)) buffer = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);

  if (typeof byteOffset === 'string') {
    encoding = byteOffset;
    byteOffset = undefined;
  } else if (byteOffset > 0x7fffffff) {
    byteOffset = 0x7fffffff;
  } else if (byteOffset < -0x80000000) {
    byteOffset = -0x80000000;
  }
  // null, [] and friends become 0; undefined, 'foo', {} become NaN and mean "the whole buffer".
  byteOffset = +byteOffset;
  if (Number.isNaN(byteOffset)) byteOffset = forward ? 0 : (buffer.length || buffer.byteLength);
  byteOffset = Math.trunc(byteOffset) || 0; // and -0 becomes 0

  if (typeof value === 'number') {
    return search(buffer, [(value >>> 0) & 0xff], byteOffset, forward, false, false);
  }

  const name = encoding === undefined ? 'utf8' : lookupEncoding(encoding);

  if (typeof value === 'string') {
    if (name === undefined) throw new ERR_UNKNOWN_ENCODING(encoding);
    const needle = nativeBuffer.encode(value, name);
    return search(buffer, needle, byteOffset, forward, name === 'utf16le', false);
  }

  if (isUint8Array(value)) {
    return search(buffer, value, byteOffset, forward, name === 'utf16le', true);
  }

  throw new ERR_INVALID_ARG_TYPE('value', ['number', 'string', 'Buffer', 'Uint8Array'], value);
}

proto.indexOf = function indexOf(value, byteOffset, encoding) {
  return indexOfImpl(this, value, byteOffset, encoding, true);
};

proto.lastIndexOf = function lastIndexOf(value, byteOffset, encoding) {
  return indexOfImpl(this, value, byteOffset, encoding, false);
};

proto.includes = function includes(value, byteOffset, encoding) {
  return this.indexOf(value, byteOffset, encoding) !== -1;
};

// fill(value[, offset[, end]][, encoding]): numbers fill bytes; strings and byte views are repeated (truncated at
// the end); anything else goes through ToNumber and keeps the low byte.
function fillBuffer(buf, value, offset, end, encoding) {
  let name;
  if (typeof value === 'string') {
    if (offset === undefined || typeof offset === 'string') {
      encoding = offset;
      offset = 0;
      end = buf.length;
    } else if (typeof end === 'string') {
      encoding = end;
      end = buf.length;
    }
    name = normalizeEncoding(encoding);
    if (name === undefined) {
      if (typeof encoding !== 'string') throw new ERR_INVALID_ARG_TYPE('encoding', 'string', encoding);
      throw new ERR_UNKNOWN_ENCODING(encoding);
    }
    if (value.length === 0) {
      value = 0; // '' fills with zeros
    } else if (value.length === 1) {
      // One character that is one byte in this encoding: fill with that byte.
      const code = value.charCodeAt(0);
      if ((name === 'utf8' && code < 128) || name === 'latin1') value = code;
    }
  }

  if (offset === undefined) {
    offset = 0;
    end = buf.length;
  } else {
    validateOffset(offset, 'offset');
    if (end === undefined) end = buf.length;
    else validateOffset(end, 'end', 0, buf.length);
    if (offset >= end) return buf;
  }

  if (typeof value === 'number') {
    if (end - offset + offset > buf.byteLength) throw new ERR_BUFFER_OUT_OF_BOUNDS();
    Uint8Array.prototype.fill.call(buf, value, offset, end);
    return buf;
  }

  let pattern;
  if (typeof value === 'string') {
    pattern = nativeBuffer.encode(value, name);
  } else if (isArrayBufferView(value)) {
    pattern = new Uint8Array(value.buffer, value.byteOffset, value.byteLength);
  } else {
    Uint8Array.prototype.fill.call(buf, (+value >>> 0) & 0xff, offset, end);
    return buf;
  }
  if (offset > buf.length) throw new ERR_BUFFER_OUT_OF_BOUNDS();
  const fillLength = end - offset;
  if (pattern.length === 0) throw new ERR_INVALID_ARG_VALUE('value', value);
  if (pattern.length >= fillLength) {
    Uint8Array.prototype.set.call(buf, pattern.subarray(0, fillLength), offset);
    return buf;
  }
  // Lay down the pattern once, then keep doubling the filled region.
  Uint8Array.prototype.set.call(buf, pattern, offset);
  let filled = pattern.length;
  while (filled < fillLength) {
    const chunk = Math.min(filled, fillLength - filled);
    buf.copyWithin(offset + filled, offset, offset + chunk);
    filled += chunk;
  }
  return buf;
}

proto.fill = function fill(value, offset, end, encoding) {
  return fillBuffer(this, value, offset, end, encoding);
};

// Node's adjustOffset for slice()/subarray(): negative counts from the end, everything is clamped.
function adjustOffset(offset, length) {
  offset = Math.trunc(offset);
  if (offset === 0) return 0;
  if (offset < 0) {
    offset += length;
    return offset > 0 ? offset : 0;
  }
  if (offset < length) return offset;
  return Number.isNaN(offset) ? 0 : length;
}

// Both return views on the same memory (Node's slice() does not copy, unlike Uint8Array#slice).
proto.subarray = function subarray(start, end) {
  const srcLength = this.length;
  start = adjustOffset(start, srcLength);
  end = end !== undefined ? adjustOffset(end, srcLength) : srcLength;
  const newLength = end > start ? end - start : 0;
  return new FastBuffer(this.buffer, this.byteOffset + start, newLength);
};

proto.slice = function slice(start, end) {
  return this.subarray(start, end);
};

function swapBytes(buf, size, label) {
  const len = buf.length;
  if (len % size !== 0) throw new ERR_INVALID_BUFFER_SIZE(label);
  for (let i = 0; i < len; i += size) {
    for (let a = i, b = i + size - 1; a < b; a++, b--) {
      const t = buf[a];
      buf[a] = buf[b];
      buf[b] = t;
    }
  }
  return buf;
}

proto.swap16 = function swap16() {
  return swapBytes(this, 2, '16-bits');
};

proto.swap32 = function swap32() {
  return swapBytes(this, 4, '32-bits');
};

proto.swap64 = function swap64() {
  return swapBytes(this, 8, '64-bits');
};

// ---------------------------------------------------------------------------------------------------------------
// Prototype: reading and writing numbers

// The error for a read/write at a bad offset (or a bad byteLength when `type` is 'byteLength'), worded as
// Node's boundsError().
function boundsError(value, length, type) {
  if (Math.floor(value) !== value) {
    validateNumber(value, type);
    throw new ERR_OUT_OF_RANGE(type || 'offset', 'an integer', value);
  }
  if (length < 0) throw new ERR_BUFFER_OUT_OF_BOUNDS();
  throw new ERR_OUT_OF_RANGE(type || 'offset', `>= ${type ? 1 : 0} and <= ${length}`, value);
}

// `size` bytes starting at `offset` must exist. Non-integer offsets fail here too: buf[1.5] is undefined.
function checkBounds(buf, offset, size) {
  validateNumber(offset, 'offset');
  if (buf[offset] === undefined || buf[offset + size - 1] === undefined) {
    boundsError(offset, buf.length - size);
  }
}

function checkByteLength(byteLength) {
  if (byteLength !== 1 && byteLength !== 2 && byteLength !== 3 &&
      byteLength !== 4 && byteLength !== 5 && byteLength !== 6) {
    boundsError(byteLength, 6, 'byteLength');
  }
}

// Unsigned value of `size` (<= 6) bytes; callers check bounds first.
function readUnsigned(buf, offset, size, littleEndian) {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < size; i++) {
    value += buf[littleEndian ? offset + i : offset + size - 1 - i] * scale;
    scale *= 256;
  }
  return value;
}

function readSigned(buf, offset, size, littleEndian) {
  const value = readUnsigned(buf, offset, size, littleEndian);
  const limit = 2 ** (size * 8 - 1);
  return value >= limit ? value - limit * 2 : value;
}

// The range text of Node's checkInt(): small sizes list min and max, larger ones use powers of two
// (bigint bounds get an `n` suffix).
function checkInt(value, min, max, buf, offset, size) {
  if (value > max || value < min) {
    const n = typeof min === 'bigint' ? 'n' : '';
    const bits = size * 8;
    let range;
    if (size > 4) {
      if (min === 0 || min === 0n) range = `>= 0${n} and < 2${n} ** ${bits}${n}`;
      else range = `>= -(2${n} ** ${bits - 1}${n}) and < 2${n} ** ${bits - 1}${n}`;
    } else {
      range = `>= ${min}${n} and <= ${max}${n}`;
    }
    throw new ERR_OUT_OF_RANGE('value', range, value);
  }
  checkBounds(buf, offset, size);
}

// Stores the low `size` bytes of an integer-valued number (two's complement for negatives). The low 32 bits use
// ToUint8/>>> like Node; bits above come from the value divided by 2 ** 32.
function writeInteger(buf, value, offset, size, littleEndian) {
  let low = value;
  let high = size > 4 ? Math.floor(value * 2 ** -32) : 0;
  for (let i = 0; i < size; i++) {
    const index = littleEndian ? offset + i : offset + size - 1 - i;
    if (i < 4) {
      buf[index] = low;
      low = low >>> 8;
    } else {
      buf[index] = high;
      high = high >>> 8;
    }
  }
  return offset + size;
}

function writeIntegerChecked(buf, value, offset, size, littleEndian, min, max) {
  value = +value;
  if (size === 1) {
    // One byte: Node checks the offset's type before the value's range.
    validateNumber(offset, 'offset');
    if (value > max || value < min) throw new ERR_OUT_OF_RANGE('value', `>= ${min} and <= ${max}`, value);
    if (buf[offset] === undefined) boundsError(offset, buf.length - 1);
    buf[offset] = value;
    return offset + 1;
  }
  checkInt(value, min, max, buf, offset, size);
  return writeInteger(buf, value, offset, size, littleEndian);
}

const unsignedMax = [0, 0xff, 0xffff, 0xffffff, 0xffffffff, 0xffffffffff, 0xffffffffffff];

function defineIntegerMethods(size) {
  const bits = size * 8;
  const uMax = unsignedMax[size];
  const sMax = 2 ** (bits - 1) - 1;
  const sMin = -(2 ** (bits - 1));
  const suffixes = size === 1 ? [['', true]] : [['LE', true], ['BE', false]];
  for (const [suffix, littleEndian] of suffixes) {
    const readU = function (offset = 0) {
      checkBounds(this, offset, size);
      return readUnsigned(this, offset, size, littleEndian);
    };
    const readS = function (offset = 0) {
      checkBounds(this, offset, size);
      return readSigned(this, offset, size, littleEndian);
    };
    const writeU = function (value, offset = 0) {
      return writeIntegerChecked(this, value, offset, size, littleEndian, 0, uMax);
    };
    const writeS = function (value, offset = 0) {
      return writeIntegerChecked(this, value, offset, size, littleEndian, sMin, sMax);
    };
    Object.defineProperty(readU, 'name', { value: `readUInt${bits}${suffix}` });
    Object.defineProperty(readS, 'name', { value: `readInt${bits}${suffix}` });
    Object.defineProperty(writeU, 'name', { value: `writeUInt${bits}${suffix}` });
    Object.defineProperty(writeS, 'name', { value: `writeInt${bits}${suffix}` });
    proto[`readUInt${bits}${suffix}`] = readU;
    proto[`readUint${bits}${suffix}`] = readU;
    proto[`readInt${bits}${suffix}`] = readS;
    proto[`writeUInt${bits}${suffix}`] = writeU;
    proto[`writeUint${bits}${suffix}`] = writeU;
    proto[`writeInt${bits}${suffix}`] = writeS;
  }
}
defineIntegerMethods(1);
defineIntegerMethods(2);
defineIntegerMethods(4);

// Variable-width integers, 1 to 6 bytes.
function defineVariableWidthMethods(suffix, littleEndian) {
  proto[`readUInt${suffix}`] = proto[`readUint${suffix}`] = function readUIntN(offset, byteLength) {
    if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
    checkByteLength(byteLength);
    checkBounds(this, offset, byteLength);
    return readUnsigned(this, offset, byteLength, littleEndian);
  };
  proto[`readInt${suffix}`] = function readIntN(offset, byteLength) {
    if (offset === undefined) throw new ERR_INVALID_ARG_TYPE('offset', 'number', offset);
    checkByteLength(byteLength);
    checkBounds(this, offset, byteLength);
    return readSigned(this, offset, byteLength, littleEndian);
  };
  proto[`writeUInt${suffix}`] = proto[`writeUint${suffix}`] = function writeUIntN(value, offset, byteLength) {
    checkByteLength(byteLength);
    return writeIntegerChecked(this, value, offset, byteLength, littleEndian, 0, unsignedMax[byteLength]);
  };
  proto[`writeInt${suffix}`] = function writeIntN(value, offset, byteLength) {
    checkByteLength(byteLength);
    const half = 2 ** (byteLength * 8 - 1);
    return writeIntegerChecked(this, value, offset, byteLength, littleEndian, -half, half - 1);
  };
}
defineVariableWidthMethods('LE', true);
defineVariableWidthMethods('BE', false);

// 64-bit integers as BigInt.
function readBig64(buf, offset, littleEndian, signed) {
  checkBounds(buf, offset, 8);
  const high = littleEndian ? readUnsigned(buf, offset + 4, 4, true) : readUnsigned(buf, offset, 4, false);
  const low = littleEndian ? readUnsigned(buf, offset, 4, true) : readUnsigned(buf, offset + 4, 4, false);
  const highBig = signed ? BigInt(high | 0) : BigInt(high);
  return (highBig << 32n) + BigInt(low);
}

function writeBig64(buf, value, offset, littleEndian, min, max) {
  checkInt(value, min, max, buf, offset, 8);
  const low = Number(value & 0xffffffffn);
  const high = Number((value >> 32n) & 0xffffffffn);
  writeInteger(buf, low, littleEndian ? offset : offset + 4, 4, littleEndian);
  writeInteger(buf, high, littleEndian ? offset + 4 : offset, 4, littleEndian);
  return offset + 8;
}

const kMaxU64 = 0xffffffffffffffffn;
const kMinI64 = -0x8000000000000000n;
const kMaxI64 = 0x7fffffffffffffffn;

proto.readBigUInt64LE = proto.readBigUint64LE = function readBigUInt64LE(offset = 0) {
  return readBig64(this, offset, true, false);
};
proto.readBigUInt64BE = proto.readBigUint64BE = function readBigUInt64BE(offset = 0) {
  return readBig64(this, offset, false, false);
};
proto.readBigInt64LE = function readBigInt64LE(offset = 0) {
  return readBig64(this, offset, true, true);
};
proto.readBigInt64BE = function readBigInt64BE(offset = 0) {
  return readBig64(this, offset, false, true);
};
proto.writeBigUInt64LE = proto.writeBigUint64LE = function writeBigUInt64LE(value, offset = 0) {
  return writeBig64(this, value, offset, true, 0n, kMaxU64);
};
proto.writeBigUInt64BE = proto.writeBigUint64BE = function writeBigUInt64BE(value, offset = 0) {
  return writeBig64(this, value, offset, false, 0n, kMaxU64);
};
proto.writeBigInt64LE = function writeBigInt64LE(value, offset = 0) {
  return writeBig64(this, value, offset, true, kMinI64, kMaxI64);
};
proto.writeBigInt64BE = function writeBigInt64BE(value, offset = 0) {
  return writeBig64(this, value, offset, false, kMinI64, kMaxI64);
};

// Floats go through a scratch typed array; byte order is fixed up by hand so the result does not depend on the
// host's endianness.
const float32 = new Float32Array(1);
const float32Bytes = new Uint8Array(float32.buffer);
const float64 = new Float64Array(1);
const float64Bytes = new Uint8Array(float64.buffer);
float32[0] = -1;
const hostLittleEndian = float32Bytes[3] === 0xbf;

function readFloatBytes(buf, offset, scratchBytes, littleEndian) {
  const size = scratchBytes.length;
  checkBounds(buf, offset, size);
  const inOrder = littleEndian === hostLittleEndian;
  for (let i = 0; i < size; i++) scratchBytes[inOrder ? i : size - 1 - i] = buf[offset + i];
}

function writeFloatBytes(buf, offset, scratchBytes, littleEndian) {
  const size = scratchBytes.length;
  const inOrder = littleEndian === hostLittleEndian;
  for (let i = 0; i < size; i++) buf[offset + i] = scratchBytes[inOrder ? i : size - 1 - i];
  return offset + size;
}

proto.readFloatLE = function readFloatLE(offset = 0) {
  readFloatBytes(this, offset, float32Bytes, true);
  return float32[0];
};
proto.readFloatBE = function readFloatBE(offset = 0) {
  readFloatBytes(this, offset, float32Bytes, false);
  return float32[0];
};
proto.readDoubleLE = function readDoubleLE(offset = 0) {
  readFloatBytes(this, offset, float64Bytes, true);
  return float64[0];
};
proto.readDoubleBE = function readDoubleBE(offset = 0) {
  readFloatBytes(this, offset, float64Bytes, false);
  return float64[0];
};
proto.writeFloatLE = function writeFloatLE(value, offset = 0) {
  value = +value;
  checkBounds(this, offset, 4);
  float32[0] = value;
  return writeFloatBytes(this, offset, float32Bytes, true);
};
proto.writeFloatBE = function writeFloatBE(value, offset = 0) {
  value = +value;
  checkBounds(this, offset, 4);
  float32[0] = value;
  return writeFloatBytes(this, offset, float32Bytes, false);
};
proto.writeDoubleLE = function writeDoubleLE(value, offset = 0) {
  value = +value;
  checkBounds(this, offset, 8);
  float64[0] = value;
  return writeFloatBytes(this, offset, float64Bytes, true);
};
proto.writeDoubleBE = function writeDoubleBE(value, offset = 0) {
  value = +value;
  checkBounds(this, offset, 8);
  float64[0] = value;
  return writeFloatBytes(this, offset, float64Bytes, false);
};

// ---------------------------------------------------------------------------------------------------------------
// Prototype: inspection

let INSPECT_MAX_BYTES = 50;

const isIndexKey = (key) => typeof key === 'string' && key === String(Number(key) >>> 0) && key !== '4294967295';

// util.inspect() shows `<Buffer 68 65 6c 6c 6f>`, at most INSPECT_MAX_BYTES bytes, then any extra own properties.
proto[customInspectSymbol] = function inspect(recurseTimes, ctx) {
  const max = INSPECT_MAX_BYTES;
  const shown = Math.min(max, this.length);
  const remaining = this.length - max;
  const hex = nativeBuffer.decode(this, 'hex', 0, shown);
  let str = hex.replace(/(.{2})/g, '$1 ').trim();
  if (remaining > 0) str += ` ... ${remaining} more byte${remaining > 1 ? 's' : ''}`;
  if (ctx) {
    // Index keys come first in Reflect.ownKeys, so the others are the suffix after them.
    const all = Reflect.ownKeys(this);
    let start = all.length;
    while (start > 0 && !isIndexKey(all[start - 1])) start--;
    const keys = all.slice(start).filter((key) =>
      ctx.showHidden || Object.prototype.propertyIsEnumerable.call(this, key));
    if (keys.length > 0) {
      const extras = Object.create(null);
      for (const key of keys) extras[key] = this[key];
      if (this.length !== 0) str += ', ';
      // Inspect the extras as a null-prototype object and keep what is between the braces:
      // '[Object: null prototype] { ' is 27 characters, ' }' is 2.
      str += utilInspect(extras, { ...ctx, breakLength: Infinity, compact: true }).slice(27, -2);
    }
  }
  return `<${this.constructor.name} ${str}>`;
};
proto.inspect = proto[customInspectSymbol];

// ---------------------------------------------------------------------------------------------------------------
// Module functions

function bytesOf(input) {
  if (isTypedArray(input)) {
    if (input.buffer.detached === true) {
      throw new ERR_INVALID_STATE('Cannot validate on a detached buffer');
    }
    return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  }
  if (isAnyArrayBuffer(input)) {
    if (input.detached === true) throw new ERR_INVALID_STATE('Cannot validate on a detached buffer');
    return new Uint8Array(input);
  }
  throw new ERR_INVALID_ARG_TYPE('input', ['ArrayBuffer', 'Buffer', 'TypedArray'], input);
}

function isAscii(input) {
  const bytes = bytesOf(input);
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] > 0x7f) return false;
  }
  return true;
}

// Well-formed UTF-8: shortest forms only, no surrogates, nothing above U+10FFFF.
function isUtf8(input) {
  const bytes = bytesOf(input);
  const len = bytes.length;
  let i = 0;
  while (i < len) {
    const b = bytes[i];
    if (b < 0x80) {
      i++;
      continue;
    }
    let need;
    let lower = 0x80;
    let upper = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      if (b === 0xe0) lower = 0xa0;
      if (b === 0xed) upper = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      if (b === 0xf0) lower = 0x90;
      if (b === 0xf4) upper = 0x8f;
    } else {
      return false;
    }
    if (i + need >= len) return false;
    const second = bytes[i + 1];
    if (second === undefined || second < lower || second > upper) return false;
    for (let k = 2; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < 0x80 || c > 0xbf) return false;
    }
    i += need + 1;
  }
  return true;
}

// Unpaired UTF-16 surrogates become U+FFFD (String#toWellFormed, written out for engines without it).
function replaceLoneSurrogates(text) {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0xd800 || c > 0xdfff) continue;
    if (c <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
    }
    out += `${text.slice(from, i)}\ufffd`;
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

function transcodeError(name, errno) {
  const err = new Error(`Unable to transcode Buffer [${name}]`);
  err.code = name;
  err.errno = errno;
  return err;
}

// Node's ICU-backed transcode() between the four encodings ICU handles there. Characters latin1/ascii cannot hold
// become '?'; malformed UTF-8/UTF-16 input is an error when converting to a Unicode encoding, a '?' otherwise.
function transcode(source, fromEncoding, toEncoding) {
  if (!isUint8Array(source)) throw new ERR_INVALID_ARG_TYPE('source', ['Buffer', 'Uint8Array'], source);
  if (source.length === 0) return Buffer.alloc(0);
  const from = normalizeEncoding(fromEncoding) || fromEncoding;
  const to = normalizeEncoding(toEncoding) || toEncoding;
  const supported = ['ascii', 'latin1', 'utf16le', 'utf8'];
  if (!supported.includes(from) || !supported.includes(to)) throw transcodeError('U_ILLEGAL_ARGUMENT_ERROR', 1);
  // Same-encoding conversions still go through ICU in Node, which replaces what it cannot decode.
  if (from === to) {
    if (from === 'latin1') return Buffer.from(source);
    if (from === 'ascii') return Buffer.from(source.map((byte) => (byte < 0x80 ? byte : 0x3f)));
    let text = nativeBuffer.decode(source, from, 0, source.length);
    if (from === 'utf16le') {
      text = replaceLoneSurrogates(text);
      if (source.length & 1) text += '\ufffd'; // the dangling byte
    }
    return Buffer.from(text, from);
  }

  const toUnicode = to === 'utf8' || to === 'utf16le';
  let text;
  if (from === 'ascii' && to !== 'utf16le') {
    // ICU's US-ASCII decoder maps bytes above 0x7f to U+FFFD (the widening to UTF-16 below does not).
    text = '';
    for (let i = 0; i < source.length; i++) {
      text += source[i] < 0x80 ? String.fromCharCode(source[i]) : '\ufffd';
    }
  } else {
    text = nativeBuffer.decode(source, from === 'ascii' ? 'latin1' : from, 0, source.length);
  }
  if (toUnicode) {
    const malformed = from === 'utf8' ? !isUtf8(source)
      : from === 'utf16le' && replaceLoneSurrogates(text) !== text;
    if (malformed) throw transcodeError('U_INVALID_CHAR_FOUND', 10);
    return Buffer.from(text, to);
  }
  const limit = to === 'ascii' ? 0x7f : 0xff;
  text = text.replace(/[\ud800-\udbff][\udc00-\udfff]|[^\x00-\xff]/g, '?');
  if (limit === 0x7f) text = text.replace(/[\x80-\xff]/g, '?');
  return Buffer.from(text, 'latin1');
}

module.exports = {
  Buffer,
  SlowBuffer,
  transcode,
  isUtf8,
  isAscii,
  kMaxLength,
  kStringMaxLength,
  btoa,
  atob,
};

Object.defineProperties(module.exports, {
  constants: {
    configurable: false,
    enumerable: true,
    value: Object.defineProperties({}, {
      MAX_LENGTH: { value: kMaxLength, writable: false, enumerable: true },
      MAX_STRING_LENGTH: { value: kStringMaxLength, writable: false, enumerable: true },
    }),
  },
  // Assignable, as in Node (`require('buffer').INSPECT_MAX_BYTES = 10`).
  INSPECT_MAX_BYTES: {
    configurable: true,
    enumerable: true,
    get() { return INSPECT_MAX_BYTES; },
    set(value) {
      validateNumber(value, 'INSPECT_MAX_BYTES', 0);
      INSPECT_MAX_BYTES = value;
    },
  },
});
