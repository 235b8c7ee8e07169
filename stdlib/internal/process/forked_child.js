// Start-up of a process forked by child_process.fork (NODE_CHANNEL_FD set): the channel opens before
// the program runs, and a cluster worker (NODE_UNIQUE_ID set) reports 'online' and leaves when the
// primary goes away, whether or not the program imports node:cluster — as in Node.

function setup() {
  const process = require('internal/process').process;
  if (process.env.NODE_UNIQUE_ID !== undefined) require('internal/cluster/child');
}

module.exports = { setup };
