// `for await (const line of rl)`: an async iterator over an Interface's 'line' events, the way Node 20
// builds it with events.on(rl, 'line', { close: ['close'], highWatermark: 1024 }) yielding each line:
//   - lines that arrive before next() is called queue up; past 1024 queued lines the Interface is
//     paused, and resumed once the queue is drained;
//   - 'close' finishes the iteration after the queued lines; 'error' rejects the pending (or next) next();
//   - break / return() stops listening but leaves the Interface open.
// Written out here rather than taken from events.on because the iterator must resolve with the line
// itself in the same promise turn (Node passes an internal option for that).

const kHighWatermark = 1024;
const kLowWatermark = 1;

let AsyncIteratorPrototype;

function makeLineIterator(rl) {
  AsyncIteratorPrototype ??= Object.getPrototypeOf(Object.getPrototypeOf(async function* () {}).prototype);
  const queued = [];
  const waiting = [];
  let paused = false;
  let error = null;
  let finished = false;

  const onLine = (line) => {
    if (waiting.length > 0) {
      waiting.shift().resolve({ value: line, done: false });
      return;
    }
    queued.push(line);
    if (!paused && queued.length > kHighWatermark) {
      paused = true;
      rl.pause();
    }
  };
  const onError = (err) => {
    if (waiting.length > 0) waiting.shift().reject(err);
    else error = err;
    finish();
  };
  const finish = () => {
    rl.removeListener('line', onLine);
    rl.removeListener('error', onError);
    rl.removeListener('close', finish);
    finished = true;
    const done = { value: undefined, done: true };
    while (waiting.length > 0) waiting.shift().resolve(done);
    return Promise.resolve(done);
  };
  rl.on('line', onLine);
  rl.on('error', onError);
  rl.on('close', finish);

  return Object.setPrototypeOf({
    next() {
      if (queued.length > 0) {
        const value = queued.shift();
        if (paused && queued.length < kLowWatermark) {
          rl.resume();
          paused = false;
        }
        return Promise.resolve({ value, done: false });
      }
      if (error) {
        const rejected = Promise.reject(error);
        error = null;
        return rejected;
      }
      if (finished) return finish();
      return new Promise((resolve, reject) => waiting.push({ resolve, reject }));
    },
    return() {
      return finish();
    },
    throw(err) {
      if (!(err instanceof Error)) {
        const { codes } = require('internal/errors');
        throw new codes.ERR_INVALID_ARG_TYPE('EventEmitter.AsyncIterator', 'Error', err);
      }
      onError(err);
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  }, AsyncIteratorPrototype);
}

module.exports = { makeLineIterator };
