import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import BetterSqlite3 from 'better-sqlite3';
import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PrismaClient as PostgresqlClient } from '../generated/postgresql';
import { PrismaClient as SqliteClient } from '../generated/sqlite';
import { describeDatabaseTarget, parseDatabaseUrl } from './database-url';
import type { DirectSql } from './direct-sql';
import { PostgresDirectSql } from './postgres-direct-sql';
import { OneQueryAtATimeClient } from './postgres-serial-client';
import { SqliteDirectSql } from './sqlite-direct-sql';

/**
 * The two generated clients have the same models and methods; the SQLite one's type stands for both.
 * Which one runs is decided by DATABASE_URL.
 */
export type Database = SqliteClient;

export interface DatabaseOptions {
  /** PostgreSQL connection pool size. */
  poolSize?: number;
}

/**
 * Prisma's SQLite adapter keeps its one better-sqlite3 connection to itself. This one hands it out
 * too: direct statements must use that same connection, since a second connection busy-waiting for
 * the write lock would block the event loop that Prisma's open transaction needs to finish.
 */
class SharedSqliteAdapter extends PrismaBetterSQLite3 {
  private current: BetterSqlite3.Database | null = null;

  override async connect() {
    const adapter = await super.connect();
    this.current = betterSqliteConnectionOf(adapter);
    return adapter;
  }

  async connection(database: Database): Promise<BetterSqlite3.Database> {
    if (!this.current || !this.current.open) await database.$connect();
    return this.current as BetterSqlite3.Database;
  }
}

/**
 * The adapter (@prisma/adapter-better-sqlite3, pinned) holds its connection in the field `client`,
 * which its type does not declare. Checked at run time, so that a Prisma upgrade that moves it
 * fails at start (and in test/database/direct-sql.test.ts) instead of later.
 */
function betterSqliteConnectionOf(adapter: object): BetterSqlite3.Database {
  const client: unknown = Reflect.get(adapter, 'client');
  if (!(client instanceof BetterSqlite3))
    throw new Error('@prisma/adapter-better-sqlite3 no longer exposes its connection as `client`');
  return client;
}

export function createDatabase(databaseUrl: string, options: DatabaseOptions = {}): Database {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === 'sqlite') {
    // timeout: how long a writer waits for the file lock instead of failing with SQLITE_BUSY.
    const adapter = new SharedSqliteAdapter(
      { url: target.filePath as string, timeout: 10_000 },
      { timestampFormat: 'unixepoch-ms' },
    );
    const database = new SqliteClient({ adapter });
    directStatements.set(database, new SqliteDirectSql(() => adapter.connection(database)));
    return database;
  }
  // The pool is made here, not by the adapter, so that direct statements share it.
  const pool = new pg.Pool({
    connectionString: target.url,
    max: options.poolSize ?? 10,
    Client: OneQueryAtATimeClient,
  });
  // An idle connection the server closed (restart, failover, idle timeout) is dropped from the pool
  // and replaced on next use; without a listener its error would end the process.
  pool.on('error', () => undefined);
  const database = asDatabase(new PostgresqlClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }));
  directStatements.set(database, new PostgresDirectSql(pool));
  return database;
}

/**
 * The one cast between the two clients. Prisma generates a client class per provider from the same
 * models; their types differ only in provider-specific options (the first is `$transaction`'s
 * isolation levels: SQLite offers only Serializable), so TypeScript refuses one for the other. The
 * server uses only what both have, and its tests run everything on both databases.
 */
const asDatabase = (client: PostgresqlClient): Database => client as unknown as Database;

const directStatements = new WeakMap<Database, DirectSql>();

/** Statements on the database's own connections, bypassing Prisma (see DirectSql). */
export function directSql(database: Database): DirectSql {
  const direct = directStatements.get(database);
  if (!direct) throw new Error('directSql: this client was not made by createDatabase');
  return direct;
}

