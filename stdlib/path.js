// node:path — the POSIX and Windows path implementations, mirroring Node v20 result for result (including its
// quirks with '..' above the root, UNC roots, device roots like `\\.\`, reserved DOS device names and trailing
// separators). rt runs on POSIX systems, so the module itself is `posix`; `path.win32` is the Windows flavour.

const { codes } = require('internal/errors');
const { ERR_INVALID_ARG_TYPE } = codes;

const CHAR_DOT = 46;
const CHAR_FORWARD_SLASH = 47;
const CHAR_BACKWARD_SLASH = 92;
const CHAR_COLON = 58;
const CHAR_QUESTION_MARK = 63;

function validateString(value, name) {
  if (typeof value !== 'string') throw new ERR_INVALID_ARG_TYPE(name, 'string', value);
}

function validateObject(value, name) {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new ERR_INVALID_ARG_TYPE(name, 'Object', value);
  }
}

function isPosixSeparator(code) {
  return code === CHAR_FORWARD_SLASH;
}

// Windows accepts both slashes.
function isWindowsSeparator(code) {
  return code === CHAR_FORWARD_SLASH || code === CHAR_BACKWARD_SLASH;
}

// A drive letter: A-Z or a-z.
function isDriveLetter(code) {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}

function hasDrivePrefix(path) {
  return path.length >= 2 && isDriveLetter(path.charCodeAt(0)) && path.charCodeAt(1) === CHAR_COLON;
}

// DOS device names that Windows resolves anywhere (`CON:`, `COM1:`...), which Node's win32.normalize keeps from
// turning into something that looks like a drive (CVE-2025-27210).
const WINDOWS_RESERVED_NAMES = [
  'CON', 'PRN', 'AUX', 'NUL',
  'COM1', 'COM2', 'COM3', 'COM4', 'COM5', 'COM6', 'COM7', 'COM8', 'COM9',
  'LPT1', 'LPT2', 'LPT3', 'LPT4', 'LPT5', 'LPT6', 'LPT7', 'LPT8', 'LPT9',
  'COM\xb9', 'COM\xb2', 'COM\xb3',
  'LPT\xb9', 'LPT\xb2', 'LPT\xb3',
];

function isWindowsReservedName(path, colonIndex) {
  return WINDOWS_RESERVED_NAMES.includes(path.slice(0, colonIndex).toUpperCase());
}

// Collapses '.', '..' and repeated separators in a root-less path, joining segments with `separator`. With
// `allowAboveRoot`, leading '..' segments that cannot be resolved are kept (relative paths); otherwise dropped.
// A trailing separator is not reproduced. Like Node's, a '..' only pops a segment when the result is longer than
// two characters or non-empty, so 'ab/..' → '' but a kept '..' is never popped.
function normalizeString(path, allowAboveRoot, separator, isSeparator) {
  let result = '';
  let lastSegmentLength = 0;
  let lastSeparator = -1; // index of the separator that ended the previous segment
  let dots = 0; // number of dots in the current segment so far, -1 once it has anything else
  let code = 0;
  for (let i = 0; i <= path.length; ++i) {
    if (i < path.length) code = path.charCodeAt(i);
    else if (isSeparator(code)) break; // a trailing separator ends the walk
    else code = CHAR_FORWARD_SLASH; // pretend the path ends with a separator to flush the last segment

    if (!isSeparator(code)) {
      dots = code === CHAR_DOT && dots !== -1 ? dots + 1 : -1;
      continue;
    }

    if (lastSeparator === i - 1 || dots === 1) {
      // Empty segment or '.': nothing to add.
    } else if (dots === 2) {
      const endsWithDotDot = result.length >= 2 && lastSegmentLength === 2 &&
        result.charCodeAt(result.length - 1) === CHAR_DOT && result.charCodeAt(result.length - 2) === CHAR_DOT;
      let popped = false;
      if (!endsWithDotDot) {
        if (result.length > 2) {
          const cut = result.lastIndexOf(separator);
          if (cut === -1) {
            result = '';
            lastSegmentLength = 0;
          } else {
            result = result.slice(0, cut);
            lastSegmentLength = result.length - 1 - result.lastIndexOf(separator);
          }
          popped = true;
        } else if (result.length !== 0) {
          result = '';
          lastSegmentLength = 0;
          popped = true;
        }
      }
      if (!popped && allowAboveRoot) {
        result += result.length > 0 ? `${separator}..` : '..';
        lastSegmentLength = 2;
      }
    } else {
      const segment = path.slice(lastSeparator + 1, i);
      result += result.length > 0 ? `${separator}${segment}` : segment;
      lastSegmentLength = i - lastSeparator - 1;
    }
    lastSeparator = i;
    dots = 0;
  }
  return result;
}

