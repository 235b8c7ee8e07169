// The test tree of node:test: Test (test(), it(), t.test()), Suite (describe()), TestHook (before,
// after, beforeEach, afterEach) and the contexts their functions receive.
//
// The rules mirrored from Node 20:
// - siblings run one at a time (a parent's `concurrency`, 1 unless an option says otherwise); a test
//   waiting for its turn is "pending" and starts, synchronously, when the running one finishes;
// - results are reported in the order the tests were declared: a finished test waits until every
//   earlier sibling has been reported, and a test's subtests (then its plan) come before its own line;
//   a test's 'test:start' is reported lazily, just before its first subtest or its own result;
// - beforeEach hooks of every ancestor run outermost first before a test, afterEach hooks innermost
//   first after it; a parent's before hooks run once, before its first subtest;
// - when a test ends, its unfinished subtests are cancelled, and failed subtests fail the parent.

'use strict';

const { kinds, TestFailure, describeFailure } = require('internal/test_runner/failure');
const { callerLocation } = require('internal/test_runner/location');

const process = require('process');

const noop = () => {};
const now = () => process.hrtime.bigint();

// The test whose function (or suite body, or hook) is running synchronously right now. Node finds a
// test()'s parent through the async context it was called in; this runtime has no async hooks, so a
// test() called from inside a running test's synchronous code becomes its subtest, and any other call
// goes to the root.
let current = null;

function currentTest() {
  return current;
}

// Tests and hooks that are running, in the order they started, and the test that finished last:
// the harness blames an uncaught exception on the one that started last (see harness.js).
const running = new Set();
let lastFinished = null;

function runningTest() {
  let last = null;
  for (const test of running) last = test;
  return last;
}

function lastFinishedTest() {
  return lastFinished;
}

function callAsCurrent(test, fn, thisArg, args) {
  const previous = current;
  current = test;
  try {
    return Reflect.apply(fn, thisArg, args);
  } finally {
    current = previous;
  }
}

function isPromise(value) {
  return value !== null && (typeof value === 'object' || typeof value === 'function') && typeof value.then === 'function';
}

// Node's argument forms: (name, options, fn), (name, fn), (options, fn), (fn), (name), ().
function normalizeArguments(name, options, fn) {
  if (typeof name === 'function') {
    fn = name;
  } else if (name !== null && typeof name === 'object') {
    fn = options;
    options = name;
  } else if (typeof options === 'function') {
    fn = options;
  }
  if (options === null || typeof options !== 'object') options = {};
  return { name, options, fn };
}

class Test {
  constructor({ name, fn, parent = null, loc, skip, todo, only, concurrency, timeout, signal, reporter, harness }) {
    this.parent = parent;
    this.root = parent === null ? this : parent.root;
    this.reporter = parent === null ? reporter : parent.reporter;
    this.harness = parent === null ? harness : parent.harness;
    this.nesting = parent === null ? -1 : parent.nesting + 1;
    this.fn = typeof fn === 'function' ? fn : noop;
    this.name = typeof name === 'string' && name !== '' ? name : ((typeof fn === 'function' && fn.name) || '<anonymous>');
    this.loc = loc;
    this.testNumber = 0;
    this.reportedType = 'test';

    if (typeof concurrency === 'number' && concurrency > 0) this.concurrency = concurrency;
    else if (concurrency === true) this.concurrency = Infinity;
    else if (concurrency === false) this.concurrency = 1;
    else this.concurrency = parent === null ? 1 : parent.concurrency;
    this.timeout = typeof timeout === 'number' && timeout >= 0 ? timeout : (parent === null ? Infinity : parent.timeout);

    this.subtests = [];
    this.pendingSubtests = [];
    this.activeSubtests = 0;
    this.hooks = { before: [], after: [], beforeEach: [], afterEach: [] };
    this.diagnostics = [];

    // Reporting order: the index of the next subtest to report, and the finished ones waiting for it.
    this.nextToReport = 0;
    this.readySubtests = new Set();
    this.startReported = false;
    this.reported = false;

    this.skipped = false;
    this.isTodo = false;
    this.message = undefined;
    if (skip) {
      this.skipped = true;
      this.fn = noop;
      if (typeof skip === 'string') this.message = skip;
    }
    if (todo) {
      this.isTodo = true;
      if (typeof todo === 'string' && this.message === undefined) this.message = todo;
    }
    // Node runs `only` tests like any other unless --test-only is given, which rt has not.
    if (only) this.diagnostic("'only' and 'runOnly' require the --test-only command-line option.");

    this.startTime = null;
    this.endTime = null;
    this.passed = false;
    this.error = null;
    this.cancelled = false;
    this.finished = false;
    this.mockTracker = undefined;
    this.abortController = new (require('internal/abort_controller').AbortController)();
    this.signal = this.abortController.signal;
    if (signal !== undefined && signal !== null && typeof signal.addEventListener === 'function') {
      if (signal.aborted) this.abortController.abort(signal.reason);
      else signal.addEventListener('abort', () => this.abortController.abort(signal.reason), { once: true });
    }
  }

