import { Injectable } from '@nestjs/common';
import type { Conversation, MarkReadResult, MessageView, Page } from '@openmsg/core';
import { type CursorPosition, decodeCursor, encodeCursor } from '../common/page-cursor';
import { ConnectionsRepository } from '../connections/connections.repository';
import { contactView } from '../contacts/contact-view';
import { EventBus } from '../events/event-bus';
import { ApiException } from '../http/api-error';
import { messageView } from '../messages/message-view';
import { MessagesRepository } from '../messages/messages.repository';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { ConversationsRepository } from './conversations.repository';

interface ListEntry {
  position: CursorPosition;
  conversation: Conversation;
}

/** A user's conversations (for now one per contact, under its own ID): the inbox list, a thread's pages, and marking read. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly connections: ConnectionsRepository,
    private readonly messages: MessagesRepository,
    private readonly keys: NodeKeysService,
    private readonly events: EventBus,
  ) {}

  /**
   * Most recent first. A user has few contacts next to their messages, so every conversation is
   * summarised in one query and the page is cut here; a conversation with no message yet sorts by
   * when its contact was made, so a new connection shows at the top.
   */
  async list(accountId: string, limit: number, cursor?: string): Promise<Page<Conversation>> {
    const after = decodeCursor(cursor);
    const all = (await this.all(accountId)).sort((a, b) => compareNewestFirst(a.position, b.position)).filter((entry) => !after || compareNewestFirst(entry.position, after) > 0);
    const page = all.slice(0, limit);
    return {
      items: page.map((entry) => entry.conversation),
      nextCursor: all.length > limit && page.length > 0 ? encodeCursor((page.at(-1) as ListEntry).position) : null,
    };
  }

  async get(accountId: string, conversationId: string): Promise<Conversation> {
    const found = (await this.all(accountId)).find((entry) => entry.conversation.id === conversationId);
    if (!found) throw notFound();
    return found.conversation;
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
    const marked = await this.messages.markConversationRead(accountId, conversation.connectionId, new Date());
    if (marked > 0) this.events.emit({ type: 'conversation.read', accountId, contactId: conversation.connectionId, conversationId: conversation.id });
    return { marked };
  }

  private async owned(accountId: string, conversationId: string) {
    const conversation = await this.conversations.findOwned(accountId, conversationId);
    if (!conversation) throw notFound();
    return conversation;
  }

  private async all(accountId: string): Promise<ListEntry[]> {
    const [contacts, summaries] = await Promise.all([this.connections.listForAccount(accountId), this.conversations.summaries(accountId)]);
    const contactOf = new Map(contacts.map((contact) => [contact.id, contact]));
    const lastMessages = new Map(
      (await this.messages.findManyByIds(summaries.flatMap((summary) => (summary.lastMessageId ? [summary.lastMessageId] : [])))).map((message) => [message.id, message]),
    );
    return summaries.flatMap((summary) => {
      const contact = contactOf.get(summary.connectionId);
      if (!contact) return [];
      const last = summary.lastMessageId ? lastMessages.get(summary.lastMessageId) : undefined;
      const updatedAt = last?.createdAt ?? contact.createdAt;
      return [
        {
          position: { createdAt: updatedAt, id: summary.conversationId },
          conversation: {
            id: summary.conversationId,
            contact: contactView(contact),
            lastMessage: last ? messageView(last, (body) => this.keys.openBody(body)) : null,
            unreadCount: summary.unreadCount,
            updatedAt: updatedAt.toISOString(),
          },
        },
      ];
    });
  }
}

function notFound() {
  return new ApiException('not_found', 'conversation not found');
}

/** Negative when `a` comes first (newer, or the same time and a greater ID). */
function compareNewestFirst(a: CursorPosition, b: CursorPosition): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
