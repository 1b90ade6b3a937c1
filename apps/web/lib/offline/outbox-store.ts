'use client';

import { clear, createStore, del, get, set, values } from 'idb-keyval';
import type { OutboxEntry } from './outbox-order';

/**
 * The outbox in IndexedDB (idb-keyval), one record per message keyed by its clientId: it survives a reload and is
 * shared by every tab of this origin. Each change is announced on a BroadcastChannel so every tab's threads
 * show the same waiting messages.
 */
const store = () => createStore('openmsg-outbox', 'messages');
let opened: ReturnType<typeof createStore> | null = null;
const outbox = () => (opened ??= store());

const CHANNEL = 'openmsg-outbox';
const listeners = new Set<() => void>();
let channel: BroadcastChannel | null = null;

function announce() {
  for (const listener of listeners) listener();
  channel?.postMessage('changed');
}

/** Calls `onChange` when this tab or another changes the outbox; returns the unsubscribe function. */
export function subscribeOutbox(onChange: () => void): () => void {
  if (!channel && typeof BroadcastChannel !== 'undefined') {
    channel = new BroadcastChannel(CHANNEL);
    channel.onmessage = () => listeners.forEach((listener) => listener());
  }
  listeners.add(onChange);
  return () => listeners.delete(onChange);
}

export async function listOutbox(): Promise<OutboxEntry[]> {
  return values<OutboxEntry>(outbox());
}

export async function readOutboxEntry(clientId: string): Promise<OutboxEntry | undefined> {
  return get<OutboxEntry>(clientId, outbox());
}

export async function putOutboxEntry(entry: OutboxEntry): Promise<void> {
  await set(entry.clientId, entry, outbox());
  announce();
}

export async function removeOutboxEntry(clientId: string): Promise<void> {
  await del(clientId, outbox());
  announce();
}

/** Signing out: nothing written by this account stays in the browser. */
export async function clearOutbox(): Promise<void> {
  await clear(outbox());
  announce();
}

let counter = 0;
/** The order of entries written in one millisecond by this tab. */
export const nextSeq = () => ++counter;
