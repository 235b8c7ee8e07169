// http.Server and http.ServerResponse.
//
// Each connection gets one Connection object (Node's per-socket `state` plus its parser): it feeds socket bytes
// to the framer, makes an IncomingMessage and a ServerResponse per request head, and answers pipelined requests
// strictly in order (a response that is not first in line queues its output until the ones before it finish).
// Idle keep-alive connections are closed after keepAliveTimeout by one unref'd timer per server.

'use strict';

const net = require('net');
const { IncomingMessage } = require('internal/http/incoming');
const { OutgoingMessage, kOutHeaders, kFinishHook, dateKeepAliveBlock } = require('internal/http/outgoing');
const common = require('internal/http/common');
const {
  STATUS_CODES, methodSet, checkInvalidHeaderChar, HTTPParser, HeadInfo, kRequest, BODY_CHUNKED, BODY_STOP, S_DEAD, S_HEAD,
  MAX_HEAD_BYTES, chunkExpression, connResetException, destroySoon, queueTick,
} = common;
const { codes } = require('internal/errors');
const netNative = binding.net;
const httpNative = binding.http;
// The `parsed` array serve mode hands to onHeaders (reused: onHeaders copies what it keeps).
const nativeHead = [0, '', '', 1, null];
const {
  ERR_HTTP_HEADERS_SENT, ERR_HTTP_INVALID_STATUS_CODE, ERR_HTTP_SOCKET_ASSIGNED, ERR_INVALID_ARG_TYPE,
  ERR_INVALID_ARG_VALUE, ERR_INVALID_CHAR, ERR_OUT_OF_RANGE, ERR_HTTP_REQUEST_TIMEOUT,
} = codes;

const kIncomingMessage = Symbol('IncomingMessage');
const kServerResponse = Symbol('ServerResponse');
const kConnections = Symbol('http.server.connections');
const kSweepTimer = Symbol('kSweepTimer');
const kCheckTimer = Symbol('kConnectionsCheckingInterval');

// Pipelined requests read ahead of their responses before the connection stops reading.
const MAX_PIPELINED = 128;

const continueExpression = /(?:^|\W)100-continue(?:$|\W)/i;
// EventEmitter's captureRejections flag: with it on, 'request' goes through emit() (which handles rejections).
const kCapture = Object.getOwnPropertySymbols(require('events').prototype)
  .find((sym) => sym.description === 'kCapture');

// ---- ServerResponse ----

const statusLines = [];

function ServerResponse(req, options) {
  OutgoingMessage.call(this, options);
  this.req = req;
  if (req.method === 'HEAD') this._hasBody = false;
  if (req.httpVersionMajor < 1 || req.httpVersionMinor < 1) {
    this.useChunkedEncodingByDefault = chunkExpression.test(req.headers.te);
    this.shouldKeepAlive = false;
  }
}
Object.setPrototypeOf(ServerResponse.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ServerResponse, OutgoingMessage);

const resProto = ServerResponse.prototype;
const incomingProto = IncomingMessage.prototype;
resProto.statusCode = 200;
resProto.statusMessage = undefined;
resProto.sendDate = true;
resProto._sent100 = false;
resProto._expect_continue = false;
resProto._conn = null;
resProto[kFinishHook] = resOnFinish;

resProto._finish = function _finish() {
  OutgoingMessage.prototype._finish.call(this);
};

resProto.assignSocket = assignSocket;
function assignSocket(socket) {
  if (socket._httpMessage) throw new ERR_HTTP_SOCKET_ASSIGNED();
  socket._httpMessage = this;
  this.socket = socket;
  this.emit('socket', socket);
  this._flush();
}

resProto.detachSocket = detachSocket;
function detachSocket(socket) {
  socket._httpMessage = null;
  this.socket = null;
}

resProto.writeContinue = function writeContinue(cb) {
  this._writeRaw('HTTP/1.1 100 Continue\r\n\r\n', typeof cb === 'function' ? cb : null);
  this._sent100 = true;
};

resProto.writeProcessing = function writeProcessing(cb) {
  this._writeRaw('HTTP/1.1 102 Processing\r\n\r\n', typeof cb === 'function' ? cb : null);
};

