// node:net — TCP and Unix-socket servers and sockets over the loop's native handles (binding.net).
//
// A Socket is a Duplex stream over one handle id; the native side calls back on a small wrapper
// object (`onread`, `onend`, `ondrain`, ...) the way libuv calls Node's TCPWrap. A Server owns a
// listening handle; in a cluster worker, `listen()` asks the primary for the handle instead
// (internal/cluster/child.js), as Node does.

'use strict';

const EventEmitter = require('events');
const { Duplex } = require('stream');
const { Buffer } = require('buffer');
const {
  codes, errnoException, exceptionWithHostPort, uvExceptionWithHostPort,
} = require('internal/errors');

const native = binding.net;

function isIP(input) {
  return native.isIP(String(input));
}
function isIPv4(input) {
  return isIP(input) === 4;
}
function isIPv6(input) {
  return isIP(input) === 6;
}

function isPipeName(value) {
  return typeof value === 'string' && !isLegalPort(value);
}

function isLegalPort(port) {
  if ((typeof port !== 'number' && typeof port !== 'string') ||
      (typeof port === 'string' && port.trim().length === 0)) return false;
  return +port === (+port >>> 0) && port <= 0xFFFF;
}

function validatePort(port, name = 'Port', allowZero = true) {
  if ((typeof port !== 'number' && typeof port !== 'string') ||
      (typeof port === 'string' && port.trim().length === 0) ||
      +port !== (+port >>> 0) || port > 0xFFFF || (port === 0 && !allowZero)) {
    throw new codes.ERR_SOCKET_BAD_PORT(name, port, allowZero);
  }
  return port | 0;
}

// What the native handle calls: libuv's callbacks, forwarded to the owning Socket or Server.
class StreamHandle {
  constructor(owner) {
    this.owner = owner;
  }
  onread(chunk) { onStreamRead(this.owner, chunk); }
  onend() { onStreamEnd(this.owner); }
  onerror(status) { onStreamError(this.owner, status); }
  ondrain() { onStreamDrain(this.owner); }
  onconnect(status) { afterConnect(this.owner, status); }
}

class ServerHandle {
  constructor(server) {
    this.owner = server;
  }
  onconnection(id) { onConnection(this.owner, id); }
}

// ---- Socket --------------------------------------------------------------------------------------

class Socket extends Duplex {
  constructor(options = undefined) {
    if (typeof options === 'number') options = { fd: options };
    else if (options === undefined || options === null) options = {};
    super({
      allowHalfOpen: Boolean(options.allowHalfOpen),
      emitClose: false,
      autoDestroy: true,
      decodeStrings: false,
      highWaterMark: options.highWaterMark,
    });
    this.connecting = false;
    this._hadError = false;
    this._handle = null;
    this._wrap = null;
    this._host = null;
    this._peername = null;
    this._sockname = null;
    this._pendingWriteCallbacks = [];
    this._readingPaused = false;
    this._timeout = null;
    this._timeoutMs = 0;
    this.bytesRead = 0;
    this._bytesDispatched = 0;
    this.server = null;
    this._server = null;
    if (options.handle !== undefined) {
      this._attach(options.handle);
    } else if (options.fd !== undefined) {
      const id = native.adoptStream(null, options.fd, 'tcp');
      if (id >= 0) this._attach(id);
    }
    if (options.readable === false) {
      this.push(null);
      this.readable = false;
    }
    if (options.writable === false) {
      this.writable = false;
      this._writableState.ended = true;
      this._writableState.finished = true;
    }
    this.on('end', onReadableStreamEnd);
    // A socket over an open handle starts reading into its buffer at once (Node's Socket does read(0)),
    // so the peer's end is noticed even before anyone listens for data.
    if (this._handle !== null && options.readable !== false) this.read(0);
  }

  _attach(id) {
    this._handle = id;
    this._wrap = new StreamHandle(this);
    native.setTarget(id, this._wrap);
  }

  get readyState() {
    if (this.connecting) return 'opening';
    if (this.readable && this.writable) return 'open';
    if (this.readable && !this.writable) return 'readOnly';
    if (!this.readable && this.writable) return 'writeOnly';
    return 'closed';
  }

  get pending() {
    return this._handle === null || this.connecting;
  }

  get bufferSize() {
    return this._handle === null ? 0 : native.queued(this._handle) + this.writableLength;
  }

  get bytesWritten() {
    return this._bytesDispatched;
  }

  _peer() {
    if (this._peername === null && this._handle !== null && !this.connecting) {
      const peer = native.peername(this._handle);
      if (peer !== undefined) this._peername = peer;
    }
    return this._peername || {};
  }

  _local() {
    if (this._sockname === null && this._handle !== null && !this.connecting) {
      const local = native.sockname(this._handle);
      if (local !== undefined) this._sockname = local;
    }
    return this._sockname || {};
  }

