// node:cluster — one process per core sharing a listening port. The primary forks `rt` workers
// (child_process.fork with NODE_UNIQUE_ID set); a worker's `server.listen()` asks the primary for
// the handle over IPC. The two roles live in internal/cluster/primary.js and child.js, as in Node.

'use strict';

module.exports = process.env.NODE_UNIQUE_ID !== undefined
  ? require('internal/cluster/child').cluster
  : require('internal/cluster/primary').cluster;
