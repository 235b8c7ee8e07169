// The primary's side of node:cluster: fork workers, answer their `queryServer` with a shared or a
// round-robin handle, track their lifecycle, and relay their events (Node's internal/cluster/primary.js).

'use strict';

const EventEmitter = require('events');
const childProcess = require('child_process');
const { Worker } = require('internal/cluster/worker');
const { sendInternal, internal } = require('internal/cluster/messages');
const { RoundRobinHandle } = require('internal/cluster/round_robin_handle');
const { SharedHandle } = require('internal/cluster/shared_handle');

const SCHED_NONE = 1;
const SCHED_RR = 2;

const cluster = new EventEmitter();
const handles = new Map();
let ids = 0;
let initialized = false;

function policyFromEnv() {
  const name = process.env.RT_CLUSTER_POLICY ?? process.env.NODE_CLUSTER_SCHED_POLICY;
  if (name === 'none') return SCHED_NONE;
  if (name === 'rr') return SCHED_RR;
  return SCHED_RR;
}

Object.assign(cluster, {
  isWorker: false,
  isMaster: true,
  isPrimary: true,
  Worker,
  workers: {},
  settings: {},
  SCHED_NONE,
  SCHED_RR,
  schedulingPolicy: policyFromEnv(),
});

cluster.setupPrimary = function setupPrimary(options) {
  const settings = {
    args: process.argv.slice(2),
    exec: process.argv[1],
    execArgv: process.execArgv,
    silent: false,
    ...cluster.settings,
    ...options,
  };
  cluster.settings = settings;
  if (!initialized) {
    initialized = true;
    // The policy is fixed by the first setup (Node reads it once).
    if (cluster.schedulingPolicy !== SCHED_NONE && cluster.schedulingPolicy !== SCHED_RR) {
      throw new Error(`Bad cluster.schedulingPolicy: ${cluster.schedulingPolicy}`);
    }
  }
  process.nextTick(() => cluster.emit('setup', settings));
};
cluster.setupMaster = cluster.setupPrimary;

function removeWorker(worker) {
  delete cluster.workers[worker.id];
  if (Object.keys(cluster.workers).length === 0) {
    for (const [key, handle] of handles) {
      handle.remove(worker);
      handles.delete(key);
    }
  }
}

function removeHandlesForWorker(worker) {
  for (const [key, handle] of handles) {
    if (handle.remove(worker)) handles.delete(key);
  }
}

cluster.fork = function fork(env) {
  cluster.setupPrimary();
  const id = ++ids;
  const settings = cluster.settings;
  const workerEnv = { ...process.env, ...env, NODE_UNIQUE_ID: `${id}` };
  const workerProcess = childProcess.fork(settings.exec, settings.args, {
    cwd: settings.cwd,
    env: workerEnv,
    serialization: settings.serialization,
    silent: settings.silent,
    stdio: settings.stdio,
    execArgv: settings.execArgv,
    uid: settings.uid,
    gid: settings.gid,
  });
  const worker = new Worker({ id, process: workerProcess });

  worker.on('message', function (message, handle) {
    cluster.emit('message', this, message, handle);
  });

  worker.process.once('exit', (exitCode, signalCode) => {
    // Keep a connected worker in the list: its 'disconnect' still comes (Node does the same).
    if (!worker.isConnected()) {
      removeHandlesForWorker(worker);
      removeWorker(worker);
    }
    worker.exitedAfterDisconnect = !!worker.exitedAfterDisconnect;
    worker.state = 'dead';
    worker.emit('exit', exitCode, signalCode);
    cluster.emit('exit', worker, exitCode, signalCode);
  });

  worker.process.once('disconnect', () => {
    removeHandlesForWorker(worker);
    if (worker.isDead()) removeWorker(worker);
    worker.exitedAfterDisconnect = !!worker.exitedAfterDisconnect;
    worker.state = 'disconnected';
    worker.emit('disconnect');
    cluster.emit('disconnect', worker);
  });

  worker.process.on('internalMessage', internal(worker, onWorkerMessage));
  process.nextTick(() => cluster.emit('fork', worker));
  cluster.workers[worker.id] = worker;
  return worker;
};

cluster.disconnect = function disconnect(callback) {
  const workers = Object.values(cluster.workers);
  if (workers.length === 0) {
    if (typeof callback === 'function') process.nextTick(callback);
    return;
  }
  let left = workers.length;
  for (const worker of workers) {
    worker.once('disconnect', () => {
      if (--left === 0 && typeof callback === 'function') callback();
    });
    if (worker.isConnected()) worker.disconnect();
  }
};

function onWorkerMessage(message, handle) {
  const worker = this;
  if (message.act === 'online') online(worker);
  else if (message.act === 'queryServer') queryServer(worker, message);
  else if (message.act === 'listening') listening(worker, message);
  else if (message.act === 'exitedAfterDisconnect') exitedAfterDisconnect(worker, message);
  else if (message.act === 'close') close(worker, message);
}

function online(worker) {
  worker.state = 'online';
  worker.emit('online');
  cluster.emit('online', worker);
}

function exitedAfterDisconnect(worker, message) {
  worker.exitedAfterDisconnect = true;
  reply(worker, message, {});
}

function queryServer(worker, message) {
  if (worker.exitedAfterDisconnect) return;
  const key = `${message.address}:${message.port}:${message.addressType}:${message.fd}:${message.index}`;
  let handle = handles.get(key);
  if (handle === undefined) {
    let address = message.address;
    // Round robin needs a real address to listen on; Node picks the unspecified one.
    if (!address && message.port !== undefined) address = '';
    const Handle = cluster.schedulingPolicy === SCHED_RR && message.addressType !== 'udp4' &&
      message.addressType !== 'udp6' ? RoundRobinHandle : SharedHandle;
    handle = new Handle(key, address, message);
    handles.set(key, handle);
  }
  handle.add(worker, (errno, replyData, sentHandle) => {
    if (errno) handles.delete(key);
    reply(worker, message, { errno, key, ...replyData }, sentHandle);
  });
}

function listening(worker, message) {
  const info = {
    addressType: message.addressType,
    address: message.address,
    port: message.port,
    fd: message.fd,
  };
  worker.state = 'listening';
  worker.emit('listening', info);
  cluster.emit('listening', worker, info);
}

function close(worker, message) {
  const handle = handles.get(message.key);
  if (handle && handle.remove(worker)) handles.delete(message.key);
}

function reply(worker, message, data, handle) {
  sendInternal(worker.process, { ...data, ack: message.seq }, handle);
}

// Worker methods as the primary sees them.
Worker.prototype.disconnect = function disconnect() {
  this.exitedAfterDisconnect = true;
  sendInternal(this.process, { act: 'disconnect' });
  removeHandlesForWorker(this);
  removeWorker(this);
  return this;
};

Worker.prototype.destroy = function destroy(signal) {
  signal = signal || 'SIGTERM';
  const proc = this.process;
  removeHandlesForWorker(this);
  removeWorker(this);
  if (this.isConnected()) {
    this.once('disconnect', () => proc.kill(signal));
    this.process.disconnect();
    return;
  }
  proc.kill(signal);
};

module.exports = { cluster };
