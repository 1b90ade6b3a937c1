import { Injectable } from '@nestjs/common';
import { preparedQuery, tables } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { isUniqueViolation } from '../database/unique-violation';
import { freeQuotaOf } from '../files/file-quota.repository';
import type { FirstAttempt } from '../delivery/delivery-worker.service';
import { insertOutboxEntry } from '../delivery/outbox.repository';
import { enqueuePushJobs } from '../push/push-queue.repository';

/** A new outgoing message as the writer makes it: queued, no attempt yet. */
export type OutgoingMessage = {
  id: string;
  accountId: string;
  connectionId: string;
  otherAddress: string;
  body: string;
  createdAt: Date;
  deliverBy: Date;
  /** The sender's id for sending it once (unique per account: a second insert with it fails, writing nothing). */
  clientId: string | null;
};

/** A received file (files-1 manifest entry), written with its message in state "fetching": due for a fetch at once. */
export type IncomingFile = {
  id: string;
  remoteId: string;
  position: number;
  name: string;
  contentType: string;
  size: number;
  sha256: string;
  /** As stored: sealed with the node key when one is configured. */
  fileKey: string;
  chunkSize: number;
};

/** The account's uploads did not all stay ready and unsent until the message was written: nothing was written. */
export class AttachmentsNotReadyError extends Error {
  constructor() {
    super('a file of this message is not a ready upload of the account');
  }
}

/** A received message: its nonce is spent with it; `senderName` only when the sender's name changed. */
export type IncomingMessage = {
  id: string;
  accountId: string;
  connectionId: string;
  otherAddress: string;
  body: string;
  nonce: string;
  senderName: string | null;
  createdAt: Date;
};

/**
 * Every write that adds a message, deletes one or marks them read, each with the conversation
 * summary it changes in the same transaction (see "The conversation summary" below). Only
 * MessageWriter calls it. Direct statements, prepared once: a Prisma query costs 0.3-2 ms of CPU,
 * and this runs for every message.
 */
@Injectable()
export class MessageWritingRepository {
  constructor(private readonly db: DirectSqlService) {}

  /**
   * The message (the queue entry: accepted and queued are one insert, it cannot be accepted and
   * lost), the summary and its first attempt's outbox entry, in one round trip. With a first
   * attempt the row is written already claimed by this process, under its lease.
   */
  async insertOutgoing(
    message: OutgoingMessage,
    first: FirstAttempt | null,
    attachmentIds: string[] = [],
  ): Promise<void> {
    const claim = first
      ? { state: 'sending', attempts: 1, leaseOwner: first.lease.owner, leaseUntil: first.lease.leaseUntil }
      : { state: 'queued', attempts: 0, leaseOwner: null, leaseUntil: null };
    const insert = insertOutgoing.with({ ...message, ...claim });
    const summary = summaryAfterInsert.with({
      id: message.id,
      connectionId: message.connectionId,
      at: message.createdAt,
      unread: 0,
    });
    if (attachmentIds.length === 0) {
      await this.db.writeTogether([insert, summary, ...(first ? [insertOutboxEntry(first.prepared.entry)] : [])]);
      return;
    }
    // The uploads are taken in the same transaction, each only while it is the account's, ready and unsent: of two
    // messages sending one upload at once, the second takes none of it. Fewer taken than asked for: the guard's
    // insert repeats the message's id, the unique key fails, and the whole write is undone (a statement cannot
    // otherwise abort a transaction on both databases).
    const { id, accountId } = message;
    try {
      await this.db.transaction([
        insert,
        ...attachmentIds.map((attachmentId, position) =>
          attachUpload.with({ attachmentId, accountId, messageId: id, position }),
        ),
        failUnlessAllAttached.with({ id, count: attachmentIds.length }),
        summary,
      ]);
    } catch (error) {
      if (isUniqueViolation(error)) throw new AttachmentsNotReadyError();
      throw error;
    }
  }

