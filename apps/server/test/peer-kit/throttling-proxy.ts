import { request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { LoopbackServer, readBody } from './loopback-server';

/**
 * An HTTP proxy on loopback in front of a real node that passes every answer through as it comes, but files-1
 * fetch answers slowly (`bytesPerTick` every `tickMs`): a transfer then takes long enough for a test to kill either
 * node in the middle of it. It keeps the fetch requests' bodies.
 */
export class ThrottlingProxy extends LoopbackServer {
  readonly fetches: Array<Record<string, unknown>> = [];

  constructor(
    private readonly target: string,
    private readonly bytesPerTick = 64 * 1024,
    private readonly tickMs = 100,
  ) {
    super();
  }

  protected async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const body = await readBody(request);
    const isFetch = (request.url ?? '').startsWith('/openmsg/files-1/fetch');
    if (isFetch) this.fetches.push(JSON.parse(body.toString('utf8')) as Record<string, unknown>);
    const upstream = httpRequest(new URL(request.url ?? '/', this.target), {
      method: request.method,
      headers: { 'content-type': 'application/json', 'content-length': String(body.length) },
    });
    upstream.on('error', () => response.destroy());
    upstream.on('response', (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      if (!isFetch) {
        answer.pipe(response);
        return;
      }
      void this.trickle(answer, response);
    });
    response.on('close', () => upstream.destroy());
    upstream.end(body);
  }

  private async trickle(answer: IncomingMessage, response: ServerResponse): Promise<void> {
    answer.on('error', () => response.destroy());
    answer.on('aborted', () => response.destroy());
    try {
      for await (const chunk of answer) {
        const bytes = chunk as Buffer;
        for (let at = 0; at < bytes.length; at += this.bytesPerTick) {
          if (response.destroyed) return;
          response.write(bytes.subarray(at, at + this.bytesPerTick));
          await sleep(this.tickMs);
        }
      }
      // The node behind was cut off mid-answer: the caller sees the cut, not a clean end.
      if (!answer.complete) response.destroy();
      else response.end();
    } catch {
      response.destroy();
    }
  }
}
