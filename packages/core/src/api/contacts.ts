import { z } from 'zod';
import { MAX_DISPLAY_NAME_LENGTH } from '../display-name';
import { normalizeAddress } from '../address';
import type { Connection } from './generated/models';
import type { ViewOf } from './common';
import type { PeerCapabilities } from './attachments';

/** POST /api/v1/contacts: runs the handshake with the other node. */
export const connectRequestSchema = z.object({
  // Canonical form: `2000*B.Test.` and `2000*b.test` are one address.
  address: z
    .string()
    .trim()
    .max(255)
    .transform(
      (value, ctx) =>
        normalizeAddress(value) ??
        (ctx.addIssue({ code: 'custom', message: 'an address looks like 1234*example.com' }), z.NEVER),
    ),
  passCode: z
    .string()
    .trim()
    .regex(/^[0-9]{6}$/, 'a pass code is 6 digits'),
});
export type ConnectRequest = z.input<typeof connectRequestSchema>;

/** PATCH /api/v1/contacts/:id. A null localName goes back to the name the contact chose. */
export const updateContactRequestSchema = z
  .object({
    localName: z.string().trim().max(MAX_DISPLAY_NAME_LENGTH).nullable().optional(),
    blocked: z.boolean().optional(),
  })
  .refine((body) => body.localName !== undefined || body.blocked !== undefined, 'nothing to change');
export type UpdateContactRequest = z.input<typeof updateContactRequestSchema>;

/** `blocked`: this user refuses their messages (they get SM_E002). */
export interface Contact extends ViewOf<
  Connection,
  'id' | 'otherName' | 'localName' | 'blocked' | 'peerForgotAt' | 'createdAt'
> {
  address: string;
  /** What to show: the local name if set, else the contact's own name, else the address. */
  name: string;
  /** False when the contact allows no replies: sending to them is refused. */
  acceptsMessages: boolean;
  /** The conversation with this contact (GET /api/v1/conversations/:conversationId). */
  conversationId: string;
  /** What their node takes: files, and how long a message can be (the composer follows it). */
  peer: PeerCapabilities;
}

/** GET /api/v1/contacts/search?q=...: contacts whose name or address contains the words (case and accents ignored). */
export const contactSearchQuerySchema = z.object({
  q: z.string().trim().min(1, 'required').max(200),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
export type ContactSearchQuery = z.input<typeof contactSearchQuerySchema>;
