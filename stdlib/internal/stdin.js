// process.stdin: a Readable over fd 0, of the kind Node picks for what fd 0 is (libuv's uv_guess_handle):
//   - a terminal         → a tty ReadStream: a net.Socket over a fresh open of the terminal;
//   - a pipe or a socket → a net.Socket over the loop's handle for fd 0;
//   - anything else      → an fs-style ReadStream (regular files, /dev/null, a closed fd 0): epoll cannot
//                          watch files, so it reads with fs and delivers on later ticks.
// Made on first access of `process.stdin`. Like Node's, it reads nothing and keeps nothing alive until
// someone asks for data ('data'/'readable' listeners, resume(), pipe(), read()).

const net = require('net');
const { Readable } = require('stream');
const { Buffer } = require('buffer');
const { errnoException } = require('internal/errors');

const native = binding.net;

let stdin;

// What fd 0 is: 'tty', 'pipe', 'socket' or 'file'.
function guessKind() {
  if (binding.process.isatty(0)) return 'tty';
  const fs = require('fs');
  let stats;
  try {
    stats = fs.fstatSync(0);
  } catch {
    return 'file'; // fd 0 is closed: Node reads it as /dev/null.
  }
  if (stats.isFIFO()) return 'pipe';
  if (stats.isSocket()) return 'socket';
  return 'file'; // regular files and character devices (/dev/null), as libuv reports them
}

// ---- pipes, sockets and terminals: a net.Socket over a loop handle ----------------------------------

// What the loop calls for stdin's handle. Unlike a plain socket's, a full buffer also drops the handle's
// ref: a handle that is not reading does not keep the process alive (libuv's active-handle rule).
class StdinHandle {
  constructor(stream) {
    this.stream = stream;
  }
  onread(chunk) {
    const stream = this.stream;
    stream.bytesRead += chunk.length;
    if (!stream.push(chunk)) stopReading(stream);
  }
  // After the end nothing more is read: the handle stops counting even while the data waits unread
  // (a paused stdin with buffered data lets the process exit, as in Node).
  onend() {
    stopReading(this.stream);
    this.stream.push(null);
    this.stream.read(0);
  }
  onerror(status) {
    this.stream.destroy(errnoException(status, 'read'));
  }
}

// The shared part of stdin's Socket and tty ReadStream: reading is what refs the handle.
function adopt(stream, fd, kind) {
  const id = native.adoptStream(null, fd, kind);
  if (id < 0) {
    process.nextTick(() => stream.destroy(errnoException(id, 'open')));
    return;
  }
  // Attached after construction: net.Socket starts reading a handle given to its constructor, and
  // stdin must not (Node passes manualStart).
  stream._attach(id);
  native.setTarget(id, new StdinHandle(stream));
  stream._stdinReading = false;
  stream._stdinRefed = true;
  native.setRef(id, false);
  // pause() stops the reads one tick later (once the stream has settled), so a paused stdin lets the
  // process exit; a read scheduled meanwhile (the Readable refilling its buffer) starts them again.
  stream.on('pause', () => process.nextTick(stopIfPaused, stream));
}

function syncRef(stream) {
  if (stream._handle !== null) native.setRef(stream._handle, stream._stdinReading && stream._stdinRefed);
}

function startReading(stream) {
  stream._stdinReading = true;
  syncRef(stream);
  native.readStart(stream._handle);
}

function stopReading(stream) {
  if (stream._handle === null) return;
  stream._stdinReading = false;
  native.readStop(stream._handle);
  syncRef(stream);
}

function stopIfPaused(stream) {
  if (stream._stdinReading && !stream.readableFlowing) {
    stream._readableState.reading = false;
    stopReading(stream);
  }
}

// Methods both socket-backed kinds share (a mixin: the tty ReadStream and the Socket have different
// names and defaults, as in Node).
const socketMethods = {
  _read() {
    if (this._handle === null) return;
    startReading(this);
  },
  ref() {
    this._stdinRefed = true;
    syncRef(this);
    return this;
  },
  unref() {
    this._stdinRefed = false;
    syncRef(this);
    return this;
  },
};

