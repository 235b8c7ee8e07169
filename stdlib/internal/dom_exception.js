// DOMException as Node exposes it globally (WebIDL): `name`, `message` and the legacy numeric `code` are prototype
// getters over per-instance state, the 25 legacy `*_ERR` constants sit on both the constructor and the prototype,
// and instances are `instanceof Error` with an own `stack` whose first line reads `AbortError: message`.

// The legacy name -> code table from WebIDL; names outside it (and the historic DOMStringSizeError,
// NoDataAllowedError, ValidationError) report code 0, as in Node.
const legacyCodes = {
  IndexSizeError: 1,
  HierarchyRequestError: 3,
  WrongDocumentError: 4,
  InvalidCharacterError: 5,
  NoModificationAllowedError: 7,
  NotFoundError: 8,
  NotSupportedError: 9,
  InUseAttributeError: 10,
  InvalidStateError: 11,
  SyntaxError: 12,
  InvalidModificationError: 13,
  NamespaceError: 14,
  InvalidAccessError: 15,
  TypeMismatchError: 17,
  SecurityError: 18,
  NetworkError: 19,
  AbortError: 20,
  URLMismatchError: 21,
  QuotaExceededError: 22,
  TimeoutError: 23,
  InvalidNodeTypeError: 24,
  DataCloneError: 25,
};

// Constant names in code order (1..25).
const constantNames = [
  'INDEX_SIZE_ERR', 'DOMSTRING_SIZE_ERR', 'HIERARCHY_REQUEST_ERR', 'WRONG_DOCUMENT_ERR', 'INVALID_CHARACTER_ERR',
  'NO_DATA_ALLOWED_ERR', 'NO_MODIFICATION_ALLOWED_ERR', 'NOT_FOUND_ERR', 'NOT_SUPPORTED_ERR', 'INUSE_ATTRIBUTE_ERR',
  'INVALID_STATE_ERR', 'SYNTAX_ERR', 'INVALID_MODIFICATION_ERR', 'NAMESPACE_ERR', 'INVALID_ACCESS_ERR',
  'VALIDATION_ERR', 'TYPE_MISMATCH_ERR', 'SECURITY_ERR', 'NETWORK_ERR', 'ABORT_ERR', 'URL_MISMATCH_ERR',
  'QUOTA_EXCEEDED_ERR', 'TIMEOUT_ERR', 'INVALID_NODE_TYPE_ERR', 'DATA_CLONE_ERR',
];

let isDOMException;

// Node's DOMException lives outside internal/errors, so its brand-check error says "must be of DOMException"
// (no "type") while still carrying the ERR_INVALID_THIS code.
function invalidThis() {
  const { codes } = require('internal/errors');
  const err = new codes.ERR_INVALID_THIS('DOMException');
  err.message = 'Value of "this" must be of DOMException';
  return err;
}

class DOMException extends Error {
  #name;
  #message;

  constructor(message = '', options = 'Error') {
    super();
    this.#message = `${message}`;
    if (options !== null && typeof options === 'object') {
      this.#name = `${options.name}`;
      // Like Node, `cause` is only defined when the options object has one (even if it is undefined).
      if ('cause' in options) {
        Object.defineProperty(this, 'cause', {
          value: options.cause, writable: true, enumerable: false, configurable: true,
        });
      }
    } else {
      this.#name = `${options}`;
    }
    // The engine's stack (if any) is replaced by an own property whose header uses the DOMException name, as
    // V8's captureStackTrace does in Node; only the frame lines of the engine's trace are kept.
    const header = this.#message === '' ? this.#name : `${this.#name}: ${this.#message}`;
    const trace = typeof this.stack === 'string' ? this.stack : '';
    const frames = trace.split('\n').filter((line) => /^\s+at /.test(line));
    Object.defineProperty(this, 'stack', {
      value: frames.length > 0 ? `${header}\n${frames.join('\n')}` : header,
      writable: true,
      enumerable: false,
      configurable: true,
    });
  }

  get name() {
    if (!isDOMException(this)) throw invalidThis();
    return this.#name;
  }

  get message() {
    if (!isDOMException(this)) throw invalidThis();
    return this.#message;
  }

  get code() {
    if (!isDOMException(this)) throw invalidThis();
    return legacyCodes[this.#name] ?? 0;
  }

  static {
    isDOMException = (value) => value !== null && typeof value === 'object' && #name in value;
  }
}

Object.defineProperties(DOMException.prototype, {
  name: { enumerable: true },
  message: { enumerable: true },
  code: { enumerable: true },
  [Symbol.toStringTag]: { value: 'DOMException', writable: false, enumerable: false, configurable: true },
});

for (let i = 0; i < constantNames.length; i++) {
  const descriptor = { value: i + 1, writable: false, enumerable: true, configurable: false };
  Object.defineProperty(DOMException, constantNames[i], descriptor);
  Object.defineProperty(DOMException.prototype, constantNames[i], descriptor);
}

module.exports = { DOMException };
