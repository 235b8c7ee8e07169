// http.ClientRequest: an OutgoingMessage whose socket comes from an Agent (or createConnection), and whose
// response is parsed off that socket into an IncomingMessage. After a complete response on a keep-alive request
// the socket is handed back to the agent ('free').

'use strict';

const net = require('net');
const { Buffer } = require('buffer');
const { IncomingMessage } = require('internal/http/incoming');
const { OutgoingMessage, kOutHeaders, kFinishHook } = require('internal/http/outgoing');
const common = require('internal/http/common');
const {
  checkIsHttpToken, HTTPParser, HeadInfo, kResponse, BODY_CHUNKED, BODY_EOF, BODY_STOP, connResetException,
  destroySoon, queueTick,
} = common;
const { Agent, globalAgent } = require('internal/http/agent');
const { codes } = require('internal/errors');
const {
  ERR_HTTP_HEADERS_SENT, ERR_INVALID_ARG_TYPE, ERR_INVALID_HTTP_TOKEN, ERR_INVALID_PROTOCOL,
  ERR_UNESCAPED_CHARACTERS, ERR_OUT_OF_RANGE,
} = codes;

const INVALID_PATH_REGEX = /[^\u0021-\u00ff]/;
const kError = Symbol('kError');
const headInfo = new HeadInfo();

let urlModule;
function lazyUrl() {
  return (urlModule ??= require('internal/url'));
}

function validateHost(host, name) {
  if (host !== null && host !== undefined && typeof host !== 'string') {
    throw new ERR_INVALID_ARG_TYPE(`options.${name}`, ['string', 'undefined', 'null'], host);
  }
  return host;
}

function getTimerDuration(msecs, name) {
  if (typeof msecs !== 'number') throw new ERR_INVALID_ARG_TYPE(name, 'number', msecs);
  if (msecs < 0 || !Number.isFinite(msecs)) throw new ERR_OUT_OF_RANGE(name, 'a non-negative finite number', msecs);
  return msecs;
}

