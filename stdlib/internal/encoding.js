// TextEncoder / TextDecoder (WHATWG Encoding) as Node 20 exposes them globally. Bytes <-> text conversion is
// native (`binding.buffer.encode/decode`); this file adds the Web API around it: label lookup, BOM handling,
// `fatal` validation and `{ stream: true }` decoding that holds back a sequence cut off at a chunk's end.
//
// Supported encodings: utf-8, utf-16le, utf-16be and windows-1252 (with all their WHATWG labels: latin1, ascii,
// iso-8859-1, utf-16, ...). Node decodes windows-1252 as plain ISO-8859-1 (0x80 -> U+0080), and so do we.
// Other ICU-backed encodings Node knows (gbk, iso-8859-2, shift_jis...) throw ERR_ENCODING_NOT_SUPPORTED.

const kCustomInspect = Symbol.for('nodejs.util.inspect.custom');

// WHATWG label -> encoding name, for the encodings above.
const labels = new Map();
function addLabels(name, list) {
  for (const label of list) labels.set(label, name);
}
addLabels('utf-8', ['unicode-1-1-utf-8', 'unicode11utf8', 'unicode20utf8', 'utf-8', 'utf8', 'x-unicode20utf8']);
addLabels('utf-16le', ['csunicode', 'iso-10646-ucs-2', 'ucs-2', 'unicode', 'unicodefeff', 'utf-16', 'utf-16le']);
addLabels('utf-16be', ['unicodefffe', 'utf-16be']);
addLabels('windows-1252', [
  'ansi_x3.4-1968', 'ascii', 'cp1252', 'cp819', 'csisolatin1', 'ibm819', 'iso-8859-1', 'iso-ir-100', 'iso8859-1',
  'iso88591', 'iso_8859-1', 'iso_8859-1:1987', 'l1', 'latin1', 'us-ascii', 'windows-1252', 'x-cp1252',
]);

// Label matching trims ASCII whitespace (TAB, LF, FF, CR, SPACE) and lower-cases ASCII letters only.
function lookupEncoding(label) {
  const trimmed = label.replace(/^[\t\n\f\r ]+|[\t\n\f\r ]+$/g, '');
  const lowered = trimmed.replace(/[A-Z]+/g, (s) => s.toLowerCase());
  return labels.get(lowered);
}

function errors() {
  return require('internal/errors').codes;
}

// Node raises these two from C++, so their toString() has no `[CODE]` part even though `code` is set.
function nativeTypeError(message, code) {
  const err = new TypeError(message);
  err.code = code;
  return err;
}

function invalidEncodedData(encoding) {
  return nativeTypeError(`The encoded data was not valid for encoding ${encoding}`,
    'ERR_ENCODING_INVALID_ENCODED_DATA');
}

// Node words the bad-input error differently depending on which internal decode path runs.
function invalidInput(path) {
  let message;
  if (path === 'utf8-fast') {
    message = 'The "list" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.';
  } else if (path === 'latin1-fast') {
    message = 'The "input" argument must be an instance of ArrayBuffer, SharedArrayBuffer, or ArrayBufferView.';
  } else {
    message = 'The "input" argument must be an instance of SharedArrayBuffer, ArrayBuffer or ArrayBufferView.';
  }
  return nativeTypeError(message, 'ERR_INVALID_ARG_TYPE');
}

// ArrayBuffer / SharedArrayBuffer / any ArrayBufferView -> a Uint8Array over the same memory, or undefined.
function toBytes(input) {
  if (input instanceof Uint8Array) return input;
  if (ArrayBuffer.isView(input)) return new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  if (input instanceof ArrayBuffer) return new Uint8Array(input);
  if (typeof SharedArrayBuffer === 'function' && input instanceof SharedArrayBuffer) return new Uint8Array(input);
  return undefined;
}