resProto.writeEarlyHints = function writeEarlyHints(hints, cb) {
  let head = 'HTTP/1.1 103 Early Hints\r\n';
  if (hints === null || typeof hints !== 'object') throw new ERR_INVALID_ARG_TYPE('hints', 'Object', hints);
  const link = hints.link;
  if (link === undefined) throw new ERR_INVALID_ARG_VALUE('hints.link', link, 'must be a string or an array');
  const links = Array.isArray(link) ? link : [link];
  if (links.length === 0) return;
  head += `Link: ${links.join(', ')}\r\n`;
  for (const key of Object.keys(hints)) {
    if (key !== 'link') head += `${key}: ${hints[key]}\r\n`;
  }
  head += '\r\n';
  this._writeRaw(head, typeof cb === 'function' ? cb : null);
};

// The usual head (no header set, a keep-alive response, a status from the table) from cached parts: the status
// line, the Date + Connection + Keep-Alive block, and the framing. False when anything is unusual.
function fastHead(res, statusCode) {
  if (res[kOutHeaders] !== null || res.statusMessage !== undefined || !res.shouldKeepAlive || !res._hasBody ||
      !res.useChunkedEncodingByDefault || !res.sendDate || res._keepAliveTimeout === 0 || !res._defaultKeepAlive ||
      res.maxRequestsOnConnectionReached || res._removedConnection || res._removedContLen || res._removedTE ||
      res._expect_continue || typeof statusCode !== 'number' || statusCode < 200 || statusCode === 204 ||
      statusCode === 304 || res.chunkedEncoding) {
    return false;
  }
  const statusLine = statusLines[statusCode];
  if (statusLine === undefined) return false;
  const contentLength = res._contentLength;
  const block = dateKeepAliveBlock(res._keepAliveTimeout, res._maxRequestsPerSocket);
  res.statusCode = statusCode;
  res.statusMessage = STATUS_CODES[statusCode];
  res._firstLineChecked = true;
  if (typeof contentLength === 'number') {
    res._header = `${statusLine}${block}Content-Length: ${contentLength}\r\n\r\n`;
  } else {
    res._header = `${statusLine}${block}Transfer-Encoding: chunked\r\n\r\n`;
    res.chunkedEncoding = true;
  }
  res._headerSent = false;
  return true;
}

resProto._implicitHeader = function _implicitHeader() {
  if (this.writeHead !== writeHead || !fastHead(this, this.statusCode)) this.writeHead(this.statusCode);
};

resProto.writeHead = writeHead;
function writeHead(statusCode, reason, obj) {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('write');
  if (reason === undefined && obj === undefined && fastHead(this, statusCode)) return this;
  const originalStatusCode = statusCode;
  statusCode |= 0;
  if (statusCode < 100 || statusCode > 999) throw new ERR_HTTP_INVALID_STATUS_CODE(originalStatusCode);

  let knownMessage = false;
  if (typeof reason === 'string') {
    this.statusMessage = reason;
  } else {
    if (!this.statusMessage) {
      this.statusMessage = STATUS_CODES[statusCode] || 'unknown';
      knownMessage = true;
    }
    if (obj === undefined) obj = reason;
  }
  this.statusCode = statusCode;

  let headers;
  if (this[kOutHeaders]) {
    // setHeader() was used: the headers given here join (and override) those.
    if (Array.isArray(obj)) {
      if (obj.length % 2 !== 0) throw new ERR_INVALID_ARG_VALUE('headers', obj);
      for (let n = 0; n < obj.length; n += 2) this.removeHeader(obj[n]);
      for (let n = 0; n < obj.length; n += 2) {
        if (obj[n]) this.appendHeader(obj[n], obj[n + 1]);
      }
    } else if (obj) {
      const keys = Object.keys(obj);
      for (let i = 0; i < keys.length; i++) {
        const k = keys[i];
        if (k) this.setHeader(k, obj[k]);
      }
    }
    headers = this[kOutHeaders];
  } else {
    headers = obj;
  }

  let statusLine;
  if (knownMessage) {
    // The table's messages are plain ASCII.
    this._firstLineChecked = true;
    statusLine = statusLines[statusCode] ??= `HTTP/1.1 ${statusCode} ${this.statusMessage}\r\n`;
  } else {
    if (checkInvalidHeaderChar(this.statusMessage)) throw new ERR_INVALID_CHAR('statusMessage');
    statusLine = `HTTP/1.1 ${statusCode} ${this.statusMessage}\r\n`;
  }

  if (statusCode === 204 || statusCode === 304 || (statusCode >= 100 && statusCode <= 199)) this._hasBody = false;

  // A client waiting for 100 Continue that got a final status may still send the body: do not reuse.
  if (this._expect_continue && !this._sent100) this.shouldKeepAlive = false;

  this._storeHeader(statusLine, headers);
  return this;
}

