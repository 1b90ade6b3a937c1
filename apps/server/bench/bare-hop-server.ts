/**
 * The benchmark's ceiling: a bare Node HTTP server playing one node's part in the three hops of a
 * delivery (client → A send, A → B message-receive, B → A message-confirm), with no database and
 * no crypto. Run as `tsx bare-hop-server.ts <port> <peer base URL>`; it prints "ready" when listening.
 */
import { Agent, createServer, request } from 'node:http';

const [portArg, peer] = process.argv.slice(2);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

function call(url: string, body: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      {
        method: 'POST',
        agent,
        headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve(text));
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

const server = createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', (chunk: string) => (body += chunk));
  req.on('end', async () => {
    try {
      let answer = '{"success":true}';
      if (req.url === '/send') answer = await call(`${peer}/receive`, body);
      else if (req.url === '/receive') {
        await call(`${peer}/confirm`, body);
        answer = '{"success":true,"response_code":"SM_S888"}';
      }
      res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
    } catch {
      res.writeHead(502).end();
    }
  });
});
server.keepAliveTimeout = 30_000;
server.listen(Number(portArg), '127.0.0.1', () => console.log('ready'));
