// The readline Interface that node:readline and node:readline/promises share: it reads `input`, splits it
// into lines and emits them ('line', or to a pending question), writes prompts to `output`, and closes
// at the input's end. Two input modes, as in Node:
//   - line mode (`terminal: false`): 'data' chunks are decoded and split here (_normalWrite);
//   - terminal mode: 'keypress' events drive a small line editor (internal/readline/terminal.js).
// A real terminal needs raw mode for the editor; where setting it fails the terminal keeps editing lines
// itself and the Interface reads it in line mode (see isCookedTerminal).
//
// Internal calls go through the legacy underscore methods (_writeToOutput, _onLine, _ttyWrite, ...) so that
// programs overriding them on an instance (a common trick to hide typed passwords) work as in Node.

const EventEmitter = require('events');
const { codes } = require('internal/errors');
const { useAfterClose, validateAbortSignal } = require('internal/readline/utils');

const kHistorySize = 30;
const kMinCrlfDelay = 100;
const kEscapeCodeTimeout = 500;
// A line ends at \n, \r\n, or a \r not followed by \n within the chunk (a \n at the start of the next
// chunk, within crlfDelay, still pairs with it).
const kLineEnding = /\r?\n|\r(?!\n)/;
const kLineEndings = /\r?\n|\r(?!\n)/g;
const kWindow = 16 * 1024;

// text.split(kLineEnding), by an exec() loop: Boa's RegExp split tries a match at every position, which
// takes half a second on a 64 KiB chunk.
function splitLines(text) {
  const parts = [];
  let start = 0;
  kLineEndings.lastIndex = 0;
  let match;
  while ((match = kLineEndings.exec(text)) !== null) {
    parts.push(text.slice(start, match.index));
    start = kLineEndings.lastIndex;
  }
  parts.push(text.slice(start));
  return parts;
}

const kPrompt = Symbol('_prompt');
const kOldPrompt = Symbol('_oldPrompt');
const kQuestionCallback = Symbol('_questionCallback');
const kLineBuffer = Symbol('_line_buffer');
const kSawReturnAt = Symbol('_sawReturnAt');
const kDecoder = Symbol('_decoder');
const kLineMode = Symbol('lineMode');
const kLineIterator = Symbol('lineIterator');
const kSubstringSearch = Symbol('substringSearch');
const kQuestion = Symbol('question');
const kQuestionCancel = Symbol('questionCancel');
// readline/promises' pending question's reject: Ctrl+C / Ctrl+D in terminal mode reject it.
const kQuestionReject = Symbol('questionReject');

let terminalEditor;
const terminal = () => (terminalEditor ??= require('internal/readline/terminal'));

// The constructor body, a plain function so that node:readline's Interface can be called without `new`
// (as Node's can) and still share this setup. Arguments: (input, output, completer, terminal) or one
// options object { input, output, completer, terminal, history, historySize, removeHistoryDuplicates,
// prompt, crlfDelay, escapeCodeTimeout, tabSize, signal }.
function InterfaceConstructor(input, output, completer, terminalOption) {
  this.isCompletionEnabled = true;
  this.escapeCodeTimeout = kEscapeCodeTimeout;
  this.tabSize = 8;
  EventEmitter.call(this);

  let history;
  let historySize;
  let removeHistoryDuplicates = false;
  let crlfDelay;
  let prompt = '> ';
  let signal;
  if (input?.input) {
    const options = input;
    output = options.output;
    completer = options.completer;
    terminalOption = options.terminal;
    history = options.history;
    historySize = options.historySize;
    signal = options.signal;
    if (options.tabSize !== undefined) {
      validateTabSize(options.tabSize);
      this.tabSize = options.tabSize;
    }
    removeHistoryDuplicates = options.removeHistoryDuplicates;
    if (options.prompt !== undefined) prompt = options.prompt;
    if (options.escapeCodeTimeout !== undefined) {
      if (!Number.isFinite(options.escapeCodeTimeout)) {
        throw new codes.ERR_INVALID_ARG_VALUE('input.escapeCodeTimeout', this.escapeCodeTimeout);
      }
      this.escapeCodeTimeout = options.escapeCodeTimeout;
    }
    if (signal) validateAbortSignal(signal, 'options.signal');
    crlfDelay = options.crlfDelay;
    input = options.input;
  }
  if (completer !== undefined && typeof completer !== 'function') {
    throw new codes.ERR_INVALID_ARG_VALUE('completer', completer);
  }
  if (history === undefined) history = [];
  else if (!Array.isArray(history)) throw new codes.ERR_INVALID_ARG_TYPE('history', 'Array', history);
  if (historySize === undefined) historySize = kHistorySize;
  if (typeof historySize !== 'number') throw new codes.ERR_INVALID_ARG_TYPE('historySize', 'number', historySize);
  if (!(historySize >= 0)) throw new codes.ERR_OUT_OF_RANGE('historySize', '>= 0', historySize);
  // Node's default: a terminal when the output is one.
  if (terminalOption === undefined && output != null) terminalOption = Boolean(output.isTTY);

  this.line = '';
  this[kSubstringSearch] = null;
  this.output = output;
  this.input = input;
  this.history = history;
  this.historySize = historySize;
  this.removeHistoryDuplicates = Boolean(removeHistoryDuplicates);
  this.crlfDelay = crlfDelay ? Math.max(kMinCrlfDelay, crlfDelay) : kMinCrlfDelay;
  this.completer = completer;
  this.setPrompt(prompt);
  this.terminal = Boolean(terminalOption);
  this[kSawReturnAt] = 0;

  const onError = (err) => this.emit('error', err);
  input.on('error', onError);

  if (this.terminal) this._setRawMode(true);
  this[kLineMode] = !this.terminal || (input.isTTY === true && require('internal/stdin').isCookedTerminal(input));
  if (this[kLineMode]) listenForLines(this, input, onError);
  else listenForKeys(this, input, output, onError);

  if (signal) {
    const onAborted = () => this.close();
    if (signal.aborted) {
      process.nextTick(onAborted);
    } else {
      signal.addEventListener('abort', onAborted, { once: true });
      this.once('close', () => signal.removeEventListener('abort', onAborted));
    }
  }

  input.resume();
}
Object.setPrototypeOf(InterfaceConstructor.prototype, EventEmitter.prototype);
Object.setPrototypeOf(InterfaceConstructor, EventEmitter);