// Node's alias.
resProto.writeHeader = resProto.writeHead;

// ---- the connection ----

const headInfo = new HeadInfo();

const badRequestResponse = `HTTP/1.1 400 ${STATUS_CODES[400]}\r\nConnection: close\r\n\r\n`;
const requestHeaderFieldsTooLargeResponse = `HTTP/1.1 431 ${STATUS_CODES[431]}\r\nConnection: close\r\n\r\n`;
const requestTimeoutResponse = `HTTP/1.1 408 ${STATUS_CODES[408]}\r\nConnection: close\r\n\r\n`;

class Connection {
  constructor(server, socket) {
    this.server = server;
    this.socket = socket;
    this.parser = new HTTPParser(kRequest, this);
    this.parser.maxHeaderSize = server.maxHeaderSize || MAX_HEAD_BYTES;
    this.incoming = []; // requests whose response has not finished, oldest first
    this.outgoing = []; // responses waiting for their turn on the socket
    this.current = null; // the request being parsed
    this.upgradeReq = null;
    this.requestsCount = 0;
    this.idleSince = 0; // when the last response finished with nothing else pending (0: busy or new)
    this.requestStart = 0; // when the request being received started (for headersTimeout/requestTimeout)
    this.headComplete = false;
    this.readingStopped = false;
    this.detached = false;
    this.consuming = false;
    this.pipelinePaused = false;
    this.IncomingMessage = server[kIncomingMessage];
    this.ServerResponse = server[kServerResponse];
    this.onData = (chunk) => this.data(chunk);
  }

  // Reads straight from the socket's native handle instead of through its Readable (as Node's parser consumes
  // the stream handle). Any 'data'/'readable' listener the user adds to the socket switches back.
  consume() {
    const socket = this.socket;
    const wrap = socket._wrap;
    const handle = socket._handle;
    if (typeof handle !== 'number' || wrap === null || typeof wrap !== 'object' || socket.connecting ||
        socket.listenerCount('data') !== 0 || socket.listenerCount('readable') !== 0) {
      return false;
    }
    const conn = this;
    wrap.onread = function onread(chunk) {
      socket.bytesRead += chunk.length;
      if (socket._timeoutMs > 0) socket._touch();
      conn.data(chunk);
    };
    this.consuming = true;
    socket.on = socketListenerWrapper('on');
    socket.addListener = socket.on;
    socket.prependListener = socketListenerWrapper('prependListener');
    if (this.parser.pending === null && this.parser.state === S_HEAD) {
      // Serve mode: the native side parses each request (head and Content-Length body) and calls
      // onrequest once per request; anything else (chunked, upgrade, malformed) comes back as bytes
      // for the JavaScript parser, which keeps the connection from then on.
      wrap.onrequest = function onrequest(method, url, minor, rawHeaders, body) {
        conn.nativeRequest(method, url, minor, rawHeaders, body);
      };
      wrap.onhandover = function onhandover(bytes) {
        conn.serving = false;
        wrap.onread(bytes);
      };
      this.serving = true;
      httpNative.serve(handle);
    } else {
      netNative.readStart(handle);
    }
    return true;
  }

  // A request the native side parsed whole: the steps the JavaScript parser's callbacks take.
  nativeRequest(method, url, minor, rawHeaders, body) {
    if (this.requestStart === 0) this.requestStart = Date.now();
    if (this.idleSince !== 0) this.idleSince = this.requestStart;
    const socket = this.socket;
    if (socket._timeoutMs > 0) socket._touch();
    nativeHead[1] = method;
    nativeHead[2] = url;
    nativeHead[3] = minor;
    nativeHead[4] = rawHeaders;
    const parser = this.parser;
    const result = this.onHeaders(nativeHead, parser);
    nativeHead[4] = null;
    if (parser.state === S_DEAD || result === BODY_STOP) return;
    if (body !== undefined) {
      socket.bytesRead += body.length;
      this.onBody(body);
    }
    this.onComplete();
  }

