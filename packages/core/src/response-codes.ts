/** The message endpoints' response codes (docs/PROTOCOL.md "Response codes"). */
export const RESPONSE_CODES = {
  SM_S888: { errorCode: null, meaning: 'received and accepted' },
  SM_E000: { errorCode: 'unknown_error', meaning: 'other error, or data missing' },
  SM_E001: { errorCode: 'ident_code_invalid', meaning: 'no such connection / user not known' },
  SM_E002: { errorCode: 'message_rejected_byuser', meaning: 'this address accepts no messages' },
  SM_E003: { errorCode: 'message_unknown', meaning: "the sender's node does not know this message" },
  SM_E004: { errorCode: 'message_hash_invalid', meaning: 'hash could not be recreated' },
  SM_E005: { errorCode: 'message_expired', meaning: 'sent more than 60 s ago' },
  SM_E006: { errorCode: 'message_decryption_error', meaning: 'key mismatch or corrupt package' },
  SM_E007: { errorCode: 'message_nonce_error', meaning: 'this nonce was used before on this connection' },
  SM_E008: { errorCode: 'message_rejected_temp', meaning: 'rejected for now; try later' },
  SM_E009: { errorCode: 'message_rejected_perm', meaning: 'rejected for good' },
} as const;

export type ResponseCode = keyof typeof RESPONSE_CODES;
export type ErrorResponseCode = Exclude<ResponseCode, 'SM_S888'>;

export function isResponseCode(value: unknown): value is ResponseCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(RESPONSE_CODES, value);
}

/**
 * Codes after which a new attempt cannot succeed, so a sender stops retrying: the connection is
 * gone or refuses us, or the peer holds other secrets than ours (hash or key mismatch).
 */
const PERMANENT: ReadonlySet<ResponseCode> = new Set<ResponseCode>([
  'SM_E001',
  'SM_E002',
  'SM_E004',
  'SM_E006',
  'SM_E009',
]);

export function isPermanentFailure(code: ResponseCode): boolean {
  return PERMANENT.has(code);
}