function formatExt(ext) {
  return ext ? `${ext[0] === '.' ? '' : '.'}${ext}` : '';
}

// path.format: `dir` (or `root`) + separator + `base` (or `name` + `ext`); no separator after a bare root.
function _format(sep, pathObject) {
  validateObject(pathObject, 'pathObject');
  const dir = pathObject.dir || pathObject.root;
  const base = pathObject.base || `${pathObject.name || ''}${formatExt(pathObject.ext)}`;
  if (!dir) return base;
  return dir === pathObject.root ? `${dir}${base}` : `${dir}${sep}${base}`;
}

// Scans the last path component for its extension, shared by extname() and parse() of both flavours. Walks back
// from the end (ignoring trailing separators) down to `stop`; returns the component bounds (`partStart` stays
// `initialPartStart` when no separator is met) and the extension start, or `dot === -1` when the component has
// no extension ('.bashrc', '..', 'file'). Node's '..' test compares against that initial value, so posix
// parse('/..') does report an extension.
function scanLastComponent(path, stop, initialPartStart, isSeparator) {
  let dot = -1;
  let partStart = initialPartStart;
  let end = -1;
  let matchedSeparator = true;
  // 0: no non-dot char seen before the first dot yet; 1: only dots seen; -1: a real char before the dot.
  let preDotState = 0;
  for (let i = path.length - 1; i >= stop; --i) {
    const code = path.charCodeAt(i);
    if (isSeparator(code)) {
      if (!matchedSeparator) {
        partStart = i + 1;
        break;
      }
      continue;
    }
    if (end === -1) {
      matchedSeparator = false;
      end = i + 1;
    }
    if (code === CHAR_DOT) {
      if (dot === -1) dot = i;
      else if (preDotState !== 1) preDotState = 1;
    } else if (dot !== -1) {
      preDotState = -1;
    }
  }
  const noExtension = dot === -1 || end === -1 || preDotState === 0 ||
    // the component is exactly '..'
    (preDotState === 1 && dot === end - 1 && dot === partStart + 1);
  return { partStart, end, dot: noExtension ? -1 : dot };
}

// basename() for both flavours: `start` skips a drive prefix on Windows. With a suffix, it is removed only when
// the component ends with it and is not exactly it.
function basenameImpl(path, suffix, start, isSeparator) {
  let end = -1;
  let matchedSeparator = true;
  if (suffix !== undefined && suffix.length > 0 && suffix.length <= path.length) {
    if (suffix === path) return '';
    let suffixIndex = suffix.length - 1;
    let componentEnd = -1;
    for (let i = path.length - 1; i >= start; --i) {
      const code = path.charCodeAt(i);
      if (isSeparator(code)) {
        if (!matchedSeparator) {
          start = i + 1;
          break;
        }
      } else {
        if (componentEnd === -1) {
          matchedSeparator = false;
          componentEnd = i + 1;
        }
        if (suffixIndex >= 0) {
          if (code === suffix.charCodeAt(suffixIndex)) {
            if (--suffixIndex === -1) end = i; // whole suffix matched: the name ends here
          } else {
            suffixIndex = -1;
            end = componentEnd;
          }
        }
      }
    }
    if (start === end) end = componentEnd;
    else if (end === -1) end = path.length;
    return path.slice(start, end);
  }

  for (let i = path.length - 1; i >= start; --i) {
    if (isSeparator(path.charCodeAt(i))) {
      if (!matchedSeparator) {
        start = i + 1;
        break;
      }
    } else if (end === -1) {
      matchedSeparator = false;
      end = i + 1;
    }
  }
  return end === -1 ? '' : path.slice(start, end);
}

