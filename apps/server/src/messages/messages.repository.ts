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

  purgeUsedNoncesBefore(before: Date) {
    return this.prisma.usedNonce.deleteMany({ where: { createdAt: { lt: before } } }).then(({ count }) => count);
  }

  /** A thread page, newest first: the (connectionId, createdAt, id) index serves it from the newest end. */
  listByConnection(connectionId: string, limit: number, before?: MessagePosition) {
    return this.prisma.message.findMany({
      where: { connectionId, ...olderThan(before) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }

  /** A batch of the account's messages, newest first, for a search to scan. */
  listForAccount(accountId: string, limit: number, before?: MessagePosition) {
    return this.prisma.message.findMany({
      where: { accountId, ...olderThan(before) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
  }

  findManyByIds(ids: string[]) {
    return ids.length === 0 ? Promise.resolve([]) : this.prisma.message.findMany({ where: { id: { in: ids } } });
  }

  markConversationRead(accountId: string, connectionId: string, at: Date) {
    return this.prisma.message
      .updateMany({ where: { accountId, connectionId, direction: 'in', readAt: null }, data: { readAt: at } })
      .then(({ count }) => count);
  }

  deleteOwned(accountId: string, id: string) {
    return this.prisma.message.deleteMany({ where: { id, accountId } }).then(({ count }) => count === 1);
  }
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
