import { Injectable, NotFoundException } from '@nestjs/common';
import type { Conversation, MarkReadResult, MessageView, Page } from '@openmsg/core';
import { type CursorPosition, decodeCursor, encodeCursor } from '../common/page-cursor';
import { ConnectionsRepository } from '../connections/connections.repository';
import { contactView } from '../contacts/contact-view';
import { NodeEvents } from '../events/node-events';
import { messageView } from '../messages/message-view';
import { MessagesRepository } from '../messages/messages.repository';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { ConversationsRepository } from './conversations.repository';

/** One conversation per contact: the inbox list, a thread's pages, and marking read. */
@Injectable()
export class ConversationsService {
  constructor(
    private readonly conversations: ConversationsRepository,
    private readonly connections: ConnectionsRepository,
    private readonly messages: MessagesRepository,
    private readonly keys: NodeKeysService,
    private readonly events: NodeEvents,
  ) {}

  /**
   * Most recent first. A user has few contacts next to their messages, so every contact is
   * summarised in one query and the page is cut here; a contact with no message yet sorts by when
   * it was made, so a new connection shows at the top.
   */
  async list(accountId: string, limit: number, cursor?: string): Promise<Page<Conversation>> {
    const after = decodeCursor(cursor);
    const [contacts, summaries] = await Promise.all([this.connections.listForAccount(accountId), this.conversations.summaries(accountId)]);
    const summaryOf = new Map(summaries.map((summary) => [summary.connectionId, summary]));
    const lastMessages = new Map(
      (await this.messages.findManyByIds(summaries.flatMap((summary) => (summary.lastMessageId ? [summary.lastMessageId] : [])))).map((message) => [message.id, message]),
    );
    const all = contacts
      .map((contact) => {
        const summary = summaryOf.get(contact.id);
        const last = summary?.lastMessageId ? lastMessages.get(summary.lastMessageId) : undefined;
        return { position: { createdAt: last?.createdAt ?? contact.createdAt, id: contact.id }, contact, last, unreadCount: summary?.unreadCount ?? 0 };
      })
      .sort((a, b) => compareNewestFirst(a.position, b.position))
      .filter((entry) => !after || compareNewestFirst(entry.position, after) > 0);
    const page = all.slice(0, limit);
    return {
      items: page.map((entry) => ({
        // Stand-in until conversations have their own table (issue 15): a 1:1 conversation's id is its contact's.
        id: entry.contact.id,
        contact: contactView(entry.contact),
        lastMessage: entry.last ? messageView(entry.last, (body) => this.keys.openBody(body)) : null,
        unreadCount: entry.unreadCount,
        updatedAt: entry.position.createdAt.toISOString(),
      })),
      nextCursor: all.length > limit && page.length > 0 ? encodeCursor((page.at(-1) as (typeof page)[number]).position) : null,
    };
  }

  /** A page of the thread with one contact, newest first. */
  async thread(accountId: string, contactId: string, limit: number, cursor?: string): Promise<Page<MessageView>> {
    await this.ownedContact(accountId, contactId);
    const rows = await this.messages.listByConnection(contactId, limit + 1, decodeCursor(cursor));
    const page = rows.slice(0, limit);
    const last = page.at(-1);
    return {
      items: page.map((row) => messageView(row, (body) => this.keys.openBody(body))),
      nextCursor: rows.length > limit && last ? encodeCursor(last) : null,
    };
  }

  async markRead(accountId: string, contactId: string): Promise<MarkReadResult> {
    await this.ownedContact(accountId, contactId);
    const marked = await this.messages.markConversationRead(accountId, contactId, new Date());
    if (marked > 0) this.events.emit({ type: 'conversation.read', accountId, connectionId: contactId });
    return { marked };
  }

  private async ownedContact(accountId: string, contactId: string) {
    const contact = await this.connections.findOwned(accountId, contactId);
    if (!contact) throw new NotFoundException({ error: 'not_found', message: 'conversation not found' });
    return contact;
  }
}

/** Negative when `a` comes first (newer, or the same time and a greater ID). */
function compareNewestFirst(a: CursorPosition, b: CursorPosition): number {
  return b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}
