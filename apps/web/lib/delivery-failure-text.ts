import {
  DELIVERY_FAILURE_CODES,
  type DeliveryFailureCode,
  type MessageView,
  withoutBidiControls,
} from '@openmsg/core/api';

interface Wording {
  /** What happened, with `{name}` for the contact's name. */
  what: string;
  /** What to do when the node has stopped trying; null where "Retry" is all there is. */
  then: string | null;
  /** The node keeps trying after this (the message stays queued until its deliverBy). */
  transient: boolean;
  /** The connection is gone or broken on their side: offer to connect again. */
  reconnect: boolean;
}

const RECONNECT = 'Connect with them again with a new pass code from them.';

/**
 * One sentence for every failure code the node records on a message (DELIVERY_FAILURE_CODES in
 * @openmsg/core/api; see apps/server/src/delivery/delivery-attempt.service.ts). A Record over all
 * of them, so a new code fails the typecheck here until it has its sentence.
 */
const WORDING: Record<DeliveryFailureCode, Wording> = {
  SM_E000: {
    what: "{name}'s node could not take the message (an unknown error on their side).",
    then: null,
    transient: true,
    reconnect: false,
  },
  SM_E001: {
    what: '{name} deleted the connection with you: they no longer receive your messages.',
    then: RECONNECT,
    transient: false,
    reconnect: true,
  },
  SM_E002: {
    what: '{name} is not accepting messages from you.',
    then: 'They may have blocked you, or their address takes no messages.',
    transient: false,
    reconnect: false,
  },
  SM_E003: {
    what: "{name}'s node could not check the message with your node.",
    then: null,
    transient: true,
    reconnect: false,
  },
  SM_E004: {
    what: "{name}'s node could not verify the message: your connection's keys no longer match.",
    then: RECONNECT,
    transient: false,
    reconnect: true,
  },
  SM_E005: {
    what: "{name}'s node got the message too late (the two nodes' clocks may differ).",
    then: null,
    transient: true,
    reconnect: false,
  },
  SM_E006: {
    what: "{name}'s node could not decrypt the message: your connection's keys no longer match.",
    then: RECONNECT,
    transient: false,
    reconnect: true,
  },
  SM_E007: {
    what: "{name}'s node refused the message as a repeat of one it had seen.",
    then: null,
    transient: false,
    reconnect: false,
  },
  SM_E008: {
    what: "{name}'s node is refusing messages for now (maintenance).",
    then: null,
    transient: true,
    reconnect: false,
  },
  SM_E009: {
    what: "{name}'s node refuses messages from your node for good.",
    then: 'Ask them for another way to reach them.',
    transient: false,
    reconnect: false,
  },
  refused_target: {
    what: "{name}'s node is at an address your node may not call (this machine or a private network).",
    then: 'Check their address; their node must be reachable on the internet.',
    transient: false,
    reconnect: false,
  },
  dns: {
    what: "{name}'s node could not be found: their domain does not resolve.",
    then: 'Check their address, or try again later.',
    transient: true,
    reconnect: false,
  },
  connect: { what: "{name}'s node could not be reached.", then: null, transient: true, reconnect: false },
  timeout: { what: "{name}'s node did not answer in time.", then: null, transient: true, reconnect: false },
  http_status: { what: "{name}'s node answered with an error.", then: null, transient: true, reconnect: false },
  too_large: {
    what: "{name}'s node sent back an answer too large to read.",
    then: null,
    transient: true,
    reconnect: false,
  },
  bad_json: {
    what: "{name}'s node sent back an answer your node could not read.",
    then: null,
    transient: true,
    reconnect: false,
  },
  redirect: {
    what: "{name}'s node sent the message somewhere else, which your node does not follow.",
    then: null,
    transient: true,
    reconnect: false,
  },
  connection_removed: {
    what: 'The contact {name} was deleted, so the message was not sent.',
    then: 'Connect again to write to them.',
    transient: false,
    reconnect: true,
  },
  bad_address: {
    what: "{name}'s stored address is not valid.",
    then: 'Delete the contact and connect again.',
    transient: false,
    reconnect: false,
  },
};

const UNKNOWN: Wording = {
  what: 'The message could not be delivered.',
  then: null,
  transient: false,
  reconnect: false,
};

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
): DeliveryFailureText | null {
  const retrying = message.state === 'queued' || message.state === 'sending';
  if (message.state !== 'failed' && !(retrying && message.failureCode)) return null;
  const wording = isDeliveryFailureCode(message.failureCode) ? WORDING[message.failureCode] : UNKNOWN;
  const what = wording.what.replaceAll('{name}', name);
  let next: string | null;
  if (retrying) next = message.deliverBy ? `We keep trying until ${until(message.deliverBy)}.` : 'We keep trying.';
  else if (wording.transient) next = 'We stopped trying: press Retry to try again.';
  else next = wording.then;
  const reason = message.failureReason ? withoutBidiControls(message.failureReason) : null;
  const detail = message.failureCode ? (reason ? `${message.failureCode}: ${reason}` : message.failureCode) : reason;
  return { sentence: next ? `${what} ${next}` : what, detail, reconnect: wording.reconnect };
}

/** The Connect page prefilled with the address (it reads `?address=`). */
export function reconnectHref(address: string): string {
  return `/connect?address=${encodeURIComponent(address)}`;
}
