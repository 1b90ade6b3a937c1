import { afterEach, describe, expect, it } from 'vitest';
import { PeerClient } from '../../../src/peers/peer-client';
import type { PeerClientOptions } from '../../../src/peers/peer-client-options';
import type { PeerResponse } from '../../../src/peers/peer-response';
import { type Handler, RecordingServer, reply } from './recording-server';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function serve(handler: Handler): Promise<RecordingServer> {
  const server = await RecordingServer.start(handler);
  cleanups.push(() => server.close());
  return server;
}

function client(options: Partial<PeerClientOptions> & { overrides: Record<string, string> }): PeerClient {
  const peers = new PeerClient({ allowPrivatePeers: true, ...options });
  cleanups.push(() => peers.close());
  return peers;
}

const BODY = { message_hash: 'a'.repeat(64), message_nonce: 'nonce' };

function expectFailure(response: PeerResponse, kind: string, status?: number): void {
  expect(response.ok).toBe(false);
  if (response.ok) return;
  expect(response.kind).toBe(kind);
  if (status !== undefined) expect(response.status).toBe(status);
  expect(response.message).not.toContain(BODY.message_hash);
}

describe('PeerClient answers', () => {
  it('POSTs JSON to /openmsg/{endpoint}/ and returns the parsed 200 answer', async () => {
    const server = await serve((_req, res) => reply(res, 200, '{"success":true}'));
    const peers = client({ overrides: { 'a.test': server.url }, userAgent: 'test-agent' });

    const response = await peers.post('a.test', 'message-confirm', BODY);

    expect(response).toMatchObject({ ok: true, status: 200, json: { success: true } });
    const [request] = server.requests;
    expect(request?.method).toBe('POST');
    expect(request?.path).toBe('/openmsg/message-confirm/');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.headers['user-agent']).toBe('test-agent');
    expect(JSON.parse(request?.body ?? '')).toEqual(BODY);
  });

  it('parses a reference-style answer: text/html with stray CRLF around the JSON', async () => {
    const server = await serve((_req, res) =>
      reply(res, 200, '\r\n{"success":true,"auth_code":"x"}\r\n\r\n', 'text/html; charset=UTF-8'),
    );
    const response = await client({ overrides: { 'a.test': server.url } }).post('a.test', 'auth', BODY);
    expect(response).toMatchObject({ ok: true, status: 200, json: { success: true, auth_code: 'x' } });
  });

  it('treats a 500 with an almost empty body as an http_status failure', async () => {
    const server = await serve((_req, res) => reply(res, 500, '\r\n', 'text/html'));
    const response = await client({ overrides: { 'a.test': server.url } }).post('a.test', 'auth', BODY);
    expectFailure(response, 'http_status', 500);
    expect(response.ok || 'json' in response).toBe(false);
  });

  it('reports a 404 as http_status and still hands over a JSON body', async () => {
    const server = await serve((_req, res) => reply(res, 404, '{"error":true,"error_message":"not found"}'));
    const response = await client({ overrides: { 'a.test': server.url } }).post('a.test', 'message-confirm', BODY);
    expectFailure(response, 'http_status', 404);
    expect(response.ok ? null : response.json).toEqual({ error: true, error_message: 'not found' });
  });

  it('treats other 2xx statuses as failures', async () => {
    const server = await serve((_req, res) => reply(res, 201, '{"success":true}'));
    expectFailure(
      await client({ overrides: { 'a.test': server.url } }).post('a.test', 'auth', BODY),
      'http_status',
      201,
    );
  });

  it('reports a non-JSON 200 as bad_json without echoing the body', async () => {
    const server = await serve((_req, res) => reply(res, 200, '<html>SECRET-PAGE</html>', 'text/html'));
    const response = await client({ overrides: { 'a.test': server.url } }).post('a.test', 'auth', BODY);
    expectFailure(response, 'bad_json', 200);
    expect(response.ok ? '' : response.message).not.toContain('SECRET-PAGE');
  });

  it('reports an empty 200 as bad_json', async () => {
    const server = await serve((_req, res) => reply(res, 200, ''));
    expectFailure(await client({ overrides: { 'a.test': server.url } }).post('a.test', 'auth', BODY), 'bad_json', 200);
  });

  it('stops reading a streamed answer past maxResponseBytes', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' }); // chunked: no length announced
      const chunk = 'x'.repeat(16 * 1024);
      for (let i = 0; i < 16; i++) res.write(chunk);
      res.end();
    });
    const response = await client({ overrides: { 'a.test': server.url }, maxResponseBytes: 32 * 1024 }).post(
      'a.test',
      'auth',
      BODY,
    );
    expectFailure(response, 'too_large', 200);
  });

  it('refuses an answer whose Content-Length exceeds the cap before reading it', async () => {
    const server = await serve((_req, res) => reply(res, 200, `"${'x'.repeat(70 * 1024)}"`));
    expectFailure(await client({ overrides: { 'a.test': server.url } }).post('a.test', 'auth', BODY), 'too_large', 200);
  });

  it('accepts an answer exactly at the cap', async () => {
    const body = `"${'x'.repeat(1022)}"`;
    const server = await serve((_req, res) => reply(res, 200, body));
    const response = await client({ overrides: { 'a.test': server.url }, maxResponseBytes: 1024 }).post(
      'a.test',
      'auth',
      BODY,
    );
    expect(response.ok).toBe(true);
  });

  it('times out on a server that never answers', async () => {
    const server = await serve(() => undefined);
    const started = Date.now();
    const response = await client({ overrides: { 'a.test': server.url }, timeoutMs: 300 }).post('a.test', 'auth', BODY);
    expectFailure(response, 'timeout');
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('times out on a server that stalls in the middle of the body', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"success":');
    });
    const response = await client({ overrides: { 'a.test': server.url }, timeoutMs: 300 }).post('a.test', 'auth', BODY);
    expectFailure(response, 'timeout');
  });

  it('reports a refused connection as connect', async () => {
    const server = await serve(() => undefined);
    const closedUrl = server.url;
    await server.close();
    expectFailure(await client({ overrides: { 'a.test': closedUrl } }).post('a.test', 'auth', BODY), 'connect');
  });

  it('reuses keep-alive connections across calls', async () => {
    const server = await serve((_req, res) => reply(res, 200, '{"success":true}'));
    const peers = client({ overrides: { 'a.test': server.url } });
    for (let i = 0; i < 20; i++) expect((await peers.post('a.test', 'message-receive', BODY)).ok).toBe(true);
    // undici may open a second socket while the first is still being marked idle; never one per call.
    expect(server.connections).toBeLessThanOrEqual(2);
    const parallel = await Promise.all(Array.from({ length: 50 }, () => peers.post('a.test', 'message-receive', BODY)));
    expect(parallel.every((response) => response.ok)).toBe(true);
    expect(server.requests).toHaveLength(70);
  });
});

