import { type ClientErrorCode, OpenmsgError } from './api-client';

/**
 * What the inbox shows after the node's sentence for each error code: the next step, where the
 * browser knows better than the node (it is offline, or our own node does not answer), or null
 * where the node's sentence already says what to do. A Record over every code, so a code added to
 * @openmsg/core/api fails the typecheck here until someone decides what the inbox says about it.
 */
const NEXT_STEP: Record<ClientErrorCode, string | null> = {
  offline: 'Check your connection and try again.',
  bad_request: 'Reload the page and try again.',
  validation_failed: 'Check what you entered.',
  bad_cursor: 'Reload the page.',
  empty_message: null,
  message_too_long: 'Shorten it and send it again.',
  wrong_password: null,
  malformed_address: null,
  malformed_pass_code: null,
  self: null,
  file_name_invalid: 'Rename the file and attach it again.',
  too_many_attachments: 'Send the rest in another message.',
  attachment_not_ready: 'Wait until every file has finished uploading, then send.',
  attachment_too_large: 'Send a smaller file, or share it another way.',
  quota_full: 'Delete messages with files you no longer need, then try again.',
  node_storage_full: 'Try again later, or tell the operator of your node.',
  files_disabled: 'This node takes text only.',
  unauthenticated: 'Sign in again.',
  bad_credentials: null,
  csrf_failed: null,
  registration_closed: null,
  invitation_invalid: 'Ask the operator of this node for a new invitation.',
  not_found: 'It may have been deleted: reload the page.',
  not_connected: 'Connect with them again using a new pass code.',
  method_not_allowed: null,
  payload_too_large: null,
  unsupported_media_type: null,
  address_taken: 'Pick another number, or leave it empty for a random one.',
  no_replies: null,
  not_failed: null,
  connect_in_progress: 'Look at your contacts in a moment: the first try may have connected you already.',
  own_account: 'Change your own account in Settings.',
  last_admin: 'Grant another account the admin role first (admin CLI: grant-admin).',
  refused: null,
  ident_conflict: 'Delete the old contact first, then connect again with a new pass code.',
  too_many_sign_ups: null,
  too_many_attempts: null,
  too_many_requests: null,
  internal_error: 'Try again; if it keeps failing, tell the operator of your node.',
  unreachable: 'Their node may be down or the address mistyped: check it, or try again later.',
  callback_failed: null,
  bad_answer: null,
  node_unreachable: 'Your own node does not answer right now; try again in a moment.',
  client_address_unknown: null,
  busy: null,
  service_unavailable: 'Try again in a moment.',
  database_unavailable: 'Nothing was saved; try again in a moment.',
  storage_full: 'Nothing was saved; try again later, or tell the operator of your node.',
  storage_read_only: 'Nothing was saved; try again later, or tell the operator of your node.',
};

export interface ErrorText {
  code: ClientErrorCode;
  /** The node's sentence (or the inbox's own, when offline). */
  message: string;
  nextStep: string | null;
  /** The technical cause (a peer's answer, a protocol code), for a small detail line. */
  detail: string | null;
}

/** What to show for a failed call: OpenmsgError's code and sentence; anything else (a bug) as `fallback`. */
export function errorText(caught: unknown, fallback: string): ErrorText {
  if (caught instanceof OpenmsgError)
    return { code: caught.code, message: caught.message, nextStep: NEXT_STEP[caught.code], detail: caught.detail };
  return { code: 'internal_error', message: fallback, nextStep: null, detail: null };
}

/** The same as one line: the sentence and the next step. */
export function errorLine(caught: unknown, fallback: string): string {
  const { message, nextStep } = errorText(caught, fallback);
  return nextStep ? `${message.replace(/[.!?]$/, '')}. ${nextStep}` : message;
}
