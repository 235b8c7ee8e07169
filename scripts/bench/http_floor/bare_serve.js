// A stdlib overlay module for http_floor.sh: the least JavaScript a keep-alive HTTP server can run per request
// on rt (binding.http.serve parses natively; one literal per request; one native write). Not node:http: a floor.
'use strict';
const net = require('net');
const nn = binding.net;
const dateLine = 'Date: ' + new Date().toUTCString() + '\r\n';
class Conn {
  constructor(id, handler) { this.id = id; this.handler = handler; }
  onrequest(method, url, minor, raw, body, keepAlive) {
    const req = { method, url, rawHeaders: raw };
    const res = { id: this.id, statusCode: 200, end: resEnd, writeHead: resWriteHead };
    this.handler(req, res);
  }
  onparseerror() { nn.close(this.id); }
  onhandover() { nn.close(this.id); }
  onend() { nn.close(this.id); }
  onerror() { nn.close(this.id); }
  ondrain() {}
}
function resWriteHead(code) { this.statusCode = code; return this; }
function resEnd(body) {
  const len = body.length;
  nn.write(this.id, `HTTP/1.1 ${this.statusCode} OK\r\n${dateLine}Connection: keep-alive\r\nKeep-Alive: timeout=5\r\nContent-Length: ${len}\r\n\r\n${body}`);
}
function createServer(handler) {
  const server = new net.Server();
  server._acceptHandle = function (id) {
    const conn = new Conn(id, handler);
    nn.setTarget(id, conn);
    binding.http.serve(id);
  };
  return server;
}
module.exports = { createServer };
