'use client';

import { useTranslations } from 'next-intl';
import { useOnline } from '@/lib/use-online';

/**
 * Says so while the browser is offline: the inbox shows what it saved (lib/offline/query-persister.ts), messages
 * written meanwhile wait in the outbox (lib/offline/), and the pages that need the node (connect, pass codes,
 * settings) wait until it is back.
 */
export function OfflineBanner() {
  const online = useOnline();
  const t = useTranslations('offline');
  if (online) return null;
  return (
    <div
      role="status"
      data-testid="offline-banner"
      className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-center text-sm text-amber-900 dark:border-amber-900 dark:bg-amber-950 dark:text-amber-100"
    >
      {t('banner')}
    </div>
  );
}
