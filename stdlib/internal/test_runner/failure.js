// Why a test failed, and how a failure travels to the reporters.
//
// Node wraps every failure in an ERR_TEST_FAILURE error whose `failureType` says what went wrong
// ('testCodeFailure', 'hookFailed', 'subtestsFailed', ...) and whose `cause` is what the test threw.
// The reporters never see that live object here: `describeFailure()` turns it into plain data (the
// fields Node's TAP reporter prints, with `expected`/`actual` as a value tree, plus the `inspect()` text
// the spec reporter prints), so a failure reads the same whether it was reported in this process or
// sent as JSON by a test file that `rt --test` ran in a child process.

'use strict';

const kinds = {
  testCodeFailure: 'testCodeFailure',
  hookFailed: 'hookFailed',
  subtestsFailed: 'subtestsFailed',
  cancelledByParent: 'cancelledByParent',
  testTimeoutFailure: 'testTimeoutFailure',
  callbackAndPromisePresent: 'callbackAndPromisePresent',
  multipleCallbackInvocations: 'multipleCallbackInvocations',
  parentAlreadyFinished: 'parentAlreadyFinished',
  uncaughtException: 'uncaughtException',
  unhandledRejection: 'unhandledRejection',
};

// The failure types whose report shows the user's error (its message, code, name, stack) rather than
// the wrapper's, as Node's reporters unwrap them.
const kUnwrapped = new Set([kinds.testCodeFailure, kinds.hookFailed, kinds.uncaughtException, kinds.unhandledRejection]);

// Failures that count as "cancelled" rather than "fail" in the summary.
const kCancelled = new Set([kinds.cancelledByParent, kinds.testTimeoutFailure]);

function inspect(value, options) {
  return require('internal/inspect').inspect(value, options);
}

function isError(value) {
  return value instanceof Error || require('internal/types').isNativeError(value);
}

// Node's ERR_TEST_FAILURE message: the cause's message, the cause itself when it is a string, else
// the cause inspected.
function messageOf(cause) {
  try {
    const message = cause?.message ?? cause;
    return typeof message === 'string' ? message : inspect(message);
  } catch {
    return '<unknown error>';
  }
}

// The data of Node's ERR_TEST_FAILURE. `props` are extra fields the TAP reporter lists after
// `failureType` (the runner adds `exitCode` and `signal`); `stack` is set only where Node's own
// wrapper shows one (a test still pending when the loop emptied).
class TestFailure {
  constructor(cause, failureType, props) {
    this.code = 'ERR_TEST_FAILURE';
    this.failureType = failureType;
    this.cause = cause;
    this.message = messageOf(cause);
    this.props = props;
  }
}

// Whether a value looks like an AssertionError, whose expected/actual/operator the reporters show.
function isAssertionLike(value) {
  return value !== null && typeof value === 'object' && 'expected' in value && 'actual' in value;
}

// A value as the TAP reporter's YAML shows it, as plain data:
//   undefined (left out), { t: 'null' }, { t: 'str', v }, { t: 'lit', v: inspected text },
//   { t: 'circular' }, { t: 'obj', entries: [[key, tree]], date, error }.
// `seen` is shared by the whole failure, so an object met a second time anywhere prints as
// <Circular>, as in Node.
function toTree(value, seen) {
  if (value === undefined) return undefined;
  if (value === null) return { t: 'null' };
  if (typeof value === 'string') return { t: 'str', v: value };
  if (typeof value !== 'object') return { t: 'lit', v: inspect(value, { colors: false, breakLength: Infinity }) };
  seen.add(value);
  const node = { t: 'obj', entries: [] };
  if (require('internal/types').isDate(value)) node.date = Date.prototype.toISOString.call(value);
  const error = isError(value);
  for (const [key, entry] of Object.entries(value)) {
    // An error's code is shown with its other error fields; its cause is not shown at all.
    if (error && (key === 'cause' || key === 'code')) continue;
    node.entries.push([key, seen.has(entry) ? { t: 'circular' } : toTree(entry, seen)]);
  }
  if (error) {
    node.error = errorFields(value.message ?? '<unknown error>', value.code, value.name, value.stack,
      isAssertionLike(value) ? value : undefined, seen);
  }
  return node;
}

// The fields the TAP reporter prints after an error's properties: error, code, name, expected,
// actual, operator, stack.
function errorFields(message, code, name, stack, assertion, seen) {
  const fields = {
    message: toTree(message, seen),
    code: code ? toTree(code, seen) : undefined,
    name: name && name !== 'Error' ? toTree(name, seen) : undefined,
    assertion: undefined,
    stack: typeof stack === 'string' ? stack : undefined,
  };
  if (assertion) {
    fields.assertion = {
      expected: toTree(assertion.expected, seen),
      actual: toTree(assertion.actual, seen),
      operator: assertion.operator ? toTree(assertion.operator, seen) : undefined,
    };
  }
  return fields;
}

// The plain form of a TestFailure carried by 'test:fail' events as `details.error`. A cause that
// cannot be walked or inspected (a hostile Proxy, say) is shown by its message alone rather than
// breaking the report.
function describeFailure(failure) {
  try {
    return describe(failure);
  } catch {
    const text = String(failure.message);
    const error = { message: { t: 'str', v: text }, code: { t: 'str', v: failure.code } };
    const entries = [['failureType', { t: 'str', v: failure.failureType }]];
    return { code: failure.code, failureType: failure.failureType, message: text,
      yaml: { t: 'obj', entries, error }, inspected: text, inspectedColors: text };
  }
}

function describe(failure) {
  const seen = new Set([failure]);
  const { cause, failureType } = failure;
  let message = failure.message;
  let code = failure.code;
  let name = 'Error';
  let stack = failure.props?.stack;
  let assertion;
  if (kUnwrapped.has(failureType)) {
    stack = cause?.stack ?? stack;
    code = cause?.code ?? code;
    name = cause?.name ?? name;
    if (isAssertionLike(cause)) assertion = cause;
    if (failureType === kinds.testCodeFailure) message = cause?.message ?? message;
  }
  const entries = [['failureType', toTree(failureType, seen)]];
  for (const [key, value] of Object.entries(failure.props ?? {})) {
    if (key !== 'stack') entries.push([key, toTree(value, seen)]);
  }
  return {
    code: 'ERR_TEST_FAILURE',
    failureType,
    message: failure.message,
    yaml: { t: 'obj', entries, error: errorFields(message, code, name, stack, assertion, seen) },
    // The spec reporter prints the cause inspected, in colour on a terminal.
    inspected: inspect(cause, { colors: false, breakLength: Infinity }),
    inspectedColors: inspect(cause, { colors: true, breakLength: Infinity }),
  };
}

module.exports = { kinds, kCancelled, TestFailure, describeFailure };
