// node:url — the WHATWG URL API (from internal/url) plus Node's legacy API: url.parse(), url.format(),
// url.resolve(), url.resolveObject() and the `Url` objects they produce.
//
// The legacy parser is Node's own lenient, non-WHATWG algorithm; its observable behaviour is reproduced here:
// whitespace trimming, `\` -> `/` before the query, protocol and host lower-casing, auth split at the last `@`,
// host ending at the first character that cannot be in a hostname (the rest moves into the path), IDNA for
// non-ASCII hostnames, auto-escaping of unsafe characters in the path, and `href` rebuilt with format().

const {
  URL,
  URLSearchParams,
  isURL,
  fileURLToPath,
  pathToFileURL,
  urlToHttpOptions,
  domainToASCII,
  domainToUnicode,
} = require('internal/url');

function errors() {
  return require('internal/errors').codes;
}

function querystring() {
  return require('querystring');
}

// Protocols whose URLs never have a host, and those that always use `//` (Node's lists).
const hostlessProtocols = new Set(['javascript', 'javascript:']);
const unsafeProtocols = new Set(['javascript', 'javascript:']);
const slashedProtocols = new Set([
  'http', 'http:', 'https', 'https:', 'ftp', 'ftp:', 'gopher', 'gopher:', 'file', 'file:', 'ws', 'ws:', 'wss',
  'wss:',
]);

