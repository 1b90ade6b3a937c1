import type { MessageState, MessageView } from '@openmsg/core';
import type { Conversation, Message } from '@openmsg/db';
import type { StoredAttachment } from '../files/attachments.repository';
import { attachmentView } from '../files/attachment-view';

/** What a view needs of a stored message. */
export type StoredMessage = Pick<
  Message,
  | 'id'
  | 'connectionId'
  | 'direction'
  | 'otherAddress'
  | 'body'
  | 'state'
  | 'failureCode'
  | 'failureReason'
  | 'attempts'
  | 'createdAt'
  | 'deliveredAt'
  | 'readAt'
  | 'deliverBy'
> & {
  /** The conversation of its connection; null once the contact was deleted. */
  conversationId: Conversation['id'] | null;
  /** The sender's id for an outgoing message (Message.clientId); left out by reads that do not need it. */
  clientId?: Message['clientId'];
  /** Its files in order, as MessagesRepository reads them with the page (none when left out: a text-only message). */
  attachments?: StoredAttachment[];
};

const MESSAGE_STATES: readonly MessageState[] = ['received', 'queued', 'sending', 'delivered', 'failed'];

/** The column is a string (SQLite has no enums); only the repositories write it, with one of these. */
function messageState(state: string): MessageState {
  const known = MESSAGE_STATES.find((candidate) => candidate === state);
  if (!known) throw new Error(`unknown message state in the database: ${state}`);
  return known;
}

/** The client API's view of a stored message; `openBody` undoes the at-rest encryption. */
export function messageView(message: StoredMessage, openBody: (stored: string) => string): MessageView {
  return {
    id: message.id,
    contactId: message.connectionId,
    conversationId: message.conversationId,
    direction: message.direction === 'in' ? 'in' : 'out',
    otherAddress: message.otherAddress,
    text: openBody(message.body),
    state: messageState(message.state),
    failureCode: message.failureCode,
    failureReason: message.failureReason,
    attempts: message.attempts,
    createdAt: message.createdAt.toISOString(),
    deliveredAt: message.deliveredAt?.toISOString() ?? null,
    readAt: message.readAt?.toISOString() ?? null,
    deliverBy: message.deliverBy?.toISOString() ?? null,
    clientId: message.clientId ?? null,
    attachments: (message.attachments ?? []).map(attachmentView),
  };
}
