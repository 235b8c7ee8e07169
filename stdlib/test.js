// node:test — the test runner module. `test` is the module itself (and its default export); it, suite
// and describe are the same functions Node gives (it === test, suite === describe), each with .skip,
// .todo and .only. The tree and its rules live in internal/test_runner/test, the root and its wiring
// to the process in internal/test_runner/harness, the output in internal/test_runner/reporter/*.

'use strict';

const { runInParentContext, hook } = require('internal/test_runner/harness');
const { Test, Suite } = require('internal/test_runner/test');

const runTest = runInParentContext(Test);
const runSuite = runInParentContext(Suite);

function test(name, options, fn) {
  return runTest(name, options, fn);
}

function suite(name, options, fn) {
  return runSuite(name, options, fn);
}

// fn.skip(), fn.todo(), fn.only(): the same call with that option set.
function addVariants(fn, run) {
  for (const variant of ['skip', 'todo', 'only']) {
    fn[variant] = (name, options, body) => run(name, options, body, { [variant]: true });
  }
}

addVariants(test, runTest);
addVariants(suite, runSuite);
// Node's describe() is made by the same factory as test(), and is named 'test' too.
Object.defineProperty(suite, 'name', { value: 'test' });

let mock;

test.after = hook('after');
test.afterEach = hook('afterEach');
test.before = hook('before');
test.beforeEach = hook('beforeEach');
test.describe = suite;
test.it = test;
test.run = function run() {
  throw new (require('internal/errors').codes.ERR_METHOD_NOT_IMPLEMENTED)('run()');
};
test.suite = suite;
test.test = test;
Object.defineProperty(test, 'mock', {
  get() {
    if (mock === undefined) {
      const { MockTracker } = require('internal/test_runner/mock');
      mock = new MockTracker();
    }
    return mock;
  },
  enumerable: true,
  configurable: true,
});

module.exports = test;