function ClientRequest(input, options, cb) {
  OutgoingMessage.call(this);

  const { URL, isURL, urlToHttpOptions } = lazyUrl();
  if (typeof input === 'string') {
    input = urlToHttpOptions(new URL(input));
  } else if (isURL(input)) {
    input = urlToHttpOptions(input);
  } else {
    cb = options;
    options = input;
    input = null;
  }

  if (typeof options === 'function') {
    cb = options;
    options = input || {};
  } else {
    options = Object.assign(input || {}, options);
  }

  let agent = options.agent;
  const defaultAgent = options._defaultAgent || module.exports.globalAgentRef.get();
  if (agent === false) {
    const AgentClass = defaultAgent.constructor;
    agent = new AgentClass();
  } else if (agent === null || agent === undefined) {
    if (typeof options.createConnection !== 'function') agent = defaultAgent;
  } else if (typeof agent.addRequest !== 'function') {
    throw new ERR_INVALID_ARG_TYPE('options.agent', ['Agent-like Object', 'undefined', 'false'], agent);
  }
  this.agent = agent;

  const protocol = options.protocol || defaultAgent.protocol;
  let expectedProtocol = defaultAgent.protocol;
  if (this.agent && this.agent.protocol) expectedProtocol = this.agent.protocol;

  if (options.path) {
    const path = String(options.path);
    if (INVALID_PATH_REGEX.test(path)) throw new ERR_UNESCAPED_CHARACTERS('Request path');
  }

  if (protocol !== expectedProtocol) throw new ERR_INVALID_PROTOCOL(protocol, expectedProtocol);

  const defaultPort = options.defaultPort || (this.agent && this.agent.defaultPort);

  const optsWithoutSignal = { __proto__: null, ...options };

  const port = options.port || defaultPort || 80;
  this.port = port;
  const host = options.host = validateHost(options.hostname, 'hostname') || validateHost(options.host, 'host') ||
    'localhost';

  const setHost = options.setHost === undefined || Boolean(options.setHost);

  this.socketPath = options.socketPath;

  if (options.timeout !== undefined) this.timeout = getTimerDuration(options.timeout, 'timeout');

  const signal = options.signal;
  if (signal) {
    require('internal/streams/add_abort_signal').addAbortSignal(signal, this);
    delete optsWithoutSignal.signal;
  }

  let method = options.method;
  const methodIsString = typeof method === 'string';
  if (method !== null && method !== undefined && !methodIsString) {
    throw new ERR_INVALID_ARG_TYPE('options.method', 'string', method);
  }
  if (methodIsString && method) {
    if (!checkIsHttpToken(method)) throw new ERR_INVALID_HTTP_TOKEN('Method', method);
    method = this.method = method.toUpperCase();
  } else {
    method = this.method = 'GET';
  }

  const maxHeaderSize = options.maxHeaderSize;
  if (maxHeaderSize !== undefined && (typeof maxHeaderSize !== 'number' || maxHeaderSize < 0)) {
    throw new ERR_INVALID_ARG_TYPE('maxHeaderSize', 'number', maxHeaderSize);
  }
  this.maxHeaderSize = maxHeaderSize;

  const insecureHTTPParser = options.insecureHTTPParser;
  if (insecureHTTPParser !== undefined && typeof insecureHTTPParser !== 'boolean') {
    throw new ERR_INVALID_ARG_TYPE('options.insecureHTTPParser', 'boolean', insecureHTTPParser);
  }
  this.insecureHTTPParser = insecureHTTPParser;

  if (options.joinDuplicateHeaders !== undefined && typeof options.joinDuplicateHeaders !== 'boolean') {
    throw new ERR_INVALID_ARG_TYPE('options.joinDuplicateHeaders', 'boolean', options.joinDuplicateHeaders);
  }
  this.joinDuplicateHeaders = options.joinDuplicateHeaders;

  this.path = options.path || '/';
  if (cb) this.once('response', cb);

  this.useChunkedEncodingByDefault = !(method === 'GET' || method === 'HEAD' || method === 'DELETE' ||
    method === 'OPTIONS' || method === 'TRACE' || method === 'CONNECT');

  this._ended = false;
  this.res = null;
  this.aborted = false;
  this.timeoutCb = null;
  this.upgradeOrConnect = false;
  this.parser = null;
  this.maxHeadersCount = null;
  this.reusedSocket = false;
  this.host = host;
  this.protocol = protocol;

  if (this.agent) {
    // Keep-alive only if the agent can actually reuse the socket.
    if (!this.agent.keepAlive && !Number.isFinite(this.agent.maxSockets)) {
      this._last = true;
      this.shouldKeepAlive = false;
    } else {
      this._last = false;
      this.shouldKeepAlive = true;
    }
  }

  const headersArray = Array.isArray(options.headers);
  if (!headersArray) {
    if (options.headers) {
      const keys = Object.keys(options.headers);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        this.setHeader(key, options.headers[key]);
      }
    }

    if (host && !this.getHeader('host') && setHost) {
      let hostHeader = host;
      // IPv6 addresses go in brackets.
      const posColon = hostHeader.indexOf(':');
      if (posColon !== -1 && hostHeader.includes(':', posColon + 1) && hostHeader.charCodeAt(0) !== 91) {
        hostHeader = `[${hostHeader}]`;
      }
      if (port && +port !== defaultPort) hostHeader += `:${port}`;
      this.setHeader('Host', hostHeader);
    }

    if (options.auth && !this.getHeader('Authorization')) {
      this.setHeader('Authorization', `Basic ${Buffer.from(options.auth).toString('base64')}`);
    }

    if (this.getHeader('expect')) {
      if (this._header) throw new ERR_HTTP_HEADERS_SENT('render');
      this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`, this[kOutHeaders]);
    }
  } else {
    this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`, options.headers);
  }

  this[kFinishHook] = requestOnFinish;

  // Get a connection.
  if (this.agent) {
    this.agent.addRequest(this, optsWithoutSignal);
  } else {
    this._last = true;
    this.shouldKeepAlive = false;
    let opts = optsWithoutSignal;
    if (opts.path || opts.socketPath) {
      opts = { ...optsWithoutSignal };
      if (opts.socketPath) opts.path = opts.socketPath;
      else delete opts.path;
    }
    if (typeof opts.createConnection === 'function') {
      let called = false;
      const oncreate = (err, socket) => {
        if (called) return;
        called = true;
        if (err) process.nextTick(() => this.emit('error', err));
        else this.onSocket(socket);
      };
      try {
        const newSocket = opts.createConnection(opts, oncreate);
        if (newSocket) oncreate(null, newSocket);
      } catch (err) {
        oncreate(err);
      }
    } else {
      this.onSocket(net.createConnection(opts));
    }
  }
}
Object.setPrototypeOf(ClientRequest.prototype, OutgoingMessage.prototype);
Object.setPrototypeOf(ClientRequest, OutgoingMessage);

