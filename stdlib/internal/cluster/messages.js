// The cluster's own messages over the IPC channel: `{ cmd: 'NODE_CLUSTER', act, seq }`, answered by
// `{ cmd: 'NODE_CLUSTER', ack: seq, ... }` (Node's internal/cluster/utils.js protocol).

'use strict';

const callbacks = new Map();
let seq = 0;

// Sends `message` to `target` (a ChildProcess or `process`), with an fd handle when given;
// `callback(reply, handle)` hears the answer.
function sendInternal(target, message, handle, callback) {
  if (!target.connected) return false;
  message = { cmd: 'NODE_CLUSTER', ...message, seq };
  if (typeof callback === 'function') callbacks.set(seq, callback);
  seq++;
  return target.send(message, handle);
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
