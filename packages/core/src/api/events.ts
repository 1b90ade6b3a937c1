import type { Contact } from './contacts';
import type { MessageView } from './messages';

/**
 * GET /api/v1/events (Server-Sent Events). Each event's `event:` field is the `type` below and its
 * `data:` the JSON of the whole object. A `: heartbeat` comment comes every 15 s.
 */
export type StreamEvent =
  | { type: 'message.created'; message: MessageView }
  | { type: 'message.updated'; message: MessageView }
  | { type: 'message.deleted'; messageId: string; contactId: string | null; conversationId: string | null }
  | { type: 'conversation.read'; contactId: string; conversationId: string }
  | { type: 'contact.updated'; contact: Contact }
  | { type: 'contact.deleted'; contactId: string }
  /** A file's transfer moved on (at most a few times a second per file): `progressBytes` as in AttachmentView. */
  | {
      type: 'attachment.progress';
      attachmentId: string;
      messageId: string;
      conversationId: string | null;
      progressBytes: number;
    };

/** Every stream event type, for listening to each (a new type above fails the typecheck here until it is listed). */
export const STREAM_EVENT_TYPES = Object.keys({
  'message.created': true,
  'message.updated': true,
  'message.deleted': true,
  'conversation.read': true,
  'contact.updated': true,
  'contact.deleted': true,
  'attachment.progress': true,
} satisfies Record<StreamEvent['type'], true>) as StreamEvent['type'][];
