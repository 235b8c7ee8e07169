// node:util/types — the brand checks live in internal/types (shared with util.inspect); this module is their
// public face, a fresh object so user changes to it cannot reach inspect.

module.exports = { ...require('internal/types') };
