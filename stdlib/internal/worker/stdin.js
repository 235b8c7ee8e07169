// A worker's process.stdin (Node's ReadableWorkerStdio). With `stdin: true` the parent's worker.stdin writes
// arrive on a MessagePort of their own (null marks the end); otherwise the stream is empty and ends at once.
// The port keeps the worker alive only while someone reads.

const { Readable } = require('stream');

let port = null;
let stream;

class ReadableWorkerStdio extends Readable {
  _read() {
    if (port === null) {
      this.push(null);
      return;
    }
    if (port.listenerCount('message') > 0) return;
    port.on('message', (chunk) => {
      if (chunk === null) {
        port.close();
        this.push(null);
      } else {
        this.push(Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength));
      }
    });
  }
}

// Called by worker_threads at start-up with the port the parent sent, if it asked for `stdin: true`.
function setPort(stdinPort) {
  port = stdinPort;
}

function stdin() {
  // worker_threads takes this worker's start-up data (the stdin port among it) when first loaded.
  require('worker_threads');
  return (stream ??= new ReadableWorkerStdio());
}

module.exports = { setPort, stdin };
