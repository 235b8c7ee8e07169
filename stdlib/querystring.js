// node:querystring — Node's (non-WHATWG) query string parser and serializer.
//
// parse() returns a null-prototype object, repeated keys collect into arrays, `+` means space, and a key or value
// is only percent-decoded when a valid `%XX` escape was seen in it (Node's optimisation, observable because the
// fallback decoder is lossy). stringify() drops non-finite numbers, objects and functions to ''. escape() /
// unescape() are looked up on the exports object at call time, so user code may replace them, as in Node.

function errors() {
  return require('internal/errors').codes;
}

function isHexDigit(code) {
  return (code >= 0x30 && code <= 0x39) || (code >= 0x41 && code <= 0x46) || (code >= 0x61 && code <= 0x66);
}

function hexValue(code) {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  if (code >= 0x41 && code <= 0x46) return code - 0x41 + 10;
  if (code >= 0x61 && code <= 0x66) return code - 0x61 + 10;
  return -1;
}

// Bytes of `s` with `%XX` escapes decoded (and `+` as a space when asked). Any other UTF-16 code unit is stored
// as one byte holding its low 8 bits, exactly as Node's Buffer-based unescapeBuffer() does.
function unescapeBytes(s, decodeSpaces) {
  const out = new Uint8Array(s.length);
  let length = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    if (code === 0x2b && decodeSpaces) {
      out[length++] = 0x20;
      continue;
    }
    if (code === 0x25 && i + 2 < s.length) {
      const high = hexValue(s.charCodeAt(i + 1));
      const low = hexValue(s.charCodeAt(i + 2));
      if (high !== -1 && low !== -1) {
        out[length++] = high * 16 + low;
        i += 2;
        continue;
      }
    }
    out[length++] = code & 0xff;
  }
  return out.subarray(0, length);
}

function unescapeBuffer(s, decodeSpaces) {
  const { Buffer } = require('buffer');
  const bytes = unescapeBytes(`${s}`, decodeSpaces);
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
}

// decodeURIComponent, falling back to the lossy byte-wise decoding when the input is not a well-formed
// percent-encoded UTF-8 string.
function unescape(s, decodeSpaces) {
  try {
    return decodeURIComponent(s);
  } catch {
    const bytes = unescapeBytes(`${s}`, decodeSpaces);
    return binding.buffer.decode(bytes, 'utf8', 0, bytes.length);
  }
}

const hex = [];
for (let i = 0; i < 256; i++) hex.push(`%${i < 16 ? '0' : ''}${i.toString(16).toUpperCase()}`);

const loneSurrogate = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

// Node's escape() keeps ASCII alphanumerics and `!'()*-._~` (the same set as encodeURIComponent). For a string
// with unpaired surrogates, where encodeURIComponent would throw, Node encodes any surrogate together with the
// following code unit as if they formed a pair (throwing ERR_INVALID_URI only when the string ends first);
// that path is reproduced here by hand.
function escape(str) {
  if (typeof str !== 'string') {
    if (typeof str === 'object') str = String(str);
    else str += '';
  }
  if (!loneSurrogate.test(str)) return encodeURIComponent(str);
  let out = '';
  for (let i = 0; i < str.length; i++) {
    const code = str.charCodeAt(i);
    if (code < 0xd800 || code >= 0xe000) {
      out += encodeURIComponent(str[i]);
      continue;
    }
    i++;
    if (i >= str.length) throw new (errors().ERR_INVALID_URI)();
    const point = 0x10000 + (((code & 0x3ff) << 10) | (str.charCodeAt(i) & 0x3ff));
    out += hex[0xf0 | (point >> 18)] + hex[0x80 | ((point >> 12) & 0x3f)]
      + hex[0x80 | ((point >> 6) & 0x3f)] + hex[0x80 | (point & 0x3f)];
  }
  return out;
}

// Value conversion when the default escape() is used: numbers below 1e21 need no escaping.
function stringifyWithEscape(value, encode) {
  if (typeof value === 'string') return value.length > 0 ? encode(value) : '';
  if (typeof value === 'number' && Number.isFinite(value)) {
    return Math.abs(value) < 1e21 ? `${value}` : encode(`${value}`);
  }
  if (typeof value === 'bigint') return `${value}`;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return '';
}

// With a custom encodeURIComponent every value goes through it, after conversion to a string.
function stringifyWithCustom(value, encode) {
  let text = '';
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && Number.isFinite(value)) text = `${value}`;
  else if (typeof value === 'bigint') text = `${value}`;
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  return encode(text);
}

function stringify(obj, sep, eq, options) {
  sep = sep || '&';
  eq = eq || '=';
  let encode = module.exports.escape;
  if (options && typeof options.encodeURIComponent === 'function') encode = options.encodeURIComponent;
  const convert = encode === escape ? stringifyWithEscape : stringifyWithCustom;
  if (obj === null || typeof obj !== 'object') return '';

  let fields = '';
  for (const key of Object.keys(obj)) {
    const value = obj[key];
    const prefix = convert(key, encode) + eq;
    if (Array.isArray(value)) {
      if (value.length === 0) continue;
      for (let j = 0; j < value.length; j++) {
        if (fields) fields += sep;
        fields += prefix + convert(value[j], encode);
      }
    } else {
      if (fields) fields += sep;
      fields += prefix + convert(value, encode);
    }
  }
  return fields;
}

