import { Injectable } from '@nestjs/common';
import { PrismaService } from '../database/prisma.service';
import { AttachmentsRepository } from '../files/attachments.repository';
import type { StoredMessage } from './message-view';

/** Reading messages (writing them: MessageWritingRepository), and the purge of spent nonces. */
@Injectable()
export class MessagesRepository {
  constructor(
    private readonly prisma: PrismaService,
    private readonly attachments: AttachmentsRepository,
  ) {}

  async findForAccount(accountId: string, id: string) {
    const row = await this.prisma.message.findFirst({ where: { id, accountId }, include: WITH_CONVERSATION });
    return row && (await this.withAttachments([withConversationId(row)]))[0]!;
  }

  /** The account's message sent with this client-chosen id (unique per account), if any. */
  async findByClientId(accountId: string, clientId: string) {
    const row = await this.prisma.message.findFirst({ where: { accountId, clientId }, include: WITH_CONVERSATION });
    return row && (await this.withAttachments([withConversationId(row)]))[0]!;
  }

  /** The messages with their files: one query for the whole page, not one per message. */
  async withAttachments<M extends { id: string }>(
    messages: M[],
  ): Promise<Array<M & Pick<StoredMessage, 'attachments'>>> {
    const files = await this.attachments.listForMessages(messages.map((message) => message.id));
    if (files.length === 0) return messages;
    const byMessage = new Map<string | null, typeof files>();
    for (const file of files) {
      const listed = byMessage.get(file.messageId);
      if (listed) listed.push(file);
      else byMessage.set(file.messageId, [file]);
    }
    return messages.map((message) => ({ ...message, attachments: byMessage.get(message.id) ?? [] }));
  }

  purgeUsedNoncesBefore(before: Date) {
    return this.prisma.usedNonce.deleteMany({ where: { createdAt: { lt: before } } }).then(({ count }) => count);
  }

  /** A page of a 1:1 conversation, newest first: the (connectionId, createdAt, id) index serves it from the newest end. */
  async listByConversation(
    conversation: { id: string; connectionId: string },
    limit: number,
    before?: MessagePosition,
  ): Promise<StoredMessage[]> {
    const rows = await this.prisma.message.findMany({
      where: { connectionId: conversation.connectionId, ...olderThan(before) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
    });
    return this.withAttachments(rows.map((row) => ({ ...row, conversationId: conversation.id })));
  }

  /** A batch of the account's messages, newest first, with their files (one more query per batch), for a search to scan. */
  async listForAccount(accountId: string, limit: number, before?: MessagePosition) {
    const rows = await this.prisma.message.findMany({
      where: { accountId, ...olderThan(before) },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: limit,
      include: WITH_CONVERSATION,
    });
    return this.withAttachments(rows.map(withConversationId));
  }
}

const WITH_CONVERSATION = { connection: { select: { conversation: { select: { id: true } } } } } as const;

function withConversationId<T extends { connection: { conversation: { id: string } | null } | null }>(
  row: T,
): Omit<T, 'connection'> & { conversationId: string | null } {
  const { connection, ...message } = row;
  return { ...message, conversationId: connection?.conversation?.id ?? null };
}

/** Where a page ends: messages sort by creation time, ties broken by ID. */
export interface MessagePosition {
  createdAt: Date;
  id: string;
}

function olderThan(position?: MessagePosition) {
  if (!position) return {};
  return {
    OR: [{ createdAt: { lt: position.createdAt } }, { createdAt: position.createdAt, id: { lt: position.id } }],
  };
}
