import { Injectable } from '@nestjs/common';
import { type Sql, sql } from '@openmsg/db';
import { v7 as timeOrderedUuid } from 'uuid';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';

export interface NewOutboxEntry {
  id: string;
  messageId: string;
  messageHash: string;
  messageNonce: string;
  createdAt: Date;
}

export function newOutboxEntry(data: Omit<NewOutboxEntry, 'id' | 'createdAt'>): NewOutboxEntry {
  return { id: timeOrderedUuid(), ...data, createdAt: new Date() };
}

/** The INSERT of an attempt's entry; also part of a new message's write (MessageWritingRepository.insertOutgoing). */
export function insertOutboxEntry(entry: NewOutboxEntry): Sql {
  return sql`
    INSERT INTO "OutboxEntry" ("id", "messageId", "messageHash", "messageNonce", "createdAt")
    VALUES (${entry.id}, ${entry.messageId}, ${entry.messageHash}, ${entry.messageNonce}, ${entry.createdAt})`;
}

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
    const count = await this.db.execute(sql`
      UPDATE "OutboxEntry" SET "confirmedAt" = ${now}
      WHERE "messageHash" = ${messageHash} AND "messageNonce" = ${messageNonce} AND "confirmedAt" IS NULL AND "createdAt" >= ${notBefore}`);
    return count === 1;
  }

  /** Whether an attempt of the message other than `exceptId` was confirmed: it got past the receiver's callback, so it may have been stored. */
  async confirmedBefore(messageId: string, exceptId: string): Promise<boolean> {
    const rows = await this.db.query<{ id: string }>(sql`
      SELECT "id" FROM "OutboxEntry" WHERE "messageId" = ${messageId} AND "confirmedAt" IS NOT NULL AND "id" <> ${exceptId} LIMIT 1`);
    return rows.length > 0;
  }

  delete(id: string): Promise<number> {
    return this.db.execute(sql`DELETE FROM "OutboxEntry" WHERE "id" = ${id}`);
  }

  deleteUnconfirmed(messageId: string): Promise<number> {
    return this.db.execute(sql`DELETE FROM "OutboxEntry" WHERE "messageId" = ${messageId} AND "confirmedAt" IS NULL`);
  }

  purgeOlderThan(before: Date) {
    return this.prisma.outboxEntry.deleteMany({ where: { createdAt: { lt: before } } }).then(({ count }) => count);
  }
}
