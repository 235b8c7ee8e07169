// Brand checks shared by `node:util/types` and `internal/inspect`.
//
// Node asks V8 about an object's internal slots; plain ECMAScript cannot, so each check below calls a built-in
// method that only works on objects carrying the right slot (`Map.prototype.has`, the `size` getter, the
// `%TypedArray%.prototype[Symbol.toStringTag]` getter, ...) and catches the TypeError it throws otherwise.
// That keeps the checks honest: a plain object with `Symbol.toStringTag = 'Map'` is not a Map, and a Map
// subclass instance still is. Promises and proxies have no such probe without side effects, so those two ask
// `binding.util`.
//
// The built-ins are looked up once, when this module is first required, so later monkey-patching of
// `Map.prototype.has` and friends by user code cannot change the answers.

const getterOf = (proto, key) => {
  const desc = Object.getOwnPropertyDescriptor(proto, key);
  return desc === undefined ? undefined : desc.get;
};

const TypedArrayPrototype = Object.getPrototypeOf(Uint8Array.prototype);
const typedArrayTag = getterOf(TypedArrayPrototype, Symbol.toStringTag);
const arrayBufferByteLength = getterOf(ArrayBuffer.prototype, 'byteLength');
const sharedArrayBufferByteLength = typeof SharedArrayBuffer === 'function'
  ? getterOf(SharedArrayBuffer.prototype, 'byteLength') : undefined;
const dataViewBuffer = getterOf(DataView.prototype, 'buffer');
const mapSize = getterOf(Map.prototype, 'size');
const setSize = getterOf(Set.prototype, 'size');
const weakMapHas = WeakMap.prototype.has;
const weakSetHas = WeakSet.prototype.has;
const regExpSource = getterOf(RegExp.prototype, 'source');
const dateGetTime = Date.prototype.getTime;
const numberValueOf = Number.prototype.valueOf;
const stringValueOf = String.prototype.valueOf;
const booleanValueOf = Boolean.prototype.valueOf;
const bigintValueOf = BigInt.prototype.valueOf;
const symbolValueOf = Symbol.prototype.valueOf;
const objectToString = Object.prototype.toString;
const hasOwn = Object.prototype.hasOwnProperty;

// Calls `fn` with `value` as `this`; true when it did not throw (i.e. `value` has the slot `fn` needs).
function probe(fn, value, arg) {
  try {
    Reflect.apply(fn, value, [arg]);
    return true;
  } catch {
    return false;
  }
}

