import { z } from 'zod';
import { toHex } from '../encoding';
import { sha256Hex } from '../hash';
import { unixSeconds } from '../freshness';
import { randomBytes } from '../random';
import { hex64Field, saltField, timestampField, versionField } from '../wire/fields';
import { parseWireBody, type WireParseResult } from '../wire/validate';

/** The two requests of files-1 (docs/extensions/files.md §4 and §8), served beside v1.0's under /openmsg/. */
export const FILES_1_FETCH_PATH = '/openmsg/files-1/fetch/';
export const FILES_1_RECEIPT_PATH = '/openmsg/files-1/receipt/';

/** How far a fetch's or a receipt's timestamp may be from now, in the past and in the future (§4). */
export const FILES_1_FRESHNESS_SECONDS = 60;

/** A file's id as the sender's manifest names it: 1-64 of `[A-Za-z0-9_-]`, opaque to the receiver. */
export const FILES_1_FILE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const files1FileIdField = z.string().regex(FILES_1_FILE_ID_PATTERN, 'must be 1-64 characters [A-Za-z0-9_-]');

/**
 * A chunk index: an integer, or its decimal digits as a string (a PHP sender may send either). No leading zero, so
 * `decimal(from_chunk)` in the hash is one spelling whatever the sender sent.
 */
const chunkIndexField = z
  .union(
    [
      z
        .number()
        .int()
        .min(0)
        .max(2 ** 31 - 1),
      z.string().regex(/^(0|[1-9][0-9]{0,9})$/),
    ],
    {
      error: 'must be an integer >= 0',
    },
  )
  .transform((value) => Number(value))
  .refine((value) => value <= 2 ** 31 - 1, 'must be an integer >= 0');

/** `POST /openmsg/files-1/fetch/`: the receiver's node asks for a file's encrypted chunks from `from_chunk` on. */
export const files1FetchRequestSchema = z.object({
  ident_code: hex64Field,
  file_id: files1FileIdField,
  from_chunk: chunkIndexField,
  fetch_salt: saltField,
  fetch_timestamp: timestampField,
  fetch_hash: hex64Field,
  openmsg_version: versionField,
});
export type Files1FetchRequest = z.output<typeof files1FetchRequestSchema>;
/** `from_chunk` 0 is a value, not a missing field, so it is checked by the schema only. */
export const FILES_1_FETCH_REQUIRED_FIELDS = [
  'ident_code',
  'file_id',
  'fetch_salt',
  'fetch_timestamp',
  'fetch_hash',
] as const;

export function parseFiles1FetchRequest(body: unknown): WireParseResult<Files1FetchRequest> {
  return parseWireBody(files1FetchRequestSchema, FILES_1_FETCH_REQUIRED_FIELDS, body);
}

export interface Files1FetchRequestBody {
  ident_code: string;
  file_id: string;
  from_chunk: number;
  fetch_salt: string;
  fetch_timestamp: number;
  fetch_hash: string;
  openmsg_version: number;
}

/** sha256(file_id + decimal(from_chunk) + auth_code + fetch_salt + decimal(fetch_timestamp)) */
export function files1FetchHash(input: {
  fileId: string;
  fromChunk: number;
  authCode: string;
  salt: string;
  /** The timestamp's digits as received (or the number sent). */
  timestamp: string | number;
}): string {
  return sha256Hex(input.fileId, String(input.fromChunk), input.authCode, input.salt, String(input.timestamp));
}

/** A fresh salt for a fetch or a receipt: 16 random bytes as 32 hex characters. */
export function files1Salt(): string {
  return toHex(randomBytes(16));
}

export function buildFiles1FetchRequest(input: {
  identCode: string;
  authCode: string;
  fileId: string;
  fromChunk: number;
  now?: Date;
  salt?: string;
}): Files1FetchRequestBody {
  const salt = input.salt ?? files1Salt();
  const timestamp = unixSeconds(input.now);
  return {
    ident_code: input.identCode,
    file_id: input.fileId,
    from_chunk: input.fromChunk,
    fetch_salt: salt,
    fetch_timestamp: timestamp,
    fetch_hash: files1FetchHash({
      fileId: input.fileId,
      fromChunk: input.fromChunk,
      authCode: input.authCode,
      salt,
      timestamp,
    }),
    openmsg_version: 1.0,
  };
}

/** Within 60 s of now, in the past or the future (§4: "past and future"). */
export function isFiles1TimestampFresh(timestampSeconds: number, nowSeconds: number = unixSeconds()): boolean {
  return Math.abs(nowSeconds - timestampSeconds) <= FILES_1_FRESHNESS_SECONDS;
}

/**
 * The error answers of files-1 (§4's table; §8 answers with the same shape). `status` is the HTTP status;
 * FL_E008 is 503 unless the node answers 429 for "too many fetches now".
 */
export const FILES_1_ERRORS = {
  FL_E000: { status: 400, errorCode: 'file_request_invalid', meaning: 'a field missing or malformed' },
  FL_E001: { status: 403, errorCode: 'ident_code_invalid', meaning: 'no such connection' },
  FL_E002: { status: 404, errorCode: 'file_unknown', meaning: 'no such file on this connection' },
  FL_E004: { status: 403, errorCode: 'fetch_hash_invalid', meaning: 'the hash does not match' },
  FL_E005: { status: 403, errorCode: 'fetch_expired', meaning: 'the timestamp is more than 60 s away from now' },
  FL_E008: { status: 503, errorCode: 'fetch_rejected_temp', meaning: 'cannot serve it now; try later' },
  FL_E009: { status: 410, errorCode: 'file_gone', meaning: 'the sender deleted the message or the file' },
} as const;
export type Files1ErrorCode = keyof typeof FILES_1_ERRORS;

export interface Files1ErrorReply {
  error: true;
  response_code: Files1ErrorCode;
  error_code: string;
  error_message: string;
}

export function files1ErrorReply(code: Files1ErrorCode, errorMessage: string, errorCode?: string): Files1ErrorReply {
  return {
    error: true,
    response_code: code,
    error_code: errorCode ?? FILES_1_ERRORS[code].errorCode,
    error_message: errorMessage,
  };
}

export function isFiles1ErrorCode(value: unknown): value is Files1ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(FILES_1_ERRORS, value);
}

/**
 * What a receiver does after a failed fetch or receipt: `gone` (the sender no longer has the file: stop, refused
 * "gone"), or `retry` (everything else, with back-off until the fetch days are over: a missing connection or a
 * hash that does not match can be the sender's restore or clock, and a 5xx or a cut stream is temporary).
 */
export function files1FailureAction(status: number, json: unknown): { action: 'gone' | 'retry'; code: string | null } {
  const body =
    typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
  const code = isFiles1ErrorCode(body.response_code) ? body.response_code : null;
  if (code === 'FL_E002' || code === 'FL_E009') return { action: 'gone', code };
  if (code === null && (status === 404 || status === 410)) return { action: 'gone', code };
  return { action: 'retry', code };
}