// For a path starting with two separators, matches `\\server\share`: returns the server name and the share's
// bounds, or null when the path is not a UNC root (e.g. `\\server` alone, or `\\\x`).
function matchUncRoot(path) {
  const len = path.length;
  let j = 2;
  while (j < len && !isWindowsSeparator(path.charCodeAt(j))) j++;
  if (j >= len || j === 2) return null;
  const server = path.slice(2, j);
  const separatorsStart = j;
  while (j < len && isWindowsSeparator(path.charCodeAt(j))) j++;
  if (j >= len || j === separatorsStart) return null;
  const shareStart = j;
  while (j < len && !isWindowsSeparator(path.charCodeAt(j))) j++;
  return { server, shareStart, shareEnd: j };
}

const win32 = {
  resolve(...args) {
    let resolvedDevice = '';
    let resolvedTail = '';
    let resolvedAbsolute = false;

    // Walk from the last argument back, then to the cwd, until there is an absolute path on a known device.
    for (let i = args.length - 1; i >= -1; i--) {
      let path;
      if (i >= 0) {
        path = args[i];
        validateString(path, `paths[${i}]`);
        if (path.length === 0) continue;
      } else if (resolvedDevice.length === 0) {
        path = globalThis.process.cwd();
      } else {
        // Windows keeps a cwd per drive in the `=C:` environment variables; without one (or when it points at
        // another drive) use the drive's root.
        const proc = globalThis.process;
        path = proc.env[`=${resolvedDevice}`] || proc.cwd();
        if (path === undefined ||
            (path.slice(0, 2).toLowerCase() !== resolvedDevice.toLowerCase() &&
             path.charCodeAt(2) === CHAR_BACKWARD_SLASH)) {
          path = `${resolvedDevice}\\`;
        }
      }

      const len = path.length;
      let rootEnd = 0;
      let device = '';
      let isAbsolute = false;
      const code = path.charCodeAt(0);

      if (len === 1) {
        if (isWindowsSeparator(code)) {
          rootEnd = 1;
          isAbsolute = true;
        }
      } else if (isWindowsSeparator(code)) {
        isAbsolute = true; // rooted: UNC or not
        if (isWindowsSeparator(path.charCodeAt(1))) {
          const unc = matchUncRoot(path);
          if (unc !== null) {
            if (unc.server !== '.' && unc.server !== '?') {
              device = `\\\\${unc.server}\\${path.slice(unc.shareStart, unc.shareEnd)}`;
              rootEnd = unc.shareEnd;
            } else {
              // A device namespace root such as \\.\PHYSICALDRIVE0
              device = `\\\\${unc.server}`;
              rootEnd = 4;
            }
          }
        } else {
          rootEnd = 1;
        }
      } else if (isDriveLetter(code) && path.charCodeAt(1) === CHAR_COLON) {
        device = path.slice(0, 2);
        rootEnd = 2;
        if (len > 2 && isWindowsSeparator(path.charCodeAt(2))) {
          isAbsolute = true;
          rootEnd = 3;
        }
      }

      if (device.length > 0) {
        if (resolvedDevice.length > 0) {
          if (device.toLowerCase() !== resolvedDevice.toLowerCase()) continue; // another drive: not applicable
        } else {
          resolvedDevice = device;
        }
      }

      if (resolvedAbsolute) {
        if (resolvedDevice.length > 0) break;
      } else {
        resolvedTail = `${path.slice(rootEnd)}\\${resolvedTail}`;
        resolvedAbsolute = isAbsolute;
        if (isAbsolute && resolvedDevice.length > 0) break;
      }
    }

    resolvedTail = normalizeString(resolvedTail, !resolvedAbsolute, '\\', isWindowsSeparator);
    return resolvedAbsolute ? `${resolvedDevice}\\${resolvedTail}` : `${resolvedDevice}${resolvedTail}` || '.';
  },

  normalize(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    let rootEnd = 0;
    let device;
    let isAbsolute = false;
    const code = path.charCodeAt(0);

    if (len === 1) return isPosixSeparator(code) ? '\\' : path;

    if (isWindowsSeparator(code)) {
      isAbsolute = true;
      if (isWindowsSeparator(path.charCodeAt(1))) {
        const unc = matchUncRoot(path);
        if (unc !== null) {
          if (unc.server === '.' || unc.server === '?') {
            device = `\\\\${unc.server}`;
            rootEnd = 4;
          } else if (unc.shareEnd === len) {
            // Only a UNC root: nothing left to normalize.
            return `\\\\${unc.server}\\${path.slice(unc.shareStart)}\\`;
          } else {
            device = `\\\\${unc.server}\\${path.slice(unc.shareStart, unc.shareEnd)}`;
            rootEnd = unc.shareEnd;
          }
        }
      } else {
        rootEnd = 1;
      }
    } else {
      const colonIndex = path.indexOf(':');
      if (colonIndex > 0) {
        if (isDriveLetter(code) && colonIndex === 1) {
          device = path.slice(0, 2);
          rootEnd = 2;
          if (len > 2 && isWindowsSeparator(path.charCodeAt(2))) {
            isAbsolute = true;
            rootEnd = 3;
          }
        } else if (isWindowsReservedName(path, colonIndex)) {
          device = path.slice(0, colonIndex + 1);
          rootEnd = colonIndex + 1;
        }
      }
    }

    let tail = rootEnd < len ? normalizeString(path.slice(rootEnd), !isAbsolute, '\\', isWindowsSeparator) : '';
    if (tail.length === 0 && !isAbsolute) tail = '.';
    if (tail.length > 0 && isWindowsSeparator(path.charCodeAt(len - 1))) tail += '\\';

    // A relative path with a colon must not normalize into something Windows reads as a drive or an alternate
    // data stream root (CVE-2024-36139): prefix it with '.\'.
    if (!isAbsolute && device === undefined && path.includes(':')) {
      if (tail.length >= 2 && isDriveLetter(tail.charCodeAt(0)) && tail.charCodeAt(1) === CHAR_COLON) {
        return `.\\${tail}`;
      }
      let index = path.indexOf(':');
      do {
        if (index === len - 1 || isWindowsSeparator(path.charCodeAt(index + 1))) return `.\\${tail}`;
      } while ((index = path.indexOf(':', index + 1)) !== -1);
    }
    if (isWindowsReservedName(path, path.indexOf(':'))) return `.\\${device ?? ''}${tail}`;
    if (device === undefined) return isAbsolute ? `\\${tail}` : tail;
    return isAbsolute ? `${device}\\${tail}` : `${device}${tail}`;
  },

  isAbsolute(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return false;
    const code = path.charCodeAt(0);
    return isWindowsSeparator(code) ||
      (len > 2 && isDriveLetter(code) && path.charCodeAt(1) === CHAR_COLON &&
       isWindowsSeparator(path.charCodeAt(2)));
  },

  join(...args) {
    if (args.length === 0) return '.';
    let joined;
    let firstPart;
    for (let i = 0; i < args.length; ++i) {
      const arg = args[i];
      validateString(arg, 'path');
      if (arg.length > 0) {
        if (joined === undefined) joined = firstPart = arg;
        else joined += `\\${arg}`;
      }
    }
    if (joined === undefined) return '.';

    // normalize() would read a leading double separator as a UNC root; keep it only when the first argument
    // clearly is one (exactly two separators then a name, as in join('//server', 'share')).
    let needsReplace = true;
    let slashCount = 0;
    if (isWindowsSeparator(firstPart.charCodeAt(0))) {
      ++slashCount;
      const firstLen = firstPart.length;
      if (firstLen > 1 && isWindowsSeparator(firstPart.charCodeAt(1))) {
        ++slashCount;
        if (firstLen > 2) {
          if (isWindowsSeparator(firstPart.charCodeAt(2))) ++slashCount;
          else needsReplace = false;
        }
      }
    }
    if (needsReplace) {
      while (slashCount < joined.length && isWindowsSeparator(joined.charCodeAt(slashCount))) slashCount++;
      if (slashCount >= 2) joined = `\\${joined.slice(slashCount)}`;
    }
    return win32.normalize(joined);
  },

  // Case-insensitive, as Windows file systems are; the result keeps `to`'s spelling.
  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';

    const fromOrig = win32.resolve(from);
    const toOrig = win32.resolve(to);
    if (fromOrig === toOrig) return '';

    from = fromOrig.toLowerCase();
    to = toOrig.toLowerCase();
    if (from === to) return '';

    // Lower-casing changed the length (some non-ASCII letters do): compare component by component instead of
    // by character offsets.
    if (fromOrig.length !== from.length || toOrig.length !== to.length) {
      const fromSplit = fromOrig.split('\\');
      const toSplit = toOrig.split('\\');
      if (fromSplit[fromSplit.length - 1] === '') fromSplit.pop();
      if (toSplit[toSplit.length - 1] === '') toSplit.pop();
      const fromLen = fromSplit.length;
      const toLen = toSplit.length;
      const length = fromLen < toLen ? fromLen : toLen;
      let i;
      for (i = 0; i < length; i++) {
        if (fromSplit[i].toLowerCase() !== toSplit[i].toLowerCase()) break;
      }
      if (i === 0) return toOrig;
      if (i === length) {
        if (toLen > length) return toSplit.slice(i).join('\\');
        if (fromLen > length) return '..\\'.repeat(fromLen - 1 - i) + '..';
        return '';
      }
      return '..\\'.repeat(fromLen - i) + toSplit.slice(i).join('\\');
    }

    // Trim leading backslashes, and trailing ones (UNC roots end with one).
    let fromStart = 0;
    while (fromStart < from.length && from.charCodeAt(fromStart) === CHAR_BACKWARD_SLASH) fromStart++;
    let fromEnd = from.length;
    while (fromEnd - 1 > fromStart && from.charCodeAt(fromEnd - 1) === CHAR_BACKWARD_SLASH) fromEnd--;
    const fromLen = fromEnd - fromStart;

    let toStart = 0;
    while (toStart < to.length && to.charCodeAt(toStart) === CHAR_BACKWARD_SLASH) toStart++;
    let toEnd = to.length;
    while (toEnd - 1 > toStart && to.charCodeAt(toEnd - 1) === CHAR_BACKWARD_SLASH) toEnd--;
    const toLen = toEnd - toStart;

    const length = fromLen < toLen ? fromLen : toLen;
    let lastCommonSep = -1;
    let i = 0;
    for (; i < length; i++) {
      const fromCode = from.charCodeAt(fromStart + i);
      if (fromCode !== to.charCodeAt(toStart + i)) break;
      else if (fromCode === CHAR_BACKWARD_SLASH) lastCommonSep = i;
    }

    if (i !== length) {
      // Different before any common separator (e.g. other drives): `to` as is.
      if (lastCommonSep === -1) return toOrig;
    } else {
      if (toLen > length) {
        // `from` is a base of `to` ('C:\foo' → 'C:\foo\bar'), or the drive root ('C:\' → 'C:\foo').
        if (to.charCodeAt(toStart + i) === CHAR_BACKWARD_SLASH) return toOrig.slice(toStart + i + 1);
        if (i === 2) return toOrig.slice(toStart + i);
      }
      if (fromLen > length) {
        // `to` is a base of `from`, or the drive root.
        if (from.charCodeAt(fromStart + i) === CHAR_BACKWARD_SLASH) lastCommonSep = i;
        else if (i === 2) lastCommonSep = 3;
      }
      if (lastCommonSep === -1) lastCommonSep = 0;
    }

    let out = '';
    for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
      if (i === fromEnd || from.charCodeAt(i) === CHAR_BACKWARD_SLASH) out += out.length === 0 ? '..' : '\\..';
    }
    toStart += lastCommonSep;
    if (out.length > 0) return `${out}${toOrig.slice(toStart, toEnd)}`;
    if (toOrig.charCodeAt(toStart) === CHAR_BACKWARD_SLASH) ++toStart;
    return toOrig.slice(toStart, toEnd);
  },

  // Turns drive and UNC paths into their `\\?\` long forms; anything else (including non-strings) unchanged.
  toNamespacedPath(path) {
    if (typeof path !== 'string' || path.length === 0) return path;
    const resolvedPath = win32.resolve(path);
    if (resolvedPath.length <= 2) return path;
    if (resolvedPath.charCodeAt(0) === CHAR_BACKWARD_SLASH) {
      if (resolvedPath.charCodeAt(1) === CHAR_BACKWARD_SLASH) {
        const code = resolvedPath.charCodeAt(2);
        if (code !== CHAR_QUESTION_MARK && code !== CHAR_DOT) return `\\\\?\\UNC\\${resolvedPath.slice(2)}`;
      }
    } else if (isDriveLetter(resolvedPath.charCodeAt(0)) && resolvedPath.charCodeAt(1) === CHAR_COLON &&
               resolvedPath.charCodeAt(2) === CHAR_BACKWARD_SLASH) {
      return `\\\\?\\${resolvedPath}`;
    }
    return resolvedPath;
  },

  dirname(path) {
    validateString(path, 'path');
    const len = path.length;
    if (len === 0) return '.';
    let rootEnd = -1;
    let offset = 0;
    const code = path.charCodeAt(0);

    if (len === 1) return isWindowsSeparator(code) ? path : '.';

    if (isWindowsSeparator(code)) {
      rootEnd = offset = 1;
      if (isWindowsSeparator(path.charCodeAt(1))) {
        const unc = matchUncRoot(path);
        if (unc !== null) {
          if (unc.shareEnd === len) return path; // only a UNC root
          // The separator after `\\server\share` belongs to the root.
          rootEnd = offset = unc.shareEnd + 1;
        }
      }
    } else if (isDriveLetter(code) && path.charCodeAt(1) === CHAR_COLON) {
      rootEnd = len > 2 && isWindowsSeparator(path.charCodeAt(2)) ? 3 : 2;
      offset = rootEnd;
    }

    let end = -1;
    let matchedSeparator = true;
    for (let i = len - 1; i >= offset; --i) {
      if (isWindowsSeparator(path.charCodeAt(i))) {
        if (!matchedSeparator) {
          end = i;
          break;
        }
      } else {
        matchedSeparator = false;
      }
    }
    if (end === -1) {
      if (rootEnd === -1) return '.';
      end = rootEnd;
    }
    return path.slice(0, end);
  },

  basename(path, suffix) {
    if (suffix !== undefined) validateString(suffix, 'suffix');
    validateString(path, 'path');
    // Skip a drive prefix so 'C:' is never part of the name.
    return basenameImpl(path, suffix, hasDrivePrefix(path) ? 2 : 0, isWindowsSeparator);
  },

  extname(path) {
    validateString(path, 'path');
    const start = hasDrivePrefix(path) ? 2 : 0;
    const { end, dot } = scanLastComponent(path, start, start, isWindowsSeparator);
    return dot === -1 ? '' : path.slice(dot, end);
  },

  format: null, // set below: bound like Node's (`format.name` is 'bound _format')

  parse(path) {
    validateString(path, 'path');
    const ret = { root: '', dir: '', base: '', ext: '', name: '' };
    if (path.length === 0) return ret;

    const len = path.length;
    let rootEnd = 0;
    const code = path.charCodeAt(0);

    if (len === 1) {
      if (isWindowsSeparator(code)) {
        ret.root = ret.dir = path;
        return ret;
      }
      ret.base = ret.name = path;
      return ret;
    }

    if (isWindowsSeparator(code)) {
      rootEnd = 1;
      if (isWindowsSeparator(path.charCodeAt(1))) {
        const unc = matchUncRoot(path);
        if (unc !== null) rootEnd = unc.shareEnd === len ? len : unc.shareEnd + 1;
      }
    } else if (isDriveLetter(code) && path.charCodeAt(1) === CHAR_COLON) {
      if (len <= 2) {
        ret.root = ret.dir = path;
        return ret;
      }
      rootEnd = 2;
      if (isWindowsSeparator(path.charCodeAt(2))) {
        if (len === 3) {
          ret.root = ret.dir = path;
          return ret;
        }
        rootEnd = 3;
      }
    }
    if (rootEnd > 0) ret.root = path.slice(0, rootEnd);

    const { partStart, end, dot } = scanLastComponent(path, rootEnd, rootEnd, isWindowsSeparator);
    if (end !== -1) {
      if (dot === -1) {
        ret.base = ret.name = path.slice(partStart, end);
      } else {
        ret.name = path.slice(partStart, dot);
        ret.base = path.slice(partStart, end);
        ret.ext = path.slice(dot, end);
      }
    }
    ret.dir = partStart > 0 && partStart !== rootEnd ? path.slice(0, partStart - 1) : ret.root;
    return ret;
  },

  sep: '\\',
  delimiter: ';',
  win32: null,
  posix: null,
};

