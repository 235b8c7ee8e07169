// node:worker_threads — the Worker class, message ports, and this thread's place among them. A worker runs
// on its own OS thread with its own isolate (runtime/worker); everything here is per isolate.

const { Worker, SHARE_ENV, environmentData, limitsObject } = require('internal/worker/worker');
const io = require('internal/worker/io');
// Loaded on the first error: every worker compiles this file.
const codes = new Proxy({}, { get: (_, name) => require('internal/errors').codes[name] });

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

// Filled in by describeThread below.
module.exports = {
  isMainThread: true,
  MessagePort: io.MessagePort,
  MessageChannel: io.MessageChannel,
  markAsUntransferable: io.markAsUntransferable,
  moveMessagePortToContext: io.moveMessagePortToContext,
  receiveMessageOnPort: io.receiveMessageOnPort,
  resourceLimits: {},
  postMessageToThread,
  threadId: 0,
  SHARE_ENV,
  Worker,
  parentPort: null,
  workerData: null,
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

// In a worker: its id, the port to its parent, and the data it was started with (moved out of the native side
// once, here). On the main thread `info` is null and the defaults above stand.
function describeThread(info) {
  if (info === null) return;
  const [data, environment, stdinPort] = info.data;
  if (stdinPort !== undefined) require('internal/worker/stdin').setPort(stdinPort);
  if (environment instanceof Map) for (const [key, value] of environment) environmentData.set(key, value);
  Object.assign(module.exports, {
    isMainThread: false,
    resourceLimits: limitsObject(info.resourceLimits),
    threadId: info.threadId,
    parentPort: io.initPort(info.port),
    workerData: data,
  });
}

// An engine a warm thread builds ahead (runtime/worker/pool.rs) runs this file before it knows which worker it
// will run: it is described when it does.
const info = binding.worker.threadInfo();
if (info === undefined) binding.worker.whenThreadKnown(describeThread);
else describeThread(info);
