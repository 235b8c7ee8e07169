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

function serializeError(error) {
  try {
    if (typeof error === 'object' && error !== null && Object.prototype.toString.call(error) === '[object Error]') {
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
  if (typeof error !== 'symbol') {
    try {
      binding.worker.structuredClone(error);
      return { kind: 'value', value: error };
    } catch {
      // fall through to text
    }
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
    default:
      return serialized.text;
  }
}

module.exports = { serializeError, deserializeError };
