import type { ClientErrorCode } from '@openmsg/client';
import type { Translator } from '@/i18n/translator';
import { isOpenmsgError } from './openmsg-error';

/**
 * Which codes the inbox follows with a next step of its own (errors.json `next.<code>`): where the browser knows
 * better than the node (it is offline, or our own node does not answer), not where the node's sentence already says
 * what to do. A Record over every code, so a code added to @openmsg/core/api fails the typecheck here until someone
 * decides what the inbox says about it (and the catalogue test until every language says it).
 */
const HAS_NEXT_STEP: Record<ClientErrorCode, boolean> = {
  offline: true,
  bad_request: true,
  validation_failed: true,
  bad_cursor: true,
  empty_message: false,
  message_too_long: true,
  wrong_password: false,
  malformed_address: false,
  malformed_pass_code: false,
  self: false,
  file_name_invalid: true,
  too_many_attachments: true,
  attachment_not_ready: true,
  attachment_too_large: true,
  quota_full: true,
  node_storage_full: true,
  files_disabled: true,
  push_disabled: true,
  unauthenticated: true,
  bad_credentials: false,
  csrf_failed: false,
  registration_closed: false,
  invitation_invalid: true,
  not_found: true,
  not_connected: true,
  method_not_allowed: false,
  payload_too_large: false,
  unsupported_media_type: false,
  address_taken: true,
  no_replies: false,
  not_failed: false,
  connect_in_progress: true,
  own_account: true,
  last_admin: true,
  refused: false,
  ident_conflict: true,
  too_many_sign_ups: false,
  too_many_attempts: false,
  too_many_requests: false,
  internal_error: true,
  unreachable: false, // the node's sentence says what to check (the Connect page has its own: lib/connect-error-text.ts)
  callback_failed: false,
  bad_answer: false,
  node_unreachable: true,
  client_address_unknown: false,
  busy: false,
  service_unavailable: true,
  database_unavailable: true,
  storage_full: true,
  storage_read_only: true,
  client_id_reused: false,
};

export interface ErrorText {
  code: ClientErrorCode;
  /** The node's sentence (or the inbox's own, when offline). */
  message: string;
  nextStep: string | null;
  /** The technical cause (a peer's answer, a protocol code), for a small detail line. */
  detail: string | null;
}

/** The reader's language: the `errors` namespace's translate function and the locale. */
export interface ErrorsText {
  t: Translator<'errors'>;
  locale: string;
}

/**
 * What to show for a failed call: OpenmsgError's code and sentence; anything else (a bug) as `fallback`. The node
 * writes English, often more precisely than its code says (which side refused): English readers get the node's
 * sentence, every other language the catalogue's sentence for the code (errors.json `message.<code>`).
 */
export function errorText(caught: unknown, fallback: string, { t, locale }: ErrorsText): ErrorText {
  if (!isOpenmsgError(caught)) return { code: 'internal_error', message: fallback, nextStep: null, detail: null };
  const { code } = caught;
  const message = locale === 'en' && caught.message ? caught.message : t(`message.${code}`);
  const nextStep = HAS_NEXT_STEP[code] ? t(`next.${code}` as 'next.offline') : null;
  return { code, message, nextStep, detail: caught.detail };
}

/** The same as one line: the sentence and the next step. */
export function errorLine(caught: unknown, fallback: string, text: ErrorsText): string {
  const { message, nextStep } = errorText(caught, fallback, text);
  return nextStep ? text.t('withNextStep', { message: message.replace(/[.!?。]$/, ''), nextStep }) : message;
}
