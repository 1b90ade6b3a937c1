import { z } from 'zod';
import { base64UrlField, hex64Field } from './fields';
import { parseWireBody } from './validate';

/** POST /openmsg/message-confirm/ — the receiver asks the sender's domain whether it really sent this message. */
export const messageConfirmRequestSchema = z.object({
  message_hash: hex64Field,
  message_nonce: base64UrlField(64).length(32, 'must be 32 characters (a 24-byte nonce)'),
});
export type MessageConfirmRequest = z.output<typeof messageConfirmRequestSchema>;
export const MESSAGE_CONFIRM_REQUIRED_FIELDS = ['message_hash', 'message_nonce'] as const;

export function parseMessageConfirmRequest(body: unknown) {
  return parseWireBody(messageConfirmRequestSchema, MESSAGE_CONFIRM_REQUIRED_FIELDS, body);
}

export interface MessageConfirmRequestBody {
  message_hash: string;
  message_nonce: string;
}
