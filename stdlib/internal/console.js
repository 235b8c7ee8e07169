// The Console class behind `require('console').Console` and the global `console`, as in Node v20.
//
// Start-up matters: printing plain strings (`console.log('hello')`) joins them here and writes, without loading
// internal/inspect; anything that needs inspection (non-strings, format directives) loads it on first use.
// Writes go through `stream.write(text + '\n')`.

const kCounts = Symbol('counts');
const kGroupIndent = Symbol('kGroupIndent');
const kGroupIndentationWidth = Symbol('kGroupIndentWidth');
const kFormatForStderr = Symbol('kFormatForStderr');
const kFormatForStdout = Symbol('kFormatForStdout');
const kGetInspectOptions = Symbol('kGetInspectOptions');
const kColorMode = Symbol('kColorMode');
const kIsConsole = Symbol('kIsConsole');
const kWriteToConsole = Symbol('kWriteToConsole');
const kBindProperties = Symbol('kBindProperties');
const kBindStreamsEager = Symbol('kBindStreamsEager');
const kBindStreamsLazy = Symbol('kBindStreamsLazy');
const kUseStdout = Symbol('kUseStdout');
const kUseStderr = Symbol('kUseStderr');

const kMaxGroupIndentation = 1000;
const kSecond = 1000;
const kMinute = 60 * kSecond;
const kHour = 60 * kMinute;

let inspectModule;
function lazyInspect() {
  if (inspectModule === undefined) inspectModule = require('internal/inspect');
  return inspectModule;
}

let errorCodes;
function lazyCodes() {
  if (errorCodes === undefined) errorCodes = require('internal/errors').codes;
  return errorCodes;
}

function emitWarning(message) {
  const proc = globalThis.process;
  if (proc !== undefined && typeof proc.emitWarning === 'function') proc.emitWarning(message);
}

// Per-instance `inspectOptions` given to the constructor.
const optionsMap = new WeakMap();

function Console(options /* or: stdout, stderr, ignoreErrors = true */) {
  // Callable without `new`, as in Node.
  if (new.target === undefined) return Reflect.construct(Console, arguments);

  if (!options || typeof options.write === 'function') {
    options = { stdout: options, stderr: arguments[1], ignoreErrors: arguments[2] };
  }

  const {
    stdout,
    stderr = stdout,
    ignoreErrors = true,
    colorMode = 'auto',
    inspectOptions,
    groupIndentation,
  } = options;

  const codes = lazyCodes();
  if (!stdout || typeof stdout.write !== 'function') throw new codes.ERR_CONSOLE_WRITABLE_STREAM('stdout');
  if (!stderr || typeof stderr.write !== 'function') throw new codes.ERR_CONSOLE_WRITABLE_STREAM('stderr');

  if (colorMode !== 'auto' && colorMode !== true && colorMode !== false) {
    throw new codes.ERR_INVALID_ARG_VALUE('colorMode', colorMode, "must be one of: 'auto', true, false");
  }

  if (groupIndentation !== undefined) {
    if (typeof groupIndentation !== 'number') {
      throw new codes.ERR_INVALID_ARG_TYPE('groupIndentation', 'number', groupIndentation);
    }
    if (!Number.isInteger(groupIndentation)) {
      throw new codes.ERR_OUT_OF_RANGE('groupIndentation', 'an integer', groupIndentation);
    }
    if (groupIndentation < 0 || groupIndentation > kMaxGroupIndentation) {
      throw new codes.ERR_OUT_OF_RANGE('groupIndentation', `>= 0 && <= ${kMaxGroupIndentation}`, groupIndentation);
    }
  }

  if (inspectOptions !== undefined) {
    if (inspectOptions === null || typeof inspectOptions !== 'object' || Array.isArray(inspectOptions)) {
      throw new codes.ERR_INVALID_ARG_TYPE('options.inspectOptions', 'Object', inspectOptions);
    }
    if (inspectOptions.colors !== undefined && options.colorMode !== undefined) {
      throw new codes.ERR_INCOMPATIBLE_OPTION_PAIR('options.inspectOptions.color', 'colorMode');
    }
    optionsMap.set(this, inspectOptions);
  }

  // Bind every method to this instance so `const { log } = console` works. Methods are read from the instance
  // (not the prototype) so subclasses can override them; the bound copy keeps the plain key as its name.
  const keys = Object.keys(Console.prototype);
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    this[key] = this[key].bind(this);
    Object.defineProperty(this[key], 'name', { value: key });
  }

  this[kBindStreamsEager](stdout, stderr);
  this[kBindProperties](ignoreErrors, colorMode, groupIndentation);
}