function listenForLines(rl, input, onError) {
  const { StringDecoder } = require('string_decoder');
  rl[kDecoder] = new StringDecoder('utf8');
  const onData = (data) => rl._normalWrite(data);
  // A last line without a line ending still counts (it goes to 'line', not to a pending question).
  const onEnd = () => {
    const rest = rl[kLineBuffer];
    if (typeof rest === 'string' && rest.length > 0) rl.emit('line', rest);
    rl.close();
  };
  input.on('data', onData);
  input.on('end', onEnd);
  rl.once('close', () => {
    input.removeListener('data', onData);
    input.removeListener('error', onError);
    input.removeListener('end', onEnd);
  });
}

function listenForKeys(rl, input, output, onError) {
  require('internal/readline/keypress').emitKeypressEvents(input, rl);
  const onKeypress = (s, key) => {
    rl._ttyWrite(s, key);
    // A lone surrogate half was just inserted: redraw once the pair is complete.
    const first = key?.sequence?.codePointAt(0);
    if (first >= 0xd800 && first <= 0xdfff) rl._refreshLine();
  };
  const onEnd = () => {
    if (typeof rl.line === 'string' && rl.line.length > 0) rl.emit('line', rl.line);
    rl.close();
  };
  const onResize = () => rl._refreshLine();
  input.on('keypress', onKeypress);
  input.on('end', onEnd);
  rl.cursor = 0;
  rl.historyIndex = -1;
  if (output != null) output.on('resize', onResize);
  rl.once('close', () => {
    input.removeListener('keypress', onKeypress);
    input.removeListener('error', onError);
    input.removeListener('end', onEnd);
    if (output != null) output.removeListener('resize', onResize);
  });
}

function validateTabSize(value) {
  if (typeof value !== 'number') throw new codes.ERR_INVALID_ARG_TYPE('tabSize', 'number', value);
  if (!Number.isInteger(value)) throw new codes.ERR_OUT_OF_RANGE('tabSize', 'an integer', value);
  if (value < 1 || value > 4294967295) throw new codes.ERR_OUT_OF_RANGE('tabSize', '>= 1 && <= 4294967295', value);
}

// One piece of decoded input: a \n that completes a \r\n begun by the previous piece is dropped; every
// line completed here goes to _onLine; the rest waits in the line buffer.
function splitIntoLines(rl, text) {
  if (rl[kSawReturnAt] && Date.now() - rl[kSawReturnAt] <= rl.crlfDelay) {
    if (text.codePointAt(0) === 10) text = text.slice(1);
    rl[kSawReturnAt] = 0;
  }
  if (!kLineEnding.test(text)) {
    if (text) rl[kLineBuffer] = rl[kLineBuffer] ? rl[kLineBuffer] + text : text;
    return;
  }
  if (rl[kLineBuffer]) {
    text = rl[kLineBuffer] + text;
    rl[kLineBuffer] = null;
  }
  // A trailing \r may be the first half of a \r\n split across pieces.
  rl[kSawReturnAt] = text.endsWith('\r') ? Date.now() : 0;
  const lines = splitLines(text);
  rl[kLineBuffer] = lines.pop();
  for (const line of lines) rl._onLine(line);
}

class Interface extends InterfaceConstructor {
  get columns() {
    if (this.output && this.output.columns) return this.output.columns;
    return Infinity;
  }

  setPrompt(prompt) {
    this[kPrompt] = prompt;
  }

  getPrompt() {
    return this[kPrompt];
  }

