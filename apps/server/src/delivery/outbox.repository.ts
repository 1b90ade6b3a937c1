import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

/** One row per delivery attempt: what the sender's node vouches for when the receiver calls message-confirm. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: { messageId: string; messageHash: string; messageNonce: string; createdAt: Date }) {
    return this.prisma.outboxEntry.create({ data });
  }

  /** Confirms an entry at most once, and only while it is fresh: one UPDATE, so two concurrent callbacks cannot both succeed. */
  async confirmOnce(messageHash: string, messageNonce: string, notBefore: Date, now: Date): Promise<boolean> {
    const count = await this.prisma.$executeRaw`
      UPDATE "OutboxEntry" SET "confirmedAt" = ${now}
      WHERE "messageHash" = ${messageHash} AND "messageNonce" = ${messageNonce} AND "confirmedAt" IS NULL AND "createdAt" >= ${notBefore}`;
    return count === 1;
  }

  async isConfirmed(id: string): Promise<boolean> {
    const row = await this.prisma.outboxEntry.findUnique({ where: { id }, select: { confirmedAt: true } });
    return Boolean(row?.confirmedAt);
  }

  async anyConfirmed(messageId: string): Promise<boolean> {
    return (await this.prisma.outboxEntry.count({ where: { messageId, confirmedAt: { not: null } } })) > 0;
  }

  deleteUnconfirmed(messageId: string) {
    return this.prisma.outboxEntry.deleteMany({ where: { messageId, confirmedAt: null } });
  }

  deleteForMessage(messageId: string) {
    return this.prisma.outboxEntry.deleteMany({ where: { messageId } });
  }

  purgeOlderThan(before: Date) {
    return this.prisma.outboxEntry.deleteMany({ where: { createdAt: { lt: before } } }).then(({ count }) => count);
  }
}
