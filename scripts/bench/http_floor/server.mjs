// The floor server: the lesson's handler over bare_serve (see http_floor.sh).
import { createServer } from 'bare_serve';
createServer((req, res) => { res.writeHead(200); res.end(`hello from ${process.pid}\n`); }).listen(Number(process.env.PORT));
