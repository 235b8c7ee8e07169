// node:string_decoder — decodes a stream of byte chunks into strings without splitting characters.
//
// Node keeps the decoder state in a 7-byte Buffer (`kNativeDecoder`) that its C++ decoder reads and writes:
// bytes 0-3 hold the incomplete character, byte 4 how many bytes it still misses, byte 5 how many are buffered,
// byte 6 the encoding. The same layout is kept here (it is what `lastChar`/`lastNeed`/`lastTotal` expose and what
// inspect() shows) and the algorithm is the C++ one, so chunk boundaries give the same strings, replacement
// characters included.

const { Buffer } = require('buffer');
const { codes } = require('internal/errors');
const { ERR_INVALID_ARG_TYPE, ERR_INVALID_THIS, ERR_UNKNOWN_ENCODING } = codes;

const kNativeDecoder = Symbol('kNativeDecoder');

const kIncompleteCharactersStart = 0;
const kIncompleteCharactersEnd = 4;
const kMissingBytes = 4;
const kBufferedBytes = 5;
const kEncodingField = 6;
const kSize = 7;

// Node's `enum encoding` values, stored in the state buffer.
const encodingIds = { ascii: 0, utf8: 1, base64: 2, utf16le: 3, latin1: 4, hex: 5, base64url: 7 };

const toLowerCase = String.prototype.toLowerCase;

// Node's normalizeEncoding: the common spellings, case-insensitively; undefined for anything else.
function normalizeEncoding(enc) {
  if (enc == null || enc === 'utf8' || enc === 'utf-8' || enc === '') return 'utf8';
  if (typeof enc !== 'string') return undefined;
  switch (toLowerCase.call(enc)) {
    case 'utf8':
    case 'utf-8':
      return 'utf8';
    case 'ucs2':
    case 'ucs-2':
    case 'utf16le':
    case 'utf-16le':
      return 'utf16le';
    case 'latin1':
    case 'binary':
      return 'latin1';
    case 'base64':
      return 'base64';
    case 'base64url':
      return 'base64url';
    case 'hex':
      return 'hex';
    case 'ascii':
      return 'ascii';
    default:
      return undefined;
  }
}

let decodeBytes;
// Bytes → string for one encoding. UTF-16LE is decoded here so lone surrogates survive as they do in Node.
function bytesToString(bytes, start, end, encoding) {
  if (end <= start) return '';
  if (encoding === 'utf16le') {
    let out = '';
    const units = [];
    for (let i = start; i + 1 < end; i += 2) {
      units.push(bytes[i] | (bytes[i + 1] << 8));
      if (units.length === 4096) {
        out += String.fromCharCode.apply(null, units);
        units.length = 0;
      }
    }
    return out + String.fromCharCode.apply(null, units);
  }
  if (decodeBytes === undefined) decodeBytes = binding.buffer.decode;
  return decodeBytes(bytes, encoding, start, end);
}

function isContinuationByte(byte) {
  return (byte & 0xC0) === 0x80;
}

// Node puts the value in the message with util.format's %s, which inspects objects that only have a built-in
// toString ('Unknown encoding: { a: 1 }', '[ 'hex' ]').
function describeEncoding(enc) {
  if (typeof enc === 'object' && enc !== null &&
      (enc.toString === Object.prototype.toString || enc.toString === Array.prototype.toString)) {
    return require('internal/inspect').inspect(enc, { depth: 0, colors: false, compact: 3 });
  }
  return enc;
}

function StringDecoder(encoding) {
  const normalized = normalizeEncoding(encoding);
  if (normalized === undefined) throw new ERR_UNKNOWN_ENCODING(describeEncoding(encoding));
  this.encoding = normalized;
  this[kNativeDecoder] = Buffer.alloc(kSize);
  this[kNativeDecoder][kEncodingField] = encodingIds[normalized];
}

