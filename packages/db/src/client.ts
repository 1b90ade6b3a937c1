import { accessSync, constants, existsSync, statSync } from 'node:fs';
import path from 'node:path';
import type { PrismaClient as SqliteClient } from '../generated/sqlite';
import { describeDatabaseTarget, parseDatabaseUrl } from './database-url';
import type { DirectSql } from './direct-sql';

/**
 * The two generated clients have the same models and methods; the SQLite one's type stands for both.
 * Which one runs is decided by DATABASE_URL.
 */
export type Database = SqliteClient;

export interface DatabaseOptions {
  /** PostgreSQL connection pool size. */
  poolSize?: number;
}

// Each database's generated client, adapter and driver load when that database is first opened: a
// node on PostgreSQL does not keep SQLite's client in memory (nor the reverse), about 2.5 MiB.
/* eslint-disable @typescript-eslint/no-require-imports -- loaded on first use, on purpose (see above) */
const sqliteClient = (): typeof import('./sqlite-client') => require('./sqlite-client');
const postgresClient = (): typeof import('./postgres-client') => require('./postgres-client');
/* eslint-enable @typescript-eslint/no-require-imports */

export function createDatabase(databaseUrl: string, options: DatabaseOptions = {}): Database {
  const target = parseDatabaseUrl(databaseUrl);
  const { database, direct } =
    target.kind === 'sqlite'
      ? sqliteClient().createSqliteClient(target.filePath as string)
      : postgresClient().createPostgresClient(target.url, options.poolSize ?? 10);
  directStatements.set(database, direct);
  return database;
}

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
