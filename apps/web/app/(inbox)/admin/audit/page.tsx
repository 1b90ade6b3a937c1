'use client';

import { useInfiniteQuery } from '@tanstack/react-query';
import { apiRoutes, routeUrl } from '@openmsg/core/api';
import { Button } from '@/components/ui/button';
import { PageHeader } from '@/components/ui/page-header';
import { ListSkeleton } from '@/components/ui/skeleton';
import { callApi } from '@/lib/api-client';
import { fullTime } from '@/lib/format-time';
import { routeKey } from '@/lib/route-query';

export default function AdminAuditPage() {
  const audit = useInfiniteQuery({
    queryKey: routeKey(apiRoutes.adminAudit),
    queryFn: ({ pageParam, signal }) => callApi(apiRoutes.adminAudit, { query: { cursor: pageParam } }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
  const entries = audit.data?.pages.flatMap((page) => page.items);
  return (
    <div>
      <PageHeader title="Audit log">
        Every change made in this console and every role granted or revoked with the admin CLI, newest first.
      </PageHeader>
      <p className="mb-4 flex flex-wrap gap-3 text-sm">
        <a
          className="font-medium text-brand-700 underline dark:text-brand-100"
          href={routeUrl(apiRoutes.adminAuditExport, { query: { format: 'csv' } })}
          download
        >
          Download as CSV
        </a>
        <a
          className="font-medium text-brand-700 underline dark:text-brand-100"
          href={routeUrl(apiRoutes.adminAuditExport, { query: { format: 'json' } })}
          download
        >
          Download as JSON
        </a>
      </p>
      {entries ? null : <ListSkeleton label="Loading the audit log" rows={3} avatars={false} />}
      {entries && entries.length === 0 ? (
        <p className="text-sm text-slate-600 dark:text-slate-400">No admin action yet.</p>
      ) : null}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Audit log">
        {entries?.map((entry) => (
          <li key={entry.id} className="py-2 text-sm" data-testid="audit-entry">
            <p className="break-all">
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
          Older entries
        </Button>
      ) : null}
    </div>
  );
}