class Socket extends net.Socket {
  constructor(kind) {
    super({ readable: true, writable: false });
    adopt(this, 0, kind === 'pipe' ? 'pipe-read' : 'tcp');
  }
}
Object.assign(Socket.prototype, socketMethods);

// A terminal: Node's tty.ReadStream (highWaterMark 0, so a paused terminal stops reading for good).
const TtyReadStream = class ReadStream extends net.Socket {
  constructor() {
    super({ readable: true, writable: false, highWaterMark: 0 });
    this.isRaw = false;
    this.isTTY = true;
    adopt(this, openTerminal(), 'pipe-read');
  }

  // termios (runtime/ops/tty.rs); rt puts the terminal's settings back when it exits.
  setRawMode(flag) {
    flag = Boolean(flag);
    const status = binding.tty.setRawMode(0, flag); // termios belongs to the terminal, any fd will do
    if (status < 0) {
      this.emit('error', errnoException(status, 'setRawMode'));
      return this;
    }
    this.isRaw = flag;
    return this;
  }
};
Object.assign(TtyReadStream.prototype, socketMethods);

// The loop puts the fd it watches in non-blocking mode, and that flag lives on the open file description,
// which fd 0 shares with the user's shell: a shell left with a non-blocking terminal fails its next
// read. So, like libuv, read the terminal through a description of our own, opened anew.
function openTerminal() {
  const fs = require('fs');
  for (const path of ['/proc/self/fd/0', '/dev/tty']) {
    try {
      return fs.openSync(path, 'r');
    } catch {
      // try the next one
    }
  }
  return 0; // no way to reopen it: read fd 0 itself
}

// ---- files: read with fs on later ticks -------------------------------------------------------------

// Node reads a file on fd 0 with an fs.ReadStream (64 KiB chunks from the thread pool). Here each chunk
// is read when the stream asks for it and pushed from an immediate, so data still arrives asynchronously.
const FileReadStream = class ReadStream extends Readable {
  constructor() {
    // autoClose: false (fd 0 stays open) also means no destroy and no 'close' after 'end', as in Node.
    super({ highWaterMark: 64 * 1024, autoDestroy: false });
    this.fd = 0;
    this.path = undefined;
    this.flags = 'r';
    this.bytesRead = 0;
    this.autoClose = false;
    this._source = fileSource();
  }

  _read(size) {
    setImmediate(() => {
      if (this.destroyed) return;
      let chunk;
      try {
        chunk = this._source.next(size);
      } catch (err) {
        this.destroy(err);
        return;
      }
      if (chunk === null) {
        this.push(null);
        return;
      }
      this.bytesRead += chunk.length;
      this.push(chunk);
    });
  }
};

// Where a file stdin's bytes come from: fs.readSync on fd 0, from its current offset. A closed fd 0 reads
// as /dev/null, as in Node.
function fileSource() {
  const fs = require('fs');
  return {
    next(size) {
      const buffer = Buffer.allocUnsafe(Math.max(size, 1));
      let count;
      try {
        count = fs.readSync(0, buffer, 0, buffer.length, null);
      } catch (err) {
        if (err.code !== 'EBADF') throw err;
        count = 0;
      }
      return count === 0 ? null : buffer.subarray(0, count);
    },
  };
}

// The main thread's stdin (a worker's is internal/worker/stdin).
function create() {
  const kind = guessKind();
  let stream;
  if (kind === 'tty') stream = new TtyReadStream();
  else if (kind === 'file') stream = new FileReadStream();
  else stream = new Socket(kind);
  stream.fd = 0;
  return stream;
}

// Whether `stream` is stdin's terminal left in line mode (setRawMode failed or was never asked for): the
// terminal then echoes and edits lines itself, and readline must read it as plain lines.
function isCookedTerminal(stream) {
  return stream instanceof TtyReadStream && !stream.isRaw;
}

module.exports = { stdin: () => (stdin ??= create()), isCookedTerminal };
