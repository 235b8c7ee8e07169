// How a worker's uncaught exception reaches its parent (Node's lib/internal/error_serdes.js): an Error is
// sent as the name of its nearest built-in Error constructor plus all its properties, read through the
// prototype chain, and comes back as `Object.create(Constructor.prototype, properties)`. Other values go
// as a structured clone, or failing that as their inspect() text.

const errorConstructorNames = new Set([
  'Error', 'EvalError', 'RangeError', 'ReferenceError', 'SyntaxError', 'TypeError', 'URIError',
]);

function allProperties(object, target = object) {
  const all = { __proto__: null };
  if (object === null) return all;
  Object.assign(all, allProperties(Object.getPrototypeOf(object), target));
  for (const key of Object.getOwnPropertyNames(object)) {
    let descriptor;
    try {
      descriptor = Object.getOwnPropertyDescriptor(object, key);
    } catch {
      continue;
    }
    if (descriptor.get && key !== '__proto__') {
      try {
        descriptor.value = descriptor.get.call(target);
      } catch {
        // a throwing getter is left out
      }
    }
    if ('value' in descriptor && typeof descriptor.value !== 'function' && typeof descriptor.value !== 'symbol') {
      delete descriptor.get;
      delete descriptor.set;
      all[key] = descriptor;
    }
  }
  return all;
}

function constructorNames(object) {
  const names = [];
  for (let current = object; current !== null; current = Object.getPrototypeOf(current)) {
    const descriptor = Object.getOwnPropertyDescriptor(current, 'constructor');
    const name = descriptor && descriptor.value && Object.getOwnPropertyDescriptor(descriptor.value, 'name');
    if (name && typeof name.value === 'string') names.push(name.value);
  }
  return names;
}

// A rejection with a non-Error reason ends a worker with this error (Node's UnhandledPromiseRejection).
function unhandledRejectionError(reason) {
  // V8's side-effect-free ToString: primitives as String() gives them, objects as #<Constructor>.
  let text;
  if (typeof reason === 'object' && reason !== null) {
    text = `#<${reason.constructor?.name ?? 'Object'}>`;
  } else {
    text = String(reason);
  }
  const error = new Error('This error originated either by throwing inside of an async function without a catch ' +
    'block, or by rejecting a promise which was not handled with .catch(). The promise rejected with the reason ' +
    `"${text}".`);
  error.name = 'UnhandledPromiseRejection';
  error.code = 'ERR_UNHANDLED_REJECTION';
  return error;
}

function isErrorLike(value) {
  return typeof value === 'object' && value !== null && Object.prototype.toString.call(value) === '[object Error]';
}

function serializeError(error, fromPromise = false) {
  if (fromPromise && !isErrorLike(error)) error = unhandledRejectionError(error);
  if (typeof error === 'symbol') return { kind: 'symbol', description: error.description };
  try {
    if (isErrorLike(error)) {
      const name = constructorNames(error).find((n) => errorConstructorNames.has(n));
      if (name !== undefined) {
        const properties = { ...allProperties(error) };
        binding.worker.structuredClone(properties);
        return { kind: 'error', constructor: name, properties };
      }
    }
  } catch {
    // fall through to a plain clone
  }
  try {
    binding.worker.structuredClone(error);
    return { kind: 'value', value: error };
  } catch {
    // fall through to text
  }
  return { kind: 'inspected', text: require('internal/inspect').inspect(error) };
}

function deserializeError(serialized) {
  switch (serialized.kind) {
    case 'error': {
      const properties = serialized.properties;
      Object.defineProperty(properties, Symbol.toStringTag, {
        value: { value: 'Error', configurable: true },
        enumerable: true,
      });
      return Object.create(globalThis[serialized.constructor].prototype, properties);
    }
    case 'value':
      return serialized.value;
    case 'symbol':
      return Symbol.for(serialized.description);
    default:
      return serialized.text;
  }
}

module.exports = { serializeError, deserializeError };