  /**
   * The message, its spent nonce (a nonce spent before on the connection fails the write: a unique violation), the
   * summary, a changed sender name and, with `push`, its notifications (one per subscription of the account, none
   * for a muted conversation): queued with the message, sent later by the push worker. Says how many were queued.
   */
  async insertIncoming(
    message: IncomingMessage,
    files: IncomingFile[] = [],
    push = false,
  ): Promise<{ pushJobs: number }> {
    const { id, connectionId, createdAt: at, senderName } = message;
    const counts = await this.db.writeTogether([
      spendNonce.with({ connectionId, nonce: message.nonce, at }),
      insertIncoming.with({
        id,
        accountId: message.accountId,
        connectionId,
        otherAddress: message.otherAddress,
        body: message.body,
        at,
      }),
      summaryAfterInsert.with({ id, connectionId, at, unread: 1 }),
      ...(senderName ? [renameSender.with({ connectionId, senderName, at })] : []),
      ...files.map((file) => insertIncomingFile.with({ ...file, accountId: message.accountId, messageId: id, at })),
      ...(push ? [enqueuePushJobs({ messageId: id, accountId: message.accountId, connectionId, at })] : []),
    ]);
    return { pushJobs: push ? (counts.at(-1) ?? 0) : 0 };
  }

  /** Marks every unread incoming message of the conversation read and zeroes its unread count; how many were marked. */
  async markConversationRead(accountId: string, connectionId: string, at: Date): Promise<number> {
    // The summary's write comes first: it takes the row's lock.
    const [, marked] = await this.db.transaction([
      summaryAllRead.with({ connectionId }),
      markRead.with({ accountId, connectionId, at }),
    ]);
    return marked ?? 0;
  }

  /** Deletes the message and takes it out of its conversation's summary (unread count, last message). */
  async deleteOwned(message: { id: string; accountId: string; connectionId: string | null }): Promise<boolean> {
    const { id, accountId, connectionId } = message;
    const remove = deleteMessage.with({ id, accountId });
    // Its files go with it (cascade): the quota they held is freed in the same write, before the rows go.
    const freeFiles = freeQuotaOf.message(accountId, id);
    if (!connectionId) return (await this.db.transaction([freeFiles, remove]))[1] === 1;
    const [, , , deleted] = await this.db.transaction([
      lockSummary.with({ connectionId }),
      summaryBeforeDelete.with({ id, accountId, connectionId }),
      freeFiles,
      remove,
      summaryAfterDelete.with({ id, connectionId }),
    ]);
    return deleted === 1;
  }
}

const insertOutgoing = preparedQuery(
  (p: OutgoingMessage & { state: string; attempts: number; leaseOwner: string | null; leaseUntil: Date | null }) =>
    tables.insertInto('Message').values({
      id: p.id,
      accountId: p.accountId,
      connectionId: p.connectionId,
      otherAddress: p.otherAddress,
      direction: 'out',
      body: p.body,
      state: p.state,
      attempts: p.attempts,
      leaseOwner: p.leaseOwner,
      leaseUntil: p.leaseUntil,
      nextAttemptAt: p.createdAt,
      deliverBy: p.deliverBy,
      createdAt: p.createdAt,
      clientId: p.clientId,
    }),
);

const spendNonce = preparedQuery((p: { connectionId: string; nonce: string; at: Date }) =>
  tables.insertInto('UsedNonce').values({ connectionId: p.connectionId, nonce: p.nonce, createdAt: p.at }),
);

const insertIncoming = preparedQuery(
  (p: { id: string; accountId: string; connectionId: string; otherAddress: string; body: string; at: Date }) =>
    tables.insertInto('Message').values({
      id: p.id,
      accountId: p.accountId,
      connectionId: p.connectionId,
      otherAddress: p.otherAddress,
      direction: 'in',
      body: p.body,
      state: 'received',
      attempts: 0,
      createdAt: p.at,
    }),
);

const attachUpload = preparedQuery(
  (p: { attachmentId: string; accountId: string; messageId: string; position: number }) =>
    tables
      .updateTable('Attachment')
      .set({ messageId: p.messageId, position: p.position })
      .where('id', '=', p.attachmentId)
      .where('accountId', '=', p.accountId)
      .where('messageId', 'is', null)
      .where('state', '=', 'ready'),
);

/** Inserts the message's row a second time (a unique violation) unless `count` uploads were attached to it. */
const failUnlessAllAttached = preparedQuery((p: { id: string; count: number }) =>
  tables
    .insertInto('Message')
    .columns(['id', 'accountId', 'otherAddress', 'direction', 'body', 'state'])
    .expression((eb) =>
      eb
        .selectFrom('Message as m')
        .select(['m.id', 'm.accountId', 'm.otherAddress', 'm.direction', 'm.body', 'm.state'])
        .where('m.id', '=', p.id)
        .where(
          (inner) =>
            inner
              .selectFrom('Attachment as a')
              .select((count) => count.fn.countAll().as('n'))
              .where('a.messageId', '=', p.id),
          '<>',
          p.count,
        ),
    ),
);

