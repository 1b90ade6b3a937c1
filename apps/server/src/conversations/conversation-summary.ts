import { type Sql, sql } from '@openmsg/db';

/**
 * The per-conversation summary the inbox list reads (Conversation.lastMessageId, lastActivityAt,
 * unreadCount), so that a page of the list costs the same at 20 contacts and at 10,000. Each write
 * that changes it runs one of these statements in its own transaction. The last message is a
 * reference: its state, read time and text are read from the message row with the page.
 *
 * Concurrency (PostgreSQL, read committed; SQLite runs one write transaction at a time): a new
 * message only adds to the count and compares itself with the current last message, both of which
 * PostgreSQL re-evaluates on the newest row version after waiting for its lock, so concurrent
 * inserts compose. A read mark and a delete read messages to decide what to write: they first lock
 * the summary row (lockSummary), after which no insert can commit on the conversation until they do
 * and every insert committed before is visible to their next statement (a read mark's own first
 * write, summaryAllRead, takes the lock).
 */

/** A new message: the unread count grows for an incoming one; it becomes the last message if it is newer than the current one (messages may commit out of order). */
export function summaryAfterInsert(message: { id: string; connectionId: string; direction: 'in' | 'out'; createdAt: Date }): Sql {
  const { id, createdAt: at } = message;
  return sql`
    UPDATE "Conversation" SET "unreadCount" = "unreadCount" + ${message.direction === 'in' ? 1 : 0},
      "lastMessageId" = CASE WHEN "lastMessageId" IS NULL OR "lastActivityAt" < ${at} OR ("lastActivityAt" = ${at} AND "lastMessageId" < ${id}) THEN ${id} ELSE "lastMessageId" END,
      "lastActivityAt" = CASE WHEN "lastMessageId" IS NULL OR "lastActivityAt" < ${at} OR ("lastActivityAt" = ${at} AND "lastMessageId" < ${id}) THEN ${at} ELSE "lastActivityAt" END
    WHERE "connectionId" = ${message.connectionId}`;
}

/** Takes the summary row's lock for the rest of the transaction (a write that changes nothing). */
export function lockSummary(connectionId: string): Sql {
  return sql`UPDATE "Conversation" SET "unreadCount" = "unreadCount" WHERE "connectionId" = ${connectionId}`;
}

/** First in a read mark's transaction, before its unread messages are marked read (all of them: the ones not committed yet count themselves later). */
export function summaryAllRead(connectionId: string): Sql {
  return sql`UPDATE "Conversation" SET "unreadCount" = 0 WHERE "connectionId" = ${connectionId}`;
}

/** After lockSummary, before the message is deleted: an unread incoming one leaves the count. */
export function summaryBeforeDelete(message: { id: string; accountId: string; connectionId: string }): Sql {
  return sql`
    UPDATE "Conversation" SET "unreadCount" = "unreadCount" - 1
    WHERE "connectionId" = ${message.connectionId}
      AND EXISTS (SELECT 1 FROM "Message" m WHERE m."id" = ${message.id} AND m."accountId" = ${message.accountId} AND m."direction" = 'in' AND m."readAt" IS NULL)`;
}

/** After the message is deleted: if it was the last one, the next newest takes its place (or, with none left, the conversation's own time). */
export function summaryAfterDelete(message: { id: string; connectionId: string }): Sql {
  return sql`
    UPDATE "Conversation" SET
      "lastMessageId" = (SELECT m."id" FROM "Message" m WHERE m."connectionId" = "Conversation"."connectionId" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1),
      "lastActivityAt" = COALESCE(
        (SELECT m."createdAt" FROM "Message" m WHERE m."connectionId" = "Conversation"."connectionId" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1),
        "createdAt")
    WHERE "connectionId" = ${message.connectionId} AND "lastMessageId" = ${message.id}`;
}
