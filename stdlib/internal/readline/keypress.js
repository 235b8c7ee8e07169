// readline.emitKeypressEvents(stream): once someone listens for 'keypress' on `stream`, its 'data' is
// decoded into keys and each is emitted as `stream.emit('keypress', string, key)` with
// key = { sequence, name, ctrl, meta, shift } (plus `code` for escape sequences), the names Node uses.
//
// The decoder is a generator fed one character at a time: an escape sequence spans several feeds, and a
// lone ESC at the end of a chunk is settled as the 'escape' key after `escapeCodeTimeout` ms.

const kDecoder = Symbol('keypress-decoder');
const kKeys = Symbol('keypress-keys');
const kEscape = '\x1b';
const kEscapeCodeTimeout = 500;

// Key names for the escape sequences terminals send, by their code (the part after ESC, with modifier
// digits taken out): xterm, VT220, rxvt, Cygwin and the Linux console.
const keyNames = {
  'OP': 'f1', 'OQ': 'f2', 'OR': 'f3', 'OS': 'f4',
  '[11~': 'f1', '[12~': 'f2', '[13~': 'f3', '[14~': 'f4',
  '[[A': 'f1', '[[B': 'f2', '[[C': 'f3', '[[D': 'f4', '[[E': 'f5',
  '[15~': 'f5', '[17~': 'f6', '[18~': 'f7', '[19~': 'f8', '[20~': 'f9', '[21~': 'f10', '[23~': 'f11', '[24~': 'f12',
  '[P': 'f1', '[Q': 'f2', '[R': 'f3', '[S': 'f4',
  '[A': 'up', '[B': 'down', '[C': 'right', '[D': 'left', '[E': 'clear', '[F': 'end', '[H': 'home',
  'OA': 'up', 'OB': 'down', 'OC': 'right', 'OD': 'left', 'OE': 'clear', 'OF': 'end', 'OH': 'home',
  '[1~': 'home', '[2~': 'insert', '[3~': 'delete', '[4~': 'end', '[5~': 'pageup', '[6~': 'pagedown',
  '[[5~': 'pageup', '[[6~': 'pagedown', '[7~': 'home', '[8~': 'end',
  '[200~': 'paste-start', '[201~': 'paste-end', // bracketed paste
};
// rxvt spells shift and ctrl variants with their own final characters.
const shiftedKeys = {
  '[a': 'up', '[b': 'down', '[c': 'right', '[d': 'left', '[e': 'clear',
  '[2$': 'insert', '[3$': 'delete', '[5$': 'pageup', '[6$': 'pagedown', '[7$': 'home', '[8$': 'end',
  '[Z': 'tab',
};
const ctrlKeys = {
  'Oa': 'up', 'Ob': 'down', 'Oc': 'right', 'Od': 'left', 'Oe': 'clear',
  '[2^': 'insert', '[3^': 'delete', '[5^': 'pageup', '[6^': 'pagedown', '[7^': 'home', '[8^': 'end',
};

const isDigit = (ch) => ch >= '0' && ch <= '9';
const isOneCodePoint = (s) => s.length === (s.codePointAt(0) > 0xffff ? 2 : 1);

// Reads the rest of an escape sequence after ESC plus 'O' or '['; returns its code and modifier bits
// (1 shift, 2 alt, 4 ctrl, 8 meta, as xterm numbers them minus one).
function* readSequence(first, sequence) {
  let code = first;
  let modifier = 0;
  let ch;
  if (first === 'O') {
    // ESC O letter, or ESC O modifier letter
    sequence.text += (ch = yield);
    if (isDigit(ch)) {
      modifier = Number(ch) - 1;
      sequence.text += (ch = yield);
    }
    return { code: code + ch, modifier };
  }
  // ESC [ letter, ESC [ modifier letter, ESC [ [ num char, ESC [ num ~, ESC [ num ; modifier ~
  sequence.text += (ch = yield);
  if (ch === '[') {
    code += ch;
    sequence.text += (ch = yield);
  }
  const start = sequence.text.length - 1;
  for (let digits = 0; digits < 3 && isDigit(ch); digits++) sequence.text += (ch = yield);
  if (ch === ';') {
    sequence.text += (ch = yield);
    if (isDigit(ch)) sequence.text += yield;
  }
  const body = sequence.text.slice(start);
  let match;
  if ((match = /^(?:(\d\d?)(?:;(\d))?([~^$])|(\d{3}~))$/.exec(body))) {
    if (match[4]) return { code: code + match[4], modifier };
    return { code: code + match[1] + match[3], modifier: (match[2] || 1) - 1 };
  }
  if ((match = /^((\d;)?(\d))?([A-Za-z])$/.exec(body))) {
    return { code: code + match[4], modifier: (match[3] || 1) - 1 };
  }
  return { code: code + body, modifier };
}

