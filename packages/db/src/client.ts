import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { PrismaClient as PostgresqlClient } from '../generated/postgresql';
import { PrismaClient as SqliteClient } from '../generated/sqlite';
import { parseDatabaseUrl } from './database-url';
import { type DirectSql, PostgresDirectSql, SqliteDirectSql } from './direct-sql';

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
    this.current = (adapter as unknown as { client: BetterSqlite3.Database }).client;
    return adapter;
  }

  async connection(database: Database): Promise<BetterSqlite3.Database> {
    if (!this.current || !this.current.open) await database.$connect();
    return this.current as BetterSqlite3.Database;
  }
}

export function createDatabase(databaseUrl: string, options: DatabaseOptions = {}): Database {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === 'sqlite') {
    // timeout: how long a writer waits for the file lock instead of failing with SQLITE_BUSY.
    const adapter = new SharedSqliteAdapter({ url: target.filePath as string, timeout: 10_000 }, { timestampFormat: 'unixepoch-ms' });
    const database = new SqliteClient({ adapter });
    directStatements.set(database, new SqliteDirectSql(() => adapter.connection(database)));
    return database;
  }
  // The pool is made here, not by the adapter, so that direct statements share it.
  const pool = new pg.Pool({ connectionString: target.url, max: options.poolSize ?? 10 });
  // An idle connection the server closed (restart, failover, idle timeout) is dropped from the pool
  // and replaced on next use; without a listener its error would end the process.
  pool.on('error', () => undefined);
  const database = new PostgresqlClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }) as unknown as Database;
  directStatements.set(database, new PostgresDirectSql(pool));
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
