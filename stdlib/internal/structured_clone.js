// The global structuredClone(value, { transfer }): the same native clone (runtime/clone) a message between
// threads gets, so what survives a postMessage survives here and fails with the same DataCloneError.

function structuredClone(value, options) {
  if (arguments.length === 0) {
    const { codes } = require('internal/errors');
    const error = new codes.ERR_MISSING_ARGS('value');
    error.message = 'The value argument must be specified';
    throw error;
  }
  let transfer;
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object') {
      const { codes } = require('internal/errors');
      throw new codes.ERR_INVALID_ARG_TYPE('options', 'Object', options);
    }
    if (options.transfer !== undefined) transfer = require('internal/worker/transfer_list').transferListOf(options.transfer);
  }
  return binding.worker.structuredClone(value, transfer);
}

module.exports = { structuredClone };
