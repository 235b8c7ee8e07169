// The global `console`. It writes through `process.stdout`/`process.stderr` once a program has
// touched them (so replacing `process.stdout.write` captures console output, as in Node), and
// straight to fd 1/2 before that, so printing never forces `process` into existence.

const { Console } = require('internal/console');
const stdio = require('internal/stdio');

const sink = (fd) => ({
  write(text) {
    const stream = stdio.created(fd);
    if (stream) return stream.write(text);
    binding.process.writeFd(fd, text);
    return true;
  },
});

module.exports = new Console({ stdout: sink(1), stderr: sink(2) });