const insertIncomingFile = preparedQuery((p: IncomingFile & { accountId: string; messageId: string; at: Date }) =>
  tables.insertInto('Attachment').values({
    id: p.id,
    accountId: p.accountId,
    messageId: p.messageId,
    position: p.position,
    name: p.name,
    contentType: p.contentType,
    size: p.size,
    storedBytes: 0,
    sha256: p.sha256,
    fileKey: p.fileKey,
    chunkSize: p.chunkSize,
    state: 'fetching',
    remoteId: p.remoteId,
    nextAttemptAt: p.at,
    createdAt: p.at,
  }),
);

const renameSender = preparedQuery((p: { connectionId: string; senderName: string; at: Date }) =>
  tables.updateTable('Connection').set({ otherName: p.senderName, updatedAt: p.at }).where('id', '=', p.connectionId),
);

const markRead = preparedQuery((p: { accountId: string; connectionId: string; at: Date }) =>
  tables
    .updateTable('Message')
    .set({ readAt: p.at })
    .where('accountId', '=', p.accountId)
    .where('connectionId', '=', p.connectionId)
    .where('direction', '=', 'in')
    .where('readAt', 'is', null),
);

const deleteMessage = preparedQuery((p: { id: string; accountId: string }) =>
  tables.deleteFrom('Message').where('id', '=', p.id).where('accountId', '=', p.accountId),
);

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

/**
 * A new message: `unread` (1 for an incoming one) is added to the count; it becomes the last
 * message if it is newer than the current one (messages may commit out of order).
 */
const summaryAfterInsert = preparedQuery((p: { id: string; connectionId: string; at: Date; unread: number }) =>
  tables
    .updateTable('Conversation')
    .set((eb) => {
      const newer = eb.or([
        eb('lastMessageId', 'is', null),
        eb('lastActivityAt', '<', p.at),
        eb.and([eb('lastActivityAt', '=', p.at), eb('lastMessageId', '<', p.id)]),
      ]);
      return {
        unreadCount: eb('unreadCount', '+', p.unread),
        lastMessageId: eb.case().when(newer).then(p.id).else(eb.ref('lastMessageId')).end(),
        lastActivityAt: eb.case().when(newer).then(p.at).else(eb.ref('lastActivityAt')).end(),
      };
    })
    .where('connectionId', '=', p.connectionId),
);

/** Takes the summary row's lock for the rest of the transaction (a write that changes nothing). */
const lockSummary = preparedQuery((p: { connectionId: string }) =>
  tables
    .updateTable('Conversation')
    .set((eb) => ({ unreadCount: eb.ref('unreadCount') }))
    .where('connectionId', '=', p.connectionId),
);

/** First in a read mark's transaction, before its unread messages are marked read (all of them: the ones not committed yet count themselves later). */
const summaryAllRead = preparedQuery((p: { connectionId: string }) =>
  tables.updateTable('Conversation').set({ unreadCount: 0 }).where('connectionId', '=', p.connectionId),
);

/** After lockSummary, before the message is deleted: an unread incoming one leaves the count. */
const summaryBeforeDelete = preparedQuery((p: { id: string; accountId: string; connectionId: string }) =>
  tables
    .updateTable('Conversation')
    .set((eb) => ({ unreadCount: eb('unreadCount', '-', 1) }))
    .where('connectionId', '=', p.connectionId)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom('Message as m')
          .select('m.id')
          .where('m.id', '=', p.id)
          .where('m.accountId', '=', p.accountId)
          .where('m.direction', '=', 'in')
          .where('m.readAt', 'is', null),
      ),
    ),
);

/** After the message is deleted: if it was the last one, the next newest takes its place (or, with none left, the conversation's own time). */
const summaryAfterDelete = preparedQuery((p: { id: string; connectionId: string }) =>
  tables
    .updateTable('Conversation')
    .set((eb) => {
      const newest = eb
        .selectFrom('Message as m')
        .whereRef('m.connectionId', '=', 'Conversation.connectionId')
        .orderBy('m.createdAt', 'desc')
        .orderBy('m.id', 'desc')
        .limit(1);
      return {
        lastMessageId: newest.select('m.id'),
        lastActivityAt: eb.fn.coalesce(newest.select('m.createdAt'), eb.ref('Conversation.createdAt')),
      };
    })
    .where('connectionId', '=', p.connectionId)
    .where('lastMessageId', '=', p.id),
);
