// Where a test was declared: the file, line and column of the user's call to test(), it(),
// describe() or t.test(), which Node prints as `location:` for a failure and which the spec reporter
// names in its list of failing tests.
//
// The caller is the first stack frame outside the stdlib. V8 puts a call's column on the called name
// (`test` in `test(...)` and `t.test(...)`, `skip` in `it.skip(...)`) while this engine puts it on the
// opening parenthesis, so the column is moved back over the name by reading that line of the source.

'use strict';

const sourceLines = new Map();

function lineOf(file, line) {
  let lines = sourceLines.get(file);
  if (lines === undefined) {
    try {
      lines = require('fs').readFileSync(file, 'utf8').split(/\r?\n/);
    } catch {
      lines = null;
    }
    sourceLines.set(file, lines);
  }
  return lines?.[line - 1];
}

// The column V8 would report for the call whose '(' is at `column` (1-based) of `text`.
function calleeColumn(text, column) {
  if (text === undefined || text[column - 1] !== '(') return column;
  let index = column - 2;
  while (index >= 0 && /\s/.test(text[index])) index--;
  let start = index + 1;
  while (start > 0 && /[\p{ID_Continue}$]/u.test(text[start - 1])) start--;
  return start <= index ? start + 1 : column;
}

// A frame looks like `    at name (/path/file.js:3:5)` or `    at /path/file.js:3:5`.
const kFrame = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/;

function callerLocation() {
  const stack = new Error().stack;
  if (typeof stack !== 'string') return undefined;
  for (const frame of stack.split('\n')) {
    const match = kFrame.exec(frame);
    if (match === null) continue;
    let file = match[1];
    if (file.startsWith('node:') || file === 'native') continue;
    if (file.startsWith('file://')) file = require('url').fileURLToPath(file);
    const line = Number(match[2]);
    return { file, line, column: calleeColumn(lineOf(file, line), Number(match[3])) };
  }
  return undefined;
}

module.exports = { callerLocation };
