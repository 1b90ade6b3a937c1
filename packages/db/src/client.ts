import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient as PostgresqlClient } from '../generated/postgresql';
import { PrismaClient as SqliteClient } from '../generated/sqlite';
import { parseDatabaseUrl } from './database-url';

/**
 * The two generated clients have the same models and methods; the SQLite one's type stands for both.
 * Which one runs is decided by DATABASE_URL.
 */
export type Database = SqliteClient;

export interface DatabaseOptions {
  /** PostgreSQL connection pool size. */
  poolSize?: number;
}

export function createDatabase(databaseUrl: string, options: DatabaseOptions = {}): Database {
  const target = parseDatabaseUrl(databaseUrl);
  if (target.kind === 'sqlite') {
    // timeout: how long a writer waits for the file lock instead of failing with SQLITE_BUSY.
    return new SqliteClient({ adapter: new PrismaBetterSQLite3({ url: target.filePath as string, timeout: 10_000 }, { timestampFormat: 'unixepoch-ms' }) });
  }
  const adapter = new PrismaPg({ connectionString: target.url, max: options.poolSize ?? 10 });
  return new PostgresqlClient({ adapter }) as unknown as Database;
}

/** Per-connection SQLite settings: WAL lets readers run beside the writer; NORMAL sync is safe with WAL. */
export async function tuneConnection(database: Database, databaseUrl: string): Promise<void> {
  if (parseDatabaseUrl(databaseUrl).kind !== 'sqlite') return;
  await database.$queryRawUnsafe('PRAGMA journal_mode = WAL');
  await database.$queryRawUnsafe('PRAGMA synchronous = NORMAL');
  await database.$queryRawUnsafe('PRAGMA foreign_keys = ON');
}