  unconsume() {
    if (!this.consuming) return;
    this.consuming = false;
    const socket = this.socket;
    if (this.serving) {
      // Bytes the native side read but did not parse yet go through the JavaScript parser first.
      this.serving = false;
      if (socket._wrap) {
        delete socket._wrap.onrequest;
        delete socket._wrap.onhandover;
      }
      const rest = typeof socket._handle === 'number' ? httpNative.unserve(socket._handle) : null;
      if (rest !== null && rest.length > 0) this.parser.execute(rest);
    }
    if (socket._wrap) delete socket._wrap.onread;
    delete socket.on;
    delete socket.addListener;
    delete socket.prependListener;
    // The handle keeps reading; what it reads now goes through the socket's stream.
    if (!this.detached) socket.on('data', this.onData);
  }

  data(chunk) {
    if (this.requestStart === 0) this.requestStart = Date.now();
    if (this.idleSince !== 0) this.idleSince = this.requestStart;
    this.parser.execute(chunk);
  }

  readStop() {
    if (!this.readingStopped && !this.detached) {
      this.readingStopped = true;
      if (!this.consuming) this.socket.pause();
      else if (typeof this.socket._handle === 'number') netNative.readStop(this.socket._handle);
    }
  }

  readStart() {
    if (this.readingStopped && !this.detached) {
      this.readingStopped = false;
      if (!this.consuming) this.socket.resume();
      else if (typeof this.socket._handle === 'number') netNative.readStart(this.socket._handle);
    }
  }

  // Parser callbacks.

