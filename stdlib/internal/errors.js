// Node's coded errors: `new codes.ERR_X(...args)` builds an error whose name stays the base class ('TypeError'),
// whose `code` is 'ERR_X' and whose toString()/stack first line read `TypeError [ERR_X]: message`, as in Node.

const codes = {};
const messages = new Map();

function makeNodeErrorClass(Base, code) {
  const NodeError = class extends Base {
    constructor(...args) {
      super(formatMessage(code, args));
      Object.defineProperty(this, 'code', { value: code, enumerable: true, writable: true, configurable: true });
      // Node shows the code in the first line of the stack but keeps `name` as the base class name.
      if (typeof this.stack === 'string') {
        const plain = `${Base.prototype.name}: ${this.message}`;
        if (this.stack.startsWith(plain)) {
          this.stack = `${Base.prototype.name} [${code}]: ${this.message}` + this.stack.slice(plain.length);
        }
      }
    }

    toString() {
      return `${this.name} [${code}]: ${this.message}`;
    }
  };
  // Node's coded errors report their base class as their constructor (`err.constructor.name`).
  Object.defineProperty(NodeError, 'name', { value: Base.name });
  return NodeError;
}

function formatMessage(code, args) {
  const message = messages.get(code);
  if (typeof message === 'function') return message(...args);
  let index = 0;
  return message.replace(/%[sd]/g, () => String(args[index++]));
}

// Registers a code: `message` is a string with %s/%d holes or a function of the constructor's arguments.
function E(code, message, ...bases) {
  messages.set(code, message);
  const Base = bases[0];
  codes[code] = makeNodeErrorClass(Base, code);
}

function describeReceived(value) {
  if (value == null) return ` Received ${value}`;
  if (typeof value === 'function') return ` Received function ${value.name}`;
  if (typeof value === 'object') {
    if (value.constructor && value.constructor.name) {
      return ` Received an instance of ${value.constructor.name}`;
    }
    return ` Received ${require('internal/inspect').inspect(value, { depth: -1 })}`;
  }
  let shown = require('internal/inspect').inspect(value, { colors: false });
  if (shown.length > 28) shown = `${shown.slice(0, 25)}...`;
  return ` Received type ${typeof value} (${shown})`;
}

const classRegExp = /^([A-Z][a-z0-9]*)+$/;
const kTypes = ['string', 'function', 'number', 'object', 'Function', 'Object', 'boolean', 'bigint', 'symbol'];

// Mirrors Node's ERR_INVALID_ARG_TYPE wording: types, then instances, then other values.
function invalidArgType(name, expected, actual) {
  if (!Array.isArray(expected)) expected = [expected];
  let msg = 'The ';
  if (name.endsWith(' argument')) {
    msg += `${name} `;
  } else {
    msg += `"${name}" ${name.includes('.') ? 'property' : 'argument'} `;
  }
  msg += 'must be ';
  const types = [];
  const instances = [];
  const other = [];
  for (const value of expected) {
    if (kTypes.includes(value)) types.push(value.toLowerCase());
    else if (classRegExp.test(value)) instances.push(value);
    else other.push(value);
  }
  if (instances.length > 0) {
    const pos = types.indexOf('object');
    if (pos !== -1) {
      types.splice(pos, 1);
      instances.push('Object');
    }
  }
  if (types.length > 0) {
    if (types.length > 2) {
      const last = types.pop();
      msg += `one of type ${types.join(', ')}, or ${last}`;
    } else if (types.length === 2) {
      msg += `one of type ${types[0]} or ${types[1]}`;
    } else {
      msg += `of type ${types[0]}`;
    }
    if (instances.length > 0 || other.length > 0) msg += ' or ';
  }
  if (instances.length > 0) {
    if (instances.length > 2) {
      const last = instances.pop();
      msg += `an instance of ${instances.join(', ')}, or ${last}`;
    } else {
      msg += `an instance of ${instances[0]}`;
      if (instances.length === 2) msg += ` or ${instances[1]}`;
    }
    if (other.length > 0) msg += ' or ';
  }
  if (other.length > 0) {
    if (other.length > 2) {
      const last = other.pop();
      msg += `one of ${other.join(', ')}, or ${last}`;
    } else if (other.length === 2) {
      msg += `one of ${other[0]} or ${other[1]}`;
    } else {
      if (other[0].toLowerCase() !== other[0]) msg += 'an ';
      msg += `${other[0]}`;
    }
  }
  return msg + '.' + describeReceived(actual);
}

