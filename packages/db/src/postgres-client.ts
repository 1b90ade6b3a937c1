import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient as PostgresqlClient } from '../generated/postgresql';
// What the node calls Database (./client): the SQLite client's type stands for both.
import type { PrismaClient as Database } from '../generated/sqlite';
import type { DirectSql } from './direct-sql';
import { PostgresDirectSql } from './postgres-direct-sql';
import { OneQueryAtATimeClient } from './postgres-serial-client';

export function createPostgresClient(url: string, poolSize: number): { database: Database; direct: DirectSql } {
  // The pool is made here, not by the adapter, so that direct statements share it.
  const pool = new pg.Pool({ connectionString: url, max: poolSize, Client: OneQueryAtATimeClient });
  // An idle connection the server closed (restart, failover, idle timeout) is dropped from the pool
  // and replaced on next use; without a listener its error would end the process.
  pool.on('error', () => undefined);
  const database = asDatabase(new PostgresqlClient({ adapter: new PrismaPg(pool, { disposeExternalPool: true }) }));
  return { database, direct: new PostgresDirectSql(pool) };
}

/**
 * The one cast between the two clients. Prisma generates a client class per provider from the same
 * models; their types differ only in provider-specific options (the first is `$transaction`'s
 * isolation levels: SQLite offers only Serializable), so TypeScript refuses one for the other. The
 * server uses only what both have, and its tests run everything on both databases.
 */
const asDatabase = (client: PostgresqlClient): Database => client as unknown as Database;
