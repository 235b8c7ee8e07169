// DOM-style listening on message ports (addEventListener, onmessage, MessageEvent), kept apart from
// internal/worker/io because most programs use port.on('message') and every worker compiles io.

const { kHandlers } = require('internal/worker/io');

const kDomListeners = Symbol('kDomListeners');

let MessageEvent;
let dispatchFrom;
function lazyMessageEvent() {
  if (MessageEvent === undefined) {
    const eventTarget = require('internal/event_target');
    dispatchFrom = eventTarget.dispatchFrom;
    MessageEvent = class MessageEvent extends eventTarget.Event {
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

// Calls a DOM-style listener with a MessageEvent whose target is `source`.
function dispatchMessageEvent(source, type, data, listener) {
  const event = new (lazyMessageEvent())(type, { data });
  dispatchFrom(event, source, (e) => {
    if (typeof listener === 'function') listener.call(source, e);
    else listener.handleEvent(e);
  });
}

function addEventListener(port, type, listener, options) {
  if (typeof listener !== 'function' && (typeof listener !== 'object' || listener === null)) return;
  const once = typeof options === 'object' && options !== null && options.once === true;
  const handlers = port[kDomListeners] ??= new Map();
  const key = `${type}`;
  const list = handlers.get(key) ?? [];
  if (list.some((entry) => entry.listener === listener)) return;
  const wrapped = function domListener(data) {
    if (once) port.removeEventListener(key, listener);
    dispatchMessageEvent(port, key, data, listener);
  };
  list.push({ listener, wrapped });
  handlers.set(key, list);
  port.on(key, wrapped);
}

function removeEventListener(port, type, listener) {
  const list = port[kDomListeners]?.get(`${type}`);
  if (!list) return;
  const index = list.findIndex((entry) => entry.listener === listener);
  if (index === -1) return;
  const [entry] = list.splice(index, 1);
  port.removeListener(`${type}`, entry.wrapped);
}

function setHandler(port, type, handler) {
  const handlers = port[kHandlers] ??= { __proto__: null };
  if (handlers[type]) removeEventListener(port, type, handlers[type]);
  handlers[type] = typeof handler === 'function' ? handler : null;
  if (handlers[type]) addEventListener(port, type, handlers[type]);
}

module.exports = { lazyMessageEvent, dispatchMessageEvent, addEventListener, removeEventListener, setHandler };