E('ERR_INVALID_ARG_TYPE', invalidArgType, TypeError);
E('ERR_INVALID_ARG_VALUE', (name, value, reason = 'is invalid') => {
  let shown = require('internal/inspect').inspect(value);
  if (shown.length > 128) shown = `${shown.slice(0, 128)}...`;
  const kind = name.includes('.') ? 'property' : 'argument';
  return `The ${kind} '${name}' ${reason}. Received ${shown}`;
}, TypeError);
// Node groups the digits of integers beyond 2 ** 32 with `_` ("Received 8_589_934_592", "2_000_000_000_000n").
function addNumericalSeparator(digits) {
  let res = '';
  let i = digits.length;
  const start = digits[0] === '-' ? 1 : 0;
  for (; i >= start + 4; i -= 3) res = `_${digits.slice(i - 3, i)}${res}`;
  return `${digits.slice(0, i)}${res}`;
}
E('ERR_OUT_OF_RANGE', (name, range, received, replaceDefaultBoolean = false) => {
  let shown;
  if (typeof received === 'bigint') {
    shown = String(received);
    if (received > 2n ** 32n || received < -(2n ** 32n)) shown = addNumericalSeparator(shown);
    shown += 'n';
  } else if (typeof received === 'number') {
    // inspect() of a number is String() except that -0 keeps its sign.
    if (Number.isInteger(received) && Math.abs(received) > 2 ** 32) shown = addNumericalSeparator(String(received));
    else shown = Object.is(received, -0) ? '-0' : String(received);
  } else {
    shown = require('internal/inspect').inspect(received);
  }
  const head = replaceDefaultBoolean ? name : `The value of "${name}" is out of range.`;
  return `${head} It must be ${range}. Received ${shown}`;
}, RangeError);
E('ERR_MISSING_ARGS', (...names) => {
  const wrapped = names.map((n) => `"${n}"`);
  let list;
  if (wrapped.length === 1) list = wrapped[0];
  else if (wrapped.length === 2) list = `${wrapped[0]} and ${wrapped[1]}`;
  else list = `${wrapped.slice(0, -1).join(', ')}, and ${wrapped[wrapped.length - 1]}`;
  return `The ${list} argument${names.length > 1 ? 's' : ''} must be specified`;
}, TypeError);
// `new ERR_UNHANDLED_ERROR()` reads 'Unhandled error.'; events passes the emitted value even when it is
// `undefined`, which Node shows as 'Unhandled error. (undefined)'.
E('ERR_UNHANDLED_ERROR', (...args) => {
  const base = 'Unhandled error.';
  if (args.length === 0) return base;
  return `${base} (${require('internal/inspect').inspect(args[0])})`;
}, Error);
E('ERR_INVALID_RETURN_VALUE', (input, name, value) => {
  // Node 20 describes the value as ERR_INVALID_ARG_TYPE does: 'type number (5)', 'an instance of Object'.
  const type = describeReceived(value).slice(' Received '.length);
  return `Expected ${input} to be returned from the "${name}" function but got ${type}.`;
}, TypeError);
E('ERR_METHOD_NOT_IMPLEMENTED', 'The %s method is not implemented', Error);
E('ERR_STREAM_PUSH_AFTER_EOF', 'stream.push() after EOF', Error);
E('ERR_STREAM_WRITE_AFTER_END', 'write after end', Error);
E('ERR_STREAM_DESTROYED', 'Cannot call %s after a stream was destroyed', Error);
E('ERR_STREAM_NULL_VALUES', 'May not write null values to stream', TypeError);
E('ERR_STREAM_PREMATURE_CLOSE', 'Premature close', Error);
E('ERR_STREAM_CANNOT_PIPE', 'Cannot pipe, not readable', Error);
E('ERR_STREAM_ALREADY_FINISHED', 'Cannot call %s after a stream was finished', Error);
E('ERR_STREAM_UNSHIFT_AFTER_END_EVENT', 'stream.unshift() after end event', Error);
E('ERR_STREAM_WRAP', 'Stream has StringDecoder set or is in objectMode', Error);
E('ERR_MULTIPLE_CALLBACK', 'Callback called multiple times', Error);
E('ERR_INVALID_THIS', 'Value of "this" must be of type %s', TypeError);
E('ERR_INVALID_URL', 'Invalid URL', TypeError);
E('ERR_INVALID_TUPLE', '%s must be an iterable %s tuple', TypeError);
E('ERR_ARG_NOT_ITERABLE', '%s must be iterable', TypeError);
E('ERR_INVALID_URI', 'URI malformed', URIError);
E('ERR_INVALID_URL_SCHEME', (expected) => `The URL must be of scheme ${expected}`, TypeError);
E('ERR_INVALID_FILE_URL_HOST', 'File URL host must be "localhost" or empty on %s', TypeError);
E('ERR_INVALID_FILE_URL_PATH', 'File URL path %s', TypeError);
E('ERR_UNKNOWN_ENCODING', 'Unknown encoding: %s', TypeError);
E('ERR_ENCODING_NOT_SUPPORTED', 'The "%s" encoding is not supported', RangeError);
E('ERR_EVENT_RECURSION', 'The event "%s" is already being dispatched', Error);
E('ERR_UNKNOWN_SIGNAL', 'Unknown signal: %s', TypeError);
E('ERR_UNKNOWN_BUILTIN_MODULE', 'No such built-in module: %s', Error);
E('ERR_REQUIRE_ESM', (filename) => `require() of ES Module ${filename} not supported.`, Error);
E('ERR_INVALID_MODULE_SPECIFIER', (request, reason) => `Invalid module "${request}" ${reason}`, TypeError);
E('ERR_PACKAGE_PATH_NOT_EXPORTED', (pkgPath, subpath) => subpath === '.'
  ? `No "exports" main defined in ${pkgPath}package.json`
  : `Package subpath '${subpath}' is not defined by "exports" in ${pkgPath}package.json`, Error);
