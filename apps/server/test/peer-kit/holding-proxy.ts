import type { IncomingMessage, ServerResponse } from 'node:http';
import { LoopbackServer, readBody } from './loopback-server';
import { forwardJson } from './forward-json';

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
    const upstream = await forwardJson(this.target, request, body).catch(() => null);
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
}