// Decodes `bytes`, first completing a character left over from the previous chunk, then holding back a
// character cut at the end of this one.
function decode(decoder, state, bytes) {
  const encoding = decoder.encoding;
  if (encoding === 'ascii' || encoding === 'hex' || encoding === 'latin1') {
    return bytesToString(bytes, 0, bytes.length, encoding);
  }

  let start = 0;
  const length = bytes.length;
  let prepend = '';

  if (state[kMissingBytes] > 0) {
    if (encoding === 'utf8') {
      // A non-continuation byte where one was expected ends the incomplete character early (it decodes to a
      // replacement character) and starts a new one.
      for (let i = 0; i < length && i < state[kMissingBytes]; i++) {
        if (!isContinuationByte(bytes[i])) {
          state[kMissingBytes] = 0;
          state.set(bytes.subarray(0, i), state[kBufferedBytes]);
          state[kBufferedBytes] += i;
          start = i;
          break;
        }
      }
    }
    const found = Math.min(length - start, state[kMissingBytes]);
    state.set(bytes.subarray(start, start + found), state[kBufferedBytes]);
    start += found;
    state[kMissingBytes] -= found;
    state[kBufferedBytes] += found;
    if (state[kMissingBytes] === 0) {
      prepend = bytesToString(state, kIncompleteCharactersStart, state[kBufferedBytes], encoding);
      state[kBufferedBytes] = 0;
    }
  }

  // The previous character took the whole chunk.
  if (start === length) return prepend;

  let end = length;
  if (encoding === 'utf8') {
    if (bytes[end - 1] & 0x80) {
      // Ends on a non-ASCII byte: find where its character starts and whether it is complete.
      let buffered = 0;
      let missing = 0;
      for (let i = end - 1; ; --i) {
        buffered++;
        if (isContinuationByte(bytes[i])) {
          // Four or more continuation bytes, or no lead byte in this chunk: invalid, decode as is.
          if (buffered >= 4 || i === start) {
            buffered = 0;
            break;
          }
        } else {
          const lead = bytes[i];
          if ((lead & 0xE0) === 0xC0) missing = 2;
          else if ((lead & 0xF0) === 0xE0) missing = 3;
          else if ((lead & 0xF8) === 0xF0) missing = 4;
          else {
            buffered = 0; // not a lead byte of a representable character
            break;
          }
          if (buffered >= missing) {
            // Complete (or over-long, which is invalid anyway): nothing to hold back.
            missing = 0;
            buffered = 0;
          }
          missing -= buffered;
          break;
        }
      }
      state[kBufferedBytes] = buffered;
      state[kMissingBytes] = missing;
    }
  } else if (encoding === 'utf16le') {
    if ((end - start) % 2 === 1) {
      // Half a code unit.
      state[kBufferedBytes] = 1;
      state[kMissingBytes] = 1;
    } else if ((bytes[end - 1] & 0xFC) === 0xD8) {
      // A high surrogate: wait for its pair.
      state[kBufferedBytes] = 2;
      state[kMissingBytes] = 2;
    }
  } else {
    // base64 / base64url: whole 3-byte groups only, so no padding appears mid-stream.
    state[kBufferedBytes] = (end - start) % 3;
    if (state[kBufferedBytes] > 0) state[kMissingBytes] = 3 - state[kBufferedBytes];
  }

  const buffered = state[kBufferedBytes];
  if (buffered > 0) {
    end -= buffered;
    state.set(bytes.subarray(end, end + buffered), kIncompleteCharactersStart);
  }
  return prepend + bytesToString(bytes, start, end, encoding);
}

// What is left at end(): the buffered bytes decoded as they are (a cut UTF-8 character gives U+FFFD, a lone high
// surrogate stays, a trailing odd UTF-16 byte is dropped).
function flush(decoder, state) {
  if (decoder.encoding === 'utf16le' && state[kBufferedBytes] % 2 === 1) {
    state[kMissingBytes]--;
    state[kBufferedBytes]--;
  }
  if (state[kBufferedBytes] === 0) return '';
  const out = bytesToString(state, kIncompleteCharactersStart, state[kBufferedBytes], decoder.encoding);
  state[kMissingBytes] = 0;
  state[kBufferedBytes] = 0;
  return out;
}

function asBytes(view) {
  if (view instanceof Uint8Array) return view;
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

StringDecoder.prototype.write = function write(buf) {
  if (typeof buf === 'string') return buf;
  if (!ArrayBuffer.isView(buf)) throw new ERR_INVALID_ARG_TYPE('buf', ['Buffer', 'TypedArray', 'DataView'], buf);
  const state = this[kNativeDecoder];
  if (!state) throw new ERR_INVALID_THIS('StringDecoder');
  return decode(this, state, asBytes(buf));
};

StringDecoder.prototype.end = function end(buf) {
  let ret = '';
  if (buf !== undefined) ret = this.write(buf);
  if (this[kNativeDecoder][kBufferedBytes] > 0) ret += flush(this, this[kNativeDecoder]);
  return ret;
};

// Undocumented legacy method: drops any pending state, then decodes `buf` from `offset`.
StringDecoder.prototype.text = function text(buf, offset) {
  this[kNativeDecoder][kMissingBytes] = 0;
  this[kNativeDecoder][kBufferedBytes] = 0;
  return this.write(buf.slice(offset));
};

Object.defineProperties(StringDecoder.prototype, {
  lastChar: {
    configurable: true,
    enumerable: true,
    get() {
      return this[kNativeDecoder].subarray(kIncompleteCharactersStart, kIncompleteCharactersEnd);
    },
  },
  lastNeed: {
    configurable: true,
    enumerable: true,
    get() {
      return this[kNativeDecoder][kMissingBytes];
    },
  },
  lastTotal: {
    configurable: true,
    enumerable: true,
    get() {
      return this[kNativeDecoder][kBufferedBytes] + this[kNativeDecoder][kMissingBytes];
    },
  },
});

exports.StringDecoder = StringDecoder;
