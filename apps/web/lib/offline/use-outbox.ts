'use client';

import { useEffect, useState } from 'react';
import type { OutboxEntry } from './outbox-order';
import { listOutbox, subscribeOutbox } from './outbox-store';

/** The outbox as saved in IndexedDB, kept current across this tab's and other tabs' changes. */
export function useOutbox(): OutboxEntry[] {
  const [entries, setEntries] = useState<OutboxEntry[]>([]);
  useEffect(() => {
    let live = true;
    const load = () =>
      void listOutbox().then(
        (found) => live && setEntries(found),
        () => undefined, // IndexedDB unavailable (a private window's policy): nothing waits
      );
    load();
    const unsubscribe = subscribeOutbox(load);
    return () => {
      live = false;
      unsubscribe();
    };
  }, []);
  return entries;
}
