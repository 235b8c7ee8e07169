// The reporter of a test file that `rt --test` runs in a child process (where Node uses its v8
// serializer): every event as one line of JSON after a marker, on stdout, where the parent
// (internal/test_runner/runner) tells them apart from what the tests themselves print.

'use strict';

// Starts every event line; a NUL keeps it from meeting ordinary output.
const kMarker = '\u0000rt-test-event:';

async function* childReporter(source) {
  for await (const event of source) {
    yield `${kMarker}${JSON.stringify(event)}\n`;
  }
}

module.exports = childReporter;
module.exports.kMarker = kMarker;
