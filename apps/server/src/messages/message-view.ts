import type { MessageState, MessageView } from '@openmsg/core';

export interface StoredMessage {
  id: string;
  connectionId: string | null;
  direction: string;
  otherAddress: string;
  body: string;
  state: string;
  failureCode: string | null;
  failureReason: string | null;
  attempts: number;
  createdAt: Date;
  deliveredAt: Date | null;
  readAt: Date | null;
}

/** The client API's view of a stored message; `openBody` undoes the at-rest encryption. */
export function messageView(message: StoredMessage, openBody: (stored: string) => string): MessageView {
  return {
    id: message.id,
    contactId: message.connectionId,
    // Stand-in until conversations have their own table (issue 15): a 1:1 conversation's id is its contact's.
    conversationId: message.connectionId,
    direction: message.direction as 'in' | 'out',
    otherAddress: message.otherAddress,
    text: openBody(message.body),
    state: message.state as MessageState,
    failureCode: message.failureCode,
    failureReason: message.failureReason,
    attempts: message.attempts,
    createdAt: message.createdAt.toISOString(),
    deliveredAt: message.deliveredAt?.toISOString() ?? null,
    readAt: message.readAt?.toISOString() ?? null,
  };
}
