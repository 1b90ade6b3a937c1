'use client';

import { useQuery } from '@tanstack/react-query';
import { apiRoutes } from '@openmsg/core/api';
import { PageHeader } from '@/components/ui/page-header';
import { ListSkeleton } from '@/components/ui/skeleton';
import { routeQuery } from '@/lib/route-query';

export default function AdminOverviewPage() {
  const { data } = useQuery(routeQuery(apiRoutes.adminOverview));
  return (
    <div className="space-y-6">
      <PageHeader title="Admin">
        Manage {data?.domain ?? 'this node'}: accounts, invitations, deliveries and what every admin did.
      </PageHeader>
      {data ? (
        <dl className="grid grid-cols-2 gap-3 sm:grid-cols-3">
          {[
            ['Active accounts', data.accounts.active],
            ['Disabled accounts', data.accounts.disabled],
            ['Admins', data.accounts.admins],
            ['Messages waiting', data.delivery.waiting],
            ['Messages failed', data.delivery.failed],
            ['Registration', data.registration.mode],
          ].map(([label, value]) => (
            <div key={label} className="rounded-lg border border-slate-200 p-3 dark:border-slate-800">
              <dt className="text-xs text-slate-600 dark:text-slate-400">{label}</dt>
              <dd className="text-xl font-semibold">{value}</dd>
            </div>
          ))}
        </dl>
      ) : (
        <ListSkeleton label="Loading the overview" rows={2} />
      )}
    </div>
  );
}
