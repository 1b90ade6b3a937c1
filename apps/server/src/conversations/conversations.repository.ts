import { Injectable } from '@nestjs/common';
import { type Connection, type Conversation, DialectText, type Message, sql } from '@openmsg/db';
import type { CursorPosition } from '../http/page-cursor';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';

/** A conversation as the inbox list shows it: its summary, its contact and its last message (columns prefixed `message`, null when it has none). */
export interface ConversationListRow {
  conversationId: Conversation['id'];
  lastActivityAt: Conversation['lastActivityAt'];
  unreadCount: Conversation['unreadCount'];
  id: Connection['id'];
  otherAddress: Connection['otherAddress'];
  otherName: Connection['otherName'];
  localName: Connection['localName'];
  blocked: Connection['blocked'];
  otherAcceptsMessages: Connection['otherAcceptsMessages'];
  peerForgotAt: Connection['peerForgotAt'];
  createdAt: Connection['createdAt'];
  messageId: Message['id'] | null;
  messageConnectionId: Message['connectionId'];
  messageDirection: Message['direction'] | null;
  messageOtherAddress: Message['otherAddress'] | null;
  messageBody: Message['body'] | null;
  messageState: Message['state'] | null;
  messageFailureCode: Message['failureCode'];
  messageFailureReason: Message['failureReason'];
  messageAttempts: Message['attempts'] | null;
  messageCreatedAt: Message['createdAt'] | null;
  messageDeliveredAt: Message['deliveredAt'];
  messageDeliverBy: Message['deliverBy'];
  messageReadAt: Message['readAt'];
}

const listColumns = `v."id" AS "conversationId", v."lastActivityAt", v."unreadCount",
  c."id", c."otherAddress", c."otherName", c."localName", c."blocked", c."otherAcceptsMessages", c."peerForgotAt", c."createdAt",
  m."id" AS "messageId", m."connectionId" AS "messageConnectionId", m."direction" AS "messageDirection", m."otherAddress" AS "messageOtherAddress",
  m."body" AS "messageBody", m."state" AS "messageState", m."failureCode" AS "messageFailureCode", m."failureReason" AS "messageFailureReason",
  m."attempts" AS "messageAttempts", m."createdAt" AS "messageCreatedAt", m."deliveredAt" AS "messageDeliveredAt", m."deliverBy" AS "messageDeliverBy", m."readAt" AS "messageReadAt"`;
/** The columns of a ConversationListRow: the same text on both databases, part of the statement rather than a bound value. */
const LIST_COLUMNS = new DialectText({ sqlite: listColumns, postgresql: listColumns });

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
   * A page of the account's conversations, most recent first, after `after` (the last one of the
   * previous page): a range scan of the (accountId, lastActivityAt, id) index from its newest end,
   * and for each row its contact and last message by primary key. The messages are not read.
   */
  page(accountId: string, limit: number, after?: CursorPosition): Promise<ConversationListRow[]> {
    if (!after) {
      return this.db.query<ConversationListRow>(sql`
        SELECT ${LIST_COLUMNS} FROM "Conversation" v JOIN "Connection" c ON c."id" = v."connectionId" LEFT JOIN "Message" m ON m."id" = v."lastMessageId"
        WHERE v."accountId" = ${accountId}
        ORDER BY v."lastActivityAt" DESC, v."id" DESC LIMIT ${limit}`);
    }
    return this.db.query<ConversationListRow>(sql`
      SELECT ${LIST_COLUMNS} FROM "Conversation" v JOIN "Connection" c ON c."id" = v."connectionId" LEFT JOIN "Message" m ON m."id" = v."lastMessageId"
      WHERE v."accountId" = ${accountId} AND (v."lastActivityAt", v."id") < (${after.createdAt}, ${after.id})
      ORDER BY v."lastActivityAt" DESC, v."id" DESC LIMIT ${limit}`);
  }

  async findListRow(accountId: string, id: string): Promise<ConversationListRow | null> {
    const rows = await this.db.query<ConversationListRow>(sql`
      SELECT ${LIST_COLUMNS} FROM "Conversation" v JOIN "Connection" c ON c."id" = v."connectionId" LEFT JOIN "Message" m ON m."id" = v."lastMessageId"
      WHERE v."id" = ${id} AND v."accountId" = ${accountId}`);
    return rows[0] ?? null;
  }
}
