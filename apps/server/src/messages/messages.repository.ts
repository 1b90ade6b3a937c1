import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

@Injectable()
export class MessagesRepository {
  constructor(private readonly prisma: PrismaService) {}

  /** Accepting a message for sending and queueing it are one insert: it cannot be accepted and then lost. */
  createOutgoing(data: { accountId: string; connectionId: string; otherAddress: string; body: string; now: Date; deliverBy: Date }) {
    return this.prisma.message.create({
      data: {
        accountId: data.accountId,
        connectionId: data.connectionId,
        otherAddress: data.otherAddress,
        direction: 'out',
        body: data.body,
        state: 'queued',
        nextAttemptAt: data.now,
        deliverBy: data.deliverBy,
        createdAt: data.now,
      },
    });
  }

  /**
   * Stores a received message, spends its nonce and updates the sender's name in one transaction.
   * A nonce already spent on this connection makes the insert fail with a unique violation.
   */
  async storeIncoming(data: { accountId: string; connectionId: string; otherAddress: string; body: string; nonce: string; senderName: string | null; now: Date }) {
    const [, message] = await this.prisma.$transaction([
      this.prisma.usedNonce.create({ data: { connectionId: data.connectionId, nonce: data.nonce, createdAt: data.now } }),
      this.prisma.message.create({
        data: {
          accountId: data.accountId,
          connectionId: data.connectionId,
          otherAddress: data.otherAddress,
          direction: 'in',
          body: data.body,
          state: 'received',
          createdAt: data.now,
        },
      }),
      ...(data.senderName ? [this.prisma.connection.update({ where: { id: data.connectionId }, data: { otherName: data.senderName } })] : []),
    ]);
    return message;
  }

  findForAccount(accountId: string, id: string) {
    return this.prisma.message.findFirst({ where: { id, accountId } });
  }

  /** Newest first; the cursor is the last message of the previous page. */
  listThread(accountId: string, otherAddress: string, limit: number, cursor?: { createdAt: Date; id: string }) {
    return this.prisma.message.findMany({
      where: {
        accountId,
        otherAddress,
        ...(cursor ? { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] } : {}),
      },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }

  purgeUsedNoncesBefore(before: Date) {
    return this.prisma.usedNonce.deleteMany({ where: { createdAt: { lt: before } } }).then(({ count }) => count);
  }
}