E('ERR_BUFFER_OUT_OF_BOUNDS', (name) => name
  ? `"${name}" is outside of buffer bounds` : 'Attempt to access memory outside buffer bounds', RangeError);
E('ERR_INVALID_BUFFER_SIZE', 'Buffer size must be a multiple of %s', RangeError);
E('ERR_FALSY_VALUE_REJECTION', 'Promise was rejected with falsy value', Error);
E('ERR_INVALID_STATE', 'Invalid state: %s', Error);
E('ERR_USE_AFTER_CLOSE', '%s was closed', Error);
E('ERR_INVALID_CURSOR_POS', 'Cannot set cursor row without setting its column', TypeError);
E('ERR_WORKER_PATH', (filename) => 'The worker script or module filename must be an absolute path or a ' +
  "relative path starting with './' or '../'." +
  (filename.startsWith('file://') ? ' Wrap file:// URLs with `new URL`.' : '') +
  (filename.startsWith('data:text/javascript') ? ' Wrap data: URLs with `new URL`.' : '') + ` Received "${filename}"`,
TypeError);
E('ERR_WORKER_INVALID_EXEC_ARGV', (errors, msg = 'invalid execArgv flags') => `Initiated Worker with ${msg}: ${errors.join(', ')}`, Error);
E('ERR_WORKER_NOT_RUNNING', 'Worker instance not running', Error);
E('ERR_MISSING_TRANSFERABLE_IN_TRANSFER_LIST',
  'Object that needs transfer was found in message but not listed in transferList', TypeError);