  get mock() {
    if (this.mockTracker === undefined) {
      const { MockTracker } = require('internal/test_runner/mock');
      this.mockTracker = new MockTracker();
    }
    return this.mockTracker;
  }

  createSubtest(Factory, name, options, fn, overrides) {
    const args = normalizeArguments(name, options, fn);
    const loc = overrides?.loc ?? callerLocation();
    // A subtest of a test that has ended goes to the root, already failed, so that it is reported.
    const parent = this.finished ? this.root : this;
    const subtest = new Factory({ ...args.options, ...overrides, name: args.name, fn: args.fn, parent, loc });
    parent.subtests.push(subtest);
    subtest.testNumber = parent.subtests.length;
    if (parent !== this) {
      subtest.startTime = now();
      const message = 'test could not be started because its parent finished';
      subtest.fail(new TestFailure(message, kinds.parentAlreadyFinished, { stack: new Error(message).stack }));
    }
    return subtest;
  }

  createHook(hookType, fn, options) {
    const hook = new TestHook(fn, { ...options, hookType, parent: this, loc: callerLocation() });
    this.hooks[hookType].push(hook);
    return hook;
  }

  diagnostic(message) {
    this.diagnostics.push(message);
  }

  skip(message) {
    this.skipped = true;
    this.message = message;
  }

  todo(message) {
    this.isTodo = true;
    this.message = message;
  }

  pass() {
    if (this.error !== null) return;
    this.endTime = now();
    this.passed = true;
  }

  fail(error) {
    if (this.error !== null) return;
    this.endTime = now();
    this.passed = false;
    this.error = error;
  }

  cancel(error) {
    if (this.endTime !== null) return;
    this.fail(error ?? new TestFailure('test did not finish before its parent and was cancelled', kinds.cancelledByParent));
    this.cancelled = true;
    this.abortController.abort();
  }

  // Runs now if the parent has room (and the reporter is ready), else waits in the parent's queue.
  // Resolves when the test is done.
  start() {
    this.reporter.enqueue(this.nesting, this.loc, this.name);
    if (!this.harness.bootstrapped || this.parent.activeSubtests >= this.parent.concurrency) {
      return new Promise((resolve) => this.parent.pendingSubtests.push({ test: this, resolve }));
    }
    this.reporter.dequeue(this.nesting, this.loc, this.name);
    return this.run();
  }

  async processPendingSubtests() {
    while (this.pendingSubtests.length > 0 && this.activeSubtests < this.concurrency) {
      const { test, resolve } = this.pendingSubtests.shift();
      this.reporter.dequeue(test.nesting, test.loc, test.name);
      await test.run();
      resolve();
    }
  }

