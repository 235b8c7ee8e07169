// Terminal mode's line editor: turns 'keypress' events into edits of `rl.line` / `rl.cursor` and redraws
// the prompt line on `rl.output` with the same control sequences Node writes, so a terminal (or a test
// reading the output) sees what it sees under Node.
//
// Covered: typing and pasting, Backspace/Delete, ←/→, Home/End, Ctrl+A/E/B/F/H/D/U/K/W/L/N/P, Alt+B/F/D,
// Ctrl+←/→, ↑/↓ history (with the typed prefix as a filter), Return/Enter (crlfDelay), Ctrl+C ('SIGINT' or
// close), Ctrl+D, Tab with a completer when the matches share a longer prefix. Not covered: undo/redo, the
// kill ring's yank, listing several completions, Ctrl+Z job control. TERM=dumb gets Node's plain editor.

const { cursorTo, moveCursor: moveOutputCursor, clearScreenDown } = require('internal/readline/callbacks');
const {
  kPrompt, kSawReturnAt, kSubstringSearch, kQuestionReject, splitLines,
} = require('internal/readline/interface');

let inspect;
const widthOf = (ch) => (inspect ??= require('internal/inspect')).getStringWidth(ch, false);
const stripControls = (text) => (inspect ??= require('internal/inspect')).stripVTControlCharacters(text);

// ---- where things are on screen ----

// Rows and columns `text` covers from the left edge, with the output's width (tabs to tab stops, wide
// characters never split across the edge).
function displayPos(rl, text) {
  const columns = rl.columns;
  let offset = 0;
  let rows = 0;
  for (const ch of stripControls(text)) {
    if (ch === '\n') {
      rows += Math.ceil(offset / columns) || 1;
      offset = 0;
    } else if (ch === '\t') {
      offset += rl.tabSize - (offset % rl.tabSize);
    } else {
      const width = widthOf(ch);
      if (width === 2 && (offset + 1) % columns === 0) offset++;
      offset += width;
    }
  }
  const cols = offset % columns;
  rows += (offset - cols) / columns;
  return { cols, rows };
}

function cursorPos(rl) {
  return displayPos(rl, rl[kPrompt] + rl.line.slice(0, rl.cursor));
}

// UTF-16 units of the character before / at `index` (a surrogate pair counts as one character).
function charLengthLeft(text, index) {
  if (index <= 0) return 0;
  return index > 1 && text.codePointAt(index - 2) > 0xffff ? 2 : 1;
}

function charLengthAt(text, index) {
  if (text.length <= index) return 1; // past the end: one step, as Node counts it
  return text.codePointAt(index) > 0xffff ? 2 : 1;
}

// ---- drawing ----

// Redraw the whole prompt line: up to its first row, clear to the end of the screen, write prompt and
// line, put the cursor back.
function refreshLine(rl) {
  const line = rl[kPrompt] + rl.line;
  const end = displayPos(rl, line);
  const cursor = cursorPos(rl);
  const prevRows = rl.prevRows || 0;
  if (prevRows > 0) moveOutputCursor(rl.output, 0, -prevRows);
  cursorTo(rl.output, 0);
  clearScreenDown(rl.output);
  rl._writeToOutput(line);
  // A line that ends exactly at the right edge: make the terminal open the next row.
  if (end.cols === 0) rl._writeToOutput(' ');
  cursorTo(rl.output, cursor.cols);
  const below = end.rows - cursor.rows;
  if (below > 0) moveOutputCursor(rl.output, 0, -below);
  rl.prevRows = cursor.rows;
}

// Typing at the end of the line only writes the text; anywhere else the line is redrawn. Inside a pasted
// chunk (every key but a chunk's last, see keypress.js) text is appended and written as it comes, wherever
// the cursor is: Node does the same.
function insertString(rl, text) {
  if (!rl.isCompletionEnabled) {
    rl.line += text;
    rl.cursor += text.length;
    rl._writeToOutput(text);
    return;
  }
  if (rl.cursor < rl.line.length) {
    rl.line = rl.line.slice(0, rl.cursor) + text + rl.line.slice(rl.cursor);
    rl.cursor += text.length;
    rl._refreshLine();
    return;
  }
  const before = cursorPos(rl);
  rl.line += text;
  rl.cursor += text.length;
  if (before.rows < cursorPos(rl).rows) rl._refreshLine();
  else rl._writeToOutput(text);
}

