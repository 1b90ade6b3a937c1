import { z } from 'zod';
import type { Message } from '@openmsg/db';
import type { ViewOf } from './common';

/** POST /api/v1/messages: `to` is the contact's address; answered at once with the queued message. */
export const sendMessageRequestSchema = z.object({
  to: z.string().trim().min(1, 'required').max(255),
  text: z.string().max(1_000_000),
});
export type SendMessageRequest = z.input<typeof sendMessageRequestSchema>;

/** GET /api/v1/messages/search?q=... */
export const searchQuerySchema = z.object({
  q: z.string().trim().min(1, 'required').max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});
export type SearchQuery = z.input<typeof searchQuerySchema>;

/** Incoming messages are `received`; outgoing ones go queued -> sending -> delivered | failed (and back to queued on retry). */
export type MessageState = 'received' | 'queued' | 'sending' | 'delivered' | 'failed';

/** `failureCode`: SM_E00x from the other node, or a local code such as `expired` or `unreachable`. */
export interface MessageView extends ViewOf<Message, 'id' | 'otherAddress' | 'failureCode' | 'failureReason' | 'attempts' | 'createdAt' | 'deliveredAt' | 'readAt'> {
  /** Null once the contact was deleted. */
  contactId: string | null;
  conversationId: string | null;
  direction: 'in' | 'out';
  text: string;
  state: MessageState;
}