  // Writes the prompt (in terminal mode: redraws the prompt and the line being edited).
  prompt(preserveCursor) {
    if (this.paused) this.resume();
    if (this.terminal && !this[kLineMode] && process.env.TERM !== 'dumb') {
      if (!preserveCursor) this.cursor = 0;
      this._refreshLine();
    } else {
      this._writeToOutput(this[kPrompt]);
    }
  }

  // Shared by both question() forms: ask, and hand the next line to `cb` instead of 'line'. A second
  // question while one is pending only prompts again.
  [kQuestion](query, cb) {
    if (this.closed) throw useAfterClose();
    if (this[kQuestionCallback]) {
      this.prompt();
      return;
    }
    this[kOldPrompt] = this[kPrompt];
    this.setPrompt(query);
    this[kQuestionCallback] = cb;
    this.prompt();
  }

  // An aborted question: forget the callback, restore the prompt, move to a fresh line.
  [kQuestionCancel]() {
    if (this[kQuestionCallback]) {
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      this.clearLine();
    }
  }

  close() {
    if (this.closed) return;
    this.pause();
    if (this.terminal) this._setRawMode(false);
    this.closed = true;
    this.emit('close');
  }

  pause() {
    if (this.paused) return;
    this.input.pause();
    this.paused = true;
    this.emit('pause');
    return this;
  }

  resume() {
    if (!this.paused) return;
    this.input.resume();
    this.paused = false;
    this.emit('resume');
    return this;
  }

  // As if `data` had been typed (terminal mode: `key` may name the key).
  write(data, key) {
    if (this.paused) this.resume();
    if (this.terminal && !this[kLineMode]) this._ttyWrite(data, key);
    else this._normalWrite(data);
  }

  // Ends the line being edited: cursor past its end, then a new line.
  clearLine() {
    if (this.terminal && !this[kLineMode]) this._moveCursor(+Infinity);
    this._writeToOutput('\r\n');
    this.line = '';
    this.cursor = 0;
    this.prevRows = 0;
  }

  getCursorPos() {
    return terminal().cursorPos(this);
  }

  // Lines as an async iterator, as Node 20 builds it: events.on over 'line' yielding each line, ended by
  // 'close', the Interface paused past 1024 queued lines. One per Interface, created on first use, so lines
  // emitted before that are not seen (as in Node).
  [Symbol.asyncIterator]() {
    this[kLineIterator] ??= require('events').on(this, 'line', {
      close: ['close'],
      highWaterMark: 1024,
      [require('internal/events/emitter').kFirstEventParam]: true,
    });
    return this[kLineIterator];
  }

  // ---- the legacy underscore methods, the seams programs override ----

  _setRawMode(mode) {
    const wasRaw = this.input.isRaw;
    if (typeof this.input.setRawMode === 'function') this.input.setRawMode(mode);
    return wasRaw;
  }

  _writeToOutput(stringToWrite) {
    if (typeof stringToWrite !== 'string') {
      throw new codes.ERR_INVALID_ARG_TYPE('stringToWrite', 'string', stringToWrite);
    }
    if (this.output != null) this.output.write(stringToWrite);
  }

  _onLine(line) {
    const callback = this[kQuestionCallback];
    if (callback) {
      this[kQuestionCallback] = null;
      this.setPrompt(this[kOldPrompt]);
      callback(line);
    } else {
      this.emit('line', line);
    }
  }

  // Line mode: decode the chunk, then emit every complete line; the unfinished tail waits in the buffer.
  _normalWrite(chunk) {
    if (chunk === undefined) return;
    const text = this[kDecoder].write(chunk);
    if (text.length <= kWindow) {
      splitIntoLines(this, text);
      return;
    }
    // Boa's string searches cost the length of the whole string on every call: a long text is split
    // in windows (a \r\n across two of them pairs up as across two chunks).
    for (let start = 0; start < text.length; start += kWindow) {
      splitIntoLines(this, text.slice(start, start + kWindow));
    }
  }

  _ttyWrite(s, key) {
    terminal().ttyWrite(this, s, key);
  }

  _refreshLine() {
    terminal().refreshLine(this);
  }

  _moveCursor(dx) {
    terminal().moveCursor(this, dx);
  }

  _insertString(c) {
    terminal().insertString(this, c);
  }

  _addHistory() {
    return terminal().addHistory(this);
  }

  _line() {
    terminal().acceptLine(this);
  }
}

// Legacy state names, read and written through (Node keeps these as accessors too).
for (const [name, key] of [
  ['_prompt', kPrompt], ['_oldPrompt', kOldPrompt], ['_questionCallback', kQuestionCallback],
  ['_line_buffer', kLineBuffer], ['_sawReturnAt', kSawReturnAt], ['_decoder', kDecoder],
]) {
  Object.defineProperty(Interface.prototype, name, {
    get() { return this[key]; },
    set(value) { this[key] = value; },
    configurable: true,
  });
}

module.exports = {
  Interface,
  InterfaceConstructor,
  kQuestion,
  kQuestionCancel,
  kQuestionReject,
  kPrompt,
  kSawReturnAt,
  kSubstringSearch,
  splitLines,
};