function moveCursor(rl, dx) {
  if (dx === 0) return;
  const before = cursorPos(rl);
  rl.cursor = Math.min(Math.max(rl.cursor + dx, 0), rl.line.length);
  const after = cursorPos(rl);
  if (before.rows === after.rows) moveOutputCursor(rl.output, after.cols - before.cols, 0);
  else rl._refreshLine();
}

// ---- edits ----

// Words for Ctrl+W / Alt+B: scanning backwards, spaces then one run of word or of punctuation characters.
const kWordBackwards = /^\s*(?:[^\w\s]+|\w+)?/;

function wordLengthLeft(rl) {
  const reversed = [...rl.line.slice(0, rl.cursor)].reverse().join('');
  return kWordBackwards.exec(reversed)[0].length;
}

function wordLeft(rl) {
  if (rl.cursor > 0) rl._moveCursor(-wordLengthLeft(rl));
}

function wordRight(rl) {
  if (rl.cursor < rl.line.length) {
    const match = /^(?:\s+|[^\w\s]+|\w+)\s*/.exec(rl.line.slice(rl.cursor));
    rl._moveCursor(match[0].length);
  }
}

function deleteLeft(rl) {
  if (rl.cursor > 0 && rl.line.length > 0) {
    const size = charLengthLeft(rl.line, rl.cursor);
    rl.line = rl.line.slice(0, rl.cursor - size) + rl.line.slice(rl.cursor);
    rl.cursor -= size;
    rl._refreshLine();
  }
}

function deleteRight(rl) {
  if (rl.cursor < rl.line.length) {
    const size = charLengthAt(rl.line, rl.cursor);
    rl.line = rl.line.slice(0, rl.cursor) + rl.line.slice(rl.cursor + size);
    rl._refreshLine();
  }
}

function deleteWordLeft(rl) {
  if (rl.cursor > 0) {
    const keep = rl.cursor - wordLengthLeft(rl);
    rl.line = rl.line.slice(0, keep) + rl.line.slice(rl.cursor);
    rl.cursor = keep;
    rl._refreshLine();
  }
}

function deleteWordRight(rl) {
  if (rl.cursor < rl.line.length) {
    const trailing = rl.line.slice(rl.cursor);
    const match = /^(?:\s+|\W+|\w+)\s*/.exec(trailing);
    rl.line = rl.line.slice(0, rl.cursor) + trailing.slice(match[0].length);
    rl._refreshLine();
  }
}

function deleteLineLeft(rl) {
  rl.line = rl.line.slice(rl.cursor);
  rl.cursor = 0;
  rl._refreshLine();
}

function deleteLineRight(rl) {
  rl.line = rl.line.slice(0, rl.cursor);
  rl._refreshLine();
}

// ---- history ----

// The accepted line goes to the front of the history (unless blank, a repeat of the newest entry, or
// history is off); 'history' listeners may edit the array, and the line returned is its front.
function addHistory(rl) {
  if (rl.line.length === 0) return '';
  if (rl.historySize === 0) return rl.line;
  if (rl.line.trim().length === 0) return rl.line;
  if (rl.history.length === 0 || rl.history[0] !== rl.line) {
    if (rl.removeHistoryDuplicates) {
      const duplicate = rl.history.indexOf(rl.line);
      if (duplicate !== -1) rl.history.splice(duplicate, 1);
    }
    rl.history.unshift(rl.line);
    if (rl.history.length > rl.historySize) rl.history.pop();
  }
  rl.historyIndex = -1;
  const line = rl.history[0];
  rl.emit('history', rl.history);
  return line;
}

