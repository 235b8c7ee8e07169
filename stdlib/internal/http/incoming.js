// http.IncomingMessage: a request on the server, a response on the client. A Readable of the body.
//
// Cheap when nobody reads: the Readable state is only built on first use (a 'data'/'readable' listener, read(),
// resume(), a body chunk arriving...), `headers` is built from rawHeaders on first access, and a bodiless message
// that nobody listened to is simply marked consumed when its response is done. Everything observable (events,
// readableEnded, ...) behaves as with an eagerly built stream, since touching it builds the state first.

'use strict';

const Readable = require('internal/streams/readable');
const { Stream } = require('internal/streams/legacy');
const { ReadableState } = Readable;

function IncomingMessage(socket) {
  // Readable's constructor is not run: `_readableState` is made on demand (see the accessor below). The other
  // fields start from the prototype's defaults.
  this.socket = socket;
}
Object.setPrototypeOf(IncomingMessage.prototype, Readable.prototype);
Object.setPrototypeOf(IncomingMessage, Readable);

// Defaults shared through the prototype (an instance gets its own value when one is assigned).
const proto = IncomingMessage.prototype;
proto.httpVersionMajor = null;
proto.httpVersionMinor = null;
proto.httpVersion = null;
proto.complete = false;
proto.rawHeaders = Object.freeze([]);
proto.url = '';
proto.method = null;
proto._rs = null; // the ReadableState, once built
proto._eofPending = false; // the body ended before the state was built
proto._owner = null; // who feeds this message: readStart()/readStop() for backpressure
proto._headersCache = null;
proto._headersDistinctCache = null;
proto._trailersCache = null;
proto._trailersDistinctCache = null;
proto.rawTrailers = Object.freeze([]);
proto.joinDuplicateHeaders = false;
proto.aborted = false;
proto.upgrade = null;
proto.statusCode = null;
proto.statusMessage = null;
proto._consuming = false;
proto._dumped = false;
proto.req = undefined;

function buildState(msg) {
  const state = new ReadableState(undefined, msg, false);
  // Like Node: no read-ahead until someone reads (the parser pushes the body as it arrives).
  state.readingMore = true;
  msg._rs = state;
  if (msg._dumped && msg.complete) {
    // Consumed without anyone listening: it has ended and been destroyed, as Node's would have by now.
    state.ended = true;
    state.endEmitted = true;
    state.flowing = true;
    state.destroyed = true;
    state.closed = true;
    state.closeEmitted = true;
  } else if (msg._eofPending) {
    msg._eofPending = false;
    Readable.prototype.push.call(msg, null);
  }
  return state;
}

Object.defineProperty(proto, '_readableState', {
  configurable: true,
  get() {
    const state = this._rs;
    return state !== null ? state : buildState(this);
  },
  set(value) {
    this._rs = value;
  },
});

Object.defineProperty(proto, 'connection', {
  configurable: true,
  get() {
    return this.socket;
  },
  set(value) {
    this.socket = value;
  },
});

Object.defineProperty(proto, 'client', {
  configurable: true,
  enumerable: false,
  get() {
    return this.socket;
  },
  set(value) {
    Object.defineProperty(this, 'client', { value, writable: true, configurable: true, enumerable: true });
  },
});

// 'data' and 'readable' listeners change the stream's mode; any other event is a plain listener and leaves the
// state unbuilt.
proto.on = function on(ev, fn) {
  if (ev === 'data' || ev === 'readable') return Readable.prototype.on.call(this, ev, fn);
  return Stream.prototype.on.call(this, ev, fn);
};
proto.addListener = proto.on;

// ---- headers ----

// Node's rules (matchKnownFields): these keep the first value, set-cookie is an array, cookie joins with '; ',
// everything else joins with ', '.
const dropDuplicates = new Set([
  'content-type', 'content-length', 'user-agent', 'referer', 'host', 'authorization', 'proxy-authorization',
  'if-modified-since', 'if-unmodified-since', 'from', 'location', 'max-forwards', 'retry-after', 'etag',
  'last-modified', 'server', 'age', 'expires',
]);

function addHeaderLine(dest, field, value, joinDuplicates) {
  const existing = dest[field];
  if (existing === undefined) {
    dest[field] = field === 'set-cookie' ? [value] : value;
  } else if (field === 'set-cookie') {
    existing.push(value);
  } else if (field === 'cookie') {
    dest[field] = `${existing}; ${value}`;
  } else if (joinDuplicates || !dropDuplicates.has(field)) {
    dest[field] = `${existing}, ${value}`;
  }
}

function buildHeaders(raw, joinDuplicates) {
  const dest = {};
  for (let i = 0; i < raw.length; i += 2) addHeaderLine(dest, raw[i].toLowerCase(), raw[i + 1], joinDuplicates);
  return dest;
}

function buildDistinct(raw) {
  const dest = { __proto__: null };
  for (let i = 0; i < raw.length; i += 2) {
    const key = raw[i].toLowerCase();
    const list = dest[key];
    if (list === undefined) dest[key] = [raw[i + 1]];
    else list.push(raw[i + 1]);
  }
  return dest;
}