  onHeaders(parsed, parser) {
    const server = this.server;
    const socket = this.socket;
    const method = parsed[1];
    if (!methodSet.has(method)) {
      parser.fail('HPE_INVALID_METHOD', 'Invalid method encountered', parser.headView);
      return BODY_STOP;
    }
    const raw = parsed[4];
    const info = headInfo.scan(raw);
    let body = 0;
    if (parser.rejectsContentLength(info)) return BODY_STOP;
    if (info.transferEncoding !== null) {
      if (info.contentLengthCount > 0) {
        parser.fail('HPE_INVALID_TRANSFER_ENCODING', "Transfer-Encoding can't be present with Content-Length",
          parser.headView);
        return BODY_STOP;
      }
      if (!info.isChunked()) {
        parser.fail('HPE_INVALID_TRANSFER_ENCODING', 'Request has invalid `Transfer-Encoding`', parser.headView);
        return BODY_STOP;
      }
      body = BODY_CHUNKED;
    } else if (info.contentLength > 0) {
      body = info.contentLength;
    }
    const minor = parsed[3];
    const connection = info.connection;
    const keepAlive = connection === null ? minor === 1 : info.keepAlive(minor);
    const hasHost = info.hasHost;
    const expect = info.expect;
    const upgrade = (info.upgrade || method === 'CONNECT') && info.isUpgrade(method);

    let req;
    if (this.IncomingMessage === IncomingMessage) {
      // The default class: built as one literal (adding properties one by one costs more in the interpreter).
      req = {
        __proto__: incomingProto,
        socket,
        method,
        url: parsed[2],
        httpVersionMajor: 1,
        httpVersionMinor: minor,
        httpVersion: minor === 1 ? '1.1' : '1.0',
        rawHeaders: raw,
        complete: false,
        _owner: this,
        _eofPending: false,
        _dumped: false,
      };
    } else {
      req = new this.IncomingMessage(socket);
      req.method = method;
      req.url = parsed[2];
      req.httpVersionMajor = 1;
      req.httpVersionMinor = minor;
      req.httpVersion = minor === 1 ? '1.1' : '1.0';
      req.rawHeaders = raw;
      req._owner = this;
    }
    if (server.joinDuplicateHeaders) req.joinDuplicateHeaders = true;
    this.current = req;
    this.headComplete = true;
    this.requestsCount++;
    this.idleSince = 0;

    if (upgrade) {
      req.upgrade = method === 'CONNECT' || server.listenerCount('upgrade') > 0;
      if (req.upgrade) {
        this.upgradeReq = req;
        return BODY_STOP;
      }
    }

    this.incoming.push(req);
    if (this.incoming.length > MAX_PIPELINED && !this.pipelinePaused) {
      // Too many requests waiting for their responses: stop reading until some are answered.
      this.pipelinePaused = true;
      this.readStop();
    }
    let res;
    const first = !socket._httpMessage; // the response can take the socket now (nothing pipelined before it)
    if (this.ServerResponse === ServerResponse && server._resOptions === undefined) {
      // Only the fields every response writes; the rest stay on the prototype until assigned. Being first, it
      // is assigned the socket right away (assignSocket() of a fresh response has nothing to emit or flush).
      res = {
        __proto__: resProto,
        req,
        socket: first ? socket : null,
        _conn: this,
        _keepAliveTimeout: server.keepAliveTimeout,
        statusCode: 200,
        statusMessage: undefined,
        chunkedEncoding: false,
        _header: null,
        _headerSent: false,
        _contentLength: null,
        _firstLineChecked: false,
        finished: false,
        destroyed: false,
        _closed: false,
      };
      if (!keepAlive) res.shouldKeepAlive = false;
      if (method === 'HEAD') res._hasBody = false;
      if (minor !== 1) res.useChunkedEncodingByDefault = chunkExpression.test(req.headers.te);
    } else {
      res = new this.ServerResponse(req, server._resOptions);
      res._keepAliveTimeout = server.keepAliveTimeout;
      res.shouldKeepAlive = keepAlive;
      res._conn = this;
    }
    const maxRequests = server.maxRequestsPerSocket;
    if (maxRequests > 0) {
      res._maxRequestsPerSocket = maxRequests;
      res.maxRequestsOnConnectionReached = maxRequests <= this.requestsCount;
    }
    if (!first) {
      this.outgoing.push(res);
    } else if (res.socket === socket) {
      socket._httpMessage = res;
    } else {
      res.assignSocket(socket);
    }

    let handled = false;
    if (minor === 1) {
      if (server.requireHostHeader && !hasHost) {
        res.writeHead(400, ['Connection', 'close']);
        res.end();
        handled = true;
      } else if (maxRequests > 0 && maxRequests < this.requestsCount) {
        handled = true;
        server.emit('dropRequest', req, socket);
        res.writeHead(503);
        res.end();
      } else if (expect !== null) {
        handled = true;
        if (continueExpression.test(expect)) {
          res._expect_continue = true;
          if (server.listenerCount('checkContinue') > 0) {
            server.emit('checkContinue', req, res);
          } else {
            res.writeContinue();
            server.emit('request', req, res);
          }
        } else if (server.listenerCount('checkExpectation') > 0) {
          server.emit('checkExpectation', req, res);
        } else {
          res.writeHead(417);
          res.end();
        }
      }
    }
    if (!handled) {
      // server.emit('request', req, res), calling a lone listener directly.
      const events = server._events;
      const listener = events !== undefined ? events.request : undefined;
      if (typeof listener === 'function' && !server[kCapture]) listener.call(server, req, res);
      else server.emit('request', req, res);
    }
    const handle = socket._handle;
    if (handle === null || (handle === undefined && socket.destroyed)) {
      parser.close();
      return BODY_STOP;
    }
    return body;
  }

  onBody(chunk) {
    const req = this.current;
    if (req !== null) req._pushBody(chunk);
  }

  onTrailers(raw) {
    const req = this.current;
    if (req !== null) req.rawTrailers = raw;
  }

  onComplete() {
    const req = this.current;
    this.current = null;
    this.headComplete = false;
    this.requestStart = 0;
    if (req !== null) req._pushEof();
  }

  onError(err) {
    this.requestStart = 0;
    socketOnError.call(this.socket, err);
  }

  onUpgrade(head) {
    const req = this.upgradeReq;
    this.upgradeReq = null;
    this.current = null;
    this.requestStart = 0;
    const server = this.server;
    const socket = this.socket;
    this.detach();
    req.complete = true;
    const eventName = req.method === 'CONNECT' ? 'connect' : 'upgrade';
    if (eventName === 'upgrade' || server.listenerCount(eventName) > 0) {
      server.emit(eventName, req, socket, head);
    } else {
      socket.destroy();
    }
  }

  // The socket no longer speaks HTTP through us (upgrade): drop our listeners.
  detach() {
    if (this.detached) return;
    this.detached = true;
    const socket = this.socket;
    this.unconsume();
    socket.removeListener('data', this.onData);
    socket.removeListener('end', socketOnEnd);
    socket.removeListener('close', socketOnClose);
    socket.removeListener('timeout', socketOnTimeout);
    socket.removeListener('error', socketOnError);
    socket.on('error', noop);
    socket._httpConnection = null;
    this.parser.close();
    this.server[kConnections].delete(this);
  }

