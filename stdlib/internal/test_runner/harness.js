// The root of the test tree and its wiring to the process, as Node's test harness does it:
// - the root is made on the first test(), describe() or hook call; making it starts the reporter
//   (asynchronously, so the first test runs only after the module's synchronous code);
// - every reported result is counted, and a failure that is not a todo sets process.exitCode = 1;
// - when the event loop empties ('beforeExit'), tests still pending are cancelled and the root reports
//   the plan and the summary (tests, suites, pass, fail, cancelled, skipped, todo, duration_ms);
// - an uncaught exception or unhandled rejection fails the test that caused it.

'use strict';

const process = require('process');
const { kinds, kCancelled, TestFailure } = require('internal/test_runner/failure');

let root = null;

function newCounters() {
  return { all: 0, topLevel: 0, suites: 0, passed: 0, failed: 0, cancelled: 0, skipped: 0, todo: 0 };
}

// Counts one reported result, from its event data (so results relayed from child processes count the
// same way as local ones).
function countResult(counters, data, passed) {
  if (data.nesting === 0) counters.topLevel++;
  if (data.details?.type === 'suite') {
    counters.suites++;
    return;
  }
  if (data.skip !== undefined) counters.skipped++;
  else if (data.todo !== undefined) counters.todo++;
  else if (kCancelled.has(data.details?.error?.failureType)) counters.cancelled++;
  else if (!passed) counters.failed++;
  else counters.passed++;
  counters.all++;
}

// Options: `concurrency` of the root, `childProcess` (this process runs one file for `rt --test`:
// report events for the parent and no summary), `runner` (this is the `rt --test` process itself:
// no process event handlers, the runner ends the root itself).
function createRoot(options = {}) {
  const { Test } = require('internal/test_runner/test');
  const { TestsStream } = require('internal/test_runner/tests_stream');
  const reporter = new TestsStream();
  const harness = {
    counters: newCounters(),
    bootstrapped: false,
    bootstrap: null,
    childProcess: !options.runner && process.env.NODE_TEST_CONTEXT === 'child-v8',
    ended: false,
    afterHooksRun: false,
    onTopLevelTestDone,
  };
  const test = new Test({ name: '<root>', reporter, harness, concurrency: options.concurrency ?? 1 });
  test.startTime = process.hrtime.bigint();

  reporter.on('test:pass', (data) => countResult(harness.counters, data, true));
  reporter.on('test:fail', (data) => {
    countResult(harness.counters, data, false);
    if (data.todo === undefined || data.todo === false) process.exitCode = 1;
  });
  harness.bootstrap = require('internal/test_runner/reporters').setup(reporter, harness.childProcess)
    .then((output) => {
      harness.output = output;
      harness.bootstrapped = true;
      // Tests declared so far waited for the reporter; the first of them starts now.
      test.processPendingSubtests();
    });
  if (!options.runner) {
    process.on('uncaughtException', processErrorHandler('uncaughtException', test));
    process.on('unhandledRejection', processErrorHandler('unhandledRejection', test));
    process.on('beforeExit', () => endRoot(test));
  }
  return test;
}

function getRoot() {
  root ??= createRoot();
  return root;
}

// Node runs the root's after hooks as soon as the last top-level test is done, not at exit.
function onTopLevelTestDone() {
  const test = root;
  if (test === null || test.harness.afterHooksRun || test.hooks.after.length === 0) return;
  if (test.activeSubtests > 0 || test.pendingSubtests.length > 0 || !test.subtests.every((t) => t.finished)) return;
  test.harness.afterHooksRun = true;
  test.runHooks('after', test.hookContext()).catch(() => {});
}

// The end of the run: cancel what is still pending, report the plan and the summary, end the stream.
// `closingLine(counters)` gives what `rt --test` adds after Node's summary.
function endRoot(test, closingLine) {
  const { harness, reporter } = test;
  if (harness.ended) return;
  harness.ended = true;
  // Without this the reporter's last writes, which run as promise jobs and next ticks, would wait for
  // an event loop turn that never comes (see the report: rt does not drain the job queues after
  // 'beforeExit'). The immediate keeps the loop for one more turn; it is cleared if not needed.
  const keepAlive = require('timers').setImmediate(() => {});
  const finish = () => {
    const pending = new TestFailure('Promise resolution is still pending but the event loop has already resolved',
      kinds.cancelledByParent, { stack: new Error('Promise resolution is still pending but the event loop has already resolved').stack });
    test.postRun(pending);
    if (harness.childProcess) {
      // The parent process prints the plan and the summary for all the files.
      for (const message of test.diagnostics) reporter.diagnostic(0, test.loc, message);
    } else {
      reportSummary(test, closingLine);
    }
    reporter.end();
  };
  const done = () => require('timers').clearImmediate(keepAlive);
  if (harness.bootstrapped) {
    harness.output.once('end', done);
    finish();
  } else {
    harness.bootstrap.then(() => {
      harness.output.once('end', done);
      finish();
    });
  }
}

