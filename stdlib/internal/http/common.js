// Shared by node:http's server and client: the status and method tables, header-name/value validation, the cached
// Date header, the socket write fast path, and the message framer (HTTPParser) that turns socket bytes into heads
// (parsed natively by binding.http, one call per head) and body chunks (Content-Length, chunked, or up to EOF).

'use strict';

const { Buffer } = require('buffer');
const { codes } = require('internal/errors');
const { ERR_INVALID_HTTP_TOKEN, ERR_HTTP_INVALID_HEADER_VALUE, ERR_INVALID_CHAR } = codes;

const native = binding.http;
const netNative = binding.net;
const queueTick = binding.timers.queueTick;
const FastBuffer = Buffer[Symbol.species];

const METHODS = [
  'ACL', 'BIND', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET', 'HEAD', 'LINK', 'LOCK', 'M-SEARCH', 'MERGE',
  'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MOVE', 'NOTIFY', 'OPTIONS', 'PATCH', 'POST', 'PROPFIND', 'PROPPATCH',
  'PURGE', 'PUT', 'QUERY', 'REBIND', 'REPORT', 'SEARCH', 'SOURCE', 'SUBSCRIBE', 'TRACE', 'UNBIND', 'UNLINK',
  'UNLOCK', 'UNSUBSCRIBE',
];
const methodSet = new Set(METHODS);

const STATUS_CODES = {
  100: 'Continue', 101: 'Switching Protocols', 102: 'Processing', 103: 'Early Hints',
  200: 'OK', 201: 'Created', 202: 'Accepted', 203: 'Non-Authoritative Information', 204: 'No Content',
  205: 'Reset Content', 206: 'Partial Content', 207: 'Multi-Status', 208: 'Already Reported', 226: 'IM Used',
  300: 'Multiple Choices', 301: 'Moved Permanently', 302: 'Found', 303: 'See Other', 304: 'Not Modified',
  305: 'Use Proxy', 307: 'Temporary Redirect', 308: 'Permanent Redirect',
  400: 'Bad Request', 401: 'Unauthorized', 402: 'Payment Required', 403: 'Forbidden', 404: 'Not Found',
  405: 'Method Not Allowed', 406: 'Not Acceptable', 407: 'Proxy Authentication Required', 408: 'Request Timeout',
  409: 'Conflict', 410: 'Gone', 411: 'Length Required', 412: 'Precondition Failed', 413: 'Payload Too Large',
  414: 'URI Too Long', 415: 'Unsupported Media Type', 416: 'Range Not Satisfiable', 417: 'Expectation Failed',
  418: "I'm a Teapot", 421: 'Misdirected Request', 422: 'Unprocessable Entity', 423: 'Locked',
  424: 'Failed Dependency', 425: 'Too Early', 426: 'Upgrade Required', 428: 'Precondition Required',
  429: 'Too Many Requests', 431: 'Request Header Fields Too Large', 451: 'Unavailable For Legal Reasons',
  500: 'Internal Server Error', 501: 'Not Implemented', 502: 'Bad Gateway', 503: 'Service Unavailable',
  504: 'Gateway Timeout', 505: 'HTTP Version Not Supported', 506: 'Variant Also Negotiates',
  507: 'Insufficient Storage', 508: 'Loop Detected', 509: 'Bandwidth Limit Exceeded', 510: 'Not Extended',
  511: 'Network Authentication Required',
};

// ---- validation (Node's _checkIsHttpToken / _checkInvalidHeaderChar) ----

