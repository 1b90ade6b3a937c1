import { OpenmsgError } from '../api-client';

/** A message written while the node could not be reached, kept in IndexedDB until it is sent (lib/offline/outbox-store.ts). */
export interface OutboxEntry {
  /** Sent as the message's `clientId`: the node makes one message of it however often it is sent. */
  clientId: string;
  /** Only this account's tabs send it (another account signed in later never sees it). */
  accountId: string;
  conversationId: string;
  /** The contact's address (the send's `to`). */
  to: string;
  text: string;
  /** When it was written (ms since the epoch), then a per-tab counter: the order it goes out in. */
  writtenAt: number;
  seq: number;
  /** Set when the node refused it (a 4xx that will not change by itself): kept with the reason until removed. */
  refusal?: string | null;
}

export function byWriting(a: OutboxEntry, b: OutboxEntry): number {
  return a.writtenAt - b.writtenAt || a.seq - b.seq || a.clientId.localeCompare(b.clientId);
}

/**
 * What to send now, one queue per conversation, each in the order written: only the account's own entries,
 * none the node refused, none already in a thread (a send whose answer was applied but whose entry was not yet
 * removed: sending it again would be harmless, the node answers the same message, but it is not needed).
 */
export function sendQueues(
  entries: readonly OutboxEntry[],
  accountId: string,
  alreadySent: ReadonlySet<string> = new Set(),
): OutboxEntry[][] {
  const queues = new Map<string, OutboxEntry[]>();
  for (const entry of [...entries].sort(byWriting)) {
    if (entry.accountId !== accountId || entry.refusal || alreadySent.has(entry.clientId)) continue;
    const queue = queues.get(entry.conversationId);
    if (queue) queue.push(entry);
    else queues.set(entry.conversationId, [entry]);
  }
  return [...queues.values()];
}

/** One conversation's entries as its thread shows them ("Waiting for connection", or refused), in the order written. */
export function waitingIn(
  entries: readonly OutboxEntry[],
  accountId: string,
  conversationId: string,
  inThread: ReadonlySet<string>,
): OutboxEntry[] {
  return entries
    .filter(
      (entry) =>
        entry.accountId === accountId && entry.conversationId === conversationId && !inThread.has(entry.clientId),
    )
    .sort(byWriting);
}

/** Whether a conversation has messages waiting: a new one then queues behind them, so they still go out in order. */
export const hasWaiting = (entries: readonly OutboxEntry[], accountId: string, conversationId: string) =>
  entries.some((entry) => entry.accountId === accountId && entry.conversationId === conversationId && !entry.refusal);

/**
 * What a failed send means for the outbox: `later` when nothing reached the node or it could not save for now (no
 * connection, the inbox's proxy could not reach the node, a storage fault, a server error): the entry stays and
 * everything waits for the next attempt. `refused` when the node answered no for this message (not connected,
 * blocked, too long...): it would be refused again, so it is kept with the reason and the rest go on.
 */
export function failureKind(error: unknown): 'later' | 'refused' {
  if (!(error instanceof OpenmsgError)) return 'later';
  if (error.code === 'offline' || error.status === 0 || error.status >= 500) return 'later';
  if (error.code === 'unauthenticated' || error.code === 'csrf_failed' || error.code === 'too_many_requests')
    return 'later';
  return 'refused';
}

/** A send that reached nothing: its text goes to the outbox instead of back to the composer. */
export const isConnectionFailure = (error: unknown) =>
  error instanceof OpenmsgError && (error.code === 'offline' || error.code === 'node_unreachable');
