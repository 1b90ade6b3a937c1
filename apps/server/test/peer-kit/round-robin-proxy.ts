import { Agent, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { LoopbackServer } from './loopback-server';

/**
 * A load balancer on loopback: each request goes to the next of `targets` in turn (streamed, with
 * keep-alive to the targets), so the replicas behind one domain's address all get traffic. The
 * targets can be set after the proxy started (its address goes into the nodes' settings first).
 */
export class RoundRobinProxy extends LoopbackServer {
  targets: string[] = [];
  /** Requests forwarded to each target, by target. */
  readonly forwarded = new Map<string, number>();
  private next = 0;
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 64 });

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const target = this.targets[this.next++ % this.targets.length];
    if (!target) {
      response.writeHead(502).end();
      return;
    }
    this.forwarded.set(target, (this.forwarded.get(target) ?? 0) + 1);
    const outgoing = httpRequest(
      new URL(request.url ?? '/', target),
      { method: request.method, headers: request.headers, agent: this.agent },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    outgoing.on('error', () => (response.headersSent ? response.destroy() : response.writeHead(502).end()));
    request.pipe(outgoing);
  }

  override async stop(): Promise<void> {
    this.agent.destroy();
    await super.stop();
  }
}
