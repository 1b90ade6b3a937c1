import { useSyncExternalStore } from 'react';

const noChanges = () => () => undefined;

/**
 * The page's query string as loaded (`?next=…`), without a Suspense boundary around the page
 * (useSearchParams needs one) and without a second render from an effect. Empty while prerendering.
 */
export function useLocationSearch(): string {
  return useSyncExternalStore(
    noChanges,
    () => window.location.search,
    () => '',
  );
}
