/**
 * Every `error` code the client API answers with, its HTTP status and a default sentence. The server
 * throws these codes (apps/server/src/http/api-error.ts), the web inbox maps each one to what it tells
 * the user, and the route contract (routes.ts) lists which codes each route can answer.
 */
export const API_ERRORS = {
  // 400: the request cannot be served as sent.
  bad_request: { status: 400, message: 'the request is malformed' },
  validation_failed: { status: 400, message: 'some fields are not valid' },
  bad_cursor: { status: 400, message: 'the cursor is not one this API gave out' },
  empty_message: { status: 400, message: 'a message needs some text' },
  message_too_long: { status: 400, message: 'the message is too long' },
  wrong_password: { status: 400, message: 'the current password is wrong' },
  malformed_address: { status: 400, message: 'that is not an Openmsg address: it looks like 1234*example.com' },
  malformed_pass_code: { status: 400, message: 'a pass code is 6 digits' },
  self: { status: 400, message: 'you cannot connect to your own address' },
  file_name_invalid: {
    status: 400,
    message: 'that file name cannot be used: no slashes, control characters or direction marks',
  },
  too_many_attachments: { status: 400, message: 'too many files in one message' },
  attachment_not_ready: { status: 409, message: 'a file of this message has not finished uploading' },
  attachment_too_large: { status: 413, message: 'the file is larger than this node takes' },
  quota_full: { status: 413, message: 'your storage for files is full: delete some files first' },
  node_storage_full: { status: 507, message: 'this node has no room for more files now' },
  files_disabled: { status: 403, message: 'this node does not take files' },
  push_disabled: { status: 403, message: 'this node does not send push notifications' },
  // 401 and 403: who is asking.
  unauthenticated: { status: 401, message: 'sign in or send a valid access token' },
  bad_credentials: { status: 401, message: 'wrong address or password' },
  csrf_failed: { status: 403, message: 'missing or wrong CSRF token: reload the page' },
  registration_closed: { status: 403, message: 'this node does not take new sign-ups' },
  invitation_invalid: {
    status: 403,
    message: 'this node takes sign-ups by invitation: the code is missing, used or expired',
  },
  // 404: nothing there for this user.
  not_found: { status: 404, message: 'not found' },
  not_connected: { status: 404, message: 'you are not connected to this address' },
  // 405, 413, 415: what the HTTP layer refuses before a route runs.
  method_not_allowed: { status: 405, message: 'this route does not take that method' },
  payload_too_large: { status: 413, message: 'the request body is too large' },
  unsupported_media_type: { status: 415, message: 'send the body as application/json' },
  // 409: the state does not allow it.
  address_taken: { status: 409, message: 'that address number is taken' },
  no_replies: { status: 409, message: 'this contact accepts no messages' },
  not_failed: { status: 409, message: 'only a failed message can be retried' },
  client_id_reused: {
    status: 409,
    message: 'this clientId was already used for a different message: choose a new one for a new message',
  },
  connect_in_progress: { status: 409, message: 'a connection with this address is being made: wait a moment' },
  own_account: { status: 409, message: 'an admin cannot do this to their own account' },
  last_admin: { status: 409, message: 'this would leave the node without an active admin' },
  // 422: the other node refused.
  refused: { status: 422, message: 'the other node refused the pass code' },
  ident_conflict: {
    status: 422,
    message: 'the other node answered with a connection that clashes with an existing one',
  },
  // 429: too many.
  too_many_sign_ups: { status: 429, message: 'too many sign-ups from your network: try again in an hour' },
  too_many_attempts: { status: 429, message: 'too many failed attempts: wait and try again' },
  too_many_requests: { status: 429, message: 'too many requests: wait and try again' },
  // 5xx: this node or the other one failed.
  internal_error: { status: 500, message: 'something went wrong on this node' },
  unreachable: { status: 502, message: 'the other node could not be reached' },
  callback_failed: { status: 502, message: 'the other node could not reach this one to confirm' },
  bad_answer: { status: 502, message: 'the other node answered with something this node does not understand' },
  /** Answered by the web inbox's own proxy when the node behind it does not answer. */
  node_unreachable: { status: 502, message: 'the Openmsg node does not answer' },
  client_address_unknown: { status: 500, message: 'the inbox could not tell where this request came from' },
  busy: { status: 503, message: 'this node is busy checking passwords: try again in a few seconds' },
  service_unavailable: { status: 503, message: 'the node cannot serve this right now' },
  // 503 with Retry-After: the node's storage fails for now; the same request later will work.
  database_unavailable: { status: 503, message: 'this node cannot reach its database right now: try again shortly' },
  storage_full: { status: 503, message: 'this node cannot save anything right now: its disk is full' },
  storage_read_only: { status: 503, message: 'this node cannot save anything right now: its storage is read-only' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ApiErrorCode = keyof typeof API_ERRORS;

/**
 * The codes of a storage fault (the database cannot be reached, the disk is full, the file system is
 * read-only): answered 503 with Retry-After by any route; nothing of the request was saved, so the
 * same request can be sent again after the fault.
 */
export const STORAGE_FAULT_CODES = [
  'database_unavailable',
  'storage_full',
  'storage_read_only',
] as const satisfies readonly ApiErrorCode[];
export type StorageFaultCode = (typeof STORAGE_FAULT_CODES)[number];

export function isStorageFaultCode(value: unknown): value is StorageFaultCode {
  return (STORAGE_FAULT_CODES as readonly unknown[]).includes(value);
}

export const API_ERROR_CODES = Object.keys(API_ERRORS) as ApiErrorCode[];

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && Object.hasOwn(API_ERRORS, value);
}

/** The codes a failed connect answers with (POST /api/v1/contacts); the inbox explains each one. */
export type ConnectErrorCode = Extract<
  ApiErrorCode,
  | 'malformed_address'
  | 'malformed_pass_code'
  | 'self'
  | 'unreachable'
  | 'callback_failed'
  | 'refused'
  | 'bad_answer'
  | 'ident_conflict'
  | 'connect_in_progress'
  | 'too_many_attempts'
>;

/** The client API's error code for an HTTP status that the HTTP layer answered without one of ours. */
export function apiErrorCodeForStatus(status: number): ApiErrorCode {
  const code = API_ERROR_CODES.find(
    (candidate) => API_ERRORS[candidate].status === status && GENERIC_CODES.has(candidate),
  );
  return code ?? (status >= 500 ? 'internal_error' : 'bad_request');
}

const GENERIC_CODES = new Set<ApiErrorCode>([
  'bad_request',
  'unauthenticated',
  'not_found',
  'method_not_allowed',
  'payload_too_large',
  'unsupported_media_type',
  'too_many_requests',
  'internal_error',
  'service_unavailable',
]);
