// The Worker class (Node's lib/internal/worker.js). Every worker thread exports it but few create workers of
// their own, so the class here is a shell: the work behind it — Node's argument checks, starting the thread,
// stdio streams, terminate, the events the thread reports — is in internal/worker/parent, which only a thread
// that creates a Worker compiles.

const SHARE_ENV = Symbol.for('nodejs.worker_threads.SHARE_ENV');

// Shared with worker_threads' setEnvironmentData/getEnvironmentData.
const environmentData = new Map();

function limitsObject(values) {
  return {
    maxYoungGenerationSizeMb: values[0],
    maxOldGenerationSizeMb: values[1],
    codeRangeSizeMb: values[2],
    stackSizeMb: values[3],
  };
}

let parentSide;
const parent = () => (parentSide ??= require('internal/worker/parent'));

// Members in the order of Node's Worker.prototype.
class Worker {
  constructor(filename, options = {}) {
    parent().construct(this, filename, options);
  }

  postMessage(...args) {
    parent().postMessage(this, args);
  }

  terminate(callback) {
    return parent().terminate(this, callback);
  }

  ref() {
    parent().setRef(this, true);
  }

  unref() {
    parent().setRef(this, false);
  }

  get threadId() {
    return parent().threadIdOf(this);
  }

  // A writable stream with `stdin: true`, else null.
  get stdin() {
    return parent().stdinOf(this);
  }

  // Made on first use: a worker whose streams nobody touches writes straight to the process's output.
  get stdout() {
    return parent().stdioStream(this, 0);
  }

  get stderr() {
    return parent().stdioStream(this, 1);
  }

  get resourceLimits() {
    return parent().resourceLimitsOf(this);
  }

  getHeapSnapshot() {
    return parent().getHeapSnapshot();
  }
}

module.exports = { Worker, SHARE_ENV, environmentData, limitsObject };
