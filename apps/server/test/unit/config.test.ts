import { execFile, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { apiPath } from '@openmsg/core';
import { describe, expect, it } from 'vitest';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../src/config/app-config';
import { startupWarnings } from '../../src/config/startup-warnings';
import { findUnknownVariables } from '../../src/config/unknown-variables';
import { freePort } from '../peer-kit/nodes';

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
    const config = loadConfig({
      OPENMSG_PEER_OVERRIDES: 'a.test=http://127.0.0.1:4101,b.test=http://127.0.0.1:4102',
      OPENMSG_ALLOW_PRIVATE_PEERS: 'yes',
    });
    expect(config.peerOverrides).toEqual({ 'a.test': 'http://127.0.0.1:4101', 'b.test': 'http://127.0.0.1:4102' });
    expect(config.allowPrivatePeers).toBe(true);
  });

  it('reads the push settings: on with a subject from the domain, keys both or neither, http:// never in production', () => {
    const defaults = loadConfig({ OPENMSG_DOMAIN: 'example.com' });
    expect(defaults.push).toMatchObject({ enabled: true, vapidKeys: null, subject: 'https://example.com' });
    expect(defaults.push.allowHttpEndpoints).toBe(false);
    expect(loadConfig({ OPENMSG_PUSH: 'off' }).push.enabled).toBe(false);
    expect(loadConfig({ OPENMSG_ALLOW_PRIVATE_PEERS: 'true' }).push.allowHttpEndpoints).toBe(true);
    expect(
      loadConfig({ OPENMSG_ALLOW_PRIVATE_PEERS: 'true', NODE_ENV: 'production', OPENMSG_DOMAIN: 'example.com' }).push
        .allowHttpEndpoints,
    ).toBe(false);
    expect(loadConfig({ OPENMSG_PUSH_SUBJECT: 'mailto:ops@example.com' }).push.subject).toBe('mailto:ops@example.com');
    expect(() => loadConfig({ OPENMSG_PUSH_SUBJECT: 'ops@example.com' })).toThrow(/OPENMSG_PUSH_SUBJECT/);
    expect(() => loadConfig({ OPENMSG_PUSH_VAPID_PRIVATE_KEY: 'z5Lh87G9tli12AXIE_o8ADZDRx1GdZiyYEx4ekjB7nY' })).toThrow(
      /set both or neither/,
    );
    expect(() => loadConfig({ OPENMSG_PUSH_VAPID_PUBLIC_KEY: 'short' })).toThrow(/OPENMSG_PUSH_VAPID_PUBLIC_KEY/);
  });

  it('names every bad value at once', () => {
    try {
      loadConfig({
        PORT: 'eighty',
        OPENMSG_DOMAIN: 'not a domain',
        DATABASE_URL: 'mysql://x',
        OPENMSG_NODE_KEY: 'short',
        OPENMSG_ALLOW_PRIVATE_PEERS: 'maybe',
      });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const problems = (error as ConfigError).problems.join('\n');
      for (const name of ['PORT', 'OPENMSG_DOMAIN', 'DATABASE_URL', 'OPENMSG_NODE_KEY', 'OPENMSG_ALLOW_PRIVATE_PEERS'])
        expect(problems).toContain(name);
    }
  });

  it('requires the domain in production and refuses a lease shorter than the peer timeout', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).toThrow(/OPENMSG_DOMAIN/);
    expect(() => loadConfig({ OPENMSG_DELIVERY_LEASE_SECONDS: '5', OPENMSG_PEER_TIMEOUT_MS: '10000' })).toThrow(
      /OPENMSG_DELIVERY_LEASE_SECONDS/,
    );
    expect(() => loadConfig({ OPENMSG_PEER_OVERRIDES: 'nonsense' })).toThrow(/OPENMSG_PEER_OVERRIDES/);
  });

  it('makes the server exit with a clear message on bad configuration', async () => {
    const entry = path.resolve(__dirname, '../../dist/main.js');
    const run = promisify(execFile)(process.execPath, [entry], {
      env: { ...process.env, PORT: '99999', OPENMSG_DATA_DIR: '/tmp/openmsg-never' },
    });
    await expect(run).rejects.toMatchObject({
      code: 78,
      stderr: expect.stringContaining('PORT: must be at most 65535'),
    });
  });

  it('takes an optional variable set to nothing (or blanks) as unset: every one gives its default', () => {
    const empty = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, '']));
    const blank = Object.fromEntries(CONFIG_VARIABLES.map((name) => [name, '  ']));
    expect(CONFIG_VARIABLES.length).toBeGreaterThan(25);
    expect(loadConfig(empty)).toEqual(loadConfig({}));
    expect(loadConfig(blank)).toEqual(loadConfig({}));
    // What docker compose passes for `${OPENMSG_NODE_KEY:-}` and `${OPENMSG_METRICS_TOKEN:-}` left blank in .env.
    const composed = loadConfig({
      NODE_ENV: 'production',
      OPENMSG_DOMAIN: 'example.com',
      OPENMSG_NODE_KEY: '',
      OPENMSG_METRICS_TOKEN: '',
      OPENMSG_REGISTRATION: '',
      LOG_LEVEL: '',
    });
    expect(composed).toMatchObject({
      nodeKey: null,
      metricsToken: null,
      logLevel: 'info',
      accounts: { registration: 'open' },
    });
    // Still refused: a value that is set and wrong, and a required one left empty.
    expect(() => loadConfig({ OPENMSG_METRICS_TOKEN: 'short' })).toThrow(/OPENMSG_METRICS_TOKEN/);
    expect(() => loadConfig({ NODE_ENV: 'production', OPENMSG_DOMAIN: '' })).toThrow(
      /OPENMSG_DOMAIN: required in production/,
    );
  });

  it('names the closest known variable for an unknown OPENMSG_* one', () => {
    const unknown = findUnknownVariables({
      OPENMSG_ALLOW_PRIVATE_PEER: 'true',
      OPENMSG_DOMIAN: 'example.com',
      OPENMSG_PORT: '4000',
      OPENMSG_SOMETHING_ELSE_ENTIRELY: 'x',
      OPENMSG_DOMAIN: 'example.com',
      OPENMSG_NODE_URL: 'http://server:4000',
      PATH: '/usr/bin',
    });
    expect(unknown).toEqual([
      { name: 'OPENMSG_ALLOW_PRIVATE_PEER', closest: 'OPENMSG_ALLOW_PRIVATE_PEERS' },
      { name: 'OPENMSG_DOMIAN', closest: 'OPENMSG_DOMAIN' },
      { name: 'OPENMSG_PORT', closest: 'PORT' },
      { name: 'OPENMSG_SOMETHING_ELSE_ENTIRELY', closest: null },
    ]);
  });

  it('starts a node with every optional variable empty, warning about a misspelt one', async () => {
    const env: NodeJS.ProcessEnv = {};
    for (const name of CONFIG_VARIABLES) env[name] = '';
    const { output, nodeInfo } = await startAndStop({ ...env, OPENMSG_ALLOW_PRIVATE_PEER: 'true' });
    expect(nodeInfo).toMatchObject({ domain: 'localhost', registration: 'open' });
    const warning = logLines(output).find((entry) => entry.variable === 'OPENMSG_ALLOW_PRIVATE_PEER');
    expect(warning).toMatchObject({
      level: 40,
      closest: 'OPENMSG_ALLOW_PRIVATE_PEERS',
      msg: expect.stringContaining('did you mean OPENMSG_ALLOW_PRIVATE_PEERS?'),
    });
    expect(logLines(output).some((entry) => String(entry.msg).includes('ENCRYPTION AT REST IS OFF'))).toBe(false);
  });

  it('warns loudly at start when a production node runs without OPENMSG_NODE_KEY (as a compose file passing an empty one does)', async () => {
    const production = { NODE_ENV: 'production', OPENMSG_DOMAIN: 'example.test', OPENMSG_COOKIE_SECURE: 'false' };
    const without = await startAndStop({ ...production, OPENMSG_NODE_KEY: '' });
    expect(logLines(without.output).filter((entry) => String(entry.msg).includes('ENCRYPTION AT REST IS OFF'))).toEqual(
      [expect.objectContaining({ level: 40, msg: expect.stringContaining('OPENMSG_NODE_KEY is not set') })],
    );
    const key = 'ab'.repeat(32);
    const withKey = await startAndStop({ ...production, OPENMSG_NODE_KEY: key });
    expect(withKey.nodeInfo).toMatchObject({ domain: 'example.test' });
    expect(withKey.output).not.toContain('ENCRYPTION AT REST IS OFF');
    expect(withKey.output).not.toContain(key);
  });

  it('names no warning outside production or with a key', () => {
    expect(startupWarnings({ nodeKey: null }, { NODE_ENV: 'development' })).toEqual([]);
    expect(startupWarnings({ nodeKey: 'ab'.repeat(32) }, { NODE_ENV: 'production' })).toEqual([]);
    expect(startupWarnings({ nodeKey: null }, { NODE_ENV: 'production' })).toEqual([
      expect.stringContaining('OPENMSG_NODE_KEY'),
    ]);
  });
});

function logLines(output: string): Record<string, unknown>[] {
  return output
    .split('\n')
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** Starts the built node with only `variables` (and PATH) in a fresh working directory, reads /api/v1/node, stops it. */
async function startAndStop(variables: NodeJS.ProcessEnv): Promise<{ output: string; nodeInfo: unknown }> {
  const dir = mkdtempSync(path.join(tmpdir(), 'openmsg-env-'));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, ...variables, PORT: String(port), HOST: '127.0.0.1' };
  // The working directory holds ./data, the default data directory.
  const child = spawn(process.execPath, [path.resolve(__dirname, '../../dist/main.js')], {
    cwd: dir,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  try {
    const deadline = Date.now() + 30_000;
    let ready = false;
    while (!ready && Date.now() < deadline && child.exitCode === null) {
      ready = await fetch(`http://127.0.0.1:${port}/readyz`).then(
        (response) => response.ok,
        () => false,
      );
      if (!ready) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(ready, output).toBe(true);
    const nodeInfo: unknown = await (await fetch(`http://127.0.0.1:${port}${apiPath('nodeInfo')}`)).json();
    return { output, nodeInfo };
  } finally {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