const protocolPattern = /^[a-z0-9.+-]+:/i;
const portPattern = /:[0-9]*$/;
const hostPattern = /^\/\/[^@\/]+@[^@\/]+/;
// A plain path with an optional query (no scheme, host, hash or whitespace) takes a fast path.
const simplePathPattern = /^(\/\/?(?!\/)[^?\s]*)(\?[^\s]*)?$/;
const forbiddenHostChars = /[\0\t\n\r #%\/:<>?@[\\\]^|]/;
const forbiddenHostCharsIPv6 = /[\0\t\n\r #%\/<>?@\\^|]/;
const hostnameMaxLength = 255;

// Characters that end the host part, or can never appear in it (RFC 2396).
const hostEnders = new Set(['#', '/', '?']);
const nonHostChars = new Set([' ', '"', '%', '\'', ';', '<', '>', '\\', '^', '`', '{', '|', '}']);

// Characters escaped in the path/query/hash even though encodeURIComponent would not force it.
const autoEscapes = {
  '\t': '%09', '\n': '%0A', '\r': '%0D', ' ': '%20', '"': '%22', '\'': '%27', '<': '%3C', '>': '%3E',
  '\\': '%5C', '^': '%5E', '`': '%60', '{': '%7B', '|': '%7C', '}': '%7D',
};
const autoEscapePattern = /[\t\n\r "'<>\\^`{|}]/g;

// Node emits DEP0170 once per process for a host followed by an invalid port.
let warnedInvalidPort = false;

function isIPv6Hostname(hostname) {
  return hostname.charCodeAt(0) === 0x5b && hostname.charCodeAt(hostname.length - 1) === 0x5d;
}

// Whitespace url.parse() trims: every code unit below 0x21, NBSP and the BOM.
function isTrimmedWhitespace(code) {
  return code < 33 || code === 0xa0 || code === 0xfeff;
}

// Node's percent-encoding for the auth part of format(): ASCII alphanumerics, `!'()*-._~` and `:` stay as they
// are. Unpaired surrogates are encoded together with the next code unit (an error only at the very end), as
// Node's encoder does.
function encodeAuth(auth) {
  let out = '';
  let start = 0;
  for (let i = 0; i < auth.length; i++) {
    const code = auth.charCodeAt(i);
    if (code < 0xd800 || code >= 0xe000) continue;
    const isPair = code <= 0xdbff && i + 1 < auth.length
      && auth.charCodeAt(i + 1) >= 0xdc00 && auth.charCodeAt(i + 1) <= 0xdfff;
    if (isPair) {
      i++;
      continue;
    }
    if (i + 1 >= auth.length) throw new (errors().ERR_INVALID_URI)();
    // Encode what came before normally, then the forced "pair".
    out += encodeURIComponent(auth.slice(start, i));
    const point = 0x10000 + (((code & 0x3ff) << 10) | (auth.charCodeAt(i + 1) & 0x3ff));
    out += [0xf0 | (point >> 18), 0x80 | ((point >> 12) & 0x3f), 0x80 | ((point >> 6) & 0x3f), 0x80 | (point & 0x3f)]
      .map((byte) => `%${byte.toString(16).toUpperCase()}`).join('');
    i++;
    start = i + 1;
  }
  out += encodeURIComponent(auth.slice(start));
  return out.replace(/%3A/g, ':');
}

// The legacy URL object. A plain constructor function with enumerable prototype methods, as in Node (they show
// up in for...in over a parsed URL).
function Url() {
  this.protocol = null;
  this.slashes = null;
  this.auth = null;
  this.host = null;
  this.port = null;
  this.hostname = null;
  this.hash = null;
  this.search = null;
  this.query = null;
  this.pathname = null;
  this.path = null;
  this.href = null;
}

Url.prototype.parse = function parse(url, parseQueryString, slashesDenoteHost) {
  if (typeof url !== 'string') throw new (errors().ERR_INVALID_ARG_TYPE)('url', 'string', url);

  const { rest: trimmed, hasHash, hasAt } = prepareInput(url);
  let rest = trimmed;

  if (!slashesDenoteHost && !hasHash && !hasAt) {
    const simple = simplePathPattern.exec(rest);
    if (simple !== null) {
      this.path = rest;
      this.href = rest;
      this.pathname = simple[1];
      if (simple[2]) {
        this.search = simple[2];
        this.query = parseQueryString ? querystring().parse(this.search.slice(1)) : this.search.slice(1);
      } else if (parseQueryString) {
        this.search = null;
        this.query = { __proto__: null };
      }
      return this;
    }
  }

  let lowerProtocol;
  const protocolMatch = protocolPattern.exec(rest);
  if (protocolMatch !== null) {
    lowerProtocol = protocolMatch[0].toLowerCase();
    this.protocol = lowerProtocol;
    rest = rest.slice(protocolMatch[0].length);
  }

  // `user@host` after `//` always means a host, even without a protocol.
  let slashes = false;
  if (slashesDenoteHost || protocolMatch !== null || hostPattern.test(rest)) {
    slashes = rest.charCodeAt(0) === 0x2f && rest.charCodeAt(1) === 0x2f;
    if (slashes && !(protocolMatch !== null && hostlessProtocols.has(lowerProtocol))) {
      rest = rest.slice(2);
      this.slashes = true;
    }
  }

  if (!hostlessProtocols.has(lowerProtocol)
      && (slashes || (protocolMatch !== null && !slashedProtocols.has(protocolMatch[0])))) {
    rest = parseAuthority(this, rest, url);
  }

  if (!unsafeProtocols.has(lowerProtocol)) {
    rest = rest.replace(autoEscapePattern, (ch) => autoEscapes[ch]);
  }

  // The hash is everything from the first `#`; the search runs from the first `?` before it.
  const hashIndex = rest.indexOf('#');
  if (hashIndex !== -1) this.hash = rest.slice(hashIndex);
  const beforeHash = hashIndex === -1 ? rest : rest.slice(0, hashIndex);
  const questionIndex = beforeHash.indexOf('?');
  if (questionIndex !== -1) {
    this.search = beforeHash.slice(questionIndex);
    this.query = beforeHash.slice(questionIndex + 1);
    if (parseQueryString) this.query = querystring().parse(this.query);
  } else if (parseQueryString) {
    this.search = null;
    this.query = { __proto__: null };
  }

  const pathEnd = questionIndex !== -1 ? questionIndex : hashIndex;
  if (pathEnd === -1) {
    if (rest.length > 0) this.pathname = rest;
  } else if (pathEnd > 0) {
    this.pathname = rest.slice(0, pathEnd);
  }
  if (slashedProtocols.has(lowerProtocol) && this.hostname && !this.pathname) this.pathname = '/';

  // `path` is what http.request() wants.
  if (this.pathname || this.search) this.path = (this.pathname || '') + (this.search || '');

  this.href = this.format();
  return this;
};

// Splits `[auth@]host[:port]` off the front of `rest` (the part after `//`) into `self` and returns what follows.
function parseAuthority(self, rest, url) {
  // The host ends at the first of `#/?`; characters that cannot be in a host end it too, unless an `@`
  // follows them (they then belong to the auth part, which extends to the last `@`).
  let hostEnd = -1;
  let atSign = -1;
  let nonHost = -1;
  for (let i = 0; i < rest.length && hostEnd === -1; i++) {
    const ch = rest[i];
    if (ch === '\t' || ch === '\n' || ch === '\r') {
      // Like the WHATWG parser, Node drops tabs and newlines from this part of the URL.
      rest = rest.slice(0, i) + rest.slice(i + 1);
      i--;
    } else if (nonHostChars.has(ch)) {
      if (nonHost === -1) nonHost = i;
    } else if (hostEnders.has(ch)) {
      if (nonHost === -1) nonHost = i;
      hostEnd = i;
    } else if (ch === '@') {
      atSign = i;
      nonHost = -1;
    }
  }
  let hostStart = 0;
  if (atSign !== -1) {
    self.auth = decodeURIComponent(rest.slice(0, atSign));
    hostStart = atSign + 1;
  }
  if (nonHost === -1) {
    self.host = rest.slice(hostStart);
    rest = '';
  } else {
    self.host = rest.slice(hostStart, nonHost);
    rest = rest.slice(nonHost);
  }

  self.parseHost();
  // There is a host, so hostname is a string even when empty.
  if (typeof self.hostname !== 'string') self.hostname = '';

  const hostname = self.hostname;
  const ipv6 = isIPv6Hostname(hostname);
  if (!ipv6) {
    // Anything from the first `/ \ # ? :` on in the hostname moves into the path.
    for (let i = 0; i < hostname.length; i++) {
      const ch = hostname[i];
      if (ch === '/' || ch === '\\' || ch === '#' || ch === '?' || ch === ':') {
        if (ch === ':' && !warnedInvalidPort) {
          warnedInvalidPort = true;
          if (typeof process === 'object' && process !== null && typeof process.emitWarning === 'function') {
            process.emitWarning(`The URL ${url} is invalid. Future versions of Node.js will throw an error.`,
              'DeprecationWarning', 'DEP0170');
          }
        }
        self.hostname = hostname.slice(0, i);
        rest = `/${hostname.slice(i)}${rest}`;
        break;
      }
    }
  }

  self.hostname = self.hostname.length > hostnameMaxLength ? '' : self.hostname.toLowerCase();

  if (self.hostname !== '') {
    if (ipv6) {
      if (forbiddenHostCharsIPv6.test(self.hostname)) throw invalidLegacyUrl(url);
    } else {
      self.hostname = hostnameToASCII(self.hostname);
      // An empty or unsafe result could only come from the IDNA step: refuse it rather than guess.
      if (self.hostname === '' || forbiddenHostChars.test(self.hostname)) throw invalidLegacyUrl(url);
    }
  }

  self.host = (self.hostname || '') + (self.port ? `:${self.port}` : '');

  // `host` keeps the brackets, `hostname` does not.
  if (ipv6) {
    self.hostname = self.hostname.slice(1, -1);
    if (rest[0] !== '/') rest = `/${rest}`;
  }
  return rest;
}

Url.prototype.format = function format() {
  let auth = this.auth || '';
  if (auth) auth = `${encodeAuth(auth)}@`;

  let protocol = this.protocol || '';
  let pathname = this.pathname || '';
  let hash = this.hash || '';
  let host = '';
  let query = '';

  if (this.host) {
    host = auth + this.host;
  } else if (this.hostname) {
    const hostname = this.hostname;
    host = auth + (hostname.includes(':') && !isIPv6Hostname(hostname) ? `[${hostname}]` : hostname);
    if (this.port) host += `:${this.port}`;
  }

  if (this.query !== null && typeof this.query === 'object') query = querystring().stringify(this.query);
  let search = this.search || (query && `?${query}`) || '';

  if (protocol && protocol.charCodeAt(protocol.length - 1) !== 0x3a) protocol += ':';

  pathname = pathname.replace(/[#?]/g, (ch) => (ch === '#' ? '%23' : '%3F'));

  // Only the slashed protocols get `//` (file: even without a host), others only if they had it.
  if (this.slashes || slashedProtocols.has(protocol)) {
    if (this.slashes || host) {
      if (pathname && pathname.charCodeAt(0) !== 0x2f) pathname = `/${pathname}`;
      host = `//${host}`;
    } else if (protocol.length >= 4 && protocol.startsWith('file')) {
      host = '//';
    }
  }

  search = search.replace(/#/g, '%23');
  if (hash && hash.charCodeAt(0) !== 0x23) hash = `#${hash}`;
  if (search && search.charCodeAt(0) !== 0x3f) search = `?${search}`;
  return protocol + host + pathname + search + hash;
};

Url.prototype.resolve = function resolve(relative) {
  return this.resolveObject(urlParse(relative, false, true)).format();
};

Url.prototype.resolveObject = function resolveObject(relative) {
  if (typeof relative === 'string') {
    const parsed = new Url();
    parsed.parse(relative, false, true);
    relative = parsed;
  }
  return resolveLegacy(this, relative);
};

// Splits `this.host` into hostname and port (a trailing `:digits`).
Url.prototype.parseHost = function parseHost() {
  let host = this.host;
  const match = portPattern.exec(host);
  if (match !== null) {
    if (match[0] !== ':') this.port = match[0].slice(1);
    host = host.slice(0, host.length - match[0].length);
  }
  if (host) this.hostname = host;
};

// Trims the input, turns `\` into `/` before the first `?`/`#`, and notes whether a `#` or (early) `@` occurs.
function prepareInput(url) {
  let start = 0;
  let end = url.length;
  while (start < end && isTrimmedWhitespace(url.charCodeAt(start))) start++;
  while (end > start && isTrimmedWhitespace(url.charCodeAt(end - 1))) end--;
  let rest = url.slice(start, end);

  let hasHash = false;
  let hasAt = false;
  let split = -1;
  for (let i = 0; i < rest.length; i++) {
    const ch = rest[i];
    if (ch === '#') {
      hasHash = true;
      if (split === -1) split = i;
      break;
    }
    if (split === -1) {
      if (ch === '?') split = i;
      else if (ch === '@') hasAt = true;
    }
  }
  const head = split === -1 ? rest : rest.slice(0, split);
  if (head.includes('\\')) rest = head.replace(/\\/g, '/') + rest.slice(head.length);
  return { rest, hasHash, hasAt };
}

function invalidLegacyUrl(url) {
  const err = new (errors().ERR_INVALID_URL)();
  err.input = url;
  return err;
}

// IDNA like Node's toASCII (per label, no WHATWG host rewriting): ASCII labels are kept verbatim (already
// lower-cased, and `1.2.3` stays as it is), non-ASCII labels become punycode and `xn--` labels must be valid
// punycode; any failure gives '' (which the caller reports as an invalid URL).
const nonASCII = /[^\x00-\x7f]/;
function hostnameToASCII(hostname) {
  // Node's native toASCII sees the hostname as a C string: it ends at the first NUL.
  const nul = hostname.indexOf('\0');
  if (nul !== -1) hostname = hostname.slice(0, nul);
  if (!nonASCII.test(hostname) && !/xn--/i.test(hostname)) return hostname;
  const labels = hostname.split('.');
  for (let i = 0; i < labels.length; i++) {
    if (nonASCII.test(labels[i]) || /^xn--/i.test(labels[i])) {
      const ascii = domainToASCII(labels[i]);
      // '' is also what a label made only of ignored code points (BOM, soft hyphen...) maps to.
      if (ascii === '' && domainToASCII(`a${labels[i]}`) !== 'a') return '';
      labels[i] = ascii;
    }
  }
  return labels.join('.');
}

// url.resolveObject(): merges `relative` into a copy of `base` the way Node's legacy resolver does (RFC 1808
// style, with its special cases for protocol changes and for protocols without `//`).
function resolveLegacy(base, relative) {
  const result = new Url();
  for (const key of Object.keys(base)) result[key] = base[key];

  // The hash always comes from the relative URL, even when that is empty.
  result.hash = relative.hash;
  if (relative.href === '') {
    result.href = result.format();
    return result;
  }

  // `//host/path` keeps only the protocol of the base.
  if (relative.slashes && !relative.protocol) {
    for (const key of Object.keys(relative)) {
      if (key !== 'protocol') result[key] = relative[key];
    }
    if (slashedProtocols.has(result.protocol) && result.hostname && !result.pathname) {
      result.path = result.pathname = '/';
    }
    result.href = result.format();
    return result;
  }

  if (relative.protocol && relative.protocol !== result.protocol) {
    return resolveWithNewProtocol(result, relative);
  }

  const sourceIsAbsolute = Boolean(result.pathname && result.pathname.charAt(0) === '/');
  const relativeIsAbsolute = Boolean(relative.host || (relative.pathname && relative.pathname.charAt(0) === '/'));
  let mustEndAbsolute = relativeIsAbsolute || sourceIsAbsolute || Boolean(result.host && relative.pathname);
  const removeAllDots = mustEndAbsolute;
  let sourcePath = (result.pathname && result.pathname.split('/')) || [];
  const relativePath = (relative.pathname && relative.pathname.split('/')) || [];
  const noLeadingSlashes = result.protocol && !slashedProtocols.has(result.protocol);

  // For protocols without `//` (mailto: ...), the "host" is treated as the first path segment so that `..` can
  // climb into it; it is put back at the end.
  if (noLeadingSlashes) {
    result.hostname = '';
    result.port = null;
    if (result.host) {
      if (sourcePath[0] === '') sourcePath[0] = result.host;
      else sourcePath.unshift(result.host);
    }
    result.host = '';
    if (relative.protocol) {
      relative.hostname = null;
      relative.port = null;
      result.auth = null;
      if (relative.host) {
        if (relativePath[0] === '') relativePath[0] = relative.host;
        else relativePath.unshift(relative.host);
      }
      relative.host = null;
    }
    mustEndAbsolute = mustEndAbsolute && (relativePath[0] === '' || sourcePath[0] === '');
  }

  if (relativeIsAbsolute) {
    if (relative.host || relative.host === '') {
      if (result.host !== relative.host) result.auth = null;
      result.host = relative.host;
      result.port = relative.port;
    }
    if (relative.hostname || relative.hostname === '') {
      if (result.hostname !== relative.hostname) result.auth = null;
      result.hostname = relative.hostname;
    }
    result.search = relative.search;
    result.query = relative.query;
    sourcePath = relativePath;
  } else if (relativePath.length > 0) {
    // Replace the last segment of the base path.
    sourcePath.pop();
    sourcePath = sourcePath.concat(relativePath);
    result.search = relative.search;
    result.query = relative.query;
  } else if (relative.search !== null && relative.search !== undefined) {
    // Only a new query (`?x`).
    if (noLeadingSlashes) {
      result.hostname = result.host = sourcePath.shift();
      splitAuthFromHost(result);
    }
    result.search = relative.search;
    result.query = relative.query;
    if (result.pathname !== null || result.search !== null) {
      result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '');
    }
    result.href = result.format();
    return result;
  }

  if (sourcePath.length === 0) {
    result.pathname = null;
    result.path = result.search ? `/${result.search}` : null;
    result.href = result.format();
    return result;
  }

  // A path ending in `.` or `..` (or empty) keeps a trailing slash after dot removal.
  let last = sourcePath[sourcePath.length - 1];
  const hasTrailingSlash = ((result.host || relative.host || sourcePath.length > 1)
    && (last === '.' || last === '..')) || last === '';

  // Remove `.` segments and `..` together with the segment they cancel; `up` counts `..` left unmatched.
  let up = 0;
  for (let i = sourcePath.length - 1; i >= 0; i--) {
    last = sourcePath[i];
    if (last === '.') {
      sourcePath.splice(i, 1);
    } else if (last === '..') {
      sourcePath.splice(i, 1);
      up++;
    } else if (up > 0) {
      sourcePath.splice(i, 1);
      up--;
    }
  }
  if (!mustEndAbsolute && !removeAllDots) {
    for (; up > 0; up--) sourcePath.unshift('..');
  }

  if (mustEndAbsolute && sourcePath[0] !== '' && (!sourcePath[0] || sourcePath[0].charAt(0) !== '/')) {
    sourcePath.unshift('');
  }
  if (hasTrailingSlash && sourcePath.join('/').slice(-1) !== '/') sourcePath.push('');

  const isAbsolute = sourcePath[0] === '' || Boolean(sourcePath[0] && sourcePath[0].charAt(0) === '/');

  if (noLeadingSlashes) {
    result.hostname = result.host = isAbsolute ? '' : sourcePath.length > 0 ? sourcePath.shift() : '';
    splitAuthFromHost(result);
  }

  mustEndAbsolute = mustEndAbsolute || (result.host && sourcePath.length);
  if (mustEndAbsolute && !isAbsolute) sourcePath.unshift('');

  if (sourcePath.length > 0) {
    result.pathname = sourcePath.join('/');
  } else {
    result.pathname = null;
    result.path = null;
  }
  if (result.pathname !== null || result.search !== null) {
    result.path = (result.pathname ? result.pathname : '') + (result.search ? result.search : '');
  }
  result.auth = relative.auth || result.auth;
  result.slashes = result.slashes || relative.slashes;
  result.href = result.format();
  return result;
}

// `mailto:a@b` style: an `@` in what was taken as the host means the part before it is auth.
function splitAuthFromHost(result) {
  const host = result.host;
  if (host && host.indexOf('@') > 0) {
    const parts = host.split('@');
    result.auth = parts.shift();
    result.host = result.hostname = parts.shift();
  }
}

function resolveWithNewProtocol(result, relative) {
  // A protocol without `//` makes the relative URL absolute as it is.
  if (!slashedProtocols.has(relative.protocol)) {
    for (const key of Object.keys(relative)) result[key] = relative[key];
    result.href = result.format();
    return result;
  }

  result.protocol = relative.protocol;
  if (!relative.host && !/^file:?$/.test(relative.protocol) && !hostlessProtocols.has(relative.protocol)) {
    // `http:foo/bar` against another protocol: the first non-empty path segment becomes the host.
    const segments = (relative.pathname || '').split('/');
    while (segments.length > 0 && !(relative.host = segments.shift()));
    if (!relative.host) relative.host = '';
    if (!relative.hostname) relative.hostname = '';
    if (segments[0] !== '') segments.unshift('');
    if (segments.length < 2) segments.unshift('');
    result.pathname = segments.join('/');
  } else {
    result.pathname = relative.pathname;
  }
  result.search = relative.search;
  result.query = relative.query;
  result.host = relative.host || '';
  result.auth = relative.auth;
  result.hostname = relative.hostname || relative.host;
  result.port = relative.port;
  if (result.pathname || result.search) result.path = (result.pathname || '') + (result.search || '');
  result.slashes = result.slashes || relative.slashes;
  result.href = result.format();
  return result;
}

function urlParse(url, parseQueryString, slashesDenoteHost) {
  if (url instanceof Url) return url;
  const parsed = new Url();
  parsed.parse(url, parseQueryString, slashesDenoteHost);
  return parsed;
}

// format() of a WHATWG URL, with Node's options to drop the fragment, search or credentials and to show the
// hostname in Unicode.
function formatWhatwg(url, options) {
  let fragment = true;
  let unicode = false;
  let search = true;
  let auth = true;
  if (options !== undefined && options !== null) {
    if (typeof options !== 'object' || Array.isArray(options)) {
      throw new (errors().ERR_INVALID_ARG_TYPE)('options', 'object', options);
    }
    if (options.fragment != null) fragment = Boolean(options.fragment);
    if (options.unicode != null) unicode = Boolean(options.unicode);
    if (options.search != null) search = Boolean(options.search);
    if (options.auth != null) auth = Boolean(options.auth);
  }
  const copy = new URL(url.href);
  if (!fragment) copy.hash = '';
  if (!search) copy.search = '';
  if (!auth) {
    copy.username = '';
    copy.password = '';
  }
  if (!unicode || copy.host === '') return copy.href;
  let userinfo = '';
  if (copy.username !== '' || copy.password !== '') {
    userinfo = copy.username + (copy.password !== '' ? `:${copy.password}` : '') + '@';
  }
  const port = copy.port !== '' ? `:${copy.port}` : '';
  return `${copy.protocol}//${userinfo}${domainToUnicode(copy.hostname)}${port}${copy.pathname}${copy.search}${copy.hash}`;
}

function urlFormat(urlObject, options) {
  if (typeof urlObject === 'string') {
    urlObject = urlParse(urlObject);
  } else if (typeof urlObject !== 'object' || urlObject === null) {
    throw new (errors().ERR_INVALID_ARG_TYPE)('urlObject', ['Object', 'string'], urlObject);
  } else if (isURL(urlObject)) {
    return formatWhatwg(urlObject, options);
  }
  return Url.prototype.format.call(urlObject);
}

function urlResolve(source, relative) {
  return urlParse(source, false, true).resolve(relative);
}

function urlResolveObject(source, relative) {
  if (!source) return relative;
  return urlParse(source, false, true).resolveObject(relative);
}

module.exports = {
  Url,
  parse: urlParse,
  resolve: urlResolve,
  resolveObject: urlResolveObject,
  format: urlFormat,
  URL,
  URLSearchParams,
  domainToASCII,
  domainToUnicode,
  pathToFileURL,
  fileURLToPath,
  urlToHttpOptions,
};
