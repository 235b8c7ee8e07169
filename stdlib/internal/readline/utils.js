// Small pieces the readline files share: ANSI control sequences, argument checks, and readline's two error
// codes (ERR_USE_AFTER_CLOSE, ERR_INVALID_CURSOR_POS).

const { codes } = require('internal/errors');

// ECMA-48 control sequences (what a VT100-style terminal understands).
const CSI = '\x1b[';
const kClearToLineBeginning = `${CSI}1K`;
const kClearToLineEnd = `${CSI}0K`;
const kClearLine = `${CSI}2K`;
const kClearScreenDown = `${CSI}0J`;

// `cursorTo(x)` / `cursorTo(x, y)`: columns and rows count from 1 on the wire.
function cursorToSequence(x, y) {
  return typeof y !== 'number' ? `${CSI}${x + 1}G` : `${CSI}${y + 1};${x + 1}H`;
}

// Relative moves: left/right then up/down, nothing for a zero step.
function moveCursorSequence(dx, dy) {
  let data = '';
  if (dx < 0) data += `${CSI}${-dx}D`;
  else if (dx > 0) data += `${CSI}${dx}C`;
  if (dy < 0) data += `${CSI}${-dy}A`;
  else if (dy > 0) data += `${CSI}${dy}B`;
  return data;
}

function clearLineSequence(dir) {
  if (dir < 0) return kClearToLineBeginning;
  if (dir > 0) return kClearToLineEnd;
  return kClearLine;
}

function useAfterClose() {
  return new codes.ERR_USE_AFTER_CLOSE('readline');
}

function invalidCursorPos() {
  return new codes.ERR_INVALID_CURSOR_POS();
}

function validateFunction(value, name) {
  if (typeof value !== 'function') throw new codes.ERR_INVALID_ARG_TYPE(name, 'Function', value);
}

function validateAbortSignal(signal, name) {
  if (signal !== undefined && (signal === null || typeof signal !== 'object' || !('aborted' in signal))) {
    throw new codes.ERR_INVALID_ARG_TYPE(name, 'AbortSignal', signal);
  }
}

function validateInteger(value, name, min = Number.MIN_SAFE_INTEGER, max = Number.MAX_SAFE_INTEGER) {
  if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE(name, 'number', value);
  if (!Number.isInteger(value)) throw new codes.ERR_OUT_OF_RANGE(name, 'an integer', value);
  if (value < min || value > max) throw new codes.ERR_OUT_OF_RANGE(name, `>= ${min} && <= ${max}`, value);
}

function abortError(signal) {
  const { AbortError } = require('internal/errors');
  return new AbortError(undefined, { cause: signal?.reason });
}

module.exports = {
  CSI,
  kClearScreenDown,
  cursorToSequence,
  moveCursorSequence,
  clearLineSequence,
  useAfterClose,
  invalidCursorPos,
  validateFunction,
  validateAbortSignal,
  validateInteger,
  abortError,
};
