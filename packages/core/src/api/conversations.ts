import type { IsoDate } from './common';
import type { Contact } from './contacts';
import type { MessageView } from './messages';

/** GET /api/v1/conversations: one per contact with messages, most recent first. */
export interface Conversation {
  contact: Contact;
  lastMessage: MessageView | null;
  unreadCount: number;
  updatedAt: IsoDate;
}

/** POST /api/v1/conversations/:contactId/read */
export interface MarkReadResult {
  marked: number;
}