const posix = {
  resolve(...args) {
    let resolvedPath = '';
    let resolvedAbsolute = false;
    for (let i = args.length - 1; i >= 0 && !resolvedAbsolute; i--) {
      const path = args[i];
      validateString(path, `paths[${i}]`);
      if (path.length === 0) continue;
      resolvedPath = `${path}/${resolvedPath}`;
      resolvedAbsolute = path.charCodeAt(0) === CHAR_FORWARD_SLASH;
    }
    if (!resolvedAbsolute) {
      const cwd = globalThis.process.cwd();
      resolvedPath = `${cwd}/${resolvedPath}`;
      resolvedAbsolute = cwd.charCodeAt(0) === CHAR_FORWARD_SLASH;
    }
    resolvedPath = normalizeString(resolvedPath, !resolvedAbsolute, '/', isPosixSeparator);
    if (resolvedAbsolute) return `/${resolvedPath}`;
    return resolvedPath.length > 0 ? resolvedPath : '.';
  },

  normalize(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const isAbsolute = path.charCodeAt(0) === CHAR_FORWARD_SLASH;
    const trailingSeparator = path.charCodeAt(path.length - 1) === CHAR_FORWARD_SLASH;
    path = normalizeString(path, !isAbsolute, '/', isPosixSeparator);
    if (path.length === 0) {
      if (isAbsolute) return '/';
      return trailingSeparator ? './' : '.';
    }
    if (trailingSeparator) path += '/';
    return isAbsolute ? `/${path}` : path;
  },

  isAbsolute(path) {
    validateString(path, 'path');
    return path.length > 0 && path.charCodeAt(0) === CHAR_FORWARD_SLASH;
  },

  join(...args) {
    if (args.length === 0) return '.';
    const parts = [];
    for (let i = 0; i < args.length; ++i) {
      const arg = args[i];
      validateString(arg, 'path');
      if (arg.length > 0) parts.push(arg);
    }
    if (parts.length === 0) return '.';
    return posix.normalize(parts.join('/'));
  },

  relative(from, to) {
    validateString(from, 'from');
    validateString(to, 'to');
    if (from === to) return '';
    from = posix.resolve(from);
    to = posix.resolve(to);
    if (from === to) return '';

    // Both are absolute now; compare after the leading '/'.
    const fromStart = 1;
    const fromEnd = from.length;
    const fromLen = fromEnd - fromStart;
    const toStart = 1;
    const toLen = to.length - toStart;

    const length = fromLen < toLen ? fromLen : toLen;
    let lastCommonSep = -1;
    let i = 0;
    for (; i < length; i++) {
      const fromCode = from.charCodeAt(fromStart + i);
      if (fromCode !== to.charCodeAt(toStart + i)) break;
      else if (fromCode === CHAR_FORWARD_SLASH) lastCommonSep = i;
    }
    if (i === length) {
      if (toLen > length) {
        // `from` is a base of `to` ('/foo' → '/foo/bar'), or the root ('/' → '/foo').
        if (to.charCodeAt(toStart + i) === CHAR_FORWARD_SLASH) return to.slice(toStart + i + 1);
        if (i === 0) return to.slice(toStart + i);
      } else if (fromLen > length) {
        // `to` is a base of `from`, or the root.
        if (from.charCodeAt(fromStart + i) === CHAR_FORWARD_SLASH) lastCommonSep = i;
        else if (i === 0) lastCommonSep = 0;
      }
    }

    let out = '';
    for (i = fromStart + lastCommonSep + 1; i <= fromEnd; ++i) {
      if (i === fromEnd || from.charCodeAt(i) === CHAR_FORWARD_SLASH) out += out.length === 0 ? '..' : '/..';
    }
    return `${out}${to.slice(toStart + lastCommonSep)}`;
  },

  toNamespacedPath(path) {
    return path; // a no-op on POSIX
  },

  dirname(path) {
    validateString(path, 'path');
    if (path.length === 0) return '.';
    const hasRoot = path.charCodeAt(0) === CHAR_FORWARD_SLASH;
    let end = -1;
    let matchedSeparator = true;
    for (let i = path.length - 1; i >= 1; --i) {
      if (path.charCodeAt(i) === CHAR_FORWARD_SLASH) {
        if (!matchedSeparator) {
          end = i;
          break;
        }
      } else {
        matchedSeparator = false;
      }
    }
    if (end === -1) return hasRoot ? '/' : '.';
    if (hasRoot && end === 1) return '//';
    return path.slice(0, end);
  },

  basename(path, suffix) {
    if (suffix !== undefined) validateString(suffix, 'suffix');
    validateString(path, 'path');
    return basenameImpl(path, suffix, 0, isPosixSeparator);
  },

  extname(path) {
    validateString(path, 'path');
    const { end, dot } = scanLastComponent(path, 0, 0, isPosixSeparator);
    return dot === -1 ? '' : path.slice(dot, end);
  },

  format: null, // set below

  parse(path) {
    validateString(path, 'path');
    const ret = { root: '', dir: '', base: '', ext: '', name: '' };
    if (path.length === 0) return ret;
    const isAbsolute = path.charCodeAt(0) === CHAR_FORWARD_SLASH;
    if (isAbsolute) ret.root = '/';

    const { partStart, end, dot } = scanLastComponent(path, isAbsolute ? 1 : 0, 0, isPosixSeparator);
    if (end !== -1) {
      // Without a separator before it, the component starts after the root.
      const start = partStart === 0 && isAbsolute ? 1 : partStart;
      if (dot === -1) {
        ret.base = ret.name = path.slice(start, end);
      } else {
        ret.name = path.slice(start, dot);
        ret.base = path.slice(start, end);
        ret.ext = path.slice(dot, end);
      }
    }
    if (partStart > 0) ret.dir = path.slice(0, partStart - 1);
    else if (isAbsolute) ret.dir = '/';
    return ret;
  },

  sep: '/',
  delimiter: ':',
  win32: null,
  posix: null,
};

// Node's format is `_format.bind(null, sep)`, so its name reads 'bound _format'.
win32.format = _format.bind(null, '\\');
posix.format = _format.bind(null, '/');

posix.win32 = win32.win32 = win32;
posix.posix = win32.posix = posix;

// Legacy aliases.
win32._makeLong = win32.toNamespacedPath;
posix._makeLong = posix.toNamespacedPath;

module.exports = posix;
