import { z } from 'zod';
import { DISPLAY_NAME_RULE, isValidDisplayName } from '../display-name';
import type { Account, ApiToken } from './generated/models';
import type { ViewOf } from './common';
import type { AccountRole } from './admin';

import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from './password-rules';

export { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH };

const displayName = z.string().trim().refine(isValidDisplayName, DISPLAY_NAME_RULE);
const password = z
  .string()
  .min(MIN_PASSWORD_LENGTH, `at least ${MIN_PASSWORD_LENGTH} characters`)
  .max(MAX_PASSWORD_LENGTH, `at most ${MAX_PASSWORD_LENGTH} characters`);

/** POST /api/v1/auth/register. `addressId` is the number before `*`: picked if free, else random. */
export const registerRequestSchema = z.object({
  addressId: z
    .string()
    .trim()
    .regex(/^[0-9]{1,32}$/, '1-32 digits')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  displayName,
  password,
  invitationCode: z.string().trim().max(100).optional(),
});
export type RegisterRequest = z.input<typeof registerRequestSchema>;

/** POST /api/v1/auth/login: `address` is the full address (1234*example.com) or just the number. */
export const loginRequestSchema = z.object({
  address: z.string().trim().min(1, 'required').max(255),
  password: z.string().min(1, 'required').max(MAX_PASSWORD_LENGTH),
});
export type LoginRequest = z.input<typeof loginRequestSchema>;

/** PATCH /api/v1/me */
export const updateProfileRequestSchema = z
  .object({ displayName: displayName.optional(), allowReplies: z.boolean().optional() })
  .refine((body) => body.displayName !== undefined || body.allowReplies !== undefined, 'nothing to change');
export type UpdateProfileRequest = z.input<typeof updateProfileRequestSchema>;

/** POST /api/v1/me/password: other sessions are signed out and every access token is revoked. */
export const changePasswordRequestSchema = z.object({
  currentPassword: z.string().min(1, 'required').max(MAX_PASSWORD_LENGTH),
  newPassword: password,
});
export type ChangePasswordRequest = z.input<typeof changePasswordRequestSchema>;

/** The answer of POST /api/v1/me/password (and of the admin CLI's reset-password). */
export interface ChangePasswordResponse {
  /** How many personal access tokens the new password revoked. */
  revokedTokens: number;
}

/** GET /api/v1/me, and the answer of register and login. */
export interface Me extends ViewOf<Account, 'id' | 'addressId' | 'displayName' | 'allowReplies' | 'createdAt'> {
  /** addressId*domain */
  address: string;
  /** `admin` sees the admin console. */
  role: AccountRole;
}

/** POST /api/v1/tokens */
export const createTokenRequestSchema = z.object({ name: z.string().trim().min(1, 'required').max(80) });
export type CreateTokenRequest = z.input<typeof createTokenRequestSchema>;

export interface ApiTokenView extends ViewOf<ApiToken, 'id' | 'name' | 'createdAt' | 'lastUsedAt'> {}

/** The token itself is in this answer only; it is never shown again. */
export interface CreatedApiToken extends ApiTokenView {
  token: string;
}

/** POST /api/v1/me/delete: the account's password, so a borrowed session alone cannot delete it. */
export const deleteAccountRequestSchema = z.object({
  password: z.string().min(1, 'required').max(MAX_PASSWORD_LENGTH),
});
export type DeleteAccountRequest = z.input<typeof deleteAccountRequestSchema>;
