// Part 3 — cluster: one process per core, all serving the same port.
//
// The same file runs twice over: once as the primary (cluster.isPrimary), which
// only forks and watches the workers, and once in every worker it forks, each
// running the same HTTP server on the same port. The operating system (and, by
// default on Linux, the primary handing out connections in turn) spreads the
// connections across the workers. A worker that dies is replaced.
//
// Try it: `rt main.mjs`, then `curl localhost:8000` a few times (different PIDs
// answer) and `curl localhost:8000/crash` (that worker exits; the primary forks
// a new one). Ctrl-C stops them all.
import cluster from 'node:cluster';
import http from 'node:http';
import { availableParallelism } from 'node:os';

const port = process.env.PORT ?? 8000;
// One worker per core; WORKERS overrides it (tests use 2).
const workers = Number(process.env.WORKERS) || availableParallelism();

if (cluster.isPrimary) {
  console.log(`Primary ${process.pid} is running`);

  for (let i = 0; i < workers; i++) {
    cluster.fork();
  }

  // Keep the pool full: whenever a worker dies, start another.
  cluster.on('exit', (worker, code, signal) => {
    console.log(`worker ${worker.process.pid} died`);
    cluster.fork();
  });
} else {
  // Workers share the listening port: every one of them calls listen(port).
  http
    .createServer((req, res) => {
      if (req.url === '/crash') {
        // Answer first, then die, so the restart can be watched from outside.
        res.writeHead(200);
        res.end(`crashing ${process.pid}\n`, () => process.exit(1));
        return;
      }
      res.writeHead(200);
      res.end(`hello from ${process.pid}\n`);
    })
    .listen(port);

  console.log(`Worker ${process.pid} started`);
}

// This program serves until it is stopped, and its PIDs differ on every run. `rt check` runs it with two
// workers on a free port (as `WORKERS=2 PORT=0 node main.mjs` would), stops the primary with SIGTERM once
// the lines below are printed (the workers then exit on their own), and matches each PID with <pid>.
// rt-check: env WORKERS=2 PORT=0
// rt-check: stop-when-printed
// Expected output:
// Primary <pid> is running
// Worker <pid> started
// Worker <pid> started
