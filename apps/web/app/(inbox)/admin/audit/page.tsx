'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { apiRoutes, routeUrl } from '@openmsg/core/api';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { ListSkeleton } from '@/components/ui/skeleton';
import { callApi } from '@/lib/api-client';
import { routeKey } from '@/lib/route-query';
import { useTimeFormat } from '@/lib/use-time-format';

export default function AdminAuditPage() {
  const t = useTranslations('admin.audit');
  const { fullTime } = useTimeFormat();
  const audit = useInfiniteQuery({
    queryKey: routeKey(apiRoutes.adminAudit),
    queryFn: ({ pageParam, signal }) => callApi(apiRoutes.adminAudit, { query: { cursor: pageParam } }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const entries = audit.data?.pages.flatMap((page) => page.items);
  return (
    <div>
      <PageHeader title={t('title')}>{t('intro')}</PageHeader>
      <p className="mb-4 flex flex-wrap gap-3 text-sm">
        <a
          className="font-medium text-brand-700 underline dark:text-brand-100"
          href={routeUrl(apiRoutes.adminAuditExport, { query: { format: 'csv' } })}
          download
        >
          {t('csv')}
        </a>
        <a
          className="font-medium text-brand-700 underline dark:text-brand-100"
          href={routeUrl(apiRoutes.adminAuditExport, { query: { format: 'json' } })}
          download
        >
          {t('json')}
        </a>
      </p>
      {entries ? null : <ListSkeleton label={t('loading')} rows={3} avatars={false} />}
      {entries && entries.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('none')}</p>
      ) : null}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={t('title')}>
        {entries?.map((entry) => (
          <li key={entry.id} className="py-2 text-sm" data-testid="audit-entry">
            <p className="break-all" dir="ltr">
              <span className="font-medium">{entry.actor}</span> · <code>{entry.action}</code>
              {entry.target ? ` · ${entry.target}` : ''}
            </p>
            <p className="text-xs [overflow-wrap:anywhere] text-slate-600 dark:text-slate-400">
              {fullTime(entry.createdAt)}
              {entry.detail ? ` · ${entry.detail}` : ''}
            </p>
          </li>
        ))}
      </ul>
      {audit.hasNextPage ? (
        <Button
          variant="secondary"
          className="mt-3"
          onClick={() => void audit.fetchNextPage()}
          disabled={audit.isFetchingNextPage}
        >
          {t('older')}
        </Button>
      ) : null}
    </div>
  );
}
