// node:fs — synchronous, callback and promise forms over the native ops in runtime/ops/fs.rs.
// Callback results arrive in the poll phase (binding.fs.complete), where Node delivers I/O.

const native = binding.fs;
const { codes } = require('internal/errors');

const constants = Object.freeze({
  F_OK: 0, R_OK: 4, W_OK: 2, X_OK: 1,
  O_RDONLY: 0, O_WRONLY: 1, O_RDWR: 2, O_CREAT: 64, O_EXCL: 128, O_TRUNC: 512, O_APPEND: 1024,
  S_IFMT: 61440, S_IFREG: 32768, S_IFDIR: 16384, S_IFCHR: 8192, S_IFBLK: 24576, S_IFIFO: 4096,
  S_IFLNK: 40960, S_IFSOCK: 49152,
  COPYFILE_EXCL: 1, COPYFILE_FICLONE: 2, COPYFILE_FICLONE_FORCE: 4,
});

function toPath(path, name = 'path') {
  if (typeof path === 'string') {
    if (path.includes('\u0000')) {
      throw new codes.ERR_INVALID_ARG_VALUE(name, path, 'must be a string, Uint8Array, or URL without null bytes');
    }
    return path;
  }
  if (path instanceof Uint8Array) return require('buffer').Buffer.from(path).toString();
  if (path !== null && typeof path === 'object' && typeof path.href === 'string' && path.protocol !== undefined) {
    return require('url').fileURLToPath(path);
  }
  throw new codes.ERR_INVALID_ARG_TYPE(name, ['string', 'Buffer', 'URL'], path);
}

function encodingOf(options, fallback) {
  if (typeof options === 'string') return options;
  if (options !== null && typeof options === 'object' && options.encoding != null) return options.encoding;
  return fallback;
}

function flagOf(options, fallback) {
  return options !== null && typeof options === 'object' && options.flag ? options.flag : fallback;
}

