// http.OutgoingMessage: what ServerResponse and ClientRequest share. Header bookkeeping (setHeader & co.), the
// head as Node writes it (_storeHeader: the user's headers in order, then Date, Connection/Keep-Alive, and
// Content-Length or Transfer-Encoding), chunked framing, and the queue of output for a message that does not own
// its socket yet (a pipelined response waiting its turn, a request waiting for a connection).
//
// Like Node's, it is a legacy Stream (an EventEmitter), not a Writable. Written data goes to the socket as few
// writes as possible: end(data) on a fresh message is one write of head and body.

'use strict';

const { Stream } = require('internal/streams/legacy');
const { Buffer } = require('buffer');
const { getDefaultHighWaterMark } = require('internal/streams/state');
const { codes } = require('internal/errors');
const {
  ERR_HTTP_HEADERS_SENT,
  ERR_HTTP_TRAILER_INVALID,
  ERR_HTTP_CONTENT_LENGTH_MISMATCH,
  ERR_HTTP_BODY_NOT_ALLOWED,
  ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE,
  ERR_INVALID_CHAR,
  ERR_INVALID_HTTP_TOKEN,
  ERR_METHOD_NOT_IMPLEMENTED,
  ERR_STREAM_CANNOT_PIPE,
  ERR_STREAM_ALREADY_FINISHED,
  ERR_STREAM_WRITE_AFTER_END,
  ERR_STREAM_NULL_VALUES,
  ERR_STREAM_DESTROYED,
} = codes;
const common = require('internal/http/common');
const {
  validateHeaderName, validateHeaderValue, checkIsHttpToken, checkInvalidHeaderChar, utcDate, writeToSocket,
  chunkExpression, connCloseRegExp, queueTick,
} = common;

const kOutHeaders = Symbol('kOutHeaders');
const kNeedDrain = Symbol('kNeedDrain');
const kCorked = Symbol('corked');
const kFinishHook = Symbol('kFinishHook');

const HIGH_WATER_MARK = getDefaultHighWaterMark();
const EMPTY = Object.freeze([]);
const nonAscii = /[^\x00-\x7f]/;

function nop() {}

function OutgoingMessage(options) {
  // The EventEmitter needs no set-up (listeners are stored on first use); every other field starts from the
  // prototype's default below and becomes the instance's own when assigned.
  if (options !== undefined && options !== null && options.highWaterMark !== undefined) {
    this._highWaterMark = options.highWaterMark;
  }
}
Object.setPrototypeOf(OutgoingMessage.prototype, Stream.prototype);
Object.setPrototypeOf(OutgoingMessage, Stream);

const proto = OutgoingMessage.prototype;
proto.outputData = EMPTY;
proto.outputSize = 0;
proto.writable = true;
proto.destroyed = false;
proto._last = false;
proto.chunkedEncoding = false;
proto.shouldKeepAlive = true;
proto.maxRequestsOnConnectionReached = false;
proto._defaultKeepAlive = true;
proto.useChunkedEncodingByDefault = true;
proto.sendDate = false;
proto._removedConnection = false;
proto._removedContLen = false;
proto._removedTE = false;
proto.strictContentLength = false;
proto._bytesWritten = 0;
proto._contentLength = null;
proto._hasBody = true;
proto._trailer = '';
proto[kNeedDrain] = false;
proto.finished = false;
proto._headerSent = false;
proto[kCorked] = 0;
proto._closed = false;
proto.socket = null;
proto._header = null;
proto[kOutHeaders] = null;
proto._keepAliveTimeout = 0;
proto._maxRequestsPerSocket = undefined;
proto._onPendingData = nop;
proto._highWaterMark = HIGH_WATER_MARK;
proto._rejectNonStandardBodyWrites = false;
proto[kFinishHook] = null;
proto._headerNonAscii = false;
proto._firstLineChecked = false; // the first line is known to be ASCII (a default status line)

