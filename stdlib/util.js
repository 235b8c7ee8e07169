// node:util — formatting and inspection (from internal/inspect), promisify/callbackify, inherits, deprecate,
// debuglog, styleText, parseArgs, the `types` checks and the legacy `isX` helpers, with Node 20's behaviour
// and error codes.

const { inspect, format, formatWithOptions, stripVTControlCharacters } = require('internal/inspect');
const types = require('util/types');
const { codes } = require('internal/errors');

function validateFunction(value, name) {
  if (typeof value !== 'function') throw new codes.ERR_INVALID_ARG_TYPE(name, 'Function', value);
}

function validateString(value, name) {
  if (typeof value !== 'string') throw new codes.ERR_INVALID_ARG_TYPE(name, 'string', value);
}

function validateBoolean(value, name) {
  if (typeof value !== 'boolean') throw new codes.ERR_INVALID_ARG_TYPE(name, 'boolean', value);
}

function validateOneOf(value, name, allowed) {
  if (!allowed.includes(value)) {
    const list = allowed.map((v) => (typeof v === 'string' ? `'${v}'` : String(v))).join(', ');
    throw new codes.ERR_INVALID_ARG_VALUE(name, value, `must be one of: ${list}`);
  }
}

// ---------------------------------------------------------------------------------------------------------
// promisify / callbackify

const kCustomPromisifiedSymbol = Symbol.for('nodejs.util.promisify.custom');
// Lets built-in modules say which names a multi-value callback resolves to (fs.read → { bytesRead, buffer }),
// as Node's internal customPromisifyArgs does.
const kCustomPromisifyArgsSymbol = Symbol('customPromisifyArgs');

function promisify(original) {
  validateFunction(original, 'original');

  if (original[kCustomPromisifiedSymbol]) {
    const fn = original[kCustomPromisifiedSymbol];
    validateFunction(fn, 'util.promisify.custom');
    return Object.defineProperty(fn, kCustomPromisifiedSymbol, {
      value: fn, enumerable: false, writable: false, configurable: true,
    });
  }

  const argumentNames = original[kCustomPromisifyArgsSymbol];

  function fn(...args) {
    return new Promise((resolve, reject) => {
      args.push((err, ...values) => {
        if (err) return reject(err);
        if (argumentNames !== undefined && values.length > 1) {
          const obj = {};
          for (let i = 0; i < argumentNames.length; i++) obj[argumentNames[i]] = values[i];
          resolve(obj);
        } else {
          resolve(values[0]);
        }
      });
      Reflect.apply(original, this, args);
    });
  }

  // Like Node: same prototype (so an async-looking original stays recognisable) and all own properties
  // (name, length, custom fields) copied over.
  Object.setPrototypeOf(fn, Object.getPrototypeOf(original));
  Object.defineProperty(fn, kCustomPromisifiedSymbol, {
    value: fn, enumerable: false, writable: false, configurable: true,
  });
  return Object.defineProperties(fn, Object.getOwnPropertyDescriptors(original));
}

promisify.custom = kCustomPromisifiedSymbol;

function callbackifyOnRejected(reason, cb) {
  // A falsy rejection would read as success to the callback; Node wraps it with the original in `.reason`.
  if (!reason) {
    const err = new codes.ERR_FALSY_VALUE_REJECTION();
    err.reason = reason;
    reason = err;
  }
  return cb(reason);
}

function callbackify(original) {
  validateFunction(original, 'original');

  function callbackified(...args) {
    const maybeCb = args.pop();
    validateFunction(maybeCb, 'last argument');
    const cb = maybeCb.bind(this);
    // The callback runs on a later tick, outside the promise chain, so its exceptions are not swallowed.
    Reflect.apply(original, this, args).then(
      (ret) => process.nextTick(cb, null, ret),
      (rej) => process.nextTick(callbackifyOnRejected, rej, cb));
  }

  const descriptors = Object.getOwnPropertyDescriptors(original);
  if (typeof descriptors.length.value === 'number') descriptors.length.value++;
  if (typeof descriptors.name.value === 'string') descriptors.name.value += 'Callbackified';
  Object.defineProperties(callbackified, descriptors);
  return callbackified;
}

// ---------------------------------------------------------------------------------------------------------
// inherits, deprecate, debuglog

function inherits(ctor, superCtor) {
  if (ctor === undefined || ctor === null) throw new codes.ERR_INVALID_ARG_TYPE('ctor', 'Function', ctor);
  if (superCtor === undefined || superCtor === null) {
    throw new codes.ERR_INVALID_ARG_TYPE('superCtor', 'Function', superCtor);
  }
  if (superCtor.prototype === undefined) {
    throw new codes.ERR_INVALID_ARG_TYPE('superCtor.prototype', 'Object', superCtor.prototype);
  }
  Object.defineProperty(ctor, 'super_', { value: superCtor, writable: true, configurable: true });
  Object.setPrototypeOf(ctor.prototype, superCtor.prototype);
}

