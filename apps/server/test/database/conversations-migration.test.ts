import { applyMigrations, createDatabase, type Database, directSql, sql, tuneConnection } from '@openmsg/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../peer-kit/nodes';

const CONVERSATIONS_MIGRATION = '20261127100111_conversations';
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/** Conversations got their own table after connections existed: the migration gives each existing connection one. */
describe.each(DATABASE_KINDS)('the conversations migration on %s', (kind) => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    await applyMigrations(testDb.url, { before: CONVERSATIONS_MIGRATION });
    db = createDatabase(testDb.url);
    await tuneConnection(db, testDb.url);
  });

  afterAll(async () => {
    await db.$disconnect();
    await testDb.drop();
  });

  it('backfills one conversation per existing connection, deleted with its connection', async () => {
    const at = new Date('2026-01-02T03:04:05.678Z');
    const direct = directSql(db);
    await direct.execute(
      sql`INSERT INTO "Account" ("id", "addressId", "displayName", "createdAt", "updatedAt") VALUES (${'acc-1'}, ${'100'}, ${'Ann'}, ${at}, ${at})`,
    );
    for (const [id, other] of [
      ['con-1', '200*b.test'],
      ['con-2', '300*c.test'],
    ]) {
      await direct.execute(sql`
        INSERT INTO "Connection" ("id", "accountId", "otherAddress", "otherAcceptsMessages", "authCode", "identCode", "messageCryptKey", "createdAt", "updatedAt")
        VALUES (${id as string}, ${'acc-1'}, ${other as string}, ${true}, ${'a'}, ${'i'}, ${'k'}, ${at}, ${at})`);
    }

    expect(await applyMigrations(testDb.url)).toContain(CONVERSATIONS_MIGRATION);
    const conversations = await db.conversation.findMany({ orderBy: { connectionId: 'asc' } });
    expect(
      conversations.map(({ accountId, connectionId, createdAt }) => ({ accountId, connectionId, createdAt })),
    ).toEqual([
      { accountId: 'acc-1', connectionId: 'con-1', createdAt: at },
      { accountId: 'acc-1', connectionId: 'con-2', createdAt: at },
    ]);
    for (const conversation of conversations) expect(conversation.id).toMatch(UUID_V4);
    expect(conversations[0]?.id).not.toBe(conversations[1]?.id);

    await db.connection.delete({ where: { id: 'con-1' } });
    expect((await db.conversation.findMany()).map((conversation) => conversation.connectionId)).toEqual(['con-2']);
  });
});
