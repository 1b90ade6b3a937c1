import { Injectable } from '@nestjs/common';
import { type BoundQuery, preparedQuery, tables } from '@openmsg/db';
import { v7 as timeOrderedUuid } from 'uuid';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';

export type NewOutboxEntry = {
  id: string;
  messageId: string;
  messageHash: string;
  messageNonce: string;
  createdAt: Date;
};

export function newOutboxEntry(data: Omit<NewOutboxEntry, 'id' | 'createdAt'>): NewOutboxEntry {
  return { id: timeOrderedUuid(), ...data, createdAt: new Date() };
}

// The columns are named one by one: a prepared query's values stand in for themselves (see preparedQuery).
const insertEntry = preparedQuery((p: NewOutboxEntry) =>
  tables.insertInto('OutboxEntry').values({
    id: p.id,
    messageId: p.messageId,
    messageHash: p.messageHash,
    messageNonce: p.messageNonce,
    createdAt: p.createdAt,
  }),
);

/** The INSERT of an attempt's entry; also part of a new message's write (MessageWritingRepository.insertOutgoing). */
export function insertOutboxEntry(entry: NewOutboxEntry): BoundQuery<unknown> {
  return insertEntry.with(entry);
}

const confirmOnce = preparedQuery((p: { messageHash: string; messageNonce: string; notBefore: Date; now: Date }) =>
  tables
    .updateTable('OutboxEntry')
    .set({ confirmedAt: p.now })
    .where('messageHash', '=', p.messageHash)
    .where('messageNonce', '=', p.messageNonce)
    .where('confirmedAt', 'is', null)
    .where('createdAt', '>=', p.notBefore),
);

const confirmedBefore = preparedQuery((p: { messageId: string; messageNonce: string; exceptId: string }) =>
  tables
    .selectFrom('OutboxEntry')
    .select('id')
    .where('messageId', '=', p.messageId)
    .where('messageNonce', '=', p.messageNonce)
    .where('confirmedAt', 'is not', null)
    .where('id', '<>', p.exceptId)
    .limit(1),
);

const deleteEntry = preparedQuery((p: { id: string }) => tables.deleteFrom('OutboxEntry').where('id', '=', p.id));

const deleteUnconfirmed = preparedQuery((p: { messageId: string }) =>
  tables.deleteFrom('OutboxEntry').where('messageId', '=', p.messageId).where('confirmedAt', 'is', null),
);

/**
 * One row per delivery attempt: what the sender's node vouches for when the receiver calls
 * message-confirm, and whose confirmation tells a later attempt that this one may have been stored.
 * Direct statements (no Prisma) on the per-message path; the final outcome drops a message's rows
 * with its state (DeliveryQueueRepository.finish), except the confirmed rows of a failed message.
 */
@Injectable()
export class OutboxRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly db: DirectSqlService,
  ) {}

  async create(entry: NewOutboxEntry): Promise<void> {
    await this.db.execute(insertOutboxEntry(entry));
  }

  /** Confirms an entry at most once, and only while it is fresh: one UPDATE, so two concurrent callbacks cannot both succeed. */
  async confirmOnce(messageHash: string, messageNonce: string, notBefore: Date, now: Date): Promise<boolean> {
    return (await this.db.execute(confirmOnce.with({ messageHash, messageNonce, notBefore, now }))) === 1;
  }

  /**
   * Whether an attempt of the message with this nonce (the same part, when it goes in parts) other than `exceptId`
   * was confirmed: it got past the receiver's callback, so it may have been stored.
   */
  async confirmedBefore(messageId: string, messageNonce: string, exceptId: string): Promise<boolean> {
    return (await this.db.query(confirmedBefore.with({ messageId, messageNonce, exceptId }))).length > 0;
  }

  delete(id: string): Promise<number> {
    return this.db.execute(deleteEntry.with({ id }));
  }

  deleteUnconfirmed(messageId: string): Promise<number> {
    return this.db.execute(deleteUnconfirmed.with({ messageId }));
  }

  purgeOlderThan(before: Date) {
    return this.prisma.outboxEntry.deleteMany({ where: { createdAt: { lt: before } } }).then(({ count }) => count);
  }
}
