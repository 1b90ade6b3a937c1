'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslations } from 'next-intl';
import { apiRoutes, type RetryDomainResult } from '@openmsg/core/api';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { callApi } from '@/lib/api-client';
import { routePrefix, routeQuery } from '@/lib/route-query';
import { useErrorText } from '@/lib/use-error-text';
import { useTimeFormat } from '@/lib/use-time-format';

export default function AdminDeliveryPage() {
  const t = useTranslations('admin.delivery');
  const { errorLine } = useErrorText();
  const { relativeTime, shortTime } = useTimeFormat();
  const client = useQueryClient();
  const queue = useQuery(routeQuery(apiRoutes.adminDeliveryQueue)).data?.items;
  const peers = useQuery(routeQuery(apiRoutes.adminFailingPeers)).data?.items;
  const [retried, setRetried] = useState<RetryDomainResult | null>(null);
  const retry = useMutation({
    mutationFn: (domain: string) => callApi(apiRoutes.adminRetryDomain, { params: { domain } }),
    onSuccess: (result) => {
      setRetried(result);
      return Promise.all(
        [apiRoutes.adminDeliveryQueue, apiRoutes.adminFailingPeers, apiRoutes.adminAudit].map((route) =>
          client.invalidateQueries({ queryKey: routePrefix(route) }),
        ),
      );
    },
  });

  return (
    <div className="space-y-8">
      <PageHeader title={t('title')}>{t('intro')}</PageHeader>
      {retried ? (
        <Alert kind="success">
          {t('retried', { domain: retried.domain, requeued: retried.requeued, dueNow: retried.dueNow })}
        </Alert>
      ) : null}
      {retry.error ? <Alert>{errorLine(retry.error, t('retryFailed'))}</Alert> : null}
      <section aria-labelledby="queue-title" className="space-y-2">
        <h2 id="queue-title" className="font-semibold">
          {t('queue')}
        </h2>
        {queue && queue.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('queueEmpty')}</p>
        ) : null}
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={t('queueLabel')}>
          {queue?.map((row) => (
            <li
              key={row.domain}
              className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
              data-testid="queue-domain"
            >
              <span className="min-w-0 break-all">
                <bdi dir="ltr" className="font-medium">
                  {row.domain}
                </bdi>{' '}
                · {t('counts', { waiting: row.waiting, failed: row.failed })}
                {row.oldestWaitingAt ? ` · ${t('oldest', { time: relativeTime(row.oldestWaitingAt) })}` : ''}
              </span>
              <Button
                variant="secondary"
                onClick={() => retry.mutate(row.domain)}
                aria-label={t('retryAllFor', { domain: row.domain })}
              >
                {t('retryAll')}
              </Button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="peers-title" className="space-y-2">
        <h2 id="peers-title" className="font-semibold">
          {t('peers')}
        </h2>
        {peers && peers.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('peersEmpty')}</p>
        ) : null}
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label={t('peers')}>
          {peers?.map((peer) => (
            <li key={peer.domain} className="py-2 text-sm">
              <p className="break-all">
                <bdi dir="ltr" className="font-medium">
                  {peer.domain}
                </bdi>{' '}
                · {t('lastFailure', { time: shortTime(peer.failedAt) })} <code>{peer.failureCode}</code> ·{' '}
                {t('counts', { waiting: peer.waiting, failed: peer.failed })}
              </p>
              {peer.failureReason ? (
                <p dir="auto" className="text-xs [overflow-wrap:anywhere] text-slate-600 dark:text-slate-400">
                  {peer.failureReason}
                </p>
              ) : null}
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
