'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRoutes, type RetryDomainResult } from '@openmsg/core/api';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { callApi } from '@/lib/api-client';
import { errorLine } from '@/lib/error-text';
import { relativeTime, shortTime } from '@/lib/format-time';
import { routePrefix, routeQuery } from '@/lib/route-query';

export default function AdminDeliveryPage() {
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
      <PageHeader title="Delivery">
        Outgoing messages not delivered yet, per peer domain. Retry all puts failed ones back in the queue and tries
        waiting ones now.
      </PageHeader>
      {retried ? (
        <Alert kind="success">
          {retried.domain}: {retried.requeued} failed message(s) queued again, {retried.dueNow} waiting message(s) tried
          now.
        </Alert>
      ) : null}
      {retry.error ? <Alert>{errorLine(retry.error, 'could not retry')}</Alert> : null}
      <section aria-labelledby="queue-title" className="space-y-2">
        <h2 id="queue-title" className="font-semibold">
          Queue
        </h2>
        {queue && queue.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">Nothing waits: every message was delivered.</p>
        ) : null}
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Queue per domain">
          {queue?.map((row) => (
            <li
              key={row.domain}
              className="flex flex-wrap items-center justify-between gap-2 py-2 text-sm"
              data-testid="queue-domain"
            >
              <span className="min-w-0 break-all">
                <span className="font-medium">{row.domain}</span> · {row.waiting} waiting · {row.failed} failed
                {row.oldestWaitingAt ? ` · oldest written ${relativeTime(row.oldestWaitingAt)}` : ''}
              </span>
              <Button
                variant="secondary"
                onClick={() => retry.mutate(row.domain)}
                aria-label={`Retry all for ${row.domain}`}
              >
                Retry all
              </Button>
            </li>
          ))}
        </ul>
      </section>
      <section aria-labelledby="peers-title" className="space-y-2">
        <h2 id="peers-title" className="font-semibold">
          Failing peers
        </h2>
        {peers && peers.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">No delivery has failed.</p>
        ) : null}
        <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Failing peers">
          {peers?.map((peer) => (
            <li key={peer.domain} className="py-2 text-sm">
              <p className="break-all">
                <span className="font-medium">{peer.domain}</span> · last failure {shortTime(peer.failedAt)}:{' '}
                <code>{peer.failureCode}</code> · {peer.waiting} waiting · {peer.failed} failed
              </p>
              {peer.failureReason ? (
                <p className="text-xs [overflow-wrap:anywhere] text-slate-600 dark:text-slate-400">
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
