// `rt --test`: each test file runs in its own child process (`rt <file>` with NODE_TEST_CONTEXT=child-v8,
// as `node --test` does), and its events are relayed into this process's report. As in Node 20:
// - the files' tests are reported as if they were this process's own top-level tests (one flat TAP
//   stream, numbered across files); the file itself appears as a test (named by its absolute path)
//   only when it reported no test, or when it failed for a reason other than a failing test (a
//   non-zero exit code, a crash): then with `exitCode` and `signal` in its YAML block;
// - whatever a file prints (stdout between its events, and stderr) is reported as 'test:stdout' /
//   'test:stderr' at the point it arrived, which the TAP reporter shows as '# ' lines;
// - files run up to (available parallelism - 1) at a time, but are reported one after another in
//   path order: a file's events wait until every earlier file has been reported.

'use strict';

const process = require('process');
const { Test } = require('internal/test_runner/test');
const { kinds, TestFailure } = require('internal/test_runner/failure');
const { kMarker } = require('internal/test_runner/reporter/child');

// (Plain fields, not #private ones, and `test` rather than `this` inside nested arrow functions: the
// engine loses `this` in an arrow function nested in another arrow function that does not use it.)
class FileTest extends Test {
  constructor(options) {
    super(options);
    this.buffer = []; // events waiting for earlier files to be reported
    this.reportedChildren = 0;
    this.failedSubtests = false;
    this.stdoutRest = ''; // child output not yet split into events and text
  }

  async run() {
    if (this.finished) return;
    this.parent.activeSubtests++;
    this.startTime = process.hrtime.bigint();
    const { code, signal } = await this.runChild();
    if (code !== 0 || signal !== null) {
      const failureType = this.failedSubtests ? kinds.subtestsFailed : kinds.testCodeFailure;
      this.fail(new TestFailure('test failed', failureType, { exitCode: code, signal }));
    } else {
      this.pass();
    }
    this.postRun();
  }

  runChild() {
    const { spawn } = require('child_process');
    const { StringDecoder } = require('string_decoder');
    const test = this;
    const file = this.name;
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [file], {
        env: { ...process.env, NODE_TEST_CONTEXT: 'child-v8' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stdout = new StringDecoder('utf8');
      const stderr = new StringDecoder('utf8');
      child.stdout.on('data', (chunk) => test.onStdout(stdout.write(chunk)));
      child.stderr.on('data', (chunk) => test.onStderr(stderr.write(chunk)));
      child.on('error', (err) => {
        test.onStderr(`${err}\n`);
      });
      child.on('close', (code, signal) => {
        test.onStdout(stdout.end(), true);
        test.onStderr(stderr.end());
        resolve({ code, signal });
      });
    });
  }

  // Events are whole lines that start with the marker; everything else is the file's own output,
  // passed on as it arrives (one message per chunk, as Node does). Only the start of a marker cut in
  // two by a chunk boundary, or an event line not yet complete, waits for more data.
  onStdout(text, atEnd = false) {
    this.stdoutRest += text;
    for (;;) {
      const marker = this.stdoutRest.indexOf(kMarker);
      if (marker === -1) {
        const end = atEnd ? this.stdoutRest.length : textEnd(this.stdoutRest);
        if (end > 0) this.addOutput('test:stdout', this.stdoutRest.slice(0, end));
        this.stdoutRest = this.stdoutRest.slice(end);
        return;
      }
      if (marker > 0) this.addOutput('test:stdout', this.stdoutRest.slice(0, marker));
      const newline = this.stdoutRest.indexOf('\n', marker);
      if (newline === -1) {
        this.stdoutRest = this.stdoutRest.slice(marker);
        return;
      }
      const line = this.stdoutRest.slice(marker, newline + 1);
      this.stdoutRest = this.stdoutRest.slice(newline + 1);
      let event;
      try {
        event = JSON.parse(line.slice(kMarker.length));
      } catch {
        // Not one of ours after all: it is output.
        this.addOutput('test:stdout', line);
        continue;
      }
      this.addToReport(event);
    }
  }

  onStderr(text) {
    if (text.length > 0) this.addOutput('test:stderr', text);
  }

  addOutput(type, message) {
    this.addToReport({ type, data: { file: this.name, message } });
  }

  addToReport(item) {
    if (item.type === 'test:pass' || item.type === 'test:fail') {
      this.reportedChildren++;
      if (item.data.nesting === 0 && item.type === 'test:fail') this.failedSubtests = true;
    }
    if (!this.canReportSubtests()) {
      this.buffer.push(item);
      return;
    }
    this.drain();
    this.relay(item);
  }

  drain() {
    const items = this.buffer;
    this.buffer = [];
    for (const item of items) this.relay(item);
  }

  // The child's top-level tests take their numbers in this process's sequence.
  relay({ type, data }) {
    if ((type === 'test:pass' || type === 'test:fail') && data.nesting === 0) {
      data.testNumber = this.harness.counters.topLevel + 1;
    }
    this.reporter.emitEvent(type, data);
  }

  // Called when this file may report (every earlier file has been reported).
  reportReadySubtests() {
    if (this.canReportSubtests()) this.drain();
  }

  report() {
    this.drain();
    const quiet = this.reportedChildren > 0 && (this.error === null || this.error.failureType === kinds.subtestsFailed);
    if (!quiet) super.report();
    this.reported = true;
  }
}

// How much of `text` (which holds no whole marker) is surely output: all of it, unless it ends with
// the beginning of a marker.
function textEnd(text) {
  const start = text.lastIndexOf(kMarker[0]);
  if (start !== -1 && kMarker.startsWith(text.slice(start))) return start;
  return text.length;
}

// Runs the files, then reports the summary and the closing line.
async function runFiles(files) {
  const harness = require('internal/test_runner/harness');
  const parallelism = require('os').availableParallelism();
  const root = harness.createRoot({ runner: true, concurrency: Math.max(parallelism - 1, 1) });
  const runs = files.map((file) => {
    const loc = { file, line: 1, column: 1 };
    return root.createSubtest(FileTest, file, {}, undefined, { loc }).start();
  });
  await Promise.all(runs);
  harness.endRoot(root, closingLine);
}

// What `rt --test` prints after Node's summary: one line of totals.
function closingLine(counters) {
  let line = `${counters.passed} passed, ${counters.failed} failed`;
  if (counters.cancelled > 0) line += `, ${counters.cancelled} cancelled`;
  if (counters.skipped > 0) line += `, ${counters.skipped} skipped`;
  if (counters.todo > 0) line += `, ${counters.todo} todo`;
  return line;
}

module.exports = { FileTest, runFiles, closingLine };