Object.defineProperties(proto, {
  writableFinished: {
    configurable: true,
    get() {
      return this.finished && this.outputSize === 0 && (!this.socket || this.socket.writableLength === 0);
    },
  },
  writableObjectMode: {
    configurable: true,
    get() {
      return false;
    },
  },
  writableLength: {
    configurable: true,
    get() {
      return this.outputSize + (this.socket ? this.socket.writableLength : 0);
    },
  },
  writableHighWaterMark: {
    configurable: true,
    get() {
      return this.socket ? this.socket.writableHighWaterMark : this._highWaterMark;
    },
  },
  writableCorked: {
    configurable: true,
    get() {
      return (this.socket ? this.socket.writableCorked : 0) + this[kCorked];
    },
  },
  writableEnded: {
    configurable: true,
    get() {
      return this.finished;
    },
  },
  writableNeedDrain: {
    configurable: true,
    get() {
      return !this.destroyed && !this.finished && this[kNeedDrain];
    },
  },
  headersSent: {
    configurable: true,
    enumerable: true,
    get() {
      return !!this._header;
    },
  },
  connection: {
    configurable: true,
    get() {
      return this.socket;
    },
    set(value) {
      this.socket = value;
    },
  },
  closed: {
    configurable: true,
    get() {
      return this._closed;
    },
  },
  errored: {
    configurable: true,
    get() {
      return this._errored ?? null;
    },
  },
});

// For the socket's drain: whether this message waits for 'drain' (and no longer does).
proto._needDrain = function _needDrain() {
  if (!this[kNeedDrain] || this.finished) return false;
  this[kNeedDrain] = false;
  return true;
};

proto.cork = function cork() {
  if (this.socket) this.socket.cork();
  else this[kCorked]++;
};

proto.uncork = function uncork() {
  if (this.socket) this.socket.uncork();
  else if (this[kCorked]) this[kCorked]--;
};

proto.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on('timeout', callback);
  if (!this.socket) {
    this.once('socket', (socket) => socket.setTimeout(msecs));
  } else {
    this.socket.setTimeout(msecs);
  }
  return this;
};

proto.destroy = function destroy(error) {
  if (this.destroyed) return this;
  this.destroyed = true;
  this._errored = error;
  if (this.socket) {
    this.socket.destroy(error);
  } else {
    this.once('socket', (socket) => socket.destroy(error));
  }
  return this;
};

// ---- output ----

function stringToBytes(data, encoding) {
  return Buffer.from(data, encoding);
}

function isUtf8(encoding) {
  return encoding === undefined || encoding === null || encoding === 'utf8' || encoding === 'utf-8' ||
    encoding === 'buffer';
}

// The head goes out with the first piece of data. Strings travel as UTF-8 strings; anything else as bytes.
// `len` is the byte length of `data` when the caller knows it (-1 otherwise).
proto._send = function _send(data, encoding, callback, callbackArg, len = -1) {
  if (encoding != null && typeof data === 'string' && !isUtf8(encoding)) {
    // 'latin1' (what the head and framing use) is the same as UTF-8 for ASCII text.
    if (data.length !== 0 && (encoding !== 'latin1' || nonAscii.test(data))) {
      data = stringToBytes(data, encoding);
      len = data.length;
    }
  }
  if (!this._headerSent && this._header !== null) {
    const header = this._header;
    if (this._headerNonAscii) {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      data = Buffer.concat([Buffer.from(header, 'latin1'), bytes]);
      len = data.length;
    } else if (typeof data === 'string') {
      data = header + data;
      if (len >= 0) len += header.length;
    } else {
      data = Buffer.concat([Buffer.from(header, 'latin1'), data]);
      len = data.length;
    }
    this._headerSent = true;
  }
  if (callback === undefined) callback = null;
  const conn = this.socket;
  if (conn !== null && conn._httpMessage === this && this.outputData.length === 0) {
    return writeToSocket(conn, data, callback, callbackArg, len);
  }
  return this._writeRaw(data, callback, callbackArg, len);
};

proto._writeRaw = function _writeRaw(data, callback, callbackArg, len = -1) {
  const conn = this.socket;
  if (conn !== null && conn._httpMessage === this) {
    if (this.outputData.length !== 0) {
      if (conn.destroyed || !conn.writable) return false;
      this._flushOutput(conn);
    }
    return writeToSocket(conn, data, callback, callbackArg, len);
  }
  if (conn !== null && conn.destroyed) return false;
  // Not our turn on the socket yet (or no socket): keep it.
  if (this.outputData === EMPTY) this.outputData = [];
  this.outputData.push({ data, callback, callbackArg });
  this.outputSize += data.length;
  this._onPendingData(data.length);
  return this.outputSize < this._highWaterMark;
};