// ↑ / ↓: the next older / newer entry that starts with what was typed before the first arrow press and
// differs from the line shown; past either end the typed text comes back.
function historyStep(rl, direction) {
  const search = rl[kSubstringSearch] || '';
  let index = rl.historyIndex + direction;
  while (index >= 0 && index < rl.history.length &&
         (!rl.history[index].startsWith(search) || rl.line === rl.history[index])) {
    index += direction;
  }
  rl.line = index === -1 || index === rl.history.length ? search : rl.history[index];
  rl.historyIndex = index;
  rl.cursor = rl.line.length;
  rl._refreshLine();
}

function historyPrev(rl) {
  if (rl.historyIndex < rl.history.length && rl.history.length) historyStep(rl, +1);
}

function historyNext(rl) {
  if (rl.historyIndex >= 0) historyStep(rl, -1);
}

// ---- lines ----

function acceptLine(rl) {
  const line = rl._addHistory();
  rl.clearLine();
  rl._onLine(line);
}

// Ctrl+C: 'SIGINT' listeners decide; without any the Interface closes (and readline/promises' pending
// question rejects).
function interrupt(rl) {
  if (rl.listenerCount('SIGINT') > 0) {
    rl.emit('SIGINT');
  } else {
    rl.close();
    rejectQuestion(rl, 'Aborted with Ctrl+C');
  }
}

function endOfInput(rl) {
  rl.close();
  rejectQuestion(rl, 'Aborted with Ctrl+D');
}

function rejectQuestion(rl, message) {
  const reject = rl[kQuestionReject];
  if (reject) {
    const { AbortError } = require('internal/errors');
    reject(new AbortError(message));
  }
}

// Tab: ask the completer (it may return a value or a promise, or take a callback; the answer is used a
// turn later either way, as Node awaits it) for [completions, completeOn]; insert what every completion
// shares beyond the typed word, or replace the word when they do not start with it. Node also lists
// several completions under the line on a second Tab; rt does not yet.
function tabComplete(rl) {
  rl.pause();
  const typed = rl.line.slice(0, rl.cursor);
  const answer = rl.completer.length === 2
    ? new Promise((resolve, reject) => rl.completer(typed, (err, value) => (err ? reject(err) : resolve(value))))
    : new Promise((resolve) => resolve(rl.completer(typed)));
  answer.then((value) => {
    rl.resume();
    applyCompletion(rl, value);
  }, (err) => {
    rl.resume();
    rl._writeToOutput(`Tab completion error: ${(inspect ??= require('internal/inspect')).inspect(err)}`);
  });
}

function applyCompletion(rl, [completions, completeOn] = []) {
  if (!completions || completions.length === 0) return;
  const matches = completions.filter((c) => c !== '');
  let prefix = matches[0] ?? '';
  for (const match of matches) {
    let i = 0;
    while (i < prefix.length && prefix[i] === match[i]) i++;
    prefix = prefix.slice(0, i);
  }
  if (prefix.startsWith(completeOn) && prefix.length > completeOn.length) {
    rl._insertString(prefix.slice(completeOn.length));
  } else if (!completeOn.startsWith(prefix)) {
    rl.line = rl.line.slice(0, rl.cursor - completeOn.length) + prefix + rl.line.slice(rl.cursor);
    rl.cursor = rl.cursor - completeOn.length + prefix.length;
    rl._refreshLine();
  }
}

// Text typed or written as a whole (rl.write('a\nb')): its line endings accept lines as Return would.
function insertText(rl, s) {
  const parts = splitLines(s);
  const last = parts.pop();
  for (const part of parts) {
    rl._insertString(part);
    rl._line();
  }
  rl._insertString(last);
}

function onReturn(rl) {
  rl[kSawReturnAt] = Date.now();
  rl._line();
}

// \n right after \r (within crlfDelay) is the second half of \r\n, already handled.
function onEnter(rl) {
  if (rl[kSawReturnAt] === 0 || Date.now() - rl[kSawReturnAt] > rl.crlfDelay) rl._line();
  rl[kSawReturnAt] = 0;
}

const ctrlShiftKeys = {
  backspace: deleteLineLeft,
  delete: deleteLineRight,
};

