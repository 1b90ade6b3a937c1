import { applyMigrations, createDatabase, type Database, directSql, sql, UniqueViolationError } from '@openmsg/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../peer-kit/nodes';

/** Direct statements (the per-message path) on Prisma's own connections: same values, same atomicity. */
describe.each(DATABASE_KINDS)('direct statements on %s', (kind) => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    await applyMigrations(testDb.url);
    db = createDatabase(testDb.url);
  });

  afterAll(async () => {
    await db.$disconnect();
    await testDb.drop();
  });

  const insertAccount = (addressId: string, at: Date) =>
    sql`INSERT INTO "Account" ("id", "addressId", "displayName", "allowReplies", "createdAt", "updatedAt") VALUES (${`id-${addressId}`}, ${addressId}, ${'Name'}, ${false}, ${at}, ${at})`;

  it('reads and writes dates and booleans exactly as Prisma does', async () => {
    const at = new Date('2026-03-04T05:06:07.089Z');
    await db.account.create({
      data: { addressId: '1001', displayName: 'Via Prisma', allowReplies: true, disabledAt: at },
    });
    const [read] = await directSql(db).query<{ allowReplies: boolean; disabledAt: Date; createdAt: Date }>(
      sql`SELECT "allowReplies", "disabledAt", "createdAt" FROM "Account" WHERE "addressId" = ${'1001'}`,
    );
    expect(read?.allowReplies).toBe(true);
    expect(read?.disabledAt).toEqual(at);
    expect(read?.createdAt).toBeInstanceOf(Date);

    expect(await directSql(db).execute(insertAccount('1002', at))).toBe(1);
    const written = await db.account.findUniqueOrThrow({ where: { addressId: '1002' } });
    expect(written.allowReplies).toBe(false);
    expect(written.createdAt).toEqual(at);
    expect(written.disabledAt).toBeNull();
  });

  it('returns the rows a write changed, with their dates and booleans, once committed', async () => {
    const at = new Date('2026-05-06T07:08:09.010Z');
    await directSql(db).execute(insertAccount('1501', at));
    const changed = await directSql(db).executeReturning<{ addressId: string; allowReplies: boolean; createdAt: Date }>(
      sql`UPDATE "Account" SET "allowReplies" = ${true} WHERE "addressId" IN (${'1501'}, ${'no-such-id'}) RETURNING "addressId", "allowReplies", "createdAt"`,
    );
    expect(changed).toEqual([{ addressId: '1501', allowReplies: true, createdAt: at }]);
    expect((await db.account.findUniqueOrThrow({ where: { addressId: '1501' } })).allowReplies).toBe(true);
  });

  it('fails only the write that breaks a unique key, among writes issued together', async () => {
    const at = new Date();
    const outcomes = await Promise.allSettled([
      directSql(db).execute(insertAccount('2001', at)),
      directSql(db).execute(
        sql`INSERT INTO "Account" ("id", "addressId", "displayName", "createdAt", "updatedAt") VALUES (${'other-id'}, ${'2001'}, ${'Dup'}, ${at}, ${at})`,
      ),
      directSql(db).execute(insertAccount('2002', at)),
    ]);
    expect(outcomes.map((outcome) => outcome.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect((outcomes[1] as PromiseRejectedResult).reason).toBeInstanceOf(UniqueViolationError);
    const stored = await db.account.findMany({
      where: { addressId: { in: ['2001', '2002'] } },
      orderBy: { addressId: 'asc' },
    });
    expect(stored.map((row) => [row.addressId, row.displayName])).toEqual([
      ['2001', 'Name'],
      ['2002', 'Name'],
    ]);
  });

  it('undoes every statement of a transaction when one fails, and nothing else', async () => {
    const at = new Date();
    await directSql(db).execute(insertAccount('3001', at));
    const [failed, alone] = await Promise.allSettled([
      directSql(db).transaction([
        insertAccount('3002', at),
        sql`UPDATE "Account" SET "displayName" = ${'Changed'} WHERE "addressId" = ${'3001'}`,
        insertAccount('3001', at),
      ]),
      directSql(db).execute(insertAccount('3003', at)),
    ]);
    expect(failed.status).toBe('rejected');
    expect(alone.status).toBe('fulfilled');
    const stored = await db.account.findMany({
      where: { addressId: { startsWith: '300' } },
      orderBy: { addressId: 'asc' },
    });
    expect(stored.map((row) => [row.addressId, row.displayName])).toEqual([
      ['3001', 'Name'],
      ['3003', 'Name'],
    ]);
    expect(
      await directSql(db).transaction([
        insertAccount('3004', at),
        sql`UPDATE "Account" SET "displayName" = ${'Both'} WHERE "addressId" = ${'3004'}`,
      ]),
    ).toEqual([1, 1]);
  });

  it('keeps a write out of a Prisma transaction that is open meanwhile (its rollback does not undo it)', async () => {
    const at = new Date();
    let direct: Promise<number> | undefined;
    await expect(
      db.$transaction(async (tx) => {
        await tx.account.create({ data: { addressId: '4001', displayName: 'Rolled back' } });
        direct = directSql(db).execute(insertAccount('4002', at));
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await direct).toBe(1);
    const stored = await db.account.findMany({ where: { addressId: { in: ['4001', '4002'] } } });
    expect(stored.map((row) => row.addressId)).toEqual(['4002']);
  });
});
