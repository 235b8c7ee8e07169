// node:os — machine facts from runtime/ops/os.rs.

const native = binding.os;
let uname;
const info = () => (uname ??= native.uname());

function homedir() {
  return process.env.HOME || native.userInfo().homedir;
}

function tmpdir() {
  let path = process.env.TMPDIR || process.env.TMP || process.env.TEMP || '/tmp';
  if (path.length > 1 && path.endsWith('/')) path = path.slice(0, -1);
  return path;
}

function userInfo(options) {
  const user = native.userInfo();
  const wantBuffer = options && options.encoding === 'buffer';
  const { Buffer } = wantBuffer ? require('buffer') : {};
  const text = (s) => (wantBuffer ? Buffer.from(s) : s);
  return { uid: user.uid, gid: user.gid, username: text(user.username), homedir: text(user.homedir), shell: text(user.shell) };
}

const signals = Object.freeze({ ...require('internal/process').signals });

module.exports = {
  EOL: '\n',
  devNull: '/dev/null',
  arch: () => process.arch,
  platform: () => 'linux',
  type: () => info()[0],
  release: () => info()[1],
  version: () => info()[2],
  machine: () => info()[3],
  hostname: native.hostname,
  homedir,
  tmpdir,
  userInfo,
  uptime: native.uptime,
  loadavg: native.loadavg,
  totalmem: () => native.memory().total,
  freemem: () => native.memory().free,
  cpus: native.cpus,
  availableParallelism: native.availableParallelism,
  endianness: () => 'LE',
  networkInterfaces: () => ({}),
  getPriority: () => 0,
  setPriority: () => {},
  constants: Object.freeze({ signals, priority: Object.freeze({ PRIORITY_LOW: 19, PRIORITY_NORMAL: 0, PRIORITY_HIGH: -7 }) }),
};
