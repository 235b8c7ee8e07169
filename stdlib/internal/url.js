// WHATWG URL and URLSearchParams as Node 20 exposes them (globals and `node:url`), plus the URL helpers other
// built-ins share: fileURLToPath, pathToFileURL, urlToHttpOptions, domainToASCII/Unicode, isURL, toPathIfFileURL.
//
// Parsing and every setter are native (`binding.url.parse` / `binding.url.update`, WHATWG-conformant); each URL
// keeps the component array the binding returns:
//   [href, origin, protocol, username, password, host, hostname, port, pathname, search, hash]
// Everything else — argument conversion and errors, `searchParams` kept in sync in both directions, the
// application/x-www-form-urlencoded parser/serializer, iteration and Node's inspect output — is here.

const kCustomInspect = Symbol.for('nodejs.util.inspect.custom');
// Lets URL.parse() build a URL from components it already has, without parsing twice.
const kFromParts = Symbol('kFromParts');

const HREF = 0;
const ORIGIN = 1;
const PROTOCOL = 2;
const USERNAME = 3;
const PASSWORD = 4;
const HOST = 5;
const HOSTNAME = 6;
const PORT = 7;
const PATHNAME = 8;
const SEARCH = 9;
const HASH = 10;

function errors() {
  return require('internal/errors').codes;
}

function invalidUrl(input, base) {
  const err = new (errors().ERR_INVALID_URL)();
  err.input = input;
  if (base !== undefined) err.base = base;
  return err;
}

// WebIDL USVString: lone surrogates become U+FFFD.
const loneSurrogates = /[\uD800-\uDBFF][\uDC00-\uDFFF]|[\uD800-\uDFFF]/g;
function toUSVString(value) {
  const string = `${value}`;
  if (typeof string.toWellFormed === 'function') return string.toWellFormed();
  return string.replace(loneSurrogates, (units) => (units.length === 2 ? units : '\uFFFD'));
}

// ---------------------------------------------------------------------------------------------------------------
// application/x-www-form-urlencoded (WHATWG URL §5)

// Percent-decodes a form name or value: `+` is a space and `%XX` a byte, read as UTF-8. Like Node 20, a part is
// only decoded when it holds a valid `%XX` (the `+` signs are transparent to that check), through querystring's
// unescape: decodeURIComponent first, and when that fails a byte-wise decoding where Node stores each other UTF-16
// code unit as one byte (its low 8 bits) before reading the bytes as UTF-8 with U+FFFD for invalid sequences.
// That lossy fallback is observable (`new URLSearchParams('a=%FF\u00e9')` gives '\uFFFD\uFFFD'), so it is kept.
const validEscape = /%\+*[0-9A-Fa-f]\+*[0-9A-Fa-f]/;
function decodeFormComponent(text) {
  const encoded = validEscape.test(text);
  if (text.includes('+')) text = text.replace(/\+/g, ' ');
  return encoded ? require('querystring').unescape(text) : text;
}

// Flat [name, value, name, value, ...] list from a query string (leading `?` already removed).
function parseForm(input) {
  const list = [];
  if (input === '') return list;
  for (const sequence of input.split('&')) {
    if (sequence === '') continue;
    const eq = sequence.indexOf('=');
    const name = eq === -1 ? sequence : sequence.slice(0, eq);
    const value = eq === -1 ? '' : sequence.slice(eq + 1);
    list.push(decodeFormComponent(name), decodeFormComponent(value));
  }
  return list;
}