const consolePropAttributes = { writable: true, enumerable: false, configurable: true };

// `console instanceof Console` holds for the global console too, which is not built by the constructor.
Object.defineProperty(Console, Symbol.hasInstance, {
  value(instance) {
    // The global console starts as a lighter object (internal/console_global) that is a Console in Node's eyes.
    return instance != null && (instance[kIsConsole] === true || instance === globalThis.console);
  },
});

const kColorInspectOptions = { colors: true };
const kNoColorInspectOptions = {};

// Node's internal/util/colors shouldColorize: FORCE_COLOR wins, otherwise a TTY with more than 2 colours.
function shouldColorize(stream) {
  const env = globalThis.process?.env;
  const force = env?.FORCE_COLOR;
  if (force !== undefined) return force === '' || force === '1' || force === 'true' || force === '2' || force === '3';
  // Not coerced to a boolean: Node stores this very value into user inspectOptions.colors.
  return stream?.isTTY && (typeof stream.getColorDepth === 'function' ? stream.getColorDepth() > 2 : true);
}

function noop() {}

function isStackOverflowError(err) {
  return err instanceof RangeError && /call stack/i.test(err.message);
}

Object.defineProperties(Console.prototype, {
  [kBindStreamsEager]: {
    ...consolePropAttributes,
    value: function (stdout, stderr) {
      Object.defineProperties(this, {
        _stdout: { ...consolePropAttributes, value: stdout },
        _stderr: { ...consolePropAttributes, value: stderr },
      });
    },
  },
  // For the global console: read `object.stdout`/`stderr` on first use, so the streams are not created at
  // start-up.
  [kBindStreamsLazy]: {
    ...consolePropAttributes,
    value: function (object) {
      let stdout;
      let stderr;
      Object.defineProperties(this, {
        _stdout: {
          enumerable: false,
          configurable: true,
          get() {
            if (!stdout) stdout = object.stdout;
            return stdout;
          },
          set(value) {
            stdout = value;
          },
        },
        _stderr: {
          enumerable: false,
          configurable: true,
          get() {
            if (!stderr) stderr = object.stderr;
            return stderr;
          },
          set(value) {
            stderr = value;
          },
        },
      });
    },
  },
  [kBindProperties]: {
    ...consolePropAttributes,
    value: function (ignoreErrors, colorMode, groupIndentation = 2) {
      Object.defineProperties(this, {
        _stdoutErrorHandler: { ...consolePropAttributes, value: createWriteErrorHandler(this, kUseStdout) },
        _stderrErrorHandler: { ...consolePropAttributes, value: createWriteErrorHandler(this, kUseStderr) },
        _ignoreErrors: { ...consolePropAttributes, value: Boolean(ignoreErrors) },
        _times: { ...consolePropAttributes, value: new Map() },
        [kCounts]: { ...consolePropAttributes, value: new Map() },
        [kColorMode]: { ...consolePropAttributes, value: colorMode },
        [kIsConsole]: { ...consolePropAttributes, value: true },
        [kGroupIndent]: { ...consolePropAttributes, value: '' },
        [kGroupIndentationWidth]: { ...consolePropAttributes, value: groupIndentation },
        [Symbol.toStringTag]: { writable: false, enumerable: false, configurable: true, value: 'console' },
      });
    },
  },
  [kWriteToConsole]: {
    ...consolePropAttributes,
    value: function (streamSymbol, string) {
      const ignoreErrors = this._ignoreErrors;
      const groupIndent = this[kGroupIndent];
      const useStdout = streamSymbol === kUseStdout;
      const stream = useStdout ? this._stdout : this._stderr;
      const errorHandler = useStdout ? this._stdoutErrorHandler : this._stderrErrorHandler;

      // Group indentation applies to every line of the output.
      if (groupIndent.length !== 0) {
        if (string.includes('\n')) string = string.replace(/\n/g, `\n${groupIndent}`);
        string = groupIndent + string;
      }
      string += '\n';

      if (ignoreErrors === false) return stream.write(string);

      // Write errors must not surface from console calls: a no-op 'error' listener catches synchronous ones
      // for the duration of the write. Unlike Node, a plain `{ write }` object without the EventEmitter
      // methods is accepted.
      const listenable = typeof stream.listenerCount === 'function' && typeof stream.once === 'function' &&
        typeof stream.removeListener === 'function';
      try {
        if (listenable && stream.listenerCount('error') === 0) stream.once('error', noop);
        stream.write(string, errorHandler);
      } catch (e) {
        if (isStackOverflowError(e)) throw e;
        // Otherwise swallowed, as in Node: there is no proper place to report it.
      } finally {
        if (listenable) stream.removeListener('error', noop);
      }
      return undefined;
    },
  },
  [kGetInspectOptions]: {
    ...consolePropAttributes,
    value: function (stream) {
      let color = this[kColorMode];
      if (color === 'auto') color = shouldColorize(stream);
      const options = optionsMap.get(this);
      if (options) {
        if (options.colors === undefined) options.colors = color;
        return options;
      }
      return color ? kColorInspectOptions : kNoColorInspectOptions;
    },
  },
  [kFormatForStdout]: {
    ...consolePropAttributes,
    value: function (args) {
      return formatArgs(this, args, this._stdout);
    },
  },
  [kFormatForStderr]: {
    ...consolePropAttributes,
    value: function (args) {
      return formatArgs(this, args, this._stderr);
    },
  },
});

