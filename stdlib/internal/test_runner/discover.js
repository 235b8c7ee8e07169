// Which files `rt --test [paths...]` runs, found as `node --test` finds them in Node 20:
// - no paths: the current folder; a path that is a file is run whatever its name; a folder is searched
//   recursively, skipping node_modules folders (unless given by name);
// - in a searched folder a file runs when its name is test.js, test-*.js, *.test.js, *-test.js or
//   *_test.js, or when it lies anywhere under a folder named `test`, with .js, .cjs or .mjs for
//   the extension;
// - the result is the absolute paths, each once, sorted.
// A path that does not exist throws an error whose `path` is its absolute form (the runner prints
// "Could not find '<path>'", as Node does).

'use strict';

const kExtension = /\.(?:js|cjs|mjs)$/;
const kTestName = /^(?:test|test-.+|.+[.\-_]test)\.(?:js|cjs|mjs)$/;

function visit(path, found, state) {
  const fs = require('fs');
  const { basename, join } = require('path');
  const stats = fs.statSync(path);
  if (stats.isFile()) {
    const name = basename(path);
    if (state.userSupplied || (state.underTestFolder && kExtension.test(name)) || kTestName.test(name)) {
      found.add(path);
    }
  } else if (stats.isDirectory()) {
    const name = basename(path);
    if (!state.userSupplied && name === 'node_modules') return;
    const inner = { userSupplied: false, underTestFolder: state.underTestFolder || name === 'test' };
    for (const entry of fs.readdirSync(path)) visit(join(path, entry), found, inner);
  }
}

function findTestFiles(paths, cwd) {
  const { resolve } = require('path');
  const found = new Set();
  for (const path of new Set(paths.length > 0 ? paths : [cwd])) {
    visit(resolve(cwd, path), found, { userSupplied: true, underTestFolder: false });
  }
  return Array.from(found).sort();
}

module.exports = { findTestFiles };