function codesOf(text) {
  const codes = [];
  for (let i = 0; i < text.length; i++) codes.push(text.charCodeAt(i));
  return codes;
}

function decodeWith(text, decode) {
  try {
    return decode(text);
  } catch {
    return module.exports.unescape(text, true);
  }
}

function addPair(result, key, value, decodeKey, decodeValue, decode) {
  if (key.length > 0 && decodeKey) key = decodeWith(key, decode);
  if (value.length > 0 && decodeValue) value = decodeWith(value, decode);
  const current = result[key];
  if (current === undefined) result[key] = value;
  else if (Array.isArray(current)) current.push(value);
  else result[key] = [current, value];
}

// A single left-to-right scan, like Node's: separators are matched greedily without backtracking (relevant only
// for multi-character `sep`/`eq`), `+` becomes a space (or '%20' for a custom decoder, which then sees it), and
// the "saw a valid %XX" tracking is shared between key and value exactly as in Node, so which strings get decoded
// is the same.
function parse(qs, sep, eq, options) {
  const result = { __proto__: null };
  if (typeof qs !== 'string' || qs.length === 0) return result;
  const sepCodes = sep ? codesOf(String(sep)) : [0x26];
  const eqCodes = eq ? codesOf(String(eq)) : [0x3d];
  const sepLength = sepCodes.length;
  const eqLength = eqCodes.length;

  // -1 means unlimited: the counter never reaches 0.
  let pairsLeft = 1000;
  if (options && typeof options.maxKeys === 'number') pairsLeft = options.maxKeys > 0 ? options.maxKeys : -1;

  let decode = module.exports.unescape;
  if (options && typeof options.decodeURIComponent === 'function') decode = options.decodeURIComponent;
  const customDecode = decode !== unescape;
  const space = customDecode ? '%20' : ' ';

  let key = '';
  let value = '';
  let copiedUpTo = 0;
  let sepMatched = 0;
  let eqMatched = 0;
  let decodeKey = customDecode;
  let decodeValue = customDecode;
  // 0: nothing, 1: saw '%', 2: saw '%' and one hex digit; reaching 3 marks the current part for decoding.
  let escapeProgress = 0;

  for (let i = 0; i < qs.length; i++) {
    const code = qs.charCodeAt(i);

    if (code === sepCodes[sepMatched]) {
      if (++sepMatched < sepLength) continue;
      const end = i - sepLength + 1;
      if (eqMatched < eqLength) {
        // No `eq` in this pair: all of it is the key.
        if (copiedUpTo < end) {
          key += qs.slice(copiedUpTo, end);
        } else if (key.length === 0) {
          // An empty pair between two separators still counts against maxKeys.
          if (--pairsLeft === 0) return result;
          copiedUpTo = i + 1;
          sepMatched = 0;
          eqMatched = 0;
          continue;
        }
      } else if (copiedUpTo < end) {
        value += qs.slice(copiedUpTo, end);
      }
      addPair(result, key, value, decodeKey, decodeValue, decode);
      if (--pairsLeft === 0) return result;
      key = '';
      value = '';
      decodeKey = customDecode;
      decodeValue = customDecode;
      escapeProgress = 0;
      copiedUpTo = i + 1;
      sepMatched = 0;
      eqMatched = 0;
      continue;
    }
    sepMatched = 0;

    if (eqMatched < eqLength) {
      // Still in the key.
      if (code === eqCodes[eqMatched]) {
        if (++eqMatched === eqLength) {
          const end = i - eqLength + 1;
          if (copiedUpTo < end) key += qs.slice(copiedUpTo, end);
          escapeProgress = 0;
          copiedUpTo = i + 1;
        }
        continue;
      }
      eqMatched = 0;
      if (!decodeKey) {
        if (code === 0x25) {
          escapeProgress = 1;
          continue;
        }
        if (escapeProgress > 0) {
          if (isHexDigit(code)) {
            if (++escapeProgress === 3) decodeKey = true;
            continue;
          }
          escapeProgress = 0;
        }
      }
      if (code === 0x2b) {
        key += qs.slice(copiedUpTo, i) + space;
        copiedUpTo = i + 1;
        continue;
      }
    }

    // Value handling (Node also runs this for key characters that fall through above).
    if (code === 0x2b) {
      value += qs.slice(copiedUpTo, i) + space;
      copiedUpTo = i + 1;
    } else if (!decodeValue) {
      if (code === 0x25) {
        escapeProgress = 1;
      } else if (escapeProgress > 0) {
        if (isHexDigit(code)) {
          if (++escapeProgress === 3) decodeValue = true;
        } else {
          escapeProgress = 0;
        }
      }
    }
  }

  if (copiedUpTo < qs.length) {
    if (eqMatched < eqLength) key += qs.slice(copiedUpTo);
    else value += qs.slice(copiedUpTo);
  } else if (eqMatched === 0 && key.length === 0) {
    // Ended right after a separator.
    return result;
  }
  addPair(result, key, value, decodeKey, decodeValue, decode);
  return result;
}

module.exports = {
  unescapeBuffer,
  unescape,
  escape,
  stringify,
  encode: stringify,
  parse,
  decode: parse,
};
