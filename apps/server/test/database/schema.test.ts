import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Sqlite from 'better-sqlite3';
import { applyMigrations, createDatabase, directSql } from '@openmsg/db';
import { afterAll, describe, expect, it } from 'vitest';
import { QueryPlannerRepository } from '../../src/maintenance/query-planner.repository';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../peer-kit/nodes';

const databases: TestDatabase[] = [];
afterAll(async () => {
  await Promise.all(databases.map((db) => db.drop()));
});

describe('database schema', () => {
  it('keeps prisma/postgresql/schema.prisma generated from the canonical schema', async () => {
    const script = path.resolve(__dirname, '../../../../packages/db/scripts/generate-postgresql-schema.mjs');
    await expect(promisify(execFile)(process.execPath, [script, '--check'])).resolves.toBeTruthy();
  });

  it("keeps packages/db's Kysely table types generated from the canonical schema", async () => {
    const script = path.resolve(__dirname, '../../../../packages/db/scripts/generate-kysely-tables.mjs');
    await expect(promisify(execFile)(process.execPath, [script, '--check'])).resolves.toBeTruthy();
  }, 60_000);

  it.each(DATABASE_KINDS)('applies every migration once on a fresh %s database', async (kind) => {
    const db = await createTestDatabase(kind);
    databases.push(db);
    const first = await applyMigrations(db.url);
    expect(first.length).toBeGreaterThan(0);
    expect(await applyMigrations(db.url)).toEqual([]);
  });

  it('runs SQLite in WAL mode', async () => {
    const db = await createTestDatabase('sqlite');
    databases.push(db);
    await applyMigrations(db.url);
    const file = new Sqlite(db.url.slice('file:'.length));
    expect(file.pragma('journal_mode', { simple: true })).toBe('wal');
    file.close();
  });

  it('keeps SQLite planner statistics for the message indexes', async () => {
    const db = await createTestDatabase('sqlite');
    databases.push(db);
    await applyMigrations(db.url);
    const prisma = createDatabase(db.url);
    try {
      const account = await prisma.account.create({ data: { addressId: '1', displayName: 'Stats' } });
      const connection = await prisma.connection.create({
        data: {
          accountId: account.id,
          otherAddress: '2*b.test',
          otherAcceptsMessages: true,
          authCode: 'a',
          identCode: 'i',
          messageCryptKey: 'k',
        },
      });
      await prisma.message.createMany({
        data: Array.from({ length: 300 }, (_, i) => ({
          accountId: account.id,
          connectionId: connection.id,
          otherAddress: '2*b.test',
          direction: 'in',
          body: `m${i}`,
          state: 'received',
        })),
      });
      await new QueryPlannerRepository(directSql(prisma)).refreshStatistics();
      const stats = await prisma.$queryRawUnsafe<Array<{ idx: string }>>(
        `SELECT "idx" FROM sqlite_stat1 WHERE "tbl" = 'Message'`,
      );
      expect(stats.map((row) => row.idx)).toEqual(
        expect.arrayContaining(['Message_connectionId_createdAt_id_idx', 'Message_connectionId_direction_readAt_idx']),
      );
    } finally {
      await prisma.$disconnect();
    }
  });
});
