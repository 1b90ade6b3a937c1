import { z } from 'zod';
import type { Message } from './generated/models';
import type { ViewOf } from './common';
import type { AttachmentView } from './attachments';

/**
 * POST /api/v1/messages: `to` is the contact's address; answered at once with the queued message. `attachments`:
 * ids of finished uploads (UPLOADS_PATH) of this account not sent yet, in the order to show them; with files the
 * text (the caption) may be empty.
 */
export const sendMessageRequestSchema = z.object({
  to: z.string().trim().min(1, 'required').max(255),
  text: z.string().max(1_000_000),
  attachments: z.array(z.string().uuid()).max(100).default([]),
  /**
   * Chosen by the client for each message it means to send once (the inbox's outbox): sending again with
   * the same id answers the message already made instead of making another, however many sends race.
   * The same id with another recipient, text or files is refused with `client_id_reused` (409): an id
   * names one message, never silently another.
   */
  clientId: z.string().uuid().optional(),
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

/**
 * Every `failureCode` a message can carry (failed, or queued for another attempt after one failed):
 * the other node's SM_E00x answer; why our call to it failed (`dns`, `connect`, `timeout`,
 * `http_status`, `too_large`, `bad_json`, `redirect`; `refused_target` when the address it resolves
 * to may not be called, such as loopback or a private network); or a local reason. The web inbox
 * has a sentence for each.
 */
export const DELIVERY_FAILURE_CODES = [
  'SM_E000',
  'SM_E001',
  'SM_E002',
  'SM_E003',
  'SM_E004',
  'SM_E005',
  'SM_E006',
  'SM_E007',
  'SM_E008',
  'SM_E009',
  'refused_target',
  'dns',
  'connect',
  'timeout',
  'http_status',
  'too_large',
  'bad_json',
  'redirect',
  'connection_removed',
  'bad_address',
] as const;
export type DeliveryFailureCode = (typeof DELIVERY_FAILURE_CODES)[number];

/** `failureCode`: one of DELIVERY_FAILURE_CODES; `deliverBy`: an outgoing message is attempted until then (null for incoming). */
export interface MessageView extends ViewOf<
  Message,
  | 'id'
  | 'otherAddress'
  | 'failureCode'
  | 'failureReason'
  | 'attempts'
  | 'createdAt'
  | 'deliveredAt'
  | 'readAt'
  | 'deliverBy'
> {
  /** Null once the contact was deleted. */
  contactId: string | null;
  conversationId: string | null;
  direction: 'in' | 'out';
  text: string;
  state: MessageState;
  /** The sender's `clientId` (sendMessageRequestSchema) for an outgoing message sent with one, else null. */
  clientId: string | null;
  /** Its files in order (empty for text only). An outgoing message is fully delivered when its state is
   * `delivered` and each file is `delivered` (or went as a link: `ready` toward a node without files-1). */
  attachments: AttachmentView[];
}