Object.defineProperty(proto, 'headers', {
  configurable: true,
  enumerable: true,
  get() {
    let headers = this._headersCache;
    if (headers === null) headers = this._headersCache = buildHeaders(this.rawHeaders, this.joinDuplicateHeaders);
    return headers;
  },
  set(value) {
    this._headersCache = value;
  },
});

Object.defineProperty(proto, 'headersDistinct', {
  configurable: true,
  enumerable: true,
  get() {
    let headers = this._headersDistinctCache;
    if (headers === null) headers = this._headersDistinctCache = buildDistinct(this.rawHeaders);
    return headers;
  },
  set(value) {
    this._headersDistinctCache = value;
  },
});

Object.defineProperty(proto, 'trailers', {
  configurable: true,
  enumerable: true,
  get() {
    let trailers = this._trailersCache;
    if (trailers === null) trailers = this._trailersCache = buildHeaders(this.rawTrailers, this.joinDuplicateHeaders);
    return trailers;
  },
  set(value) {
    this._trailersCache = value;
  },
});

Object.defineProperty(proto, 'trailersDistinct', {
  configurable: true,
  enumerable: true,
  get() {
    let trailers = this._trailersDistinctCache;
    if (trailers === null) trailers = this._trailersDistinctCache = buildDistinct(this.rawTrailers);
    return trailers;
  },
  set(value) {
    this._trailersDistinctCache = value;
  },
});

proto._addHeaderLines = function _addHeaderLines(headers, n) {
  if (headers && headers.length) {
    // The prototype's defaults are shared (frozen) empty arrays: take an own one first.
    if (this.complete) {
      if (Object.isFrozen(this.rawTrailers)) this.rawTrailers = [];
    } else if (Object.isFrozen(this.rawHeaders)) {
      this.rawHeaders = [];
    }
    const raw = this.complete ? this.rawTrailers : this.rawHeaders;
    const dest = this.complete ? this.trailers : this.headers;
    for (let i = 0; i < n; i += 2) {
      raw.push(headers[i], headers[i + 1]);
      addHeaderLine(dest, headers[i].toLowerCase(), headers[i + 1], this.joinDuplicateHeaders);
    }
  }
};

proto._addHeaderLine = function _addHeaderLine(field, value, dest) {
  addHeaderLine(dest, field.toLowerCase(), value, this.joinDuplicateHeaders);
};

// ---- the body, as the parser delivers it ----

// A chunk of the body; false when the reader wants no more for now (the owner stops reading the socket).
proto._pushBody = function _pushBody(chunk) {
  if (this._dumped) return true;
  const ok = this.push(chunk);
  if (!ok && this._owner !== null) this._owner.readStop();
  return ok;
};

// The whole message has arrived.
proto._pushEof = function _pushEof() {
  this.complete = true;
  // Backpressure holds within a message: once it is whole, the socket must flow for the next one, even if this
  // body sits unread (its _read would never come: the stream has already ended).
  const owner = this._owner;
  if (owner !== null && !owner.pipelinePaused) owner.readStart();
  if (this._rs === null) {
    this._eofPending = true;
    return;
  }
  if (!this._rs.ended) this.push(null);
};

proto._read = function _read(n) {
  if (!this._consuming) {
    this._readableState.readingMore = false;
    this._consuming = true;
  }
  // The parser fills the buffer; reading only has to let the socket flow again.
  if (this._owner !== null) this._owner.readStart();
};

// Reads (and discards) the rest of the body, so the connection can carry the next message.
proto._dump = function _dump() {
  if (this._dumped) return;
  this._dumped = true;
  if (this._rs === null && this.complete && (this._events === undefined || this._eventsCount === 0)) {
    // Nothing buffered and nobody listening: nothing to emit either.
    return;
  }
  this.removeAllListeners('data');
  this.resume();
};

proto._destroy = function _destroy(err, cb) {
  if (!this.readableEnded || !this.complete) {
    this.aborted = true;
    this.emit('aborted');
  }
  const socket = this.socket;
  if (socket && !socket.destroyed && this.aborted) {
    socket.destroy(err);
    const eos = require('internal/streams/end_of_stream');
    const cleanup = eos(socket, (e) => {
      if (e && e.code === 'ERR_STREAM_PREMATURE_CLOSE') e = null;
      cleanup();
      process.nextTick(onError, this, e || err, cb);
    });
  } else {
    process.nextTick(onError, this, err, cb);
  }
};

// An error is only emitted when someone listens for it (Node keeps this for compatibility).
function onError(self, error, cb) {
  if (self.listenerCount('error') === 0) cb();
  else cb(error);
}

proto.setTimeout = function setTimeout(msecs, callback) {
  if (callback) this.on('timeout', callback);
  if (this.socket) this.socket.setTimeout(msecs);
  return this;
};

module.exports = { IncomingMessage, buildHeaders };
