import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppConfig } from '../../src/config/app-config';
import { InProcessEventBus } from '../../src/events/in-process-event-bus';
import { EventStreamsService } from '../../src/realtime/event-streams.service';
import type { StreamEventMapper } from '../../src/realtime/stream-event-mapper';

/** A GET on the stream server: its status, and how it ended (the connection closed by the server, or open). */
function openStream(port: number): Promise<{ status: number; closed: Promise<void> }> {
  return new Promise((resolve, reject) => {
    const outgoing = request({ port, host: '127.0.0.1', path: '/events', agent: false }, (response) => {
      response.resume();
      const closed = new Promise<void>((done) => response.socket.once('close', () => done()));
      resolve({ status: response.statusCode ?? 0, closed });
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('event streams when the node stops', () => {
  let server: Server;
  let streams: EventStreamsService;
  let port: number;
  beforeAll(async () => {
    streams = new EventStreamsService(
      { sseHeartbeatMs: 60_000 } as AppConfig,
      new InProcessEventBus(),
      {} as StreamEventMapper,
    );
    server = createServer((_request, response) => streams.attach('account-1', response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('ends the open streams with their connections, and refuses new ones with 503 (the browser goes elsewhere)', async () => {
    const open = await openStream(port);
    expect(open.status).toBe(200);
    expect(streams.openCount()).toBe(1);
    streams.beforeApplicationShutdown();
    await open.closed; // not left idle on a keep-alive connection that would hold the stop
    const late = await openStream(port);
    expect(late.status).toBe(503);
    await late.closed;
    expect(streams.openCount()).toBe(0);
  });
});
