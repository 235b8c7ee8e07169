// node:test's mocks: `mock.fn()`, `mock.method()` (and `getter`/`setter`), `mock.reset()`,
// `mock.restoreAll()`, and the `.mock` context of each mock function (`calls`, `callCount()`,
// `mockImplementation()`, `mockImplementationOnce()`, `resetCalls()`, `restore()`).
//
// As in Node, a mock function is a Proxy of the original function, so it keeps its name and length;
// each call is recorded as a null-prototype `{ arguments, error, result, stack, target, this }`.
// `mock.timers` (experimental in Node 20) is not provided.

'use strict';

function errors() {
  return require('internal/errors').codes;
}

function validateFunction(value, name) {
  if (typeof value !== 'function') throw new (errors().ERR_INVALID_ARG_TYPE)(name, 'Function', value);
}

function validateObject(value, name) {
  if (value === null || typeof value !== 'object') throw new (errors().ERR_INVALID_ARG_TYPE)(name, 'Object', value);
}

function validateTimes(times) {
  if (times === Infinity) return;
  if (!Number.isInteger(times)) throw new (errors().ERR_INVALID_ARG_TYPE)('options.times', 'number', times);
  if (times < 1) throw new (errors().ERR_OUT_OF_RANGE)('options.times', '>= 1', times);
}

// Marks "no implementation given" for mock.method(), which then keeps calling the original method.
const kDefaultFunction = function () {};

class MockFunctionContext {
  #calls = [];
  #onceImplementations = new Map();
  #implementation;
  #restore;
  #times;

  constructor(implementation, restore, times) {
    this.#implementation = implementation;
    this.#restore = restore;
    this.#times = times;
  }

  get calls() {
    return this.#calls.slice();
  }

  callCount() {
    return this.#calls.length;
  }

  mockImplementation(implementation) {
    validateFunction(implementation, 'implementation');
    this.#implementation = implementation;
  }

  mockImplementationOnce(implementation, onCall) {
    validateFunction(implementation, 'implementation');
    const nextCall = this.#calls.length;
    const call = onCall ?? nextCall;
    if (!Number.isInteger(call)) throw new (errors().ERR_INVALID_ARG_TYPE)('onCall', 'number', call);
    if (call < nextCall) throw new (errors().ERR_OUT_OF_RANGE)('onCall', `>= ${nextCall}`, call);
    this.#onceImplementations.set(call, implementation);
  }

  restore() {
    const { descriptor, object, original, methodName } = this.#restore;
    if (methodName !== undefined) {
      // A mocked method: put the original property back.
      Object.defineProperty(object, methodName, descriptor);
    } else {
      this.#implementation = original;
    }
  }

  resetCalls() {
    this.#calls = [];
  }

  // The implementation for the call about to happen: a once-implementation for this call, else the
  // current one. After `times` calls the mock goes back to the original. (Static, so that the
  // context's prototype shows only Node's methods.)
  static nextImplementation(ctx) {
    const call = ctx.#calls.length;
    const implementation = ctx.#onceImplementations.get(call) ?? ctx.#implementation;
    ctx.#onceImplementations.delete(call);
    if (call + 1 === ctx.#times) ctx.restore();
    return implementation;
  }

  static track(ctx, call) {
    ctx.#calls.push(call);
  }
}

// Own or inherited property descriptor of `object[name]`.
function findDescriptor(object, name) {
  for (let target = object; target !== null && target !== undefined; target = Object.getPrototypeOf(target)) {
    const descriptor = Object.getOwnPropertyDescriptor(target, name);
    if (descriptor !== undefined) return descriptor;
  }
  return undefined;
}

class MockTracker {
  #mocks = [];

  // Node 20's experimental fake timers are not provided.
  get timers() {
    throw new (errors().ERR_METHOD_NOT_IMPLEMENTED)('mock.timers');
  }