// util.format's %s/%c/%% handling for an all-string argument list; undefined when inspect is needed (a
// non-string argument, or a %d %i %f %j %o %O directive that has an argument to consume).
function formatStrings(args) {
  if (args.length === 0) return '';
  for (let i = 0; i < args.length; i++) {
    if (typeof args[i] !== 'string') return undefined;
  }
  const first = args[0];
  if (args.length === 1) return first;
  if (!first.includes('%')) return args.join(' ');

  let str = '';
  let used = 0; // index of the last argument consumed by a directive
  let lastPos = 0;
  for (let i = 0; i < first.length - 1; i++) {
    if (first.charCodeAt(i) !== 37) continue; // '%'
    const next = first.charCodeAt(++i);
    if (used + 1 !== args.length) {
      let replacement;
      switch (next) {
        case 115: // 's': a string argument is used as is
          replacement = args[++used];
          break;
        case 99: // 'c': CSS, consumed and dropped
          used++;
          replacement = '';
          break;
        case 37: // '%%'
          str += first.slice(lastPos, i);
          lastPos = i + 1;
          continue;
        case 100: case 105: case 102: case 106: case 111: case 79: // d i f j o O
          return undefined;
        default:
          continue; // not a directive
      }
      if (lastPos !== i - 1) str += first.slice(lastPos, i - 1);
      str += replacement;
      lastPos = i + 1;
    } else if (next === 37) {
      str += first.slice(lastPos, i);
      lastPos = i + 1;
    }
  }
  let rest = 0;
  if (lastPos !== 0) {
    rest = used + 1;
    if (lastPos < first.length) str += first.slice(lastPos);
  } else {
    str = first;
    rest = 1;
  }
  for (; rest < args.length; rest++) str += ` ${args[rest]}`;
  return str;
}

function formatArgs(console, args, stream) {
  const plain = formatStrings(args);
  if (plain !== undefined) {
    // Keep Node's side effect of filling in `colors` on user-supplied inspectOptions.
    if (optionsMap.has(console)) console[kGetInspectOptions](stream);
    return plain;
  }
  const opts = console[kGetInspectOptions](stream);
  return lazyInspect().formatWithOptions(opts, ...args);
}