  // Whether nothing is in progress: no request being received or answered.
  isIdle() {
    return this.incoming.length === 0 && !this.headComplete && this.parser.pending === null;
  }
}

function noop() {}

// socket.on & co. while the connection reads the handle itself: a 'data' or 'readable' listener means the user
// wants the bytes, so reading goes back through the socket's stream.
function socketListenerWrapper(originalFnName) {
  return function socketListenerWrap(ev, fn) {
    const res = Object.getPrototypeOf(this)[originalFnName].call(this, ev, fn);
    if (ev === 'data' || ev === 'readable') {
      const conn = this._httpConnection;
      if (conn) conn.unconsume();
    }
    return res;
  };
}

function resOnFinish(res) {
  const conn = res._conn;
  const req = res.req;
  const socket = conn.socket;
  const incoming = conn.incoming;
  if (incoming.length !== 0) {
    if (incoming[0] === req) incoming.shift();
    else {
      const index = incoming.indexOf(req);
      if (index !== -1) incoming.splice(index, 1);
    }
  }
  // Nobody read the body: read it away so the connection can carry the next request.
  if (!req._consuming && (req._rs === null || !req._rs.resumeScheduled)) {
    if (req._rs === null && req.complete && req._events === undefined) req._dumped = true;
    else req._dump();
  }
  if (res.detachSocket === detachSocket) {
    socket._httpMessage = null;
    res.socket = null;
  } else {
    res.detachSocket(socket);
  }
  if (res._events === undefined) {
    // Nobody listens: nothing to emit, and the state can change now.
    res.destroyed = true;
    res._closed = true;
  } else {
    queueTick(emitCloseNT, res);
  }

  if (conn.pipelinePaused && incoming.length <= MAX_PIPELINED / 2) {
    conn.pipelinePaused = false;
    conn.readStart();
  }

  if (res._last) {
    destroySoon(socket);
  } else if (conn.outgoing.length === 0) {
    const server = conn.server;
    if (server.keepAliveTimeout && incoming.length === 0) {
      conn.idleSince = Date.now();
      if (server[kSweepTimer] === null) armSweep(server, server.keepAliveTimeout);
    }
  } else {
    conn.outgoing.shift().assignSocket(socket);
  }
}

function emitCloseNT(res) {
  if (!res._closed) {
    res.destroyed = true;
    res._closed = true;
    res.emit('close');
  }
}

// ---- socket events (`this` is the socket) ----

function socketOnError(e) {
  this.removeListener('error', socketOnError);
  if (this.listenerCount('error') === 0) this.on('error', noop);
  const conn = this._httpConnection;
  if (conn) conn.parser.close();
  if (!this.server.emit('clientError', e, this)) {
    const msg = this._httpMessage;
    if (this.writable && (!msg || !msg._headerSent)) {
      let response;
      switch (e.code) {
        case 'HPE_HEADER_OVERFLOW':
          response = requestHeaderFieldsTooLargeResponse;
          break;
        case 'ERR_HTTP_REQUEST_TIMEOUT':
          response = requestTimeoutResponse;
          break;
        default:
          response = badRequestResponse;
      }
      this.write(response);
    }
    this.destroy(e);
  }
}

function socketOnEnd() {
  const conn = this._httpConnection;
  if (!conn) return;
  const err = conn.parser.finish();
  if (err !== null) {
    socketOnError.call(this, err);
    return;
  }
  const server = conn.server;
  if (!server.httpAllowHalfOpen) {
    abortIncoming(conn.incoming);
    if (this.writable) this.end();
  } else if (conn.outgoing.length) {
    conn.outgoing[conn.outgoing.length - 1]._last = true;
  } else if (this._httpMessage) {
    this._httpMessage._last = true;
  } else if (this.writable) {
    this.end();
  }
}

function socketOnClose() {
  const conn = this._httpConnection;
  if (!conn) return;
  conn.parser.close();
  conn.server[kConnections].delete(conn);
  abortIncoming(conn.incoming);
  const msg = this._httpMessage;
  if (msg) emitCloseNT(msg);
  const outgoing = conn.outgoing;
  conn.outgoing = [];
  for (let i = 0; i < outgoing.length; i++) emitCloseNT(outgoing[i]);
}

