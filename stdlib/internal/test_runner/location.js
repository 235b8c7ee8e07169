// Where a test was declared: the file, line and column of the user's call to test(), it(),
// describe() or t.test(), which Node prints as `location:` for a failure and which the spec reporter
// names in its list of failing tests.
//
// The caller is the first stack frame outside the stdlib; the runtime already puts a call's column on the called
// name (`test` in `test(...)`, `skip` in `it.skip(...)`), as V8 does (runtime/stack.rs).

'use strict';

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
    return { file, line: Number(match[2]), column: Number(match[3]) };
  }
  return undefined;
}

module.exports = { callerLocation };
