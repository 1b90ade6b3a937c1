import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';

export interface ConversationSummaryRow {
  connectionId: string;
  lastMessageId: string | null;
  unreadCount: number;
}

@Injectable()
export class ConversationsRepository {
  constructor(private readonly prisma: PrismaService) {}

  /**
   * Each contact's newest message and unread count in one statement. Both subqueries are index range
   * scans: (connectionId, createdAt, id) read from its newest end, and (connectionId, direction,
   * readAt) over the unread incoming rows only.
   */
  async summaries(accountId: string): Promise<ConversationSummaryRow[]> {
    const rows = await this.prisma.$queryRaw<Array<{ connectionId: string; lastMessageId: string | null; unreadCount: bigint | number }>>`
      SELECT c."id" AS "connectionId",
        (SELECT m."id" FROM "Message" m WHERE m."connectionId" = c."id" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1) AS "lastMessageId",
        (SELECT COUNT(*) FROM "Message" m WHERE m."connectionId" = c."id" AND m."direction" = 'in' AND m."readAt" IS NULL) AS "unreadCount"
      FROM "Connection" c
      WHERE c."accountId" = ${accountId}`;
    return rows.map((row) => ({ connectionId: row.connectionId, lastMessageId: row.lastMessageId, unreadCount: Number(row.unreadCount) }));
  }
}