  get remoteAddress() { return this._peer().address; }
  get remotePort() { return this._peer().port; }
  get remoteFamily() { return this._peer().family; }
  get localAddress() { return this._local().address; }
  get localPort() { return this._local().port; }
  get localFamily() { return this._local().family; }

  address() {
    return this._local();
  }

  connect(...args) {
    const [options, callback] = normalizeConnectArgs(args);
    if (this.destroyed) {
      this._readableState.reading = false;
      this.destroyed = false;
    }
    if (typeof callback === 'function') this.once('connect', callback);
    this.connecting = true;
    if (options.path !== undefined && options.path !== null) {
      const id = native.connectUnix(null, String(options.path));
      if (id < 0) {
        process.nextTick(() => this.destroy(exceptionWithHostPort(id, 'connect', options.path)));
        return this;
      }
      this._attach(id);
      this._host = options.path;
      return this;
    }
    const port = validatePort(options.port);
    let host = options.host || 'localhost';
    if (host === 'localhost') host = '127.0.0.1';
    this._host = host;
    const id = native.connectTcp(null, host, port);
    if (id < 0) {
      process.nextTick(() => this.destroy(exceptionWithHostPort(id, 'connect', host, port)));
      return this;
    }
    this._attach(id);
    this._connectTarget = { host, port };
    return this;
  }

  _read() {
    if (this.connecting || this._handle === null) {
      this.once('connect', () => this._read());
      return;
    }
    native.readStart(this._handle);
  }

  _write(chunk, encoding, callback) {
    this._writeChunk(typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk, callback);
  }

  _writev(chunks, callback) {
    const buffers = chunks.map(({ chunk, encoding }) => (typeof chunk === 'string' ? Buffer.from(chunk, encoding) : chunk));
    this._writeChunk(buffers.length === 1 ? buffers[0] : Buffer.concat(buffers), callback);
  }

  _writeChunk(data, callback) {
    if (this.connecting || this._handle === null) {
      if (this._handle === null && !this.connecting) {
        callback(new codes.ERR_SOCKET_CLOSED());
        return;
      }
      this.once('connect', () => this._writeChunk(data, callback));
      return;
    }
    this._touch();
    const queued = native.write(this._handle, data);
    if (queued < 0) {
      callback(errnoException(queued, 'write'));
      return;
    }
    this._bytesDispatched += data.length;
    if (queued === 0) callback();
    else this._pendingWriteCallbacks.push(callback);
  }

  _final(callback) {
    if (this.connecting) {
      this.once('connect', () => this._final(callback));
      return;
    }
    if (this._handle === null) {
      callback();
      return;
    }
    const status = native.shutdown(this._handle);
    if (status < 0) callback(errnoException(status, 'shutdown'));
    else callback();
  }

  _destroy(err, callback) {
    this.connecting = false;
    this._clearTimeout();
    const id = this._handle;
    if (id !== null) {
      native.close(id);
      this._handle = null;
    }
    const pending = this._pendingWriteCallbacks;
    this._pendingWriteCallbacks = [];
    for (const cb of pending) cb(err || new codes.ERR_SOCKET_CLOSED());
    callback(err);
    if (this._server) this._server._connectionClosed();
    const hadError = Boolean(err) || this._hadError;
    // 'close' comes in the loop's close phase, after 'error' (libuv's close callback).
    setImmediate(() => this.emit('close', hadError));
  }

  setNoDelay(enable = true) {
    if (this._handle !== null) native.setNoDelay(this._handle, Boolean(enable));
    return this;
  }

  setKeepAlive(enable = false, initialDelay = 0) {
    if (this._handle !== null) native.setKeepAlive(this._handle, Boolean(enable), Math.floor(initialDelay / 1000));
    return this;
  }

  setTimeout(ms, callback) {
    this._timeoutMs = ms;
    if (callback) {
      if (ms === 0) this.removeListener('timeout', callback);
      else this.once('timeout', callback);
    }
    this._touch();
    return this;
  }

  // Activity pushes the idle timeout back: one timer, refreshed (Node's _unrefTimer).
  _touch() {
    if (this._timeoutMs <= 0 || this.destroyed) {
      this._clearTimeout();
      return;
    }
    if (this._timeout !== null && this._timeout._idleTimeout === this._timeoutMs) {
      this._timeout.refresh();
      return;
    }
    this._clearTimeout();
    this._timeout = setTimeout(() => {
      this._timeout = null;
      this.emit('timeout');
    }, this._timeoutMs);
    this._timeout.unref();
  }

  // End our side once pending writes are out, then close (Node's Socket#destroySoon).
  destroySoon() {
    if (this.writable) this.end();
    if (this.writableFinished) this.destroy();
    else this.once('finish', () => this.destroy());
  }