  async run() {
    if (this.finished) return;
    this.parent.activeSubtests++;
    this.startTime = now();
    running.add(this);
    if (this.error !== null || this.parent.signal.aborted) {
      if (this.error === null) this.cancel();
      this.postRun();
      return;
    }
    const ctx = new TestContext(this);
    const parent = this.parent;
    let afterEachRan = false;
    const afterEach = async () => {
      if (afterEachRan || this.skipped) return;
      afterEachRan = true;
      const hooks = eachHooks(this, 'afterEach');
      if (hooks.length > 0) await runHooks(hooks, ctx);
    };
    const after = async () => {
      if (this.hooks.after.length > 0) await this.runHooks('after', ctx);
    };
    try {
      if (parent.hooks.before.length > 0) await parent.runBeforeHooks();
      if (!this.skipped) {
        const hooks = eachHooks(this, 'beforeEach');
        if (hooks.length > 0) await runHooks(hooks, ctx);
      }
      await this.runBody(ctx);
      this.pass();
      await afterEach();
      await after();
    } catch (err) {
      if (err instanceof TestFailure && err.failureType === kinds.testTimeoutFailure) this.cancel(err);
      else this.fail(err instanceof TestFailure ? err : new TestFailure(err, kinds.testCodeFailure));
      try {
        await afterEach();
      } catch { /* the test already failed */ }
      try {
        await after();
      } catch { /* the test already failed */ }
    }
    this.postRun();
  }

  // Calls the test function (with a `done` callback when it declares two parameters) and waits for
  // it, for the timeout, or for the test to be aborted, whichever comes first.
  async runBody(ctx) {
    const stop = this.stopPromise();
    try {
      if (this.fn.length === 2) {
        let settle;
        const finished = new Promise((resolve, reject) => { settle = { resolve, reject }; });
        let called = false;
        const done = (err) => {
          if (called) {
            throw new TestFailure('callback invoked multiple times', kinds.multipleCallbackInvocations);
          }
          called = true;
          if (err) settle.reject(err);
          else settle.resolve();
        };
        const ret = callAsCurrent(this.owner ?? this, this.fn, ctx, [ctx, done]);
        if (isPromise(ret)) {
          this.fail(new TestFailure('passed a callback but also returned a Promise', kinds.callbackAndPromisePresent));
          await Promise.race([ret, stop.promise]);
        } else {
          await Promise.race([finished, stop.promise]);
        }
      } else {
        const ret = callAsCurrent(this.owner ?? this, this.fn, ctx, [ctx]);
        await Promise.race([Promise.resolve(ret), stop.promise]);
      }
    } finally {
      stop.dispose();
    }
  }

  // A promise that rejects when the test times out or is aborted (cancelled by its parent, or failed
  // by an uncaught exception), so the test stops waiting for its function.
  stopPromise() {
    const { signal, timeout } = this;
    let timer;
    let onAbort;
    const promise = new Promise((resolve, reject) => {
      onAbort = () => reject(signal.reason);
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
      if (timeout !== Infinity) {
        timer = require('timers').setTimeout(() => {
          reject(new TestFailure(`test timed out after ${timeout}ms`, kinds.testTimeoutFailure));
        }, timeout);
      }
    });
    promise.catch(noop);
    return {
      promise,
      dispose: () => {
        signal.removeEventListener('abort', onAbort);
        if (timer !== undefined) require('timers').clearTimeout(timer);
      },
    };
  }

  // A parent's before hooks run once, before its first subtest (a suite runs them itself first).
  runBeforeHooks(ctx) {
    this.beforeHooksRun ??= this.runHooks('before', ctx ?? this.hookContext());
    return this.beforeHooksRun;
  }

  hookContext() {
    return this instanceof Suite ? new SuiteContext(this) : new TestContext(this);
  }

  runHooks(hookType, ctx) {
    return runHooks(this.hooks[hookType], ctx);
  }