// The callback handed to stream.write(): an asynchronous write error must not crash the process either.
function createWriteErrorHandler(instance, streamSymbol) {
  return (err) => {
    const stream = streamSymbol === kUseStdout ? instance._stdout : instance._stderr;
    if (err != null && !stream._writableState?.errorEmitted) {
      if (typeof stream.listenerCount === 'function' && stream.listenerCount('error') === 0) {
        stream.once('error', noop);
      }
    }
  };
}

// Monotonic time as process.hrtime gives it (a [seconds, nanoseconds] pair), with fallbacks.
function hrtimeNow() {
  const proc = globalThis.process;
  if (typeof proc?.hrtime === 'function') return proc.hrtime();
  const ms = typeof performance !== 'undefined' ? performance.now() : Date.now();
  return [Math.floor(ms / 1e3), Math.round((ms % 1e3) * 1e6)];
}

function elapsedMs(start) {
  const now = hrtimeNow();
  return (now[0] - start[0]) * 1000 + (now[1] - start[1]) / 1e6;
}

function pad(value) {
  return `${value}`.padStart(2, '0');
}

// '1.234ms' (trailing zeros dropped), '1.500s', '1:02.345 (m:ss.mmm)', '1:02:03.456 (h:mm:ss.mmm)'.
function formatTime(ms) {
  let hours = 0;
  let minutes = 0;
  let seconds = 0;
  if (ms >= kSecond) {
    if (ms >= kMinute) {
      if (ms >= kHour) {
        hours = Math.floor(ms / kHour);
        ms = ms % kHour;
      }
      minutes = Math.floor(ms / kMinute);
      ms = ms % kMinute;
    }
    seconds = ms / kSecond;
  }
  if (hours !== 0 || minutes !== 0) {
    const [whole, fraction] = seconds.toFixed(3).split('.');
    const res = hours !== 0 ? `${hours}:${pad(minutes)}` : minutes;
    return `${res}:${pad(whole)}.${fraction} (${hours !== 0 ? 'h:m' : ''}m:ss.mmm)`;
  }
  if (seconds !== 0) return `${seconds.toFixed(3)}s`;
  return `${Number(ms.toFixed(3))}ms`;
}

// Returns whether the label existed.
function timeLogImpl(self, name, label, data) {
  const start = self._times.get(label);
  if (start === undefined) {
    emitWarning(`No such label '${label}' for console.${name}()`);
    return false;
  }
  const formatted = formatTime(elapsedMs(start));
  if (data === undefined) self.log('%s: %s', label, formatted);
  else self.log('%s: %s', label, formatted, ...data);
  return true;
}

const keyKey = 'Key';
const valuesKey = 'Values';
const indexKey = '(index)';
const iterKey = '(iteration index)';

let types;
function lazyTypes() {
  if (types === undefined) types = require('internal/types');
  return types;
}

// Map/Set iterators cannot be previewed without native help; when binding.util offers previewEntries it is
// used (as Node does, leaving the iterator untouched), otherwise the iterator is drained.
function previewIterator(iterator, isMapIterator) {
  const preview = binding.util?.previewEntries;
  if (typeof preview === 'function') {
    if (isMapIterator) return preview(iterator, true);
    return preview(iterator);
  }
  const entries = [...iterator];
  if (!isMapIterator) return entries;
  // An entries() iterator yields [key, value] pairs; keys()/values() yield plain values.
  const isKeyValue = entries.length > 0 && entries.every((e) => Array.isArray(e) && e.length === 2);
  return [isKeyValue ? entries.flat() : entries, isKeyValue];
}