  _clearTimeout() {
    if (this._timeout !== null) {
      clearTimeout(this._timeout);
      this._timeout = null;
    }
  }

  ref() {
    if (this._handle !== null) native.setRef(this._handle, true);
    return this;
  }

  unref() {
    if (this._handle !== null) native.setRef(this._handle, false);
    return this;
  }

  resetAndDestroy() {
    return this.destroy();
  }
}

// Without allowHalfOpen the Duplex ends our side on the next tick (readable.js); writes meanwhile fail.
function onReadableStreamEnd() {
  if (!this.allowHalfOpen) this.write = writeAfterFIN;
}

function writeAfterFIN(chunk, encoding, cb) {
  if (typeof encoding === 'function') cb = encoding;
  const err = new Error('This socket has been ended by the other party');
  err.code = 'EPIPE';
  process.nextTick(() => this.destroy(err));
  if (typeof cb === 'function') process.nextTick(cb, err);
  return false;
}

// `chunk` arrives as a Buffer already (binding.net makes it with Buffer's prototype).
function onStreamRead(socket, chunk) {
  socket.bytesRead += chunk.length;
  socket._touch();
  if (!socket.push(chunk) && socket._handle !== null) native.readStop(socket._handle);
}

function onStreamEnd(socket) {
  socket.push(null);
  socket.read(0);
}

function onStreamError(socket, status) {
  socket._hadError = true;
  socket.destroy(errnoException(status, 'read'));
}

function onStreamDrain(socket) {
  const callbacks = socket._pendingWriteCallbacks;
  socket._pendingWriteCallbacks = [];
  for (const cb of callbacks) cb();
}

function afterConnect(socket, status) {
  if (socket.destroyed) return;
  socket.connecting = false;
  if (status < 0) {
    const target = socket._connectTarget;
    socket._hadError = true;
    socket.destroy(target
      ? exceptionWithHostPort(status, 'connect', target.host, target.port)
      : exceptionWithHostPort(status, 'connect', socket._host));
    return;
  }
  socket._touch();
  socket.emit('connect');
  socket.emit('ready');
  if (!socket.isPaused() || socket.listenerCount('data') > 0 || socket.readableFlowing) socket.read(0);
}

function normalizeConnectArgs(args) {
  if (args.length === 0) return [{}, null];
  const last = args[args.length - 1];
  const callback = typeof last === 'function' ? last : null;
  const first = args[0];
  if (first !== null && typeof first === 'object') return [first, callback];
  if (isPipeName(first)) return [{ path: first }, callback];
  const options = { port: first };
  if (typeof args[1] === 'string') options.host = args[1];
  return [options, callback];
}

function connect(...args) {
  const [options, callback] = normalizeConnectArgs(args);
  const socket = new Socket(options);
  if (options.timeout) socket.setTimeout(options.timeout);
  return socket.connect(options, callback);
}

// ---- Server --------------------------------------------------------------------------------------

class Server extends EventEmitter {
  constructor(options = undefined, connectionListener = undefined) {
    super();
    if (typeof options === 'function') {
      connectionListener = options;
      options = {};
    } else if (options === undefined || options === null) {
      options = {};
    }
    if (typeof connectionListener === 'function') this.on('connection', connectionListener);
    this._handle = null;
    this._wrap = null;
    this._connections = 0;
    this._unref = false;
    this._pipeName = undefined;
    this._listeningAddress = null;
    this.allowHalfOpen = Boolean(options.allowHalfOpen);
    this.pauseOnConnect = Boolean(options.pauseOnConnect);
    this.noDelay = Boolean(options.noDelay);
    this.keepAlive = Boolean(options.keepAlive);
    this.maxConnections = undefined;
  }

  get listening() {
    return this._handle !== null;
  }

