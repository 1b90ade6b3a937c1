import { z } from 'zod';
import { addressIdField, base64UrlField, hex64Field, saltField, timestampField, versionField } from './fields';
import { sanitizePeerDisplayName } from '../display-name';
import { parseWireBody } from './validate';

/** Upper bound for a package field; the node's body-size cap is the real limit. */
export const MAX_MESSAGE_PACKAGE_CHARS = 4 * 1024 * 1024;

/** POST /openmsg/message-receive/ — a sealed message for one of this node's users. */
export const messageReceiveRequestSchema = z.object({
  receiving_openmsg_address_id: addressIdField,
  // Optional and informative only: a malformed name is dropped rather than failing the message.
  // The key may be missing altogether (docs/PROTOCOL.md "Quirks"): z.unknown() alone would require it.
  sending_openmsg_address_name: z
    .unknown()
    .optional()
    .transform((name) => sanitizePeerDisplayName(name)),
  ident_code: hex64Field,
  message_package: base64UrlField(MAX_MESSAGE_PACKAGE_CHARS),
  message_hash: hex64Field,
  message_salt: saltField,
  message_timestamp: timestampField,
  openmsg_version: versionField,
  verified_account: z.unknown().optional(),
  // files-1 (docs/extensions/files.md §3): checked by a receiver that announces the extension, ignored otherwise.
  files_package: z.unknown().optional(),
  files_hash: z.unknown().optional(),
});
export type MessageReceiveRequest = z.output<typeof messageReceiveRequestSchema>;
export const MESSAGE_RECEIVE_REQUIRED_FIELDS = [
  'receiving_openmsg_address_id',
  'ident_code',
  'message_package',
  'message_hash',
  'message_salt',
  'message_timestamp',
] as const;

export function parseMessageReceiveRequest(body: unknown) {
  return parseWireBody(messageReceiveRequestSchema, MESSAGE_RECEIVE_REQUIRED_FIELDS, body);
}

export interface MessageReceiveRequestBody {
  receiving_openmsg_address_id: string;
  sending_openmsg_address_name: string | null;
  ident_code: string;
  message_package: string;
  message_hash: string;
  message_salt: string;
  message_timestamp: number;
  openmsg_version: number;
  verified_account: {
    verified_account_signature: null;
    verified_account_name: null;
    verified_account_expires: null;
  };
  /** files-1 only, toward a node whose last answer announced it. */
  files_package?: string;
  files_hash?: string;
}

export function buildMessageReceiveRequest(input: {
  receiverId: string;
  senderName: string | null;
  identCode: string;
  messagePackage: string;
  messageHash: string;
  messageSalt: string;
  messageTimestamp: number;
  files?: { filesPackage: string; filesHash: string } | null;
}): MessageReceiveRequestBody {
  const body: MessageReceiveRequestBody = {
    receiving_openmsg_address_id: input.receiverId,
    sending_openmsg_address_name: input.senderName,
    ident_code: input.identCode,
    message_package: input.messagePackage,
    message_hash: input.messageHash,
    message_salt: input.messageSalt,
    message_timestamp: input.messageTimestamp,
    openmsg_version: 1.0,
    verified_account: { verified_account_signature: null, verified_account_name: null, verified_account_expires: null },
  };
  if (input.files) {
    body.files_package = input.files.filesPackage;
    body.files_hash = input.files.filesHash;
  }
  return body;
}