function concatBytes(a, b) {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

function validateOptionsObject(options) {
  if (options !== null && typeof options !== 'object' && typeof options !== 'function') {
    throw new (errors().ERR_INVALID_ARG_TYPE)('options', 'object', options);
  }
}

// Where a UTF-8 sequence that is still a valid prefix starts in the last 1-3 bytes, or `length` when the chunk
// ends on a boundary (or on bytes that are already invalid, which decode to U+FFFD right away).
function incompleteUtf8Start(bytes, length) {
  for (let back = 1; back <= 3 && back <= length; back++) {
    const lead = bytes[length - back];
    if ((lead & 0xc0) === 0x80) continue;
    let needed = 0;
    if (lead >= 0xc2 && lead <= 0xdf) needed = 2;
    else if (lead >= 0xe0 && lead <= 0xef) needed = 3;
    else if (lead >= 0xf0 && lead <= 0xf4) needed = 4;
    if (needed <= back) return length;
    if (back >= 2) {
      // The second byte of E0/ED/F0/F4 sequences has a narrower range (no overlongs, surrogates or > U+10FFFF).
      const second = bytes[length - back + 1];
      let low = 0x80;
      let high = 0xbf;
      if (lead === 0xe0) low = 0xa0;
      else if (lead === 0xed) high = 0x9f;
      else if (lead === 0xf0) low = 0x90;
      else if (lead === 0xf4) high = 0x8f;
      if (second < low || second > high) return length;
    }
    return length - back;
  }
  return length;
}

// Strict UTF-8 well-formedness (WHATWG decoder without replacement), used only for `fatal` decoders whose
// output contained U+FFFD, to tell a decoding error from an encoded U+FFFD.
function isWellFormedUtf8(bytes, length) {
  let i = 0;
  while (i < length) {
    const lead = bytes[i];
    if (lead < 0x80) {
      i++;
      continue;
    }
    let needed;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) {
      needed = 1;
    } else if (lead >= 0xe0 && lead <= 0xef) {
      needed = 2;
      if (lead === 0xe0) low = 0xa0;
      else if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      needed = 3;
      if (lead === 0xf0) low = 0x90;
      else if (lead === 0xf4) high = 0x8f;
    } else {
      return false;
    }
    if (i + needed >= length) return false;
    for (let k = 1; k <= needed; k++) {
      const byte = bytes[i + k];
      if (byte < low || byte > high) return false;
      low = 0x80;
      high = 0xbf;
    }
    i += needed + 1;
  }
  return true;
}

const surrogatePattern = /[\uD800-\uDFFF]/;
const surrogateUnitsPattern = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;

// UTF-16 decoding yields U+FFFD for unpaired surrogates (or throws when fatal).
function replaceLoneSurrogates(text, fatal, encoding) {
  if (!surrogatePattern.test(text)) return text;
  return text.replace(surrogateUnitsPattern, (units) => {
    if (units.length === 2) return units;
    if (fatal) throw invalidEncodedData(encoding);
    return '\uFFFD';
  });
}

let isTextEncoder;

class TextEncoder {
  #brand = true;

  get encoding() {
    if (!isTextEncoder(this)) throw new (errors().ERR_INVALID_THIS)('TextEncoder');
    return 'utf-8';
  }

  encode(input = '') {
    if (!isTextEncoder(this)) throw new (errors().ERR_INVALID_THIS)('TextEncoder');
    return binding.buffer.encode(`${input}`, 'utf8');
  }