// The urlencoded byte serializer keeps only ASCII alphanumerics and `*-._`, writes a space as `+` and
// percent-encodes everything else (uppercase hex). encodeURIComponent additionally keeps `!'()~`.
const extraUnreserved = /[!'()~]/g;
function encodeFormComponent(text) {
  return encodeURIComponent(text)
    .replace(extraUnreserved, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

function serializeForm(list) {
  let out = '';
  for (let i = 0; i < list.length; i += 2) {
    if (i > 0) out += '&';
    out += `${encodeFormComponent(list[i])}=${encodeFormComponent(list[i + 1])}`;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// URLSearchParams

let isSearchParams;
let paramsInternals;
let urlInternals;

function stylizeSpecial(options, text) {
  return options && typeof options.stylize === 'function' ? options.stylize(text, 'special') : text;
}

class URLSearchParams {
  // Flat [name, value, ...] list of USV strings.
  #list = [];
  // The URL this object belongs to (its `searchParams`), or null.
  #url = null;

  constructor(init = undefined) {
    if (init === undefined || init === null) {
      // Empty.
    } else if (typeof init === 'object' || typeof init === 'function') {
      const method = init[Symbol.iterator];
      if (method === this[Symbol.iterator] && isSearchParams(init)) {
        // Copying another URLSearchParams: its list is already converted.
        this.#list = init.#list.slice();
      } else if (method != null) {
        if (typeof method !== 'function') throw new (errors().ERR_ARG_NOT_ITERABLE)('Query pairs');
        for (const pair of init) {
          if (pair === null || (typeof pair !== 'object' && typeof pair !== 'function')
              || typeof pair[Symbol.iterator] !== 'function') {
            throw new (errors().ERR_INVALID_TUPLE)('Each query pair', '[name, value]');
          }
          const items = Array.from(pair);
          if (items.length !== 2) throw new (errors().ERR_INVALID_TUPLE)('Each query pair', '[name, value]');
          this.#list.push(toUSVString(items[0]), toUSVString(items[1]));
        }
      } else {
        // A record: own enumerable keys; keys equal after USV conversion keep the last value in first position.
        const positions = new Map();
        for (const key of Reflect.ownKeys(init)) {
          const descriptor = Reflect.getOwnPropertyDescriptor(init, key);
          if (descriptor === undefined || !descriptor.enumerable) continue;
          const name = toUSVString(key);
          const value = toUSVString(init[key]);
          if (positions.has(name)) {
            this.#list[positions.get(name) + 1] = value;
          } else {
            positions.set(name, this.#list.length);
            this.#list.push(name, value);
          }
        }
      }
    } else {
      let string = toUSVString(init);
      if (string[0] === '?') string = string.slice(1);
      this.#list = parseForm(string);
    }
  }

  get size() {
    if (!isSearchParams(this)) throw new (errors().ERR_INVALID_THIS)('URLSearchParams');
    return this.#list.length / 2;
  }

  append(name, value) {
    if (!isSearchParams(this)) throw new (errors().ERR_INVALID_THIS)('URLSearchParams');
    if (arguments.length < 2) throw new (errors().ERR_MISSING_ARGS)('name', 'value');
    this.#list.push(toUSVString(name), toUSVString(value));
    this.#updateURL();
  }

  delete(name, value = undefined) {
    if (!isSearchParams(this)) throw new (errors().ERR_INVALID_THIS)('URLSearchParams');
    if (arguments.length < 1) throw new (errors().ERR_MISSING_ARGS)('name');
    name = toUSVString(name);
    const list = this.#list;
    if (value !== undefined) {
      value = toUSVString(value);
      for (let i = 0; i < list.length;) {
        if (list[i] === name && list[i + 1] === value) list.splice(i, 2);
        else i += 2;
      }
    } else {
      for (let i = 0; i < list.length;) {
        if (list[i] === name) list.splice(i, 2);
        else i += 2;
      }
    }
    this.#updateURL();
  }

  get(name) {
    if (!isSearchParams(this)) throw new (errors().ERR_INVALID_THIS)('URLSearchParams');
    if (arguments.length < 1) throw new (errors().ERR_MISSING_ARGS)('name');
    name = toUSVString(name);
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) return list[i + 1];
    }
    return null;
  }

  getAll(name) {
    if (!isSearchParams(this)) throw new (errors().ERR_INVALID_THIS)('URLSearchParams');
    if (arguments.length < 1) throw new (errors().ERR_MISSING_ARGS)('name');
    name = toUSVString(name);
    const list = this.#list;
    const values = [];
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name) values.push(list[i + 1]);
    }
    return values;
  }

  has(name, value = undefined) {
    if (!isSearchParams(this)) throw new (errors().ERR_INVALID_THIS)('URLSearchParams');
    if (arguments.length < 1) throw new (errors().ERR_MISSING_ARGS)('name');
    name = toUSVString(name);
    if (value !== undefined) value = toUSVString(value);
    const list = this.#list;
    for (let i = 0; i < list.length; i += 2) {
      if (list[i] === name && (value === undefined || list[i + 1] === value)) return true;
    }
    return false;
  }

  set(name, value) {
    if (!isSearchParams(this)) throw new (errors().ERR_INVALID_THIS)('URLSearchParams');
    if (arguments.length < 2) throw new (errors().ERR_MISSING_ARGS)('name', 'value');
    name = toUSVString(name);
    value = toUSVString(value);
    const list = this.#list;
    let found = false;
    for (let i = 0; i < list.length;) {
      if (list[i] !== name) {
        i += 2;
      } else if (!found) {
        list[i + 1] = value;
        found = true;
        i += 2;
      } else {
        list.splice(i, 2);
      }
    }
    if (!found) list.push(name, value);
    this.#updateURL();
  }

  // Stable sort by name, comparing UTF-16 code units.
  sort() {
    if (!isSearchParams(this)) throw new (errors().ERR_INVALID_THIS)('URLSearchParams');
    const list = this.#list;
    const pairs = [];
    for (let i = 0; i < list.length; i += 2) pairs.push([list[i], list[i + 1]]);
    pairs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (let i = 0; i < pairs.length; i++) {
      list[2 * i] = pairs[i][0];
      list[2 * i + 1] = pairs[i][1];
    }
    this.#updateURL();
  }

  entries() {
    if (!isSearchParams(this)) throw new (errors().ERR_INVALID_THIS)('URLSearchParams');
    return createParamsIterator(this, 'key+value');
  }

  // Walks the live list, so entries appended by the callback are visited too.
  forEach(callback, thisArg = undefined) {
    if (!isSearchParams(this)) throw new (errors().ERR_INVALID_THIS)('URLSearchParams');
    if (typeof callback !== 'function') throw new (errors().ERR_INVALID_ARG_TYPE)('callback', 'Function', callback);
    for (let i = 0; i < this.#list.length; i += 2) {
      const list = this.#list;
      callback.call(thisArg, list[i + 1], list[i], this);
    }
  }

  keys() {
    if (!isSearchParams(this)) throw new (errors().ERR_INVALID_THIS)('URLSearchParams');
    return createParamsIterator(this, 'key');
  }

  values() {
    if (!isSearchParams(this)) throw new (errors().ERR_INVALID_THIS)('URLSearchParams');
    return createParamsIterator(this, 'value');
  }

  toString() {
    if (!isSearchParams(this)) throw new (errors().ERR_INVALID_THIS)('URLSearchParams');
    return serializeForm(this.#list);
  }

  // Node: `URLSearchParams { 'a' => '1', 'b' => '2' }`, one pair per line once longer than breakLength.
  [kCustomInspect](depth, options, inspect) {
    if (!isSearchParams(this)) throw new (errors().ERR_INVALID_THIS)('URLSearchParams');
    if (typeof depth === 'number' && depth < 0) return stylizeSpecial(options, '[Object]');
    const inner = { ...options };
    if (depth !== null && depth !== undefined) inner.depth = depth - 1;
    const list = this.#list;
    const parts = [];
    for (let i = 0; i < list.length; i += 2) {
      parts.push(`${inspect(list[i], inner)} => ${inspect(list[i + 1], inner)}`);
    }
    const name = this.constructor.name;
    if (parts.length === 0) return `${name} {}`;
    // Width without colour escapes, as if joined with ', '.
    const width = parts.reduce((sum, part) => sum + part.replace(/\u001b\[\d\d?m/g, '').length + 2, -2);
    const breakLength = options && options.breakLength !== undefined ? options.breakLength : 80;
    if (width > breakLength) return `${name} {\n  ${parts.join(',\n  ')} }`;
    return `${name} { ${parts.join(', ')} }`;
  }

  // The URL side of the link: replace the list after the URL's query changed.
  #updateURL() {
    if (this.#url !== null) urlInternals.setSearchFromParams(this.#url, serializeForm(this.#list));
  }

  static {
    isSearchParams = (value) => value !== null && typeof value === 'object' && #list in value;
    paramsInternals = {
      createForURL(url, search) {
        const params = new URLSearchParams();
        params.#list = parseForm(search[0] === '?' ? search.slice(1) : search);
        params.#url = url;
        return params;
      },
      reset(params, search) {
        params.#list = parseForm(search[0] === '?' ? search.slice(1) : search);
      },
      list: (params) => params.#list,
    };
  }
}

for (const key of ['size', 'append', 'delete', 'get', 'getAll', 'has', 'set', 'sort', 'entries', 'forEach', 'keys',
  'values', 'toString']) {
  Object.defineProperty(URLSearchParams.prototype, key, { enumerable: true });
}
Object.defineProperty(URLSearchParams.prototype, Symbol.toStringTag, {
  value: 'URLSearchParams', writable: false, enumerable: false, configurable: true,
});
// Iterating a URLSearchParams yields its entries (the very same function, as in Node).
Object.defineProperty(URLSearchParams.prototype, Symbol.iterator, {
  value: URLSearchParams.prototype.entries, writable: true, enumerable: false, configurable: true,
});

// URLSearchParams iterators: %URLSearchParamsIteratorPrototype% inherits from %IteratorPrototype% and reads the
// live list by index, like Node's.
const iteratorState = new WeakMap();
const IteratorPrototype = Object.getPrototypeOf(Object.getPrototypeOf([][Symbol.iterator]()));
const ParamsIteratorPrototype = Object.create(IteratorPrototype, {
  next: {
    value: function next() {
      const state = iteratorState.get(this);
      if (state === undefined) throw new (errors().ERR_INVALID_THIS)('URLSearchParamsIterator');
      const list = paramsInternals.list(state.params);
      if (state.index >= list.length) return { value: undefined, done: true };
      const name = list[state.index];
      const value = list[state.index + 1];
      state.index += 2;
      if (state.kind === 'key') return { value: name, done: false };
      if (state.kind === 'value') return { value, done: false };
      return { value: [name, value], done: false };
    },
    writable: true,
    enumerable: true,
    configurable: true,
  },
  [kCustomInspect]: {
    // Node: `URLSearchParams Iterator { 'a', 'b' }` showing what is left to iterate.
    value: function inspectIterator(depth, options, inspect) {
      const state = iteratorState.get(this);
      if (state === undefined) throw new (errors().ERR_INVALID_THIS)('URLSearchParamsIterator');
      if (typeof depth === 'number' && depth < 0) return stylizeSpecial(options, '[Object]');
      const inner = { ...options };
      if (depth !== null && depth !== undefined) inner.depth = depth - 1;
      const list = paramsInternals.list(state.params);
      const remaining = [];
      for (let i = state.index; i < list.length; i += 2) {
        if (state.kind === 'key') remaining.push(list[i]);
        else if (state.kind === 'value') remaining.push(list[i + 1]);
        else remaining.push([list[i], list[i + 1]]);
      }
      const multiline = inspect(remaining, inner).includes('\n');
      const shown = remaining.map((item) => inspect(item, inner));
      const body = multiline ? `\n  ${shown.join(',\n  ')}` : ` ${shown.join(', ')}`;
      return `URLSearchParams Iterator {${body} }`;
    },
    writable: true,
    enumerable: false,
    configurable: true,
  },
  [Symbol.toStringTag]: { value: 'URLSearchParams Iterator', writable: false, enumerable: false, configurable: true },
});

function createParamsIterator(params, kind) {
  const iterator = Object.create(ParamsIteratorPrototype);
  iteratorState.set(iterator, { params, kind, index: 0 });
  return iterator;
}

// ---------------------------------------------------------------------------------------------------------------
// URL

let isURLObject;

// Node's URL accessors fail with V8's private-brand message on foreign receivers.
function invalidReceiver() {
  return new TypeError('Receiver must be an instance of class URL');
}

function parseOrThrow(input, base) {
  const parts = base === undefined ? binding.url.parse(input) : binding.url.parse(input, base);
  if (parts === undefined) throw invalidUrl(input, base);
  return parts;
}

class URL {
  #parts;
  #searchParams = null;

  constructor(input, base = undefined) {
    if (input === kFromParts) {
      this.#parts = base;
      return;
    }
    if (arguments.length === 0) throw new (errors().ERR_MISSING_ARGS)('url');
    input = `${input}`;
    if (base !== undefined) base = `${base}`;
    this.#parts = parseOrThrow(input, base);
  }

  // URL.parse() (Node >= 20.18): like the constructor, but null instead of throwing.
  static parse(url, base = undefined) {
    if (arguments.length === 0) throw new (errors().ERR_MISSING_ARGS)('url');
    url = `${url}`;
    if (base !== undefined) base = `${base}`;
    const parts = base === undefined ? binding.url.parse(url) : binding.url.parse(url, base);
    if (parts === undefined) return null;
    return new URL(kFromParts, parts);
  }

  static canParse(url, base = undefined) {
    if (arguments.length === 0) throw new (errors().ERR_MISSING_ARGS)('url');
    url = `${url}`;
    if (base !== undefined) base = `${base}`;
    return (base === undefined ? binding.url.parse(url) : binding.url.parse(url, base)) !== undefined;
  }

  #update(field, value) {
    const parts = binding.url.update(this.#parts[HREF], field, `${value}`);
    if (parts === undefined) return;
    this.#parts = parts;
  }

  toString() {
    if (!isURLObject(this)) throw invalidReceiver();
    return this.#parts[HREF];
  }

  get href() {
    if (!isURLObject(this)) throw invalidReceiver();
    return this.#parts[HREF];
  }

  set href(value) {
    if (!isURLObject(this)) throw invalidReceiver();
    value = `${value}`;
    const parts = binding.url.update(this.#parts[HREF], 'href', value);
    if (parts === undefined) throw invalidUrl(value);
    this.#parts = parts;
    if (this.#searchParams !== null) paramsInternals.reset(this.#searchParams, parts[SEARCH]);
  }

  get origin() {
    if (!isURLObject(this)) throw invalidReceiver();
    return this.#parts[ORIGIN];
  }

  get protocol() {
    if (!isURLObject(this)) throw invalidReceiver();
    return this.#parts[PROTOCOL];
  }

  set protocol(value) {
    if (!isURLObject(this)) throw invalidReceiver();
    this.#update('protocol', value);
  }

  get username() {
    if (!isURLObject(this)) throw invalidReceiver();
    return this.#parts[USERNAME];
  }

  set username(value) {
    if (!isURLObject(this)) throw invalidReceiver();
    this.#update('username', value);
  }

  get password() {
    if (!isURLObject(this)) throw invalidReceiver();
    return this.#parts[PASSWORD];
  }

  set password(value) {
    if (!isURLObject(this)) throw invalidReceiver();
    this.#update('password', value);
  }

  get host() {
    if (!isURLObject(this)) throw invalidReceiver();
    return this.#parts[HOST];
  }

  set host(value) {
    if (!isURLObject(this)) throw invalidReceiver();
    this.#update('host', value);
  }

  get hostname() {
    if (!isURLObject(this)) throw invalidReceiver();
    return this.#parts[HOSTNAME];
  }

  set hostname(value) {
    if (!isURLObject(this)) throw invalidReceiver();
    this.#update('hostname', value);
  }

  get port() {
    if (!isURLObject(this)) throw invalidReceiver();
    return this.#parts[PORT];
  }

  set port(value) {
    if (!isURLObject(this)) throw invalidReceiver();
    this.#update('port', value);
  }

  get pathname() {
    if (!isURLObject(this)) throw invalidReceiver();
    return this.#parts[PATHNAME];
  }

  set pathname(value) {
    if (!isURLObject(this)) throw invalidReceiver();
    this.#update('pathname', value);
  }

  get search() {
    if (!isURLObject(this)) throw invalidReceiver();
    return this.#parts[SEARCH];
  }

  set search(value) {
    if (!isURLObject(this)) throw invalidReceiver();
    this.#update('search', value);
    if (this.#searchParams !== null) paramsInternals.reset(this.#searchParams, this.#parts[SEARCH]);
  }

  // Created on first use and then kept, so `url.searchParams === url.searchParams`.
  get searchParams() {
    if (!isURLObject(this)) throw invalidReceiver();
    if (this.#searchParams === null) {
      this.#searchParams = paramsInternals.createForURL(this, this.#parts[SEARCH]);
    }
    return this.#searchParams;
  }

  get hash() {
    if (!isURLObject(this)) throw invalidReceiver();
    return this.#parts[HASH];
  }

  set hash(value) {
    if (!isURLObject(this)) throw invalidReceiver();
    this.#update('hash', value);
  }

  toJSON() {
    if (!isURLObject(this)) throw invalidReceiver();
    return this.#parts[HREF];
  }

  // Node: `URL { href: ..., origin: ..., ..., searchParams: URLSearchParams {...}, hash: '' }`; past the
  // inspection depth, `URL {}`.
  [kCustomInspect](depth, options, inspect) {
    if (!isURLObject(this)) throw invalidReceiver();
    const name = (this.constructor && this.constructor.name) || 'URL';
    if (typeof depth === 'number' && depth < 0) return `${name} {}`;
    const parts = this.#parts;
    const shown = {
      href: parts[HREF],
      origin: parts[ORIGIN],
      protocol: parts[PROTOCOL],
      username: parts[USERNAME],
      password: parts[PASSWORD],
      host: parts[HOST],
      hostname: parts[HOSTNAME],
      port: parts[PORT],
      pathname: parts[PATHNAME],
      search: parts[SEARCH],
      searchParams: this.searchParams,
      hash: parts[HASH],
    };
    return `${name} ${inspect(shown, options)}`;
  }

  static {
    isURLObject = (value) => value !== null && typeof value === 'object' && #parts in value;
    urlInternals = {
      // A URLSearchParams mutation: an empty list removes the query entirely (`?` included).
      setSearchFromParams(url, serialized) {
        const parts = binding.url.update(url.#parts[HREF], 'search', serialized === '' ? '' : `?${serialized}`);
        if (parts !== undefined) url.#parts = parts;
      },
    };
  }
}

for (const key of ['toString', 'href', 'origin', 'protocol', 'username', 'password', 'host', 'hostname', 'port',
  'pathname', 'search', 'searchParams', 'hash', 'toJSON']) {
  Object.defineProperty(URL.prototype, key, { enumerable: true });
}
Object.defineProperty(URL.prototype, Symbol.toStringTag, {
  value: 'URL', writable: false, enumerable: false, configurable: true,
});
Object.defineProperties(URL, {
  canParse: { enumerable: true },
  parse: { enumerable: true },
});

// ---------------------------------------------------------------------------------------------------------------
// Helpers shared with node:url and other built-ins

// Node's duck-typed URL check: a real URL, or any object that looks like one (href + protocol, and not a legacy
// url.parse() result, which has `auth`/`path`).
function isURL(value) {
  return Boolean(value?.href && value.protocol && value.auth === undefined && value.path === undefined);
}

function fileURLToPath(path, options = undefined) {
  if (typeof path === 'string') {
    path = new URL(path);
  } else if (!isURL(path)) {
    throw new (errors().ERR_INVALID_ARG_TYPE)('path', ['string', 'URL'], path);
  }
  if (path.protocol !== 'file:') throw new (errors().ERR_INVALID_URL_SCHEME)('file');
  if (options?.windows) return windowsPathFromURL(path);
  if (path.hostname !== '') throw new (errors().ERR_INVALID_FILE_URL_HOST)('linux');
  const pathname = path.pathname;
  // An encoded `/` would change the path's structure once decoded.
  if (/%2f/i.test(pathname)) throw new (errors().ERR_INVALID_FILE_URL_PATH)('must not include encoded / characters');
  return decodeURIComponent(pathname);
}

// fileURLToPath(url, { windows: true }): drive-letter or UNC paths with backslashes, as Node's win32 variant.
function windowsPathFromURL(url) {
  const hostname = url.hostname;
  let pathname = url.pathname;
  if (/%2f|%5c/i.test(pathname)) {
    throw new (errors().ERR_INVALID_FILE_URL_PATH)('must not include encoded \\ or / characters');
  }
  pathname = decodeURIComponent(pathname.replace(/\//g, '\\'));
  if (hostname !== '') return `\\\\${domainToUnicode(hostname)}${pathname}`;
  const letter = pathname.charCodeAt(1) | 0x20;
  if (letter < 0x61 || letter > 0x7a || pathname[2] !== ':') {
    throw new (errors().ERR_INVALID_FILE_URL_PATH)('must be absolute');
  }
  return pathname.slice(1);
}

// Node percent-encodes everything in a path except `!$&'()*+,-./:;=@_`, ASCII alphanumerics (so `%`, `\`, tab,
// newline, `?`, `#`, `~`, `[`... are encoded): encodeURI's set minus `?`, `#` and `~`.
function encodePathForURL(path) {
  return encodeURI(toUSVString(path)).replace(/[?#~]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
}

function pathToFileURL(filepath, options) {
  if (typeof filepath !== 'string') throw new (errors().ERR_INVALID_ARG_TYPE)('path', 'string', filepath);
  const path = require('path');
  let resolved = path.resolve(filepath);
  // path.resolve() drops a trailing slash, which is meaningful in a URL.
  if (filepath.charCodeAt(filepath.length - 1) === 0x2f && resolved[resolved.length - 1] !== '/') resolved += '/';
  return new URL(`file://${encodePathForURL(resolved)}`);
}

function toPathIfFileURL(value) {
  return isURL(value) ? fileURLToPath(value) : value;
}

// The options object http.request() builds from a URL (null prototype, own enumerable props of the URL first).
function urlToHttpOptions(url) {
  const { hostname, pathname, port, username, password, search } = url;
  const options = {
    __proto__: null,
    ...url,
    protocol: url.protocol,
    hostname: hostname && hostname[0] === '[' ? hostname.slice(1, -1) : hostname,
    hash: url.hash,
    search,
    pathname,
    path: `${pathname || ''}${search || ''}`,
    href: url.href,
  };
  if (port !== '') options.port = Number(port);
  if (username || password) options.auth = `${decodeURIComponent(username)}:${decodeURIComponent(password)}`;
  return options;
}

// Node applies the domain with the WHATWG hostname setter on a special URL and reads the result back; a
// hostname the setter rejects gives ''. A setter that fails leaves the old hostname, so a second probe with a
// different starting host tells "failed" from "the domain normalises to that host".
function hostnameViaSetter(domain) {
  const first = binding.url.update('ws://x', 'hostname', domain);
  if (first !== undefined && first[HOSTNAME] !== 'x') return first[HOSTNAME];
  const second = binding.url.update('ws://y', 'hostname', domain);
  if (second === undefined || second[HOSTNAME] === 'y') return '';
  return second[HOSTNAME];
}

function domainToASCII(domain) {
  if (arguments.length < 1) throw new (errors().ERR_MISSING_ARGS)('domain');
  domain = `${domain}`;
  if (domain === '') return '';
  return hostnameViaSetter(domain);
}

function domainToUnicode(domain) {
  if (arguments.length < 1) throw new (errors().ERR_MISSING_ARGS)('domain');
  domain = `${domain}`;
  if (domain === '') return '';
  const ascii = hostnameViaSetter(domain);
  if (ascii === '') return '';
  return ascii.split('.').map((label) => (label.startsWith('xn--') ? punycodeDecode(label.slice(4)) ?? label : label))
    .join('.');
}

// RFC 3492 Punycode decoding of one label (without its `xn--` prefix); undefined when malformed.
function punycodeDecode(input) {
  const base = 36;
  const tMin = 1;
  const tMax = 26;
  const skew = 38;
  const damp = 700;
  const output = [];
  const delimiter = input.lastIndexOf('-');
  for (let i = 0; i < delimiter; i++) {
    const code = input.charCodeAt(i);
    if (code >= 0x80) return undefined;
    output.push(code);
  }
  let n = 128;
  let bias = 72;
  let i = 0;
  for (let position = delimiter + 1; position < input.length;) {
    const oldI = i;
    let w = 1;
    for (let k = base; ; k += base) {
      if (position >= input.length) return undefined;
      const code = input.charCodeAt(position++);
      let digit;
      if (code >= 0x30 && code <= 0x39) digit = code - 22;
      else if (code >= 0x41 && code <= 0x5a) digit = code - 0x41;
      else if (code >= 0x61 && code <= 0x7a) digit = code - 0x61;
      else return undefined;
      i += digit * w;
      const t = k <= bias ? tMin : k >= bias + tMax ? tMax : k - bias;
      if (digit < t) break;
      w *= base - t;
    }
    const length = output.length + 1;
    // Bias adaptation (RFC 3492 §6.1).
    let delta = oldI === 0 ? Math.floor((i - oldI) / damp) : Math.floor((i - oldI) / 2);
    delta += Math.floor(delta / length);
    let k = 0;
    while (delta > ((base - tMin) * tMax) >> 1) {
      delta = Math.floor(delta / (base - tMin));
      k += base;
    }
    bias = k + Math.floor(((base - tMin + 1) * delta) / (delta + skew));
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff) return undefined;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}

module.exports = {
  URL,
  URLSearchParams,
  isURL,
  fileURLToPath,
  pathToFileURL,
  toPathIfFileURL,
  urlToHttpOptions,
  domainToASCII,
  domainToUnicode,
  encodeFormComponent,
  decodeFormComponent,
};
