// process.stdout / process.stderr: synchronous writers on fd 1 and 2, as Node's are for files,
// pipes and terminals on Linux.

const streams = [undefined, undefined, undefined];

function createWriteStream(fd) {
  const EventEmitter = require('events');
  const stream = new EventEmitter();
  Object.assign(stream, {
    fd,
    writable: true,
    isTTY: binding.process.isatty(fd) || undefined,
    _isStdio: true,
    write(chunk, encoding, callback) {
      if (typeof encoding === 'function') callback = encoding;
      if (typeof chunk !== 'string' && !(chunk instanceof Uint8Array)) {
        const { codes } = require('internal/errors');
        throw new codes.ERR_INVALID_ARG_TYPE('chunk', ['string', 'Buffer', 'TypedArray', 'DataView'], chunk);
      }
      binding.process.writeFd(fd, chunk);
      if (typeof callback === 'function') process.nextTick(callback, null);
      return true;
    },
    end(chunk, encoding, callback) {
      if (typeof chunk === 'function') callback = chunk;
      else if (chunk != null) this.write(chunk, encoding);
      if (typeof callback === 'function') process.nextTick(callback);
      return this;
    },
    cork() {},
    uncork() {},
    setDefaultEncoding() { return this; },
    destroy() { return this; },
    getColorDepth() { return this.isTTY ? 8 : 1; },
    hasColors() { return !!this.isTTY; },
  });
  if (stream.isTTY) {
    stream.columns = 80;
    stream.rows = 24;
  }
  return stream;
}

function get(fd) {
  if (streams[fd] === undefined) streams[fd] = createWriteStream(fd);
  return streams[fd];
}

module.exports = {
  stdout: () => get(1),
  stderr: () => get(2),
  created: (fd) => streams[fd],
};
