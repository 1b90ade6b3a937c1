import { z } from 'zod';
import type { PassCode } from './generated/models';
import type { ViewOf } from './common';

/** POST /api/v1/passcodes: the note reminds the user whom the code was for. */
export const createPassCodeRequestSchema = z.object({ note: z.string().trim().max(200).optional() });
export type CreatePassCodeRequest = z.input<typeof createPassCodeRequestSchema>;

export interface PassCodeView extends ViewOf<PassCode, 'id' | 'note' | 'createdAt' | 'expiresAt'> {}

/** The code itself is in this answer only; the node keeps just a digest. */
export interface CreatedPassCode extends PassCodeView {
  code: string;
  /** The user's own address, to share with the code. */
  address: string;
}

/** GET /api/v1/passcodes: the open codes and how often someone tried a wrong code on this user. */
export interface PassCodeList {
  items: PassCodeView[];
  failedAttempts: { lastDay: number; lastWeek: number };
}
