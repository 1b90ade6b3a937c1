import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { LoopbackServer, readBody } from './loopback-server';

export type ProxyMode = 'pass' | 'hold-request' | 'hold-response';

/**
 * An HTTP proxy on loopback in front of a real node, used to freeze a delivery at an exact moment:
 * 'hold-request' keeps requests from reaching the node, 'hold-response' lets the node do its work
 * but keeps its answer from the caller. Held exchanges are counted so a test can wait for one.
 */
export class HoldingProxy extends LoopbackServer {
  mode: ProxyMode = 'pass';
  held = 0;
  forwarded = 0;
  private readonly waiting: ServerResponse[] = [];

  constructor(private readonly target: string) {
    super();
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    if (this.mode === 'hold-request') {
      this.held++;
      this.waiting.push(response);
      return; // not answered until release(); the caller's timeout or death ends it
    }
    const upstream = await this.forward(request, body).catch(() => null);
    this.forwarded++;
    if (this.mode === 'hold-response') {
      this.held++;
      this.waiting.push(response);
      return;
    }
    if (!upstream) {
      response.writeHead(502).end();
      return;
    }
    response.writeHead(upstream.status, { 'content-type': 'application/json' }).end(upstream.body);
  }

  /** Answers every exchange held so far with 503 (the node behind the proxy did not answer), so the callers retry at once. */
  release(): void {
    for (const response of this.waiting.splice(0)) response.writeHead(503).end();
  }

  private forward(request: IncomingMessage, body: Buffer): Promise<{ status: number; body: Buffer }> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(
        new URL(request.url ?? '/', this.target),
        {
          method: request.method,
          headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
        },
        (answer) => {
          const chunks: Buffer[] = [];
          answer.on('data', (chunk: Buffer) => chunks.push(chunk));
          answer.on('end', () => resolve({ status: answer.statusCode ?? 502, body: Buffer.concat(chunks) }));
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });
  }
}