proto._flushOutput = function _flushOutput(socket) {
  while (this[kCorked]) {
    this[kCorked]--;
    socket.cork();
  }
  const outputData = this.outputData;
  const n = outputData.length;
  if (n === 0) return undefined;
  this.outputData = EMPTY;
  let ret;
  if (n > 1 && outputData.every((entry) => typeof entry.data === 'string')) {
    // Several queued strings: one write, the callbacks after it.
    let text = '';
    for (let i = 0; i < n; i++) text += outputData[i].data;
    ret = writeToSocket(socket, text, runQueuedCallbacks, outputData);
  } else {
    for (let i = 0; i < n; i++) {
      const entry = outputData[i];
      ret = writeToSocket(socket, entry.data, entry.callback, entry.callbackArg);
    }
  }
  this._onPendingData(-this.outputSize);
  this.outputSize = 0;
  return ret;
};

function runQueuedCallbacks(entries) {
  for (let i = 0; i < entries.length; i++) {
    const entry = entries[i];
    if (entry.callback !== null) entry.callback(entry.callbackArg);
  }
}

proto._flush = function _flush() {
  const socket = this.socket;
  if (socket && socket.writable) {
    const ret = this._flushOutput(socket);
    if (this.finished) {
      this._finish();
    } else if (ret && this[kNeedDrain]) {
      this[kNeedDrain] = false;
      this.emit('drain');
    }
  }
};

proto._finish = function _finish() {
  if (this._events !== undefined) this.emit('prefinish');
};

// ---- the head ----

// One head at a time is built: the text and what the headers said accumulate in module variables.
const F_CONNECTION = 1;
const F_CONTLEN = 2;
const F_TE = 4;
const F_DATE = 8;
const F_EXPECT = 16;
const F_TRAILER = 32;
let headText = '';
let headFlags = 0;

// "Connection: keep-alive" and its Keep-Alive line, for the last timeout/max seen.
let keepAliveKey = -1;
let keepAliveMax;
let keepAliveLines = '';
function keepAliveHeader(timeout, max) {
  if (timeout !== keepAliveKey || max !== keepAliveMax) {
    keepAliveKey = timeout;
    keepAliveMax = max;
    const maxText = ~~max > 0 ? `, max=${max}` : '';
    keepAliveLines = `Connection: keep-alive\r\nKeep-Alive: timeout=${Math.floor(timeout / 1000)}${maxText}\r\n`;
  }
  return keepAliveLines;
}

// "Date: ...\r\nConnection: keep-alive\r\nKeep-Alive: timeout=N\r\n", rebuilt when the date or the timeout changes.
let dateBlockDate = '';
let dateBlockKeepAlive = '';
let dateBlock = '';
function dateKeepAliveBlock(timeout, max) {
  const date = utcDate();
  const keepAlive = keepAliveHeader(timeout, max);
  if (date !== dateBlockDate || keepAlive !== dateBlockKeepAlive) {
    dateBlockDate = date;
    dateBlockKeepAlive = keepAlive;
    dateBlock = `Date: ${date}\r\n${keepAlive}`;
  }
  return dateBlock;
}

