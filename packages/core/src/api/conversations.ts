import type { IsoDate } from './common';
import type { Contact } from './contacts';
import type { MessageView } from './messages';

/** GET /api/v1/conversations: one per contact with messages, most recent first. */
export interface Conversation {
  /** Its own id, not the contact's: group conversations can come later without changing clients. */
  id: string;
  contact: Contact;
  lastMessage: MessageView | null;
  unreadCount: number;
  /** No push notifications for it (PATCH .../mute). */
  muted: boolean;
  updatedAt: IsoDate;
}

/** POST /api/v1/conversations/:conversationId/read */
export interface MarkReadResult {
  marked: number;
}
