import { applyMigrations, createDatabase, type Database, directSql, sql, tuneConnection } from '@openmsg/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DATABASE_KINDS, type TestDatabase } from '../peer-kit/nodes';

const SUMMARY_MIGRATION = '20261127130052_conversation_summary';

/** The inbox list reads a summary per conversation: the migration that added it fills it in from the messages already stored. */
describe.each(DATABASE_KINDS)('the conversation summary migration on %s', (kind) => {
  let testDb: TestDatabase;
  let db: Database;

  beforeAll(async () => {
    testDb = await createTestDatabase(kind);
    await applyMigrations(testDb.url, { before: SUMMARY_MIGRATION });
    db = createDatabase(testDb.url);
    await tuneConnection(db, testDb.url);
  });

  afterAll(async () => {
    await db.$disconnect();
    await testDb.drop();
  });

  it('backfills the last message, last activity and unread count; a conversation without messages keeps its own time', async () => {
    const made = new Date('2026-01-02T03:04:05.678Z');
    const later = (seconds: number) => new Date(made.getTime() + seconds * 1000);
    const direct = directSql(db);
    await direct.execute(
      sql`INSERT INTO "Account" ("id", "addressId", "displayName", "createdAt", "updatedAt") VALUES (${'acc-1'}, ${'100'}, ${'Ann'}, ${made}, ${made})`,
    );
    for (const n of ['1', '2']) {
      await direct.execute(sql`
        INSERT INTO "Connection" ("id", "accountId", "otherAddress", "otherAcceptsMessages", "authCode", "identCode", "messageCryptKey", "createdAt", "updatedAt")
        VALUES (${`con-${n}`}, ${'acc-1'}, ${`${n}00*b.test`}, ${true}, ${'a'}, ${'i'}, ${'k'}, ${made}, ${made})`);
      await direct.execute(
        sql`INSERT INTO "Conversation" ("id", "accountId", "connectionId", "createdAt") VALUES (${`conv-${n}`}, ${'acc-1'}, ${`con-${n}`}, ${made})`,
      );
    }
    // On con-1: two unread incoming, one read incoming, and two outgoing at the same newest time (the greater ID is the last).
    const messages: Array<[string, string, number, Date | null]> = [
      ['m1', 'in', 1, null],
      ['m2', 'in', 2, later(2)],
      ['m3', 'in', 3, null],
      ['m4', 'out', 4, null],
      ['m5', 'out', 4, null],
    ];
    for (const [id, direction, second, readAt] of messages) {
      await direct.execute(sql`
        INSERT INTO "Message" ("id", "accountId", "connectionId", "otherAddress", "direction", "body", "state", "attempts", "createdAt", "readAt")
        VALUES (${id}, ${'acc-1'}, ${'con-1'}, ${'100*b.test'}, ${direction}, ${'text'}, ${direction === 'in' ? 'received' : 'delivered'}, ${0}, ${later(second)}, ${readAt})`);
    }

    expect(await applyMigrations(testDb.url)).toContain(SUMMARY_MIGRATION);
    const summaries = await db.conversation.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, lastMessageId: true, lastActivityAt: true, unreadCount: true },
    });
    expect(summaries).toEqual([
      { id: 'conv-1', lastMessageId: 'm5', lastActivityAt: later(4), unreadCount: 2 },
      { id: 'conv-2', lastMessageId: null, lastActivityAt: made, unreadCount: 0 },
    ]);
  });
});