const ctrlKeys = {
  c: interrupt,
  h: deleteLeft,
  d(rl) {
    if (rl.cursor === 0 && rl.line.length === 0) endOfInput(rl);
    else if (rl.cursor < rl.line.length) deleteRight(rl);
  },
  u: deleteLineLeft,
  k: deleteLineRight,
  a: (rl) => rl._moveCursor(-Infinity),
  e: (rl) => rl._moveCursor(+Infinity),
  b: (rl) => rl._moveCursor(-charLengthLeft(rl.line, rl.cursor)),
  f: (rl) => rl._moveCursor(+charLengthAt(rl.line, rl.cursor)),
  l(rl) {
    cursorTo(rl.output, 0, 0);
    clearScreenDown(rl.output);
    rl._refreshLine();
  },
  n: historyNext,
  p: historyPrev,
  z(rl) {
    if (rl.listenerCount('SIGTSTP') > 0) rl.emit('SIGTSTP');
  },
  w: deleteWordLeft,
  backspace: deleteWordLeft,
  delete: deleteWordRight,
  left: wordLeft,
  right: wordRight,
};

const metaKeys = {
  b: wordLeft,
  f: wordRight,
  d: deleteWordRight,
  delete: deleteWordRight,
  backspace: deleteWordLeft,
};

const plainKeys = {
  return: onReturn,
  enter: onEnter,
  backspace: deleteLeft,
  delete: deleteRight,
  left: (rl) => rl._moveCursor(-charLengthLeft(rl.line, rl.cursor)),
  right: (rl) => rl._moveCursor(+charLengthAt(rl.line, rl.cursor)),
  home: (rl) => rl._moveCursor(-Infinity),
  end: (rl) => rl._moveCursor(+Infinity),
  up: historyPrev,
  down: historyNext,
};

function ttyWrite(rl, s, key) {
  if (process.env.TERM === 'dumb') {
    dumbWrite(rl, s, key);
    return;
  }
  key = key || {};
  // The prefix ↑/↓ filter on is what was typed before the first arrow press.
  if ((key.name === 'up' || key.name === 'down') && !key.ctrl && !key.meta && !key.shift) {
    if (rl[kSubstringSearch] === null) rl[kSubstringSearch] = rl.line.slice(0, rl.cursor);
  } else if (rl[kSubstringSearch] !== null) {
    rl[kSubstringSearch] = null;
    if (rl.history.length === rl.historyIndex) rl.historyIndex = -1;
  }
  if (key.name === 'escape') return;

  let action;
  if (key.ctrl && key.shift) {
    action = ctrlShiftKeys[key.name];
  } else if (key.ctrl) {
    action = ctrlKeys[key.name];
  } else if (key.meta) {
    action = metaKeys[key.name];
  } else {
    if (rl[kSawReturnAt] && key.name !== 'enter') rl[kSawReturnAt] = 0;
    if (key.name === 'tab' && typeof rl.completer === 'function' && rl.isCompletionEnabled) {
      action = tabComplete;
    } else {
      action = Object.hasOwn(plainKeys, key.name) ? plainKeys[key.name] : undefined;
      if (action === undefined && typeof s === 'string' && s) action = (target) => insertText(target, s);
    }
  }
  if (action !== undefined) action(rl);
}

// TERM=dumb: no cursor movement at all; keys append, Return accepts (Node's _ttyWriteDumb).
function dumbWrite(rl, s, key) {
  key = key || {};
  if (key.name === 'escape') return;
  if (rl[kSawReturnAt] && key.name !== 'enter') rl[kSawReturnAt] = 0;
  if (key.ctrl && key.name === 'c') {
    interrupt(rl);
    return;
  }
  if (key.ctrl && key.name === 'd') {
    rl.close();
    return;
  }
  if (key.name === 'return') onReturn(rl);
  else if (key.name === 'enter') onEnter(rl);
  else if (typeof s === 'string' && s) {
    rl.line += s;
    rl.cursor += s.length;
    rl._writeToOutput(s);
  }
}

module.exports = {
  ttyWrite, refreshLine, insertString, moveCursor, addHistory, acceptLine, cursorPos, displayPos,
};
