import {
  applyMigrations,
  createDatabase,
  type Database,
  type DirectSql,
  directSql,
  preparedQuery,
  tables,
  UniqueViolationError,
} from '@openmsg/db';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../peer-kit/nodes';

/** Queries built with `tables` run through DirectSql alike on both databases, with the row types the schema gives. */
describe.each(DATABASE_KINDS)('typed queries on %s', (kind) => {
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
  const insertAccount = (addressId: string, displayName = 'Name') =>
    tables
      .insertInto('Account')
      .values({ id: `id-${addressId}`, addressId, displayName, allowReplies: false, createdAt: at, updatedAt: at });
  const byPrefix = (prefix: string) =>
    tables
      .selectFrom('Account')
      .select(['addressId', 'displayName'])
      .where('addressId', 'like', `${prefix}%`)
      .orderBy('addressId');

  it('returns DateTime columns as Date, Boolean as boolean, nullable ones as null, typed by the schema', async () => {
    expect(await direct.execute(insertAccount('100'))).toBe(1);
    const rows = await direct.query(
      tables
        .selectFrom('Account')
        .select(['addressId', 'allowReplies', 'createdAt', 'deletedAt'])
        .where('addressId', '=', '100'),
    );
    expectTypeOf(rows).toEqualTypeOf<
      { addressId: string; allowReplies: boolean; createdAt: Date; deletedAt: Date | null }[]
    >();
    expect(rows).toEqual([{ addressId: '100', allowReplies: false, createdAt: at, deletedAt: null }]);
  });

  it('returns the rows of a write with RETURNING, and reports unique violations as such', async () => {
    await direct.execute(insertAccount('110'));
    const renamed = await direct.executeReturning(
      tables
        .updateTable('Account')
        .set({ displayName: 'Renamed' })
        .where('addressId', '=', '110')
        .returning(['id', 'displayName']),
    );
    expect(renamed).toEqual([{ id: 'id-110', displayName: 'Renamed' }]);
    await expect(direct.execute(insertAccount('110'))).rejects.toBeInstanceOf(UniqueViolationError);
  });

  it('runs a prepared query with new values each time', async () => {
    const named = preparedQuery((p: { addressId: string; name: string }) =>
      tables
        .updateTable('Account')
        .set({ displayName: p.name })
        .where('addressId', '=', p.addressId)
        .returning('displayName'),
    );
    await direct.execute(insertAccount('120'));
    await direct.execute(insertAccount('121'));
    const first = await direct.executeReturning(named.with({ addressId: '120', name: 'First' }));
    expectTypeOf(first).toEqualTypeOf<{ displayName: string }[]>();
    expect(first).toEqual([{ displayName: 'First' }]);
    expect(await direct.executeReturning(named.with({ addressId: '121', name: 'Second' }))).toEqual([
      { displayName: 'Second' },
    ]);
    expect(await direct.query(byPrefix('12'))).toEqual([
      { addressId: '120', displayName: 'First' },
      { addressId: '121', displayName: 'Second' },
    ]);
    await expect(direct.execute(named.with({ addressId: '120' } as never))).rejects.toThrow('no value for name');
  });

  it('writes typed statements together: each statement keeps its own values', async () => {
    const rename = (addressId: string, displayName: string) =>
      tables.updateTable('Account').set({ displayName }).where('addressId', '=', addressId);
    await direct.execute(insertAccount('130'));
    expect(
      await direct.writeTogether([
        insertAccount('131'),
        insertAccount('132', 'Other'),
        rename('130', 'Renamed'),
        rename('999', 'Nobody'),
      ]),
    ).toEqual([1, 1, 1, 0]);
    expect(
      await direct.writeTogether([rename('998', 'Nobody'), rename('131', 'Not this')], { onlyIfFirstChanges: true }),
    ).toEqual([0, 0]);
    expect(await direct.query(byPrefix('13'))).toEqual([
      { addressId: '130', displayName: 'Renamed' },
      { addressId: '131', displayName: 'Name' },
      { addressId: '132', displayName: 'Other' },
    ]);
  });

  it('claims each row once among concurrent claims that lock and skip rows (PostgreSQL; SQLite has one writer)', async () => {
    for (let i = 0; i < 40; i++) await direct.execute(insertAccount(`2${String(i).padStart(2, '0')}`));
    const claim = (owner: string) =>
      direct.executeReturning(
        tables
          .updateTable('Account')
          .set({ displayName: owner })
          .where('id', 'in', (eb) =>
            eb
              .selectFrom('Account')
              .select('id')
              .where('addressId', 'like', '2%')
              .where('displayName', '=', 'Name')
              .orderBy('addressId')
              .limit(5)
              .forUpdate()
              .skipLocked(),
          )
          .returning('addressId'),
      );
    const claims = (await Promise.all(Array.from({ length: 12 }, (_, i) => claim(`owner-${i}`)))).flat();
    for (let more = await claim('late'); more.length > 0; more = await claim('late')) claims.push(...more);
    const claimed = claims.map((row) => row.addressId);
    expect(claimed).toHaveLength(40);
    expect(new Set(claimed).size).toBe(40);
  });

  it('refuses to run a query through Kysely itself', async () => {
    await expect(tables.selectFrom('Account').selectAll().execute()).rejects.toThrow('only builds queries');
  });
});

describe('compiling typed queries per database', () => {
  const claim = preparedQuery((p: { id: string; skip: number }) =>
    tables.selectFrom('Account').select('id').where('id', '=', p.id).limit(5).offset(p.skip).forUpdate().skipLocked(),
  );

  it('writes a constant limit into the text (SQLite runs LIMIT ? several times slower) and binds a per-run one', () => {
    expect(claim.render('sqlite', { id: 'x', skip: 3 })).toEqual({
      text: 'select "id" from "Account" where "id" = ? limit 5 offset ?',
      values: ['x', 3],
    });
  });

  it('keeps row locks on PostgreSQL and leaves them out on SQLite, which has one writer', () => {
    expect(claim.render('postgresql', { id: 'x', skip: 3 }).text).toBe(
      'select "id" from "Account" where "id" = $1 limit 5 offset $2 for update skip locked',
    );
    expect(claim.render('sqlite', { id: 'x', skip: 3 }).text).not.toContain('for update');
  });
});
