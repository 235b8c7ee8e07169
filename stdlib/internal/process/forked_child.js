// Start-up of a process forked by child_process.fork (the runtime calls `setup` only when NODE_CHANNEL_FD is
// set, on the main thread): the channel opens before the program runs, and a cluster worker (NODE_UNIQUE_ID
// set) reports 'online' and leaves when the primary goes away, whether or not the program imports
// node:cluster — as in Node.

function setup() {
  const process = require('internal/process').process;
  openChannel(process);
  if (process.env.NODE_UNIQUE_ID !== undefined) require('internal/cluster/child');
}

// `process.send`, 'message', 'disconnect' over the inherited channel. The channel keeps the process alive
// only while someone listens for 'message' or 'disconnect' (as in Node).
function openChannel(process) {
  const fd = binding.ipc.channelFd();
  binding.process.unsetEnv('NODE_CHANNEL_FD');
  const id = fd < 0 ? -1 : binding.ipc.open(null, fd);
  if (id < 0) return;
  require('internal/child_process/channel').setupChannel(process, id);
  process.channel = { ref: () => process._setChannelRef(true), unref: () => process._setChannelRef(false) };
  let listeners = 0;
  process._setChannelRef(false);
  process.on('newListener', (event) => {
    if ((event === 'message' || event === 'disconnect') && listeners++ === 0) process._setChannelRef(true);
  });
  process.on('removeListener', (event) => {
    if ((event === 'message' || event === 'disconnect') && --listeners === 0) process._setChannelRef(false);
  });
}

module.exports = { setup };
