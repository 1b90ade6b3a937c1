import {
  DELIVERY_FAILURE_CODES,
  type DeliveryFailureCode,
  type MessageView,
  withoutBidiControls,
} from '@openmsg/core/api';
import type { Translator } from '@/i18n/translator';

interface Wording {
  /** Its catalogue entry has a `then` sentence: what to do when the node has stopped trying ("Retry" is all there is otherwise). */
  then: boolean;
  /** The node keeps trying after this (the message stays queued until its deliverBy). */
  transient: boolean;
  /** The connection is gone or broken on their side: offer to connect again. */
  reconnect: boolean;
}

/**
 * How every failure code the node records on a message (DELIVERY_FAILURE_CODES in @openmsg/core/api; see
 * apps/server/src/delivery/delivery-attempt.service.ts) is told: its sentences are in messages/<locale>/delivery.json
 * (`failure.<code>.what`, with `{name}` for the contact, and `.then`). A Record over all of them, so a new code
 * fails the typecheck here until it has its wording (and the catalogue test until it has its sentences).
 */
const WORDING: Record<DeliveryFailureCode, Wording> = {
  SM_E000: { then: false, transient: true, reconnect: false },
  SM_E001: { then: true, transient: false, reconnect: true },
  SM_E002: { then: true, transient: false, reconnect: false },
  SM_E003: { then: false, transient: true, reconnect: false },
  SM_E004: { then: true, transient: false, reconnect: true },
  SM_E005: { then: false, transient: true, reconnect: false },
  SM_E006: { then: true, transient: false, reconnect: true },
  SM_E007: { then: false, transient: false, reconnect: false },
  SM_E008: { then: false, transient: true, reconnect: false },
  SM_E009: { then: true, transient: false, reconnect: false },
  refused_target: { then: true, transient: false, reconnect: false },
  dns: { then: true, transient: true, reconnect: false },
  connect: { then: false, transient: true, reconnect: false },
  timeout: { then: false, transient: true, reconnect: false },
  http_status: { then: false, transient: true, reconnect: false },
  too_large: { then: false, transient: true, reconnect: false },
  bad_json: { then: false, transient: true, reconnect: false },
  redirect: { then: false, transient: true, reconnect: false },
  connection_removed: { then: true, transient: false, reconnect: true },
  bad_address: { then: true, transient: false, reconnect: false },
};

const UNKNOWN: Wording = { then: false, transient: false, reconnect: false };

export function isDeliveryFailureCode(code: string | null): code is DeliveryFailureCode {
  return code !== null && (DELIVERY_FAILURE_CODES as readonly string[]).includes(code);
}

export interface DeliveryFailureText {
  /** One sentence (or two): what happened and what to do. */
  sentence: string;
  /** The technical code and the node's reason, for a small detail line. */
  detail: string | null;
  /** Offer to connect again (`/connect?address=…`). */
  reconnect: boolean;
}

/**
 * What a message's failure means to the person who sent it: for a failed message, or a queued one
 * whose last attempt failed (the node keeps trying until `deliverBy`). Null when nothing failed.
 */
export function deliveryFailureText(
  message: Pick<MessageView, 'state' | 'failureCode' | 'failureReason' | 'deliverBy'>,
  name: string,
  until: (iso: string) => string,
  t: Translator<'delivery'>,
): DeliveryFailureText | null {
  const retrying = message.state === 'queued' || message.state === 'sending';
  if (message.state !== 'failed' && !(retrying && message.failureCode)) return null;
  const code = isDeliveryFailureCode(message.failureCode) ? message.failureCode : null;
  const wording = code ? WORDING[code] : UNKNOWN;
  const what = code ? t(`failure.${code}.what`, { name }) : t('unknown');
  let next: string | null;
  if (retrying) next = message.deliverBy ? t('retryingUntil', { time: until(message.deliverBy) }) : t('retrying');
  else if (wording.transient) next = t('stopped');
  else next = code && wording.then ? t(`failure.${code}.then` as 'failure.SM_E001.then') : null;
  const reason = message.failureReason ? withoutBidiControls(message.failureReason) : null;
  const detail = message.failureCode ? (reason ? `${message.failureCode}: ${reason}` : message.failureCode) : reason;
  return { sentence: next ? t('whatThenNext', { what, next }) : what, detail, reconnect: wording.reconnect };
}

/** The Connect page prefilled with the address (it reads `?address=`). */
export function reconnectHref(address: string): string {
  return `/connect?address=${encodeURIComponent(address)}`;
}
