import type { INestApplicationContext } from '@nestjs/common';
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createDatabase, type Database } from '@openmsg/db';
import { Client } from 'pg';
import { ApiClient } from './api-client';
import { HoldingProxy } from './holding-proxy';

export const DATABASE_KINDS = ['sqlite', 'postgresql'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

const SERVER_ENTRY = path.resolve(__dirname, '../../dist/main.js');
const ADMIN_ENTRY = path.resolve(__dirname, '../../dist/cli/admin.js');
const POSTGRES_URL = process.env.OPENMSG_TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/** Settings that make a test node quick to retry and allowed to call peers on loopback (in-process nodes use them too). */
export const TEST_ENV = {
  OPENMSG_ALLOW_PRIVATE_PEERS: 'true',
  LOG_LEVEL: 'warn',
  OPENMSG_DELIVERY_POLL_MS: '100',
  OPENMSG_DELIVERY_RETRY_BASE_MS: '200',
  OPENMSG_DELIVERY_RETRY_MAX_MS: '1000',
  OPENMSG_DELIVERY_LEASE_SECONDS: '3',
  OPENMSG_PEER_TIMEOUT_MS: '2000',
  // Every test client signs up from 127.0.0.1; the cap has its own tests (client-api/attempt-caps.test.ts).
  OPENMSG_REGISTRATIONS_PER_HOUR: '100000',
};

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

export interface TestDatabase {
  kind: DatabaseKind;
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty database: a SQLite file in a temp folder, or a new PostgreSQL database. */
export async function createTestDatabase(kind: DatabaseKind): Promise<TestDatabase> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(path.join(tmpdir(), 'openmsg-test-'));
    return {
      kind,
      url: `file:${path.join(dir, 'node.db')}`,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const name = `openmsg_test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  await withPostgres((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(POSTGRES_URL);
  url.pathname = `/${name}`;
  return {
    kind,
    url: url.toString(),
    drop: () =>
      withPostgres((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

async function withPostgres<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** One node: a real server process on a loopback port, with its own database. */
export class TestNode {
  private child: ChildProcess | null = null;
  private output: string[] = [];
  private database: Database | null = null;
  private operator: Promise<INestApplicationContext> | null = null;
  readonly dataDir = mkdtempSync(path.join(tmpdir(), 'openmsg-data-'));

  constructor(
    readonly domain: string,
    readonly port: number,
    readonly testDatabase: TestDatabase,
    private readonly extraEnv: Record<string, string> = {},
  ) {}

  get baseUrl(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number | undefined {
    return this.child?.pid;
  }

  get env(): NodeJS.ProcessEnv {
    return {
      ...process.env,
      ...TEST_ENV,
      OPENMSG_DOMAIN: this.domain,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      OPENMSG_DATA_DIR: this.dataDir,
      DATABASE_URL: this.testDatabase.url,
      ...this.extraEnv,
    };
  }

  /** Direct database access, for arranging what no API offers (an expired code) and for checking what was stored. */
  get db(): Database {
    this.database ??= createDatabase(this.testDatabase.url);
    return this.database;
  }

  async start(): Promise<this> {
    this.output = [];
    // OPENMSG_NODE_ARGS passes flags to the node processes, e.g. --cpu-prof when profiling a benchmark.
    const nodeArgs = process.env.OPENMSG_NODE_ARGS?.split(' ').filter(Boolean) ?? [];
    const child = spawn(process.execPath, [...nodeArgs, SERVER_ENTRY], {
      env: this.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    child.stdout?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => this.output.push(chunk.toString()));
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
      if (child.exitCode !== null)
        throw new Error(`node ${this.domain} exited with ${child.exitCode}:\n${this.logs()}`);
      try {
        if ((await fetch(`${this.baseUrl}/readyz`)).ok) return this;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`node ${this.domain} did not become ready:\n${this.logs()}`);
  }

  /** SIGTERM: a graceful stop. */
  async stop(): Promise<void> {
    await this.signal('SIGTERM');
  }

  /** SIGKILL: the process dies on the spot, as in a crash. */
  async kill(): Promise<void> {
    await this.signal('SIGKILL');
  }

  logs(): string {
    return this.output.join('');
  }

  async admin(...args: string[]): Promise<any> {
    const { stdout } = await promisify(execFile)(process.execPath, [ADMIN_ENTRY, ...args], { env: this.env });
    return JSON.parse(stdout);
  }

  /**
   * An account on this node and an API client signed in as it, made as `openmsg-admin create-user
   * --token` makes it: the same services on the node's database, but in the test's process rather
   * than a process per account (the CLI itself is tested in test/process/operator-cli.test.ts).
   */
  async createUser(id: string, name: string, options: { noReplies?: boolean } = {}): Promise<ApiClient> {
    this.operator ??= this.startOperator();
    const operator = await this.operator;
    const { AccountsService } = await import('../../src/accounts/accounts.service');
    const { ApiTokensService } = await import('../../src/api-tokens/api-tokens.service');
    const accounts = operator.get(AccountsService);
    const account = await accounts.create({
      addressId: id,
      displayName: name,
      allowReplies: !options.noReplies,
      passwordHash: null,
    });
    const { token } = await operator.get(ApiTokensService).create(account.id, 'created by the test');
    return new ApiClient(this.baseUrl, token, accounts.addressOf(account));
  }

  /** The admin CLI's module on this node's configuration, without background work (loaded on first use). */
  private async startOperator(): Promise<INestApplicationContext> {
    const [{ NestFactory }, { AdminModule }, { loadConfig }] = await Promise.all([
      import('@nestjs/core'),
      import('../../src/cli/admin.module'),
      import('../../src/config/app-config'),
    ]);
    return NestFactory.createApplicationContext(
      AdminModule.forRoot({ ...loadConfig(this.env), backgroundWork: false }),
      { logger: ['error'] },
    );
  }

  async dispose(): Promise<void> {
    await this.kill();
    await (await this.operator)?.close();
    await this.database?.$disconnect();
    await this.testDatabase.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private async signal(signal: NodeJS.Signals): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill(signal);
    await exited;
    this.child = null;
  }
}

export async function startTestNode(
  kind: DatabaseKind,
  domain: string,
  env: Record<string, string> = {},
): Promise<TestNode> {
  const node = new TestNode(domain, await freePort(), await createTestDatabase(kind), env);
  return node.start();
}

/** Two nodes, a.test and b.test, each knowing where the other listens. */
export async function startPair(
  kind: DatabaseKind,
  env: { a?: Record<string, string>; b?: Record<string, string> } = {},
) {
  const [portA, portB] = [await freePort(), await freePort()];
  const overrides = `a.test=http://127.0.0.1:${portA},b.test=http://127.0.0.1:${portB}`;
  const a = new TestNode('a.test', portA, await createTestDatabase(kind), {
    OPENMSG_PEER_OVERRIDES: overrides,
    ...env.a,
  });
  const b = new TestNode('b.test', portB, await createTestDatabase(kind), {
    OPENMSG_PEER_OVERRIDES: overrides,
    ...env.b,
  });
  await Promise.all([a.start(), b.start()]);
  return { a, b };
}

/**
 * A → proxy → B: a.test and b.test with a {@link HoldingProxy} where b.test resolves for A, so a
 * test can take B away or freeze a delivery at an exact step. Alice (100*a.test) is connected to
 * Bob (200*b.test).
 */
export async function startConnectedPairBehindProxy(kind: DatabaseKind) {
  const [portA, portB] = [await freePort(), await freePort()];
  const proxy = await new HoldingProxy(`http://127.0.0.1:${portB}`).start();
  const a = new TestNode('a.test', portA, await createTestDatabase(kind), {
    OPENMSG_PEER_OVERRIDES: `b.test=${proxy.baseUrl}`,
  });
  const b = new TestNode('b.test', portB, await createTestDatabase(kind), {
    OPENMSG_PEER_OVERRIDES: `a.test=http://127.0.0.1:${portA}`,
  });
  await Promise.all([a.start(), b.start()]);
  const alice = await a.createUser('100', 'Alice');
  const bob = await b.createUser('200', 'Bob');
  const connected = await alice.connect(bob.address, await bob.createPassCode());
  if (connected.status !== 201)
    throw new Error(`connecting Alice to Bob answered ${connected.status}: ${JSON.stringify(connected.body)}`);
  return { a, b, proxy, alice, bob };
}

/** Waits until `check` returns something truthy (deliveries and callbacks are asynchronous). */
export async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
