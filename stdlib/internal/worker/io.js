// MessagePort, MessageChannel, BroadcastChannel and receiveMessageOnPort (Node's lib/internal/worker/io.js).
//
// A MessagePort is an object made natively (it carries the port's id) whose prototype is set here. It is an
// EventEmitter for Node-style listeners (`port.on('message', value => ...)`) and also takes DOM-style ones
// (`addEventListener`, `onmessage`), which receive a MessageEvent. Like Node's, a port with 'message'
// listeners is started and keeps the event loop alive until it is unref'd, closed, or loses its listeners.

const EventEmitter = require('events');
const { codes } = require('internal/errors');
const native = binding.worker;

const kOnMessage = Symbol('kOnMessage');
const kDomListeners = Symbol('kDomListeners');
const kClosed = Symbol('kClosed');
const kRefed = Symbol('kRefed');
const kHandlers = Symbol('kHandlers');
const untransferable = new WeakSet();

function dataCloneError(message) {
  const { DOMException } = require('internal/dom_exception');
  return new DOMException(message, 'DataCloneError');
}

// postMessage(value, transferList) or postMessage(value, { transfer }).
function transferListOf(options) {
  if (options === undefined || options === null) return undefined;
  let list = options;
  if (!Array.isArray(options)) {
    if (typeof options !== 'object') {
      throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    if (typeof options[Symbol.iterator] === 'function') {
      list = [...options];
    } else {
      list = options.transfer;
      if (list === undefined || list === null) return undefined;
      if (typeof list !== 'object' || typeof list[Symbol.iterator] !== 'function') {
        throw new codes.ERR_INVALID_ARG_TYPE('options.transfer', 'Array', list);
      }
      list = [...list];
    }
  }
  for (const item of list) {
    if (item !== null && typeof item === 'object' && untransferable.has(item)) {
      throw dataCloneError('An ArrayBuffer is marked as untransferable and cannot be transferred.');
    }
  }
  return list;
}

let MessageEvent;
function lazyMessageEvent() {
  if (MessageEvent === undefined) {
    const { Event } = require('internal/event_target');
    MessageEvent = class MessageEvent extends Event {
      #data;
      #ports;
      constructor(type, init = {}) {
        super(type, init);
        this.#data = init.data;
        this.#ports = init.ports ?? [];
      }
      get data() { return this.#data; }
      get ports() { return this.#ports; }
      get origin() { return ''; }
      get lastEventId() { return ''; }
      get source() { return null; }
    };
  }
  return MessageEvent;
}

class MessagePort extends EventEmitter {
  constructor() {
    throw new TypeError('Illegal constructor');
  }

  postMessage(value, transferList) {
    if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('message');
    if (this[kClosed]) return;
    native.postMessage(this, value, transferListOf(transferList));
  }

  start() {
    if (!this[kClosed]) native.startPort(this);
  }

  close() {
    if (this[kClosed]) return;
    this[kClosed] = true;
    if (native.closePort(this)) process.nextTick(() => this.emit('close'));
  }

  ref() {
    this[kRefed] = true;
    if (!this[kClosed]) native.setPortRef(this, true);
    return this;
  }

  unref() {
    this[kRefed] = false;
    if (!this[kClosed]) native.setPortRef(this, false);
    return this;
  }

  hasRef() {
    return !this[kClosed] && this[kRefed] === true;
  }

  addEventListener(type, listener, options) {
    if (typeof listener !== 'function' && (typeof listener !== 'object' || listener === null)) return;
    const once = typeof options === 'object' && options !== null && options.once === true;
    const handlers = this[kDomListeners] ??= new Map();
    const key = `${type}`;
    const list = handlers.get(key) ?? [];
    if (list.some((entry) => entry.listener === listener)) return;
    const port = this;
    const wrapped = function domListener(data) {
      if (once) port.removeEventListener(key, listener);
      const Event = key === 'message' || key === 'messageerror' ? lazyMessageEvent() : null;
      const event = Event ? new Event(key, { data }) : { type: key, target: port };
      if (typeof listener === 'function') listener.call(port, event);
      else listener.handleEvent(event);
    };
    list.push({ listener, wrapped });
    handlers.set(key, list);
    this.on(key, wrapped);
  }

  removeEventListener(type, listener) {
    const list = this[kDomListeners]?.get(`${type}`);
    if (!list) return;
    const index = list.findIndex((entry) => entry.listener === listener);
    if (index === -1) return;
    const [entry] = list.splice(index, 1);
    this.removeListener(`${type}`, entry.wrapped);
  }

  dispatchEvent(event) {
    this.emit(event.type, event.data);
    return true;
  }

  get onmessage() { return this[kHandlers]?.message ?? null; }
  set onmessage(handler) { setHandler(this, 'message', handler); }
  get onmessageerror() { return this[kHandlers]?.messageerror ?? null; }
  set onmessageerror(handler) { setHandler(this, 'messageerror', handler); }
}

function setHandler(port, type, handler) {
  const handlers = port[kHandlers] ??= { __proto__: null };
  if (handlers[type]) port.removeEventListener(type, handlers[type]);
  handlers[type] = typeof handler === 'function' ? handler : null;
  if (handlers[type]) port.addEventListener(type, handlers[type]);
}

// The first 'message' listener starts the port and refs it; losing the last one unrefs it
// (Node's setupPortReferencing).
function messageListenersChanged(port, before) {
  const now = port.listenerCount('message');
  if (before === 0 && now > 0) {
    port.ref();
    port.start();
  } else if (before > 0 && now === 0) {
    port.unref();
  }
}

for (const method of ['on', 'addListener', 'prependListener', 'once', 'prependOnceListener']) {
  const base = EventEmitter.prototype[method];
  MessagePort.prototype[method] = function (type, listener) {
    const before = type === 'message' ? this.listenerCount('message') : -1;
    base.call(this, type, listener);
    if (before !== -1) messageListenersChanged(this, before);
    return this;
  };
}
for (const method of ['off', 'removeListener']) {
  const base = EventEmitter.prototype[method];
  MessagePort.prototype[method] = function (type, listener) {
    const before = type === 'message' ? this.listenerCount('message') : -1;
    base.call(this, type, listener);
    if (before !== -1) messageListenersChanged(this, before);
    return this;
  };
}
{
  const base = EventEmitter.prototype.removeAllListeners;
  MessagePort.prototype.removeAllListeners = function (type) {
    const before = this.listenerCount('message');
    base.apply(this, arguments);
    messageListenersChanged(this, before);
    return this;
  };
}
Object.defineProperty(MessagePort.prototype, Symbol.toStringTag, { value: 'MessagePort', configurable: true });

// A natively made port becomes a MessagePort.
function initPort(port) {
  Object.setPrototypeOf(port, MessagePort.prototype);
  EventEmitter.call(port);
  port[kRefed] = false;
  port[kClosed] = false;
  return port;
}

class MessageChannel {
  constructor() {
    const [port1, port2] = native.newChannel();
    this.port1 = initPort(port1);
    this.port2 = initPort(port2);
  }
}

class BroadcastChannel {
  #name;
  #handle;
  constructor(name) {
    if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('name');
    this.#name = `${name}`;
    this.#handle = initPort(native.broadcastSubscribe(this.#name));
    this.#handle[kOnMessage] = (value) => {
      const Event = lazyMessageEvent();
      const event = new Event('message', { data: value });
      if (typeof this.onmessage === 'function') this.onmessage(event);
      this.#handle.emit('dom-message', event);
    };
    this.onmessage = null;
    this.onmessageerror = null;
  }
  get name() { return this.#name; }
  postMessage(message) {
    if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('message');
    if (this.#handle === undefined) {
      const { DOMException } = require('internal/dom_exception');
      throw new DOMException('BroadcastChannel is closed.', 'InvalidStateError');
    }
    native.broadcastPost(this.#handle, this.#name, message);
  }
  close() {
    if (this.#handle === undefined) return;
    this.#handle.close();
    this.#handle = undefined;
  }
  addEventListener(type, listener) {
    if (type === 'message') {
      this.#handle.on('dom-message', listener);
      messageListenersChanged(this.#handle, 0);
    }
  }
  removeEventListener(type, listener) {
    if (type === 'message') this.#handle?.removeListener('dom-message', listener);
  }
  ref() { this.#handle?.ref(); return this; }
  unref() { this.#handle?.unref(); return this; }
}
// Setting onmessage starts delivery and keeps the loop alive, as in Node.
Object.defineProperty(BroadcastChannel.prototype, 'onmessage', {
  configurable: true,
  get() { return this._onmessage ?? null; },
  set(handler) {
    Object.defineProperty(this, '_onmessage', { value: handler, writable: true, configurable: true });
  },
});

function receiveMessageOnPort(port) {
  if (!(port instanceof MessagePort)) {
    throw new codes.ERR_INVALID_ARG_TYPE('port', 'MessagePort', port);
  }
  if (port[kClosed]) return undefined;
  return native.receiveMessage(port);
}

function markAsUntransferable(object) {
  if ((typeof object === 'object' && object !== null) || typeof object === 'function') untransferable.add(object);
}

function isMarkedAsUntransferable(object) {
  return object !== null && typeof object === 'object' && untransferable.has(object);
}

function moveMessagePortToContext() {
  throw new codes.ERR_METHOD_NOT_IMPLEMENTED('moveMessagePortToContext');
}

// ---- called by the event loop (runtime/worker) ----

function deliverMessage(port, value) {
  const handler = port[kOnMessage];
  if (handler !== undefined) handler(value);
  else port.emit('message', value);
}

function deliverMessageError(port, error) {
  port.emit('messageerror', error);
}

function deliverClose(port) {
  if (port[kClosed]) return;
  port[kClosed] = true;
  port.emit('close');
}

module.exports = {
  MessagePort,
  MessageChannel,
  BroadcastChannel,
  receiveMessageOnPort,
  markAsUntransferable,
  isMarkedAsUntransferable,
  moveMessagePortToContext,
  transferListOf,
  initPort,
  kOnMessage,
  deliverMessage,
  deliverMessageError,
  deliverClose,
};
