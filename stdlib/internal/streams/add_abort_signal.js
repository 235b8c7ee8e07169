// addAbortSignal(signal, stream): aborting the signal destroys the stream with an AbortError (cause: the
// signal's reason). The listener goes away once the stream is finished.

const { AbortError, codes } = require('internal/errors');
const { isNodeStream } = require('internal/streams/utils');
const { ERR_INVALID_ARG_TYPE } = codes;

function addAbortSignal(signal, stream) {
  if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) {
    throw new ERR_INVALID_ARG_TYPE('signal', 'AbortSignal', signal);
  }
  if (!isNodeStream(stream)) {
    throw new ERR_INVALID_ARG_TYPE('stream', ['ReadableStream', 'WritableStream', 'Stream'], stream);
  }
  return addAbortSignalNoValidate(signal, stream);
}

function addAbortSignalNoValidate(signal, stream) {
  if (signal === null || typeof signal !== 'object' || !('aborted' in signal)) return stream;
  const onAbort = () => {
    stream.destroy(new AbortError(undefined, { cause: signal.reason }));
  };
  if (signal.aborted) {
    onAbort();
  } else {
    const disposable = require('events').addAbortListener(signal, onAbort);
    const dispose = Symbol.dispose || Symbol.for('nodejs.dispose');
    require('internal/streams/end_of_stream')(stream, () => disposable[dispose]());
  }
  return stream;
}

module.exports = { addAbortSignal, addAbortSignalNoValidate };
