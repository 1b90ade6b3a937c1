import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';

const REPO = path.resolve(__dirname, '../../..');
const SERVER_ENTRY = path.join(REPO, 'apps/server/dist/main.js');
const ADMIN_CLI = path.join(REPO, 'apps/server/dist/cli/admin.js');
const NEXT_BIN = path.join(REPO, 'apps/web/node_modules/next/dist/bin/next');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor(url: string, child: ChildProcess, logs: string[]): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${url}: process exited\n${logs.join('')}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`${url} did not come up\n${logs.join('')}`);
}

export function start(command: string[], env: Record<string, string>, cwd: string) {
  const logs: string[] = [];
  const child = spawn(process.execPath, command, {
    cwd,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => logs.push(chunk.toString()));
  return { child, logs };
}

export interface StackPorts {
  nodeA: number;
  nodeB: number;
  webA: number;
  webB: number;
}

export async function allocatePorts(): Promise<StackPorts> {
  return { nodeA: await freePort(), nodeB: await freePort(), webA: await freePort(), webB: await freePort() };
}

/**
 * Two real Openmsg nodes (a.test, b.test) on loopback, each on its own SQLite file, and a built
 * web inbox in front of each: what the browser tests run against. By default the nodes reach each
 * other directly; `peerUrls` routes them elsewhere (through a TLS proxy, say).
 */
export async function startStack(
  ports?: StackPorts,
  options: {
    peerUrls?: { a: string; b: string };
    env?: Record<string, string>;
    /** More settings for one node only, by domain (say, files switched off on b.test). */
    envByDomain?: Record<string, Record<string, string>>;
  } = {},
) {
  const { nodeA, nodeB, webA, webB } = ports ?? (await allocatePorts());
  const peers = options.peerUrls ?? { a: `http://127.0.0.1:${nodeA}`, b: `http://127.0.0.1:${nodeB}` };
  const overrides = `a.test=${peers.a},b.test=${peers.b}`;
  const dirs: string[] = [];
  const processes: ChildProcess[] = [];
  const nodes = new Map<string, { port: number; env: Record<string, string>; child: ChildProcess | null }>();
  const launchNode = async (domain: string) => {
    const node = nodes.get(domain);
    if (!node) throw new Error(`no node for ${domain}`);
    const { child, logs } = start([SERVER_ENTRY], node.env, REPO);
    node.child = child;
    processes.push(child);
    await waitFor(`http://127.0.0.1:${node.port}/readyz`, child, logs);
  };
  const startNode = async (domain: string, port: number) => {
    const dir = mkdtempSync(path.join(tmpdir(), 'openmsg-e2e-'));
    dirs.push(dir);
    const env = {
      OPENMSG_DOMAIN: domain,
      PORT: String(port),
      HOST: '127.0.0.1',
      OPENMSG_DATA_DIR: dir,
      DATABASE_URL: `file:${path.join(dir, 'node.db')}`,
      OPENMSG_ALLOW_PRIVATE_PEERS: 'true',
      OPENMSG_PEER_OVERRIDES: overrides,
      OPENMSG_REGISTRATION: 'open',
      // Every test person signs up from 127.0.0.1: the default 10 an hour would cap the whole suite.
      OPENMSG_REGISTRATIONS_PER_HOUR: '1000',
      OPENMSG_COOKIE_SECURE: 'false',
      OPENMSG_DELIVERY_POLL_MS: '100',
      OPENMSG_DELIVERY_RETRY_BASE_MS: '200',
      OPENMSG_DELIVERY_RETRY_MAX_MS: '1000',
      OPENMSG_DELIVERY_LEASE_SECONDS: '3',
      OPENMSG_PEER_TIMEOUT_MS: '2000',
      LOG_LEVEL: 'warn',
      ...options.env,
      ...options.envByDomain?.[domain],
    };
    nodes.set(domain, { port, env, child: null });
    await launchNode(domain);
  };
  /** Runs the admin CLI beside a node, with its environment (as the operator would); rejects unless it exits 0. */
  const admin = (domain: string, args: string[]) =>
    new Promise<void>((resolve, reject) => {
      const node = nodes.get(domain);
      if (!node) return reject(new Error(`no node for ${domain}`));
      const { child, logs } = start([ADMIN_CLI, ...args], node.env, REPO);
      child.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`admin ${args.join(' ')} exited ${code}: ${logs.join('')}`)),
      );
    });
  /** Stops a node (SIGTERM, as an operator would) and waits until it is gone; its database stays. */
  const stopNode = async (domain: string) => {
    const child = nodes.get(domain)?.child;
    if (child) await stopProcess(child);
  };
  const startWeb = async (port: number, nodePort: number) => {
    const { child, logs } = start(
      [NEXT_BIN, 'start', '-p', String(port), '-H', '127.0.0.1'],
      { OPENMSG_NODE_URL: `http://127.0.0.1:${nodePort}`, NEXT_TELEMETRY_DISABLED: '1' },
      path.join(REPO, 'apps/web'),
    );
    processes.push(child);
    await waitFor(`http://127.0.0.1:${port}/sign-in`, child, logs);
  };
  await Promise.all([startNode('a.test', nodeA), startNode('b.test', nodeB)]);
  await Promise.all([startWeb(webA, nodeA), startWeb(webB, nodeB)]);
  return {
    webA: `http://127.0.0.1:${webA}`,
    webB: `http://127.0.0.1:${webB}`,
    stopNode,
    /** Starts a node stopped with stopNode again, on the same port and database. */
    restartNode: launchNode,
    admin,
    stop: async () => {
      await Promise.all(processes.map(stopProcess));
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** SIGTERM (a graceful stop), then SIGKILL if the process is still there after `graceMs`. */
export function stopProcess(child: ChildProcess, graceMs = 10_000): Promise<void> {
  return new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    const force = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

/**
 * What `scripts/start.sh` runs: one node for `localhost` (SSRF guard as in production: no private
 * peers, no overrides) on its own SQLite file, and one inbox in front of it.
 */
export async function startFirstRunStack() {
  const [nodePort, webPort] = [await freePort(), await freePort()];
  const dir = mkdtempSync(path.join(tmpdir(), 'openmsg-first-run-'));
  const node = start(
    [SERVER_ENTRY],
    {
      OPENMSG_DOMAIN: 'localhost',
      PORT: String(nodePort),
      HOST: '127.0.0.1',
      OPENMSG_DATA_DIR: dir,
      OPENMSG_COOKIE_SECURE: 'false',
      LOG_LEVEL: 'warn',
    },
    REPO,
  );
  await waitFor(`http://127.0.0.1:${nodePort}/readyz`, node.child, node.logs);
  const web = start(
    [NEXT_BIN, 'start', '-p', String(webPort), '-H', '127.0.0.1'],
    { OPENMSG_NODE_URL: `http://127.0.0.1:${nodePort}`, NEXT_TELEMETRY_DISABLED: '1' },
    path.join(REPO, 'apps/web'),
  );
  await waitFor(`http://127.0.0.1:${webPort}/sign-in`, web.child, web.logs);
  return {
    web: `http://127.0.0.1:${webPort}`,
    nodeLogs: () => node.logs.join(''),
    stop: async () => {
      await Promise.all([stopProcess(web.child), stopProcess(node.child)]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
