// `rt --test [files or folders...]`: the Rust side runs this module's main() with
// process.argv = [execPath, '--test', ...paths]. Finds the test files (internal/test_runner/discover),
// runs each in a child process and reports them as `node --test` does (internal/test_runner/runner),
// then adds one closing line of totals. The exit code is 1 when any test failed, else 0.

'use strict';

function main() {
  const process = require('process');
  const { findTestFiles } = require('internal/test_runner/discover');
  let files;
  try {
    files = findTestFiles(process.argv.slice(2), process.cwd());
  } catch (err) {
    if (err?.code === 'ENOENT') {
      // Node reports a missing path and runs nothing.
      process.stderr.write(`Could not find '${err.path}'\n`);
      process.exitCode = 1;
      return;
    }
    throw err;
  }
  require('internal/test_runner/runner').runFiles(files);
}

module.exports = { main };
