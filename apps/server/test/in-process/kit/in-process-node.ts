import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Test } from '@nestjs/testing';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { createDatabase, type Database } from '@openmsg/db';
import { AccountsService } from '../../../src/accounts/accounts.service';
import { ApiTokensService } from '../../../src/api-tokens/api-tokens.service';
import { AppModule } from '../../../src/app.module';
import { type AppConfig, loadConfig } from '../../../src/config/app-config';
import { prepareDatabase } from '../../../src/database/prepare-database';
import { configureApp, createFastifyAdapter } from '../../../src/http/fastify-app';
import { createRootLogger, PinoLoggerService } from '../../../src/logging/pino-logger';
import { ApiClient } from '../../peer-kit/api-client';
import { createTestDatabase, type DatabaseKind, freePort, TEST_ENV, type TestDatabase } from '../../peer-kit/nodes';
import { SessionClient } from '../../peer-kit/session-client';
import { afterAll, beforeAll } from 'vitest';
import { injectFetch } from './inject-fetch';
import { Operator } from './operator';

/**
 * One node inside the test's own process: the real AppModule, built with Nest's testing module on
 * Fastify, with its own fresh database (a SQLite file or a PostgreSQL database) and migrations
 * applied. Requests go through Fastify's `inject` ({@link InProcessNode.fetch}); the node also
 * listens on a loopback port, for what needs a socket: peers calling back, event streams.
 */
export class InProcessNode {
  private database: Database | null = null;
  /** fetch() through Fastify's inject: no socket, same parsing, guards and filters. */
  readonly fetch: typeof fetch;
  /** The operator's commands (the admin CLI's), through the same services. */
  readonly operator: Operator;

  private constructor(
    readonly app: NestFastifyApplication,
    readonly config: AppConfig,
    readonly testDatabase: TestDatabase,
    private readonly dataDir: string,
    private readonly lines: string[],
  ) {
    this.fetch = injectFetch(app);
    this.operator = new Operator(app, config);
  }

  /**
   * Starts a node for `domain`; `env` overrides settings as a process node's environment would.
   * `routeDatabase`: the URL the node uses for its fresh database (a proxy in front of it); the test's
   * own access (`db`) and the cleanup use the database directly.
   */
  static async start(
    kind: DatabaseKind,
    domain: string,
    env: Record<string, string> = {},
    port?: number,
    routeDatabase: (url: string) => string = (url) => url,
  ): Promise<InProcessNode> {
    const testDatabase = await createTestDatabase(kind);
    const dataDir = mkdtempSync(path.join(tmpdir(), 'openmsg-data-'));
    const config = loadConfig({
      ...TEST_ENV,
      OPENMSG_DOMAIN: domain,
      PORT: String(port ?? (await freePort())),
      HOST: '127.0.0.1',
      OPENMSG_DATA_DIR: dataDir,
      DATABASE_URL: routeDatabase(testDatabase.url),
      ...env,
    });
    await prepareDatabase(config);
    const lines: string[] = [];
    const logger = new PinoLoggerService(
      createRootLogger(config.logLevel, { write: (line: string) => void lines.push(line) }),
    );
    const moduleRef = await Test.createTestingModule({ imports: [AppModule.forRoot(config)] })
      .setLogger(logger)
      .compile();
    const app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config), {
      logger,
      bodyParser: false,
    });
    await configureApp(app);
    await app.listen(config.port, config.host);
    return new InProcessNode(app, config, testDatabase, dataDir, lines);
  }

  get domain(): string {
    return this.config.domain;
  }

  /** Where the node listens on loopback. */
  get baseUrl(): string {
    return `http://127.0.0.1:${this.config.port}`;
  }

  /** Direct database access, for arranging what no API offers and for checking what was stored. */
  get db(): Database {
    this.database ??= createDatabase(this.testDatabase.url);
    return this.database;
  }

  /** Everything the node logged, as JSON lines. */
  logs(): string {
    return this.lines.join('');
  }

  /** A browser-like user of this node, its requests going through inject. */
  session(): SessionClient {
    return new SessionClient('http://node.test', this.fetch);
  }

  /** An account on this node and a client signed in with an access token (over loopback HTTP). */
  async createUser(id: string, name: string, options: { noReplies?: boolean } = {}): Promise<ApiClient> {
    const accounts = this.app.get(AccountsService);
    const account = await accounts.create({
      addressId: id,
      displayName: name,
      allowReplies: !options.noReplies,
      passwordHash: null,
    });
    const { token } = await this.app.get(ApiTokensService).create(account.id, 'created by the test');
    return new ApiClient(this.baseUrl, token, accounts.addressOf(account));
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database?.$disconnect();
    await this.testDatabase.drop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

/** Two in-process nodes, a.test and b.test, in this one process, each knowing where the other listens. */
export async function startInProcessPair(
  kind: DatabaseKind,
  env: { a?: Record<string, string>; b?: Record<string, string> } = {},
) {
  const [portA, portB] = [await freePort(), await freePort()];
  const overrides = `a.test=http://127.0.0.1:${portA},b.test=http://127.0.0.1:${portB}`;
  const [a, b] = await Promise.all([
    InProcessNode.start(kind, 'a.test', { OPENMSG_PEER_OVERRIDES: overrides, ...env.a }, portA),
    InProcessNode.start(kind, 'b.test', { OPENMSG_PEER_OVERRIDES: overrides, ...env.b }, portB),
  ]);
  return { a, b };
}

/** For a describe block: one node started before its tests (handed to `use`) and closed after them. */
export function inProcessNodeForSuite(
  kind: DatabaseKind,
  domain: string,
  use: (node: InProcessNode) => void,
  env: Record<string, string> = {},
): void {
  let node: InProcessNode | undefined;
  beforeAll(async () => {
    node = await InProcessNode.start(kind, domain, env);
    use(node);
  });
  afterAll(() => node?.close());
}
