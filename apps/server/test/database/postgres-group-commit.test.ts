import { applyMigrations, createDatabase, type Database, directSql, sql, UniqueViolationError } from '@openmsg/db';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../peer-kit/nodes';

/**
 * PostgreSQL's direct statements go in batches (group commit, packages/db/src/postgres-statement-batch.ts):
 * statements asked for at the same moment share a round trip and a commit, and each caller still
 * gets its own outcome.
 */
describe('PostgreSQL: group commit of direct statements', () => {
  let testDb: TestDatabase;
  let db: Database;
  let admin: pg.Client;

  beforeAll(async () => {
    testDb = await createTestDatabase('postgresql');
    await applyMigrations(testDb.url);
    db = createDatabase(testDb.url);
    admin = new pg.Client({ connectionString: testDb.url });
    await admin.connect();
  });

  afterAll(async () => {
    await admin?.end();
    await db?.$disconnect();
    await testDb?.drop();
  });

  const at = new Date('2026-06-07T08:09:10.011Z');
  const insertAccount = (addressId: string, name = 'Name') =>
    sql`INSERT INTO "Account" ("id", "addressId", "displayName", "allowReplies", "createdAt", "updatedAt") VALUES (${`id-${addressId}`}, ${addressId}, ${name}, ${true}, ${at}, ${at})`;

  it('100 writes at once: each gets its own outcome, and they share a few transactions', async () => {
    const written = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        directSql(db).executeReturning<{ addressId: string; tx: string }>(
          sql`INSERT INTO "Account" ("id", "addressId", "displayName", "createdAt", "updatedAt") VALUES (${`burst-${i}`}, ${`5${i}`}, ${'Burst'}, ${at}, ${at})
            RETURNING "addressId", CAST(txid_current() AS TEXT) AS "tx"`,
        ),
      ),
    );
    expect(written.map(([row]) => row?.addressId)).toEqual(Array.from({ length: 100 }, (_, i) => `5${i}`));
    const transactions = new Set(written.map(([row]) => row?.tx));
    // The first goes alone, the 99 that wait for it go in batches of at most 64.
    expect(transactions.size).toBeGreaterThanOrEqual(2);
    expect(transactions.size).toBeLessThanOrEqual(4);
    expect(await db.account.count({ where: { displayName: 'Burst' } })).toBe(100);
  });

  it('100 reads at once: each gets its own rows, with their types', async () => {
    await directSql(db).execute(insertAccount('6001', 'Reader'));
    const reads = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        directSql(db).query<{ n: number; allowReplies: boolean; createdAt: Date; missing: null }>(
          sql`SELECT CAST(${i} AS INTEGER) AS "n", "allowReplies", "createdAt", NULL AS "missing" FROM "Account" WHERE "addressId" = ${'6001'}`,
        ),
      ),
    );
    reads.forEach((rows, i) => expect(rows).toEqual([{ n: i, allowReplies: true, createdAt: at, missing: null }]));
  });

  it('a write the database refuses fails alone: the others of its batch are committed once', async () => {
    await directSql(db).execute(insertAccount('7000'));
    const outcomes = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        directSql(db).execute(insertAccount(i === 25 ? '7000' : `70${String(i).padStart(2, '0')}x`)),
      ),
    );
    const rejected = outcomes.flatMap((outcome, i) => (outcome.status === 'rejected' ? [i] : []));
    expect(rejected).toEqual([25]);
    expect((outcomes[25] as PromiseRejectedResult).reason).toBeInstanceOf(UniqueViolationError);
    expect(
      outcomes
        .filter((outcome) => outcome.status === 'fulfilled')
        .map((outcome) => (outcome as PromiseFulfilledResult<number>).value),
    ).toEqual(Array(49).fill(1));
    expect(await db.account.count({ where: { addressId: { startsWith: '70' } } })).toBe(50);
  });

  it('a statement that fails on its first use (when it is prepared) fails each time, and leaves the connections usable', async () => {
    const broken = () => directSql(db).execute(sql`UPDATE "NoSuchTable" SET "x" = ${1}`);
    const together = await Promise.allSettled([
      directSql(db).execute(insertAccount('7501')),
      broken(),
      directSql(db).execute(insertAccount('7502')),
      broken(),
    ]);
    expect(together.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected']);
    for (const outcome of together.filter((o): o is PromiseRejectedResult => o.status === 'rejected'))
      expect(String(outcome.reason)).toMatch(/NoSuchTable/);
    // Again, on whichever pooled connections: still the same error, never "prepared statement ... already exists".
    const again = await Promise.allSettled(Array.from({ length: 20 }, () => broken()));
    for (const outcome of again) expect(outcome.status === 'rejected' && String(outcome.reason)).toMatch(/NoSuchTable/);
    const reads = await Promise.all(
      Array.from({ length: 20 }, () =>
        directSql(db).query<{ one: number }>(sql`SELECT CAST(${1} AS INTEGER) AS "one"`),
      ),
    );
    expect(reads.flat()).toEqual(Array(20).fill({ one: 1 }));
  });

  it('a batch whose backend is terminated mid-way was rolled back: it runs again, and every write is committed once', async () => {
    // Hold a lock the batch will wait for, so that it is certainly under way when its backend is terminated.
    await admin.query('SELECT pg_advisory_lock(4242)');
    const writes = [
      directSql(db).execute(insertAccount('8001')),
      directSql(db).execute(insertAccount('8002')),
      directSql(db).execute(sql`SELECT pg_advisory_xact_lock(${4242})`),
      directSql(db).execute(insertAccount('8003')),
    ];
    const waiting = await waitFor(async () => {
      const { rows } = await admin.query<{ pid: number }>(
        "SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND pid <> pg_backend_pid()",
      );
      return rows[0]?.pid;
    });
    await admin.query('SELECT pg_terminate_backend($1)', [waiting]);
    // The batch runs again statement by statement; the lock statement waits again until it is free.
    setTimeout(() => void admin.query('SELECT pg_advisory_unlock(4242)'), 200);
    const outcomes = await Promise.allSettled(writes);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
    const stored = await db.account.findMany({
      where: { addressId: { in: ['8001', '8002', '8003'] } },
      orderBy: { addressId: 'asc' },
    });
    expect(stored.map((row) => row.addressId)).toEqual(['8001', '8002', '8003']);
  });
});

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