const proto = ClientRequest.prototype;

proto._finish = function _finish() {
  OutgoingMessage.prototype._finish.call(this);
};

proto._implicitHeader = function _implicitHeader() {
  if (this._header) throw new ERR_HTTP_HEADERS_SENT('render');
  this._storeHeader(`${this.method} ${this.path} HTTP/1.1\r\n`, this[kOutHeaders]);
};

proto.abort = function abort() {
  if (this.aborted) return;
  this.aborted = true;
  process.nextTick(emitAbortNT, this);
  this.destroy();
};

function emitAbortNT(req) {
  req.emit('abort');
}

proto.destroy = function destroy(err) {
  if (this.destroyed) return this;
  this.destroyed = true;
  // Aborting: the rest of the response does not matter.
  if (this.res) this.res._dump();
  this[kError] = err;
  if (this.socket) this.socket.destroy(err);
  return this;
};

proto.onSocket = function onSocket(socket, err) {
  process.nextTick(onSocketNT, this, socket, err);
};

function onSocketNT(req, socket, err) {
  if (req.destroyed || err) {
    req.destroyed = true;
    const destroyRequest = (e) => {
      if (!req.aborted && !e) e = connResetException('socket hang up');
      if (e) req.emit('error', e);
      req._closed = true;
      req.emit('close');
    };
    if (socket) {
      if (!err && req.agent && !socket.destroyed) {
        socket.emit('free');
      } else {
        const eos = require('internal/streams/end_of_stream');
        eos(socket.destroy(err || req[kError]), (er) => {
          if (er && er.code === 'ERR_STREAM_PREMATURE_CLOSE') er = null;
          destroyRequest(er || err);
        });
        return;
      }
    }
    destroyRequest(err || req[kError]);
  } else {
    tickOnSocket(req, socket);
    req._flush();
  }
}

function tickOnSocket(req, socket) {
  const parser = new HTTPParser(kResponse, req);
  if (req.maxHeaderSize) parser.maxHeaderSize = req.maxHeaderSize;
  req.socket = socket;
  req.parser = parser;
  socket.parser = parser;
  socket._httpMessage = req;

  socket.on('error', socketErrorListener);
  socket.on('data', socketOnData);
  socket.on('end', socketOnEnd);
  socket.on('close', socketCloseListener);
  socket.on('drain', ondrain);

  if (req.timeout !== undefined || (req.agent && req.agent.options && req.agent.options.timeout)) {
    listenSocketTimeout(req);
  }
  req.emit('socket', socket);
}

function emitRequestTimeout() {
  const req = this._httpMessage;
  if (req) req.emit('timeout');
}

function listenSocketTimeout(req) {
  if (req.timeoutCb) return;
  req.timeoutCb = emitRequestTimeout;
  if (req.socket) {
    req.socket.once('timeout', emitRequestTimeout);
  } else {
    req.on('socket', (socket) => socket.once('timeout', emitRequestTimeout));
  }
}

function ondrain() {
  const msg = this._httpMessage;
  if (msg && msg._needDrain()) msg.emit('drain');
}

proto.setTimeout = function setTimeout(msecs, callback) {
  if (this._ended) return this;
  listenSocketTimeout(this);
  msecs = getTimerDuration(msecs, 'msecs');
  if (callback) this.once('timeout', callback);
  if (this.socket) setSocketTimeout(this.socket, msecs);
  else this.once('socket', (sock) => setSocketTimeout(sock, msecs));
  return this;
};

function setSocketTimeout(sock, msecs) {
  if (sock.connecting) sock.once('connect', () => sock.setTimeout(msecs));
  else sock.setTimeout(msecs);
}

proto.setNoDelay = function setNoDelay(noDelay) {
  if (this.socket) this.socket.setNoDelay(noDelay);
  else this.once('socket', (sock) => sock.setNoDelay(noDelay));
};

proto.setSocketKeepAlive = function setSocketKeepAlive(enable, initialDelay) {
  if (this.socket) this.socket.setKeepAlive(enable, initialDelay);
  else this.once('socket', (sock) => sock.setKeepAlive(enable, initialDelay));
};

