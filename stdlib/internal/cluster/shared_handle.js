// SCHED_NONE: the primary binds the port once and gives every worker a copy of the listening fd;
// the workers accept themselves and the kernel spreads the connections (Node's SharedHandle).
// The primary never watches the socket, so it neither accepts nor stays alive for it.

'use strict';

const nativeNet = binding.net;

class SharedHandle {
  constructor(key, address, { port, backlog }) {
    this.key = key;
    this.workers = new Map();
    this.fd = -1;
    const fd = nativeNet.bindListener(address || '', port, backlog || 511);
    this.errno = fd < 0 ? fd : 0;
    if (fd >= 0) this.fd = fd;
  }

  add(worker, send) {
    this.workers.set(worker.id, worker);
    send(this.errno, null, this.fd >= 0 ? { _fd: this.fd, _ipcType: 'fd' } : undefined);
  }

  remove(worker) {
    if (!this.workers.delete(worker.id)) return false;
    if (this.workers.size !== 0) return false;
    if (this.fd >= 0) nativeNet.closeFd(this.fd);
    this.fd = -1;
    return true;
  }
}

module.exports = { SharedHandle };
