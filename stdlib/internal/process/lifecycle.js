// What the event loop calls at the edges of a program's life: 'beforeExit', 'exit',
// 'uncaughtException' and 'unhandledRejection', each only if `process` was ever created.

const state = require('internal/process/state');

function emitBeforeExit() {
  const process = state.process;
  if (process && !process._exiting) process.emit('beforeExit', process.exitCode ?? 0);
}

// Returns the code the process ends with: an 'exit' listener may still set process.exitCode.
function emitExit(code) {
  const process = state.process;
  if (!process) return code;
  if (code !== 0) process.exitCode = code;
  else code = process.exitCode ?? 0;
  if (!process._exiting) {
    process._exiting = true;
    process.emit('exit', code);
  }
  return process.exitCode ?? code;
}

function emitUncaughtException(error) {
  const process = state.process;
  if (!process) return false;
  process.emit('uncaughtExceptionMonitor', error, 'uncaughtException');
  if (process.listenerCount('uncaughtException') === 0) return false;
  process.emit('uncaughtException', error, 'uncaughtException');
  return true;
}

function emitUnhandledRejection(reason, promise) {
  const process = state.process;
  if (!process || process.listenerCount('unhandledRejection') === 0) return false;
  process.emit('unhandledRejection', reason, promise);
  return true;
}

module.exports = { emitBeforeExit, emitExit, emitUncaughtException, emitUnhandledRejection };
