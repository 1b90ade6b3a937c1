import { z } from 'zod';
import {
  addressField,
  addressIdField,
  allowRepliesField,
  hex64Field,
  passCodeField,
  peerNameField,
  versionField,
} from './fields';
import { parseWireBody } from './validate';

/** POST /openmsg/auth/ — the initiator's node asks the receiver's node to spend a pass code. */
export const authRequestSchema = z.object({
  receiving_openmsg_address_id: addressIdField,
  pass_code: passCodeField,
  sending_openmsg_address: addressField,
  sending_openmsg_address_name: peerNameField,
  sending_allow_replies: allowRepliesField,
  openmsg_version: versionField,
});
export type AuthRequest = z.output<typeof authRequestSchema>;
export const AUTH_REQUIRED_FIELDS = [
  'receiving_openmsg_address_id',
  'pass_code',
  'sending_openmsg_address',
  'sending_openmsg_address_name',
] as const;

export function parseAuthRequest(body: unknown) {
  return parseWireBody(authRequestSchema, AUTH_REQUIRED_FIELDS, body);
}

/** What a node sends to /auth/. `sending_allow_replies` is `true` or the number 0: the reference crashes on `false`. */
export interface AuthRequestBody {
  receiving_openmsg_address_id: string;
  pass_code: string;
  sending_openmsg_address: string;
  sending_openmsg_address_name: string;
  sending_allow_replies: true | 0;
  openmsg_version: number;
}

export interface AuthSuccessBody {
  success: true;
  auth_code: string;
  ident_code: string;
  message_crypt_key: string;
  receiving_openmsg_address_name: string | null;
}

/** The receiver's answer as the initiator reads it: all three secrets required, the name may be null. */
export const authSuccessResponseSchema = z.object({
  success: z.union([z.literal(true), z.literal(1), z.literal('1')]),
  auth_code: hex64Field,
  ident_code: hex64Field,
  message_crypt_key: hex64Field,
  receiving_openmsg_address_name: z
    .string()
    .nullable()
    .optional()
    .transform((name) => name ?? null),
});
export type AuthSuccessResponse = z.output<typeof authSuccessResponseSchema>;

/** Fields in the order the reference sends them, so the bytes match a reference node's. */
export function buildAuthRequest(input: {
  receiverId: string;
  passCode: string;
  senderAddress: string;
  senderName: string;
  allowReplies: boolean;
}): AuthRequestBody {
  return {
    receiving_openmsg_address_id: input.receiverId,
    pass_code: input.passCode,
    sending_openmsg_address: input.senderAddress,
    sending_openmsg_address_name: input.senderName,
    sending_allow_replies: input.allowReplies ? true : 0,
    openmsg_version: 1.0,
  };
}

/**
 * The /auth/ error a node built here answers when its callback to the initiator's auth-confirm did
 * not succeed. The pass code was given back (docs/PROTOCOL.md "A failed callback does not spend the pass
 * code"); the wire has no error code for /auth/, so the initiator recognizes the wording.
 */
export const AUTH_CALLBACK_FAILED_MESSAGE =
  'could not confirm the handshake with the initiating node; the pass code is still valid';

export function isAuthCallbackFailure(errorMessage: string): boolean {
  return errorMessage.includes('the pass code is still valid');
}
