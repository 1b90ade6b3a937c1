import { createServer, type Server } from 'node:net';
import type { LookupAddress } from 'node:dns';
import type { AddressInfo } from 'node:net';
import { Agent, buildConnector } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { createVettedLookup, guardConnector } from '../../../src/peers/guarded-connect';
import { type AddressVerdict, classifyPeerAddress } from '../../../src/peers/ip-policy';
import { PeerDnsError, PeerTargetRefusedError } from '../../../src/peers/peer-errors';
import type { ResolveHost } from '../../../src/peers/resolve-host';
import { RecordingServer, reply } from './recording-server';

const allowAll = (): AddressVerdict => ({ allowed: true });
const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

/** A raw TCP server that counts the bytes it receives. */
async function byteCounter(): Promise<{ port: number; received: () => number; connections: () => number }> {
  let received = 0;
  let connections = 0;
  const server: Server = createServer((socket) => {
    connections += 1;
    socket.on('data', (chunk: Buffer) => {
      received += chunk.length;
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { port: (server.address() as AddressInfo).port, received: () => received, connections: () => connections };
}

function connectWith(connector: buildConnector.connector, port: number): Promise<Error | 'connected'> {
  return new Promise((resolve) => {
    connector(
      { hostname: '127.0.0.1', host: `127.0.0.1:${port}`, protocol: 'http:', port: String(port) },
      (error, socket) => {
        socket?.destroy();
        resolve(error ?? 'connected');
      },
    );
  });
}

describe('guardConnector (checks the address the socket actually connected to)', () => {
  it('hands over the socket only if the connected address passes, before any byte is sent', async () => {
    const target = await byteCounter();
    const refused = await connectWith(guardConnector(buildConnector({}), classifyPeerAddress), target.port);
    expect(refused).toBeInstanceOf(PeerTargetRefusedError);
    expect((refused as Error).message).toContain('127.0.0.1');
    expect(await connectWith(guardConnector(buildConnector({}), allowAll), target.port)).toBe('connected');
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(target.connections()).toBe(2);
    expect(target.received()).toBe(0);
  });

  it('stops a request when the lookup was fooled (DNS rebinding): no HTTP request reaches the server', async () => {
    const server = await RecordingServer.start((_req, res) => reply(res, 200, '{}'));
    cleanups.push(() => server.close());
    // The lookup is made to pass loopback (as if a rebinding answer slipped through); the socket check must still refuse it.
    const fooledLookup = createVettedLookup(async () => [{ address: '127.0.0.1', family: 4 }], allowAll);
    const agent = new Agent({ connect: guardConnector(buildConnector({ lookup: fooledLookup }), classifyPeerAddress) });
    cleanups.push(() => agent.close());

    const error = await agent
      .request({ origin: `http://rebind.test:${server.port}`, path: '/openmsg/auth/', method: 'POST', body: '{}' })
      .then(
        () => null,
        (failure: unknown) => failure,
      );
    expect(error).toBeInstanceOf(PeerTargetRefusedError);
    expect(server.connections).toBe(1);
    expect(server.requests).toHaveLength(0);
  });
});

describe('createVettedLookup', () => {
  const resolve: ResolveHost = async () => [
    { address: '2606:4700:4700::1111', family: 6 },
    { address: '1.1.1.1', family: 4 },
  ];

  function lookup(
    resolver: ResolveHost,
    options: { all?: boolean; family?: number },
  ): Promise<{ error: Error | null; address: unknown; family?: number }> {
    return new Promise((done) => {
      createVettedLookup(resolver, classifyPeerAddress)('peer.example', options, (error, address, family) =>
        done({ error, address, family }),
      );
    });
  }

  it('returns every vetted address when net asks for all of them', async () => {
    const { error, address } = await lookup(resolve, { all: true });
    expect(error).toBeNull();
    expect((address as LookupAddress[]).map((entry) => entry.address)).toEqual(['2606:4700:4700::1111', '1.1.1.1']);
  });

  it('returns the first vetted address of the wanted family', async () => {
    expect(await lookup(resolve, {})).toEqual({ error: null, address: '2606:4700:4700::1111', family: 6 });
    expect(await lookup(resolve, { family: 4 })).toEqual({ error: null, address: '1.1.1.1', family: 4 });
  });

  it('refuses the whole answer when any address is non-public', async () => {
    const mixed: ResolveHost = async () => [...(await resolve('x')), { address: 'fd00::1', family: 6 }];
    const { error } = await lookup(mixed, { all: true });
    expect(error).toBeInstanceOf(PeerTargetRefusedError);
    expect(error?.message).toContain('unique-local');
  });

  it('turns resolver failures into PeerDnsError', async () => {
    const failing: ResolveHost = async () => {
      throw Object.assign(new Error('queryA ETIMEOUT'), { code: 'ETIMEOUT' });
    };
    const { error } = await lookup(failing, { all: true });
    expect(error).toBeInstanceOf(PeerDnsError);
    expect(error?.message).toBe('peer.example did not resolve (ETIMEOUT)');
  });
});
