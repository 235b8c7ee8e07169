// node:worker_threads — the Worker class, message ports, and this thread's place among them. A worker runs
// on its own OS thread with its own isolate (runtime/worker); everything here is per isolate.

const { Worker, SHARE_ENV, environmentData, limitsObject } = require('internal/worker/worker');
const io = require('internal/worker/io');
// Loaded on the first error: every worker compiles this file.
const codes = new Proxy({}, { get: (_, name) => require('internal/errors').codes[name] });

// In a worker: its id, the port to its parent, and the data it was started with (moved out of the native
// side once, here). On the main thread: null.
const info = binding.worker.threadInfo();
let parentPort = null;
let workerData = null;
let threadId = 0;
let resourceLimits = {};
if (info !== null) {
  parentPort = io.initPort(info.port);
  const [data, environment, stdinPort] = info.data;
  if (stdinPort !== undefined) require('internal/worker/stdin').setPort(stdinPort);
  workerData = data;
  if (environment instanceof Map) for (const [key, value] of environment) environmentData.set(key, value);
  threadId = info.threadId;
  resourceLimits = limitsObject(info.resourceLimits);
}

function setEnvironmentData(key, value) {
  if (value === undefined) environmentData.delete(key);
  else environmentData.set(key, value);
}

function getEnvironmentData(key) {
  return environmentData.get(key);
}

// Node 20.20 added postMessageToThread (experimental); rt has no thread-to-thread routing yet.
function postMessageToThread() {
  return Promise.reject(new codes.ERR_METHOD_NOT_IMPLEMENTED('postMessageToThread'));
}

module.exports = {
  isMainThread: info === null,
  MessagePort: io.MessagePort,
  MessageChannel: io.MessageChannel,
  markAsUntransferable: io.markAsUntransferable,
  moveMessagePortToContext: io.moveMessagePortToContext,
  receiveMessageOnPort: io.receiveMessageOnPort,
  resourceLimits,
  postMessageToThread,
  threadId,
  SHARE_ENV,
  Worker,
  parentPort,
  workerData,
  BroadcastChannel: io.BroadcastChannel,
  setEnvironmentData,
  getEnvironmentData,
};
// Newer Node lines export this; Node 20 does not list it, so it stays out of Object.keys.
Object.defineProperty(module.exports, 'isMarkedAsUntransferable', {
  value: io.isMarkedAsUntransferable,
  writable: true,
  configurable: true,
  enumerable: false,
});
