import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import type { StoredMessage } from '../messages/message-view';

/** Where an export page ends: messages go oldest first, by creation time, ties broken by ID. */
export interface ExportPosition {
  createdAt: Date;
  id: string;
}

/** Where a page of files ends: by message, then by file. */
export interface ExportFilePosition {
  messageId: string;
  id: string;
}

/** A file the account holds whole: sent (uploaded, whatever the other node did) or received with its hash verified. */
export interface ExportableFile {
  id: string;
  messageId: string;
  name: string;
  contentType: string;
  size: number;
  sha256: string | null;
  fileKey: string;
  chunkSize: number;
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

  /** The account's whole files, a page at a time, by message then id (the files of one message come together). */
  async filesAfter(accountId: string, limit: number, after?: ExportFilePosition): Promise<ExportableFile[]> {
    const rows = await this.prisma.attachment.findMany({
      where: {
        accountId,
        messageId: after ? { gte: after.messageId } : { not: null },
        OR: [{ state: { in: ['ready', 'delivered', 'stored'] } }, { state: 'refused', message: { direction: 'out' } }],
        ...(after ? { NOT: { messageId: after.messageId, id: { lte: after.id } } } : {}),
      },
      orderBy: [{ messageId: 'asc' }, { id: 'asc' }],
      take: limit,
      select: {
        id: true,
        messageId: true,
        name: true,
        contentType: true,
        size: true,
        sha256: true,
        fileKey: true,
        chunkSize: true,
      },
    });
    return rows.flatMap(({ messageId, ...file }) => (messageId ? [{ ...file, messageId }] : []));
  }
}
