// node:http — HTTP/1.1 server and client over node:net. Heads are parsed natively (binding.http, httparse);
// everything else (framing, keep-alive, pipelining, the Agent) lives in internal/http/*.

'use strict';

const common = require('internal/http/common');
const { IncomingMessage } = require('internal/http/incoming');
const { OutgoingMessage, validateHeaderName, validateHeaderValue } = require('internal/http/outgoing');
const { Server, ServerResponse, connectionListener } = require('internal/http/server');
const { ClientRequest, request, get, globalAgentRef, Agent } = require('internal/http/client');

function createServer(opts, requestListener) {
  return new Server(opts, requestListener);
}

function setMaxIdleHTTPParsers(max) {
  if (typeof max !== 'number') {
    throw new (require('internal/errors').codes.ERR_INVALID_ARG_TYPE)('max', 'number', max);
  }
  if (!Number.isInteger(max) || max < 1) {
    throw new (require('internal/errors').codes.ERR_OUT_OF_RANGE)('max', '>= 1', max);
  }
}

module.exports = {
  _connectionListener: connectionListener,
  METHODS: common.METHODS.slice(),
  STATUS_CODES: common.STATUS_CODES,
  Agent,
  ClientRequest,
  IncomingMessage,
  OutgoingMessage,
  Server,
  ServerResponse,
  createServer,
  validateHeaderName,
  validateHeaderValue,
  get,
  request,
  setMaxIdleHTTPParsers,
};

Object.defineProperty(module.exports, 'maxHeaderSize', {
  configurable: true,
  enumerable: true,
  get() {
    return common.MAX_HEAD_BYTES;
  },
});

Object.defineProperty(module.exports, 'globalAgent', {
  configurable: true,
  enumerable: true,
  get() {
    return globalAgentRef.get();
  },
  set(value) {
    globalAgentRef.set(value);
  },
});
