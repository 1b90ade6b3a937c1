import { Injectable } from '@nestjs/common';
import { v7 as timeOrderedUuid } from 'uuid';
import { sql } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';
import { lockSummary, summaryAfterDelete, summaryAfterInsert, summaryAllRead, summaryBeforeDelete } from '../conversations/conversation-summary';
import type { DeliveryLease } from '../delivery/delivery-queue.repository';
import { insertOutboxEntry, type NewOutboxEntry } from '../delivery/outbox.repository';
import type { StoredMessage } from './message-view';

@Injectable()
export class MessagesRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly db: DirectSqlService,
  ) {}

  /**
   * Accepting a message for sending and queueing it are one insert: it cannot be accepted and then
   * lost. With a lease (a free delivery slot), the row is created already claimed for its first
   * attempt, which then runs from what the sender has in hand; that attempt's outbox entry, sealed
   * and hashed beforehand, is written with it. The answer is the message as
   * accepted: queued, no attempt made yet. The conversation's summary is updated in the same
   * transaction. Direct statements here and on the rest of the delivery path: a Prisma query costs
   * 0.3-2 ms of CPU, and this runs for every message.
   */
  async createOutgoing(data: {
    id: string;
    accountId: string;
    connectionId: string;
    conversationId: string | null;
    otherAddress: string;
    body: string;
    now: Date;
    deliverBy: Date;
    lease: DeliveryLease | null;
    firstAttempt: NewOutboxEntry | null;
  }): Promise<StoredMessage> {
    const message = {
      id: data.id,
      accountId: data.accountId,
      connectionId: data.connectionId,
      conversationId: data.conversationId,
      otherAddress: data.otherAddress,
      direction: 'out',
      body: data.body,
      state: 'queued',
      failureCode: null,
      failureReason: null,
      attempts: 0,
      createdAt: data.now,
      deliveredAt: null,
      readAt: null,
      deliverBy: data.deliverBy,
    };
    const claimed = data.lease
      ? { state: 'sending', attempts: 1, leaseOwner: data.lease.owner, leaseUntil: data.lease.leaseUntil }
      : { state: 'queued', attempts: 0, leaseOwner: null, leaseUntil: null };
    await this.db.writeTogether([
      sql`
        INSERT INTO "Message" ("id", "accountId", "connectionId", "otherAddress", "direction", "body", "state", "attempts", "leaseOwner", "leaseUntil", "nextAttemptAt", "deliverBy", "createdAt")
        VALUES (${message.id}, ${message.accountId}, ${message.connectionId}, ${message.otherAddress}, 'out', ${message.body}, ${claimed.state}, ${claimed.attempts},
          ${claimed.leaseOwner}, ${claimed.leaseUntil}, ${data.now}, ${data.deliverBy}, ${data.now})`,
      summaryAfterInsert({ id: message.id, connectionId: data.connectionId, direction: 'out', createdAt: data.now }),
      ...(data.firstAttempt ? [insertOutboxEntry(data.firstAttempt)] : []),
    ]);
    return message;
  }

  /**
   * Stores a received message, spends its nonce, updates the conversation's summary and the sender's
   * name in one transaction.
   * A nonce already spent on this connection makes the insert fail with a unique violation.
   */
  async storeIncoming(data: {
    accountId: string;
    connectionId: string;
    otherAddress: string;
    body: string;
    nonce: string;
    senderName: string | null;
    now: Date;
  }): Promise<{ id: string }> {
    const id = timeOrderedUuid();
    await this.db.writeTogether([
      sql`INSERT INTO "UsedNonce" ("connectionId", "nonce", "createdAt") VALUES (${data.connectionId}, ${data.nonce}, ${data.now})`,
      sql`
        INSERT INTO "Message" ("id", "accountId", "connectionId", "otherAddress", "direction", "body", "state", "attempts", "createdAt")
        VALUES (${id}, ${data.accountId}, ${data.connectionId}, ${data.otherAddress}, 'in', ${data.body}, 'received', 0, ${data.now})`,
      summaryAfterInsert({ id, connectionId: data.connectionId, direction: 'in', createdAt: data.now }),
      ...(data.senderName ? [sql`UPDATE "Connection" SET "otherName" = ${data.senderName}, "updatedAt" = ${data.now} WHERE "id" = ${data.connectionId}`] : []),
    ]);
    return { id };
  }

  async findForAccount(accountId: string, id: string) {
    const row = await this.prisma.message.findFirst({ where: { id, accountId }, include: WITH_CONVERSATION });
    return row && withConversationId(row);
  }

  purgeUsedNoncesBefore(before: Date) {
    return this.prisma.usedNonce.deleteMany({ where: { createdAt: { lt: before } } }).then(({ count }) => count);
  }

  /** A page of a 1:1 conversation, newest first: the (connectionId, createdAt, id) index serves it from the newest end. */
  async listByConversation(conversation: { id: string; connectionId: string }, limit: number, before?: MessagePosition): Promise<StoredMessage[]> {
    const rows = await this.prisma.message.findMany({
      where: { connectionId: conversation.connectionId, ...olderThan(before) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    return rows.map((row) => ({ ...row, conversationId: conversation.id }));
  }

  /** A batch of the account's messages, newest first, for a search to scan. */
  async listForAccount(accountId: string, limit: number, before?: MessagePosition) {
    const rows = await this.prisma.message.findMany({
      where: { accountId, ...olderThan(before) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      include: WITH_CONVERSATION,
    });
    return rows.map(withConversationId);
  }

  /** Marks every unread incoming message of the conversation read and zeroes its unread count, in one transaction; how many were marked. */
  async markConversationRead(accountId: string, connectionId: string, at: Date): Promise<number> {
    // The summary's write comes first: it takes the row's lock (see conversation-summary.ts).
    const [, marked] = await this.db.transaction([
      summaryAllRead(connectionId),
      sql`UPDATE "Message" SET "readAt" = ${at} WHERE "accountId" = ${accountId} AND "connectionId" = ${connectionId} AND "direction" = 'in' AND "readAt" IS NULL`,
    ]);
    return marked ?? 0;
  }

  /** Deletes the message and, in the same transaction, takes it out of its conversation's summary (unread count, last message). */
  async deleteOwned(message: { id: string; accountId: string; connectionId: string | null }): Promise<boolean> {
    const remove = sql`DELETE FROM "Message" WHERE "id" = ${message.id} AND "accountId" = ${message.accountId}`;
    if (!message.connectionId) return (await this.db.execute(remove)) === 1;
    const summarised = { ...message, connectionId: message.connectionId };
    const [, , deleted] = await this.db.transaction([lockSummary(message.connectionId), summaryBeforeDelete(summarised), remove, summaryAfterDelete(summarised)]);
    return deleted === 1;
  }
}

const WITH_CONVERSATION = { connection: { select: { conversation: { select: { id: true } } } } } as const;

function withConversationId<T extends { connection: { conversation: { id: string } | null } | null }>(row: T): Omit<T, 'connection'> & { conversationId: string | null } {
  const { connection, ...message } = row;
  return { ...message, conversationId: connection?.conversation?.id ?? null };
}

/** Where a page ends: messages sort by creation time, ties broken by ID. */
export interface MessagePosition {
  createdAt: Date;
  id: string;
}

function olderThan(position?: MessagePosition) {
  if (!position) return {};
  return { OR: [{ createdAt: { lt: position.createdAt } }, { createdAt: position.createdAt, id: { lt: position.id } }] };
}
