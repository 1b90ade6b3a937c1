import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

interface ClaimedRow {
  id: string;
  accountId: string;
  body: string;
  attempts: number;
  deliverBy: Date | null;
  createdAt: Date;
  connectionId: string | null;
  otherAddress: string | null;
  otherAcceptsMessages: boolean | null;
  authCode: string | null;
  identCode: string | null;
  messageCryptKey: string | null;
  displayName: string | null;
}

export interface ClaimedMessage {
  id: string;
  accountId: string;
  body: string;
  attempts: number;
  deliverBy: Date | null;
  createdAt: Date;
  connectionId: string | null;
  connection: { otherAddress: string; otherAcceptsMessages: boolean; authCode: string; identCode: string; messageCryptKey: string; account: { displayName: string } } | null;
}

/**
 * The outgoing queue is the Message table itself: a message is due when it is queued and its next
 * attempt time has come, or when it is "sending" under a lease that ran out (its process died).
 * Claims are conditional updates, so two processes sharing one database never claim the same row.
 */
@Injectable()
export class DeliveryQueueRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Due: queued and its time has come, or "sending" under a lease that ran out. Oldest first. */
  async findDueIds(now: Date, limit: number): Promise<string[]> {
    const rows = await this.prisma.$queryRaw<Array<{ id: string }>>`
      SELECT "id" FROM "Message"
      WHERE "direction" = 'out' AND (("state" = 'queued' AND "nextAttemptAt" <= ${now}) OR ("state" = 'sending' AND "leaseUntil" < ${now}))
      ORDER BY "nextAttemptAt" ASC
      LIMIT ${limit}`;
    return rows.map((row) => row.id);
  }

  /**
   * Raw SQL on purpose: Prisma's updateMany reads the matching ids first and then updates by id,
   * so two processes could both "claim" the same row. One UPDATE re-checks the condition under
   * the row lock (PostgreSQL) or the write lock (SQLite).
   */
  async claim(id: string, owner: string, leaseUntil: Date, now: Date): Promise<boolean> {
    const count = await this.prisma.$executeRaw`
      UPDATE "Message" SET "state" = 'sending', "leaseOwner" = ${owner}, "leaseUntil" = ${leaseUntil}, "attempts" = "attempts" + 1
      WHERE "id" = ${id} AND "direction" = 'out'
        AND (("state" = 'queued' AND "nextAttemptAt" <= ${now}) OR ("state" = 'sending' AND "leaseUntil" < ${now}))`;
    return count === 1;
  }

  /** The claimed message with what an attempt needs of its connection and sender, in one statement. */
  async loadClaimed(id: string): Promise<ClaimedMessage | null> {
    const rows = await this.prisma.$queryRaw<ClaimedRow[]>`
      SELECT m."id", m."accountId", m."body", m."attempts", m."deliverBy", m."createdAt", m."connectionId",
        c."otherAddress", c."otherAcceptsMessages", c."authCode", c."identCode", c."messageCryptKey", a."displayName"
      FROM "Message" m
      LEFT JOIN "Connection" c ON c."id" = m."connectionId"
      LEFT JOIN "Account" a ON a."id" = c."accountId"
      WHERE m."id" = ${id}`;
    const row = rows[0];
    if (!row) return null;
    const { otherAddress, otherAcceptsMessages, authCode, identCode, messageCryptKey, displayName, ...message } = row;
    const connection =
      message.connectionId && otherAddress !== null
        ? { otherAddress, otherAcceptsMessages: Boolean(otherAcceptsMessages), authCode: authCode as string, identCode: identCode as string, messageCryptKey: messageCryptKey as string, account: { displayName: displayName as string } }
        : null;
    return { ...message, connection };
  }

  /** Every write after a claim is conditional on still holding the lease (one UPDATE, for the reason given at claim). */
  async finish(
    id: string,
    owner: string,
    data: { state: 'delivered' | 'failed' | 'queued'; failureCode: string | null; failureReason: string | null; nextAttemptAt?: Date; deliveredAt?: Date },
  ): Promise<boolean> {
    const count = await this.prisma.$executeRaw`
      UPDATE "Message" SET "state" = ${data.state}, "failureCode" = ${data.failureCode}, "failureReason" = ${data.failureReason},
        "nextAttemptAt" = ${data.nextAttemptAt ?? null}, "deliveredAt" = ${data.deliveredAt ?? null}, "leaseOwner" = NULL, "leaseUntil" = NULL
      WHERE "id" = ${id} AND "leaseOwner" = ${owner} AND "state" = 'sending'`;
    return count === 1;
  }

  /** Puts a failed message back in the queue for another round of attempts. */
  async requeue(id: string, accountId: string, now: Date, deliverBy: Date): Promise<boolean> {
    const { count } = await this.prisma.message.updateMany({
      where: { id, accountId, direction: 'out', state: 'failed' },
      data: { state: 'queued', nextAttemptAt: now, deliverBy, failureCode: null, failureReason: null, attempts: 0 },
    });
    return count === 1;
  }
}
