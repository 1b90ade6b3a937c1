import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/app-config';

describe('configuration', () => {
  it('has working defaults: SQLite under ./data, private peers refused', () => {
    const config = loadConfig({});
    expect(config.databaseUrl).toBe(`file:${path.resolve('data/openmsg.db')}`);
    expect(config.allowPrivatePeers).toBe(false);
    expect(config.peerOverrides).toEqual({});
    expect(config.messageMaxChars).toBe(2000);
    expect(config.delivery.maxAgeSeconds).toBe(259200);
  });

  it('reads overrides and flags', () => {
    const config = loadConfig({ OPENMSG_PEER_OVERRIDES: 'a.test=http://127.0.0.1:4101,b.test=http://127.0.0.1:4102', OPENMSG_ALLOW_PRIVATE_PEERS: 'yes' });
    expect(config.peerOverrides).toEqual({ 'a.test': 'http://127.0.0.1:4101', 'b.test': 'http://127.0.0.1:4102' });
    expect(config.allowPrivatePeers).toBe(true);
  });

  it('names every bad value at once', () => {
    try {
      loadConfig({ PORT: 'eighty', OPENMSG_DOMAIN: 'not a domain', DATABASE_URL: 'mysql://x', OPENMSG_NODE_KEY: 'short', OPENMSG_ALLOW_PRIVATE_PEERS: 'maybe' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'OPENMSG_DOMAIN', 'DATABASE_URL', 'OPENMSG_NODE_KEY', 'OPENMSG_ALLOW_PRIVATE_PEERS']) expect(problems).toContain(name);
    }
  });

  it('requires the domain in production and refuses a lease shorter than the peer timeout', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/OPENMSG_DOMAIN/);
    expect(() => loadConfig({ OPENMSG_DELIVERY_LEASE_SECONDS: '5', OPENMSG_PEER_TIMEOUT_MS: '10000' })).toThrow(/OPENMSG_DELIVERY_LEASE_SECONDS/);
    expect(() => loadConfig({ OPENMSG_PEER_OVERRIDES: 'nonsense' })).toThrow(/OPENMSG_PEER_OVERRIDES/);
  });

  it('makes the server exit with a clear message on bad configuration', async () => {
    const entry = path.resolve(__dirname, '../../dist/main.js');
    const run = promisify(execFile)(process.execPath, [entry], { env: { ...process.env, PORT: '99999', OPENMSG_DATA_DIR: '/tmp/openmsg-never' } });
    await expect(run).rejects.toMatchObject({ code: 78, stderr: expect.stringContaining('PORT: must be at most 65535') });
  });
});