proto._storeHeader = function _storeHeader(firstLine, headers) {
  let header = firstLine;
  let flags = 0;
  let userHeaders = false;

  if (headers) {
    headText = firstLine;
    headFlags = 0;
    if (headers === this[kOutHeaders]) {
      const keys = Object.keys(headers);
      for (let i = 0; i < keys.length; i++) {
        const entry = headers[keys[i]];
        processHeader(this, entry[0], entry[1], false);
      }
      userHeaders = keys.length !== 0;
    } else if (Array.isArray(headers)) {
      if (headers.length && Array.isArray(headers[0])) {
        for (let i = 0; i < headers.length; i++) {
          const entry = headers[i];
          processHeader(this, entry[0], entry[1], true);
        }
      } else {
        if (headers.length % 2 !== 0) throw new ERR_INVALID_ARG_VALUE('headers', headers);
        for (let n = 0; n < headers.length; n += 2) processHeader(this, headers[n], headers[n + 1], true);
      }
      userHeaders = true;
    } else {
      const keys = Object.keys(headers);
      for (let i = 0; i < keys.length; i++) processHeader(this, keys[i], headers[keys[i]], true);
      userHeaders = keys.length !== 0;
    }
    header = headText;
    flags = headFlags;
    headText = '';
  }

  // Header values may carry latin1 characters; the head is then written as latin1 bytes.
  const nonAsciiHead = (userHeaders || this._firstLineChecked !== true) && nonAscii.test(header);

  const sendDate = this.sendDate && (flags & F_DATE) === 0;
  if (sendDate && (flags & F_CONNECTION) === 0 && !this._removedConnection && this.shouldKeepAlive &&
      this._keepAliveTimeout && this._defaultKeepAlive && !this.maxRequestsOnConnectionReached &&
      ((flags & F_CONTLEN) !== 0 || this.useChunkedEncodingByDefault || this.agent) &&
      !(this.chunkedEncoding && (this.statusCode === 204 || this.statusCode === 304))) {
    // The usual response: Date, then "Connection: keep-alive" and Keep-Alive, from one cached string.
    header += dateKeepAliveBlock(this._keepAliveTimeout, this._maxRequestsPerSocket);
    flags |= F_CONNECTION;
  } else if (sendDate) {
    header += `Date: ${utcDate()}\r\n`;
  }

  // 204 and 304 never carry a body: a "Transfer-Encoding: chunked" set by the user closes the connection.
  if (this.chunkedEncoding && (this.statusCode === 204 || this.statusCode === 304)) {
    this.chunkedEncoding = false;
    this.shouldKeepAlive = false;
  }

  if (this._removedConnection) {
    this._last = !this.shouldKeepAlive;
  } else if ((flags & F_CONNECTION) === 0) {
    const shouldSendKeepAlive = this.shouldKeepAlive &&
      ((flags & F_CONTLEN) !== 0 || this.useChunkedEncodingByDefault || this.agent);
    if (shouldSendKeepAlive && this.maxRequestsOnConnectionReached) {
      this._last = true;
      header += 'Connection: close\r\n';
    } else if (shouldSendKeepAlive) {
      if (this._keepAliveTimeout && this._defaultKeepAlive) {
        header += keepAliveHeader(this._keepAliveTimeout, this._maxRequestsPerSocket);
      } else {
        header += 'Connection: keep-alive\r\n';
      }
    } else {
      this._last = true;
      header += 'Connection: close\r\n';
    }
  }

  if ((flags & (F_CONTLEN | F_TE)) === 0) {
    if (!this._hasBody) {
      this.chunkedEncoding = false;
    } else if (!this.useChunkedEncodingByDefault) {
      this._last = true;
    } else if ((flags & F_TRAILER) === 0 && !this._removedContLen && typeof this._contentLength === 'number') {
      header += `Content-Length: ${this._contentLength}\r\n`;
    } else if (!this._removedTE) {
      header += 'Transfer-Encoding: chunked\r\n';
      this.chunkedEncoding = true;
    }
  }

  if (this.chunkedEncoding !== true && (flags & F_TRAILER) !== 0) throw new ERR_HTTP_TRAILER_INVALID();

  this._header = header + '\r\n';
  this._headerSent = false;
  if (nonAsciiHead) this._headerNonAscii = true;

  // With "Expect: 100-continue" the head goes out now, to get the go-ahead before the body.
  if ((flags & F_EXPECT) !== 0) this._send('');
};

function isCookieField(s) {
  return s.length === 6 && s.toLowerCase() === 'cookie';
}

function processHeader(self, key, value, validate) {
  if (validate) validateHeaderName(key);
  if (Array.isArray(value)) {
    if (value.length < 2 || !isCookieField(key)) {
      for (let i = 0; i < value.length; i++) storeHeader(self, key, value[i], validate);
      return;
    }
    value = value.join('; ');
  }
  storeHeader(self, key, value, validate);
}

function storeHeader(self, key, value, validate) {
  if (validate) validateHeaderValue(key, value);
  headText += `${key}: ${value}\r\n`;
  matchHeader(self, key, value);
}

// The lengths of the names below: anything else cannot match.
const interestingLength = [false, false, false, false, true, false, true, true, false, false, true, false, false,
  false, true, false, false, true];

function matchHeader(self, field, value) {
  if (field.length > 17 || !interestingLength[field.length]) return;
  switch (field.toLowerCase()) {
    case 'connection':
      headFlags |= F_CONNECTION;
      self._removedConnection = false;
      if (connCloseRegExp.test(value)) self._last = true;
      else self.shouldKeepAlive = true;
      break;
    case 'transfer-encoding':
      headFlags |= F_TE;
      self._removedTE = false;
      if (chunkExpression.test(value)) self.chunkedEncoding = true;
      break;
    case 'content-length':
      headFlags |= F_CONTLEN;
      self._contentLength = +value;
      self._removedContLen = false;
      break;
    case 'date':
      headFlags |= F_DATE;
      break;
    case 'expect':
      headFlags |= F_EXPECT;
      break;
    case 'trailer':
      headFlags |= F_TRAILER;
      break;
    case 'keep-alive':
      self._defaultKeepAlive = false;
      break;
    default:
      break;
  }
}

