'use client';

import { useQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { apiRoutes } from '@openmsg/core/api';
import { PageHeader } from '@/components/ui/page-header';
import { ListSkeleton } from '@/components/ui/skeleton';
import { routeQuery } from '@/lib/route-query';

export default function AdminOverviewPage() {
  const t = useTranslations('admin.overview');
  const { data } = useQuery(routeQuery(apiRoutes.adminOverview));
  return (
    <div className="space-y-6">
      <PageHeader title={t('title')}>{data ? t('intro', { domain: data.domain }) : t('introThisNode')}</PageHeader>
      {data ? (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {[
            [t('active'), data.accounts.active],
            [t('disabled'), data.accounts.disabled],
            [t('admins'), data.accounts.admins],
            [t('waiting'), data.delivery.waiting],
            [t('failed'), data.delivery.failed],
            [t('registration'), t(`mode.${data.registration.mode}`)],
          ].map(([label, value]) => (
            <div key={label} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
              <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
              <dd className="text-xl font-semibold">{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <ListSkeleton label={t('loading')} rows={2} />
      )}
    </div>
  );
}