E('ERR_INVALID_TRANSFER_OBJECT', 'Found invalid object in transferList', TypeError);
E('ERR_ILLEGAL_CONSTRUCTOR', 'Illegal constructor', TypeError);
E('ERR_INVALID_CHAR', (name, field) => field
  ? `Invalid character in ${name} ["${field}"]` : `Invalid character in ${name}`, TypeError);
E('ERR_AMBIGUOUS_ARGUMENT', 'The "%s" argument is ambiguous. %s', TypeError);
E('ERR_ASSERTION', '%s', Error);
E('ERR_FS_FILE_TOO_LARGE', 'File size (%s) is greater than 2 GiB', RangeError);
E('ERR_FS_EISDIR', 'Path is a directory: %s', Error);
E('ERR_SYSTEM_ERROR', 'A system error occurred', Error);
E('ERR_OPERATION_FAILED', 'Operation failed: %s', Error);
E('ERR_PARSE_ARGS_INVALID_OPTION_VALUE', '%s', TypeError);
E('ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL',
  "Unexpected argument '%s'. This command does not take positional arguments", TypeError);
E('ERR_PARSE_ARGS_UNKNOWN_OPTION', (option, allowPositionals) => {
  const suggestDashDash = allowPositionals ? '. To specify a positional argument starting with a \'-\', place it ' +
    `at the end of the command after '--', as in '-- ${JSON.stringify(option)}` : '';
  return `Unknown option '${option}'${suggestDashDash}`;
}, TypeError);
E('ERR_CONSOLE_WRITABLE_STREAM', 'Console expects a writable stream instance for %s', TypeError);
E('ERR_INCOMPATIBLE_OPTION_PAIR', 'Option "%s" cannot be used in combination with option "%s"', TypeError);

E('ERR_SERVER_NOT_RUNNING', 'Server is not running.', Error);
E('ERR_SERVER_ALREADY_LISTEN', 'Listen method has been called more than once without closing.', Error);
E('ERR_SOCKET_CLOSED', 'Socket is closed', Error);
E('ERR_SOCKET_CLOSED_BEFORE_CONNECTION', 'Socket closed before the connection was established', Error);
E('ERR_SOCKET_BAD_PORT', (name, port, allowZero = true) => {
  const operator = allowZero ? '>=' : '>';
  return `${name} should be ${operator} 0 and < 65536. Received ${describeReceived(port)}.`;
}, RangeError);
E('ERR_INVALID_IP_ADDRESS', 'Invalid IP address: %s', TypeError);
E('ERR_IPC_CHANNEL_CLOSED', 'Channel closed', Error);
E('ERR_IPC_DISCONNECTED', 'IPC channel is already disconnected', Error);
E('ERR_IPC_ONE_PIPE', 'Child process can have only one IPC pipe', Error);
E('ERR_IPC_SYNC_FORK', 'IPC cannot be used with synchronous forks', Error);
E('ERR_CHILD_PROCESS_IPC_REQUIRED', "Forked processes must have an IPC channel, missing value 'ipc' in %s", Error);
E('ERR_CHILD_PROCESS_STDIO_MAXBUFFER', '%s maxBuffer length exceeded', RangeError);
E('ERR_INVALID_SYNC_FORK_INPUT', 'Asynchronous forks do not support Buffer, TypedArray, DataView or string input: %s', TypeError);
E('ERR_HTTP_HEADERS_SENT', 'Cannot %s headers after they are sent to the client', Error);
E('ERR_HTTP_INVALID_HEADER_VALUE', 'Invalid value "%s" for header "%s"', TypeError);
E('ERR_HTTP_INVALID_STATUS_CODE', 'Invalid status code: %s', RangeError);
E('ERR_HTTP_TRAILER_INVALID', 'Trailers are invalid with this transfer encoding', Error);
E('ERR_INVALID_HTTP_TOKEN', '%s must be a valid HTTP token ["%s"]', TypeError);
E('ERR_HTTP_CONTENT_LENGTH_MISMATCH', 'Response body\'s content-length of %s byte(s) does not match the content-length of %s byte(s) set in header', Error);
E('ERR_INVALID_PROTOCOL', 'Protocol "%s" not supported. Expected "%s"', TypeError);
E('ERR_UNESCAPED_CHARACTERS', '%s contains unescaped characters', TypeError);
E('ERR_HTTP_SOCKET_ASSIGNED', 'ServerResponse has an already assigned socket', Error);
E('ERR_HTTP_SOCKET_ENCODING', 'Changing the socket encoding is not allowed per RFC7230 Section 3.', Error);
E('ERR_HTTP_BODY_NOT_ALLOWED', 'Adding content for this request method or response status is not allowed.', Error);
E('ERR_HTTP_REQUEST_TIMEOUT', 'Request timeout', Error);

