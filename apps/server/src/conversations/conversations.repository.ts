import { Injectable } from '@nestjs/common';
import { type Conversation, type Message, sql } from '@openmsg/db';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';

export type ConversationSummaryRow = Pick<Conversation, 'connectionId'> & {
  conversationId: Conversation['id'];
  lastMessageId: Message['id'] | null;
  unreadCount: number;
};

@Injectable()
export class ConversationsRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly db: DirectSqlService,
  ) {}

  /** A conversation only when it belongs to the account: another user's ID reads as not found. */
  findOwned(accountId: string, id: string): Promise<Pick<Conversation, 'id' | 'connectionId'> | null> {
    return this.prisma.conversation.findFirst({ where: { id, accountId }, select: { id: true, connectionId: true } });
  }

  /**
   * Each conversation's newest message and unread count in one statement. Both subqueries are index
   * range scans: (connectionId, createdAt, id) read from its newest end, and (connectionId,
   * direction, readAt) over the unread incoming rows only.
   */
  summaries(accountId: string): Promise<ConversationSummaryRow[]> {
    return this.db.query<ConversationSummaryRow>(sql`
      SELECT v."id" AS "conversationId", v."connectionId",
        (SELECT m."id" FROM "Message" m WHERE m."connectionId" = v."connectionId" ORDER BY m."createdAt" DESC, m."id" DESC LIMIT 1) AS "lastMessageId",
        (SELECT CAST(COUNT(*) AS INTEGER) FROM "Message" m WHERE m."connectionId" = v."connectionId" AND m."direction" = 'in' AND m."readAt" IS NULL) AS "unreadCount"
      FROM "Conversation" v
      WHERE v."accountId" = ${accountId}`);
  }
}