function reportSummary(test, closingLine) {
  const { counters } = test.harness;
  const { reporter } = test;
  reporter.plan(0, test.loc, counters.topLevel);
  for (const message of test.diagnostics) reporter.diagnostic(0, test.loc, message);
  const duration = Number(process.hrtime.bigint() - test.startTime) / 1e6;
  reporter.diagnostic(0, test.loc, `tests ${counters.all}`);
  reporter.diagnostic(0, test.loc, `suites ${counters.suites}`);
  reporter.diagnostic(0, test.loc, `pass ${counters.passed}`);
  reporter.diagnostic(0, test.loc, `fail ${counters.failed}`);
  reporter.diagnostic(0, test.loc, `cancelled ${counters.cancelled}`);
  reporter.diagnostic(0, test.loc, `skipped ${counters.skipped}`);
  reporter.diagnostic(0, test.loc, `todo ${counters.todo}`);
  reporter.diagnostic(0, test.loc, `duration_ms ${duration}`);
  if (closingLine !== undefined) reporter.diagnostic(0, test.loc, closingLine(counters));
}

// Node finds the test an error came from through the async context that threw it. Without async
// hooks the innermost running test is blamed; with none running, the test that finished last
// (the usual source of a stray timer), reported as Node reports activity after a test ended.
function processErrorHandler(eventName, rootTest) {
  return (err) => {
    if (!rootTest.harness.bootstrapped) {
      // Thrown while the runner was still starting (e.g. at the top level of the test file): the
      // process dies of it, with exit code 7 as from any throwing 'uncaughtException' listener.
      throw err;
    }
    const { runningTest, lastFinishedTest } = require('internal/test_runner/test');
    const test = runningTest();
    if (test === null || test.finished) {
      const culprit = lastFinishedTest();
      let message;
      if (culprit !== null) {
        const name = culprit.hookType ? `Test hook "${culprit.hookType}"` : `Test "${culprit.name}"`;
        let where = '';
        if (culprit.loc) {
          const file = require('path').relative(process.cwd(), culprit.loc.file);
          where = ` at ${file}:${culprit.loc.line}:${culprit.loc.column}`;
        }
        message = `Error: ${name}${where} generated asynchronous activity after the test ended. This activity ` +
          `created the error "${err}" and would have caused the test to fail, but instead triggered an ` +
          `${eventName} event.`;
      } else {
        message = 'Error: A resource generated asynchronous activity after the test ended. This activity ' +
          `created the error "${err}" which triggered an ${eventName} event, caught by the test runner.`;
      }
      rootTest.diagnostic(message);
      process.exitCode = 1;
      return;
    }
    test.fail(new TestFailure(err, eventName));
    test.abortController.abort();
  };
}

// test(), it(), describe() at any depth: the subtest joins the running test (or the root) and, unless
// its parent is a suite (which runs its subtests itself), starts once the reporter is ready.
function runInParentContext(Factory) {
  return (name, options, fn, overrides) => {
    const { currentTest } = require('internal/test_runner/test');
    const parent = currentTest() ?? getRoot();
    const subtest = parent.createSubtest(Factory, name, options, fn, overrides);
    if (parent.reportedType === 'suite') return Promise.resolve();
    return startSubtest(subtest);
  };
}

async function startSubtest(subtest) {
  await subtest.start();
}

// before(), after(), beforeEach(), afterEach() outside a test context: hooks of the running test or
// suite, or of the root.
function hook(hookType) {
  return function (fn, options) {
    const { currentTest } = require('internal/test_runner/test');
    const parent = currentTest() ?? getRoot();
    parent.createHook(hookType, fn, options);
  };
}

module.exports = { getRoot, createRoot, endRoot, runInParentContext, hook, countResult };