  // The test has finished (or is being cancelled): settle its subtests, then let the parent report
  // it and start the next pending sibling.
  postRun(pendingError) {
    if (this.finished) {
      // A test cancelled while it ran ends later: Node then emits its 'test:complete' a second time
      // (the event takes a turn in the reporter pipeline) but does not report it again.
      if (this.parent !== null && this.cancelled) {
        const { details, directive } = this.reportDetails();
        this.reporter.complete(this.nesting, this.loc, this.testNumber, this.name, details, directive);
      }
      return;
    }
    if (this.endTime === null) this.endTime = now();
    if (this.startTime === null) this.startTime = this.endTime;
    // Subtests still waiting for their turn will never run: they are cancelled below, and (as in Node)
    // the promises their callers hold never settle.
    this.pendingSubtests = [];
    let failed = 0;
    for (const subtest of this.subtests) {
      if (!subtest.finished) {
        subtest.cancel(pendingError);
        subtest.postRun(pendingError);
      }
      if (!subtest.passed && !subtest.isTodo) failed++;
    }
    if ((this.passed || this.parent === null) && failed > 0) {
      this.fail(new TestFailure(`${failed} subtest${failed > 1 ? 's' : ''} failed`, kinds.subtestsFailed));
    }
    this.mockTracker?.reset();
    this.finished = true;
    running.delete(this);
    if (this.parent === null) return;
    lastFinished = this;
    const { details, directive } = this.reportDetails();
    this.reporter.complete(this.nesting, this.loc, this.testNumber, this.name, details, directive);
    this.abortController.abort();
    this.parent.activeSubtests--;
    this.parent.readySubtests.add(this);
    this.parent.reportReadySubtests();
    this.parent.processPendingSubtests();
    if (this.parent === this.root) this.root.harness.onTopLevelTestDone?.();
  }

  // Whether this test's finished subtests may be reported now: it is the root, or it is the next of
  // its siblings to be reported and its parent may report.
  canReportSubtests() {
    if (this.parent === null) return true;
    return !this.reported && this.parent.subtests[this.parent.nextToReport] === this && this.parent.canReportSubtests();
  }

  reportReadySubtests() {
    if (!this.canReportSubtests()) return;
    while (this.nextToReport < this.subtests.length) {
      const subtest = this.subtests[this.nextToReport];
      if (!this.readySubtests.has(subtest)) {
        // Still running: its own finished subtests may go now.
        subtest.reportReadySubtests();
        return;
      }
      this.readySubtests.delete(subtest);
      subtest.report();
      this.nextToReport++;
    }
  }

  reportStarted() {
    if (this.startReported || this.parent === null) return;
    this.startReported = true;
    this.parent.reportStarted();
    this.reporter.start(this.nesting, this.loc, this.name);
  }

  report() {
    this.reportReadySubtests();
    if (this.subtests.length > 0) {
      this.reporter.plan(this.subtests[0].nesting, this.loc, this.subtests.length);
    } else {
      this.reportStarted();
    }
    const { details, directive } = this.reportDetails();
    this.reporter.result(this.passed, this.nesting, this.loc, this.testNumber, this.name, details, directive);
    for (const message of this.diagnostics) {
      this.reporter.diagnostic(this.nesting, this.loc, message);
    }
    this.reported = true;
  }

  // What 'test:complete' and 'test:pass' / 'test:fail' carry, worked out once the test has ended.
  reportDetails() {
    if (this.finalDetails === undefined) {
      const details = { duration_ms: this.durationMs() };
      if (this.reportedType === 'suite') details.type = 'suite';
      if (this.error !== null) details.error = describeFailure(this.error);
      details.passed = this.passed;
      let directive;
      if (this.skipped) directive = { skip: this.message ?? true };
      else if (this.isTodo) directive = { todo: this.message ?? true };
      this.finalDetails = { details, directive };
    }
    return this.finalDetails;
  }

  durationMs() {
    return Number(this.endTime - this.startTime) / 1e6;
  }
}

// The hooks of kind `hookType` that apply to `test`, taken from its ancestors at run time (so a hook
// registered after the test was declared still applies): beforeEach outermost first, afterEach
// innermost first.
function eachHooks(test, hookType) {
  const chain = [];
  for (let ancestor = test.parent; ancestor !== null; ancestor = ancestor.parent) chain.push(ancestor);
  if (hookType === 'beforeEach') chain.reverse();
  return chain.flatMap((ancestor) => ancestor.hooks[hookType]);
}

async function runHooks(hooks, ctx) {
  for (const hook of hooks) {
    await hook.run(ctx);
    if (hook.error !== null) throw hook.error;
  }
}

