// MessagePort, MessageChannel, BroadcastChannel and receiveMessageOnPort (Node's lib/internal/worker/io.js).
//
// A MessagePort is an object made natively (it carries the port's id) whose prototype is set here. It takes
// Node-style listeners (`port.on('message', value => ...)`) and DOM-style ones (`addEventListener`,
// `onmessage`, internal/worker/dom_events), which receive a MessageEvent. Like Node's, a port with 'message'
// listeners is started and keeps the event loop alive until it is unref'd, closed, or loses its listeners.

// Loaded on the first error: every worker compiles this file.
const codes = new Proxy({}, { get: (_, name) => require('internal/errors').codes[name] });
const native = binding.worker;

const kMaxListeners = Symbol('kMaxListeners');
const kHandlers = Symbol('kHandlers');
const kNoValue = Symbol('kNoValue');
const untransferable = new WeakSet();

const domEvents = () => require('internal/worker/dom_events');

// Node's MessagePort is a NodeEventTarget: an EventTarget that also has Node-style on/once/off/emit. Those,
// postMessage, start, close, ref, unref and hasRef are native (runtime/ops/message_port.rs, copied onto the
// prototype below); EventTarget.prototype is linked in once internal/event_target is loaded anyway (see
// linkEventTarget), so a program that never touches EventTarget does not compile it.
class MessagePort {
  constructor() {
    throw new codes.ERR_ILLEGAL_CONSTRUCTOR();
  }

  // DOM-style listeners get a MessageEvent (internal/worker/dom_events, loaded on first use).
  addEventListener(type, listener, options) {
    domEvents().addEventListener(this, type, listener, options);
  }

  removeEventListener(type, listener) {
    domEvents().removeEventListener(this, type, listener);
  }

  dispatchEvent(event) {
    this.emit(event.type, event.data);
    return true;
  }

  get onmessage() { return this[kHandlers]?.message ?? null; }
  set onmessage(handler) { domEvents().setHandler(this, 'message', handler); }
  get onmessageerror() { return this[kHandlers]?.messageerror ?? null; }
  set onmessageerror(handler) { domEvents().setHandler(this, 'messageerror', handler); }
}

// The EventEmitter-style methods (on, once, emit, ...) are native (runtime/ops/message_port.rs): the listeners
// live on the port, the first 'message' listener refs and starts it, and the loop calls a lone 'message' listener
// directly.
const emitterMethods = binding.messagePort;
for (const name of Object.getOwnPropertyNames(emitterMethods)) MessagePort.prototype[name] = emitterMethods[name];
Object.assign(MessagePort.prototype, {
  setMaxListeners(n) { this[kMaxListeners] = n; },
  getMaxListeners() { return this[kMaxListeners] ?? 10; },
});
for (const key of Object.keys(MessagePort.prototype)) {
  Object.defineProperty(MessagePort.prototype, key, { enumerable: false });
}
Object.defineProperty(MessagePort.prototype, Symbol.toStringTag, { value: 'MessagePort', configurable: true });

// A natively made port becomes a MessagePort.
function initPort(port) {
  Object.setPrototypeOf(port, MessagePort.prototype);
  return port;
}

class MessageChannel {
  constructor() {
    const [port1, port2] = native.newChannel();
    this.port1 = initPort(port1);
    this.port2 = initPort(port2);
  }
}

// BroadcastChannel's work is in internal/worker/broadcast_channel: every worker compiles this file, few use one.
const broadcast = () => require('internal/worker/broadcast_channel');
class BroadcastChannel {
  constructor(name) {
    if (arguments.length === 0) throw new codes.ERR_MISSING_ARGS('name');
    broadcast().open(this, `${name}`);
  }
  get name() { return broadcast().nameOf(this); }
  postMessage(message = kNoValue) {
    if (message === kNoValue) throw new codes.ERR_MISSING_ARGS('message');
    broadcast().post(this, message);
  }
  close() { broadcast().close(this); }
  addEventListener(type, listener) { broadcast().addEventListener(this, type, listener); }
  removeEventListener(type, listener) { broadcast().removeEventListener(this, type, listener); }
  ref() { broadcast().ref(this, true); return this; }
  unref() { broadcast().ref(this, false); return this; }
}

function receiveMessageOnPort(port) {
  if (!(port instanceof MessagePort)) {
    const error = new codes.ERR_INVALID_ARG_TYPE('port', 'MessagePort', port);
    error.message = 'The "port" argument must be a MessagePort instance';
    throw error;
  }
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

// emit('message', value), when the port has other than one plain 'message' listener (the loop calls a lone one
// itself).
function emitOnPort(port, value) {
  port.emit('message', value);
}

// The same for a Worker, an EventEmitter (listeners in `_events`, rejections captured when asked).
function emitOnEmitter(target, value) {
  const handler = target._events === undefined ? undefined : target._events.message;
  if (typeof handler !== 'function') {
    target.emit('message', value);
    return;
  }
  const result = handler.call(target, value);
  if (result !== undefined && result !== null) {
    const { EventEmitter } = require('internal/events/emitter');
    EventEmitter[Symbol.for('rt.captureRejection')](target, result, 'message', [value]);
  }
}

function deliverMessageError(port, error) {
  port.emit('messageerror', error);
}

function deliverClose(port) {
  port.emit('close');
}

// Puts EventTarget.prototype under MessagePort and BroadcastChannel (called from either module, whichever
// loads second).
function linkEventTarget(EventTarget) {
  Object.setPrototypeOf(MessagePort.prototype, EventTarget.prototype);
  Object.setPrototypeOf(BroadcastChannel.prototype, EventTarget.prototype);
}
if (binding.modules.isLoaded('internal/event_target')) linkEventTarget(require('internal/event_target').EventTarget);

module.exports = {
  linkEventTarget,
  get MessageEvent() { return domEvents().lazyMessageEvent(); },
  MessagePort,
  MessageChannel,
  BroadcastChannel,
  receiveMessageOnPort,
  markAsUntransferable,
  isMarkedAsUntransferable,
  moveMessagePortToContext,
  initPort,
  kHandlers,
  emitOnPort,
  emitOnEmitter,
  deliverMessageError,
  deliverClose,
};
