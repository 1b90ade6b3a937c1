'use client';

import { useQuery } from '@tanstack/react-query';
import { apiRoutes } from '@openmsg/core/api';
import { PageHeader } from '@/components/ui/page-header';
import { ListSkeleton } from '@/components/ui/skeleton';
import { formatBytes } from '@/lib/format-bytes';
import { routeQuery } from '@/lib/route-query';

export default function AdminStoragePage() {
  const usage = useQuery(routeQuery(apiRoutes.adminStorage, { query: { limit: 100 } })).data;
  return (
    <div>
      <PageHeader title="Storage">
        What this node stores per account: the messages (as stored, encrypted at rest where the node has a key).
      </PageHeader>
      {usage ? (
        <p className="mb-3 text-sm">All accounts: {formatBytes(usage.totalBytes)}</p>
      ) : (
        <ListSkeleton label="Loading storage use" rows={3} avatars={false} />
      )}
      <ul className="divide-y divide-slate-100 dark:divide-slate-800" aria-label="Storage per account">
        {usage?.items.map((item) => (
          <li key={item.address} className="flex flex-wrap justify-between gap-2 py-2 text-sm">
            <span className="min-w-0 break-all">
              <span className="font-medium">{item.displayName || item.address}</span> · {item.address}
            </span>
            <span>{formatBytes(item.totalBytes)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