// ---- the header API ----

function validateString(value, name) {
  if (typeof value !== 'string') throw new ERR_INVALID_ARG_TYPE(name, 'string', value);
}

proto.setHeader = function setHeader(name, value) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('set');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  let headers = this[kOutHeaders];
  if (headers === null) this[kOutHeaders] = headers = { __proto__: null };
  headers[name.toLowerCase()] = [name, value];
  return this;
};

proto.setHeaders = function setHeaders(headers) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('set');
  if (!headers || Array.isArray(headers) || typeof headers.keys !== 'function' || typeof headers.get !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('headers', ['Headers', 'Map'], headers);
  }
  const cookies = [];
  for (const { 0: key, 1: value } of headers) {
    if (key === 'set-cookie') {
      if (Array.isArray(value)) cookies.push(...value);
      else cookies.push(value);
      continue;
    }
    this.setHeader(key, value);
  }
  if (cookies.length) this.setHeader('set-cookie', cookies);
  return this;
};

proto.appendHeader = function appendHeader(name, value) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('append');
  validateHeaderName(name);
  validateHeaderValue(name, value);
  const field = name.toLowerCase();
  let headers = this[kOutHeaders];
  if (headers === null) this[kOutHeaders] = headers = { __proto__: null };
  const existing = headers[field];
  if (existing === undefined) {
    headers[field] = [name, value];
    return this;
  }
  const existingValues = existing[1];
  if (Array.isArray(existingValues)) {
    if (Array.isArray(value)) existingValues.push(...value);
    else existingValues.push(value);
  } else if (Array.isArray(value)) {
    existing[1] = [existingValues, ...value];
  } else {
    existing[1] = [existingValues, value];
  }
  return this;
};

proto.getHeader = function getHeader(name) {
  validateString(name, 'name');
  const headers = this[kOutHeaders];
  if (headers === null) return undefined;
  const entry = headers[name.toLowerCase()];
  return entry && entry[1];
};

proto.getHeaderNames = function getHeaderNames() {
  return this[kOutHeaders] !== null ? Object.keys(this[kOutHeaders]) : [];
};

proto.getRawHeaderNames = function getRawHeaderNames() {
  const headers = this[kOutHeaders];
  if (headers === null) return [];
  const values = Object.values(headers);
  const out = new Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i][0];
  return out;
};

proto.getHeaders = function getHeaders() {
  const headers = this[kOutHeaders];
  const ret = { __proto__: null };
  if (headers) {
    for (const key of Object.keys(headers)) ret[key] = headers[key][1];
  }
  return ret;
};

proto.hasHeader = function hasHeader(name) {
  validateString(name, 'name');
  return this[kOutHeaders] !== null && !!this[kOutHeaders][name.toLowerCase()];
};

proto.removeHeader = function removeHeader(name) {
  validateString(name, 'name');
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('remove');
  const key = name.toLowerCase();
  switch (key) {
    case 'connection':
      this._removedConnection = true;
      break;
    case 'content-length':
      this._removedContLen = true;
      break;
    case 'transfer-encoding':
      this._removedTE = true;
      break;
    case 'date':
      this.sendDate = false;
      break;
    default:
      break;
  }
  if (this[kOutHeaders] !== null) delete this[kOutHeaders][key];
};

proto._implicitHeader = function _implicitHeader() {
  throw new ERR_METHOD_NOT_IMPLEMENTED('_implicitHeader()');
};

proto._renderHeaders = function _renderHeaders() {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('render');
  const headersMap = this[kOutHeaders];
  const headers = {};
  if (headersMap !== null) {
    for (const key of Object.keys(headersMap)) headers[headersMap[key][0]] = headersMap[key][1];
  }
  return headers;
};

// ---- write / end ----

function onError(msg, err, callback) {
  if (msg.socket && msg.socket._hadError) return;
  process.nextTick(emitErrorNt, msg, err, callback);
}

