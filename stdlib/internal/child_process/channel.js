// The IPC channel on either side of a fork: `child.send()` / `process.send()`, 'message',
// 'disconnect', `connected`, `disconnect()`. Frames are JSON text, one per line (Node's 'json'
// serialization); a socket or server travels as its fd beside a `NODE_HANDLE` frame, as Node sends it.
// Frames whose `cmd` starts with `NODE_` are the runtime's own (cluster's) and go to 'internalMessage'.

'use strict';

const { codes } = require('internal/errors');

const nativeIpc = binding.ipc;
const nativeNet = binding.net;

// What the native channel handle calls.
class ChannelHandle {
  constructor(owner) {
    this.owner = owner;
  }
  onmessages(frames) {
    for (const frame of frames) {
      if (!this.owner.connected) return;
      receiveFrame(this.owner, frame);
    }
  }
  onend() { closeChannel(this.owner); }
  onerror() { closeChannel(this.owner); }
  ondrain() {
    const callbacks = this.owner._sendCallbacks;
    this.owner._sendCallbacks = [];
    for (const callback of callbacks) callback(null);
  }
}

function receiveFrame(target, frame) {
  if (frame === '') return;
  let message;
  try {
    message = JSON.parse(frame);
  } catch {
    return;
  }
  if (message !== null && typeof message === 'object' && message.cmd === 'NODE_HANDLE') {
    const handle = adoptHandle(target, message.type);
    emitMessage(target, message.msg, handle);
    return;
  }
  emitMessage(target, message, undefined);
}

function emitMessage(target, message, handle) {
  if (message !== null && typeof message === 'object' && typeof message.cmd === 'string' &&
      message.cmd.startsWith('NODE_')) {
    target.emit('internalMessage', message, handle);
  } else {
    target.emit('message', message, handle);
  }
}

// Turns the fd that came beside a NODE_HANDLE frame into the object it was sent as.
function adoptHandle(target, type) {
  const fd = nativeIpc.takeFd(target._channelId);
  if (fd < 0) return undefined;
  // A bare fd for the runtime's own use (cluster adopts it into the right server).
  if (type === 'fd') return { fd };
  const net = require('net');
  if (type === 'net.Server') {
    const server = new net.Server();
    const id = nativeNet.adoptListener(null, fd);
    if (id >= 0) server._setHandle(id);
    return server;
  }
  const id = nativeNet.adoptStream(null, fd, 'tcp');
  return id >= 0 ? new net.Socket({ handle: id }) : undefined;
}

// The handle id under a net.Socket or net.Server, for sending its fd.
function handleIdOf(handle) {
  if (handle === undefined || handle === null) return undefined;
  if (typeof handle._handle === 'number') return handle._handle;
  if (typeof handle === 'number') return handle;
  return undefined;
}

function handleType(handle) {
  if (handle._ipcType !== undefined) return handle._ipcType;
  const net = require('net');
  if (handle instanceof net.Server) return 'net.Server';
  return 'net.Socket';
}

// `connected` turns false at once; the channel closes on the next tick, with 'disconnect' (Node's
// _disconnect defers its finish the same way, so code right after disconnect() runs first).
function closeChannel(target) {
  if (!target.connected) return;
  target.connected = false;
  process.nextTick(() => {
    const id = target._channelId;
    target._channelId = -1;
    // 'disconnect' listeners run before the peer can see the close: cluster's worker.kill() sends
    // its signal from one, and the signal must not lose a race with the worker's own exit on EOF.
    try {
      target.emit('disconnect');
    } finally {
      nativeNet.close(id);
    }
  });
}

// Gives `target` (a ChildProcess, or `process` in a forked child) its channel over handle `id`.
function setupChannel(target, id) {
  target._channelId = id;
  target._channelHandle = new ChannelHandle(target);
  target._sendCallbacks = [];
  target.connected = true;
  nativeNet.setTarget(id, target._channelHandle);

  target.send = function send(message, handle, options, callback) {
    if (typeof handle === 'function') {
      callback = handle;
      handle = undefined;
      options = undefined;
    } else if (typeof options === 'function') {
      callback = options;
      options = undefined;
    }
    if (message === undefined) throw new codes.ERR_MISSING_ARGS('message');
    if (!this.connected) {
      const err = new codes.ERR_IPC_CHANNEL_CLOSED();
      if (typeof callback === 'function') process.nextTick(callback, err);
      else process.nextTick(() => this.emit('error', err));
      return false;
    }
    const handleId = handleIdOf(handle);
    const frame = handleId === undefined && handle?._fd === undefined
      ? JSON.stringify(message)
      : JSON.stringify({ cmd: 'NODE_HANDLE', type: handleType(handle), msg: message });
    const queued = nativeIpc.send(this._channelId, frame, handleId, handle?._fd);
    if (queued < 0) {
      const err = require('internal/errors').errnoException(queued, 'write');
      if (typeof callback === 'function') process.nextTick(callback, err);
      else process.nextTick(() => this.emit('error', err));
      return false;
    }
    if (handleId !== undefined && handle && options?.keepOpen !== true && handleType(handle) === 'net.Socket') {
      // The fd now belongs to the receiver (Node closes the sent socket unless keepOpen).
      handle.destroy();
    }
    if (typeof callback === 'function') {
      if (queued === 0) process.nextTick(callback, null);
      else this._sendCallbacks.push(callback);
    }
    return queued < 64 * 1024;
  };

  target.disconnect = function disconnect() {
    if (!this.connected) {
      this.emit('error', new codes.ERR_IPC_DISCONNECTED());
      return;
    }
    closeChannel(this);
  };

  target._setChannelRef = function (refed) {
    if (this._channelId >= 0) nativeNet.setRef(this._channelId, refed);
  };
}

module.exports = { setupChannel };