// The error an AbortSignal rejects with when it carries no reason of its own.
class AbortError extends Error {
  constructor(message = 'The operation was aborted', options = undefined) {
    super(message, options);
    this.code = 'ABORT_ERR';
    this.name = 'AbortError';
  }
}

// Errors from the OS carry errno/code/syscall/path as Node's uvException does:
// `ENOENT: no such file or directory, open '/x'`.
function systemError(code, errno, description, syscall, path, dest) {
  let message = `${code}: ${description}, ${syscall}`;
  if (path !== undefined) message += ` '${path}'`;
  if (dest !== undefined) message += ` -> '${dest}'`;
  const err = new Error(message);
  err.errno = errno;
  err.code = code;
  err.syscall = syscall;
  if (path !== undefined) err.path = path;
  if (dest !== undefined) err.dest = dest;
  return err;
}

// Errors from libuv-style status numbers (negative errno), shaped as Node's lib/internal/errors.js
// shapes them for sockets and processes.
function errname(status) {
  return binding.util.errname(status);
}

// ` 127.0.0.1:8080`, ` /tmp/sock` or nothing: where an error happened, as both host-port shapes word it.
function hostPortDetails(address, port) {
  if (port && port > 0) return ` ${address}:${port}`;
  return address ? ` ${address}` : '';
}

// `connect ECONNREFUSED 127.0.0.1:8080` (Node's exceptionWithHostPort).
function exceptionWithHostPort(status, syscall, address, port, additional) {
  const [code] = errname(status);
  let details = hostPortDetails(address, port);
  if (additional) details += ` - Local (${additional})`;
  const err = new Error(`${syscall} ${code}${details}`);
  err.errno = status;
  err.code = code;
  err.syscall = syscall;
  err.address = address;
  if (port) err.port = port;
  return err;
}

// `listen EADDRINUSE: address already in use :::8080` (Node's uvExceptionWithHostPort).
function uvExceptionWithHostPort(status, syscall, address, port) {
  const [code, description] = errname(status);
  const err = new Error(`${syscall} ${code}: ${description}${hostPortDetails(address, port)}`);
  err.code = code;
  err.errno = status;
  err.syscall = syscall;
  err.address = address;
  if (port) err.port = port;
  return err;
}

// `read ECONNRESET`, `spawn ls ENOENT` (Node's errnoException / uvException without a path).
function errnoException(status, syscall, original) {
  const [code] = errname(status);
  const message = original ? `${syscall} ${code} ${original}` : `${syscall} ${code}`;
  const err = new Error(message);
  err.errno = status;
  err.code = code;
  err.syscall = syscall;
  return err;
}

module.exports = {
  codes, AbortError, systemError, describeReceived,
  exceptionWithHostPort, uvExceptionWithHostPort, errnoException,
};
