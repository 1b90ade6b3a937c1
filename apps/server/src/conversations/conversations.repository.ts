import { Injectable } from '@nestjs/common';
import { type Conversation, preparedQuery, type RowOf, tables } from '@openmsg/db';
import type { CursorPosition } from '../http/page-cursor';
import { DirectSqlService } from '../database/direct-sql.service';
import { PrismaService } from '../database/prisma.service';

/**
 * A conversation as the inbox list shows it: its summary, its contact and its last message (columns
 * prefixed `message`, null when it has none), read by primary key from the summary's reference.
 */
function listed() {
  return tables
    .selectFrom('Conversation as v')
    .innerJoin('Connection as c', 'c.id', 'v.connectionId')
    .leftJoin('Message as m', 'm.id', 'v.lastMessageId')
    .select([
      'v.id as conversationId',
      'v.lastActivityAt',
      'v.unreadCount',
      'v.muted',
      'c.id',
      'c.otherAddress',
      'c.otherName',
      'c.localName',
      'c.blocked',
      'c.otherAcceptsMessages',
      'c.peerForgotAt',
      'c.createdAt',
      'm.id as messageId',
      'm.connectionId as messageConnectionId',
      'm.direction as messageDirection',
      'm.otherAddress as messageOtherAddress',
      'm.body as messageBody',
      'm.state as messageState',
      'm.failureCode as messageFailureCode',
      'm.failureReason as messageFailureReason',
      'm.attempts as messageAttempts',
      'm.createdAt as messageCreatedAt',
      'm.deliveredAt as messageDeliveredAt',
      'm.deliverBy as messageDeliverBy',
      'm.readAt as messageReadAt',
    ]);
}

const firstPage = preparedQuery((p: { accountId: string; limit: number }) =>
  listed()
    .where('v.accountId', '=', p.accountId)
    .orderBy('v.lastActivityAt', 'desc')
    .orderBy('v.id', 'desc')
    .limit(p.limit),
);

const pageAfter = preparedQuery((p: { accountId: string; limit: number; lastActivityAt: Date; id: string }) =>
  listed()
    .where('v.accountId', '=', p.accountId)
    .where((eb) => eb(eb.refTuple('v.lastActivityAt', 'v.id'), '<', eb.tuple(p.lastActivityAt, p.id)))
    .orderBy('v.lastActivityAt', 'desc')
    .orderBy('v.id', 'desc')
    .limit(p.limit),
);

const findListed = preparedQuery((p: { accountId: string; id: string }) =>
  listed().where('v.id', '=', p.id).where('v.accountId', '=', p.accountId),
);

/** A row of the inbox list, as the query reads it. */
export type ListedConversation = RowOf<ReturnType<typeof findListed.with>>;

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
  page(accountId: string, limit: number, after?: CursorPosition): Promise<ListedConversation[]> {
    if (!after) return this.db.query(firstPage.with({ accountId, limit }));
    return this.db.query(pageAfter.with({ accountId, limit, lastActivityAt: after.createdAt, id: after.id }));
  }

  async findListRow(accountId: string, id: string): Promise<ListedConversation | null> {
    const rows = await this.db.query(findListed.with({ accountId, id }));
    return rows[0] ?? null;
  }
}
