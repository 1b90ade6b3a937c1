import { Injectable } from '@nestjs/common';
import { type Sql, sql } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import type { FirstAttempt } from '../delivery/delivery-worker.service';
import { insertOutboxEntry } from '../delivery/outbox.repository';

/** A new outgoing message as the writer makes it: queued, no attempt yet. */
export interface OutgoingMessage {
  id: string;
  accountId: string;
  connectionId: string;
  otherAddress: string;
  body: string;
  createdAt: Date;
  deliverBy: Date;
}

/** A received message: its nonce is spent with it; `senderName` only when the sender's name changed. */
export interface IncomingMessage {
  id: string;
  accountId: string;
  connectionId: string;
  otherAddress: string;
  body: string;
  nonce: string;
  senderName: string | null;
  createdAt: Date;
}

/**
 * Every write that adds a message, deletes one or marks them read, each with the conversation summary it changes
 * in the same transaction (see "The conversation summary" below). Only MessageWriter calls it.
 * Direct statements: a Prisma query costs 0.3-2 ms of CPU, and this runs for every message.
 */
@Injectable()
export class MessageWritingRepository {
  constructor(private readonly db: DirectSqlService) {}

  /**
   * The message (the queue entry: accepted and queued are one insert, it cannot be accepted and
   * lost), its first attempt's outbox entry and the summary, in one round trip. With a first
   * attempt the row is written already claimed by this process, under its lease.
   */
  async insertOutgoing(message: OutgoingMessage, first: FirstAttempt | null): Promise<void> {
    const claim = first
      ? { state: 'sending', attempts: 1, leaseOwner: first.lease.owner, leaseUntil: first.lease.leaseUntil }
      : { state: 'queued', attempts: 0, leaseOwner: null, leaseUntil: null };
    const at = message.createdAt;
    await this.db.writeTogether([
      sql`
        INSERT INTO "Message" ("id", "accountId", "connectionId", "otherAddress", "direction", "body", "state", "attempts", "leaseOwner", "leaseUntil", "nextAttemptAt", "deliverBy", "createdAt")
        VALUES (${message.id}, ${message.accountId}, ${message.connectionId}, ${message.otherAddress}, 'out', ${message.body}, ${claim.state}, ${claim.attempts},
          ${claim.leaseOwner}, ${claim.leaseUntil}, ${at}, ${message.deliverBy}, ${at})`,
      summaryAfterInsert({ ...message, direction: 'out' }),
      ...(first ? [insertOutboxEntry(first.prepared.entry)] : []),
    ]);
  }

  /** The message, its spent nonce (a nonce spent before on the connection fails the write: a unique violation), the summary and a changed sender name. */
  async insertIncoming(message: IncomingMessage): Promise<void> {
    const { id, connectionId, createdAt: at } = message;
    await this.db.writeTogether([
      sql`INSERT INTO "UsedNonce" ("connectionId", "nonce", "createdAt") VALUES (${connectionId}, ${message.nonce}, ${at})`,
      sql`
        INSERT INTO "Message" ("id", "accountId", "connectionId", "otherAddress", "direction", "body", "state", "attempts", "createdAt")
        VALUES (${id}, ${message.accountId}, ${connectionId}, ${message.otherAddress}, 'in', ${message.body}, 'received', 0, ${at})`,
      summaryAfterInsert({ ...message, direction: 'in' }),
      ...(message.senderName ? [sql`UPDATE "Connection" SET "otherName" = ${message.senderName}, "updatedAt" = ${at} WHERE "id" = ${connectionId}`] : []),
    ]);
  }

  /** Marks every unread incoming message of the conversation read and zeroes its unread count; how many were marked. */
  async markConversationRead(accountId: string, connectionId: string, at: Date): Promise<number> {
    // The summary's write comes first: it takes the row's lock.
    const [, marked] = await this.db.transaction([
      sql`UPDATE "Conversation" SET "unreadCount" = 0 WHERE "connectionId" = ${connectionId}`,
      sql`UPDATE "Message" SET "readAt" = ${at} WHERE "accountId" = ${accountId} AND "connectionId" = ${connectionId} AND "direction" = 'in' AND "readAt" IS NULL`,
    ]);
    return marked ?? 0;
  }

