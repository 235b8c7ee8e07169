// BroadcastChannel's work (the class itself is a shell in internal/worker/io, which every worker compiles). A channel
// is a port subscribed natively to its name across all threads; it is ref'd from its creation until close() or
// unref(), as in Node. Its state lives in a WeakMap so the object shows only what Node's does.

const { initPort } = require('internal/worker/io');
const native = binding.worker;
const domEvents = require('internal/worker/dom_events');

// channel → { name, handle (undefined once closed), listeners: [{ type, listener }] }
const states = new WeakMap();

function open(channel, name) {
  const handle = initPort(native.broadcastSubscribe(name));
  states.set(channel, { name, handle, listeners: [] });
  handle.on('message', (value) => dispatch(channel, 'message', value));
  channel.onmessage = null;
  channel.onmessageerror = null;
}

function dispatch(channel, type, value) {
  const handler = type === 'message' ? channel.onmessage : channel.onmessageerror;
  if (typeof handler === 'function') domEvents.dispatchMessageEvent(channel, type, value, handler);
  for (const entry of states.get(channel).listeners.slice()) {
    if (entry.type === type) domEvents.dispatchMessageEvent(channel, type, value, entry.listener);
  }
}

function nameOf(channel) {
  return states.get(channel)?.name;
}

function post(channel, message) {
  const state = states.get(channel);
  if (state?.handle === undefined) {
    const { DOMException } = require('internal/dom_exception');
    throw new DOMException('BroadcastChannel is closed.', 'InvalidStateError');
  }
  native.broadcastPost(state.handle, state.name, message);
}

function close(channel) {
  const state = states.get(channel);
  if (state?.handle === undefined) return;
  state.handle.close();
  state.handle = undefined;
}

function addEventListener(channel, type, listener) {
  const state = states.get(channel);
  if (state === undefined) return;
  if (!state.listeners.some((entry) => entry.type === type && entry.listener === listener)) {
    state.listeners.push({ type, listener });
  }
}

function removeEventListener(channel, type, listener) {
  const state = states.get(channel);
  if (state === undefined) return;
  state.listeners = state.listeners.filter((entry) => entry.type !== type || entry.listener !== listener);
}

function ref(channel, refed) {
  const handle = states.get(channel)?.handle;
  if (handle === undefined) return;
  if (refed) handle.ref();
  else handle.unref();
}

module.exports = { open, nameOf, post, close, addEventListener, removeEventListener, ref };
