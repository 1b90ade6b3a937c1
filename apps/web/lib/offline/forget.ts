'use client';

import { clearOutbox } from './outbox-store';
import { dropSavedInbox } from './query-persister';
import { dropKeptPages } from './service-worker';

/**
 * What this browser kept of the signed-in inbox for opening offline goes: the saved conversations and messages,
 * the kept pages, and on a sign-out also the messages still waiting to be sent. The sign-in page calls it without
 * the outbox (the same person signing in again after the session ended still gets their waiting messages sent;
 * another account never sees them: each entry names its account).
 */
export async function forgetOfflineData({ outbox }: { outbox: boolean }): Promise<void> {
  await Promise.all([dropSavedInbox(), dropKeptPages(), outbox ? clearOutbox().catch(() => undefined) : undefined]);
  try {
    window.localStorage.removeItem('openmsg:saved-account');
  } catch {
    // storage disabled
  }
}
