import { Injectable } from '@nestjs/common';
import type { Conversation, MarkReadResult, MessageView, Page, PeerCapabilities } from '@openmsg/core';
import { decodeCursor, encodeCursor } from '../http/page-cursor';
import { contactView } from '../contacts/contact-view';
import { ApiException } from '../http/api-error';
import { messageView, type StoredMessage } from '../messages/message-view';
import { MessageWriter } from '../messages/message-writer.service';
import { MessagesRepository } from '../messages/messages.repository';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { PeerExtensionsService } from '../peer-extensions/peer-extensions.service';
import { ConversationsRepository, type ListedConversation } from './conversations.repository';

/** A user's conversations (for now one per contact, under its own ID): the inbox list, a thread's pages, and marking read. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly messages: MessagesRepository,
    private readonly writer: MessageWriter,
    private readonly keys: NodeKeysService,
    private readonly extensions: PeerExtensionsService,
  ) {}

  /**
   * Most recent first (by the last message, or for a conversation without one when it was made, so
   * that a new contact shows at the top); a page reads only its own rows' summaries (see
   * MessageWritingRepository), however many conversations the user has.
   */
  async list(accountId: string, limit: number, cursor?: string): Promise<Page<Conversation>> {
    const rows = await this.conversations.page(accountId, limit + 1, decodeCursor(cursor));
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    const peers = await this.extensions.capabilitiesOfMany(page.map((row) => row.otherAddress));
    return {
      items: await this.views(page, (row) => peers.get(row.otherAddress)!),
      nextCursor:
        rows.length > limit && last ? encodeCursor({ createdAt: last.lastActivityAt, id: last.conversationId }) : null,
    };
  }

  async get(accountId: string, conversationId: string): Promise<Conversation> {
    const row = await this.conversations.findListRow(accountId, conversationId);
    if (!row) throw notFound();
    const peer = await this.extensions.capabilitiesOf(row.otherAddress);
    return (await this.views([row], () => peer))[0]!;
  }

  /** A page of the conversation's messages, newest first. */
  async thread(accountId: string, conversationId: string, limit: number, cursor?: string): Promise<Page<MessageView>> {
    const conversation = await this.owned(accountId, conversationId);
    const rows = await this.messages.listByConversation(conversation, limit + 1, decodeCursor(cursor));
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => messageView(row, (body) => this.keys.openBody(body))),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  async markRead(accountId: string, conversationId: string): Promise<MarkReadResult> {
    const conversation = await this.owned(accountId, conversationId);
    return { marked: await this.writer.markConversationRead(accountId, conversation) };
  }

  private async owned(accountId: string, conversationId: string) {
    const conversation = await this.conversations.findOwned(accountId, conversationId);
    if (!conversation) throw notFound();
    return conversation;
  }

  /** The rows' views, their last messages with their files (one query for the page). */
  private async views(
    rows: ListedConversation[],
    peerOf: (row: ListedConversation) => PeerCapabilities,
  ): Promise<Conversation[]> {
    const lastMessages = await this.messages.withAttachments(rows.flatMap((row) => lastMessageOf(row) ?? []));
    const byId = new Map(lastMessages.map((message) => [message.id, message]));
    return rows.map((row) =>
      this.view(row, peerOf(row), row.messageId === null ? null : (byId.get(row.messageId) ?? null)),
    );
  }

  private view(row: ListedConversation, peer: PeerCapabilities, lastMessage: StoredMessage | null): Conversation {
    return {
      id: row.conversationId,
      contact: contactView(row, peer),
      lastMessage: lastMessage && messageView(lastMessage, (body) => this.keys.openBody(body)),
      unreadCount: row.unreadCount,
      muted: row.muted,
      updatedAt: row.lastActivityAt.toISOString(),
    };
  }
}

function notFound() {
  return new ApiException('not_found', 'conversation not found');
}

/** The last message's columns of a list row; null when the conversation has none (the LEFT JOIN found no row: its NOT NULL columns are null). */
function lastMessageOf(row: ListedConversation): StoredMessage | null {
  const {
    messageId: id,
    messageDirection: direction,
    messageOtherAddress: otherAddress,
    messageBody: body,
    messageState: state,
  } = row;
  const { messageAttempts: attempts, messageCreatedAt: createdAt } = row;
  if (
    id === null ||
    direction === null ||
    otherAddress === null ||
    body === null ||
    state === null ||
    attempts === null ||
    createdAt === null
  )
    return null;
  return {
    id,
    conversationId: row.conversationId,
    connectionId: row.messageConnectionId,
    direction,
    otherAddress,
    body,
    state,
    failureCode: row.messageFailureCode,
    failureReason: row.messageFailureReason,
    attempts,
    createdAt,
    deliveredAt: row.messageDeliveredAt,
    deliverBy: row.messageDeliverBy,
    readAt: row.messageReadAt,
  };
}