// Deprecation codes already warned about: Node warns once per code across all wrappers.
const codesWarned = new Set();

function deprecate(fn, msg, code) {
  if (code !== undefined) validateString(code, 'code');
  let warned = false;

  function deprecated(...args) {
    if (!process.noDeprecation && !warned) {
      warned = true;
      if (code !== undefined) {
        if (!codesWarned.has(code)) {
          codesWarned.add(code);
          process.emitWarning(msg, 'DeprecationWarning', code, deprecated);
        }
      } else {
        process.emitWarning(msg, 'DeprecationWarning', deprecated);
      }
    }
    if (new.target) return Reflect.construct(fn, args, new.target);
    return Reflect.apply(fn, this, args);
  }

  // Keep the wrapped function's statics and instances working through the wrapper.
  Object.setPrototypeOf(deprecated, fn);
  if (fn.prototype) deprecated.prototype = fn.prototype;
  return deprecated;
}

// Node's rule for coloring output on a stream: FORCE_COLOR wins, else a TTY with more than 2 bits of color.
function shouldColorize(stream) {
  const env = process.env || {};
  if (env.FORCE_COLOR !== undefined) {
    return !['0', 'false'].includes(String(env.FORCE_COLOR)) && env.NODE_DISABLE_COLORS === undefined;
  }
  return Boolean(stream && stream.isTTY &&
    (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true));
}

// NODE_DEBUG is read once, on the first debuglog call that needs it: a comma-separated list of section names
// where `*` matches anything, case-insensitive.
let debugEnvTest;
const debugImpls = Object.create(null);

function testDebugEnabled(set) {
  if (debugEnvTest === undefined) {
    const debugEnv = process.env && process.env.NODE_DEBUG;
    if (debugEnv) {
      const pattern = debugEnv.replace(/[|\\{}()[\]^$+?.]/g, '\\$&').replaceAll('*', '.*').replaceAll(',', '$|^');
      const re = new RegExp(`^${pattern}$`, 'i');
      debugEnvTest = (s) => re.test(s);
    } else {
      debugEnvTest = () => false;
    }
  }
  return debugEnvTest(set);
}

function debuglogImpl(enabled, set) {
  if (debugImpls[set] === undefined) {
    if (enabled) {
      const pid = process.pid;
      if (set === 'HTTP' || set === 'HTTP2') {
        process.emitWarning(`Setting the NODE_DEBUG environment variable to '${set.toLowerCase()}' can expose ` +
          'sensitive data (such as passwords, tokens and authentication headers) in the resulting log.');
      }
      debugImpls[set] = function debug(...args) {
        const colors = shouldColorize(process.stderr);
        const msg = formatWithOptions({ colors }, ...args);
        const coloredPID = inspect(pid, { colors });
        process.stderr.write(format('%s %s: %s\n', set, coloredPID, msg));
      };
    } else {
      debugImpls[set] = () => {};
    }
  }
  return debugImpls[set];
}

// Returns a logger that prints `SECTION PID: message` to stderr when NODE_DEBUG names the section, and does
// nothing otherwise. The environment is consulted lazily, on first use, as in Node.
function debuglog(set, cb) {
  let enabled;
  let initialized = false;
  const init = () => {
    if (!initialized) {
      initialized = true;
      set = set.toUpperCase();
      enabled = testDebugEnabled(set);
    }
  };
  let debug = (...args) => {
    init();
    debug = debuglogImpl(enabled, set);
    if (typeof cb === 'function') cb(debug);
    return debug(...args);
  };
  const logger = (...args) => debug(...args);
  Object.defineProperty(logger, 'enabled', {
    get() {
      init();
      return enabled;
    },
    configurable: true,
    enumerable: true,
  });
  return logger;
}

// ---------------------------------------------------------------------------------------------------------
// styleText

function isStreamLike(stream) {
  return stream !== null && typeof stream === 'object' &&
    (typeof stream.write === 'function' || typeof stream.on === 'function' || typeof stream.getReader === 'function');
}

