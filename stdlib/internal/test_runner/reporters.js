// Which reporter prints the test events, and the pipeline that carries them to stdout.
//
// Node 20 picks 'spec' when stdout is a terminal and 'tap' otherwise; a test file that `rt --test`
// runs in a child process (NODE_TEST_CONTEXT=child-v8, as Node sets it) reports to its parent with the
// 'child' reporter instead. As in Node, the events stream is composed with the reporter (an async
// generator of text) and piped to process.stdout, so reporter output lags the tests by a few ticks:
// what a test logs with console.log appears before the lines that report it.

'use strict';

function reporterName(childProcess) {
  if (childProcess) return 'child';
  return require('process').stdout.isTTY ? 'spec' : 'tap';
}

// Resolves to the composed stream once it is piped. Node sets its reporters up asynchronously: the
// first test starts four promise jobs after the code that declared it, which the awaits reproduce
// (it decides, say, whether a module that throws at its top level has run any test by then).
async function setup(events, childProcess) {
  const reporter = require(`internal/test_runner/reporter/${reporterName(childProcess)}`);
  for (let i = 0; i < 4; i++) await null;
  const output = require('stream').compose(events, reporter);
  output.pipe(require('process').stdout);
  return output;
}

module.exports = { setup, reporterName };
