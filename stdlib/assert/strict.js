// node:assert/strict: assert.strict, i.e. node:assert with equal/deepEqual/notEqual/notDeepEqual meaning their
// strict counterparts.
module.exports = require('assert').strict;