const consoleMethods = {
  log(...args) {
    this[kWriteToConsole](kUseStdout, this[kFormatForStdout](args));
  },

  warn(...args) {
    this[kWriteToConsole](kUseStderr, this[kFormatForStderr](args));
  },

  dir(object, options) {
    this[kWriteToConsole](kUseStdout, lazyInspect().inspect(object, {
      customInspect: false,
      ...this[kGetInspectOptions](this._stdout),
      ...options,
    }));
  },

  time(label = 'default') {
    label = `${label}`; // anything but a Symbol becomes a string
    if (this._times.has(label)) {
      emitWarning(`Label '${label}' already exists for console.time()`);
      return;
    }
    this._times.set(label, hrtimeNow());
  },

  timeEnd(label = 'default') {
    label = `${label}`;
    const found = timeLogImpl(this, 'timeEnd', label);
    if (found) this._times.delete(label);
  },

  timeLog(label = 'default', ...data) {
    label = `${label}`;
    timeLogImpl(this, 'timeLog', label, data);
  },

  // 'Trace: message' and the caller's stack. Without V8's Error.captureStackTrace, the frames come from a new
  // Error, minus its header line and this method's own frame (plus the frames around it, such as native calls
  // or the global console's forwarding method, which V8 would not show either).
  trace: function trace(...args) {
    const message = this[kFormatForStderr](args);
    let text = message.length > 0 ? `Trace: ${message}` : 'Trace';
    const stack = new Error().stack;
    if (typeof stack === 'string') {
      const lines = stack.split('\n').slice(1);
      const own = lines.findIndex((line) => /\btrace\b/.test(line));
      if (own !== -1 && own < 3) {
        lines.splice(0, own + 1);
        while (lines.length > 0 && /\(native\)$|node:internal\/console_global:/.test(lines[0])) lines.shift();
      }
      if (lines.length > 0) text += `\n${lines.join('\n')}`;
    }
    this.error(text);
  },

  assert(expression, ...args) {
    if (!expression) {
      args[0] = `Assertion failed${args.length === 0 ? '' : `: ${args[0]}`}`;
      // warn() formats the arguments again
      Reflect.apply(this.warn, this, args);
    }
  },

  // Clears only a TTY (cursor home, then erase below), as Node does.
  clear() {
    if (this._stdout.isTTY && globalThis.process?.env?.TERM !== 'dumb') {
      this._stdout.write('\x1b[1;1H');
      this._stdout.write('\x1b[0J');
    }
  },

  count(label = 'default') {
    label = `${label}`;
    const counts = this[kCounts];
    let count = counts.get(label);
    if (count === undefined) count = 1;
    else count++;
    counts.set(label, count);
    this.log(`${label}: ${count}`);
  },

  countReset(label = 'default') {
    const counts = this[kCounts];
    if (!counts.has(label)) {
      emitWarning(`Count for '${label}' does not exist`);
      return;
    }
    counts.delete(`${label}`);
  },

  group(...data) {
    if (data.length > 0) Reflect.apply(this.log, this, data);
    this[kGroupIndent] += ' '.repeat(this[kGroupIndentationWidth]);
  },

  groupEnd() {
    this[kGroupIndent] = this[kGroupIndent].slice(0, this[kGroupIndent].length - this[kGroupIndentationWidth]);
  },

  table(tabularData, properties) {
    if (properties !== undefined && !Array.isArray(properties)) {
      throw new (lazyCodes().ERR_INVALID_ARG_TYPE)('properties', 'Array', properties);
    }
    if (tabularData === null || typeof tabularData !== 'object') return this.log(tabularData);

    const renderTable = require('internal/cli_table');
    const { inspect } = lazyInspect();
    const { isMap, isSet, isMapIterator, isSetIterator, isTypedArray } = lazyTypes();
    const final = (head, columns) => this.log(renderTable(head, columns));

    // Cells are inspected compactly: one level deep, objects with more than two keys collapsed.
    const inspectCell = (v) => {
      const isArrayLike = Array.isArray(v) || isTypedArray(v);
      const depth = v !== null && typeof v === 'object' && !isArrayLike && Object.keys(v).length > 2 ? -1 : 0;
      return inspect(v, { depth, maxArrayLength: 3, breakLength: Infinity, ...this[kGetInspectOptions](this._stdout) });
    };
    const indexColumn = (length) => Array.from({ length }, (_, i) => inspectCell(i));

    const mapIter = isMapIterator(tabularData);
    let isKeyValue = false;
    if (mapIter) {
      const res = previewIterator(tabularData, true);
      tabularData = res[0];
      isKeyValue = res[1];
    }

    if (isKeyValue || isMap(tabularData)) {
      const keys = [];
      const values = [];
      if (mapIter) {
        for (let i = 0; i < tabularData.length / 2; ++i) {
          keys.push(inspectCell(tabularData[i * 2]));
          values.push(inspectCell(tabularData[i * 2 + 1]));
        }
      } else {
        for (const { 0: k, 1: v } of tabularData) {
          keys.push(inspectCell(k));
          values.push(inspectCell(v));
        }
      }
      return final([iterKey, keyKey, valuesKey], [indexColumn(keys.length), keys, values]);
    }

    const setIter = isSetIterator(tabularData);
    if (setIter) tabularData = previewIterator(tabularData, false);

    if (setIter || mapIter || isSet(tabularData)) {
      const values = [];
      for (const v of tabularData) values.push(inspectCell(v));
      return final([iterKey, valuesKey], [indexColumn(values.length), values]);
    }

    // One column per property seen (in first-seen order), plus 'Values' for primitive rows.
    const map = Object.create(null);
    let hasPrimitives = false;
    const valuesKeyArray = [];
    const indexKeyArray = Object.keys(tabularData);
    for (let i = 0; i < indexKeyArray.length; i++) {
      const item = tabularData[indexKeyArray[i]];
      const primitive = item === null || (typeof item !== 'function' && typeof item !== 'object');
      if (properties === undefined && primitive) {
        hasPrimitives = true;
        valuesKeyArray[i] = inspectCell(item);
      } else {
        const keys = properties || Object.keys(item);
        for (const key of keys) {
          map[key] ??= [];
          if ((primitive && properties) || !Object.prototype.hasOwnProperty.call(item, key)) map[key][i] = '';
          else map[key][i] = inspectCell(item[key]);
        }
      }
    }
    const keys = Object.keys(map);
    const values = Object.values(map);
    if (hasPrimitives) {
      keys.push(valuesKey);
      values.push(valuesKeyArray);
    }
    keys.unshift(indexKey);
    values.unshift(indexKeyArray);
    return final(keys, values);
  },
};

