'use client';

import { MutationCache, onlineManager, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { PersistQueryClientProvider } from '@tanstack/react-query-persist-client';
import { type ReactNode, useState } from 'react';
import { inboxPersister, SAVE_FORMAT, SAVED_FOR_MS, shouldSave } from './offline/query-persister';
import { isOpenmsgError } from './openmsg-error';

const sessionGone = (error: unknown) => isOpenmsgError(error) && error.code === 'unauthenticated';

/** A client error (4xx) will not change on its own; a network or server failure may. */
const worthRetrying = (failures: number, error: unknown) =>
  failures < 2 && !(isOpenmsgError(error) && error.status >= 400 && error.status < 500);

/**
 * A layout's cache of server data (TanStack Query): the signed-in inbox's, and the sign-in and
 * sign-up pages' (node info). It lives as long as its layout: signing in or out moves to the other
 * layout's cache, so the next account starts empty. Any answer saying the session is gone (signed
 * out elsewhere, password changed) leads to the sign-in page.
 */
export function QueryProvider({ children, persist = false }: { children: ReactNode; persist?: boolean }) {
  const router = useRouter();
  const [client] = useState(() => {
    // TanStack Query assumes online until an `offline` event: a page opened offline (from the service worker's
    // copy) would fetch at once, fail, and hide the saved data behind an error. Queries wait instead.
    if (typeof window !== 'undefined') onlineManager.setOnline(window.navigator.onLine);
    const onError = (error: unknown) => sessionGone(error) && router.replace('/sign-in');
    return new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      // The live event stream keeps what is shown current (lib/stream-cache.ts); focus adds nothing.
      // Changes run at once even offline, failing with the `offline` error: nothing is queued silently
      // to go out later (TanStack Query's default pauses them until the browser is back online).
      // The signed-in inbox's cache is also saved for opening offline (lib/offline/query-persister.ts): what is
      // restored must outlive the in-memory garbage collection.
      defaultOptions: {
        queries: { refetchOnWindowFocus: false, retry: worthRetrying, ...(persist && { gcTime: SAVED_FOR_MS }) },
        mutations: { networkMode: 'always' },
      },
    });
  });
  const [persister] = useState(() => (persist ? inboxPersister() : null));
  if (!persister) return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
  return (
    <PersistQueryClientProvider
      client={client}
      persistOptions={{
        persister,
        maxAge: SAVED_FOR_MS,
        buster: SAVE_FORMAT,
        dehydrateOptions: { shouldDehydrateQuery: shouldSave },
      }}
    >
      {children}
    </PersistQueryClientProvider>
  );
}
