'use client';

import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { type ReactNode, useState } from 'react';
import { OpenmsgError } from './api-client';

const sessionGone = (error: unknown) => error instanceof OpenmsgError && error.code === 'unauthenticated';

/** A client error (4xx) will not change on its own; a network or server failure may. */
const worthRetrying = (failures: number, error: unknown) =>
  failures < 2 && !(error instanceof OpenmsgError && error.status >= 400 && error.status < 500);

/**
 * A layout's cache of server data (TanStack Query): the signed-in inbox's, and the sign-in and
 * sign-up pages' (node info). It lives as long as its layout: signing in or out moves to the other
 * layout's cache, so the next account starts empty. Any answer saying the session is gone (signed
 * out elsewhere, password changed) leads to the sign-in page.
 */
export function QueryProvider({ children }: { children: ReactNode }) {
  const router = useRouter();
  const [client] = useState(() => {
    const onError = (error: unknown) => sessionGone(error) && router.replace('/sign-in');
    return new QueryClient({
      queryCache: new QueryCache({ onError }),
      mutationCache: new MutationCache({ onError }),
      // The live event stream keeps what is shown current (lib/stream-cache.ts); focus adds nothing.
      // Changes run at once even offline, failing with the `offline` error: nothing is queued silently
      // to go out later (TanStack Query's default pauses them until the browser is back online).
      defaultOptions: {
        queries: { refetchOnWindowFocus: false, retry: worthRetrying },
        mutations: { networkMode: 'always' },
      },
    });
  });
  return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
}