function emitErrorNt(msg, err, callback) {
  callback(err);
  if (typeof msg.emit === 'function' && !msg.destroyed) msg.emit('error', err);
}

const nativeByteLength = binding.buffer.byteLength;
function chunkByteLength(chunk, encoding) {
  if (typeof chunk !== 'string') return chunk.byteLength;
  return isUtf8(encoding) ? nativeByteLength(chunk, 'utf8') : Buffer.byteLength(chunk, encoding);
}

function validateChunk(msg, chunk, callback) {
  if (msg.finished) {
    const err = new ERR_STREAM_WRITE_AFTER_END();
    if (!msg.destroyed) onError(msg, err, callback);
    else process.nextTick(callback, err);
    return false;
  }
  if (msg.destroyed) {
    process.nextTick(callback, new ERR_STREAM_DESTROYED('write'));
    return false;
  }
  if (chunk === null) throw new ERR_STREAM_NULL_VALUES();
  if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
    throw new ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'Uint8Array'], chunk);
  }
  return true;
}

// The bytes of one body write, framed for chunked encoding when needed, as one piece (a string when possible).
function frameChunk(msg, chunk, encoding, len) {
  if (!msg.chunkedEncoding || (typeof chunk === 'string' ? chunk.length === 0 : chunk.byteLength === 0)) {
    return chunk;
  }
  if (len === undefined) len = chunkByteLength(chunk, encoding);
  if (typeof chunk === 'string' && isUtf8(encoding)) return `${len.toString(16)}\r\n${chunk}\r\n`;
  const bytes = typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk;
  return Buffer.concat([Buffer.from(`${len.toString(16)}\r\n`, 'latin1'), bytes, Buffer.from('\r\n', 'latin1')]);
}

function encodingOf(chunk, encoding) {
  return typeof chunk === 'string' && !isUtf8(encoding) && !(chunk instanceof Uint8Array) ? encoding : undefined;
}

function writeBody(msg, chunk, encoding, callback, fromEnd) {
  let len;
  if (msg.strictContentLength) {
    len = chunkByteLength(chunk, encoding);
    if (typeof msg._contentLength === 'number' && msg._bytesWritten + len > msg._contentLength) {
      throw new ERR_HTTP_CONTENT_LENGTH_MISMATCH(len + msg._bytesWritten, msg._contentLength);
    }
    msg._bytesWritten += len;
  }
  if (!msg._header) {
    if (fromEnd) {
      if (len === undefined) len = chunkByteLength(chunk, encoding);
      msg._contentLength = len;
    }
    msg._implicitHeader();
  }
  if (!msg._hasBody) {
    if (msg._rejectNonStandardBodyWrites) throw new ERR_HTTP_BODY_NOT_ALLOWED();
    if (callback !== null) process.nextTick(callback);
    return true;
  }
  const data = frameChunk(msg, chunk, encoding, len);
  return msg._send(data, encodingOf(data, encoding), callback);
}

proto.write = function write(chunk, encoding, callback) {
  if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }
  if (typeof callback !== 'function') callback = null;
  if (!validateChunk(this, chunk, callback || nop)) return false;
  const ret = writeBody(this, chunk, encoding, callback, false);
  if (!ret) this[kNeedDrain] = true;
  return ret;
};

function onFinish(msg) {
  const socket = msg.socket;
  if (socket !== null && socket._hadError) return;
  const hook = msg[kFinishHook];
  if (hook !== null) hook(msg);
  if (msg._events !== undefined) msg.emit('finish');
}

