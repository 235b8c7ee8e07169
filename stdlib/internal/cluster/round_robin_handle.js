// SCHED_RR (Node's default on Linux): the primary listens and accepts; each connection's fd goes
// to the next free worker as `{ act: 'newconn' }`, and the worker's acknowledgement frees it for
// the next one (Node's RoundRobinHandle).

'use strict';

const { sendInternal } = require('internal/cluster/messages');

const nativeNet = binding.net;

class RoundRobinHandle {
  constructor(key, address, { port, backlog }) {
    this.key = key;
    this.all = new Map();
    this.free = new Map();
    this.pending = [];
    // Connections handed to a worker that has not acknowledged them yet: connection id → worker id.
    this.handing = new Map();
    this.handle = nativeNet.listenTcp(this, address || '', port, backlog || 511);
    this.errno = this.handle < 0 ? this.handle : 0;
  }

  // What the native listener calls for each accepted connection (a handle id).
  onconnection(id) {
    if (id < 0) return;
    this.pending.push(id);
    const [worker] = this.free.values();
    if (worker !== undefined) this.handoff(worker);
  }

  add(worker, send) {
    this.all.set(worker.id, worker);
    if (this.errno !== 0) {
      send(this.errno, null);
      return;
    }
    send(0, { sockname: nativeNet.sockname(this.handle) });
    this.handoff(worker);
  }

  remove(worker) {
    if (!this.all.delete(worker.id)) return false;
    this.free.delete(worker.id);
    // Connections the worker never acknowledged go to another worker; Node keeps them open here forever
    // (the client hangs), which rt does not copy.
    for (const [id, holder] of this.handing) {
      if (holder !== worker.id) continue;
      this.handing.delete(id);
      this.pending.unshift(id);
    }
    if (this.all.size !== 0) {
      this.handoffToFree();
      return false;
    }
    for (const id of this.pending) nativeNet.close(id);
    this.pending = [];
    if (this.handle >= 0) nativeNet.close(this.handle);
    this.handle = -1;
    return true;
  }

  handoff(worker) {
    if (!this.all.has(worker.id)) return;
    const id = this.pending.shift();
    if (id === undefined) {
      this.free.set(worker.id, worker);
      return;
    }
    this.free.delete(worker.id);
    this.handing.set(id, worker.id);
    const sent = sendInternal(worker.process, { act: 'newconn', key: this.key }, { _handle: id, _ipcType: 'fd' },
      (reply) => {
        this.handing.delete(id);
        if (!reply.accepted) this.pending.unshift(id);
        else nativeNet.close(id);
        this.handoff(worker);
      },
      () => {
        // The worker is exiting: the connection waits for the next free one.
        this.handing.delete(id);
        this.pending.unshift(id);
        this.handoffToFree();
      });
    if (sent === false && !worker.process.connected) {
      this.handing.delete(id);
      this.pending.unshift(id);
    }
  }

  handoffToFree() {
    const [worker] = this.free.values();
    if (worker !== undefined && this.pending.length > 0) this.handoff(worker);
  }
}

module.exports = { RoundRobinHandle };
