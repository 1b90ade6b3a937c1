import { type ErrorResponseCode, isResponseCode, type ResponseCode, RESPONSE_CODES } from '../response-codes';

/** Answers as every node sends them: HTTP 200 with one of these JSON bodies. */
export interface SuccessReply {
  success: true;
}
export interface ErrorReply {
  error: true;
  error_message: string;
}
export interface MessageSuccessReply {
  success: true;
  response_code: 'SM_S888';
}
export interface MessageErrorReply {
  error: true;
  response_code: ErrorResponseCode;
  error_code: string;
  error_message: string;
}

export function successReply(): SuccessReply {
  return { success: true };
}

export function errorReply(errorMessage: string): ErrorReply {
  return { error: true, error_message: errorMessage };
}

export function messageSuccessReply(): MessageSuccessReply {
  return { success: true, response_code: 'SM_S888' };
}

/** `errorCode` overrides the table's default, e.g. `message_data_missing` for SM_E000. */
export function messageErrorReply(
  code: ErrorResponseCode,
  errorMessage: string,
  errorCode?: string,
): MessageErrorReply {
  return {
    error: true,
    response_code: code,
    error_code: errorCode ?? RESPONSE_CODES[code].errorCode,
    error_message: errorMessage,
  };
}

/** A peer's answer reduced to what a caller acts on. PHP-truthy `success` counts, as the reference reads it. */
export type PeerOutcome =
  | { success: true; responseCode: ResponseCode | null }
  | { success: false; responseCode: ResponseCode | null; errorMessage: string };

export function readPeerOutcome(json: unknown): PeerOutcome {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return { success: false, responseCode: null, errorMessage: 'answer is not a JSON object' };
  }
  const body = json as Record<string, unknown>;
  const responseCode = isResponseCode(body.response_code) ? body.response_code : null;
  const truthy = body.success === true || body.success === 1 || body.success === '1';
  if (truthy && body.error !== true && (responseCode === null || responseCode === 'SM_S888')) {
    return { success: true, responseCode };
  }
  const message =
    typeof body.error_message === 'string' ? body.error_message.slice(0, 300) : 'unsuccessful, no reason given';
  return { success: false, responseCode, errorMessage: message };
}
