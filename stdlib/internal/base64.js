// The global atob/btoa: "forgiving-base64" decode (WHATWG infra) and base64 of a binary (latin1) string, with
// Node's errors: an InvalidCharacterError DOMException, and ERR_MISSING_ARGS when called without an argument.
// Done in plain JavaScript so that padding/whitespace/trailing-bit leniency is exactly the spec's, not whatever
// a native base64 decoder happens to accept.

const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

// char code -> 6-bit value, -1 for characters outside the alphabet.
let decodeTable;
function getDecodeTable() {
  if (decodeTable === undefined) {
    decodeTable = new Int8Array(128).fill(-1);
    for (let i = 0; i < alphabet.length; i++) decodeTable[alphabet.charCodeAt(i)] = i;
  }
  return decodeTable;
}

function invalidCharacter(message = 'Invalid character') {
  const { DOMException } = require('internal/dom_exception');
  return new DOMException(message, 'InvalidCharacterError');
}

// ASCII whitespace per WHATWG infra: TAB, LF, FF, CR, SPACE (not VT).
function isAsciiWhitespace(code) {
  return code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d || code === 0x20;
}

// Builds a string from char codes in slices, keeping argument lists short.
function fromCharCodes(codes, length) {
  let out = '';
  for (let i = 0; i < length; i += 8192) {
    out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(i + 8192, length)));
  }
  return out;
}

function atob(input) {
  if (arguments.length === 0) {
    const { codes } = require('internal/errors');
    throw new codes.ERR_MISSING_ARGS('input');
  }
  input = `${input}`;
  const table = getDecodeTable();

  // Validate as Node does: whitespace is skipped, `=` may only come at the end and at most twice.
  let significant = 0;
  let equals = 0;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (isAsciiWhitespace(code)) continue;
    if (code === 0x3d) {
      significant++;
      equals++;
      if (equals > 2) throw invalidCharacter();
    } else if (code < 128 && table[code] !== -1) {
      if (equals > 0) throw invalidCharacter();
      significant++;
    } else {
      throw invalidCharacter();
    }
  }
  // A single leftover character can never encode a byte; Node reports that before misplaced padding.
  if ((significant - equals) % 4 === 1) {
    throw invalidCharacter('The string to be decoded is not correctly encoded.');
  }
  // Padding is only allowed when it completes a 4-character group.
  if (equals > 0 && significant % 4 !== 0) throw invalidCharacter();

  const dataLength = significant - equals;
  const out = new Uint8Array(Math.floor(dataLength * 3 / 4));
  let written = 0;
  let buffer = 0;
  let bits = 0;
  for (let i = 0; i < input.length; i++) {
    const code = input.charCodeAt(i);
    if (code === 0x3d || isAsciiWhitespace(code)) continue;
    buffer = (buffer << 6) | table[code];
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[written++] = (buffer >> bits) & 0xff;
    }
  }
  // Leftover bits (fewer than 8) are discarded even when non-zero, as the forgiving decoder does.
  return fromCharCodes(out, written);
}

function btoa(input) {
  if (arguments.length === 0) {
    const { codes } = require('internal/errors');
    throw new codes.ERR_MISSING_ARGS('input');
  }
  input = `${input}`;
  for (let i = 0; i < input.length; i++) {
    if (input.charCodeAt(i) > 0xff) throw invalidCharacter();
  }
  const parts = [];
  let chunk = '';
  const length = input.length;
  let i = 0;
  for (; i + 2 < length; i += 3) {
    const n = (input.charCodeAt(i) << 16) | (input.charCodeAt(i + 1) << 8) | input.charCodeAt(i + 2);
    chunk += alphabet[n >> 18] + alphabet[(n >> 12) & 63] + alphabet[(n >> 6) & 63] + alphabet[n & 63];
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  if (length - i === 1) {
    const n = input.charCodeAt(i) << 16;
    chunk += `${alphabet[n >> 18]}${alphabet[(n >> 12) & 63]}==`;
  } else if (length - i === 2) {
    const n = (input.charCodeAt(i) << 16) | (input.charCodeAt(i + 1) << 8);
    chunk += `${alphabet[n >> 18]}${alphabet[(n >> 12) & 63]}${alphabet[(n >> 6) & 63]}=`;
  }
  parts.push(chunk);
  return parts.join('');
}

module.exports = { atob, btoa };
