// Runs once per isolate, before the program. It must stay cheap: rt starts in a few milliseconds,
// so every global is installed as a lazy getter and its module is compiled on first use.

// Globals stay accessors for good: Boa caches a global lookup per call site, and turning the
// accessor into a data property on first use would leave such caches stale.
const lazy = (name, load) => {
  let value;
  let loaded = false;
  Object.defineProperty(globalThis, name, {
    configurable: true,
    enumerable: false,
    get() {
      if (!loaded) {
        value = load();
        loaded = true;
      }
      return value;
    },
    set(replacement) {
      value = replacement;
      loaded = true;
    },
  });
};

Object.defineProperty(globalThis, 'global', { value: globalThis, writable: true, configurable: true });

lazy('process', () => require('internal/process').process);
lazy('console', () => require('internal/console_global'));
lazy('Buffer', () => require('buffer').Buffer);
lazy('performance', () => require('perf_hooks').performance);
lazy('structuredClone', () => require('internal/structured_clone').structuredClone);
lazy('MessageChannel', () => require('internal/worker/io').MessageChannel);
lazy('MessagePort', () => require('internal/worker/io').MessagePort);
lazy('BroadcastChannel', () => require('internal/worker/io').BroadcastChannel);
lazy('MessageEvent', () => require('internal/worker/io').lazyMessageEvent());
for (const name of ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'setImmediate', 'clearImmediate']) {
  lazy(name, () => require('internal/timers')[name]);
}
lazy('TextEncoder', () => require('internal/encoding').TextEncoder);
lazy('TextDecoder', () => require('internal/encoding').TextDecoder);
lazy('URL', () => require('internal/url').URL);
lazy('URLSearchParams', () => require('internal/url').URLSearchParams);
lazy('AbortController', () => require('internal/abort_controller').AbortController);
lazy('AbortSignal', () => require('internal/abort_controller').AbortSignal);
lazy('Event', () => require('internal/event_target').Event);
lazy('EventTarget', () => require('internal/event_target').EventTarget);
lazy('CustomEvent', () => require('internal/event_target').CustomEvent);
lazy('DOMException', () => require('internal/dom_exception').DOMException);
lazy('atob', () => require('internal/base64').atob);
lazy('btoa', () => require('internal/base64').btoa);

const queueMicrotaskNative = binding.timers.queueMicrotask;
Object.defineProperty(globalThis, 'queueMicrotask', {
  value: function queueMicrotask(callback) {
    if (typeof callback !== 'function') {
      const { codes } = require('internal/errors');
      throw new codes.ERR_INVALID_ARG_TYPE('callback', 'Function', callback);
    }
    queueMicrotaskNative(callback);
  },
  writable: true,
  configurable: true,
});

// Boa's `stack` holds only the frames; Node's starts with the `Name: message` line.
const frames = Object.getOwnPropertyDescriptor(Error.prototype, 'stack');
if (frames && frames.get) {
  Object.defineProperty(Error.prototype, 'stack', {
    configurable: true,
    enumerable: false,
    get() {
      const trace = frames.get.call(this);
      if (trace === undefined) return undefined;
      let header;
      try {
        header = Error.prototype.toString.call(this);
      } catch {
        header = 'Error';
      }
      return trace.length > 0 ? `${header}\n${trace.replace(/\n$/, '')}` : header;
    },
    set(value) {
      Object.defineProperty(this, 'stack', { value, writable: true, configurable: true, enumerable: false });
    },
  });
}
