import { afterEach, describe, expect, it } from 'vitest';
import { PeerClient } from '../../../src/peers/peer-client';
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

function client(url: string, timeoutMs = 2000): PeerClient {
  const peers = new PeerClient({ allowPrivatePeers: true, overrides: { 'a.test': url }, timeoutMs });
  cleanups.push(() => peers.close());
  return peers;
}

async function readAll(stream: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const part of stream) parts.push(part);
  return Buffer.concat(parts);
}

describe('PeerClient.openStream and postAt (an extension’s paths)', () => {
  it('POSTs JSON to the path and hands back the answer’s body as a stream with its declared length', async () => {
    const payload = Buffer.alloc(300_000, 7);
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(payload.length) });
      res.end(payload);
    });
    const answer = await client(server.url).openStream('a.test', '/openmsg/files-1/fetch/', { file_id: 'x' });
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    expect(answer.contentLength).toBe(300_000);
    expect((await readAll(answer.body)).equals(payload)).toBe(true);
    expect(server.requests[0]).toMatchObject({ method: 'POST', path: '/openmsg/files-1/fetch/' });
    expect(JSON.parse(server.requests[0]?.body ?? '')).toEqual({ file_id: 'x' });
  });

  it('reads a failure answer as post does: the status and the JSON body', async () => {
    const server = await serve((_req, res) =>
      reply(res, 404, '{"error":true,"response_code":"FL_E002","error_code":"file_unknown","error_message":"no"}'),
    );
    const answer = await client(server.url).openStream('a.test', '/openmsg/files-1/fetch/', {});
    expect(answer).toMatchObject({ ok: false, kind: 'http_status', status: 404, json: { response_code: 'FL_E002' } });
  });

  it('ends the stream with an error when the peer goes silent longer than the idle timeout', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '1000000' });
      res.write(Buffer.alloc(1000));
    });
    const answer = await client(server.url, 5000).openStream(
      'a.test',
      '/openmsg/files-1/fetch/',
      {},
      {
        idleTimeoutMs: 300,
      },
    );
    expect(answer.ok).toBe(true);
    if (!answer.ok) return;
    const started = Date.now();
    await expect(readAll(answer.body)).rejects.toThrow();
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('keeps a slow but moving stream: the whole-call timeout does not cut a long transfer', async () => {
    const server = await serve((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': '10' });
      let sent = 0;
      const timer = setInterval(() => {
        res.write(Buffer.alloc(1, sent));
        if (++sent === 10) {
          clearInterval(timer);
          res.end();
        }
      }, 100);
    });
    // 1 s in all, 300 ms for the whole call: only the idle time counts once the answer began.
    const answer = await client(server.url, 300).openStream(
      'a.test',
      '/openmsg/files-1/fetch/',
      {},
      {
        idleTimeoutMs: 300,
      },
    );
    expect(answer.ok).toBe(true);
    if (answer.ok) expect((await readAll(answer.body)).length).toBe(10);
  });

  it('refuses a private address without allowPrivatePeers, before connecting', async () => {
    const server = await serve((_req, res) => reply(res, 200, '{}'));
    const peers = new PeerClient({ allowPrivatePeers: false, overrides: { 'a.test': server.url } });
    cleanups.push(() => peers.close());
    expect(await peers.openStream('a.test', '/openmsg/files-1/fetch/', {})).toMatchObject({
      ok: false,
      kind: 'refused_target',
    });
    expect(await peers.postAt('a.test', '/openmsg/files-1/receipt/', {})).toMatchObject({
      ok: false,
      kind: 'refused_target',
    });
    expect(server.requests).toHaveLength(0);
  });

  it('postAt reads a JSON answer at the extension’s path', async () => {
    const server = await serve((_req, res) => reply(res, 200, '{"success":true}'));
    expect(await client(server.url).postAt('a.test', '/openmsg/files-1/receipt/', { a: 1 })).toMatchObject({
      ok: true,
      json: { success: true },
    });
    expect(server.requests[0]?.path).toBe('/openmsg/files-1/receipt/');
  });
});