  /** Deletes the message and takes it out of its conversation's summary (unread count, last message). */
  async deleteOwned(message: { id: string; accountId: string; connectionId: string | null }): Promise<boolean> {
    const remove = sql`DELETE FROM "Message" WHERE "id" = ${message.id} AND "accountId" = ${message.accountId}`;
    if (!message.connectionId) return (await this.db.execute(remove)) === 1;
    const summarised = { ...message, connectionId: message.connectionId };
    const [, , deleted] = await this.db.transaction([lockSummary(summarised.connectionId), summaryBeforeDelete(summarised), remove, summaryAfterDelete(summarised)]);
    return deleted === 1;
  }
}

/*
 * The conversation summary: Conversation.lastMessageId, lastActivityAt and unreadCount, which the
 * inbox list reads so that a page of it costs the same at 20 contacts and at 10,000. Each write
 * above changes it in its own transaction. The last message is a reference: its state, read time
 * and text are read from the message row with the page.
 *
 * Concurrency (PostgreSQL, read committed; SQLite runs one write transaction at a time): a new
 * message only adds to the count and compares itself with the current last message, both of which
 * PostgreSQL re-evaluates on the newest row version after waiting for its lock, so concurrent
 * inserts compose. A read mark and a delete read messages to decide what to write: they first lock
 * the summary row, after which no insert can commit on the conversation until they do and every
 * insert committed before is visible to their next statement (a read mark's own first write, the
 * zeroed count, takes the lock).
 */

/** A new message: the unread count grows for an incoming one; it becomes the last message if it is newer than the current one (messages may commit out of order). */
function summaryAfterInsert(message: { id: string; connectionId: string; direction: 'in' | 'out'; createdAt: Date }): Sql {
  const { id, createdAt: at } = message;
  return sql`
    UPDATE "Conversation" SET "unreadCount" = "unreadCount" + ${message.direction === 'in' ? 1 : 0},
      "lastMessageId" = CASE WHEN "lastMessageId" IS NULL OR "lastActivityAt" < ${at} OR ("lastActivityAt" = ${at} AND "lastMessageId" < ${id}) THEN ${id} ELSE "lastMessageId" END,
      "lastActivityAt" = CASE WHEN "lastMessageId" IS NULL OR "lastActivityAt" < ${at} OR ("lastActivityAt" = ${at} AND "lastMessageId" < ${id}) THEN ${at} ELSE "lastActivityAt" END
    WHERE "connectionId" = ${message.connectionId}`;
}

/** Takes the summary row's lock for the rest of the transaction (a write that changes nothing). */
function lockSummary(connectionId: string): Sql {
  return sql`UPDATE "Conversation" SET "unreadCount" = "unreadCount" WHERE "connectionId" = ${connectionId}`;
}

/** After lockSummary, before the message is deleted: an unread incoming one leaves the count. */
function summaryBeforeDelete(message: { id: string; accountId: string; connectionId: string }): Sql {
  return sql`
    UPDATE "Conversation" SET "unreadCount" = "unreadCount" - 1
    WHERE "connectionId" = ${message.connectionId}
      AND EXISTS (SELECT 1 FROM "Message" m WHERE m."id" = ${message.id} AND m."accountId" = ${message.accountId} AND m."direction" = 'in' AND m."readAt" IS NULL)`;
}

/** After the message is deleted: if it was the last one, the next newest takes its place (or, with none left, the conversation's own time). */
function summaryAfterDelete(message: { id: string; connectionId: string }): Sql {
  return sql`
    UPDATE "Conversation" SET
      "lastMessageId" = (SELECT m."id" FROM "Message" m WHERE m."connectionId" = "Conversation"."connectionId" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1),
      "lastActivityAt" = COALESCE(
        (SELECT m."createdAt" FROM "Message" m WHERE m."connectionId" = "Conversation"."connectionId" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1),
        "createdAt")
    WHERE "connectionId" = ${message.connectionId} AND "lastMessageId" = ${message.id}`;
}