const tokenRegExp = /^[\^_`a-zA-Z\-0-9!#$%&'*+.|~]+$/;
function checkIsHttpToken(val) {
  return tokenRegExp.test(val);
}

const headerCharRegex = /[^\t\x20-\x7e\x80-\xff]/;
function checkInvalidHeaderChar(val) {
  return headerCharRegex.test(val);
}

// Names already seen valid (a handful in practice), so setHeader() does not run the token regexp each time.
const validNames = new Set();
function validateHeaderName(name, label) {
  if (validNames.has(name)) return;
  if (typeof name !== 'string' || !name || !checkIsHttpToken(name)) {
    throw new ERR_INVALID_HTTP_TOKEN(label || 'Header name', name);
  }
  if (validNames.size >= 1024) validNames.clear();
  validNames.add(name);
}

function validateHeaderValue(name, value) {
  if (value === undefined) throw new ERR_HTTP_INVALID_HEADER_VALUE(value, name);
  if (checkInvalidHeaderChar(value)) throw new ERR_INVALID_CHAR('header content', name);
}

// ---- the Date header, rebuilt at most once a second ----

let dateCache = '';
let dateExpires = 0;
function utcDate() {
  const now = Date.now();
  if (now >= dateExpires) {
    dateCache = new Date(now).toUTCString();
    dateExpires = now - (now % 1000) + 1000;
  }
  return dateCache;
}

// ---- writing to a socket ----

// Writes `data` (a string sent as UTF-8, or a Uint8Array) on a net.Socket. When nothing is queued in the socket's
// Writable (the common case for HTTP, which writes whole messages), it goes straight to the native handle as one
// write, as Node's http does through its stream handle; otherwise (connecting, corked, or data already buffered)
// through socket.write() so the order is kept. `cb` runs on a later tick once the bytes are handed to the kernel
// (or queued natively), `cbArg` is its argument. Returns false if the socket cannot take data.
const nativeByteLength = binding.buffer.byteLength;
function writeToSocket(socket, data, cb, cbArg, len = -1) {
  const handle = socket._handle;
  const ws = socket._writableState;
  if (typeof handle === 'number' && !socket.connecting && ws !== undefined && ws.length === 0 &&
      ws.corked === 0 && !ws.ending && !ws.destroyed && socket._pendingWriteCallbacks !== undefined) {
    const queued = netNative.write(handle, data);
    if (queued < 0) {
      const { errnoException } = require('internal/errors');
      socket.destroy(errnoException(queued, 'write'));
      return false;
    }
    if (len < 0) len = typeof data === 'string' ? nativeByteLength(data, 'utf8') : data.length;
    socket._bytesDispatched += len;
    if (socket._timeoutMs > 0) socket._touch();
    if (queued === 0) {
      if (cb !== null) queueTick(cb, cbArg);
      if (len < ws.highWaterMark) return true;
      // Like a Writable: a write of highWaterMark bytes or more says "wait for 'drain'", which follows at once.
      if (socket._httpDrainWaiting !== true) {
        socket._httpDrainWaiting = true;
        queueTick(onSocketDrain, socket);
      }
      return false;
    }
    // The kernel took only part: the rest waits natively, and net calls these once it has all gone out.
    if (cb !== null) socket._pendingWriteCallbacks.push(() => cb(cbArg));
    if (socket._httpDrainWaiting !== true) {
      socket._httpDrainWaiting = true;
      socket._pendingWriteCallbacks.push(() => onSocketDrain(socket));
    }
    return false;
  }
  if (socket.destroyed || !socket.writable) return false;
  if (cb === null) return socket.write(data);
  return socket.write(data, () => cb(cbArg));
}

// The message writing to the socket asked for 'drain' (its write() returned false).
function onSocketDrain(socket) {
  socket._httpDrainWaiting = false;
  const msg = socket._httpMessage;
  if (msg && msg._needDrain()) msg.emit('drain');
}

// Node's socket.destroySoon(): end the writable side, destroy once everything went out.
function destroySoon(socket) {
  if (socket.writable) socket.end();
  if (socket.writableFinished) socket.destroy();
  else socket.once('finish', socket.destroy);
}

// ---- framing ----

const kRequest = 1;
const kResponse = 2;

const S_HEAD = 0;
const S_BODY = 1; // Content-Length body, `remaining` bytes to go
const S_CHUNK_SIZE = 2;
const S_CHUNK_DATA = 3;
const S_CHUNK_END = 4; // the CRLF after a chunk's data
const S_TRAILERS = 5;
const S_EOF_BODY = 6; // a response body delimited by the connection's end
const S_DEAD = 7; // after an error, an upgrade, or once the connection is done

// What onHeaders returns (besides a Content-Length >= 0).
const BODY_CHUNKED = -1;
const BODY_EOF = -2;
const BODY_STOP = -3; // the owner took over (upgrade) or failed the message

const MAX_HEAD_BYTES = 16 * 1024;
const CRLF_TRAILER_PREFIX = 'GET / HTTP/1.1\r\n';

function concatBytes(a, b) {
  const out = new FastBuffer(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function asBuffer(bytes, start, end) {
  return new FastBuffer(bytes.buffer, bytes.byteOffset + start, end - start);
}

// A parse error shaped as Node's llhttp errors: `Parse Error: <reason>` with code, reason, bytesParsed, rawPacket.
function parseError(code, reason, bytesParsed, rawPacket) {
  const err = new Error(`Parse Error: ${reason}`);
  err.bytesParsed = bytesParsed;
  err.code = code;
  err.reason = reason;
  if (rawPacket !== undefined) err.rawPacket = rawPacket;
  return err;
}

// httparse only says "malformed": find the first thing llhttp would have complained about, for the error's
// code and reason (this runs only on the error path).
function classifyHeadError(bytes, kind) {
  const text = Buffer.prototype.latin1Slice.call(asBuffer(bytes, 0, Math.min(bytes.length, MAX_HEAD_BYTES + 2)));
  let lineEnd = text.indexOf('\n');
  if (lineEnd === -1) lineEnd = text.length;
  const line = text.slice(0, lineEnd);
  if (kind === kRequest) {
    const sp = line.indexOf(' ');
    const method = sp === -1 ? line : line.slice(0, sp);
    if (!methodSet.has(method)) return ['HPE_INVALID_METHOD', 'Invalid method encountered', 0];
    const rest = line.slice(sp + 1);
    const sp2 = rest.indexOf(' ');
    if (sp2 === -1) return ['HPE_INVALID_URL', 'Invalid URL', sp + 1];
    const version = rest.slice(sp2 + 1);
    if (!version.startsWith('HTTP/')) return ['HPE_INVALID_CONSTANT', 'Expected HTTP/, RTSP/ or ICE/', sp + sp2 + 2];
    if (!/^HTTP\/1\.[01]\r?$/.test(version)) return ['HPE_INVALID_VERSION', 'Invalid HTTP version', lineEnd];
    if (!version.endsWith('\r')) return ['HPE_INVALID_VERSION', 'Expected CRLF after version', lineEnd];
  } else {
    if (!/^HTTP\/\d\.\d /.test(line)) return ['HPE_INVALID_CONSTANT', 'Expected HTTP/', 0];
    if (!/^HTTP\/\d\.\d \d{3}/.test(line)) return ['HPE_INVALID_STATUS', 'Invalid status code', 9];
  }
  // Header lines.
  let pos = lineEnd + 1;
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = text.length;
    let headerLine = text.slice(pos, end);
    if (headerLine.endsWith('\r')) headerLine = headerLine.slice(0, -1);
    if (headerLine === '') break;
    const colon = headerLine.indexOf(':');
    if (colon <= 0 || !checkIsHttpToken(headerLine.slice(0, colon))) {
      return ['HPE_INVALID_HEADER_TOKEN', 'Invalid header token', pos];
    }
    if (/[^\t\x20-\x7e\x80-\xff]/.test(headerLine.slice(colon + 1))) {
      return ['HPE_INVALID_HEADER_TOKEN', 'Invalid header value char', pos];
    }
    pos = end + 1;
  }
  if (bytes.length > MAX_HEAD_BYTES) return ['HPE_HEADER_OVERFLOW', 'Header overflow', bytes.length];
  return ['HPE_INVALID_CONSTANT', 'Invalid constant string', 0];
}

// Reads messages off a connection. The owner gets:
//   onHeaders(parsed, parser) -> a Content-Length, BODY_CHUNKED, BODY_EOF or BODY_STOP
//   onBody(buffer), onComplete(), onError(err), onTrailers(rawTrailers), onUpgrade(rest) (after BODY_STOP)
class HTTPParser {
  constructor(kind, owner) {
    this.kind = kind;
    this.owner = owner;
    this.pending = null; // bytes of an incomplete head / chunk-size line / trailer
    this.state = S_HEAD;
    this.remaining = 0;
    this.consumed = 0; // bytes of the current head seen so far (for bytesParsed)
    this.maxHeaderSize = MAX_HEAD_BYTES;
    this.headView = null; // the bytes of the head being handled (for errors found in onHeaders)
  }

  execute(chunk) {
    let data = chunk;
    if (this.pending !== null) {
      data = concatBytes(this.pending, chunk);
      this.pending = null;
    }
    const length = data.length;
    let offset = 0;
    const owner = this.owner;
    while (offset < length) {
      switch (this.state) {
        case S_HEAD: {
          const view = offset === 0 ? data : data.subarray(offset);
          const parsed = this.kind === kRequest ? native.parseRequest(view) : native.parseResponse(view);
          if (parsed === 0) {
            this.awaitRest(view);
            return;
          }
          if (parsed === -1) {
            const [code, reason, at] = classifyHeadError(view, this.kind);
            this.fail(code, reason, view, at);
            return;
          }
          const headBytes = parsed[0];
          if (headBytes > this.maxHeaderSize) {
            this.fail('HPE_HEADER_OVERFLOW', 'Header overflow', view);
            return;
          }
          offset += headBytes;
          this.headView = view;
          const body = owner.onHeaders(parsed, this);
          this.headView = null;
          if (body === 0) {
            owner.onComplete();
          } else if (body > 0) {
            this.state = S_BODY;
            this.remaining = body;
          } else if (body === BODY_CHUNKED) {
            this.state = S_CHUNK_SIZE;
          } else if (body === BODY_EOF) {
            this.state = S_EOF_BODY;
          } else {
            // BODY_STOP: an upgrade takes the rest of the bytes, an error already went out.
            if (this.state !== S_DEAD) {
              this.state = S_DEAD;
              owner.onUpgrade(offset < length ? asBuffer(data, offset, length) : new FastBuffer(0));
            }
            return;
          }
          break;
        }
        case S_BODY: {
          const piece = this.takeBody(data, offset, length);
          offset += piece.length;
          if (this.remaining === 0) this.state = S_HEAD;
          owner.onBody(piece);
          if (this.state === S_HEAD) owner.onComplete();
          break;
        }
        case S_CHUNK_SIZE: {
          const view = offset === 0 ? data : data.subarray(offset);
          const parsed = native.parseChunkSize(view);
          if (parsed === 0) {
            this.pending = view;
            return;
          }
          if (parsed === -1) {
            this.fail('HPE_INVALID_CHUNK_SIZE', 'Invalid character in chunk size', view);
            return;
          }
          offset += parsed[0];
          const size = parsed[1];
          if (size === 0) {
            this.state = S_TRAILERS;
          } else {
            this.state = S_CHUNK_DATA;
            this.remaining = size;
          }
          break;
        }
        case S_CHUNK_DATA: {
          const piece = this.takeBody(data, offset, length);
          offset += piece.length;
          if (this.remaining === 0) this.state = S_CHUNK_END;
          owner.onBody(piece);
          break;
        }
        case S_CHUNK_END: {
          if (length - offset < 2) {
            this.pending = data.subarray(offset);
            return;
          }
          if (data[offset] !== 13 || data[offset + 1] !== 10) {
            this.fail('HPE_STRICT', 'Expected LF after chunk data', data.subarray(offset));
            return;
          }
          offset += 2;
          this.state = S_CHUNK_SIZE;
          break;
        }
        case S_TRAILERS: {
          const view = data.subarray(offset);
          if (view.length >= 2 && view[0] === 13 && view[1] === 10) {
            offset += 2;
            this.state = S_HEAD;
            owner.onComplete();
            break;
          }
          if (view.length < 2) {
            this.pending = view;
            return;
          }
          // Trailer fields: parsed as the headers of a dummy head.
          const head = concatBytes(Buffer.from(CRLF_TRAILER_PREFIX, 'latin1'), view);
          const parsed = native.parseRequest(head);
          if (parsed === 0) {
            this.awaitRest(view);
            return;
          }
          if (parsed === -1) {
            this.fail('HPE_INVALID_HEADER_TOKEN', 'Invalid header token', view);
            return;
          }
          offset += parsed[0] - CRLF_TRAILER_PREFIX.length;
          this.state = S_HEAD;
          owner.onTrailers(parsed[4]);
          owner.onComplete();
          break;
        }
        case S_EOF_BODY: {
          const piece = offset === 0 ? asBuffer(data, 0, length) : asBuffer(data, offset, length);
          offset = length;
          owner.onBody(piece);
          break;
        }
        default:
          return; // S_DEAD: ignore what follows
      }
    }
  }

  // The connection's read side ended. A body delimited by EOF completes; a message cut short is an error.
  finish() {
    if (this.state === S_EOF_BODY) {
      this.state = S_DEAD;
      this.owner.onComplete();
      return null;
    }
    const midMessage = this.state !== S_HEAD && this.state !== S_DEAD;
    const pending = this.pending;
    this.state = S_DEAD;
    this.pending = null;
    if (midMessage) return parseError('HPE_INVALID_EOF_STATE', 'Invalid EOF state', 0);
    if (pending !== null && pending.length > 0) return parseError('HPE_INVALID_EOF_STATE', 'Invalid EOF state', 0);
    return null;
  }

  // The next piece of a body (Content-Length or one chunk's data): at most what remains of it.
  takeBody(data, offset, length) {
    const available = length - offset;
    const n = available < this.remaining ? available : this.remaining;
    this.remaining -= n;
    return asBuffer(data, offset, offset + n);
  }

  // Both sides refuse a malformed or repeated Content-Length the same way (llhttp's checks).
  rejectsContentLength(info) {
    if (info.badContentLength) {
      this.fail('HPE_INVALID_CONTENT_LENGTH', 'Invalid character in Content-Length', this.headView);
      return true;
    }
    if (info.contentLengthCount > 1) {
      this.fail('HPE_UNEXPECTED_CONTENT_LENGTH', 'Duplicate Content-Length', this.headView);
      return true;
    }
    return false;
  }

  // An incomplete head (or trailer block): keep it for the next chunk, unless it is already too long to be one.
  awaitRest(view) {
    if (view.length > this.maxHeaderSize) this.fail('HPE_HEADER_OVERFLOW', 'Header overflow', view);
    else this.pending = view;
  }

    fail(code, reason, bytes, at = 0) {
    this.state = S_DEAD;
    this.pending = null;
    const raw = bytes instanceof FastBuffer ? bytes : asBuffer(bytes, 0, bytes.length);
    this.owner.onError(parseError(code, reason, at, raw));
  }

  close() {
    this.state = S_DEAD;
    this.pending = null;
  }
}

const connCloseRegExp = /(?:^|\W)close(?:$|\W)/i;
const connKeepAliveRegExp = /(?:^|\W)keep-alive(?:$|\W)/i;
const connUpgradeRegExp = /(?:^|\W)upgrade(?:$|\W)/i;
const chunkExpression = /(?:^|\W)chunked(?:$|\W)/i;
const contentLengthRegExp = /^\d+$/;

// Framing facts about a head's raw headers, computed once per message in one pass.
class HeadInfo {
  constructor() {
    this.reset();
  }

  reset() {
    this.contentLength = -1; // -1: none
    this.contentLengthCount = 0;
    this.badContentLength = false;
    this.transferEncoding = null;
    this.connection = null;
    this.upgrade = false;
    this.expect = null;
    this.hasHost = false;
  }

  // One pass over the raw headers; only names of the lengths that matter are compared.
  scan(raw) {
    let contentLength = -1;
    let contentLengthCount = 0;
    let badContentLength = false;
    let transferEncoding = null;
    let connection = null;
    let upgrade = false;
    let expect = null;
    let hasHost = false;
    const n = raw.length;
    for (let i = 0; i < n; i += 2) {
      const name = raw[i];
      switch (name.length) {
        case 4:
          if (name === 'Host' || name === 'host' || name.toLowerCase() === 'host') hasHost = true;
          break;
        case 6:
          if (name === 'Expect' || name.toLowerCase() === 'expect') expect = raw[i + 1];
          break;
        case 7:
          if (name === 'Upgrade' || name.toLowerCase() === 'upgrade') upgrade = true;
          break;
        case 10:
          if (name === 'Connection' || name.toLowerCase() === 'connection') {
            connection = connection === null ? raw[i + 1] : `${connection}, ${raw[i + 1]}`;
          }
          break;
        case 14:
          if (name === 'Content-Length' || name.toLowerCase() === 'content-length') {
            const value = raw[i + 1];
            contentLengthCount++;
            if (!contentLengthRegExp.test(value)) badContentLength = true;
            else contentLength = +value;
          }
          break;
        case 17:
          if (name === 'Transfer-Encoding' || name.toLowerCase() === 'transfer-encoding') {
            transferEncoding = transferEncoding === null ? raw[i + 1] : `${transferEncoding}, ${raw[i + 1]}`;
          }
          break;
        default:
          break;
      }
    }
    this.contentLength = contentLength;
    this.contentLengthCount = contentLengthCount;
    this.badContentLength = badContentLength;
    this.transferEncoding = transferEncoding;
    this.connection = connection;
    this.upgrade = upgrade;
    this.expect = expect;
    this.hasHost = hasHost;
    return this;
  }

  // HTTP/1.1 keeps the connection unless told to close; HTTP/1.0 only when asked to keep it.
  keepAlive(minor) {
    const connection = this.connection;
    if (minor >= 1) return connection === null || !connCloseRegExp.test(connection);
    return connection !== null && connKeepAliveRegExp.test(connection);
  }

  // Whether the last transfer coding is chunked.
  isChunked() {
    const te = this.transferEncoding;
    if (te === null) return false;
    const last = te.slice(te.lastIndexOf(',') + 1).trim().toLowerCase();
    return last === 'chunked';
  }

  isUpgrade(method) {
    return method === 'CONNECT' || (this.upgrade && this.connection !== null && connUpgradeRegExp.test(this.connection));
  }
}

function connResetException(msg) {
  const err = new Error(msg);
  err.code = 'ECONNRESET';
  return err;
}

module.exports = {
  METHODS,
  methodSet,
  STATUS_CODES,
  checkIsHttpToken,
  checkInvalidHeaderChar,
  validateHeaderName,
  validateHeaderValue,
  utcDate,
  writeToSocket,
  destroySoon,
  HTTPParser,
  HeadInfo,
  parseError,
  connResetException,
  chunkExpression,
  connCloseRegExp,
  kRequest,
  kResponse,
  BODY_CHUNKED,
  BODY_EOF,
  BODY_STOP,
  S_DEAD,
  S_HEAD,
  MAX_HEAD_BYTES,
  FastBuffer,
  queueTick,
};