proto.clearTimeout = function clearTimeout(cb) {
  this.setTimeout(0, cb);
};

// ---- the response, as the parser delivers it (the request is the parser's owner) ----

function statusIsInformational(status) {
  return status < 200 && status >= 100 && status !== 101;
}

proto.onHeaders = function onHeaders(parsed, parser) {
  const socket = this.socket;
  const raw = parsed[4];
  const statusCode = parsed[1];
  const minor = parsed[3];
  const info = headInfo.scan(raw);
  if (parser.rejectsContentLength(info)) return BODY_STOP;
  const keepAlive = info.keepAlive(minor);
  const chunked = info.isChunked();
  const transferEncoding = info.transferEncoding;
  const contentLength = info.contentLength;
  const upgrade = statusCode === 101 || (this.method === 'CONNECT' && statusCode >= 200 && statusCode < 300);

  const res = new IncomingMessage(socket);
  res.httpVersionMajor = 1;
  res.httpVersionMinor = minor;
  res.httpVersion = minor === 1 ? '1.1' : '1.0';
  res.statusCode = statusCode;
  res.statusMessage = parsed[2];
  res.rawHeaders = raw;
  res._owner = this;
  if (this.joinDuplicateHeaders) res.joinDuplicateHeaders = true;
  if (upgrade) res.upgrade = true;
  this._incoming = res;

  if (this.res) {
    // A second response to one request.
    socket.destroy();
    return BODY_STOP;
  }
  this.res = res;

  if (res.upgrade) return BODY_STOP;

  if (statusIsInformational(statusCode)) {
    this.res = null;
    this._incoming = null;
    if (statusCode === 100) this.emit('continue');
    this.emit('information', {
      statusCode: res.statusCode,
      statusMessage: res.statusMessage,
      httpVersion: res.httpVersion,
      httpVersionMajor: res.httpVersionMajor,
      httpVersionMinor: res.httpVersionMinor,
      headers: res.headers,
      rawHeaders: res.rawHeaders,
    });
    return 0;
  }

  if (this.shouldKeepAlive && !keepAlive && !this.upgradeOrConnect) this.shouldKeepAlive = false;

  res.req = this;
  res.on('end', responseOnEnd);
  socket.on('timeout', responseOnTimeout);

  // Nobody listens for the response: read it away so the socket does not stall.
  if (this.aborted || !this.emit('response', res)) res._dump();

  if (this.method === 'HEAD' || statusCode === 204 || statusCode === 304) return 0;
  if (transferEncoding !== null) {
    if (chunked) return BODY_CHUNKED;
    this.shouldKeepAlive = false;
    return BODY_EOF;
  }
  if (contentLength >= 0) return contentLength;
  this.shouldKeepAlive = false;
  return BODY_EOF;
};

proto.onBody = function onBody(chunk) {
  const res = this._incoming;
  if (res) res._pushBody(chunk);
};

proto.onTrailers = function onTrailers(raw) {
  const res = this._incoming;
  if (res) res.rawTrailers = raw;
};

proto.onComplete = function onComplete() {
  const res = this._incoming;
  if (!res) return;
  this._incoming = null;
  res._pushEof();
  // The response is whole: the socket carries no more of it.
  const socket = this.socket;
  if (socket && socket.parser === this.parser) detachResponseListeners(this, socket);
};

proto.onError = function onError(err) {
  const socket = this.socket;
  this._parseError = err;
  if (socket) {
    detachResponseListeners(this, socket);
    socket.destroy();
    socket._hadError = true;
  }
  this.emit('error', err);
};

proto.onUpgrade = function onUpgrade(head) {
  const socket = this.socket;
  const res = this._incoming;
  this._incoming = null;
  this.res = res;
  socket.removeListener('data', socketOnData);
  socket.removeListener('end', socketOnEnd);
  socket.removeListener('drain', ondrain);
  if (this.timeoutCb) socket.removeListener('timeout', this.timeoutCb);
  socket.removeListener('timeout', responseOnTimeout);
  this.parser.close();
  socket.parser = null;
  const eventName = this.method === 'CONNECT' ? 'connect' : 'upgrade';
  if (this.listenerCount(eventName) > 0) {
    this.upgradeOrConnect = true;
    socket.emit('agentRemove');
    socket.removeListener('close', socketCloseListener);
    socket.removeListener('error', socketErrorListener);
    socket._httpMessage = null;
    socket.readableFlowing = null;
    this.emit(eventName, res, socket, head);
    this.destroyed = true;
    this._closed = true;
    this.emit('close');
  } else {
    socket.destroy();
  }
};

