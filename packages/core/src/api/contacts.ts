import { z } from 'zod';
import { MAX_DISPLAY_NAME_LENGTH } from '../display-name';
import { normalizeAddress } from '../address';
import type { IsoDate } from './common';

/** POST /api/v1/contacts: runs the handshake with the other node. */
export const connectRequestSchema = z.object({
  // Canonical form: `2000*B.Test.` and `2000*b.test` are one address.
  address: z
    .string()
    .trim()
    .max(255)
    .transform((value, ctx) => normalizeAddress(value) ?? (ctx.addIssue({ code: 'custom', message: 'an address looks like 1234*example.com' }), z.NEVER)),
  passCode: z.string().trim().regex(/^[0-9]{6}$/, 'a pass code is 6 digits'),
});
export type ConnectRequest = z.input<typeof connectRequestSchema>;

/**
 * The `error` of a refused connect: what the UI explains to the user. `callback_failed`: their node
 * could not reach this one to confirm (the pass code is still valid); `refused`: the code was not
 * accepted; `unreachable`: their node could not be reached; `too_many_attempts`: this user failed
 * too many connects lately.
 */
export type ConnectErrorCode =
  | 'malformed_address'
  | 'malformed_pass_code'
  | 'self'
  | 'unreachable'
  | 'callback_failed'
  | 'refused'
  | 'bad_answer'
  | 'ident_conflict'
  | 'too_many_attempts';

/** PATCH /api/v1/contacts/:id. A null localName goes back to the name the contact chose. */
export const updateContactRequestSchema = z
  .object({
    localName: z.string().trim().max(MAX_DISPLAY_NAME_LENGTH).nullable().optional(),
    blocked: z.boolean().optional(),
  })
  .refine((body) => body.localName !== undefined || body.blocked !== undefined, 'nothing to change');
export type UpdateContactRequest = z.input<typeof updateContactRequestSchema>;

export interface Contact {
  id: string;
  address: string;
  /** What to show: the local name if set, else the contact's own name, else the address. */
  name: string;
  otherName: string | null;
  localName: string | null;
  /** This user refuses their messages (they get SM_E002). */
  blocked: boolean;
  /** False when the contact allows no replies: sending to them is refused. */
  acceptsMessages: boolean;
  createdAt: IsoDate;
}
