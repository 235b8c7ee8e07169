// readline.cursorTo / moveCursor / clearLine / clearScreenDown: each writes one ANSI control sequence
// to a stream and returns what `stream.write` returned. With no stream (or nothing to do) they return
// true and call the callback on the next tick, as Node does.

const { codes } = require('internal/errors');
const {
  kClearScreenDown, cursorToSequence, moveCursorSequence, clearLineSequence, invalidCursorPos, validateFunction,
} = require('internal/readline/utils');

function nothingToWrite(callback) {
  if (typeof callback === 'function') process.nextTick(callback, null);
  return true;
}

function cursorTo(stream, x, y, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (typeof y === 'function') {
    callback = y;
    y = undefined;
  }
  if (Number.isNaN(x)) throw new codes.ERR_INVALID_ARG_VALUE('x', x);
  if (Number.isNaN(y)) throw new codes.ERR_INVALID_ARG_VALUE('y', y);
  if (stream == null || (typeof x !== 'number' && typeof y !== 'number')) return nothingToWrite(callback);
  if (typeof x !== 'number') throw invalidCursorPos();
  return stream.write(cursorToSequence(x, y), callback);
}

function moveCursor(stream, dx, dy, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream == null || !(dx || dy)) return nothingToWrite(callback);
  return stream.write(moveCursorSequence(dx, dy), callback);
}

// dir < 0: to the line's start; dir > 0: to its end; 0: the whole line.
function clearLine(stream, dir, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream == null) return nothingToWrite(callback);
  return stream.write(clearLineSequence(dir), callback);
}

function clearScreenDown(stream, callback) {
  if (callback !== undefined) validateFunction(callback, 'callback');
  if (stream == null) return nothingToWrite(callback);
  return stream.write(kClearScreenDown, callback);
}

module.exports = { cursorTo, moveCursor, clearLine, clearScreenDown };
