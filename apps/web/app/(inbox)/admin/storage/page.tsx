'use client';

import { useQuery } from '@tanstack/react-query';
import { useLocale, useTranslations } from 'next-intl';
import { apiRoutes } from '@openmsg/core/api';
import { PageHeader } from '@/components/ui/page-header';
import { ListSkeleton } from '@/components/ui/skeleton';
import { formatBytes } from '@/lib/format-bytes';
import { routeQuery } from '@/lib/route-query';

export default function AdminStoragePage() {
  const t = useTranslations('admin.storage');
  const locale = useLocale();
  const usage = useQuery(routeQuery(apiRoutes.adminStorage, { query: { limit: 100 } })).data;
  return (
    <div>
      <PageHeader title={t('title')}>{t('intro')}</PageHeader>
      {usage ? (
        <p className="mb-3 text-sm">{t('total', { size: formatBytes(usage.totalBytes, locale) })}</p>
      ) : (
        <ListSkeleton label={t('loading')} rows={3} avatars={false} />
      )}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={t('perAccount')}>
        {usage?.items.map((item) => (
          <li key={item.address} className="flex flex-wrap justify-between gap-2 py-2 text-sm">
            <span className="min-w-0 break-all">
              <bdi className="font-medium">{item.displayName || item.address}</bdi> ·{' '}
              <bdi dir="ltr">{item.address}</bdi>
            </span>
            <span>{formatBytes(item.totalBytes, locale)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