function abortIncoming(incoming) {
  while (incoming.length) {
    const req = incoming.shift();
    req.destroy(connResetException('aborted'));
  }
}

function socketOnTimeout() {
  const conn = this._httpConnection;
  const req = conn ? conn.current : null;
  const reqTimeout = req !== null && !req.complete && req.emit('timeout', this);
  const res = this._httpMessage;
  const resTimeout = res && res.emit('timeout', this);
  const serverTimeout = this.server.emit('timeout', this);
  if (!reqTimeout && !resTimeout && !serverTimeout) this.destroy();
}

// ---- idle keep-alive connections and request timeouts ----

function armSweep(server, delay) {
  const timer = setTimeout(sweepIdle, delay, server);
  timer.unref();
  server[kSweepTimer] = timer;
}

function sweepIdle(server) {
  server[kSweepTimer] = null;
  const timeout = server.keepAliveTimeout;
  if (!timeout) return;
  const now = Date.now();
  let next = Infinity;
  for (const conn of server[kConnections]) {
    const since = conn.idleSince;
    if (since === 0 || !conn.isIdle()) continue;
    const expires = since + timeout;
    if (expires <= now) {
      conn.socket.destroy();
    } else if (expires < next) {
      next = expires;
    }
  }
  if (next !== Infinity) armSweep(server, next - now);
}

function checkConnections(server) {
  const now = Date.now();
  const headersTimeout = server.headersTimeout;
  const requestTimeout = server.requestTimeout;
  for (const conn of server[kConnections]) {
    const start = conn.requestStart;
    if (start === 0) continue;
    const expired = conn.headComplete
      ? requestTimeout > 0 && now - start > requestTimeout
      : (headersTimeout > 0 && now - start > headersTimeout) || (requestTimeout > 0 && now - start > requestTimeout);
    if (expired) {
      conn.requestStart = 0;
      conn.parser.close();
      socketOnError.call(conn.socket, new ERR_HTTP_REQUEST_TIMEOUT());
    }
  }
}

function setupConnectionsTracking() {
  if (this[kCheckTimer] !== null) clearInterval(this[kCheckTimer]);
  const interval = this.connectionsCheckingInterval;
  if (!(interval > 0) || (!this.headersTimeout && !this.requestTimeout)) return;
  this[kCheckTimer] = setInterval(checkConnections, interval, this);
  this[kCheckTimer].unref();
}

// ---- Server ----

function validateInteger(value, name, min = 0) {
  if (typeof value !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min) throw new ERR_OUT_OF_RANGE(name, `>= ${min}`, value);
}

function validateBooleanOption(value, name) {
  if (value !== undefined && typeof value !== 'boolean') throw new ERR_INVALID_ARG_TYPE(name, 'boolean', value);
}