  listen(...args) {
    let callback = typeof args[args.length - 1] === 'function' ? args.pop() : null;
    let options;
    const first = args[0];
    if (first !== null && typeof first === 'object' && !(first instanceof Number)) {
      options = { ...first };
    } else if (isPipeName(first)) {
      options = { path: first, backlog: args[1] };
    } else {
      options = { port: first, host: typeof args[1] === 'string' ? args[1] : undefined };
      const backlog = typeof args[1] === 'number' ? args[1] : args[2];
      if (typeof backlog === 'number') options.backlog = backlog;
    }
    if (this._handle !== null) throw new codes.ERR_SERVER_ALREADY_LISTEN();
    if (callback) this.once('listening', callback);
    const backlog = options.backlog || 511;
    if (options.path !== undefined) {
      this._pipeName = String(options.path);
      const id = native.listenUnix(null, this._pipeName, backlog);
      if (id < 0) {
        process.nextTick(emitErrorNT, this, uvExceptionWithHostPort(id, 'listen', this._pipeName, -1));
        return this;
      }
      this._setHandle(id);
      return this;
    }
    const port = options.port === undefined || options.port === null ? 0 : validatePort(options.port, 'options.port');
    const host = options.host || '';
    if (process.env.NODE_UNIQUE_ID !== undefined && !options.exclusive) {
      // A cluster worker: the primary owns the port (internal/cluster/child.js).
      require('internal/cluster/child')._getServer(this, { address: host || null, port, backlog }, (err, handle) => {
        if (err) {
          // Node words a refused cluster bind without the description: `bind EADDRINUSE 127.0.0.1:80`.
          emitErrorNT(this, exceptionWithHostPort(err, 'bind', host || null, port));
          return;
        }
        this._clusterHandle = handle;
        if (handle.fd !== undefined) {
          const id = native.adoptListener(null, handle.fd);
          if (id < 0) {
            emitErrorNT(this, uvExceptionWithHostPort(id, 'listen', host || '::', port));
            return;
          }
          this._setHandle(id);
        } else {
          // Round robin: the primary accepts and hands each connection over.
          this._handle = handle;
          this._listeningAddress = handle.address;
          process.nextTick(emitListeningNT, this);
        }
      });
      return this;
    }
    if (host) {
      // Node resolves a given host with dns.lookup first, so the server is not listening until later.
      this._listenPending = true;
      setImmediate(() => {
        this._listenPending = false;
        this._listenTcp(host, port, backlog);
      });
    } else {
      this._listenTcp(host, port, backlog);
    }
    return this;
  }

  _listenTcp(host, port, backlog) {
    const id = native.listenTcp(null, host, port, backlog);
    if (id < 0) {
      const address = host || '::';
      process.nextTick(emitErrorNT, this, uvExceptionWithHostPort(id, 'listen', address, port));
      return;
    }
    this._setHandle(id);
  }

  _setHandle(id) {
    this._handle = id;
    this._wrap = new ServerHandle(this);
    native.setTarget(id, this._wrap);
    if (this._unref) native.setRef(id, false);
    process.nextTick(emitListeningNT, this);
  }

  address() {
    if (this._handle === null) return null;
    if (this._pipeName !== undefined) return this._pipeName;
    if (typeof this._handle === 'object') return this._listeningAddress;
    return native.sockname(this._handle) ?? null;
  }

  close(callback) {
    if (typeof callback === 'function') {
      if (this._handle === null) {
        this.once('close', () => callback(new codes.ERR_SERVER_NOT_RUNNING()));
      } else {
        this.once('close', callback);
      }
    }
    if (this._handle !== null) {
      if (typeof this._handle === 'object') this._handle.close();
      else native.close(this._handle);
      this._handle = null;
    }
    this._emitCloseIfDrained();
    return this;
  }

  _emitCloseIfDrained() {
    if (this._handle !== null || this._connections > 0) return;
    process.nextTick(() => this.emit('close'));
  }

  _connectionClosed() {
    this._connections--;
    if (this._handle === null) this._emitCloseIfDrained();
  }

  getConnections(callback) {
    process.nextTick(callback, null, this._connections);
    return this;
  }

  ref() {
    this._unref = false;
    if (typeof this._handle === 'number') native.setRef(this._handle, true);
    else if (this._handle) this._handle.ref?.();
    return this;
  }

  unref() {
    this._unref = true;
    if (typeof this._handle === 'number') native.setRef(this._handle, false);
    else if (this._handle) this._handle.unref?.();
    return this;
  }

  [Symbol.asyncDispose]() {
    return new Promise((resolve) => this.close(() => resolve()));
  }
}

function emitErrorNT(server, err) {
  server.emit('error', err);
}

function emitListeningNT(server) {
  if (server._handle !== null) server.emit('listening');
}

// A new connection's handle id (or a negative status when accept failed).
function onConnection(server, id) {
  if (id < 0) {
    server.emit('error', errnoException(id, 'accept'));
    return;
  }
  server._acceptHandle(id);
}

Server.prototype._acceptHandle = function (id) {
  if (this.maxConnections !== undefined && this._connections >= this.maxConnections) {
    native.close(id);
    return;
  }
  const socket = new Socket({ handle: id, allowHalfOpen: this.allowHalfOpen });
  if (this.noDelay) socket.setNoDelay(true);
  if (this.keepAlive) socket.setKeepAlive(true);
  socket.server = this;
  socket._server = this;
  this._connections++;
  if (this.pauseOnConnect) socket.pause();
  this.emit('connection', socket);
};

function createServer(options, connectionListener) {
  return new Server(options, connectionListener);
}

module.exports = {
  Server,
  Socket,
  Stream: Socket,
  connect,
  createConnection: connect,
  createServer,
  isIP,
  isIPv4,
  isIPv6,
  _normalizeArgs: normalizeConnectArgs,
};
