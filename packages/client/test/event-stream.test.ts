import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { OpenmsgClient, type StreamEvent, type StreamStatus } from '../src';

/**
 * How the event stream behaves when the other end misbehaves, against a real HTTP server on
 * loopback that answers GET /api/v1/events as each test says (the node's own behaviour, with its
 * real stream, is tested in apps/server/test/in-process/client-package and test/process/client-package).
 */
type Answer = (request: IncomingMessage, response: ServerResponse, attempt: number) => void;

let server: Server | undefined;
afterEach(async () => {
  server?.closeAllConnections();
  await new Promise((resolve) => server?.close(resolve) ?? resolve(undefined));
  server = undefined;
});

async function serve(answer: Answer): Promise<{ baseUrl: string; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  server = createServer((request, response) => {
    requests.push(request);
    answer(request, response, requests.length);
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return { baseUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests };
}

function startStream(response: ServerResponse): void {
  response.writeHead(200, { 'content-type': 'text/event-stream' });
  response.write(': connected\n\n');
}

const created = (text: string): StreamEvent => ({ type: 'message.created', message: { id: text, text } as never });

function watch(baseUrl: string, options = {}) {
  const seen = { events: [] as StreamEvent[], statuses: [] as StreamStatus[], resyncs: 0 };
  const stream = new OpenmsgClient({ baseUrl, token: 'om_test' }).events(
    {
      onEvent: (event) => void seen.events.push(event),
      onStatus: (status) => void seen.statuses.push(status),
      onResync: () => void seen.resyncs++,
    },
    { retryMs: 20, ...options },
  );
  return { stream, seen };
}

async function until(check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('EventStream', () => {
  it('sends the token, retries error answers with backoff, and does not resync on its first open', async () => {
    const { baseUrl, requests } = await serve((_request, response, attempt) => {
      if (attempt <= 2)
        return void response
          .writeHead(503, { 'content-type': 'application/json' })
          .end('{"statusCode":503,"error":"service_unavailable","message":"busy"}');
      startStream(response);
      response.write(`event: message.created\ndata: ${JSON.stringify(created('hello'))}\n\n`);
    });
    const { stream, seen } = watch(baseUrl);
    await until(() => seen.events.length === 1);
    expect(seen.events).toEqual([created('hello')]);
    expect(requests.map((request) => [request.url, request.headers.authorization, request.headers.accept])).toEqual(
      Array.from({ length: 3 }, () => ['/api/v1/events', 'Bearer om_test', 'text/event-stream']),
    );
    expect(seen.statuses).toEqual(['live']); // `connecting` while the attempts failed, then live
    expect(seen.resyncs).toBe(0);
    stream.close();
    await stream.closed;
    expect(seen.statuses).toEqual(['live', 'closed']);
  });

  it('reads events split across writes, and skips malformed ones and types it does not know', async () => {
    const { baseUrl } = await serve((_request, response) => {
      startStream(response);
      const first = `event: message.created\ndata: ${JSON.stringify(created('one'))}\n\n`;
      response.write(first.slice(0, 17));
      setTimeout(() => {
        response.write(first.slice(17));
        response.write('event: message.created\ndata: {not json\n\n');
        response.write('event: message.reacted\ndata: {"type":"message.reacted"}\n\n');
        response.write(`retry: 50\nevent: message.created\ndata: ${JSON.stringify(created('two'))}\n\n`);
      }, 50);
    });
    const { stream, seen } = watch(baseUrl);
    await until(() => seen.events.length === 2);
    expect(seen.events).toEqual([created('one'), created('two')]);
    stream.close();
    await stream.closed;
  });

  it('takes a silent connection for dead after the idle timeout, reconnects and signals resync', async () => {
    const { baseUrl, requests } = await serve((_request, response, attempt) => {
      startStream(response); // then nothing, not even a heartbeat
      if (attempt === 2)
        response.write(`event: message.created\ndata: ${JSON.stringify(created('after the gap'))}\n\n`);
    });
    const { stream, seen } = watch(baseUrl, { idleTimeoutMs: 300 });
    await until(() => seen.events.length === 1);
    expect(requests.length).toBeGreaterThanOrEqual(2);
    expect(seen.resyncs).toBeGreaterThanOrEqual(1);
    expect(seen.statuses.slice(0, 3)).toEqual(['live', 'reconnecting', 'live']);
    stream.close();
    await stream.closed;
  });

  it('stops for good on 401 (unauthenticated), and close() ends a wait between attempts at once', async () => {
    const unauthenticated = await serve((_request, response) => {
      response
        .writeHead(401, { 'content-type': 'application/json' })
        .end('{"statusCode":401,"error":"unauthenticated","message":"sign in"}');
    });
    const errors: string[] = [];
    const refused = new OpenmsgClient({ baseUrl: unauthenticated.baseUrl, token: 'om_old' }).events({
      onEvent: () => undefined,
      onError: (error) => void errors.push(`${error.status} ${error.code}`),
    });
    await refused.closed;
    expect({ errors, status: refused.status, attempts: unauthenticated.requests.length }).toEqual({
      errors: ['401 unauthenticated'],
      status: 'closed',
      attempts: 1,
    });

    // Nothing listens on the port any more: attempts fail as `offline`, and the stream waits (a minute here) between them.
    server?.close();
    const { stream } = watch(unauthenticated.baseUrl, { retryMs: 60_000 });
    await until(() => stream.status === 'connecting');
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    stream.close();
    await stream.closed;
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
