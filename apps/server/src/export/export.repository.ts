import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { StoredMessage } from '../messages/message-view';

/** Where an export page ends: messages go oldest first, by creation time, ties broken by ID. */
export interface ExportPosition {
  createdAt: Date;
  id: string;
}

/** The account's messages page by page, oldest first, on the (accountId, createdAt) index: never all at once. */
@Injectable()
export class ExportRepository {
  constructor(private readonly prisma: PrismaService) {}

  async messagesAfter(accountId: string, limit: number, after?: ExportPosition): Promise<StoredMessage[]> {
    const rows = await this.prisma.message.findMany({
      where: {
        accountId,
        ...(after
          ? { OR: [{ createdAt: { gt: after.createdAt } }, { createdAt: after.createdAt, id: { gt: after.id } }] }
          : {}),
      },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
      take: limit,
      select: {
        id: true,
        connectionId: true,
        direction: true,
        otherAddress: true,
        body: true,
        state: true,
        failureCode: true,
        failureReason: true,
        attempts: true,
        createdAt: true,
        deliveredAt: true,
        deliverBy: true,
        readAt: true,
        connection: { select: { conversation: { select: { id: true } } } },
      },
    });
    return rows.map(({ connection, ...message }) => ({
      ...message,
      conversationId: connection?.conversation?.id ?? null,
    }));
  }
}