function nameSequence(key, code) {
  if (Object.hasOwn(shiftedKeys, code)) {
    key.name = shiftedKeys[code];
    key.shift = true;
  } else if (Object.hasOwn(ctrlKeys, code)) {
    key.name = ctrlKeys[code];
    key.ctrl = true;
  } else if (Object.hasOwn(keyNames, code)) {
    key.name = keyNames[code];
  } else {
    key.name = 'undefined';
  }
}

function* decodeKeys(stream) {
  while (true) {
    let ch = yield;
    const sequence = { text: ch };
    let escaped = false;
    const key = { sequence: null, name: undefined, ctrl: false, meta: false, shift: false };

    if (ch === kEscape) {
      escaped = true;
      sequence.text += (ch = yield);
      // ESC ESC: the second one starts the sequence, the first means meta.
      if (ch === kEscape) sequence.text += (ch = yield);
    }

    if (escaped && (ch === 'O' || ch === '[')) {
      const { code, modifier } = yield* readSequence(ch, sequence);
      key.ctrl = Boolean(modifier & 4);
      key.meta = Boolean(modifier & 10);
      key.shift = Boolean(modifier & 1);
      key.code = code;
      nameSequence(key, code);
    } else if (ch === '\r') {
      key.name = 'return';
      key.meta = escaped;
    } else if (ch === '\n') {
      key.name = 'enter';
      key.meta = escaped;
    } else if (ch === '\t') {
      key.name = 'tab';
      key.meta = escaped;
    } else if (ch === '\b' || ch === '\x7f') {
      key.name = 'backspace';
      key.meta = escaped;
    } else if (ch === kEscape) {
      key.name = 'escape';
      key.meta = escaped;
    } else if (ch === ' ') {
      key.name = 'space';
      key.meta = escaped;
    } else if (!escaped && ch <= '\x1a') {
      // Ctrl+letter arrives as the letter's position in the alphabet.
      key.name = String.fromCharCode(ch.charCodeAt(0) + 'a'.charCodeAt(0) - 1);
      key.ctrl = true;
    } else if (/^[0-9A-Za-z]$/.test(ch)) {
      key.name = ch.toLowerCase();
      key.shift = /^[A-Z]$/.test(ch);
      key.meta = escaped;
    } else if (escaped) {
      // ESC followed by something unnamed is meta+that; ESC that timed out ('' fed) is the escape key.
      key.name = ch.length ? undefined : 'escape';
      key.meta = true;
    }

    const s = sequence.text;
    key.sequence = s;
    if (s.length !== 0 && (key.name !== undefined || escaped)) {
      stream.emit('keypress', escaped ? undefined : s, key);
    } else if (isOneCodePoint(s)) {
      // An unnamed printable character (one code point): emitted with no name.
      stream.emit('keypress', s, key);
    }
    // Anything else (a broken sequence) is dropped.
  }
}

function emitKeypressEvents(stream, iface = {}) {
  if (stream[kDecoder]) return;
  const { StringDecoder } = require('string_decoder');
  stream[kDecoder] = new StringDecoder('utf8');
  stream[kKeys] = decodeKeys(stream);
  stream[kKeys].next();

  const escapeCodeTimeout = iface.escapeCodeTimeout ?? kEscapeCodeTimeout;
  let timer;
  const settleEscape = () => stream[kKeys].next('');

  function onData(input) {
    if (stream.listenerCount('keypress') === 0) {
      // Nobody is listening any more: stop decoding until someone does.
      stream.removeListener('data', onData);
      stream.on('newListener', onNewListener);
      return;
    }
    const string = stream[kDecoder].write(input);
    if (!string) return;
    clearTimeout(timer);
    const characters = [...string];
    // readline completes on tab only when the tab ends the chunk (a pasted tab is text).
    iface.isCompletionEnabled = false;
    let length = 0;
    for (const character of characters) {
      length += character.length;
      if (length === string.length) iface.isCompletionEnabled = true;
      try {
        stream[kKeys].next(character);
        if (length === string.length && character === kEscape) timer = setTimeout(settleEscape, escapeCodeTimeout);
      } catch (err) {
        // A listener threw: start a fresh decoder so later input still decodes, then rethrow.
        stream[kKeys] = decodeKeys(stream);
        stream[kKeys].next();
        throw err;
      }
    }
  }

  function onNewListener(event) {
    if (event === 'keypress') {
      stream.on('data', onData);
      stream.removeListener('newListener', onNewListener);
    }
  }

  if (stream.listenerCount('keypress') > 0) stream.on('data', onData);
  else stream.on('newListener', onNewListener);
}

module.exports = { emitKeypressEvents };