function storeHTTPOptions(server, options) {
  server[kIncomingMessage] = options.IncomingMessage || IncomingMessage;
  server[kServerResponse] = options.ServerResponse || ServerResponse;

  const maxHeaderSize = options.maxHeaderSize;
  if (maxHeaderSize !== undefined) validateInteger(maxHeaderSize, 'maxHeaderSize', 0);
  server.maxHeaderSize = maxHeaderSize;

  const insecureHTTPParser = options.insecureHTTPParser;
  validateBooleanOption(insecureHTTPParser, 'options.insecureHTTPParser');
  server.insecureHTTPParser = insecureHTTPParser;

  const requestTimeout = options.requestTimeout;
  if (requestTimeout !== undefined) {
    validateInteger(requestTimeout, 'requestTimeout', 0);
    server.requestTimeout = requestTimeout;
  } else {
    server.requestTimeout = 300_000;
  }

  const headersTimeout = options.headersTimeout;
  if (headersTimeout !== undefined) {
    validateInteger(headersTimeout, 'headersTimeout', 0);
    server.headersTimeout = headersTimeout;
  } else {
    server.headersTimeout = Math.min(60_000, server.requestTimeout) || 60_000;
  }

  if (server.requestTimeout > 0 && server.headersTimeout > 0 && server.headersTimeout > server.requestTimeout) {
    throw new codes.ERR_OUT_OF_RANGE('headersTimeout', '<= requestTimeout', server.headersTimeout);
  }

  const keepAliveTimeout = options.keepAliveTimeout;
  if (keepAliveTimeout !== undefined) validateInteger(keepAliveTimeout, 'keepAliveTimeout', 0);
  server.keepAliveTimeout = keepAliveTimeout === undefined ? 5000 : keepAliveTimeout;

  const connectionsCheckingInterval = options.connectionsCheckingInterval;
  if (connectionsCheckingInterval !== undefined) {
    validateInteger(connectionsCheckingInterval, 'connectionsCheckingInterval', 0);
    server.connectionsCheckingInterval = connectionsCheckingInterval;
  } else {
    server.connectionsCheckingInterval = 30_000;
  }

  const requireHostHeader = options.requireHostHeader;
  validateBooleanOption(requireHostHeader, 'options.requireHostHeader');
  server.requireHostHeader = requireHostHeader === undefined ? true : requireHostHeader;

  const joinDuplicateHeaders = options.joinDuplicateHeaders;
  validateBooleanOption(joinDuplicateHeaders, 'options.joinDuplicateHeaders');
  server.joinDuplicateHeaders = joinDuplicateHeaders;

  const rejectNonStandardBodyWrites = options.rejectNonStandardBodyWrites;
  validateBooleanOption(rejectNonStandardBodyWrites, 'options.rejectNonStandardBodyWrites');
  server.rejectNonStandardBodyWrites = rejectNonStandardBodyWrites === undefined ? false : rejectNonStandardBodyWrites;

  const highWaterMark = options.highWaterMark;
  server._resOptions = highWaterMark !== undefined || server.rejectNonStandardBodyWrites
    ? { highWaterMark, rejectNonStandardBodyWrites: server.rejectNonStandardBodyWrites }
    : undefined;
}

class Server extends net.Server {
  constructor(options, requestListener) {
    if (typeof options === 'function') {
      requestListener = options;
      options = {};
    } else if (options === undefined || options === null) {
      options = {};
    } else if (typeof options !== 'object' || Array.isArray(options)) {
      throw new ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    super({
      allowHalfOpen: true,
      noDelay: options.noDelay ?? true,
      keepAlive: options.keepAlive,
      keepAliveInitialDelay: options.keepAliveInitialDelay,
      highWaterMark: options.highWaterMark,
    });
    storeHTTPOptions(this, options);
    if (requestListener) this.on('request', requestListener);
    this.httpAllowHalfOpen = false;
    this.on('connection', connectionListener);
    this.on('listening', setupConnectionsTracking);
    this.timeout = 0;
    this.maxHeadersCount = null;
    this.maxRequestsPerSocket = 0;
    this[kConnections] = new Set();
    this[kSweepTimer] = null;
    this[kCheckTimer] = null;
  }

  close(...args) {
    this.closeIdleConnections();
    if (this[kCheckTimer] !== null) {
      clearInterval(this[kCheckTimer]);
      this[kCheckTimer] = null;
    }
    if (this[kSweepTimer] !== null) {
      clearTimeout(this[kSweepTimer]);
      this[kSweepTimer] = null;
    }
    return super.close(...args);
  }

  closeAllConnections() {
    for (const conn of [...this[kConnections]]) conn.socket.destroy();
  }

  closeIdleConnections() {
    for (const conn of [...this[kConnections]]) {
      if (conn.isIdle()) conn.socket.destroy();
    }
  }

  setTimeout(msecs, callback) {
    this.timeout = msecs;
    if (callback) this.on('timeout', callback);
    return this;
  }

  [Symbol.asyncDispose]() {
    return new Promise((resolve, reject) => {
      this.close((err) => (err ? reject(err) : resolve()));
    });
  }
}

// The server's own 'connection' listener (registered before any of the user's).
function connectionListener(socket) {
  const server = this;
  const conn = new Connection(server, socket);
  socket.server = server;
  socket._httpConnection = conn;
  socket._httpMessage = null;
  server[kConnections].add(conn);
  if (server.timeout && typeof socket.setTimeout === 'function') socket.setTimeout(server.timeout);
  socket.on('timeout', socketOnTimeout);
  socket.on('error', socketOnError);
  socket.on('end', socketOnEnd);
  socket.on('close', socketOnClose);
  if (!conn.consume()) socket.on('data', conn.onData);
}

module.exports = {
  Server,
  ServerResponse,
  STATUS_CODES,
  kIncomingMessage,
  kServerResponse,
  kConnections,
  connectionListener,
  storeHTTPOptions,
};
