// The same handler on node:http, for the side-by-side figure.
import { createServer } from 'node:http';
createServer((req, res) => { res.writeHead(200); res.end(`hello from ${process.pid}\n`); }).listen(Number(process.env.PORT));
