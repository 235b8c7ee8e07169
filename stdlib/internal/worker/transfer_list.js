// The transfer list a postMessage() call (or structuredClone, or new Worker's transferList) names, as an array.
// Only a program that transfers something compiles this.

const { codes } = require('internal/errors');
const { isMarkedAsUntransferable } = require('internal/worker/io');

function notIterable() {
  const error = new codes.ERR_INVALID_ARG_TYPE('transferList', 'Array', undefined);
  error.message = 'Optional transferList argument must be an iterable';
  return error;
}

// postMessage(value, transferList) or postMessage(value, { transfer }). Buffers marked untransferable are
// copied instead of moved, as in Node 20.
function transferListOf(options) {
  if (options === undefined || options === null) return undefined;
  let list;
  if (Array.isArray(options)) {
    list = options;
  } else if (typeof options !== 'object') {
    throw notIterable();
  } else if (typeof options[Symbol.iterator] === 'function') {
    list = [...options];
  } else {
    list = options.transfer;
    if (list === undefined || list === null) return undefined;
    if (typeof list !== 'object' || typeof list[Symbol.iterator] !== 'function') throw notIterable();
    list = [...list];
  }
  return list.some(isMarkedAsUntransferable) ? list.filter((item) => !isMarkedAsUntransferable(item)) : list;
}

module.exports = { transferListOf };