class TestHook extends Test {
  constructor(fn, { hookType, parent, loc, timeout, signal }) {
    super({ name: `<${hookType}>`, fn, loc, timeout, signal, reporter: parent.reporter, harness: parent.harness });
    this.hookType = hookType;
    this.owner = parent;
    this.timeout = typeof timeout === 'number' && timeout >= 0 ? timeout : Infinity;
  }

  // A hook can run many times (a beforeEach runs for each test); each run starts clean.
  async run(ctx) {
    this.error = null;
    this.passed = false;
    this.endTime = null;
    if (this.signal.aborted) {
      this.abortController = new (require('internal/abort_controller').AbortController)();
      this.signal = this.abortController.signal;
    }
    this.startTime = now();
    running.add(this);
    try {
      await this.runBody(ctx);
      this.pass();
    } catch (err) {
      this.fail(err instanceof TestFailure ? err : new TestFailure(err, kinds.hookFailed));
    } finally {
      running.delete(this);
    }
  }

}

class Suite extends Test {
  constructor(options) {
    super(options);
    this.reportedType = 'suite';
    // Node builds a suite when describe() is called: its body runs now and declares the subtests.
    const ctx = new SuiteContext(this);
    try {
      const ret = callAsCurrent(this, this.fn, ctx, [ctx]);
      this.buildSuite = Promise.resolve(ret).then(noop, (err) => {
        this.fail(new TestFailure(err, kinds.testCodeFailure));
      });
    } catch (err) {
      this.fail(new TestFailure(err, kinds.testCodeFailure));
      this.buildSuite = Promise.resolve();
    }
    this.fn = noop;
  }

  async run() {
    if (this.finished) return;
    this.parent.activeSubtests++;
    this.startTime = now();
    running.add(this);
    await this.buildSuite;
    if (this.error !== null) {
      this.postRun();
      return;
    }
    const ctx = new SuiteContext(this);
    const stop = this.stopPromise();
    try {
      if (this.parent.hooks.before.length > 0) await this.parent.runBeforeHooks();
      await this.runBeforeHooks(ctx);
      await Promise.race([Promise.all(this.subtests.map((subtest) => subtest.start())), stop.promise]);
      if (this.hooks.after.length > 0) await this.runHooks('after', ctx);
      this.pass();
    } catch (err) {
      if (err instanceof TestFailure && err.failureType === kinds.testTimeoutFailure) this.cancel(err);
      else this.fail(err instanceof TestFailure ? err : new TestFailure(err, kinds.testCodeFailure));
    } finally {
      stop.dispose();
    }
    this.postRun();
  }
}

// What a test function receives as `t`.
class TestContext {
  #test;

  constructor(test) {
    this.#test = test;
  }

  get signal() {
    return this.#test.signal;
  }

  get name() {
    return this.#test.name;
  }

  get mock() {
    return this.#test.mock;
  }

  diagnostic(message) {
    this.#test.diagnostic(message);
  }

  runOnly(value) {
    this.#test.runOnlySubtests = !!value;
  }

  skip(message) {
    this.#test.skip(message);
  }

  todo(message) {
    this.#test.todo(message);
  }

  test(name, options, fn) {
    return this.#test.createSubtest(Test, name, options, fn).start();
  }

  before(fn, options) {
    this.#test.createHook('before', fn, options);
  }

  after(fn, options) {
    this.#test.createHook('after', fn, options);
  }

  beforeEach(fn, options) {
    this.#test.createHook('beforeEach', fn, options);
  }

  afterEach(fn, options) {
    this.#test.createHook('afterEach', fn, options);
  }
}

// What a describe() body (and its before/after hooks) receives.
class SuiteContext {
  #suite;

  constructor(suite) {
    this.#suite = suite;
  }

  get signal() {
    return this.#suite.signal;
  }

  get name() {
    return this.#suite.name;
  }
}

module.exports = { Test, Suite, TestHook, TestContext, SuiteContext, currentTest, runningTest, lastFinishedTest, noop };
