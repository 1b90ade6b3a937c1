import { afterEach, describe, expect, it } from 'vitest';
import { PeerClient } from '../../../src/peers/peer-client';
import type { PeerClientOptions } from '../../../src/peers/peer-client-options';
import type { PeerResponse } from '../../../src/peers/peer-response';
import type { ResolvedAddress, ResolveHost } from '../../../src/peers/resolve-host';
import { RecordingServer, reply } from './recording-server';

const cleanups: Array<() => Promise<void>> = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function okServer(): Promise<RecordingServer> {
  const server = await RecordingServer.start((_req, res) => reply(res, 200, '{"success":true}'));
  cleanups.push(() => server.close());
  return server;
}

function client(options: PeerClientOptions): PeerClient {
  const peers = new PeerClient(options);
  cleanups.push(() => peers.close());
  return peers;
}

function answering(...addresses: string[]): ResolveHost & { calls: string[] } {
  const calls: string[] = [];
  const resolve = async (hostname: string): Promise<ResolvedAddress[]> => {
    calls.push(hostname);
    return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return Object.assign(resolve, { calls });
}

function kindOf(response: PeerResponse): string {
  return response.ok ? 'ok' : response.kind;
}

describe('PeerClient SSRF guard', () => {
  it('refuses a domain overridden to a loopback IP unless private peers are allowed', async () => {
    const server = await okServer();
    const overrides = { 'a.test': server.url };
    // Overrides only say where a domain lives; they do not lift the address policy.
    const refused = await client({ allowPrivatePeers: false, overrides }).post('a.test', 'auth', {});
    expect(kindOf(refused)).toBe('refused_target');
    expect(refused.ok ? '' : refused.message).toContain('loopback');
    expect(server.connections).toBe(0);

    expect(await client({ allowPrivatePeers: true, overrides }).post('a.test', 'auth', {})).toMatchObject({ ok: true });
    expect(server.requests).toHaveLength(1);
  });

  it('refuses a domain overridden to an IPv6 loopback literal', async () => {
    const response = await client({ allowPrivatePeers: false, overrides: { 'a.test': 'http://[::1]:9' } }).post(
      'a.test',
      'auth',
      {},
    );
    expect(kindOf(response)).toBe('refused_target');
  });

  it('refuses a name that resolves to loopback (system DNS: localhost) unless private peers are allowed', async () => {
    const server = await okServer();
    const overrides = { 'a.test': `http://localhost:${server.port}` };
    expect(kindOf(await client({ allowPrivatePeers: false, overrides }).post('a.test', 'auth', {}))).toBe(
      'refused_target',
    );
    expect(server.connections).toBe(0);
    expect(kindOf(await client({ allowPrivatePeers: true, overrides }).post('a.test', 'auth', {}))).toBe('ok');
  });

  it('refuses the domain localhost itself', async () => {
    const response = await client({ allowPrivatePeers: false, overrides: {} }).post('localhost', 'auth', {});
    expect(kindOf(response)).toBe('refused_target');
    expect(response.ok ? '' : response.message).toContain('127.0.0.1');
  });

  it.each(['127.0.0.1', '8.8.8.8', '2130706433', '0x7f.1', '0177.0.0.1', '127.1', '[::1]', '::1', '::ffff:127.0.0.1'])(
    'refuses the IP-literal domain %s even with private peers allowed',
    async (domain) => {
      for (const allowPrivatePeers of [false, true]) {
        const resolve = answering('127.0.0.1');
        const response = await client({ allowPrivatePeers, overrides: {}, lookup: resolve }).post(domain, 'auth', {});
        expect(kindOf(response)).toBe('refused_target');
        expect(resolve.calls).toEqual([]);
      }
    },
  );

  it.each(['a_b.test', 'a..test', '-a.test', 'a.test:80', 'a.test/x', 'user@a.test', ''])(
    'refuses the invalid domain %j',
    async (domain) => {
      const response = await client({ allowPrivatePeers: true, overrides: {} }).post(domain, 'auth', {});
      expect(kindOf(response)).toBe('refused_target');
    },
  );

  it('will not let an override make an IP-literal domain callable', () => {
    expect(
      () => new PeerClient({ allowPrivatePeers: true, overrides: { '127.0.0.1': 'http://127.0.0.1:1' } }),
    ).toThrow();
  });
});

describe('PeerClient DNS answers (injected resolver, real server on loopback)', () => {
  it('refuses a mixed answer with any non-public address, without connecting', async () => {
    const server = await okServer();
    for (const answer of [
      ['8.8.8.8', '127.0.0.1'],
      ['2606:4700:4700::1111', '::ffff:127.0.0.1'],
      ['1.1.1.1', '64:ff9b::a00:1'],
      ['169.254.169.254'],
    ]) {
      const resolve = answering(...answer);
      const peers = client({
        allowPrivatePeers: false,
        overrides: { 'a.test': `http://peer.test:${server.port}` },
        lookup: resolve,
      });
      expect(kindOf(await peers.post('a.test', 'auth', {}))).toBe('refused_target');
      expect(resolve.calls).toEqual(['peer.test']);
    }
    expect(server.connections).toBe(0);
  });

  it('refuses a production domain whose DNS answer is private before any connection to port 443', async () => {
    const resolve = answering('10.0.0.5');
    const response = await client({ allowPrivatePeers: false, overrides: {}, lookup: resolve }).post(
      'node.example',
      'message-receive',
      {},
    );
    expect(kindOf(response)).toBe('refused_target');
    expect(resolve.calls).toEqual(['node.example']);
  });

  it('connects to exactly the address the resolver vetted, resolving once per connection (no second lookup to rebind)', async () => {
    const server = await okServer();
    const resolve = answering('127.0.0.1');
    // peer.test exists nowhere but in the injected resolver: reaching the server proves the socket used its answer.
    const peers = client({
      allowPrivatePeers: true,
      overrides: { 'a.test': `http://peer.test:${server.port}` },
      lookup: resolve,
    });
    expect(kindOf(await peers.post('a.test', 'auth', {}))).toBe('ok');
    expect(kindOf(await peers.post('a.test', 'auth', {}))).toBe('ok');
    expect(resolve.calls.every((hostname) => hostname === 'peer.test')).toBe(true);
    expect(resolve.calls).toHaveLength(server.connections);
    expect(server.requests).toHaveLength(2);
  });

  it('reports a resolver failure or an empty answer as dns', async () => {
    const failing: ResolveHost = async () => {
      throw Object.assign(new Error('getaddrinfo ENOTFOUND nowhere.test'), { code: 'ENOTFOUND' });
    };
    const notFound = await client({ allowPrivatePeers: false, overrides: {}, lookup: failing }).post(
      'nowhere.test',
      'auth',
      {},
    );
    expect(notFound).toMatchObject({ ok: false, kind: 'dns' });
    expect(notFound.ok ? '' : notFound.message).toContain('ENOTFOUND');
    const empty = await client({ allowPrivatePeers: false, overrides: {}, lookup: answering() }).post(
      'nowhere.test',
      'auth',
      {},
    );
    expect(kindOf(empty)).toBe('dns');
  });
});
