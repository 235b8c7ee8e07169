// Crash storm: a cluster whose workers die on every Nth request they serve, under load.
//
// The primary forks WORKERS workers (default 2) and forks a replacement whenever one exits. Each worker
// serves HTTP on PORT and, on the CRASH_EVERY-th request it receives (default 10), dies:
//   MODE=abort  (default) it exits with code 1 from inside the request handler, without answering: that
//               request, and any other request in flight on a connection the worker holds, is cut;
//   MODE=answer it answers that request with 200 first and exits once the answer is written (the
//               lesson's /crash): only the requests in flight on its other connections are cut.
// STEADY=1 exempts the first worker (cluster worker id 1) from crashing, so one worker always lives and the
// primary never has to close its listening socket (it does, as Node's does, once every worker is gone).
// Just before it exits, a dying worker appends one line to the file CRASH_LOG (synchronously, so it cannot
// be lost; without CRASH_LOG the line goes to stderr):
//   crash pid=<pid> served=<answered requests> open=<connections it holds, this one included>
// Each of those `open` connections carries at most one request in flight (neither wrk nor storm_client.py
// pipelines). Connections the primary has handed to the worker that it has not accepted yet are not counted.
//
// The primary listens for 'error' on every cluster Worker and counts those errors by code: an IPC write to a
// worker that has just died may fail (EPIPE), and without a listener that error would end the primary (it
// does under rt without one: docs/reliability.md). SIGTERM or SIGINT on the primary stops the storm: it prints
// one JSON line (restarts and how long they took, exits by code, worker errors, its own open fds), stops its
// workers and exits.
//
// Usage: PORT=18090 rt scripts/soak/crash_storm.mjs     (scripts/soak/crash_storm.sh runs it under wrk)
import cluster from 'node:cluster';
import http from 'node:http';
import fs from 'node:fs';
import process from 'node:process';

const port = Number(process.env.PORT ?? 18090);
const workers = Number(process.env.WORKERS ?? 2);
const crashEvery = Number(process.env.CRASH_EVERY ?? 10);
const mode = process.env.MODE ?? 'abort';
const steady = process.env.STEADY === '1';

if (cluster.isPrimary) {
  let restarts = 0;
  let stopping = false;
  const exits = {};
  const started = Date.now();
  // How long a replacement takes: from its predecessor's 'exit' to its own 'listening'.
  const exitedAt = new Map();
  const restartMs = [];
  const workerErrors = {};

  for (let i = 0; i < workers; i++) cluster.fork();
  cluster.on('exit', (worker, code, signal) => {
    const key = signal ?? String(code);
    exits[key] = (exits[key] ?? 0) + 1;
    if (stopping) return;
    restarts++;
    exitedAt.set(cluster.fork().id, performance.now());
  });
  // The primary's open fds once the first workers listen, and again at the end (2 live workers both times,
  // give or take a restart in progress): a primary that leaked a connection or a channel per crash grows.
  let fdsStart = null;
  let listening = 0;
  const countFds = () => fs.readdirSync('/proc/self/fd').length;
  cluster.on('listening', (worker) => {
    if (++listening === workers) fdsStart = countFds();
    if (exitedAt.has(worker.id)) restartMs.push(performance.now() - exitedAt.get(worker.id));
    exitedAt.delete(worker.id);
  });
  cluster.on('fork', (worker) => {
    worker.on('error', (err) => {
      const key = err?.code ?? String(err);
      workerErrors[key] = (workerErrors[key] ?? 0) + 1;
    });
  });

  const stop = () => {
    if (stopping) return;
    stopping = true;
    console.log(JSON.stringify({
      bench: 'crash_storm',
      runtime: process.versions.rt !== undefined ? 'rt' : 'node',
      mode,
      crash_every: crashEvery,
      steady,
      workers,
      restarts,
      exits,
      restart_ms_median: Math.round(restartMs.sort((a, b) => a - b)[restartMs.length >> 1] ?? 0),
      restart_ms_max: Math.round(restartMs.at(-1) ?? 0),
      worker_errors: workerErrors,
      primary_fds_start: fdsStart,
      primary_fds_end: countFds(),
      seconds: (Date.now() - started) / 1000,
    }));
    for (const worker of Object.values(cluster.workers)) worker.process.kill('SIGTERM');
    setTimeout(() => process.exit(0), 200).unref();
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
} else {
  let received = 0;
  let served = 0;
  const sockets = new Set();
  const server = http.createServer((req, res) => {
    received++;
    if (received % crashEvery !== 0 || (steady && cluster.worker.id === 1)) {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`hello from ${process.pid}\n`);
      served++;
      return;
    }
    const die = () => {
      const line = `crash pid=${process.pid} served=${served} open=${sockets.size}\n`;
      if (process.env.CRASH_LOG) fs.appendFileSync(process.env.CRASH_LOG, line);
      else process.stderr.write(line);
      process.exit(1);
    };
    if (mode === 'answer') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      served++;
      res.end(`crashing ${process.pid}\n`, die);
    } else {
      die();
    }
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.listen(port);
}