  // (The default is named explicitly: Node's mock of nothing is called 'original'.)
  fn(original = function original() {}, implementation = original, options = {}) {
    if (original !== null && typeof original === 'object') {
      options = original;
      original = function original() {};
      implementation = original;
    } else if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = original;
    }
    validateFunction(original, 'original');
    validateFunction(implementation, 'implementation');
    validateObject(options, 'options');
    const { times = Infinity } = options;
    validateTimes(times);
    const ctx = new MockFunctionContext(implementation, { original }, times);
    return this.#setup(ctx, original);
  }

  method(object, methodName, implementation = kDefaultFunction, options = {}) {
    if (typeof methodName !== 'string' && typeof methodName !== 'symbol') {
      throw new (errors().ERR_INVALID_ARG_TYPE)('methodName', ['string', 'symbol'], methodName);
    }
    if (object === null || (typeof object !== 'object' && typeof object !== 'function')) {
      throw new (errors().ERR_INVALID_ARG_TYPE)('object', ['Object', 'Function'], object);
    }
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = kDefaultFunction;
    }
    validateFunction(implementation, 'implementation');
    validateObject(options, 'options');
    const { getter = false, setter = false, times = Infinity } = options;
    validateTimes(times);
    if (getter && setter) {
      throw new (errors().ERR_INVALID_ARG_VALUE)('options.setter', setter, "cannot be used with 'options.getter'");
    }
    const descriptor = findDescriptor(object, methodName);
    const original = getter ? descriptor?.get : setter ? descriptor?.set : descriptor?.value;
    if (typeof original !== 'function') {
      throw new (errors().ERR_INVALID_ARG_VALUE)('methodName', original, 'must be a method');
    }
    const ctx = new MockFunctionContext(implementation === kDefaultFunction ? original : implementation,
      { descriptor, object, methodName }, times);
    const mock = this.#setup(ctx, original);
    const replacement = { configurable: descriptor.configurable, enumerable: descriptor.enumerable };
    if (getter) {
      replacement.get = mock;
      replacement.set = descriptor.set;
    } else if (setter) {
      replacement.get = descriptor.get;
      replacement.set = mock;
    } else {
      replacement.writable = descriptor.writable;
      replacement.value = mock;
    }
    Object.defineProperty(object, methodName, replacement);
    return mock;
  }

  getter(object, methodName, implementation = kDefaultFunction, options = {}) {
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = kDefaultFunction;
    }
    return this.method(object, methodName, implementation, { ...options, getter: true });
  }

  setter(object, methodName, implementation = kDefaultFunction, options = {}) {
    if (implementation !== null && typeof implementation === 'object') {
      options = implementation;
      implementation = kDefaultFunction;
    }
    return this.method(object, methodName, implementation, { ...options, setter: true });
  }

  reset() {
    this.restoreAll();
    this.#mocks = [];
  }

  restoreAll() {
    for (const { ctx } of this.#mocks) ctx.restore();
  }

  #setup(ctx, original) {
    const mock = new Proxy(original, {
      apply(target, thisArg, args) {
        const implementation = MockFunctionContext.nextImplementation(ctx);
        let result;
        let error;
        try {
          result = Reflect.apply(implementation, thisArg, args);
        } catch (err) {
          error = err;
          throw err;
        } finally {
          MockFunctionContext.track(ctx, { __proto__: null, arguments: args, error, result, stack: new Error(), target: undefined, this: thisArg });
        }
        return result;
      },
      construct(target, args, newTarget) {
        const implementation = MockFunctionContext.nextImplementation(ctx);
        let result;
        let error;
        try {
          result = Reflect.construct(implementation, args, newTarget);
        } catch (err) {
          error = err;
          throw err;
        } finally {
          MockFunctionContext.track(ctx, { __proto__: null, arguments: args, error, result, stack: new Error(), target, this: result });
        }
        return result;
      },
      get(target, property, receiver) {
        if (property === 'mock') return ctx;
        return Reflect.get(target, property, receiver);
      },
    });
    this.#mocks.push({ mock, ctx });
    return mock;
  }
}

module.exports = { MockTracker, MockFunctionContext };
