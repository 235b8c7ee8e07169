// The CommonJS loader: Module, require, the require cache and the main-module entry points.
// Resolution is native (runtime/modules/resolve.rs, shared with `import`); what Node's
// `Module._load` does around it lives here.

const ops = binding.modules;
const WRAPPER_PARAMS = 'exports, require, module, __filename, __dirname';

function dirname(path) {
  const index = path.lastIndexOf('/');
  if (index === -1) return '.';
  return index === 0 ? '/' : path.slice(0, index);
}

function extname(path) {
  const base = path.slice(path.lastIndexOf('/') + 1);
  const dot = base.lastIndexOf('.');
  return dot <= 0 ? '' : base.slice(dot);
}

function nodeModulePaths(from) {
  const paths = [];
  let dir = from;
  while (true) {
    if (!dir.endsWith('/node_modules')) paths.push(`${dir === '/' ? '' : dir}/node_modules`);
    if (dir === '/') break;
    dir = dirname(dir);
  }
  return paths;
}

let mainModule;

class Module {
  constructor(id = '', parent = null) {
    this.id = id;
    this.path = dirname(id);
    this.exports = {};
    this.filename = null;
    this.loaded = false;
    this.children = [];
    this.paths = [];
    if (parent) parent.children.push(this);
  }

  require(id) {
    if (typeof id !== 'string') {
      const { codes } = require('internal/errors');
      throw new codes.ERR_INVALID_ARG_TYPE('id', 'string', id);
    }
    if (id === '') {
      const { codes } = require('internal/errors');
      throw new codes.ERR_INVALID_ARG_VALUE('id', id, 'must be a non-empty string');
    }
    return Module._load(id, this, false);
  }

  load(filename) {
    this.filename = filename;
    this.paths = nodeModulePaths(dirname(filename));
    const extension = Module._extensions[extname(filename)] ? extname(filename) : '.js';
    Module._extensions[extension](this, filename);
    this.loaded = true;
  }

  _compile(content, filename) {
    const wrapper = ops.compileFunction(content, filename, WRAPPER_PARAMS);
    const require = makeRequire(this);
    return wrapper.call(this.exports, this.exports, require, this, filename, dirname(filename));
  }
}

Module._cache = Object.create(null);
Module._extensions = Object.create(null);
Module._extensions['.js'] = (module, filename) => {
  if (filename.endsWith('.js') && ops.formatOf(filename) === 'module') throw requireEsmError(filename);
  module._compile(binding.fs.readFileUtf8(filename), filename);
};
Module._extensions['.cjs'] = Module._extensions['.js'];
Module._extensions['.json'] = (module, filename) => {
  const content = binding.fs.readFileUtf8(filename);
  try {
    module.exports = JSON.parse(content);
  } catch (err) {
    err.message = `${filename}: ${err.message}`;
    throw err;
  }
};
Module._extensions['.mjs'] = (module, filename) => {
  throw requireEsmError(filename);
};

function requireEsmError(filename) {
  const { codes } = require('internal/errors');
  return new codes.ERR_REQUIRE_ESM(filename);
}

function requireStack(parent) {
  const stack = [];
  for (let cursor = parent; cursor; cursor = cursor.parent) {
    if (cursor.filename || cursor.id) stack.push(cursor.filename || cursor.id);
  }
  return stack;
}

Module._resolveFilename = function (request, parent) {
  const from = parent && parent.filename ? dirname(parent.filename) : binding.process.cwd();
  try {
    return ops.resolve(request, from, 'require');
  } catch (err) {
    if (err.code === 'MODULE_NOT_FOUND') {
      const stack = requireStack(parent);
      if (stack.length > 0) err.message += `\nRequire stack:\n- ${stack.join('\n- ')}`;
      err.requireStack = stack;
    }
    throw err;
  }
};

Module._load = function (request, parent, isMain) {
  const filename = Module._resolveFilename(request, parent);
  if (filename.startsWith('node:')) return ops.requireBuiltin(filename.slice(5));
  const cached = Module._cache[filename];
  if (cached !== undefined) {
    if (parent && !parent.children.includes(cached)) parent.children.push(cached);
    return cached.exports;
  }
  const module = new Module(filename, parent);
  module.parent = parent;
  if (isMain) {
    module.id = '.';
    mainModule = module;
  }
  Module._cache[filename] = module;
  let threw = true;
  try {
    module.load(filename);
    threw = false;
  } finally {
    if (threw) delete Module._cache[filename];
  }
  return module.exports;
};

function makeRequire(module) {
  const require = (id) => module.require(id);
  require.resolve = (request, options) => {
    void options;
    const resolved = Module._resolveFilename(request, module);
    return resolved.startsWith('node:') && !request.startsWith('node:') ? request : resolved;
  };
  require.resolve.paths = (request) => (ops.isBuiltin(request) ? null : nodeModulePaths(module.path));
  require.main = mainModule;
  require.extensions = Module._extensions;
  require.cache = Module._cache;
  return require;
}

function createRequire(filename) {
  if (filename && typeof filename === 'object' && typeof filename.href === 'string') {
    filename = require('url').fileURLToPath(filename);
  } else if (typeof filename === 'string' && filename.startsWith('file:')) {
    filename = require('url').fileURLToPath(filename);
  }
  if (typeof filename !== 'string' || !filename.startsWith('/')) {
    const { codes } = require('internal/errors');
    throw new codes.ERR_INVALID_ARG_VALUE('filename', filename,
      'must be a file URL object, file URL string, or absolute path string');
  }
  const module = new Module(filename, null);
  module.filename = filename;
  module.paths = nodeModulePaths(dirname(filename));
  return makeRequire(module);
}

// `rt main.js`: the entry module, as Node's Module.runMain.
function runMain(path) {
  Module._load(path, null, true);
}

// `rt -e code` (name '[eval]') and `eval: true` workers ('[worker eval]'): as Node's evalScript, the code
// runs as a global script, with module, exports, require, __filename and __dirname as globals.
function runEval(code, name = '[eval]') {
  const cwd = binding.process.cwd();
  const module = new Module(name, null);
  module.filename = `${cwd}/${name}`;
  module.paths = nodeModulePaths(cwd);
  module.loaded = true;
  globalThis.module = module;
  globalThis.exports = module.exports;
  globalThis.__dirname = '.';
  globalThis.require = makeRequire(module);
  globalThis.__filename = name;
  ops.runScript(code, name);
}

// An ES module importing a CommonJS file: both module systems share one cache, as in Node.
function loadForImport(filename) {
  return Module._load(filename, null, false);
}

Module.Module = Module;
Module.createRequire = createRequire;
Module.builtinModules = ops.builtinNames();
Module.isBuiltin = (name) => ops.isBuiltin(String(name));
Module._nodeModulePaths = nodeModulePaths;

module.exports = { Module, runMain, runEval, loadForImport, createRequire };