function styleText(format, text, { validateStream = true, stream = process.stdout } = {}) {
  validateString(text, 'text');
  validateBoolean(validateStream, 'options.validateStream');
  if (validateStream && !isStreamLike(stream)) {
    throw new codes.ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }
  const escape = (code) => `\u001b[${code}m`;
  if (Array.isArray(format)) {
    let left = '';
    let right = '';
    for (const key of format) {
      const formatCodes = inspect.colors[key];
      if (formatCodes == null) validateOneOf(key, 'format', Object.keys(inspect.colors));
      left += escape(formatCodes[0]);
      right = `${escape(formatCodes[1])}${right}`;
    }
    return `${left}${text}${right}`;
  }
  const formatCodes = inspect.colors[format];
  if (formatCodes == null) validateOneOf(format, 'format', Object.keys(inspect.colors));
  // Only plain text for streams that do not show colors (checked after validating, as Node does).
  if (validateStream && (!stream || !shouldColorize(stream))) return text;
  return `${escape(formatCodes[0])}${text}${escape(formatCodes[1])}`;
}

// ---------------------------------------------------------------------------------------------------------
// Legacy helpers (deprecated in the docs since v4, still plain functions in Node 20)

function isBoolean(arg) { return typeof arg === 'boolean'; }
function isNull(arg) { return arg === null; }
function isNullOrUndefined(arg) { return arg === null || arg === undefined; }
function isNumber(arg) { return typeof arg === 'number'; }
function isString(arg) { return typeof arg === 'string'; }
function isSymbol(arg) { return typeof arg === 'symbol'; }
function isUndefined(arg) { return arg === undefined; }
function isObject(arg) { return arg !== null && typeof arg === 'object'; }
function isError(e) { return Object.prototype.toString.call(e) === '[object Error]' || e instanceof Error; }
function isFunction(arg) { return typeof arg === 'function'; }
function isPrimitive(arg) { return arg === null || (typeof arg !== 'object' && typeof arg !== 'function'); }

function isBuffer(value) {
  let Buffer = globalThis.Buffer;
  if (Buffer === undefined) {
    try {
      ({ Buffer } = require('buffer'));
    } catch {
      return false;
    }
  }
  return Buffer.isBuffer(value);
}

function _extend(target, source) {
  if (source === null || typeof source !== 'object') return target;
  const keys = Object.keys(source);
  let i = keys.length;
  while (i--) target[keys[i]] = source[keys[i]];
  return target;
}

const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

// util.log: `26 Feb 16:19:34 - message` on stdout.
function log(...args) {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  const time = [pad(d.getHours()), pad(d.getMinutes()), pad(d.getSeconds())].join(':');
  console.log('%s - %s', `${d.getDate()} ${months[d.getMonth()]} ${time}`, format(...args));
}

// String.prototype.toWellFormed, with a fallback that replaces lone surrogates by U+FFFD.
function toUSVString(input) {
  const str = `${input}`;
  if (typeof String.prototype.toWellFormed === 'function') return str.toWellFormed();
  return str.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?:^|[^\ud800-\udbff])[\udc00-\udfff]/g,
    (m) => (m.length === 2 ? `${m[0]}\ufffd` : '\ufffd'));
}

let isDeepStrictEqualImpl;

module.exports = {
  _extend,
  callbackify,
  debug: debuglog,
  debuglog,
  deprecate,
  format,
  styleText,
  formatWithOptions,
  inherits,
  inspect,
  isArray: Array.isArray,
  isBoolean,
  isBuffer,
  isDeepStrictEqual(a, b) {
    if (isDeepStrictEqualImpl === undefined) {
      isDeepStrictEqualImpl = require('internal/util_comparisons').isDeepStrictEqual;
    }
    return isDeepStrictEqualImpl(a, b);
  },
  isNull,
  isNullOrUndefined,
  isNumber,
  isString,
  isSymbol,
  isUndefined,
  isRegExp: types.isRegExp,
  isObject,
  isDate: types.isDate,
  isError,
  isFunction,
  isPrimitive,
  log,
  promisify,
  stripVTControlCharacters,
  toUSVString,
  types,
};

// Loaded on first access, like Node's lazy properties: parseArgs lives in its own file, TextEncoder /
// TextDecoder are the globals. Reading replaces the accessor with the value; assigning overrides it.
function defineLazy(name, load) {
  let value;
  let loaded = false;
  Object.defineProperty(module.exports, name, {
    get() {
      if (!loaded) {
        value = load();
        loaded = true;
      }
      return value;
    },
    set(v) {
      Object.defineProperty(module.exports, name, { value: v, writable: true, enumerable: true, configurable: true });
    },
    enumerable: true,
    configurable: true,
  });
}

defineLazy('parseArgs', () => require('internal/parse_args').parseArgs);
defineLazy('TextDecoder', () => globalThis.TextDecoder);
defineLazy('TextEncoder', () => globalThis.TextEncoder);

// For other built-ins (fs.read, dns.lookup, ...): the names a multi-value callback resolves to.
Object.defineProperty(module.exports, 'customPromisifyArgs', { value: kCustomPromisifyArgsSymbol, enumerable: false });