for (const method of Reflect.ownKeys(consoleMethods)) Console.prototype[method] = consoleMethods[method];

Console.prototype.debug = Console.prototype.log;
Console.prototype.info = Console.prototype.log;
Console.prototype.dirxml = Console.prototype.log;
Console.prototype.error = Console.prototype.warn;
Console.prototype.groupCollapsed = Console.prototype.group;

// The global console, built like Node's: not a Console instance but a plain object (whose prototype is an empty
// object) holding the Console methods bound to it, with stdout/stderr read lazily from `processObject` on first
// write. The V8 inspector-only methods are no-ops.
function createGlobalConsole(processObject) {
  const globalConsole = Object.create({});
  for (const prop of Reflect.ownKeys(Console.prototype)) {
    if (prop === 'constructor') continue;
    const desc = Reflect.getOwnPropertyDescriptor(Console.prototype, prop);
    if (typeof desc.value === 'function') {
      // Node's inspector integration renames the console methods after their keys (`console.error.name` is
      // 'error' when running a script); symbol-keyed helpers keep their own names.
      const name = typeof prop === 'string' ? prop : desc.value.name;
      desc.value = desc.value.bind(globalConsole);
      Reflect.defineProperty(desc.value, 'name', { value: name });
    }
    Reflect.defineProperty(globalConsole, prop, desc);
  }
  globalConsole[kBindProperties](true, 'auto');
  globalConsole[kBindStreamsLazy](processObject);
  globalConsole.Console = Console;
  const inspectorOnly = {
    profile() {},
    profileEnd() {},
    timeStamp() {},
    context(name) {
      return createGlobalConsole(processObject);
    },
    createTask(name) {
      return {
        run(fn) {
          return fn();
        },
      };
    },
  };
  for (const key of Object.keys(inspectorOnly)) globalConsole[key] = inspectorOnly[key];
  return globalConsole;
}

module.exports = {
  Console,
  kBindStreamsLazy,
  kBindProperties,
  createGlobalConsole,
  formatTime,
};
