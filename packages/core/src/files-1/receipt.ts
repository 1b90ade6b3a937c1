import { z } from 'zod';
import { sha256Hex } from '../hash';
import { unixSeconds } from '../freshness';
import { hex64Field, saltField, timestampField, versionField } from '../wire/fields';
import { parseWireBody, type WireParseResult } from '../wire/validate';
import { files1FileIdField, files1Salt } from './fetch';
import { FILES_1_REFUSAL_REASONS, type Files1RefusalReason } from './refusal-reasons';

export { FILES_1_REFUSAL_REASONS, type Files1RefusalReason };

export type Files1ReceiptStatus = 'stored' | 'refused';

/**
 * `POST /openmsg/files-1/receipt/`: the receiver tells the sender it holds the file (hash verified) or gave it up.
 * A reason this version does not list is kept as sent (a later version may add some): it is hashed verbatim.
 */
export const files1ReceiptRequestSchema = z
  .object({
    ident_code: hex64Field,
    file_id: files1FileIdField,
    status: z.enum(['stored', 'refused'], { error: 'must be "stored" or "refused"' }),
    reason: z
      .string()
      .regex(/^[a-z0-9_]{0,64}$/, 'must be empty or a reason of 1-64 characters [a-z0-9_]')
      .nullable()
      .optional()
      .transform((reason) => reason ?? ''),
    receipt_salt: saltField,
    receipt_timestamp: timestampField,
    receipt_hash: hex64Field,
    openmsg_version: versionField,
  })
  .refine((body) => body.status === 'refused' || body.reason === '', {
    path: ['reason'],
    message: 'must be empty when the status is "stored"',
  })
  .refine((body) => body.status === 'stored' || body.reason !== '', {
    path: ['reason'],
    message: 'must say why when the status is "refused"',
  });
export type Files1ReceiptRequest = z.output<typeof files1ReceiptRequestSchema>;
export const FILES_1_RECEIPT_REQUIRED_FIELDS = [
  'ident_code',
  'file_id',
  'status',
  'receipt_salt',
  'receipt_timestamp',
  'receipt_hash',
] as const;

export function parseFiles1ReceiptRequest(body: unknown): WireParseResult<Files1ReceiptRequest> {
  return parseWireBody(files1ReceiptRequestSchema, FILES_1_RECEIPT_REQUIRED_FIELDS, body);
}

export interface Files1ReceiptRequestBody {
  ident_code: string;
  file_id: string;
  status: Files1ReceiptStatus;
  reason: string;
  receipt_salt: string;
  receipt_timestamp: number;
  receipt_hash: string;
  openmsg_version: number;
}

/** sha256(file_id + status + reason + sha256_of_file + auth_code + receipt_salt + decimal(receipt_timestamp)) */
export function files1ReceiptHash(input: {
  fileId: string;
  status: string;
  reason: string;
  /** The file's SHA-256 as the manifest gave it (lowercase hex). */
  fileSha256: string;
  authCode: string;
  salt: string;
  timestamp: string | number;
}): string {
  return sha256Hex(
    input.fileId,
    input.status,
    input.reason,
    input.fileSha256,
    input.authCode,
    input.salt,
    String(input.timestamp),
  );
}

export function buildFiles1ReceiptRequest(input: {
  identCode: string;
  authCode: string;
  fileId: string;
  fileSha256: string;
  status: Files1ReceiptStatus;
  reason?: Files1RefusalReason | '';
  now?: Date;
  salt?: string;
}): Files1ReceiptRequestBody {
  const reason = input.status === 'stored' ? '' : (input.reason ?? '');
  const salt = input.salt ?? files1Salt();
  const timestamp = unixSeconds(input.now);
  return {
    ident_code: input.identCode,
    file_id: input.fileId,
    status: input.status,
    reason,
    receipt_salt: salt,
    receipt_timestamp: timestamp,
    receipt_hash: files1ReceiptHash({
      fileId: input.fileId,
      status: input.status,
      reason,
      fileSha256: input.fileSha256,
      authCode: input.authCode,
      salt,
      timestamp,
    }),
    openmsg_version: 1.0,
  };
}
