import {
  applyMigrations,
  createDatabase,
  type Database,
  type DirectSql,
  directSql,
  skipLockedRows,
  sql,
  UniqueViolationError,
} from '@openmsg/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../peer-kit/nodes';

/** What differs between SQLite and PostgreSQL is written once in @openmsg/db; these helpers must behave alike on both. */
describe.each(DATABASE_KINDS)('dialect helpers on %s', (kind) => {
  let testDb: TestDatabase;
  let db: Database;
  let direct: DirectSql;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    await applyMigrations(testDb.url);
    db = createDatabase(testDb.url, { poolSize: 8 });
    direct = directSql(db);
  });

  afterAll(async () => {
    await db.$disconnect();
    await testDb.drop();
  });

  const at = new Date('2026-02-03T04:05:06.789Z');
  const insertAccount = (addressId: string) =>
    sql`INSERT INTO "Account" ("id", "addressId", "displayName", "createdAt", "updatedAt") VALUES (${`id-${addressId}`}, ${addressId}, ${'Name'}, ${at}, ${at})`;
  const rename = (addressId: string, name: string) =>
    sql`UPDATE "Account" SET "displayName" = ${name} WHERE "addressId" = ${addressId}`;
  const names = async (prefix: string) =>
    (await db.account.findMany({ where: { addressId: { startsWith: prefix } }, orderBy: { addressId: 'asc' } })).map(
      (row) => [row.addressId, row.displayName],
    );

  it('writes together: the count of each statement, all or nothing', async () => {
    await direct.execute(insertAccount('100'));
    expect(
      await direct.writeTogether([
        insertAccount('101'),
        insertAccount('102'),
        rename('100', 'Renamed'),
        rename('999', 'Nobody'),
      ]),
    ).toEqual([1, 1, 1, 0]);
    expect(await names('10')).toEqual([
      ['100', 'Renamed'],
      ['101', 'Name'],
      ['102', 'Name'],
    ]);
    await expect(
      direct.writeTogether([insertAccount('103'), rename('100', 'Undone'), insertAccount('101')]),
    ).rejects.toBeInstanceOf(UniqueViolationError);
    expect(await names('10')).toEqual([
      ['100', 'Renamed'],
      ['101', 'Name'],
      ['102', 'Name'],
    ]);
  });

  it('writes the others only if the first changed a row', async () => {
    await direct.execute(insertAccount('201'));
    await direct.execute(insertAccount('202'));
    expect(
      await direct.writeTogether([rename('201', 'First'), rename('202', 'Second')], { onlyIfFirstChanges: true }),
    ).toEqual([1, 1]);
    expect(
      await direct.writeTogether([rename('299', 'Nobody'), rename('202', 'Not this')], { onlyIfFirstChanges: true }),
    ).toEqual([0, 0]);
    expect(await names('20')).toEqual([
      ['201', 'First'],
      ['202', 'Second'],
    ]);
  });

  it('claims each due row once among concurrent claims that skip locked rows', async () => {
    for (let i = 0; i < 40; i++) await direct.execute(insertAccount(`3${String(i).padStart(2, '0')}`));
    const claim = (owner: string) =>
      direct.executeReturning<{ addressId: string }>(sql`
        UPDATE "Account" SET "displayName" = ${owner}
        WHERE "id" IN (SELECT "id" FROM "Account" WHERE "addressId" LIKE ${'3%'} AND "displayName" = ${'Name'} ORDER BY "addressId" LIMIT ${5} ${skipLockedRows})
        RETURNING "addressId"`);
    const claims = (await Promise.all(Array.from({ length: 12 }, (_, i) => claim(`owner-${i}`)))).flat();
    // Rows skipped by one claim (locked by another) are left for the next.
    for (let more = await claim('late'); more.length > 0; more = await claim('late')) claims.push(...more);
    const claimed = claims.map((row) => row.addressId);
    expect(claimed).toHaveLength(40);
    expect(new Set(claimed).size).toBe(40);
  });

  it('runs transactions on one lock key one after another: a count-then-write cap holds under concurrency', async () => {
    const attempt = (i: number) =>
      direct.transaction(
        [
          sql`INSERT INTO "CappedAttempt" ("id", "scope", "key", "createdAt") VALUES (${`attempt-${i}`}, ${'test'}, ${'k'}, ${at})`,
          sql`DELETE FROM "CappedAttempt" WHERE "id" = ${`attempt-${i}`} AND (SELECT COUNT(*) FROM "CappedAttempt" WHERE "scope" = ${'test'} AND "key" = ${'k'}) > ${3}`,
        ],
        { lockKeys: ['test:k'] },
      );
    const outcomes = await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(i)));
    expect(outcomes.filter(([, deleted]) => deleted === 0)).toHaveLength(3);
    expect(await db.cappedAttempt.count({ where: { scope: 'test' } })).toBe(3);
  });

  it('refreshes the planner statistics (a no-op where the database does it itself)', async () => {
    await expect(direct.refreshPlannerStatistics()).resolves.toBeUndefined();
  });
});
