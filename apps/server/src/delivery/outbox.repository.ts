import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { PrismaService } from '../database/prisma.service';

/** One row per delivery attempt: what the sender's node vouches for when the receiver calls message-confirm. */
@Injectable()
export class OutboxRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Raw SQL, as on the rest of the per-message path (see MessagesRepository.createOutgoing). */
  async create(data: { messageId: string; messageHash: string; messageNonce: string; createdAt: Date }): Promise<{ id: string }> {
    const id = randomUUID();
    await this.prisma.$executeRaw`
      INSERT INTO "OutboxEntry" ("id", "messageId", "messageHash", "messageNonce", "createdAt")
      VALUES (${id}, ${data.messageId}, ${data.messageHash}, ${data.messageNonce}, ${data.createdAt})`;
    return { id };
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
    return this.prisma.$executeRaw`DELETE FROM "OutboxEntry" WHERE "messageId" = ${messageId}`;
  }

  purgeOlderThan(before: Date) {
    return this.prisma.outboxEntry.deleteMany({ where: { createdAt: { lt: before } } }).then(({ count }) => count);
  }
}
