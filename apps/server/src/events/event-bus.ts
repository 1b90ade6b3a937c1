import { STREAM_EVENT_TYPES, type StreamEvent } from '@openmsg/core';

/** The stream event of this type, by ids: the stream reads the current views by these ids when it sends it. */
type ByIds<T extends StreamEvent['type'], Ids> = { type: T; accountId: string } & Ids;
type Same<T extends StreamEvent['type']> = Extract<StreamEvent, { type: T }> & { accountId: string };

/**
 * What happened to one account's data: one kind per stream event (core's StreamEvent). These cross
 * replicas (PostgreSQL NOTIFY), so they carry ids and states only, never text or secrets.
 */
export type AccountEvent =
  | ByIds<'message.created', { messageId: string }>
  | ByIds<'message.updated', { messageId: string; state: string }>
  | Same<'message.deleted'>
  | Same<'conversation.read'>
  | ByIds<'contact.updated', { contactId: string }>
  | Same<'contact.deleted'>
  | Same<'attachment.progress'>;

/** Counted by the metrics of the replica where they happen; they stay in that process. */
export type ProcessEvent =
  | { type: 'handshake'; direction: 'in' | 'out'; outcome: 'connected' | 'refused' | 'failed' }
  | { type: 'login.refused'; reason: 'bad_credentials' | 'rate_limited' }
  /** An attempt to deliver the message failed (it waits for another, or has failed for good). */
  | { type: 'delivery.attempt-failed'; messageId: string }
  /** A message arrived with files (files-1): their fetches are due now (the file-transfer worker wakes). */
  | { type: 'attachments.fetch-due'; messageId: string }
  /** A message arrived for an account with push subscriptions: its notifications are queued (the push worker wakes). */
  | { type: 'push.due'; messageId: string }
  /** This replica may have missed other replicas' events (its connection to them was lost): open streams must resync. */
  | { type: 'streams.resync' };

export type NodeEvent = AccountEvent | ProcessEvent;

/** Every stream event type has its account event, and every account event is a stream event (checked by the typecheck). */
export const ACCOUNT_EVENT_TYPES: ReadonlySet<string> = new Set<AccountEvent['type']>(
  STREAM_EVENT_TYPES satisfies AccountEvent['type'][],
);

export function isAccountEvent(event: NodeEvent): event is AccountEvent {
  return ACCOUNT_EVENT_TYPES.has(event.type);
}

/** Where a listener's event happened: in this process, or in another replica on the same database. */
export type EventOrigin = 'this-replica' | 'other-replica';

export type EventListener = (event: NodeEvent, origin: EventOrigin) => void;

/**
 * The node's internal events (ids only). The real-time streams and the metrics listen to them.
 * In-process with SQLite (one process); with PostgreSQL, several replicas may share the database,
 * and each replica's account events reach the others too. Every listener hears each event once:
 * the replica where it happened at once, the others when PostgreSQL passes it on.
 */
export abstract class EventBus {
  /**
   * Call it once the change is committed: another replica reads the rows by these ids as soon as
   * it hears the event, on its own connection.
   */
  abstract emit(event: NodeEvent): void;

  /** Returns the unsubscribe function. */
  abstract subscribe(listener: EventListener): () => void;
}