proto.readStop = function readStop() {
  if (this.socket && !this._readingStopped) {
    this._readingStopped = true;
    this.socket.pause();
  }
};

proto.readStart = function readStart() {
  if (this.socket && this._readingStopped) {
    this._readingStopped = false;
    this.socket.resume();
  }
};

function detachResponseListeners(req, socket) {
  socket.removeListener('data', socketOnData);
  socket.removeListener('end', socketOnEnd);
  socket.removeListener('drain', ondrain);
  socket.parser = null;
}

// ---- socket events (`this` is the socket) ----

function socketOnData(d) {
  const req = this._httpMessage;
  const parser = this.parser;
  if (!req || !parser) return;
  parser.execute(d);
}

function socketOnEnd() {
  const socket = this;
  const req = this._httpMessage;
  const parser = this.parser;
  if (!req.res && !socket._hadError) {
    // Ended before a response: the request failed.
    socket._hadError = true;
    req.emit('error', connResetException('socket hang up'));
  }
  if (parser) {
    parser.finish();
    socket.parser = null;
  }
  socket.destroy();
}

function socketErrorListener(err) {
  const socket = this;
  const req = socket._httpMessage;
  if (req) {
    socket._hadError = true;
    req.emit('error', err);
  }
  if (socket.parser) {
    socket.parser.finish();
    socket.parser = null;
  }
  socket.removeListener('data', socketOnData);
  socket.removeListener('end', socketOnEnd);
  socket.destroy();
}

function socketCloseListener() {
  const socket = this;
  const req = socket._httpMessage;
  const parser = socket.parser;
  const res = req.res;
  req.destroyed = true;
  if (parser) {
    parser.finish();
    socket.parser = null;
  }
  if (res) {
    // Closed before the response ended.
    if (!res.complete) res.destroy(connResetException('aborted'));
    req._closed = true;
    req.emit('close');
    if (!res.aborted && res.readable) res.push(null);
  } else {
    if (!socket._hadError) {
      // The connection went away before a response: that is an error on the request.
      socket._hadError = true;
      req.emit('error', connResetException('socket hang up'));
    }
    req._closed = true;
    req.emit('close');
  }
  if (req.outputData.length) req.outputData = [];
}

function responseOnTimeout() {
  const req = this._httpMessage;
  if (!req) return;
  const res = req.res;
  if (!res) return;
  res.emit('timeout');
}

// ---- after the response ----

function responseOnEnd() {
  const req = this.req;
  const socket = req.socket;
  if (socket) {
    if (req.timeoutCb) socket.removeListener('timeout', emitRequestTimeout);
    socket.removeListener('timeout', responseOnTimeout);
  }
  req._ended = true;
  if (!req.shouldKeepAlive) {
    if (socket && socket.writable) destroySoon(socket);
  } else if (req.writableFinished && !this.aborted) {
    responseKeepAlive(req);
  }
}

function requestOnFinish(req) {
  if (req.shouldKeepAlive && req._ended) responseKeepAlive(req);
}

function responseKeepAlive(req) {
  const socket = req.socket;
  if (req.timeoutCb) {
    socket.setTimeout(0, req.timeoutCb);
    req.timeoutCb = null;
  }
  socket.removeListener('close', socketCloseListener);
  socket.removeListener('error', socketErrorListener);
  socket.removeListener('data', socketOnData);
  socket.removeListener('end', socketOnEnd);
  // The socket becomes free after the user's 'end' handlers had their turn.
  queueTick(emitFreeNT, req);
  req.destroyed = true;
  if (req.res) req.res.socket = null;
}

function emitFreeNT(req) {
  req._closed = true;
  req.emit('close');
  if (req.socket) req.socket.emit('free');
}

// ---- http.request / http.get ----

let currentGlobalAgent = globalAgent;
const globalAgentRef = {
  get: () => currentGlobalAgent,
  set: (value) => {
    currentGlobalAgent = value;
  },
};

function request(url, options, cb) {
  return new ClientRequest(url, options, cb);
}

function get(url, options, cb) {
  const req = request(url, options, cb);
  req.end();
  return req;
}

module.exports = { ClientRequest, request, get, globalAgentRef, Agent };