  encodeInto(src, dest) {
    if (!isTextEncoder(this)) throw new (errors().ERR_INVALID_THIS)('TextEncoder');
    if (typeof src !== 'string') throw new (errors().ERR_INVALID_ARG_TYPE)('src', 'string', src);
    if (!(dest instanceof Uint8Array)) throw new (errors().ERR_INVALID_ARG_TYPE)('dest', 'Uint8Array', dest);
    // At most dest.length code units can fit (each takes >= 1 byte); a pair split by that cut cannot fit either.
    let source = src;
    if (source.length > dest.length) {
      let cut = dest.length;
      const last = source.charCodeAt(cut - 1);
      const next = source.charCodeAt(cut);
      if (last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) cut--;
      source = source.slice(0, cut);
    }
    const bytes = binding.buffer.encode(source, 'utf8');
    let written = bytes.length;
    if (written > dest.length) {
      // Back up to the start of the character that does not fit.
      written = dest.length;
      while (written > 0 && (bytes[written] & 0xc0) === 0x80) written--;
    }
    dest.set(written === bytes.length ? bytes : bytes.subarray(0, written), 0);
    // Each character's bytes decode back to as many UTF-16 units as it was read from (a lone surrogate
    // was written as U+FFFD, still one unit).
    const read = written === 0 ? 0 : binding.buffer.decode(bytes, 'utf8', 0, written).length;
    return { read, written };
  }

  // Node prints `{ encoding: 'utf-8' }` (no class name) for a TextEncoder.
  [kCustomInspect](depth, options, inspect) {
    if (!isTextEncoder(this)) throw new (errors().ERR_INVALID_THIS)('TextEncoder');
    if (typeof depth === 'number' && depth < 0) return stylizeSpecial(options, '[TextEncoder]');
    return inspect({ encoding: 'utf-8' }, options);
  }

  static {
    isTextEncoder = (value) => value !== null && typeof value === 'object' && #brand in value;
  }
}

function stylizeSpecial(options, text) {
  return options && typeof options.stylize === 'function' ? options.stylize(text, 'special') : text;
}

let isTextDecoder;

class TextDecoder {
  #encoding;
  #fatal;
  #ignoreBOM;
  // Node skips options validation on its utf-8/latin1 fast path until the decoder is first used in stream mode.
  #fastPath;
  // Bytes of an incomplete sequence held back from the previous `{ stream: true }` call.
  #pending = null;
  // Whether the start of the current stream has been decoded (the BOM is only stripped there).
  #started = false;

  constructor(encoding = 'utf-8', options = undefined) {
    encoding = `${encoding}`;
    if (options !== undefined) validateOptionsObject(options);
    const name = lookupEncoding(encoding);
    if (name === undefined) throw new (errors().ERR_ENCODING_NOT_SUPPORTED)(encoding);
    this.#encoding = name;
    this.#fatal = Boolean(options?.fatal);
    this.#ignoreBOM = Boolean(options?.ignoreBOM);
    this.#fastPath = name === 'utf-8' || name === 'windows-1252';
  }

  get encoding() {
    if (!isTextDecoder(this)) throw new (errors().ERR_INVALID_THIS)('TextDecoder');
    return this.#encoding;
  }

  get fatal() {
    if (!isTextDecoder(this)) throw new (errors().ERR_INVALID_THIS)('TextDecoder');
    return this.#fatal;
  }

  get ignoreBOM() {
    if (!isTextDecoder(this)) throw new (errors().ERR_INVALID_THIS)('TextDecoder');
    return this.#ignoreBOM;
  }

