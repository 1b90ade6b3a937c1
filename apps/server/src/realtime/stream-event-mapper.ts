import { Injectable } from '@nestjs/common';
import type { StreamEvent } from '@openmsg/core';
import { ConnectionsRepository } from '../connections/connections.repository';
import { contactView } from '../contacts/contact-view';
import type { AccountEvent } from '../events/node-events';
import { messageView } from '../messages/message-view';
import { MessagesRepository } from '../messages/messages.repository';
import { NodeKeysService } from '../node-keys/node-keys.service';

/** Turns an internal event (IDs only) into what a signed-in user's stream carries (the current views). */
@Injectable()
export class StreamEventMapper {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly connections: ConnectionsRepository,
    private readonly keys: NodeKeysService,
  ) {}

  async map(event: AccountEvent): Promise<StreamEvent | null> {
    switch (event.type) {
      case 'message.received':
      case 'message.state': {
        const row = await this.messages.findForAccount(event.accountId, event.messageId);
        if (!row) return null;
        const message = messageView(row, (body) => this.keys.openBody(body));
        return { type: event.type === 'message.received' ? 'message.created' : 'message.updated', message };
      }
      case 'message.deleted':
        return { type: 'message.deleted', messageId: event.messageId, contactId: event.connectionId, conversationId: event.conversationId };
      case 'conversation.read':
        return { type: 'conversation.read', contactId: event.connectionId, conversationId: event.conversationId };
      case 'connection.changed': {
        const row = await this.connections.findOwned(event.accountId, event.connectionId);
        return row ? { type: 'contact.updated', contact: contactView(row) } : null;
      }
      case 'connection.deleted':
        return { type: 'contact.deleted', contactId: event.connectionId };
    }
  }
}
