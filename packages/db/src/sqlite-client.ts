import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import BetterSqlite3 from 'better-sqlite3';
import { PrismaClient as SqliteClient } from '../generated/sqlite';
import type { DirectSql } from './direct-sql';
import { SqliteDirectSql } from './sqlite-direct-sql';

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

  async connection(database: SqliteClient): Promise<BetterSqlite3.Database> {
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

export function createSqliteClient(filePath: string): { database: SqliteClient; direct: DirectSql } {
  // timeout: how long a writer waits for the file lock instead of failing with SQLITE_BUSY.
  const adapter = new SharedSqliteAdapter({ url: filePath, timeout: 10_000 }, { timestampFormat: 'unixepoch-ms' });
  const database = new SqliteClient({ adapter });
  return { database, direct: new SqliteDirectSql(() => adapter.connection(database)) };
}
