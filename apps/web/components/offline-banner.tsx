'use client';

import { useOnline } from '@/lib/use-online';

/** Says so while the browser is offline: what is loaded stays readable, nothing is sent or queued. */
export function OfflineBanner() {
  const online = useOnline();
  if (online) return null;
  return (
    <div
      role="status"
      data-testid="offline-banner"
      className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100"
    >
      You are offline. Loaded conversations stay readable; nothing is sent, and other pages open, until you are back
      online.
    </div>
  );
}