/** Per-connection SQLite settings: WAL lets readers run beside the writer; NORMAL sync is safe with WAL. */
export async function tuneConnection(database: Database, databaseUrl: string): Promise<void> {
  if (parseDatabaseUrl(databaseUrl).kind !== 'sqlite') return;
  await database.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await database.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  await database.$queryRawUnsafe('PRAGMA foreign_keys = ON');
  // Checkpoint every 4000 pages (16 MB of WAL) instead of 1000: a page written many times between
  // two checkpoints is copied once, and the checkpoint's fsync stalls the event loop a quarter as often.
  await database.$queryRawUnsafe('PRAGMA wal_autocheckpoint = 4000');
}

/** The database could not be opened or reached; the message names the file or the host. */
export class DatabaseOpenError extends Error {}

const SQLITE_OPEN_CODES = new Set([
  'SQLITE_CANTOPEN',
  'SQLITE_READONLY',
  'SQLITE_PERM',
  'SQLITE_NOTADB',
  'SQLITE_AUTH',
]);
const FILE_SYSTEM_CODES = new Set(['EACCES', 'EPERM', 'EROFS', 'ENOTDIR', 'EEXIST', 'ENOENT', 'EISDIR', 'ENOSPC']);
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ECONNRESET',
]);
/** Authentication failed, no such database, starting up, too many connections. */
const POSTGRES_OPEN_CODES = new Set(['28P01', '28000', '3D000', '57P03', '53300']);

/**
 * Turns a failure to open the database (SQLite: "unable to open database file"; PostgreSQL:
 * "connect ECONNREFUSED") into one that says which file or host, and for SQLite the likely reason.
 * Any other error (a failing migration, a bad query) is returned unchanged.
 */
export function explainOpenError(error: unknown, databaseUrl: string): unknown {
  const code = String((error as { code?: unknown } | null)?.code ?? '');
  const target = parseDatabaseUrl(databaseUrl);
  const reason = errorText(error);
  if (target.kind === 'sqlite') {
    if (!SQLITE_OPEN_CODES.has(code) && !FILE_SYSTEM_CODES.has(code)) return error;
    return new DatabaseOpenError(
      `cannot open ${describeDatabaseTarget(databaseUrl)}: ${reason}${sqliteHint(target.filePath as string)}`,
      { cause: error },
    );
  }
  if (!NETWORK_CODES.has(code) && !POSTGRES_OPEN_CODES.has(code) && !/connection terminated|timeout/i.test(reason))
    return error;
  return new DatabaseOpenError(`cannot connect to ${describeDatabaseTarget(databaseUrl)}: ${reason}`, { cause: error });
}

/** Node reports a refused connection to a name with two addresses (::1 and 127.0.0.1) as an AggregateError with no message. */
function errorText(error: unknown): string {
  if (error instanceof AggregateError && !error.message) return error.errors.map(errorText).join('; ');
  return error instanceof Error ? error.message : String(error);
}

function sqliteHint(filePath: string): string {
  const directory = path.dirname(filePath);
  const uid = process.getuid?.();
  const who = uid === undefined ? 'this process' : `uid ${uid}`;
  if (isDirectory(filePath)) return ' (that path is a directory)';
  if (!existsSync(directory)) return ` (the directory ${directory} does not exist and could not be created)`;
  if (!isDirectory(directory)) return ` (${directory} is not a directory)`;
  // SQLite writes its -wal and -shm files beside the database: the directory must be writable too.
  if (!canAccess(directory, constants.W_OK)) return ` (the directory ${directory} is not writable by ${who})`;
  if (existsSync(filePath) && !canAccess(filePath, constants.R_OK | constants.W_OK))
    return ` (the file is not readable and writable by ${who})`;
  return '';
}

function isDirectory(target: string): boolean {
  return existsSync(target) && statSync(target).isDirectory();
}

function canAccess(target: string, mode: number): boolean {
  try {
    accessSync(target, mode);
    return true;
  } catch {
    return false;
  }
}
