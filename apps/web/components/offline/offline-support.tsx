'use client';

import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useInbox } from '@/lib/inbox-context';
import { useMe } from '@/lib/queries';
import { flushOutbox } from '@/lib/offline/outbox-flush';
import { subscribeOutbox } from '@/lib/offline/outbox-store';
import { keepPagesForOffline } from '@/lib/offline/service-worker';
import { useErrorText } from '@/lib/use-error-text';
import { useAppUpdate } from './use-app-update';

/** How often waiting messages are tried again while the browser claims to be online (its `online` event may never come). */
const FLUSH_EVERY_MS = 15_000;
const SAVED_ACCOUNT = 'openmsg:saved-account';

/**
 * The signed-in inbox's offline side, mounted once in its layout: keeps this page and its scripts for opening
 * offline, sends the outbox whenever the connection is back, drops another account's saved data, and lets a new
 * version of the app take over at a safe moment.
 */
export function OfflineSupport() {
  const { me } = useInbox();
  const client = useQueryClient();
  const { text: errorsText } = useErrorText();
  const fresh = useMe().isFetchedAfterMount;
  useAppUpdate();

  useEffect(() => {
    void keepPagesForOffline();
  }, []);

  // The saved inbox was another account's (a sign-in that skipped the sign-in page's clearing): start over from the network.
  useEffect(() => {
    if (!fresh) return;
    try {
      const saved = window.localStorage.getItem(SAVED_ACCOUNT);
      if (saved && saved !== me.id) void client.resetQueries();
      window.localStorage.setItem(SAVED_ACCOUNT, me.id);
    } catch {
      // storage disabled: nothing was saved either
    }
  }, [client, fresh, me.id]);

  useEffect(() => {
    const flush = () => {
      if (navigator.onLine) void flushOutbox(client, me.id, errorsText);
    };
    flush();
    window.addEventListener('online', flush);
    const unsubscribe = subscribeOutbox(flush);
    const timer = window.setInterval(flush, FLUSH_EVERY_MS);
    return () => {
      window.removeEventListener('online', flush);
      unsubscribe();
      window.clearInterval(timer);
    };
  }, [client, me.id, errorsText]);

  return null;
}