describe('PeerClient redirects', () => {
  it.each([301, 302, 307, 308])('follows one same-origin %i, re-sending the same POST body', async (status) => {
    const server = await serve((req, res) => {
      if (req.path === '/openmsg/auth/') {
        res.writeHead(status, { location: '/moved/openmsg/auth/' });
        res.end();
      } else reply(res, 200, '{"success":true}');
    });
    const response = await client({ overrides: { 'a.test': server.url } }).post('a.test', 'auth', BODY);
    expect(response).toMatchObject({ ok: true, status: 200, json: { success: true } });
    expect(server.requests.map((r) => [r.method, r.path])).toEqual([
      ['POST', '/openmsg/auth/'],
      ['POST', '/moved/openmsg/auth/'],
    ]);
    expect(server.requests[1]?.body).toBe(server.requests[0]?.body);
    expect(JSON.parse(server.requests[1]?.body ?? '')).toEqual(BODY);
  });

  it('refuses a second redirect', async () => {
    const server = await serve((req, res) => {
      res.writeHead(301, { location: `${req.path}again/` });
      res.end();
    });
    const response = await client({ overrides: { 'a.test': server.url } }).post('a.test', 'auth', BODY);
    expectFailure(response, 'redirect', 301);
    expect(server.requests).toHaveLength(2);
  });

  it('refuses a redirect to another host without contacting it', async () => {
    const other = await serve((_req, res) => reply(res, 200, '{"success":true}'));
    const server = await serve((_req, res) => {
      res.writeHead(302, { location: `http://localhost:${other.port}/openmsg/auth/` });
      res.end();
    });
    const response = await client({ overrides: { 'a.test': server.url } }).post('a.test', 'auth', BODY);
    expectFailure(response, 'redirect', 302);
    expect(other.connections).toBe(0);
  });

  it('refuses a redirect to another port or scheme on the same host', async () => {
    const other = await serve((_req, res) => reply(res, 200, '{"success":true}'));
    const server = await serve((req, res) => {
      res.writeHead(307, {
        location: req.path === '/openmsg/auth/' ? `${other.url}/openmsg/auth/` : `https://127.0.0.1:${other.port}/x/`,
      });
      res.end();
    });
    const peers = client({ overrides: { 'a.test': server.url, 'b.test': `${server.url}/b` } });
    expectFailure(await peers.post('a.test', 'auth', BODY), 'redirect', 307);
    expectFailure(await peers.post('b.test', 'auth', BODY), 'redirect', 307);
    expect(other.connections).toBe(0);
  });

  it('does not follow 303 or a redirect without Location', async () => {
    const server = await serve((req, res) => {
      if (req.path.startsWith('/see/')) res.writeHead(303, { location: '/elsewhere/' });
      else res.writeHead(301);
      res.end();
    });
    const peers = client({ overrides: { 'a.test': server.url, 'see.test': `${server.url}/see` } });
    expectFailure(await peers.post('see.test', 'auth', BODY), 'redirect', 303);
    expectFailure(await peers.post('a.test', 'auth', BODY), 'redirect', 301);
    expect(server.requests).toHaveLength(2);
  });
});
