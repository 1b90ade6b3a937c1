import { z } from 'zod';
import { addressField, hex64Field } from './fields';
import { parseWireBody } from './validate';

/** POST /openmsg/auth-confirm/ — the receiver's node checks the handshake really came from the initiator's domain. */
export const authConfirmRequestSchema = z.object({
  receiving_openmsg_address: addressField,
  passcode_hash: hex64Field,
});
export type AuthConfirmRequest = z.output<typeof authConfirmRequestSchema>;
export const AUTH_CONFIRM_REQUIRED_FIELDS = ['receiving_openmsg_address', 'passcode_hash'] as const;

export function parseAuthConfirmRequest(body: unknown) {
  return parseWireBody(authConfirmRequestSchema, AUTH_CONFIRM_REQUIRED_FIELDS, body);
}

export interface AuthConfirmRequestBody {
  receiving_openmsg_address: string;
  passcode_hash: string;
}