function toBuffer(bytes) {
  const { Buffer } = require('buffer');
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

class Stats {
  constructor(fields) {
    [this.dev, this.mode, this.nlink, this.uid, this.gid, this.rdev, this.blksize, this.ino, this.size,
      this.blocks, this.atimeMs, this.mtimeMs, this.ctimeMs, this.birthtimeMs] = fields;
    this.atime = new Date(this.atimeMs);
    this.mtime = new Date(this.mtimeMs);
    this.ctime = new Date(this.ctimeMs);
    this.birthtime = new Date(this.birthtimeMs);
  }

  isFile() { return (this.mode & constants.S_IFMT) === constants.S_IFREG; }
  isDirectory() { return (this.mode & constants.S_IFMT) === constants.S_IFDIR; }
  isSymbolicLink() { return (this.mode & constants.S_IFMT) === constants.S_IFLNK; }
  isFIFO() { return (this.mode & constants.S_IFMT) === constants.S_IFIFO; }
  isSocket() { return (this.mode & constants.S_IFMT) === constants.S_IFSOCK; }
  isBlockDevice() { return (this.mode & constants.S_IFMT) === constants.S_IFBLK; }
  isCharacterDevice() { return (this.mode & constants.S_IFMT) === constants.S_IFCHR; }
}

const direntTypes = ['unknown', 'file', 'directory', 'symlink'];

class Dirent {
  constructor(name, type, parentPath) {
    this.name = name;
    this.parentPath = parentPath;
    this.path = parentPath;
    Object.defineProperty(this, '_type', { value: direntTypes[type] || 'unknown' });
  }

  isFile() { return this._type === 'file'; }
  isDirectory() { return this._type === 'directory'; }
  isSymbolicLink() { return this._type === 'symlink'; }
  isFIFO() { return false; }
  isSocket() { return false; }
  isBlockDevice() { return false; }
  isCharacterDevice() { return false; }
}

// ---- synchronous forms ----

function readFileSync(path, options) {
  const file = toPath(path);
  const encoding = encodingOf(options, null);
  if (encoding === 'utf8' || encoding === 'utf-8') return native.readFileUtf8(file);
  const buffer = toBuffer(native.readFile(file));
  return encoding ? buffer.toString(encoding) : buffer;
}

function dataBytes(data, options) {
  if (typeof data === 'string') {
    const encoding = encodingOf(options, 'utf8');
    return encoding === 'utf8' || encoding === 'utf-8' ? data : require('buffer').Buffer.from(data, encoding);
  }
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  throw new codes.ERR_INVALID_ARG_TYPE('data', ['string', 'Buffer', 'TypedArray', 'DataView'], data);
}

function writeFileSync(path, data, options) {
  const flag = flagOf(options, 'w');
  const mode = options !== null && typeof options === 'object' && options.mode !== undefined ? options.mode : 0o666;
  native.writeFile(toPath(path), dataBytes(data, options), flag.startsWith('a'), mode);
}

function appendFileSync(path, data, options) {
  const mode = options !== null && typeof options === 'object' && options.mode !== undefined ? options.mode : 0o666;
  native.writeFile(toPath(path), dataBytes(data, options), true, mode);
}

function existsSync(path) {
  try {
    return native.exists(toPath(path));
  } catch {
    return false;
  }
}

// stat and lstat differ only in following a final symlink.
function stat(path, options, followSymlinks) {
  try {
    return new Stats(native.stat(toPath(path), followSymlinks));
  } catch (err) {
    if (options && options.throwIfNoEntry === false && err.code === 'ENOENT') return undefined;
    throw err;
  }
}

function statSync(path, options) {
  return stat(path, options, true);
}

function lstatSync(path, options) {
  return stat(path, options, false);
}

function accessSync(path, mode = constants.F_OK) {
  native.access(toPath(path), mode);
}

function mkdirSync(path, options) {
  const recursive = options !== null && typeof options === 'object' && !!options.recursive;
  let mode = 0o777;
  if (typeof options === 'number') mode = options;
  else if (options && options.mode !== undefined) mode = options.mode;
  return native.mkdir(toPath(path), recursive, mode);
}

function readdirSync(path, options) {
  const dir = toPath(path);
  const withFileTypes = options !== null && typeof options === 'object' && !!options.withFileTypes;
  const encoding = encodingOf(options, 'utf8');
  if (!withFileTypes) {
    const names = native.readdir(dir, false);
    return encoding === 'buffer' ? names.map((n) => require('buffer').Buffer.from(n)) : names;
  }
  const [names, types] = native.readdir(dir, true);
  return names.map((name, i) => new Dirent(name, types[i], dir));
}

function rmSync(path, options = {}) {
  native.rm(toPath(path), !!options.recursive, !!options.force);
}

function rmdirSync(path, options = {}) {
  native.rmdir(toPath(path), !!(options && options.recursive));
}

const unlinkSync = (path) => native.unlink(toPath(path));
const renameSync = (from, to) => native.rename(toPath(from, 'oldPath'), toPath(to, 'newPath'));
const copyFileSync = (from, to) => native.copyFile(toPath(from, 'src'), toPath(to, 'dest'));
const realpathSync = (path) => native.realpath(toPath(path));
realpathSync.native = realpathSync;
const readlinkSync = (path) => native.readlink(toPath(path));
const symlinkSync = (target, path) => native.symlink(toPath(target, 'target'), toPath(path));
const chmodSync = (path, mode) => native.chmod(toPath(path), typeof mode === 'string' ? parseInt(mode, 8) : mode);
const truncateSync = (path, length = 0) => native.truncate(toPath(path), length);
const mkdtempSync = (prefix) => native.mkdtemp(String(prefix));

// ---- file descriptors (runtime/ops/fd.rs) ----

const fdNative = binding.fd;
const { O_RDONLY, O_WRONLY, O_RDWR, O_CREAT, O_EXCL, O_TRUNC, O_APPEND } = constants;
const O_SYNC = 0o4010000;
// Node's stringToFlags.
const flagBits = {
  r: O_RDONLY, rs: O_RDONLY | O_SYNC, sr: O_RDONLY | O_SYNC, 'r+': O_RDWR, 'rs+': O_RDWR | O_SYNC, 'sr+': O_RDWR | O_SYNC,
  w: O_TRUNC | O_CREAT | O_WRONLY, wx: O_TRUNC | O_CREAT | O_WRONLY | O_EXCL, xw: O_TRUNC | O_CREAT | O_WRONLY | O_EXCL,
  'w+': O_TRUNC | O_CREAT | O_RDWR, 'wx+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL, 'xw+': O_TRUNC | O_CREAT | O_RDWR | O_EXCL,
  a: O_APPEND | O_CREAT | O_WRONLY, ax: O_APPEND | O_CREAT | O_WRONLY | O_EXCL, xa: O_APPEND | O_CREAT | O_WRONLY | O_EXCL,
  as: O_APPEND | O_CREAT | O_WRONLY | O_SYNC, sa: O_APPEND | O_CREAT | O_WRONLY | O_SYNC,
  'a+': O_APPEND | O_CREAT | O_RDWR, 'ax+': O_APPEND | O_CREAT | O_RDWR | O_EXCL, 'xa+': O_APPEND | O_CREAT | O_RDWR | O_EXCL,
  'as+': O_APPEND | O_CREAT | O_RDWR | O_SYNC, 'sa+': O_APPEND | O_CREAT | O_RDWR | O_SYNC,
};

function flagsOf(flags) {
  if (flags == null) return O_RDONLY;
  if (typeof flags === 'number') return flags;
  const bits = flagBits[flags];
  if (bits === undefined) throw new codes.ERR_INVALID_ARG_VALUE('flags', flags);
  return bits;
}

function validateFd(fd) {
  if (typeof fd !== 'number') throw new codes.ERR_INVALID_ARG_TYPE('fd', 'number', fd);
  if (!Number.isInteger(fd) || fd < 0 || fd > 2147483647) {
    throw new codes.ERR_OUT_OF_RANGE('fd', '>= 0 && <= 2147483647', fd);
  }
  return fd;
}

function openSync(path, flags, mode = 0o666) {
  const bits = typeof mode === 'string' ? parseInt(mode, 8) : mode;
  return fdNative.open(toPath(path), flagsOf(flags), bits);
}

function closeSync(fd) {
  fdNative.close(validateFd(fd));
}

function fstatSync(fd) {
  return new Stats(fdNative.fstat(validateFd(fd)));
}

function validateView(buffer) {
  if (!ArrayBuffer.isView(buffer)) {
    throw new codes.ERR_INVALID_ARG_TYPE('buffer', ['Buffer', 'TypedArray', 'DataView'], buffer);
  }
  return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
}

// readSync(fd, buffer, offset, length, position) or readSync(fd, buffer, { offset, length, position }).
function readSync(fd, buffer, offsetOrOptions, length, position) {
  validateFd(fd);
  const bytes = validateView(buffer);
  let offset = offsetOrOptions;
  if (offsetOrOptions !== null && typeof offsetOrOptions === 'object') {
    ({ offset = 0, length = bytes.byteLength - offset, position = null } = offsetOrOptions);
  }
  offset ??= 0;
  length ??= bytes.byteLength - offset;
  if (length === 0) return 0;
  const at = typeof position === 'bigint' ? Number(position) : position;
  return fdNative.read(fd, bytes, offset, length, typeof at === 'number' && at >= 0 ? at : -1);
}

// writeSync(fd, buffer, offset, length, position) or writeSync(fd, string, position, encoding).
function writeSync(fd, data, offsetOrPosition, lengthOrEncoding, position) {
  validateFd(fd);
  let bytes;
  let offset = 0;
  let length;
  if (typeof data === 'string') {
    bytes = require('buffer').Buffer.from(data, typeof lengthOrEncoding === 'string' ? lengthOrEncoding : 'utf8');
    position = offsetOrPosition;
    length = bytes.byteLength;
  } else {
    bytes = validateView(data);
    if (offsetOrPosition !== null && typeof offsetOrPosition === 'object') {
      ({ offset = 0, length = bytes.byteLength - offset, position = null } = offsetOrPosition);
    } else {
      offset = offsetOrPosition ?? 0;
      length = lengthOrEncoding ?? bytes.byteLength - offset;
    }
  }
  return fdNative.write(fd, bytes, offset, length, typeof position === 'number' && position >= 0 ? position : -1);
}

const syncForms = {
  readFileSync, writeFileSync, appendFileSync, statSync, lstatSync, accessSync, mkdirSync, readdirSync, rmSync,
  rmdirSync, unlinkSync, renameSync, copyFileSync, realpathSync, readlinkSync, symlinkSync, chmodSync,
  truncateSync, mkdtempSync, openSync, closeSync, fstatSync,
};

// ---- callback forms: run the op, deliver (err, result) in the poll phase ----

function validateCallback(callback) {
  if (typeof callback !== 'function') throw new codes.ERR_INVALID_ARG_TYPE('cb', 'Function', callback);
  return callback;
}

// `results(result, args)` gives what follows `null` in the callback's arguments (by default the result alone).
function callbackForm(sync, results = (result) => [result]) {
  return function (...args) {
    const callback = validateCallback(args.pop());
    let result;
    try {
      result = sync(...args);
    } catch (err) {
      native.complete(callback, [err]);
      return;
    }
    native.complete(callback, [null, ...results(result, args)]);
  };
}

const callbackForms = {};
for (const [name, sync] of Object.entries(syncForms)) callbackForms[name.slice(0, -4)] = callbackForm(sync);
callbackForms.realpath.native = callbackForms.realpath;

// read and write call back with (err, bytes, buffer), as Node's do.
const withBuffer = (count, args) => [count, args[1]];
const read = callbackForm(readSync, withBuffer);
const write = callbackForm(writeSync, withBuffer);

function exists(path, callback) {
  validateCallback(callback);
  native.complete(callback, [existsSync(path)]);
}

module.exports = {
  ...syncForms,
  ...callbackForms,
  existsSync,
  exists,
  readSync,
  writeSync,
  read,
  write,
  Stats,
  Dirent,
  constants,
  F_OK: constants.F_OK,
  R_OK: constants.R_OK,
  W_OK: constants.W_OK,
  X_OK: constants.X_OK,
};
Object.defineProperty(module.exports, 'promises', {
  enumerable: true,
  configurable: true,
  get: () => require('fs/promises'),
});
