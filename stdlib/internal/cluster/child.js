// A worker's side of node:cluster: `cluster.worker`, the 'online' report, and `server.listen()`
// routed through the primary (`_getServer`), which answers with a listening fd (SCHED_NONE) or
// hands over connections one by one (SCHED_RR). Node's internal/cluster/child.js.

'use strict';

const EventEmitter = require('events');
const { Worker } = require('internal/cluster/worker');
const { sendInternal, internal } = require('internal/cluster/messages');

const nativeNet = binding.net;

const cluster = new EventEmitter();
// Round-robin servers by the primary's key, so 'newconn' finds its server.
const handles = new Map();
// How many servers listened on each address so far: part of the key (Node's `indexes`).
const indexes = new Map();

Object.assign(cluster, {
  isWorker: true,
  isMaster: false,
  isPrimary: false,
  Worker,
  worker: null,
  SCHED_NONE: 1,
  SCHED_RR: 2,
});

function setupWorker() {
  const worker = new Worker({ id: +process.env.NODE_UNIQUE_ID | 0, process, state: 'online' });
  cluster.worker = worker;

  process.once('disconnect', () => {
    worker.emit('disconnect');
    // The primary went away (or dropped us) without asking: end now, never linger as an orphan.
    if (!worker.exitedAfterDisconnect) process.exit(0);
  });

  process.on('internalMessage', internal(worker, onPrimaryMessage));
  sendInternal(process, { act: 'online' });
}

function onPrimaryMessage(message, handle) {
  if (message.act === 'newconn') onConnection(message, handle);
  else if (message.act === 'disconnect') disconnectWorker(this, true);
}

function onConnection(message, handle) {
  const server = handles.get(message.key);
  const accepted = server !== undefined && handle !== undefined;
  sendInternal(process, { ack: message.seq, accepted });
  if (!accepted) {
    if (handle !== undefined) nativeNet.closeFd(handle.fd);
    return;
  }
  const id = nativeNet.adoptStream(null, handle.fd, 'tcp');
  if (id >= 0) server._acceptHandle(id);
}

// net.Server#listen in a worker: ask the primary; `callback(errno, handle)` gets `{ fd }` for a
// shared listener or a round-robin stand-in.
function getServer(server, options, callback) {
  const address = options.address;
  const indexKey = `${address}:${options.port}:4`;
  const index = (indexes.get(indexKey) ?? -1) + 1;
  indexes.set(indexKey, index);
  const message = {
    act: 'queryServer',
    index,
    data: null,
    address,
    port: options.port,
    addressType: 4,
    fd: -1,
    backlog: options.backlog,
  };
  sendInternal(process, message, undefined, (reply, handle) => {
    if (reply.errno) {
      indexes.set(indexKey, index - 1);
      callback(reply.errno, null);
      return;
    }
    let listenerHandle;
    if (handle !== undefined) {
      listenerHandle = { fd: handle.fd };
    } else {
      listenerHandle = roundRobinStandIn(reply.key, reply.sockname, server);
      handles.set(reply.key, server);
    }
    callback(0, listenerHandle);
    server.once('listening', () => {
      const bound = server.address() ?? {};
      sendInternal(process, {
        act: 'listening',
        address: bound.address ?? address,
        port: bound.port ?? options.port,
        addressType: 4,
        fd: -1,
      });
    });
  });
}

// What a round-robin server holds instead of a listening socket.
function roundRobinStandIn(key, sockname, server) {
  return {
    key,
    address: sockname ?? null,
    close() {
      handles.delete(key);
      sendInternal(process, { act: 'close', key });
    },
    ref() {},
    unref() {},
    _server: server,
  };
}

// `worker.disconnect()` in a worker: close every server, then the channel; with `primaryAsked` the
// primary started it.
function disconnectWorker(worker, primaryAsked) {
  worker.exitedAfterDisconnect = true;
  const finish = () => process.disconnect();
  if (!primaryAsked) {
    sendInternal(process, { act: 'exitedAfterDisconnect' }, undefined, () => closeServers(finish));
  } else {
    closeServers(finish);
  }
}

function closeServers(done) {
  const servers = [...handles.values()];
  handles.clear();
  for (const server of servers) server.close();
  for (const server of trackedServers) if (server.listening) server.close();
  trackedServers.clear();
  done();
}

// Shared-handle servers, so a disconnect can close them too.
const trackedServers = new Set();

function track(server) {
  trackedServers.add(server);
  server.once('close', () => trackedServers.delete(server));
}

Worker.prototype.disconnect = function disconnect() {
  if (this.state !== 'disconnecting' && this.state !== 'destroying') {
    this.state = 'disconnecting';
    disconnectWorker(this, false);
  }
  return this;
};

Worker.prototype.destroy = function destroy() {
  if (this.state === 'destroying') return;
  this.exitedAfterDisconnect = true;
  if (!this.isConnected()) {
    process.exit(0);
  } else {
    this.state = 'destroying';
    sendInternal(process, { act: 'exitedAfterDisconnect' }, undefined, () => process.disconnect());
    process.once('disconnect', () => process.exit(0));
  }
};

setupWorker();

module.exports = {
  cluster,
  _getServer(server, options, callback) {
    track(server);
    getServer(server, options, callback);
  },
};