function isObjectLike(value) {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

// Intrinsic prototypes that have no global name (function kinds, iterators). Built on first use only, to keep
// module load cheap.
let intrinsics;
function getIntrinsics() {
  if (intrinsics === undefined) {
    const proto = Object.getPrototypeOf;
    /* eslint-disable no-empty-function */
    const asyncFn = async function () {};
    const genFn = function* () {};
    const asyncGenFn = async function* () {};
    /* eslint-enable no-empty-function */
    intrinsics = {
      AsyncFunctionPrototype: proto(asyncFn),
      GeneratorFunctionPrototype: proto(genFn),
      AsyncGeneratorFunctionPrototype: proto(asyncGenFn),
      GeneratorPrototype: proto(genFn.prototype),
      AsyncGeneratorPrototype: proto(asyncGenFn.prototype),
      MapIteratorPrototype: proto(new Map()[Symbol.iterator]()),
      SetIteratorPrototype: proto(new Set()[Symbol.iterator]()),
    };
  }
  return intrinsics;
}

function protoChainHas(value, proto) {
  if (!isObjectLike(value)) return false;
  try {
    return Object.prototype.isPrototypeOf.call(proto, value);
  } catch {
    return false; // a Proxy trap threw
  }
}

function isTypedArray(value) {
  return isObjectLike(value) && Reflect.apply(typedArrayTag, value, []) !== undefined;
}

// The constructor name of a typed array ('Uint8Array', ...) or undefined; reads no user-visible property.
function typedArrayName(value) {
  return isObjectLike(value) ? Reflect.apply(typedArrayTag, value, []) : undefined;
}

const typedArrayCheck = (name) => (value) => typedArrayName(value) === name;

function isArrayBuffer(value) {
  return isObjectLike(value) && probe(arrayBufferByteLength, value);
}

function isSharedArrayBuffer(value) {
  return sharedArrayBufferByteLength !== undefined && isObjectLike(value) &&
    probe(sharedArrayBufferByteLength, value);
}

function isAnyArrayBuffer(value) {
  return isArrayBuffer(value) || isSharedArrayBuffer(value);
}

function isDataView(value) {
  return isObjectLike(value) && probe(dataViewBuffer, value);
}

function isArrayBufferView(value) {
  return ArrayBuffer.isView(value);
}

function isMap(value) {
  return isObjectLike(value) && probe(mapSize, value);
}

function isSet(value) {
  return isObjectLike(value) && probe(setSize, value);
}

function isWeakMap(value) {
  return isObjectLike(value) && probe(weakMapHas, value, {});
}

function isWeakSet(value) {
  return isObjectLike(value) && probe(weakSetHas, value, {});
}

// ENGINE-SENSITIVE: iterators have no side-effect-free brand check (their `next` advances them), so these
// look for the intrinsic %MapIteratorPrototype% / %SetIteratorPrototype% on the prototype chain.
function isMapIterator(value) {
  return protoChainHas(value, getIntrinsics().MapIteratorPrototype);
}

function isSetIterator(value) {
  return protoChainHas(value, getIntrinsics().SetIteratorPrototype);
}

function isRegExp(value) {
  // The `source` getter throws for every non-RegExp except RegExp.prototype itself, which has no
  // [[RegExpMatcher]] either.
  return isObjectLike(value) && value !== RegExp.prototype && probe(regExpSource, value);
}

function isDate(value) {
  return isObjectLike(value) && probe(dateGetTime, value);
}

function isNumberObject(value) {
  return typeof value === 'object' && value !== null && probe(numberValueOf, value);
}

function isStringObject(value) {
  return typeof value === 'object' && value !== null && probe(stringValueOf, value);
}

function isBooleanObject(value) {
  return typeof value === 'object' && value !== null && probe(booleanValueOf, value);
}

function isBigIntObject(value) {
  return typeof value === 'object' && value !== null && probe(bigintValueOf, value);
}

function isSymbolObject(value) {
  return typeof value === 'object' && value !== null && probe(symbolValueOf, value);
}

function isBoxedPrimitive(value) {
  return isNumberObject(value) || isStringObject(value) || isBooleanObject(value) ||
    isBigIntObject(value) || isSymbolObject(value);
}

// Object.prototype.toString reports the [[ErrorData]] / [[ParameterMap]] slots ('[object Error]',
// '[object Arguments]') unless a Symbol.toStringTag overrides it; refuse to trust a result when such a tag
// is present, since it could be forged.
function builtinTag(value) {
  let tag;
  try {
    tag = value[Symbol.toStringTag];
  } catch {
    return undefined;
  }
  if (typeof tag === 'string') return undefined;
  return Reflect.apply(objectToString, value, []);
}

function isNativeError(value) {
  return isObjectLike(value) && typeof value !== 'function' && builtinTag(value) === '[object Error]';
}

function isArgumentsObject(value) {
  // Arguments objects (mapped or strict) always have an own `callee`.
  return typeof value === 'object' && value !== null && !Array.isArray(value) &&
    Reflect.apply(hasOwn, value, ['callee']) && builtinTag(value) === '[object Arguments]';
}

// ENGINE-SENSITIVE: function kinds are told apart by their intrinsic prototype (%AsyncFunction.prototype%,
// ...), which is what `async function` / `function*` objects get at creation. Node asks V8 for the function
// kind instead, so a function whose prototype was swapped answers differently here.
function isAsyncFunction(value) {
  if (typeof value !== 'function') return false;
  const { AsyncFunctionPrototype, AsyncGeneratorFunctionPrototype } = getIntrinsics();
  const proto = Object.getPrototypeOf(value);
  return proto === AsyncFunctionPrototype || proto === AsyncGeneratorFunctionPrototype;
}

function isGeneratorFunction(value) {
  if (typeof value !== 'function') return false;
  const { GeneratorFunctionPrototype, AsyncGeneratorFunctionPrototype } = getIntrinsics();
  const proto = Object.getPrototypeOf(value);
  return proto === GeneratorFunctionPrototype || proto === AsyncGeneratorFunctionPrototype;
}

function isGeneratorObject(value) {
  const { GeneratorPrototype, AsyncGeneratorPrototype } = getIntrinsics();
  return protoChainHas(value, GeneratorPrototype) || protoChainHas(value, AsyncGeneratorPrototype);
}

function isPromise(value) {
  return isObjectLike(value) && binding.util.getPromiseDetails(value) !== undefined;
}

function isProxy(value) {
  return isObjectLike(value) && binding.util.getProxyDetails(value) !== undefined;
}

// A module namespace object is the only exotic object that is born non-extensible with a null prototype and a
// non-writable, non-configurable own `Symbol.toStringTag` of 'Module'. Pure ECMAScript has no stronger test.
function isModuleNamespaceObject(value) {
  if (typeof value !== 'object' || value === null) return false;
  if (Object.getPrototypeOf(value) !== null || Object.isExtensible(value)) return false;
  const desc = Object.getOwnPropertyDescriptor(value, Symbol.toStringTag);
  return desc !== undefined && desc.value === 'Module' && !desc.writable && !desc.enumerable &&
    !desc.configurable;
}

// There are no V8 externals or crypto keys in rt.
function isExternal() {
  return false;
}

function isKeyObject() {
  return false;
}

function isCryptoKey() {
  return false;
}

module.exports = {
  isExternal,
  isDate,
  isArgumentsObject,
  isBigIntObject,
  isBooleanObject,
  isNumberObject,
  isStringObject,
  isSymbolObject,
  isNativeError,
  isRegExp,
  isAsyncFunction,
  isGeneratorFunction,
  isGeneratorObject,
  isPromise,
  isMap,
  isSet,
  isMapIterator,
  isSetIterator,
  isWeakMap,
  isWeakSet,
  isArrayBuffer,
  isDataView,
  isSharedArrayBuffer,
  isProxy,
  isModuleNamespaceObject,
  isAnyArrayBuffer,
  isBoxedPrimitive,
  isArrayBufferView,
  isTypedArray,
  isUint8Array: typedArrayCheck('Uint8Array'),
  isUint8ClampedArray: typedArrayCheck('Uint8ClampedArray'),
  isUint16Array: typedArrayCheck('Uint16Array'),
  isUint32Array: typedArrayCheck('Uint32Array'),
  isInt8Array: typedArrayCheck('Int8Array'),
  isInt16Array: typedArrayCheck('Int16Array'),
  isInt32Array: typedArrayCheck('Int32Array'),
  isFloat32Array: typedArrayCheck('Float32Array'),
  isFloat64Array: typedArrayCheck('Float64Array'),
  isBigInt64Array: typedArrayCheck('BigInt64Array'),
  isBigUint64Array: typedArrayCheck('BigUint64Array'),
  isKeyObject,
  isCryptoKey,
};

// Not part of `util.types`; inspect needs it. Non-enumerable so `util/types` can re-export the public surface
// with a plain spread.
Object.defineProperty(module.exports, 'typedArrayName', { value: typedArrayName, enumerable: false });
