import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

/**
 * The outgoing queue is the Message table itself: a message is due when it is queued and its next
 * attempt time has come, or when it is "sending" under a lease that ran out (its process died).
 * Claims are conditional updates, so two processes sharing one database never claim the same row.
 */
@Injectable()
export class DeliveryQueueRepository {
  constructor(private readonly prisma: PrismaService) {}

  private dueWhere(now: Date) {
    return {
      direction: 'out',
      OR: [
        { state: 'queued', nextAttemptAt: { lte: now } },
        { state: 'sending', leaseUntil: { lt: now } },
      ],
    };
  }

  async findDueIds(now: Date, limit: number): Promise<string[]> {
    const rows = await this.prisma.message.findMany({
      where: this.dueWhere(now),
      orderBy: { nextAttemptAt: 'asc' },
      take: limit,
      select: { id: true },
    });
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

  loadClaimed(id: string) {
    return this.prisma.message.findUnique({ where: { id }, include: { connection: { include: { account: true } } } });
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
