import { Injectable } from '@nestjs/common';
import type { StreamEvent } from '@openmsg/core';
import { ConnectionsRepository } from '../connections/connections.repository';
import { contactView } from '../contacts/contact-view';
import type { AccountEvent } from '../events/event-bus';
import { messageView } from '../messages/message-view';
import { MessagesRepository } from '../messages/messages.repository';
import { NodeKeysService } from '../node-keys/node-keys.service';
import { PeerExtensionsService } from '../peer-extensions/peer-extensions.service';

/** Turns an internal event (IDs only) into what a signed-in user's stream carries (the current views). */
@Injectable()
export class StreamEventMapper {
  constructor(
    private readonly messages: MessagesRepository,
    private readonly connections: ConnectionsRepository,
    private readonly keys: NodeKeysService,
    private readonly extensions: PeerExtensionsService,
  ) {}

  async map(event: AccountEvent): Promise<StreamEvent | null> {
    switch (event.type) {
      case 'message.created':
      case 'message.updated': {
        const row = await this.messages.findForAccount(event.accountId, event.messageId);
        if (!row) return null;
        return { type: event.type, message: messageView(row, (body) => this.keys.openBody(body)) };
      }
      case 'contact.updated': {
        const row = await this.connections.findOwned(event.accountId, event.contactId);
        if (!row) return null;
        return {
          type: 'contact.updated',
          contact: contactView(row, await this.extensions.capabilitiesOf(row.otherAddress)),
        };
      }
      case 'message.deleted':
      case 'conversation.read':
      case 'contact.deleted':
      case 'attachment.progress': {
        const { accountId: _accountId, ...streamEvent } = event;
        return streamEvent;
      }
    }
  }
}