proto.end = function end(chunk, encoding, callback) {
  if (typeof chunk === 'function') {
    callback = chunk;
    chunk = null;
    encoding = null;
  } else if (typeof encoding === 'function') {
    callback = encoding;
    encoding = null;
  }

  let data = null; // what still has to go out, besides the head
  let len = -1;
  let lastChunkSent = false;
  if (chunk) {
    if (this.finished) {
      onError(this, new ERR_STREAM_WRITE_AFTER_END(), typeof callback !== 'function' ? nop : callback);
      return this;
    }
    if (typeof chunk === 'string' && !this.destroyed) {
      if (this._header === null || this.strictContentLength) {
        len = encoding == null ? nativeByteLength(chunk, 'utf8') : chunkByteLength(chunk, encoding);
      }
    } else {
      if (!validateChunk(this, chunk, typeof callback === 'function' ? callback : nop)) return this;
      len = chunk.byteLength;
    }
    if (this.strictContentLength) this._bytesWritten += len;
    if (this._header === null) {
      this._contentLength = len;
      this._implicitHeader();
    }
    if (!this._hasBody) {
      // No body for HEAD, 204, 304: the data is dropped.
    } else if (!this.chunkedEncoding) {
      data = chunk;
    } else if (typeof chunk === 'string' && encoding == null && chunk.length !== 0) {
      // The last chunk of a chunked body, and the terminating chunk, as one string of known length.
      if (len < 0) len = nativeByteLength(chunk, 'utf8');
      const size = len.toString(16);
      const trailer = this._trailer;
      data = `${size}\r\n${chunk}\r\n0\r\n${trailer}\r\n`;
      len += size.length + 7 + trailer.length;
      chunk = data; // its length is known now
      lastChunkSent = true;
    } else {
      data = frameChunk(this, chunk, encoding, len < 0 ? undefined : len);
    }
  } else if (this.finished) {
    if (typeof callback === 'function') {
      if (!this.writableFinished) this.on('finish', callback);
      else callback(new ERR_STREAM_ALREADY_FINISHED('end'));
    }
    return this;
  } else if (this._header === null) {
    this._contentLength = 0;
    this._implicitHeader();
  }

  if (typeof callback === 'function') this.once('finish', callback);

  if (this.strictContentLength && this._bytesWritten !== this._contentLength &&
      typeof this._contentLength === 'number') {
    throw new ERR_HTTP_CONTENT_LENGTH_MISMATCH(this._bytesWritten, this._contentLength);
  }

  // The rest of the message in one write: the body piece, then the last chunk when chunked.
  if (this._hasBody && this.chunkedEncoding && !lastChunkSent) {
    const last = `0\r\n${this._trailer}\r\n`;
    if (data === null) data = last;
    else if (typeof data === 'string') data += last;
    else data = Buffer.concat([data, Buffer.from(last, 'latin1')]);
  }
  if (data !== null) {
    if (typeof data === 'string' && encoding != null && !isUtf8(encoding)) {
      this._send(data, encoding, onFinish, this, -1);
    } else {
      // A whole UTF-8 body given to end(): its byte length is known.
      this._send(data, undefined, onFinish, this, data === chunk ? len : -1);
    }
  } else if (!this._headerSent || this.writableLength) {
    this._send('', 'latin1', onFinish, this);
  } else {
    queueTick(onFinish, this);
  }

  if (this[kCorked]) {
    this[kCorked] = 1;
    this.uncork();
  }

  this.finished = true;

  if (this.outputData.length === 0 && this.socket !== null && this.socket._httpMessage === this &&
      this._events !== undefined) {
    this._finish();
  }
  return this;
};

proto.addTrailers = function addTrailers(headers) {
  this._trailer = '';
  const isArray = Array.isArray(headers);
  const keys = isArray ? null : Object.keys(headers);
  const n = isArray ? headers.length : keys.length;
  for (let i = 0; i < n; i++) {
    let field;
    let value;
    if (isArray) {
      field = headers[i][0];
      value = headers[i][1];
    } else {
      field = keys[i];
      value = headers[field];
    }
    if (typeof field !== 'string' || !field || !checkIsHttpToken(field)) {
      throw new ERR_INVALID_HTTP_TOKEN('Trailer name', field);
    }
    if (Array.isArray(value) && value.length > 1 && (!this[kOutHeaders] || !this[kOutHeaders][field.toLowerCase()])) {
      for (let j = 0; j < value.length; j++) {
        if (checkInvalidHeaderChar(value[j])) throw new ERR_INVALID_CHAR('trailer content', field);
        this._trailer += `${field}: ${value[j]}\r\n`;
      }
    } else {
      if (Array.isArray(value)) value = value.join('; ');
      if (checkInvalidHeaderChar(value)) throw new ERR_INVALID_CHAR('trailer content', field);
      this._trailer += `${field}: ${value}\r\n`;
    }
  }
};

proto.flushHeaders = function flushHeaders() {
  if (!this._header) this._implicitHeader();
  this._send('');
};

proto.pipe = function pipe() {
  this.emit('error', new ERR_STREAM_CANNOT_PIPE());
};

module.exports = {
  OutgoingMessage,
  dateKeepAliveBlock,
  kOutHeaders,
  kNeedDrain,
  kFinishHook,
  validateHeaderName,
  validateHeaderValue,
};