  decode(input = undefined, options = undefined) {
    if (!isTextDecoder(this)) throw new (errors().ERR_INVALID_THIS)('TextDecoder');
    if (this.#fastPath && options?.stream) this.#fastPath = false;
    let path = 'generic';
    if (this.#fastPath) {
      path = this.#encoding === 'utf-8' ? 'utf8-fast' : 'latin1-fast';
    } else if (options !== undefined) {
      validateOptionsObject(options);
    }
    const stream = Boolean(options?.stream);
    let bytes;
    if (input === undefined) {
      bytes = new Uint8Array(0);
    } else {
      bytes = toBytes(input);
      if (bytes === undefined) throw invalidInput(path);
    }

    let text;
    if (this.#encoding === 'utf-8') {
      text = this.#decodeUtf8(bytes, stream);
    } else if (this.#encoding === 'windows-1252') {
      // Node's latin1 fast path drops a leading 0xFF byte when ignoreBOM is set; mirrored for identical output.
      const start = path === 'latin1-fast' && this.#ignoreBOM && bytes[0] === 0xff ? 1 : 0;
      text = bytes.length <= start ? '' : binding.buffer.decode(bytes, 'latin1', start, bytes.length);
    } else {
      text = this.#decodeUtf16(bytes, stream, this.#encoding === 'utf-16be');
    }

    if (this.#encoding !== 'windows-1252' && !this.#started && text.length > 0) {
      this.#started = true;
      if (!this.#ignoreBOM && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (!stream) {
      // The end of a stream: the next call starts a new one.
      this.#started = false;
      this.#pending = null;
    }
    return text;
  }

  #takePending(bytes) {
    const pending = this.#pending;
    this.#pending = null;
    return pending === null ? bytes : concatBytes(pending, bytes);
  }

  #decodeUtf8(bytes, stream) {
    const data = this.#takePending(bytes);
    let end = data.length;
    if (stream) {
      end = incompleteUtf8Start(data, end);
      if (end < data.length) this.#pending = data.slice(end);
    }
    if (end === 0) return '';
    const text = binding.buffer.decode(data, 'utf8', 0, end);
    if (this.#fatal && text.includes('\uFFFD') && !isWellFormedUtf8(data, end)) {
      this.#pending = null;
      this.#started = false;
      throw invalidEncodedData('utf-8');
    }
    return text;
  }

  #decodeUtf16(bytes, stream, bigEndian) {
    let data = this.#takePending(bytes);
    let end = data.length - (data.length % 2);
    if (stream && end >= 2) {
      // Hold back a high surrogate whose pair may arrive with the next chunk.
      const unit = bigEndian ? (data[end - 2] << 8) | data[end - 1] : (data[end - 1] << 8) | data[end - 2];
      if (unit >= 0xd800 && unit <= 0xdbff) end -= 2;
    }
    let trailingOddByte = false;
    if (end < data.length) {
      if (stream) {
        this.#pending = data.slice(end);
      } else {
        trailingOddByte = true;
      }
    }
    if (bigEndian && end > 0) {
      const swapped = new Uint8Array(end);
      for (let i = 0; i < end; i += 2) {
        swapped[i] = data[i + 1];
        swapped[i + 1] = data[i];
      }
      data = swapped;
    }
    let text = end === 0 ? '' : binding.buffer.decode(data, 'utf16le', 0, end);
    // A lone high surrogate followed by a stray final byte is a single error at the end of the stream.
    const last = text.charCodeAt(text.length - 1);
    const endsInHighSurrogate = last >= 0xd800 && last <= 0xdbff;
    text = replaceLoneSurrogates(text, this.#fatal, this.#encoding);
    if (trailingOddByte) {
      if (this.#fatal) throw invalidEncodedData(this.#encoding);
      if (!endsInHighSurrogate) text += '\uFFFD';
    }
    return text;
  }

  [kCustomInspect](depth, options, inspect) {
    if (!isTextDecoder(this)) throw new (errors().ERR_INVALID_THIS)('TextDecoder');
    if (typeof depth === 'number' && depth < 0) return stylizeSpecial(options, '[TextDecoder]');
    const name = (this.constructor && this.constructor.name) || 'TextDecoder';
    // Node formats the fields with default options (not the caller's), so mirror that.
    return `${name} ${inspect({ encoding: this.#encoding, fatal: this.#fatal, ignoreBOM: this.#ignoreBOM })}`;
  }

  static {
    isTextDecoder = (value) => value !== null && typeof value === 'object' && #encoding in value;
  }
}

for (const [Class, keys] of [[TextEncoder, ['encoding', 'encode', 'encodeInto']],
  [TextDecoder, ['decode', 'encoding', 'fatal', 'ignoreBOM']]]) {
  for (const key of keys) Object.defineProperty(Class.prototype, key, { enumerable: true });
  Object.defineProperty(Class.prototype, Symbol.toStringTag, {
    value: Class.name, writable: false, enumerable: false, configurable: true,
  });
}

module.exports = { TextEncoder, TextDecoder };
