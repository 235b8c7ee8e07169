// The cluster's own messages over the IPC channel: `{ cmd: 'NODE_CLUSTER', act, seq }`, answered by
// `{ cmd: 'NODE_CLUSTER', ack: seq, ... }` (Node's internal/cluster/utils.js protocol).

'use strict';

const callbacks = new Map();
let seq = 0;

// Sends `message` to `target` (a ChildProcess or `process`), with an fd handle when given;
// `callback(reply, handle)` hears the answer.
// `onSendError(err)` hears a write that failed (the peer is exiting and its channel broke before this
// process saw it close); the message's reply callback is then dropped. Internal messages never turn
// into an 'error' event on the worker: its 'exit' follows and tells the rest.
function sendInternal(target, message, handle, callback, onSendError) {
  if (!target.connected) return false;
  const sent = seq;
  message = { cmd: 'NODE_CLUSTER', ...message, seq };
  if (typeof callback === 'function') callbacks.set(seq, callback);
  seq++;
  return target.send(message, handle, (err) => {
    if (err === null || err === undefined) return;
    callbacks.delete(sent);
    if (typeof onSendError === 'function') onSendError(err);
  });
}

// Wraps an 'internalMessage' listener: answers go to their callbacks, the rest to `handler`.
function internal(worker, handler) {
  return function onInternalMessage(message, handle) {
    if (message.cmd !== 'NODE_CLUSTER') return;
    if (message.ack !== undefined && callbacks.has(message.ack)) {
      const callback = callbacks.get(message.ack);
      callbacks.delete(message.ack);
      callback(message, handle);
      return;
    }
    handler.call(worker, message, handle);
  };
}

module.exports = { sendInternal, internal };
